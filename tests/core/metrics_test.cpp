#include <string>

#include <gtest/gtest.h>

#include "scim/core/metrics.hpp"

namespace scim::core::metrics {
namespace {

// The exposition's lines of one family (its name starts them all).
std::string lines_of(std::string const& exposition, std::string const& name) {
    std::string out;
    std::size_t at = 0;
    while (at < exposition.size()) {
        auto const end = exposition.find('\n', at);
        auto const line = exposition.substr(at, end - at);
        if (line.find(name) != std::string::npos) out += line + "\n";
        at = end + 1;
    }
    return out;
}

TEST(metrics, counter_renders_help_type_and_labelled_series) {
    family f("test_requests_total", "Requests.\nCounted.", kind::counter, {"route", "status"});
    f.add({"/Users/{id}", "200"});
    f.add({"/Users/{id}", "200"}, 2);
    f.add({"a\"b\\c\nd", "404"});
    EXPECT_EQ(lines_of(render(), "test_requests_total"),
              "# HELP test_requests_total Requests.\\nCounted.\n"
              "# TYPE test_requests_total counter\n"
              "test_requests_total{route=\"/Users/{id}\",status=\"200\"} 3\n"
              "test_requests_total{route=\"a\\\"b\\\\c\\nd\",status=\"404\"} 1\n");
}

TEST(metrics, histogram_buckets_are_cumulative_with_sum_and_count) {
    family f("test_duration_seconds", "Durations.", kind::histogram, {"route"}, {0.1, 1});
    f.observe({"/x"}, 0.05);
    f.observe({"/x"}, 0.1);  // an upper bound is inclusive (le)
    f.observe({"/x"}, 0.5);
    f.observe({"/x"}, 7);
    EXPECT_EQ(lines_of(render(), "test_duration_seconds"),
              "# HELP test_duration_seconds Durations.\n"
              "# TYPE test_duration_seconds histogram\n"
              "test_duration_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
              "test_duration_seconds_bucket{route=\"/x\",le=\"1\"} 3\n"
              "test_duration_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n"
              "test_duration_seconds_sum{route=\"/x\"} 7.65\n"
              "test_duration_seconds_count{route=\"/x\"} 4\n");
}

TEST(metrics, filter_hides_series_of_other_directories) {
    family f("test_writes_total", "Writes.", kind::counter, {"directory"});
    f.add({"mine"});
    f.add({"theirs"});
    auto const shown =
        render([](std::string_view label, std::string_view value) { return label != "directory" || value == "mine"; });
    auto const lines = lines_of(shown, "test_writes_total");
    EXPECT_NE(lines.find("test_writes_total{directory=\"mine\"} 1"), std::string::npos) << lines;
    EXPECT_EQ(lines.find("theirs"), std::string::npos) << lines;
}

TEST(metrics, hooks_set_gauges_before_a_scrape_and_go_with_their_scope) {
    family gauge("test_open", "Open.", kind::gauge, {});
    int reads = 0;
    {
        scrape_hook hook([&] { gauge.set({}, ++reads * 10); });
        EXPECT_NE(render().find("test_open 10\n"), std::string::npos);
        EXPECT_NE(render().find("test_open 20\n"), std::string::npos);
    }
    EXPECT_NE(render().find("test_open 20\n"), std::string::npos);
    EXPECT_EQ(reads, 2);
}

TEST(metrics, a_family_leaves_the_exposition_with_its_scope) {
    { family f("test_gone_total", "Gone.", kind::counter, {}); }
    EXPECT_EQ(render().find("test_gone_total"), std::string::npos);
}

TEST(metrics, gauge_text_is_one_family) {
    EXPECT_EQ(gauge_text("test_age_seconds", "Age.", 42),
              "# HELP test_age_seconds Age.\n# TYPE test_age_seconds gauge\ntest_age_seconds 42\n");
}

}  // namespace
}  // namespace scim::core::metrics
