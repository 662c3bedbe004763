// PostgreSQL stopped and started again under a running scimd (docs/errors.md "When the database
// is out of reach"): every request is answered 2xx or 503 with Retry-After and an error body,
// never 500; scimd serves again by itself once PostgreSQL is back; and no acknowledged write is
// lost or half written. The cluster is this suite's own (own_cluster): halting the one every
// other test shares would fail them.

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "admin_fixture.hpp"
#include "support/own_cluster.hpp"
#include "support/pg_connection.hpp"
#include "support/slow_download.hpp"

namespace scim::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";
std::string const user_schema = "urn:ietf:params:scim:schemas:core:2.0:User";

// The ERROR lines of scimd's log: what a failure message shows of why a request failed.
std::string error_lines(std::string const& log) {
    std::string errors;
    std::size_t start = 0;
    while (start < log.size()) {
        auto end = log.find('\n', start);
        if (end == std::string::npos) end = log.size();
        auto const line = std::string_view(log).substr(start, end - start);
        if (line.find(" ERROR ") != std::string_view::npos) (errors += line) += '\n';
        start = end + 1;
    }
    return errors;
}

class database_outage : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // Acknowledged commits reach the WAL before the answer, so that a crash loses none of
        // them (the shared test clusters trade that away for speed).
        cluster_ = std::make_unique<own_cluster>("synchronous_commit = on");
        server_ = std::make_unique<scimd_process>(cluster_->new_database("outage"),
                                                  std::vector<std::string>{"--workers", "4"});
        tenant_ = server_->bootstrap("acme", "okta");
        admin_token_ = new_admin_token(server_->dsn(), "acme");
        pg_connection(server_->dsn())
            .run(
                "INSERT INTO domains (id, organization_id, name, state, verification_token, verified_at, claimed_at) "
                "VALUES (gen_random_uuid(), '" +
                tenant_.organization_id + "', 'outage.example', 'claimed', 'seeded', now(), now())");
    }
    static void TearDownTestSuite() {
        server_.reset();
        cluster_.reset();
    }

    static http_reply scim(https_client& c, std::string_view method, std::string const& path,
                           std::string_view body = {}) {
        return c.request(method, tenant_.base_path + path, body, {{"Authorization", "Bearer " + tenant_.token}});
    }
    static http_reply admin(https_client& c, std::string const& path) {
        return c.request("GET", "/admin/organizations/" + tenant_.organization_id + path, {},
                         {{"Authorization", "Bearer " + admin_token_}});
    }

    // What an outage answers: 503, Retry-After (workers.retry_after_seconds), an error body.
    static void expect_unavailable(http_reply const& reply, bool scim_body) {
        EXPECT_EQ(reply.status, 503) << reply.body;
        EXPECT_EQ(reply.header("retry-after"), "2") << reply.body;
        auto const body = reply.json().as_object();
        if (scim_body) {
            EXPECT_EQ(body.at("schemas").at(0), "urn:ietf:params:scim:api:messages:2.0:Error");
            EXPECT_EQ(body.at("status"), "503");
        } else {
            EXPECT_EQ(body.at("status"), 503);
            EXPECT_EQ(body.at("error"), "service_unavailable");
        }
        EXPECT_NE(body.at("detail").as_string().find("safe to send again"), json::string::npos) << reply.body;
    }

    static inline std::unique_ptr<own_cluster> cluster_;
    static inline std::unique_ptr<scimd_process> server_;
    static inline bootstrap_result tenant_;
    static inline std::string admin_token_;
};

TEST_F(database_outage, while_postgresql_is_down_requests_are_503_and_after_its_restart_200) {
    https_client c("127.0.0.1", server_->port());
    ASSERT_EQ(scim(c, "GET", "/Users").status, 200);
    ASSERT_EQ(admin(c, "/managed-accounts").status, 200);

    cluster_->halt(own_cluster::stop::fast);
    for (int i = 0; i < 3; ++i) {  // not only the first: each finds the database gone anew
        expect_unavailable(scim(c, "GET", "/Users"), true);
        expect_unavailable(scim(c, "GET", "/Groups?filter=" + url_encode(R"(displayName eq "x")")), true);
        expect_unavailable(
            scim(c, "POST", "/Users", R"({"schemas":[")" + user_schema + R"("],"userName":"down@outage.example"})"),
            true);
        expect_unavailable(admin(c, "/managed-accounts"), false);
    }
    EXPECT_EQ(c.request("GET", "/readyz").status, 503);

    cluster_->resume();
    // The pool's connections broke with the server; each is reopened when next leased.
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(scim(c, "GET", "/Users").status, 200);
        EXPECT_EQ(admin(c, "/managed-accounts").status, 200);
    }
    EXPECT_EQ(c.request("GET", "/readyz").status, 200);
    EXPECT_TRUE(server_->running());
    auto const written =
        scim(c, "POST", "/Users", R"({"schemas":[")" + user_schema + R"("],"userName":"up@outage.example"})");
    EXPECT_EQ(written.status, 201) << written.body;
}

