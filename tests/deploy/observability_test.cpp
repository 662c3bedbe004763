// What an operator watches, against the real binary over HTTPS (docs/metrics.md,
// docs/logging.md): GET /metrics to an admin token after some traffic, checked by Prometheus'
// own `promtool check metrics` and for values that moved (a request, a write, a refusal
// counted) and for tenancy (another organization's directory never shows); request ids taken
// from X-Request-Id or traceparent, echoed and journaled; JSON log lines.

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "client/https_client.hpp"
#include "support/pg_connection.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

std::string admin_token_of(std::string const& dsn, std::string const& org) {
    auto const run = run_scimd({"admin-token", "--db", dsn, "--org", org});
    EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
    return std::string(boost::json::parse(run.stdout_text).at("token").as_string());
}

// The value of the sample `series` (name and labels exactly as exposed), or -1 when absent.
double sample(std::string const& exposition, std::string const& series) {
    std::istringstream lines(exposition);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    }
    return -1;
}

// `promtool check metrics` on `exposition`: its output (problems it found) and exit status.
std::pair<int, std::string> promtool_check(std::string const& exposition) {
    char path[] = "/tmp/scimd-metrics-XXXXXX";
    int const fd = mkstemp(path);
    EXPECT_GE(fd, 0);
    {
        std::ofstream out(path);
        out << exposition;
    }
    close(fd);
    std::string const command = std::string("promtool check metrics < ") + path + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    char buffer[512];
    while (pipe && std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    int const status = pipe ? pclose(pipe) : -1;
    std::remove(path);
    return {status, output};
}

std::string const user_body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")";

class observability : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // A small default rate limit, so that a refusal is easy to cause; JSON logs.
        server_ = std::make_unique<scimd_process>(
            fresh_database_dsn(), std::vector<std::string>{"--log-format", "json", "--rate-limit-default-rps", "1",
                                                           "--rate-limit-default-burst", "5"});
        acme_ = std::make_unique<bootstrap_result>(server_->bootstrap("acme", "okta"));
        other_ = std::make_unique<bootstrap_result>(server_->bootstrap("other", "entra"));
        acme_admin_ = admin_token_of(server_->dsn(), "acme");
    }
    static void TearDownTestSuite() {
        acme_.reset();
        other_.reset();
        server_.reset();
    }

    https_client& client() {
        if (!client_) client_ = std::make_unique<https_client>("127.0.0.1", server_->port());
        return *client_;
    }
    http_reply scim(bootstrap_result const& d, std::string_view method, std::string const& path,
                    std::string_view body = {}, std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + d.token);
        return client().request(method, d.base_path + path, body, headers);
    }
    http_reply scrape(std::string const& token) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
        return client().request("GET", "/metrics", {}, headers);
    }

    static inline std::unique_ptr<scimd_process> server_;
    static inline std::unique_ptr<bootstrap_result> acme_;
    static inline std::unique_ptr<bootstrap_result> other_;
    static inline std::string acme_admin_;
    std::unique_ptr<https_client> client_;
};

TEST_F(observability, metrics_need_an_admin_token) {
    auto const none = scrape("");
    EXPECT_EQ(none.status, 401) << none.body;
    EXPECT_EQ(none.header("content-type").find("application/json"), 0u) << none.body;  // the admin API's errors
    EXPECT_EQ(scrape(acme_->token).status, 401);  // a directory's SCIM token is not an admin token
    EXPECT_EQ(scrape("scimdadmin_0123456789abcdef_wrong").status, 401);
    EXPECT_EQ(client().request("POST", "/metrics", "x", {{"Authorization", "Bearer " + acme_admin_}}).status, 405);
}

