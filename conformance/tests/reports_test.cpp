#include "reports.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

std::vector<case_result> const results{
    {"users", "create", "Create a user", "RFC 7644 §3.3", outcome::passed, "", {}, 0.25},
    {"users",
     "put",
     "Replace <all>",
     "RFC 7644 §3.5.1",
     outcome::failed,
     "",
     {"step 1: status should be 200 but is 500", "more"},
     1},
    {"bulk", "post", "Bulk", "RFC 7644 §3.7", outcome::skipped, "bulk.supported is not true", {}, 0},
    {"paging", "zero", "Zero", "RFC 7644 §3.4.2.4", outcome::known_failure, "stricter on purpose", {"step 1: 400"}, 0},
};

TEST(reports, text_lines_and_the_closing_summary) {
    EXPECT_EQ(progress_line(results[0]), "PASS users/create  Create a user [RFC 7644 §3.3]\n");
    EXPECT_EQ(
        progress_line(results[1]),
        "FAIL users/put  Replace <all> [RFC 7644 §3.5.1]\n     step 1: status should be 200 but is 500\n     more\n");
    EXPECT_EQ(progress_line(results[2]),
              "SKIP bulk/post  Bulk [RFC 7644 §3.7]\n     skipped: bulk.supported is not true\n");
    EXPECT_EQ(
        progress_line(results[3]),
        "KNOWN paging/zero  Zero [RFC 7644 §3.4.2.4]\n     known failure: stricter on purpose\n     step 1: 400\n");
    EXPECT_EQ(summary_line(results), "1 passed, 1 failed, 1 skipped, 1 known failures");
    auto text = render_report(results, report_format::text);
    EXPECT_TRUE(text.ends_with("\n1 passed, 1 failed, 1 skipped, 1 known failures\n")) << text;
}

TEST(reports, json_counts_and_cases) {
    auto report = boost::json::parse(render_report(results, report_format::json)).as_object();
    EXPECT_EQ(report.at("passed"), 1);
    EXPECT_EQ(report.at("failed"), 1);
    EXPECT_EQ(report.at("skipped"), 1);
    EXPECT_EQ(report.at("known_failures"), 1);
    auto const& cases = report.at("cases").as_array();
    ASSERT_EQ(cases.size(), 4u);
    EXPECT_EQ(cases[3].at("result"), "known failure");
    EXPECT_EQ(cases[3].at("reason"), "stricter on purpose");
    EXPECT_EQ(cases[1].at("result"), "failed");
    EXPECT_EQ(cases[1].at("failures").as_array().size(), 2u);
    EXPECT_EQ(cases[2].at("reason"), "bulk.supported is not true");
}

TEST(reports, junit_has_one_suite_per_area_and_escapes_text) {
    auto xml = render_report(results, report_format::junit);
    EXPECT_NE(xml.find(R"(<testsuites name="scim-conformance" tests="4" failures="1" skipped="2">)"),
              std::string::npos);
    EXPECT_NE(xml.find(R"(<skipped message="known failure: stricter on purpose">step 1: 400)"), std::string::npos);
    EXPECT_NE(xml.find(R"(<testsuite name="users" tests="2" failures="1" skipped="0">)"), std::string::npos);
    EXPECT_NE(
        xml.find(R"(<testcase classname="users" name="put: Replace &lt;all&gt; [RFC 7644 §3.5.1]" time="1.000">)"),
        std::string::npos);
    EXPECT_NE(xml.find(R"(<failure message="step 1: status should be 200 but is 500">)"), std::string::npos);
    EXPECT_NE(xml.find(R"(<skipped message="bulk.supported is not true"/>)"), std::string::npos);
    EXPECT_TRUE(xml.ends_with("</testsuites>\n"));
}

}  // namespace
}  // namespace scim::conformance
