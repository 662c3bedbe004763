// Repeated steps (README "Repeated steps"): a request sent again until a status comes, at most
// a number of times, the last response checked; the number read from a variable.

#include "repetition.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

// A fake server answering 200 `served` times, then 429 with Retry-After unless told not to.
struct limited_server {
    unsigned served = 0;
    bool retry_after = true;
    unsigned sent = 0;
    transport send() {
        return [this](http_request const&) {
            ++sent;
            if (sent <= served) return http_response{200, {}, "{}"};
            http_response refused{
                429, {}, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"429"})"};
            if (retry_after) refused.headers.emplace_back("Retry-After", "7");
            return refused;
        };
    }
};

http_request const list{"GET", "/Users", {}, ""};

TEST(repetition, stops_at_the_first_response_with_the_status) {
    limited_server server{3};
    auto const r = send_until_status(server.send(), list, 429, 10);
    EXPECT_EQ(r.last.status, 429);
    EXPECT_EQ(r.sent, 4u);
    EXPECT_EQ(server.sent, 4u);
}

TEST(repetition, gives_up_after_at_most_and_answers_the_last_response) {
    limited_server server{1000};
    auto const r = send_until_status(server.send(), list, 429, 5);
    EXPECT_EQ(r.last.status, 200);
    EXPECT_EQ(r.sent, 5u);
}

TEST(repetition, sends_once_at_least) {
    limited_server server{0};
    EXPECT_EQ(send_until_status(server.send(), list, 429, 1).sent, 1u);
    limited_server unlimited{1000};
    EXPECT_EQ(send_until_status(unlimited.send(), list, 429, 1).sent, 1u);
}

TEST(repetition, reads_at_most_from_a_number_or_a_variable) {
    EXPECT_EQ(repeat_times("12", {}), 12u);
    EXPECT_EQ(repeat_times("${rate_limit_attempts}", {{"rate_limit_attempts", "6"}}), 6u);
    EXPECT_THROW(repeat_times("0", {}), case_format_error);
    EXPECT_THROW(repeat_times("100001", {}), case_format_error);
    EXPECT_THROW(repeat_times("many", {}), case_format_error);
    EXPECT_THROW(repeat_times("${rate_limit_attempts}", {}), unknown_variable);
}

area const limits = parse_area(json::parse(R"({"area":"rate-limits","requires":["rateLimited"],"cases":[
  {"id":"refused","title":"t","cite":"RFC 6585 §4",
   "steps":[{"method":"GET","path":"/Users","repeat":{"untilStatus":429,"atMost":"${rate_limit_attempts}"},
             "expect":{"status":429,"headers":{"Retry-After":"^[0-9]+$"}}}]}]})"));
target_server const server{"", {auth_scheme::bearer, "secret"}};
server_claims const told{{"rateLimited"}, {"user"}, {}, {}};
variables const attempts{{"rate_limit_attempts", "6"}};

TEST(repetition, a_case_passes_on_a_server_that_refuses_with_retry_after) {
    limited_server s{5};
    auto const result = run_case(limits, limits.cases[0], told, attempts, server, s.send());
    EXPECT_EQ(result.result, outcome::passed) << ::testing::PrintToString(result.failures);
    EXPECT_EQ(s.sent, 6u);
}

TEST(repetition, a_case_fails_on_a_server_that_never_refuses_or_refuses_without_retry_after) {
    limited_server never{1000};
    auto result = run_case(limits, limits.cases[0], told, attempts, server, never.send());
    EXPECT_EQ(result.result, outcome::failed);
    EXPECT_EQ(never.sent, 6u);
    limited_server bare{2, false};
    result = run_case(limits, limits.cases[0], told, attempts, server, bare.send());
    EXPECT_EQ(result.result, outcome::failed);
    EXPECT_NE(::testing::PrintToString(result.failures).find("Retry-After"), std::string::npos)
        << ::testing::PrintToString(result.failures);
}

TEST(repetition, a_case_needing_a_rate_limit_is_skipped_unless_the_runner_is_told) {
    limited_server s{0};
    auto const result = run_case(limits, limits.cases[0], {{}, {"user"}, {}, {}}, {}, server, s.send());
    EXPECT_EQ(result.result, outcome::skipped);
    EXPECT_NE(result.reason.find("--rate-limit-burst"), std::string::npos);
    EXPECT_EQ(s.sent, 0u);
}

TEST(repetition, a_bad_repeat_is_a_case_format_error) {
    auto parse = [](std::string const& repeat) {
        return parse_area(json::parse(R"({"area":"a","cases":[{"id":"c","title":"t","cite":"x","steps":[
            {"method":"GET","path":"/Users","repeat":)" +
                                      repeat + "}]}]}"));
    };
    EXPECT_NO_THROW(parse(R"({"untilStatus":429,"atMost":3})"));
    EXPECT_THROW(parse(R"({"untilStatus":429})"), case_format_error);
    EXPECT_THROW(parse(R"({"untilStatus":"429","atMost":3})"), case_format_error);
    EXPECT_THROW(parse(R"({"untilStatus":429,"atMost":0})"), case_format_error);
    EXPECT_THROW(parse(R"({"untilStatus":429,"atMost":3,"every":1})"), case_format_error);
}

}  // namespace
}  // namespace scim::conformance
