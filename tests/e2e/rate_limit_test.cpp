// Per-directory rate limits against the real binary over HTTPS (docs/rate-limits.md): the
// default serves normal traffic; a tight limit set by PATCH refuses the requests beyond its
// burst with 429, Retry-After and an RFC 7644 §3.12 body, reads and writes alike, while another
// directory is served; back to the default, the directory is served again; the admin API
// validates the limit and audits it; refusals reach the journal (one entry per directory per
// interval, with the count) and the directory's summary.

#include <chrono>
#include <thread>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class rate_limits : public admin_e2e_test {
protected:
    // Refusals are journaled every second here, so that the journal test need not wait 10.
    static void SetUpTestSuite() { start({"--rate-limit-journal-seconds", "1"}); }

    // A directory of its own, so that one test's bucket is no other's: {id, base path, token}.
    struct own_directory {
        std::string id;
        std::string base_path;
        std::string token;
    };
    own_directory new_directory(std::string const& name) {
        auto const created = admin("POST", "/directories", R"({"name":")" + name + R"("})");
        EXPECT_EQ(created.status, 201) << created.body;
        auto const d = created.json().as_object();
        return {std::string(d.at("id").as_string()), std::string(d.at("basePath").as_string()),
                std::string(d.at("token").as_string())};
    }
    http_reply scim_of(own_directory const& d, std::string_view method, std::string const& path,
                       std::string_view body = {}) {
        return client().request(method, d.base_path + path, body,
                                {{"Authorization", "Bearer " + d.token}, {"Content-Type", "application/scim+json"}});
    }
    http_reply set_limit(own_directory const& d, std::string const& limit) {
        return admin("PATCH", "/directories/" + d.id, R"({"rateLimit":)" + limit + "}");
    }
    // One token per 100 seconds and a burst of `burst`: nothing refills during a test.
    http_reply set_tight_limit(own_directory const& d, int burst) {
        return set_limit(d, R"({"requestsPerSecond":0.01,"burst":)" + std::to_string(burst) + "}");
    }
};

TEST_F(rate_limits, the_default_serves_normal_traffic_and_is_shown) {
    auto const d = new_directory("normal");
    auto const shown = admin("GET", "/directories/" + d.id);
    ASSERT_EQ(shown.status, 200) << shown.body;
    auto const limit = shown.json().at("rateLimit");
    EXPECT_EQ(limit.at("source"), "default");
    EXPECT_EQ(limit.at("requestsPerSecond").to_number<double>(), 100);
    EXPECT_EQ(limit.at("burst"), 3000);
    // An import's pace: 300 requests back to back, reads and writes, none refused.
    int refused = 0;
    for (int i = 0; i < 100; ++i) {
        auto const created = scim_of(d, "POST", "/Users", user_body("normal" + std::to_string(i)));
        refused += created.status == 429;
        refused +=
            scim_of(d, "GET", "/Users?filter=userName%20eq%20%22normal" + std::to_string(i) + "%22").status == 429;
        refused += scim_of(d, "GET", "/Users?count=1").status == 429;
    }
    EXPECT_EQ(refused, 0);
    EXPECT_EQ(admin("GET", "/directories/" + d.id).json().at("rateLimitRefusals").at("count"), 0);
}

TEST_F(rate_limits, a_tight_limit_refuses_reads_and_writes_beyond_its_burst_with_429_and_retry_after) {
    auto const d = new_directory("tight");
    auto const other = new_directory("untouched");
    auto const set = set_tight_limit(d, 3);
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.json().at("rateLimit").at("source"), "directory");
    EXPECT_EQ(set.json().at("rateLimit").at("burst"), 3);
    // Three tokens: a write and two reads (a list and a .search) are served...
    EXPECT_EQ(scim_of(d, "POST", "/Users", user_body("first")).status, 201);
    EXPECT_EQ(scim_of(d, "GET", "/Users").status, 200);
    EXPECT_EQ(
        scim_of(d, "POST", "/Users/.search", R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]})")
            .status,
        200);
    // ...then every kind of request is refused, each with Retry-After and a SCIM error body.
    for (auto const& [method, path, body] :
         std::vector<std::tuple<std::string, std::string, std::string>>{{"GET", "/Users", ""},
                                                                        {"POST", "/Users", user_body("second")},
                                                                        {"GET", "/Groups", ""},
                                                                        {"GET", "/ServiceProviderConfig", ""}}) {
        SCOPED_TRACE(method + " " + path);
        auto const refused = scim_of(d, method, path, body);
        expect_scim_error(refused, 429, "");
        auto const retry_after = refused.header("retry-after");
        ASSERT_FALSE(retry_after.empty());
        // One token per 100 s: the wait is whole seconds, at least 1 and at most 100.
        EXPECT_GE(std::stoi(retry_after), 1);
        EXPECT_LE(std::stoi(retry_after), 100);
        EXPECT_NE(std::string(refused.json().at("detail").as_string()).find("rate limit"), std::string::npos);
    }
    // Another directory is served all the while.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(scim_of(other, "GET", "/Users").status, 200);
    // A wrong token is still 401, not 429: the limit is the directory's, charged once its token is.
    EXPECT_EQ(client().request("GET", d.base_path + "/Users", {}, {{"Authorization", "Bearer scimd_0_wrong"}}).status,
              401);

    // Back to the default: served again at once (this replica forgot the cached settings).
    auto const back = set_limit(d, "null");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.json().at("rateLimit").at("source"), "default");
    EXPECT_EQ(scim_of(d, "GET", "/Users").status, 200);
    // The refused POST created no user: only "first" is there.
    EXPECT_EQ(scim_of(d, "GET", "/Users").json().at("totalResults"), 1);

    // "off": never limited, even with a tight limit's spent bucket behind it.
    ASSERT_EQ(set_tight_limit(d, 1).status, 200);
    EXPECT_EQ(scim_of(d, "GET", "/Users").status, 200);
    EXPECT_EQ(scim_of(d, "GET", "/Users").status, 429);
    auto const off = set_limit(d, R"("off")");
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.json().at("rateLimit").at("source"), "off");
    EXPECT_TRUE(off.json().at("rateLimit").at("requestsPerSecond").is_null());
    for (int i = 0; i < 20; ++i) EXPECT_EQ(scim_of(d, "GET", "/Users?count=1").status, 200);
}