TEST_F(observability, metrics_pass_promtool_and_move_with_traffic) {
    std::string const users_route = "route=\"/scim/directory/{directory}/Users\"";
    std::string const created_series = "scimd_http_requests_total{" + users_route + ",method=\"POST\",status=\"201\"}";
    std::string const writes_series =
        "scimd_scim_writes_total{directory=\"" + acme_->directory_id + "\",resource=\"User\",outcome=\"ok\"}";
    std::string const refusals_series = "scimd_rate_limit_refusals_total{directory=\"" + acme_->directory_id + "\"}";

    auto const before = scrape(acme_admin_);
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_EQ(before.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    double const created_before = std::max(0.0, sample(before.body, created_series));
    EXPECT_LE(sample(before.body, refusals_series), 0);

    // Traffic: a user created in each organization's directory, read back by id, then requests
    // until the directory's bucket (burst 5, 1 a second) refuses one.
    auto const created = scim(*acme_, "POST", "/Users", user_body + "metrics.alice\"}");
    ASSERT_EQ(created.status, 201) << created.body;
    auto const user_id = std::string(created.json().at("id").as_string());
    EXPECT_EQ(scim(*acme_, "GET", "/Users/" + user_id).status, 200);
    EXPECT_EQ(scim(*other_, "POST", "/Users", user_body + "metrics.bob\"}").status, 201);
    int refused = 0;
    for (int i = 0; i < 30 && refused == 0; ++i) refused += scim(*acme_, "GET", "/Users").status == 429;
    ASSERT_EQ(refused, 1);

    auto const after = scrape(acme_admin_);
    ASSERT_EQ(after.status, 200) << after.body;
    auto const [status, problems] = promtool_check(after.body);
    EXPECT_EQ(status, 0) << problems << "\n" << after.body;
    EXPECT_EQ(problems, "") << after.body;

    // Both organizations' POSTs: the route's series is server-wide.
    EXPECT_EQ(sample(after.body, created_series), created_before + 2) << after.body;
    EXPECT_GE(sample(after.body,
                     "scimd_http_requests_total{route=\"/scim/directory/{directory}/Users/{id}\","
                     "method=\"GET\",status=\"200\"}"),
              1)
        << after.body;
    EXPECT_EQ(sample(after.body, writes_series), 1) << after.body;
    EXPECT_GE(sample(after.body, refusals_series), 1) << after.body;
    EXPECT_GE(sample(after.body, "scimd_http_request_duration_seconds_count{" + users_route + ",method=\"POST\"}"), 1)
        << after.body;
    // Gauges read at scrape time: this scrape's own connection and worker, the pool.
    EXPECT_GE(sample(after.body, "scimd_http_connections_open"), 1) << after.body;
    EXPECT_GE(sample(after.body, "scimd_workers_busy"), 1) << after.body;
    EXPECT_GE(sample(after.body, "scimd_db_connections"), 1) << after.body;
    EXPECT_EQ(sample(after.body, "scimd_exports_running"), 0) << after.body;
    EXPECT_GE(sample(after.body, "scimd_journal_oldest_entry_age_seconds"), 0) << after.body;
    EXPECT_EQ(sample(after.body, "scimd_mail_outbox_pending_messages"), 0) << after.body;
    // Labels are route templates: no resource id, and nothing of the other organization.
    EXPECT_EQ(after.body.find(user_id), std::string::npos) << after.body;
    EXPECT_EQ(after.body.find(other_->directory_id), std::string::npos) << after.body;

    // The other organization's admin sees its own directory's write, and not acme's.
    auto const theirs = scrape(admin_token_of(server_->dsn(), "other"));
    ASSERT_EQ(theirs.status, 200) << theirs.body;
    EXPECT_EQ(sample(theirs.body, "scimd_scim_writes_total{directory=\"" + other_->directory_id +
                                      "\",resource=\"User\",outcome=\"ok\"}"),
              1)
        << theirs.body;
    EXPECT_EQ(theirs.body.find(acme_->directory_id), std::string::npos) << theirs.body;
}

TEST_F(observability, request_ids_are_taken_echoed_and_journaled) {
    // Each request here is in the other directory's bucket, which the test above leaves full.
    auto const given = scim(*other_, "POST", "/Users", user_body + "ids.carol\"}", {{"X-Request-Id", "lb-req-42"}});
    ASSERT_EQ(given.status, 201) << given.body;
    EXPECT_EQ(given.header("x-request-id"), "lb-req-42");

    std::string const trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    auto const traced = scim(*other_, "POST", "/Users", user_body + "ids.dave\"}",
                             {{"traceparent", "00-" + trace_id + "-00f067aa0ba902b7-01"}});
    ASSERT_EQ(traced.status, 201) << traced.body;
    EXPECT_EQ(traced.header("x-request-id"), trace_id);

    // Malformed ones are ignored: a new id of scimd's own.
    auto const bad = scim(*other_, "GET", "/Users", {},
                          {{"X-Request-Id", "has space"}, {"traceparent", "00-" + trace_id + "-0000000000000000-01"}});
    EXPECT_EQ(bad.status, 200) << bad.body;
    EXPECT_FALSE(bad.header("x-request-id").empty());
    EXPECT_NE(bad.header("x-request-id"), "has space");
    EXPECT_NE(bad.header("x-request-id"), trace_id);

    pg_connection db(server_->dsn());
    EXPECT_EQ(db.value("SELECT count(*) FROM journal_entries WHERE request_id = 'lb-req-42' AND status = 201"), "1");
    EXPECT_EQ(db.value("SELECT count(*) FROM journal_entries WHERE request_id = '" + trace_id + "' AND status = 201"),
              "1");

    // --log-format json: every line one JSON object; the access line carries the given id.
    std::istringstream lines(server_->stderr_text());
    int access_lines_with_id = 0;
    int lines_read = 0;
    for (std::string line; std::getline(lines, line);) {
        ++lines_read;
        boost::json::value parsed;
        ASSERT_NO_THROW(parsed = boost::json::parse(line)) << line;
        auto const& o = parsed.as_object();
        EXPECT_TRUE(o.contains("time") && o.contains("level") && o.contains("message")) << line;
        if (o.at("message") == "request" && o.contains("id") && o.at("id") == "lb-req-42") {
            ++access_lines_with_id;
            EXPECT_EQ(o.at("path").as_string(), "/scim/directory/" + other_->directory_id + "/Users") << line;
            EXPECT_EQ(o.at("status"), "201") << line;
        }
    }
    EXPECT_GT(lines_read, 3);
    EXPECT_EQ(access_lines_with_id, 1) << server_->stderr_text();
}

}  // namespace
}  // namespace scim::testing
