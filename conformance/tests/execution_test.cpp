#include "execution.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

area const users = parse_area(json::parse(R"({"area":"users","cases":[
  {"id":"create","title":"t","cite":"RFC 7644 §3.3",
   "steps":[{"title":"create","method":"POST","path":"/Users","body":{"userName":"${prefix}.ann"},
             "expect":{"status":201},"capture":{"user_id":"$.id"}},
            {"method":"GET","path":"/Users/${user_id}?attributes=userName","expect":{"status":200,"json":[{"path":"$.userName","equals":"${prefix}.ann"}]}},
            {"method":"GET","path":"/Users","auth":"none","expect":{"status":401}},
            {"method":"GET","path":"/Users","auth":"invalid","headers":{"accept":"application/json"},"expect":{"status":401}}],
   "cleanup":[{"method":"DELETE","path":"/Users/${user_id}"}]},
  {"id":"needs-sort","title":"t","cite":"x","requires":["sort"],"steps":[{"method":"GET","path":"/Users"}]}
]})"));

// A fake server: records what it is sent, answers from a script.
struct recorder {
    std::vector<http_request> sent;
    std::vector<http_response> answers;

    transport send() {
        return [this](http_request const& r) {
            sent.push_back(r);
            if (sent.size() > answers.size()) throw std::runtime_error("connection reset");
            return answers[sent.size() - 1];
        };
    }
};

target_server const server{"/scim/v2", {auth_scheme::bearer, "secret"}};
server_claims const claims{{"patch"}, {"user"}, {}, {}};

TEST(execution, sends_the_steps_with_variables_captures_and_authentication_then_cleans_up) {
    recorder r{{},
               {{201, {}, R"({"id":"u 1"})"},
                {200, {}, R"({"userName":"cf1-1.ann"})"},
                {401, {}, ""},
                {401, {}, ""},
                {204, {}, ""}}};
    auto result = run_case(users, users.cases[0], claims, {{"prefix", "cf1-1"}}, server, r.send());
    EXPECT_EQ(result.result, outcome::passed) << ::testing::PrintToString(result.failures);
    ASSERT_EQ(r.sent.size(), 5u);
    EXPECT_EQ(r.sent[0].target, "/scim/v2/Users");
    EXPECT_EQ(r.sent[0].body, R"({"userName":"cf1-1.ann"})");
    EXPECT_EQ(r.sent[0].headers,
              (std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer secret"},
                                                                {"Accept", "application/scim+json"},
                                                                {"Content-Type", "application/scim+json"}}));
    EXPECT_EQ(r.sent[1].target, "/scim/v2/Users/u%201?attributes=userName");
    EXPECT_EQ(r.sent[2].headers,
              (std::vector<std::pair<std::string, std::string>>{{"Accept", "application/scim+json"}}));
    EXPECT_EQ(r.sent[3].headers,
              (std::vector<std::pair<std::string, std::string>>{
                  {"Authorization", "Bearer scim-conformance-invalid-token"}, {"accept", "application/json"}}));
    EXPECT_EQ(r.sent[4].method, "DELETE");
    EXPECT_EQ(r.sent[4].target, "/scim/v2/Users/u%201");
}

TEST(execution, basic_credentials_replace_the_token_and_invalid_ones_keep_the_scheme) {
    recorder r{{},
               {{201, {}, R"({"id":"u1"})"},
                {200, {}, R"({"userName":"cf1-1.ann"})"},
                {401, {}, ""},
                {401, {}, ""},
                {204, {}, ""}}};
    target_server const basic_server{"/scim/v2", {auth_scheme::basic, "admin:secret"}};
    auto result = run_case(users, users.cases[0], claims, {{"prefix", "cf1-1"}}, basic_server, r.send());
    EXPECT_EQ(result.result, outcome::passed) << ::testing::PrintToString(result.failures);
    ASSERT_EQ(r.sent.size(), 5u);
    EXPECT_EQ(r.sent[0].headers.front(),
              (std::pair<std::string, std::string>{"Authorization", "Basic YWRtaW46c2VjcmV0"}));
    EXPECT_EQ(r.sent[2].headers,
              (std::vector<std::pair<std::string, std::string>>{{"Accept", "application/scim+json"}}));
    ASSERT_FALSE(r.sent[3].headers.empty());
    EXPECT_EQ(r.sent[3].headers.front().first, "Authorization");
    EXPECT_TRUE(r.sent[3].headers.front().second.starts_with("Basic "));
    EXPECT_NE(r.sent[3].headers.front().second, "Basic YWRtaW46c2VjcmV0");
    EXPECT_EQ(r.sent[4].headers.front().second, "Basic YWRtaW46c2VjcmV0");
}

