#include "known_failures.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

known_failures const known = parse_known_failures(
    boost::json::parse(R"({"known_failures":[{"case":"paging/zero","reason":"stricter on purpose"}]})"));

case_result result(std::string const& id, outcome o) {
    case_result r;
    r.area = "paging";
    r.id = id;
    r.result = o;
    if (o == outcome::failed) r.failures = {"step 1: status should be 200 but is 400"};
    return r;
}

TEST(known_failures, a_listed_failure_is_known_with_its_reason) {
    auto r = result("zero", outcome::failed);
    apply_known_failures(r, known);
    EXPECT_EQ(r.result, outcome::known_failure);
    EXPECT_EQ(r.reason, "stricter on purpose");
    EXPECT_EQ(r.failures.size(), 1u);
}

TEST(known_failures, a_listed_case_that_passes_fails_so_the_list_stays_true) {
    auto r = result("zero", outcome::passed);
    apply_known_failures(r, known);
    EXPECT_EQ(r.result, outcome::failed);
    EXPECT_EQ(r.failures, std::vector<std::string>{
                              "listed as a known failure (stricter on purpose) but passes: remove it from the list"});
}

TEST(known_failures, other_cases_and_skips_are_untouched) {
    auto failed = result("other", outcome::failed);
    apply_known_failures(failed, known);
    EXPECT_EQ(failed.result, outcome::failed);
    auto skipped = result("zero", outcome::skipped);
    apply_known_failures(skipped, known);
    EXPECT_EQ(skipped.result, outcome::skipped);
}

TEST(known_failures, refuses_entries_without_a_reason) {
    for (char const* bad : {R"([])", R"({"known_failures":{}})", R"({"known_failures":[{"case":"a/b"}]})",
                            R"({"known_failures":[{"case":"a/b","reason":""}]})", R"({"known_failures":[1]})"}) {
        EXPECT_THROW(parse_known_failures(boost::json::parse(bad)), case_format_error) << bad;
    }
}

}  // namespace
}  // namespace scim::conformance
