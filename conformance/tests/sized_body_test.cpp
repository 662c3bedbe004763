// Bodies built to a size the server claims (sized_body.hpp): the numbers read from
// /ServiceProviderConfig, the "claim:" requirement, arrays filled and padding, as a case file
// declares them and as the runner sends them.

#include "sized_body.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "execution.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;

server_claims const claims = read_claims(
    json::parse(R"({"bulk":{"supported":true,"maxOperations":3,"maxPayloadSize":200},"filter":{"maxResults":-5},
                    "etag":{"supported":true},"huge":{"size":99999999999}})"),
    json::parse("[]"), json::parse("[]"));

TEST(sized_body, every_integer_of_a_feature_is_a_claim) {
    EXPECT_EQ(claims.numbers, (std::map<std::string, std::int64_t>{{"bulk.maxOperations", 3},
                                                                   {"bulk.maxPayloadSize", 200},
                                                                   {"filter.maxResults", -5},
                                                                   {"huge.size", 99999999999}}));
    EXPECT_EQ(size_of({"bulk.maxOperations", 1}, claims), 4);
    EXPECT_THROW(size_of({"bulk.nothing", 0}, claims), std::runtime_error);
}

TEST(sized_body, a_claim_requirement_needs_a_positive_number_the_runner_can_build_to) {
    EXPECT_EQ(unmet_requirement(claims, {"claim:bulk.maxOperations", "claim:bulk.maxPayloadSize"}), std::nullopt);
    EXPECT_EQ(unmet_requirement(claims, {"claim:bulk.nothing"}),
              "the server's /ServiceProviderConfig declares no positive number bulk.nothing");
    EXPECT_EQ(unmet_requirement(claims, {"claim:filter.maxResults"}),
              "the server's /ServiceProviderConfig declares no positive number filter.maxResults");
    EXPECT_EQ(unmet_requirement(claims, {"claim:huge.size"}),
              "the server's /ServiceProviderConfig declares huge.size 99999999999, more than the runner builds a "
              "request to (16777216)");
}

TEST(sized_body, an_array_is_filled_up_to_the_count_with_numbered_items) {
    auto body = json::parse(R"({"Operations":[{"first":true}]})").as_object();
    array_fill const r{"Operations", json::parse(R"({"path":"/Users/${prefix}-${i}"})"), {}};
    fill_array(body, r, 3, {{"prefix", "cf1"}});
    EXPECT_EQ(json::serialize(body),
              R"({"Operations":[{"first":true},{"path":"/Users/cf1-1"},{"path":"/Users/cf1-2"}]})");
    auto empty = json::object{};
    fill_array(empty, r, 1, {{"prefix", "p"}});
    EXPECT_EQ(json::serialize(empty), R"({"Operations":[{"path":"/Users/p-1"}]})");
    auto wrong = json::parse(R"({"Operations":{}})").as_object();
    EXPECT_THROW(fill_array(wrong, r, 2, {{"prefix", "p"}}), std::runtime_error);
}

TEST(sized_body, padding_is_white_space_before_the_closing_brace) {
    EXPECT_EQ(padded(R"({"a":1})", 10), R"({"a":1   })");
    EXPECT_EQ(padded(R"({"a":1})", 3), R"({"a":1})");
    EXPECT_EQ(json::parse(padded(R"({"a":{}})", 1000)), json::parse(R"({"a":{}})"));
    EXPECT_THROW(padded("[1]", 10), std::runtime_error);
}

TEST(sized_body, a_case_step_builds_its_body_to_the_servers_claims) {
    auto const a = parse_area(json::parse(R"({"area":"bulk","cases":[
      {"id":"sized","title":"t","cite":"RFC 7644 §3.7.4","requires":["claim:bulk.maxOperations"],
       "steps":[{"method":"POST","path":"/Bulk","body":{"Operations":[]},
                 "fillArray":{"into":"Operations","count":{"claim":"bulk.maxOperations","plus":1},
                           "item":{"method":"DELETE","path":"/Users/${prefix}-${i}"}},
                 "padTo":{"claim":"bulk.maxPayloadSize","plus":1},"expect":{"status":413}}]}]})"));
    std::vector<http_request> sent;
    auto const result = run_case(a, a.cases[0], claims, {{"prefix", "cf1"}}, {"", {auth_scheme::bearer, "t"}},
                                 [&](http_request const& r) {
                                     sent.push_back(r);
                                     return http_response{413, {}, ""};
                                 });
    EXPECT_EQ(result.result, outcome::passed) << ::testing::PrintToString(result.failures);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].body.size(), 201u);
    auto const ops = json::parse(sent[0].body).at("Operations").as_array();
    ASSERT_EQ(ops.size(), 4u);
    EXPECT_EQ(ops[3].at("path").as_string(), "/Users/cf1-4");
}

TEST(sized_body, a_case_file_says_what_is_wrong_with_a_sized_body) {
    auto const area_with = [](std::string const& step) {
        return json::parse(R"({"area":"a","cases":[{"id":"c","title":"t","cite":"x","steps":[)" + step + "]}]}");
    };
    EXPECT_THROW(parse_area(area_with(R"({"method":"POST","path":"/Bulk","padTo":{"claim":"b.x"}})")),
                 case_format_error);
    EXPECT_THROW(
        parse_area(area_with(R"({"method":"POST","path":"/Bulk","body":{},"padTo":{"claim":"b.x","plus":"1"}})")),
        case_format_error);
    EXPECT_THROW(
        parse_area(area_with(R"({"method":"POST","path":"/Bulk","body":{},"fillArray":{"into":"O","item":{}}})")),
        case_format_error);
    EXPECT_NO_THROW(parse_area(area_with(
        R"({"method":"POST","path":"/Bulk","body":{},"fillArray":{"into":"O","count":{"claim":"b.x"},"item":{}}})")));
}

}  // namespace
}  // namespace scim::conformance