TEST(execution, stops_at_the_first_failing_step_and_still_cleans_up) {
    recorder r{{}, {{201, {}, R"({"id":"u1"})"}, {200, {}, R"({"userName":"someone.else"})"}, {204, {}, ""}}};
    auto result = run_case(users, users.cases[0], claims, {{"prefix", "cf1-1"}}, server, r.send());
    EXPECT_EQ(result.result, outcome::failed);
    ASSERT_EQ(result.failures.size(), 2u);
    EXPECT_EQ(
        result.failures[0],
        "step 2: GET /scim/v2/Users/u1?attributes=userName: $.userName should equal \"cf1-1.ann\" but $.userName is "
        "\"someone.else\"");
    ASSERT_EQ(r.sent.size(), 3u);
    EXPECT_EQ(r.sent[2].method, "DELETE");
}

TEST(execution, cleanup_needing_an_uncaptured_variable_is_not_sent) {
    recorder r{{}, {{400, {}, R"({"detail":"no"})"}}};
    auto result = run_case(users, users.cases[0], claims, {{"prefix", "cf1-1"}}, server, r.send());
    EXPECT_EQ(result.result, outcome::failed);
    EXPECT_EQ(result.failures[0], "step 1 (create): POST /scim/v2/Users: status should be 201 but is 400");
    EXPECT_EQ(r.sent.size(), 1u);
}

TEST(execution, captures_from_a_failing_step_so_that_cleanup_removes_what_it_created) {
    recorder r{{}, {{200, {}, R"({"id":"u9"})"}, {204, {}, ""}}};
    auto result = run_case(users, users.cases[0], claims, {{"prefix", "cf1-1"}}, server, r.send());
    EXPECT_EQ(result.result, outcome::failed);
    ASSERT_EQ(r.sent.size(), 2u);
    EXPECT_EQ(r.sent[1].target, "/scim/v2/Users/u9");
}

TEST(execution, a_missing_capture_or_response_fails_the_case) {
    recorder no_id{{}, {{201, {}, R"({"userName":"x"})"}}};
    auto result = run_case(users, users.cases[0], claims, {{"prefix", "p"}}, server, no_id.send());
    EXPECT_EQ(result.result, outcome::failed);
    EXPECT_EQ(result.failures, std::vector<std::string>{"step 2: no value for ${user_id}"});
    EXPECT_EQ(no_id.sent.size(), 1u);  // neither step 2 nor the cleanup could be sent

    recorder silent{{}, {}};
    result = run_case(users, users.cases[0], claims, {{"prefix", "p"}}, server, silent.send());
    EXPECT_EQ(result.result, outcome::failed);
    EXPECT_EQ(result.failures[0], "step 1 (create): POST /scim/v2/Users: connection reset");
}

TEST(execution, skips_with_the_reason_what_the_server_does_not_claim) {
    recorder r;
    auto result = run_case(users, users.cases[1], claims, {}, server, r.send());
    EXPECT_EQ(result.result, outcome::skipped);
    EXPECT_EQ(result.reason, "the server's /ServiceProviderConfig says sort.supported is not true");
    EXPECT_TRUE(r.sent.empty());
}

}  // namespace
}  // namespace scim::conformance
