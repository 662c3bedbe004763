// List query parameters (RFC 7644 §3.4.2): parse_list_query().

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scim/core/error.hpp"
#include "scim/protocol/list_query.hpp"

#include <boost/json/parse.hpp>

namespace scim::protocol {
namespace {

using parameters = std::vector<std::pair<std::string, std::string>>;

core::scim_limits limits() {
    core::scim_limits l;
    l.default_page_size = 100;
    l.max_page_size = 1000;
    return l;
}

struct accepted_case {
    char const* name;
    parameters given;
    std::int64_t start_index;
    std::int64_t count;
    std::optional<std::string> filter;
};

class list_query_accepted : public testing::TestWithParam<accepted_case> {};

TEST_P(list_query_accepted, reads_as_expected) {
    auto const& c = GetParam();
    auto q = parse_list_query(c.given, limits());
    EXPECT_EQ(q.start_index, c.start_index);
    EXPECT_EQ(q.count, c.count);
    EXPECT_EQ(q.filter, c.filter);
}

constexpr auto int64_max = std::numeric_limits<std::int64_t>::max();

INSTANTIATE_TEST_SUITE_P(
    cases, list_query_accepted,
    testing::Values(
        accepted_case{"defaults", {}, 1, 100, std::nullopt},
        accepted_case{"explicit", {{"startIndex", "21"}, {"count", "10"}}, 21, 10, std::nullopt},
        accepted_case{"zero_count", {{"count", "0"}}, 1, 0, std::nullopt},
        accepted_case{"count_capped", {{"count", "5000"}}, 1, 1000, std::nullopt},
        accepted_case{"huge_count_capped", {{"count", "99999999999999999999999"}}, 1, 1000, std::nullopt},
        accepted_case{
            "huge_start_saturates", {{"startIndex", "99999999999999999999999"}}, int64_max, 100, std::nullopt},
        accepted_case{"plus_sign", {{"startIndex", "+3"}}, 3, 100, std::nullopt},
        // RFC 7644 §3.4.2.4: below 1 is read as 1, a negative count as 0.
        accepted_case{"start_zero", {{"startIndex", "0"}}, 1, 100, std::nullopt},
        accepted_case{"negative_start", {{"startIndex", "-5"}}, 1, 100, std::nullopt},
        accepted_case{"negative_count", {{"count", "-1"}}, 1, 0, std::nullopt},
        accepted_case{"names_case_insensitive", {{"STARTINDEX", "2"}, {"Count", "3"}, {"FILTER", "x"}}, 2, 3, "x"},
        accepted_case{"filter_captured", {{"filter", "userName eq \"b\""}}, 1, 100, "userName eq \"b\""},
        accepted_case{"unknown_ignored", {{"sortBy", "userName"}, {"attributes", "id"}}, 1, 100, std::nullopt}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(list_query, default_count_never_exceeds_the_maximum) {
    core::scim_limits l;
    l.default_page_size = 500;
    l.max_page_size = 50;
    EXPECT_EQ(parse_list_query({}, l).count, 50);
}

struct refused_case {
    char const* name;
    parameters given;
};

class list_query_refused : public testing::TestWithParam<refused_case> {};

TEST_P(list_query_refused, is_invalid_value) {
    try {
        parse_list_query(GetParam().given, limits());
        FAIL() << "accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_value);
        EXPECT_EQ(e.status(), 400);
        EXPECT_NE(e.detail().find(GetParam().given.front().first), std::string::npos) << e.detail();
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, list_query_refused,
    testing::Values(refused_case{"word", {{"count", "ten"}}}, refused_case{"fraction", {{"startIndex", "1.5"}}},
                    refused_case{"empty", {{"count", ""}}}, refused_case{"sign_only", {{"count", "-"}}},
                    refused_case{"space", {{"startIndex", " 1"}}}, refused_case{"exponent", {{"count", "1e2"}}},
                    refused_case{"repeated", {{"count", "1"}, {"count", "2"}}},
                    refused_case{"sort_order", {{"sortOrder", "up"}}},
                    refused_case{"cursor_and_start", {{"cursor", ""}, {"startIndex", "1"}}}),
    [](auto const& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace scim::protocol

namespace scim::protocol {
namespace {

TEST(list_query_parameters, sorting_projection_and_cursor_are_read) {
    auto q = parse_list_query(
        {{"sortBy", "name.familyName"}, {"SORTORDER", "Descending"}, {"attributes", "userName,emails"}, {"cursor", ""}},
        core::scim_limits{});
    EXPECT_EQ(q.sort_by, "name.familyName");
    EXPECT_EQ(q.order, sort_order::descending);
    EXPECT_EQ(q.attributes, "userName,emails");
    ASSERT_TRUE(q.cursor);
    EXPECT_TRUE(q.cursor->empty());
    EXPECT_FALSE(parse_list_query({}, core::scim_limits{}).cursor);
}

TEST(list_query_parameters, an_empty_filter_is_invalid_filter) {
    try {
        parse_list_query({{"filter", "  "}}, core::scim_limits{});
        FAIL();
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_filter);
    }
}

TEST(search_request, reads_the_same_parameters_from_the_body) {
    auto body = boost::json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "attributes":["userName","name.givenName"],"filter":"userName pr","sortBy":"userName","sortOrder":"descending",
        "startIndex":3,"count":5,"unknownMember":true})")
                    .as_object();
    auto q = parse_search_request(body, core::scim_limits{});
    EXPECT_EQ(q.attributes, "userName,name.givenName");
    EXPECT_EQ(q.filter, "userName pr");
    EXPECT_EQ(q.start_index, 3);
    EXPECT_EQ(q.count, 5);
    EXPECT_EQ(q.order, sort_order::descending);
}

TEST(search_request, refuses_wrong_types_and_a_missing_schema) {
    for (auto const* text :
         {R"({"filter":"userName pr"})",
          R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":"5"})",
          R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"attributes":"userName"})",
          R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":1.5})",
          R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":7})"}) {
        try {
            parse_search_request(boost::json::parse(text).as_object(), core::scim_limits{});
            ADD_FAILURE() << text << " was accepted";
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::invalid_value) << text;
        }
    }
}

}  // namespace
}  // namespace scim::protocol
