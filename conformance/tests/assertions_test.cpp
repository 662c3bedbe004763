#include "assertions.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

http_response const response{201,
                             {{"content-type", "application/scim+json"}, {"ETag", "W/\"3\""}},
                             R"({"id":"u1","userName":"cf1.ann","active":true,"count":2,"groups":[],
                                 "emails":[{"type":"work","value":"a@w","primary":true},{"type":"home","value":"a@h"}],
                                 "nickName":null})"};

// A step holding just this JSON check.
step json_step(std::string const& check) {
    auto a = parse_area(json::parse(R"({"area":"a","cases":[{"id":"c","title":"t","cite":"x","steps":[
        {"method":"GET","path":"/","expect":{"json":[)" +
                                    check + "]}}]}]}"));
    return a.cases[0].steps[0];
}

std::size_t failures(std::string const& check) {
    return check_response(json_step(check), response, {{"prefix", "cf1"}, {"id", "u1"}}).size();
}

TEST(assertions, json_checks) {
    struct row {
        char const* check;
        bool holds;
    };
    row const table[] = {
        {R"({"path":"$.id","equals":"u1"})", true},
        {R"({"path":"$.id","equals":"${id}"})", true},
        {R"({"path":"$.userName","equals":"${prefix}.ann"})", true},
        {R"({"path":"$.userName","equals":"CF1.ANN"})", false},
        {R"({"path":"$.count","equals":2.0})", true},
        {R"({"path":"$.missing","equals":null})", false},
        {R"({"path":"$.emails[*].type","equals":"work"})", false},
        {R"({"path":"$.id","equalsIfPresent":"u1"})", true},
        {R"({"path":"$.id","equalsIfPresent":"u2"})", false},
        {R"({"path":"$.missing","equalsIfPresent":"x"})", true},
        {R"({"path":"$.nickName","equalsIfPresent":"x"})", true},  // null: unassigned
        {R"({"path":"$.id","exists":true})", true},
        {R"({"path":"$.nickName","exists":true})", false},  // null is unassigned (RFC 7643 §2.5)
        {R"({"path":"$.groups","exists":true})", false},
        {R"({"path":"$.nickName","absent":true})", true},
        {R"({"path":"$.groups","absent":true})", true},
        {R"({"path":"$.password","absent":true})", true},
        {R"({"path":"$.active","absent":true})", false},
        {R"({"path":"$.emails","contains":{"type":"work","value":"a@w"}})", true},
        {R"({"path":"$.emails","contains":{"TYPE":"home"}})", true},
        {R"({"path":"$.emails","contains":{"type":"other"}})", false},
        {R"({"path":"$.emails[*].value","contains":"a@h"})", true},
        {R"({"path":"$.userName","contains":"ann"})", false},
        {R"({"path":"$.userName","matches":"^cf1\\."})", true},
        {R"({"path":"$.userName","matches":"^ann"})", false},
        {R"({"path":"$.count","matches":"2"})", false},
        {R"({"path":"$.missing","matches":"."})", false},
        {R"({"path":"$.emails","length":2})", true},
        {R"({"path":"$.groups","length":0})", true},
        {R"({"path":"$.members","length":0})", true},  // omitted multi-valued: empty
        {R"({"path":"$.emails[?(@.type=='work')]","length":1})", true},
        {R"({"path":"$.emails","length":3})", false},
        {R"({"path":"$.count","type":"integer"})", true},
        {R"({"path":"$.count","type":"number"})", true},
        {R"({"path":"$.id","type":"string"})", true},
        {R"({"path":"$.active","type":"boolean"})", true},
        {R"({"path":"$.emails","type":"array"})", true},
        {R"({"path":"$.emails[0]","type":"object"})", true},
        {R"({"path":"$.id","type":"integer"})", false},
        {R"({"path":"$.missing","type":"string"})", false},
    };
    for (auto const& r : table) EXPECT_EQ(failures(r.check), r.holds ? 0u : 1u) << r.check;
}

TEST(assertions, status_and_headers) {
    auto a = parse_area(json::parse(R"({"area":"a","cases":[{"id":"c","title":"t","cite":"x","steps":[
        {"method":"GET","path":"/","expect":{"status":[200,201],"headers":{"etag":true,"Location":false,"Content-Type":"^application/scim\\+json$"}}},
        {"method":"GET","path":"/","expect":{"status":204,"headers":{"Location":true,"ETag":false,"Content-Type":"xml","X-Missing":"."}}}]}]})"));
    EXPECT_TRUE(check_response(a.cases[0].steps[0], response, {}).empty());
    EXPECT_EQ(check_response(a.cases[0].steps[1], response, {}),
              (std::vector<std::string>{"status should be 204 but is 201", "header Location should be present",
                                        "header ETag should be absent but is \"W/\"3\"\"",
                                        "header Content-Type should match /xml/ but is \"application/scim+json\"",
                                        "header X-Missing should match /./ but is absent"}));
}

TEST(assertions, a_body_that_is_not_json_fails_json_checks) {
    http_response html{200, {}, "<html>"};
    EXPECT_EQ(check_response(json_step(R"({"path":"$.id","exists":true})"), html, {}).size(), 1u);
}

TEST(assertions, captures_strings_other_values_and_headers) {
    EXPECT_EQ(capture("$.id", response), "u1");
    EXPECT_EQ(capture("$.count", response), "2");
    EXPECT_EQ(capture("$.emails[?(@.type=='home')].value", response), "a@h");
    EXPECT_EQ(capture("header:etag", response), "W/\"3\"");
    EXPECT_EQ(capture("$.nickName", response), std::nullopt);
    EXPECT_EQ(capture("$.missing", response), std::nullopt);
    EXPECT_EQ(capture("header:Location", response), std::nullopt);
    EXPECT_EQ(capture("$.id", http_response{200, {}, "not json"}), std::nullopt);
}

}  // namespace
}  // namespace scim::conformance
