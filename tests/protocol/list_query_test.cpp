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
        accepted_case{"start_zero_reads_as_one", {{"startIndex", "0"}}, 1, 100, std::nullopt},
        accepted_case{"negative_start_reads_as_one", {{"startIndex", "-5"}}, 1, 100, std::nullopt},
        accepted_case{"negative_count_reads_as_zero", {{"count", "-1"}}, 1, 0, std::nullopt},
        accepted_case{"zero_count", {{"count", "0"}}, 1, 0, std::nullopt},
        accepted_case{"count_capped", {{"count", "5000"}}, 1, 1000, std::nullopt},
        accepted_case{"huge_count_capped", {{"count", "99999999999999999999999"}}, 1, 1000, std::nullopt},
        accepted_case{"huge_start_saturates", {{"startIndex", "99999999999999999999999"}}, int64_max, 100, std::nullopt},
        accepted_case{"plus_sign", {{"startIndex", "+3"}}, 3, 100, std::nullopt},
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

INSTANTIATE_TEST_SUITE_P(cases, list_query_refused,
                         testing::Values(refused_case{"word", {{"count", "ten"}}},
                                         refused_case{"fraction", {{"startIndex", "1.5"}}},
                                         refused_case{"empty", {{"count", ""}}},
                                         refused_case{"sign_only", {{"count", "-"}}},
                                         refused_case{"space", {{"startIndex", " 1"}}},
                                         refused_case{"exponent", {{"count", "1e2"}}}),
                         [](auto const& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace scim::protocol