TEST_F(rate_limits, the_admin_api_refuses_a_bad_limit_with_its_error_shape) {
    auto const d = new_directory("validated");
    for (auto const& bad :
         {R"({"rateLimit":{"requestsPerSecond":0,"burst":10}})", R"({"rateLimit":{"requestsPerSecond":-1,"burst":10}})",
          R"({"rateLimit":{"requestsPerSecond":100001,"burst":10}})",
          R"({"rateLimit":{"requestsPerSecond":5,"burst":0}})",
          R"({"rateLimit":{"requestsPerSecond":5,"burst":1000001}})",
          R"({"rateLimit":{"requestsPerSecond":5,"burst":2.5}})",
          R"({"rateLimit":{"requestsPerSecond":"5","burst":10}})", R"({"rateLimit":{"requestsPerSecond":5}})",
          R"({"rateLimit":{"requestsPerSecond":5,"burst":10,"window":60}})", R"({"rateLimit":"on"})",
          R"({"rateLimit":7})", R"({})", R"({"rateLimit":null,"name":"renamed"})"}) {
        SCOPED_TRACE(bad);
        auto const refused = admin("PATCH", "/directories/" + d.id, bad);
        ASSERT_EQ(refused.status, 400) << refused.body;
        EXPECT_EQ(refused.json().at("status"), 400);
        EXPECT_EQ(refused.json().at("error"), "invalid_value");
        EXPECT_FALSE(refused.json().at("detail").as_string().empty());
    }
    EXPECT_EQ(admin("PATCH", "/directories/" + d.id, "not json").status, 400);
    // Nothing changed.
    EXPECT_EQ(admin("GET", "/directories/" + d.id).json().at("rateLimit").at("source"), "default");
    // The bounds themselves are taken.
    EXPECT_EQ(set_limit(d, R"({"requestsPerSecond":0.01,"burst":1})").status, 200);
    EXPECT_EQ(set_limit(d, R"({"requestsPerSecond":100000,"burst":1000000})").status, 200);
    // Another organization's directory, or none: 404.
    EXPECT_EQ(admin("GET", "/directories/00000000-0000-0000-0000-000000000000").status, 404);
    EXPECT_EQ(admin("PATCH", "/directories/00000000-0000-0000-0000-000000000000", R"({"rateLimit":null})").status, 404);
}