// What the writers saw and what they were told was written.
struct ledger {
    std::mutex mutex;
    std::map<std::string, int> statuses;  // "POST 201", "PATCH 503", …
    std::size_t requests = 0;
    std::vector<std::string> wrong;                         // any answer that breaks the contract
    std::vector<std::pair<std::string, int>> acknowledged;  // X-Request-Id, status
    std::set<std::string> users;
    std::map<std::string, std::set<std::string>> members;  // group id → user ids
    std::size_t recovered_by_lookup = 0;                   // POSTs whose 503 said "may have been applied", found after

    void saw(std::string_view method, http_reply const& reply) {
        std::lock_guard lock(mutex);
        ++requests;
        ++statuses[std::string(method) + " " + std::to_string(reply.status)];
        if (reply.status == 503 && reply.header("retry-after").empty()) wrong.push_back("503 without Retry-After");
        if (reply.status >= 500 && reply.status != 503) wrong.push_back(std::string(method) + " " + reply.body);
    }
};

// One writer: creates users one after another and adds each to a group (and removes every
// third again), sending each request until it is acknowledged, as an identity provider that
// honours 503 would (with a short wait instead of Retry-After, to keep the test fast).
class writer {
public:
    writer(int number, unsigned short port, bootstrap_result const& tenant, std::vector<std::string> const& groups,
           ledger& book, std::atomic<bool> const& stop, std::chrono::steady_clock::time_point give_up)
        : number_(number), client_("127.0.0.1", port), tenant_(tenant), groups_(groups), book_(book), stop_(stop),
          give_up_(give_up) {}

    void run() {
        for (int i = 0; !stop_ && std::chrono::steady_clock::now() < give_up_; ++i) {
            auto const user_name = "w" + std::to_string(number_) + "." + std::to_string(i) + "@outage.example";
            auto const id = create(user_name);
            if (id.empty()) return;
            auto const& group = groups_[static_cast<std::size_t>(i) % groups_.size()];
            if (!change_members(group, "add", id)) return;
            if (i % 3 == 0 && !change_members(group, "remove", id)) return;
        }
    }

private:
    // The reply once it is not 503 (or the deadline passed: nullopt).
    std::optional<http_reply> until_answered(std::string_view method, std::string const& path, std::string const& body,
                                             bool* outcome_unknown = nullptr) {
        while (std::chrono::steady_clock::now() < give_up_) {
            http_reply reply;
            try {
                reply = client_.request(method, tenant_.base_path + path, body,
                                        {{"Authorization", "Bearer " + tenant_.token}});
            } catch (std::exception const& e) {
                std::lock_guard lock(book_.mutex);
                book_.wrong.push_back(std::string("no answer: ") + e.what());
                return std::nullopt;
            }
            book_.saw(method, reply);
            if (reply.status != 503) return reply;
            if (outcome_unknown && reply.body.find("may or may not") != std::string::npos) *outcome_unknown = true;
            std::this_thread::sleep_for(20ms);
        }
        return std::nullopt;
    }

    void acknowledged(http_reply const& reply) {
        std::lock_guard lock(book_.mutex);
        book_.acknowledged.emplace_back(reply.header("x-request-id"), reply.status);
    }

    void wrong(std::string what) {
        std::lock_guard lock(book_.mutex);
        book_.wrong.push_back(std::move(what));
    }

