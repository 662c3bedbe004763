#include "case_model.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

area parse(std::string const& text) { return parse_area(json::parse(text)); }

TEST(case_model, reads_a_complete_case) {
    auto a = parse(R"({"area":"users","description":"d","requires":["resource:User"],"cases":[{
        "id":"create","title":"Create","cite":"RFC 7644 §3.3","requires":["patch"],
        "steps":[{"title":"create","method":"POST","path":"/Users","headers":{"X-A":"1"},"body":{"userName":"${prefix}"},
                  "expect":{"status":[200,201],"headers":{"Location":true,"X-No":false,"ETag":"^W/"},
                            "json":[{"path":"$.id","exists":true},{"path":"$.userName","equals":"${prefix}"},
                                    {"path":"$.emails","length":0},{"path":"$.x","absent":true},
                                    {"path":"$.schemas","contains":"urn"},{"path":"$.id","matches":"."}]},
                  "capture":{"user_id":"$.id","tag":"header:ETag"}},
                 {"method":"POST","path":"/Users","body_text":"{","auth":"none","expect":{"status":400}}],
        "cleanup":[{"method":"DELETE","path":"/Users/${user_id}"}]}]})");
    EXPECT_EQ(a.name, "users");
    EXPECT_EQ(a.required_features, std::vector<std::string>{"resource:User"});
    ASSERT_EQ(a.cases.size(), 1u);
    auto const& c = a.cases[0];
    EXPECT_EQ(c.cite, "RFC 7644 §3.3");
    EXPECT_EQ(c.required_features, std::vector<std::string>{"patch"});
    ASSERT_EQ(c.steps.size(), 2u);
    auto const& s = c.steps[0];
    EXPECT_EQ(s.title, "create");
    EXPECT_EQ(s.headers, (std::vector<std::pair<std::string, std::string>>{{"X-A", "1"}}));
    EXPECT_EQ(s.statuses, (std::vector<int>{200, 201}));
    ASSERT_EQ(s.expect_headers.size(), 3u);
    EXPECT_TRUE(s.expect_headers[0].present);
    EXPECT_FALSE(s.expect_headers[1].present);
    EXPECT_EQ(s.expect_headers[2].pattern, "^W/");
    ASSERT_EQ(s.expect_json.size(), 6u);
    EXPECT_EQ(s.expect_json[1].kind, json_expectation::check::equals);
    EXPECT_EQ(s.expect_json[2].kind, json_expectation::check::length);
    EXPECT_EQ(s.expect_json[3].kind, json_expectation::check::absent);
    EXPECT_EQ(s.expect_json[4].kind, json_expectation::check::contains);
    EXPECT_EQ(s.expect_json[5].kind, json_expectation::check::matches);
    EXPECT_EQ(s.captures[1], (std::pair<std::string, std::string>{"tag", "header:ETag"}));
    EXPECT_EQ(c.steps[1].body_text, "{");
    EXPECT_EQ(c.steps[1].auth, authentication::none);
    EXPECT_EQ(c.steps[1].statuses, std::vector<int>{400});
    ASSERT_EQ(c.cleanup.size(), 1u);
}

TEST(case_model, refuses_mistakes_that_would_turn_a_check_off) {
    auto wrap = [](std::string const& step) {
        return R"({"area":"a","cases":[{"id":"c","title":"t","cite":"RFC","steps":[)" + step + "]}]}";
    };
    char const* const bad_steps[] = {
        R"({"path":"/Users"})",                                     // no method
        R"({"method":"GET"})",                                      // no path
        R"({"method":"GET","path":"/","expect":{"stauts":200}})",   // typo
        R"({"method":"GET","path":"/","expects":{"status":200}})",  // typo
        R"({"method":"GET","path":"/","expect":{"status":"200"}})",
        R"({"method":"GET","path":"/","expect":{"json":[{"path":"$.a"}]}})",  // no check
        R"({"method":"GET","path":"/","expect":{"json":[{"path":"$.a","equals":1,"exists":true}]}})",
        R"({"method":"GET","path":"/","expect":{"json":[{"path":"$.a","exists":false}]}})",
        R"({"method":"GET","path":"/","expect":{"json":[{"path":"$.a","length":"2"}]}})",
        R"({"method":"GET","path":"/","expect":{"json":[{"path":"$.a","type":"int"}]}})",
        R"({"method":"GET","path":"/","expect":{"headers":{"ETag":1}}})",
        R"({"method":"GET","path":"/","auth":"basic"})",
        R"({"method":"GET","path":"/","body":{},"body_text":"{}"})",
        R"({"method":"GET","path":"/","capture":{"id":1}})",
    };
    for (auto const* s : bad_steps) EXPECT_THROW(parse(wrap(s)), case_format_error) << s;
    EXPECT_THROW(parse(R"({"area":"a","cases":[{"id":"c","title":"t","steps":[]}]})"), case_format_error);  // no cite
    EXPECT_THROW(parse(R"({"cases":[]})"), case_format_error);
    EXPECT_THROW(parse(R"({"area":"a","cases":[{"id":"c","title":"t","cite":"x","steps":[]},
                                              {"id":"c","title":"t","cite":"x","steps":[]}]})"),
                 case_format_error);
}

}  // namespace
}  // namespace scim::conformance