TEST_F(rate_limits, a_change_is_audited_with_the_setting_before_and_after) {
    auto const d = new_directory("audited");
    auto const reply = set_limit(d, R"({"requestsPerSecond":2.5,"burst":40})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto const audit = admin("GET", "/audit?action=directory.rateLimit");
    ASSERT_EQ(audit.status, 200) << audit.body;
    auto const request_id = reply.header("x-request-id");
    bool found = false;
    auto const body = audit.json();  // kept: the loop reads into it
    for (auto const& e : body.at("entries").as_array()) {
        if (e.at("requestId") != json::value(request_id)) continue;
        found = true;
        EXPECT_EQ(e.at("target").at("type"), "Directory");
        EXPECT_EQ(e.at("target").at("id"), json::value(d.id));
        auto const& change = e.at("diff").at("rateLimit");
        EXPECT_EQ(change.at("before").at("source"), "default");
        EXPECT_EQ(change.at("after").at("source"), "directory");
        EXPECT_EQ(change.at("after").at("requestsPerSecond").to_number<double>(), 2.5);
        EXPECT_EQ(change.at("after").at("burst"), 40);
        EXPECT_EQ(e.at("outcome").at("status"), 200);
    }
    EXPECT_TRUE(found) << audit.body;
    // A value out of bounds is refused as the body is read, before the token is checked: like
    // any body that cannot be read, it changed nothing and is not audited (journal.md).
    auto const refused = set_limit(d, R"({"requestsPerSecond":0,"burst":1})");
    EXPECT_EQ(refused.status, 400);
    auto const after = admin("GET", "/audit?action=directory.rateLimit").json();
    for (auto const& e : after.at("entries").as_array()) {
        EXPECT_NE(e.at("requestId"), json::value(refused.header("x-request-id")));
    }
}

TEST_F(rate_limits, refusals_reach_the_journal_as_one_entry_with_their_count_and_the_summary) {
    auto const d = new_directory("journaled");
    ASSERT_EQ(set_tight_limit(d, 1).status, 200);
    EXPECT_EQ(scim_of(d, "GET", "/Users").status, 200);
    auto const first_refused = scim_of(d, "POST", "/Users", user_body("refused"));
    ASSERT_EQ(first_refused.status, 429);
    for (int i = 0; i < 24; ++i) ASSERT_EQ(scim_of(d, "GET", "/Users").status, 429);

    // The summary counts them at once (this replica's tally, not journaled yet or journaled).
    auto const summary = admin("GET", "/directories/" + d.id).json().at("rateLimitRefusals");
    EXPECT_EQ(summary.at("count"), 25);
    EXPECT_FALSE(summary.at("last").is_null());

    // Within a journal interval (1 s here) or two, entries with their counts stand for all 25:
    // one per interval (the 25 may straddle two), never one per refusal.
    json::array entries;
    std::int64_t journaled = 0;
    for (int attempt = 0; attempt < 100 && journaled < 25; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto const journal = admin("GET", "/journal?directory=" + d.id);
        ASSERT_EQ(journal.status, 200) << journal.body;
        entries = journal.json().at("entries").as_array();
        journaled = 0;
        for (auto const& e : entries) journaled += e.at("normalized").at("refused").as_int64();
    }
    EXPECT_EQ(journaled, 25) << json::serialize(entries);
    ASSERT_FALSE(entries.empty());
    EXPECT_LT(entries.size(), 25u);
    for (auto const& e : entries) {
        EXPECT_EQ(e.at("actor"), "directory");
        EXPECT_EQ(e.at("outcome").at("status"), 429);
        EXPECT_EQ(e.at("resourceType"), "Directory");
        EXPECT_EQ(e.at("normalized").at("burst"), 1);
    }
    // The oldest entry names the first refused request.
    auto const& oldest = entries.at(entries.size() - 1);
    EXPECT_EQ(oldest.at("requestId"), json::value(first_refused.header("x-request-id")));
    EXPECT_EQ(oldest.at("method"), "POST");
    // The summary reads the same count from the journal now.
    auto const after = admin("GET", "/directories/" + d.id).json().at("rateLimitRefusals");
    EXPECT_EQ(after.at("count"), 25);
    EXPECT_EQ(after.at("last"), summary.at("last"));
}

TEST(rate_limit_options, the_server_refuses_bad_defaults_and_zero_turns_the_default_off) {
    for (auto const& bad : std::vector<std::vector<std::string>>{{"--rate-limit-default-rps", "100001"},
                                                                 {"--rate-limit-default-rps", "fast"},
                                                                 {"--rate-limit-default-burst", "0"},
                                                                 {"--rate-limit-default-burst", "1000001"},
                                                                 {"--rate-limit-journal-seconds", "0"},
                                                                 {"--rate-limit-journal-seconds", "3601"}}) {
        std::vector<std::string> args{"serve", "--db", fresh_database_dsn(), "--listen", "127.0.0.1:0"};
        args.insert(args.end(), bad.begin(), bad.end());
        auto const run = run_scimd(args);
        EXPECT_NE(run.exit_status, 0) << bad[0] << " " << bad[1];
        EXPECT_NE(run.stderr_text.find(bad[0]), std::string::npos) << run.stderr_text;
    }
    own_admin_server off({"--rate-limit-default-rps", "0"});
    auto const shown = off.admin("GET", "/directories/" + off.tenant.directory_id);
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.json().at("rateLimit").at("source"), "default");
    EXPECT_TRUE(shown.json().at("rateLimit").at("requestsPerSecond").is_null());
    // A tight default applies to the directories without their own limit: two tokens, one more
    // per second, so ten quick requests meet a refusal.
    own_admin_server tight({"--rate-limit-default-rps", "1", "--rate-limit-default-burst", "2"});
    EXPECT_EQ(tight.scim("GET", "/Users").status, 200);
    int refused = 0;
    for (int i = 0; i < 10; ++i) refused += tight.scim("GET", "/Users").status == 429;
    EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace scim::testing