    std::string create(std::string const& user_name) {
        auto const body = R"({"schemas":[")" + user_schema + R"("],"userName":")" + user_name +
                          R"(","emails":[{"value":")" + user_name + R"(","primary":true}]})";
        bool outcome_unknown = false;
        auto reply = until_answered("POST", "/Users", body, &outcome_unknown);
        if (!reply) return {};
        std::string id;
        if (reply->status == 201) {
            acknowledged(*reply);
            id = std::string(reply->json().at("id").as_string());
        } else if (reply->status == 409 && outcome_unknown) {
            // An earlier attempt committed although its connection broke before the answer.
            auto found = until_answered("GET", "/Users?filter=" + url_encode("userName eq \"" + user_name + "\""), {});
            if (!found || found->status != 200 || found->json().at("totalResults").as_int64() != 1) {
                wrong("user " + user_name + " answered 409 and cannot be found");
                return {};
            }
            id = std::string(found->json().at("Resources").at(0).at("id").as_string());
            std::lock_guard lock(book_.mutex);
            ++book_.recovered_by_lookup;
        } else {
            wrong("POST " + user_name + ": " + std::to_string(reply->status) + " " + reply->body);
            return {};
        }
        std::lock_guard lock(book_.mutex);
        book_.users.insert(id);
        return id;
    }

    bool change_members(std::string const& group, std::string const& op, std::string const& user) {
        auto const body =
            patch_op + R"([{"op":")" + op + R"(","path":"members","value":[{"value":")" + user + R"("}]}]})";
        auto reply = until_answered("PATCH", "/Groups/" + group, body);
        if (!reply) return false;
        if (reply->status != 204 && reply->status != 200) {
            wrong("PATCH " + op + ": " + std::to_string(reply->status) + " " + reply->body);
            return false;
        }
        acknowledged(*reply);
        std::lock_guard lock(book_.mutex);
        if (op == "add") {
            book_.members[group].insert(user);
        } else {
            book_.members[group].erase(user);
        }
        return true;
    }

    int number_;
    https_client client_;
    bootstrap_result const& tenant_;
    std::vector<std::string> const& groups_;
    ledger& book_;
    std::atomic<bool> const& stop_;
    std::chrono::steady_clock::time_point give_up_;
};

TEST_F(database_outage, stops_and_restarts_lose_no_acknowledged_write_and_leave_nothing_half_written) {
    https_client c("127.0.0.1", server_->port());
    std::vector<std::string> groups;
    for (auto const* name : {"outage-a", "outage-b"}) {
        auto reply = scim(c, "POST", "/Groups",
                          R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" +
                              std::string(name) + "\"}");
        ASSERT_EQ(reply.status, 201) << reply.body;
        groups.emplace_back(reply.json().at("id").as_string());
    }

    ledger book;
    std::atomic<bool> stop{false};
    auto const give_up = std::chrono::steady_clock::now() + 60s;
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n) {
        threads.emplace_back([&, n] { writer(n, server_->port(), tenant_, groups, book, stop, give_up).run(); });
    }
    auto acknowledged = [&] {
        std::lock_guard lock(book.mutex);
        return book.acknowledged.size();
    };
    // Until `more` further writes are acknowledged (the writers are busy) or 5 s passed.
    auto wait_for = [&](std::size_t more) {
        auto const target = acknowledged() + more;
        auto const until = std::chrono::steady_clock::now() + 5s;
        while (acknowledged() < target && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(10ms);
    };
    wait_for(30);
    cluster_->halt(own_cluster::stop::crash);  // connections cut mid-statement and mid-commit
    std::this_thread::sleep_for(1500ms);
    cluster_->resume();
    wait_for(30);
    cluster_->halt(own_cluster::stop::fast);  // sessions terminated by the server (57P01)
    std::this_thread::sleep_for(1s);
    cluster_->resume();
    wait_for(30);
    stop = true;
    for (auto& t : threads) t.join();

    EXPECT_TRUE(book.wrong.empty()) << book.wrong.size() << " wrong answers, first: " << book.wrong.front()
                                    << "\nscimd's errors:\n"
                                    << error_lines(server_->stderr_text());
    EXPECT_GT(book.statuses["POST 503"] + book.statuses["PATCH 503"], 0u) << "the outage went unnoticed";

    // Everything acknowledged is there, whole; nothing else is.
    pg_connection db(server_->dsn());
    auto const directory = "'" + tenant_.directory_id + "'";
    std::set<std::string> stored_users;
    for (auto const& row : db.rows("SELECT u.id FROM scim_users u JOIN accounts a ON a.id = u.account_id "
                                   "WHERE u.directory_id = " +
                                   directory + " AND u.user_name LIKE 'w%@outage.example'")) {
        stored_users.insert(row[0]);
    }
    EXPECT_EQ(db.value("SELECT count(*) FROM scim_users WHERE directory_id = " + directory +
                       " AND user_name LIKE 'w%@outage.example'"),
              std::to_string(stored_users.size()))
        << "a user without its account link";
    EXPECT_EQ(stored_users, book.users);
    std::size_t present = 0;
    std::set<std::pair<std::string, int>> journaled;
    for (auto const& row :
         db.rows("SELECT request_id, status FROM journal_entries WHERE directory_id = " + directory)) {
        journaled.emplace(row[0], std::stoi(row[1]));
    }
    for (auto const& entry : book.acknowledged) present += journaled.count(entry);
    EXPECT_EQ(present, book.acknowledged.size()) << "acknowledged writes without their journal entry";
    EXPECT_EQ(db.value("SELECT count(*) FROM scim_users u WHERE u.directory_id = " + directory +
                       " AND NOT EXISTS (SELECT 1 FROM journal_entries j WHERE j.resource_id = u.id::text "
                       "AND j.status = 201)"),
              "0")
        << "a user without the journal entry of its creation";
    for (auto const& group : groups) {
        std::set<std::string> stored_members;
        for (auto const& row : db.rows("SELECT user_id FROM scim_group_members WHERE group_id = '" + group + "'")) {
            stored_members.insert(row[0]);
        }
        EXPECT_EQ(stored_members, book.members[group]) << group;
        EXPECT_EQ(db.value("SELECT member_count FROM scim_groups WHERE id = '" + group + "'"),
                  std::to_string(stored_members.size()))
            << "the member count of " << group << " differs from its member rows";
    }

    std::cout << "[ figures  ] requests " << book.requests << ", acknowledged writes " << book.acknowledged.size()
              << ", checked present " << present << ", lost " << book.acknowledged.size() - present << ", users "
              << book.users.size() << " (found after an unknown outcome: " << book.recovered_by_lookup
              << "), statuses:";
    for (auto const& [status, count] : book.statuses) std::cout << " " << status << "=" << count;
    std::cout << std::endl;
}

