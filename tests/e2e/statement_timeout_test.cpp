// A request's work is bounded in time (--statement-timeout-ms, docs/command-line.md): a
// statement that waits or runs longer is cancelled, its transaction rolled back, and the
// request answered 503 with Retry-After and a detail that says so (docs/errors.md). The test
// holds a lock on its own connection, so that scimd's statement provably waits past the limit.

#include <chrono>

#include "admin_fixture.hpp"
#include "support/pg_connection.hpp"

namespace scim::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto timeout = 300ms;

class statement_timeout : public admin_e2e_test {
protected:
    static void SetUpTestSuite() { start({"--statement-timeout-ms", std::to_string(timeout.count())}); }

    static void expect_timed_out(http_reply const& reply) {
        EXPECT_EQ(reply.status, 503) << reply.body;
        EXPECT_EQ(reply.header("retry-after"), "2");
        auto const detail = std::string(reply.json().at("detail").as_string());
        EXPECT_NE(detail.find("statement timeout"), std::string::npos) << detail;
        EXPECT_NE(detail.find("safe to send again"), std::string::npos) << detail;
    }
};

TEST_F(statement_timeout, a_read_that_waits_longer_is_503_and_the_next_one_is_served) {
    pg_connection holder(server().dsn());
    holder.run("BEGIN; LOCK TABLE scim_users, accounts IN ACCESS EXCLUSIVE MODE");
    auto const started = std::chrono::steady_clock::now();
    auto const reply = scim("GET", "/Users");
    auto const waited = std::chrono::steady_clock::now() - started;
    expect_scim_error(reply, 503, "");
    expect_timed_out(reply);
    EXPECT_GE(waited, timeout);
    EXPECT_LT(waited, 10s);
    // The admin API answers the same, in its own shape.
    auto const listed = admin("GET", "/managed-accounts");
    expect_timed_out(listed);
    EXPECT_EQ(listed.json().at("error"), "service_unavailable");
    holder.run("ROLLBACK");
    EXPECT_EQ(scim("GET", "/Users").status, 200);
}

TEST_F(statement_timeout, a_write_that_waits_longer_is_503_writes_nothing_and_is_journaled) {
    auto const user = scim("POST", "/Users", user_body("timed.out@acme.com"));
    ASSERT_EQ(user.status, 201) << user.body;
    auto const group =
        scim("POST", "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"slow"})");
    ASSERT_EQ(group.status, 201) << group.body;
    auto const group_id = std::string(group.json().at("id").as_string());
    auto const add = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add",)"
                     R"("path":"members","value":[{"value":")" +
                     std::string(user.json().at("id").as_string()) + R"("}]}]})";

    pg_connection holder(server().dsn());
    holder.run("BEGIN; SELECT 1 FROM scim_groups WHERE id = '" + group_id + "' FOR UPDATE");
    auto const refused = scim("PATCH", "/Groups/" + group_id, add);
    expect_scim_error(refused, 503, "");
    expect_timed_out(refused);
    holder.run("ROLLBACK");

    pg_connection db(server().dsn());
    EXPECT_EQ(db.value("SELECT count(*) FROM scim_group_members WHERE group_id = '" + group_id + "'"), "0");
    EXPECT_EQ(
        db.value("SELECT status FROM journal_entries WHERE request_id = '" + refused.header("x-request-id") + "'"),
        "503");
    EXPECT_EQ(scim("PATCH", "/Groups/" + group_id, add).status, 204);
    EXPECT_EQ(db.value("SELECT member_count FROM scim_groups WHERE id = '" + group_id + "'"), "1");
}

TEST(statement_timeout_option, must_be_a_positive_number_of_milliseconds_postgresql_can_hold) {
    for (auto const& value : {"0", "-1", "2147483648", "soon"}) {
        auto const run = run_scimd({"serve", "--db", "host=/nonexistent", "--statement-timeout-ms", value});
        EXPECT_EQ(run.exit_status, 2) << value << ": " << run.stderr_text;
        EXPECT_NE(run.stderr_text.find("--statement-timeout-ms"), std::string::npos) << run.stderr_text;
    }
}

}  // namespace
}  // namespace scim::testing