// An export streams from one database transaction. Cut by an outage, its body ends without the
// last chunk (the client can tell it is incomplete, RFC 9112 §7.1), and what scimd logs about it
// names the request, as every other line about a request does.
TEST_F(database_outage, an_export_cut_short_ends_without_its_last_chunk_and_its_log_names_the_request) {
    pg_connection(server_->dsn())
        .run(
            "INSERT INTO accounts (id, email, claimed_by) SELECT gen_random_uuid(), 'export' || i || "
            "'@outage.example', '" +
            tenant_.organization_id + "' FROM generate_series(1, 100000) AS i");
    std::string request_id;
    {
        slow_download slow(server_->port(),
                           "/admin/organizations/" + tenant_.organization_id + "/exports/managed-accounts",
                           admin_token_);
        auto const head = slow.head();
        ASSERT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
        auto const field = head.find("X-Request-Id: ");
        ASSERT_NE(field, std::string::npos) << head;
        request_id = head.substr(field + 14, head.find("\r\n", field) - field - 14);
        cluster_->halt(own_cluster::stop::crash);
        auto const body = slow.rest();
        cluster_->resume();
        EXPECT_FALSE(body.ends_with("\r\n0\r\n\r\n")) << "the body of a failed export looks complete";
    }
    auto const errors = error_lines(server_->stderr_text());
    auto const logged = [&](std::string_view what) {
        for (std::size_t start = 0, end = 0; start < errors.size(); start = end + 1) {
            end = errors.find('\n', start);
            auto const line = std::string_view(errors).substr(start, end - start);
            if (line.find(what) != line.npos && line.find("id=" + request_id) != line.npos) return true;
        }
        return false;
    };
    EXPECT_TRUE(logged("\"database connection lost\"")) << errors;
    EXPECT_TRUE(logged("\"streamed response failed\"")) << errors;
    https_client c("127.0.0.1", server_->port());
    auto const after = admin(c, "/exports/managed-accounts");
    EXPECT_EQ(after.status, 200);
    pg_connection(server_->dsn()).run("DELETE FROM accounts WHERE email LIKE 'export%@outage.example'");
}

}  // namespace
}  // namespace scim::testing
