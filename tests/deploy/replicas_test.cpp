// Two scimd replicas on one database behind HAProxy, started with the shipped
// deploy/haproxy.cfg (docs/replicas.md): an Okta-style and an Entra-style provisioning
// sequence pushed through the load balancer, each request on a connection of its own so that
// the replicas take turns, give the same answers as the same sequences against one replica;
// nothing is lost or duplicated; the deletion sweep and the retention tasks run once across the
// replicas, and --max-concurrent-exports counts the exports of both.

#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "client/https_client.hpp"
#include "support/free_port.hpp"
#include "support/haproxy_process.hpp"
#include "support/pg_connection.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"
#include "support/slow_download.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

// Every replica writes its links from the same public URL, as behind any load balancer: the
// links then do not depend on which replica answered (docs/command-line.md "Public URL").
std::string const public_url = "https://scim.replicas.test";
std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

// One certificate and key that every replica serves (a client sees one server through the
// load balancer's TLS pass-through), made with the openssl command line in a temp folder.
class shared_certificate {
public:
    shared_certificate() {
        char name[] = "/tmp/scimd-replicas-XXXXXX";
        if (mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
        folder_ = name;
        auto const command =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
            "-subj /CN=scim.replicas.test -addext subjectAltName=DNS:scim.replicas.test,IP:127.0.0.1 "
            "-keyout " +
            key() + " -out " + cert() + " 2>/dev/null";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl req failed");
    }
    ~shared_certificate() { std::filesystem::remove_all(folder_); }
    shared_certificate(shared_certificate const&) = delete;
    shared_certificate& operator=(shared_certificate const&) = delete;
    std::string cert() const { return folder_ + "/cert.pem"; }
    std::string key() const { return folder_ + "/key.pem"; }

private:
    std::string folder_;
};

std::vector<std::string> replica_options(shared_certificate const& certificate) {
    return {"--tls-cert", certificate.cert(), "--tls-key", certificate.key(), "--public-url", public_url,
            // Rounds every second, so that both replicas try each round many times in a test.
            "--deletion-sweep-seconds", "1", "--max-concurrent-exports", "2"};
}

std::string admin_token_of(std::string const& dsn, std::string const& org) {
    auto const run = run_scimd({"admin-token", "--db", dsn, "--org", org});
    if (run.exit_status != 0) throw std::runtime_error("scimd admin-token failed: " + run.stderr_text);
    return std::string(json::parse(run.stdout_text).at("token").as_string());
}

// Requests and their answers as lines that do not depend on which server made the ids or when:
// each id (of a resource, an account, the directory) becomes <id1>, <id2>… in order of first
// appearance, and meta's times and versions go (an ETag is a version: identical sequences may
// still give other versions where a write's time is part of it).
class transcript {
public:
    transcript(std::string host, unsigned short port, bootstrap_result tenant)
        : host_(std::move(host)), port_(port), tenant_(std::move(tenant)) {
        placeholder(tenant_.directory_id);
    }

    // Sends the request on a new connection (the load balancer gives each new connection to
    // the next replica) and records it; answers the body's JSON (null when there is none).
    json::value send(std::string const& method, std::string const& path, std::string const& body = {}) {
        https_client client(host_, port_);
        auto const reply = client.request(method, tenant_.base_path + path, body,
                                          {{"Authorization", "Bearer " + tenant_.token}, {"Connection", "close"}});
        json::value parsed;
        if (!reply.body.empty()) parsed = json::parse(reply.body);
        std::lock_guard lock(mutex_);
        learn(parsed);
        lines_.push_back(method + " " + replaced(path) + " -> " + std::to_string(reply.status) + " " +
                         replaced(reply.header("location")) + " " + json::serialize(normalized(parsed)));
        return parsed;
    }

    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    // Under mutex_ (or before any request).
    std::string placeholder(std::string const& id) {
        return ids_.emplace(id, "<id" + std::to_string(ids_.size() + 1) + ">").first->second;
    }

    // Under mutex_, as replaced() and normalized().
    void learn(json::value const& v) {
        if (auto const* o = v.if_object()) {
            for (auto const& [key, value] : *o) {
                if ((key == "id" || key == "accountId") && value.is_string())
                    placeholder(std::string(value.as_string()));
                learn(value);
            }
        } else if (auto const* a = v.if_array()) {
            for (auto const& e : *a) learn(e);
        }
    }

    std::string replaced(std::string text) const {
        for (auto const& [id, name] : ids_) {
            for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at + name.size()))
                text.replace(at, id.size(), name);
        }
        return text;
    }

    json::value normalized(json::value const& v) const {
        if (auto const* o = v.if_object()) {
            json::object out;
            for (auto const& [key, value] : *o) {
                if (key == "created" || key == "lastModified" || key == "version") continue;
                out[key] = normalized(value);
            }
            return out;
        }
        if (auto const* a = v.if_array()) {
            json::array out;
            for (auto const& e : *a) out.push_back(normalized(e));
            return out;
        }
        if (v.is_string()) return json::string(replaced(std::string(v.as_string())));
        return v;
    }

    std::string host_;
    unsigned short port_;
    bootstrap_result tenant_;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> ids_;
    std::vector<std::string> lines_;
};

// Okta's user and group cycle (IDP-BEHAVIOUR.md, tests/e2e/idp_flows_test.cpp): match, create,
// a conflicting create, replace, deactivate and reactivate, a pushed group with members added
// and removed.
void okta_sequence(transcript& t) {
    t.send("GET", "/Users?filter=userName%20eq%20%22OKTA.USER%40ACME.COM%22&startIndex=1&count=100");
    auto created = t.send("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"okta.user@acme.com","name":{"givenName":"Okta","familyName":"User"},
        "emails":[{"primary":true,"value":"okta.user@acme.com","type":"work"}],"displayName":"Okta User",
        "locale":"en-US","externalId":"00u1abcd","groups":[],"password":"Secr3t!","active":true})");
    auto const id = std::string(created.at("id").as_string());
    t.send("POST", "/Users",
           R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"OKTA.USER@acme.com"})");
    t.send("GET", "/Users?filter=userName%20eq%20%22OKTA.USER%40ACME.COM%22&startIndex=1&count=100");
    auto current = t.send("GET", "/Users/" + id).as_object();
    current["name"].as_object()["familyName"] = "Renamed";
    current.erase("meta");
    t.send("PUT", "/Users/" + id, json::serialize(current));
    t.send("PATCH", "/Users/" + id, patch_op + R"([{"op":"replace","value":{"active":false}}]})");
    t.send("PATCH", "/Users/" + id, patch_op + R"([{"op":"replace","value":{"active":true}}]})");

    auto other = t.send("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"okta.other@acme.com","emails":[{"primary":true,"value":"okta.other@acme.com","type":"work"}]})");
    auto const other_id = std::string(other.at("id").as_string());
    auto group = t.send("POST", "/Groups",
                        R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName":"Engineering","members":[{"value":")" +
                            id + R"("}]})");
    auto const group_id = std::string(group.at("id").as_string());
    t.send("PATCH", "/Groups/" + group_id,
           patch_op + R"([{"op":"add","path":"members","value":[{"value":")" + other_id + R"("}]}]})");
    t.send("PATCH", "/Groups/" + group_id,
           patch_op + R"([{"op":"remove","path":"members[value eq \")" + id + R"(\"]"}]})");
    t.send("GET", "/Groups?filter=displayName%20eq%20%22Engineering%22");
    t.send("GET", "/Users/" + other_id);
    t.send("GET", "/Users/00000000-0000-4000-8000-000000000000");
}

// Entra's cycle: match by externalId, create with the enterprise extension, the PATCH shapes
// Entra sends, soft delete and back, a group with members added and removed, and the deletes.
void entra_sequence(transcript& t) {
    t.send("GET", "/Users?filter=userName%20eq%20%22entra.user%40acme.com%22");
    auto created = t.send("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "externalId":"8c5f","userName":"entra.user@acme.com","active":true,"displayName":"Entra User",
        "emails":[{"primary":true,"type":"work","value":"entra.user@acme.com"}],
        "name":{"formatted":"Entra User","familyName":"User","givenName":"Entra"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}})");
    auto const id = std::string(created.at("id").as_string());
    t.send("GET", "/Users?filter=externalId%20eq%20%228c5f%22");
    t.send("PATCH", "/Users/" + id, patch_op + R"([
        {"op":"Replace","path":"displayName","value":"Entra Renamed"},
        {"op":"Replace","path":"name.givenName","value":"Renamed"},
        {"op":"Replace","path":"emails[type eq \"work\"].value","value":"renamed@acme.com"},
        {"op":"Add","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 555 0100"},
        {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-1"},
        {"op":"Replace","value":{"title":"Lead","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}}
    ]})");
    t.send("GET", "/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22renamed%40acme.com%22");
    t.send("PATCH", "/Users/" + id, patch_op + R"([{"op":"Replace","path":"active","value":"False"}]})");
    t.send("GET", "/Users?filter=userName%20eq%20%22entra.user%40acme.com%22");
    t.send("PATCH", "/Users/" + id, patch_op + R"([{"op":"Replace","path":"active","value":"True"}]})");

    auto group = t.send("POST", "/Groups", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "externalId":"g-1","displayName":"Entra Group","members":[]})");
    auto const group_id = std::string(group.at("id").as_string());
    t.send("PATCH", "/Groups/" + group_id,
           patch_op + R"([{"op":"Add","path":"members","value":[{"value":")" + id + R"("}]}]})");
    t.send("GET", "/Groups/" + group_id + "?excludedAttributes=members");
    t.send("GET", "/Groups?filter=displayName%20eq%20%22Entra%20Group%22&excludedAttributes=members");
    t.send("PATCH", "/Groups/" + group_id,
           patch_op + R"([{"op":"Remove","path":"members","value":[{"value":")" + id + R"("}]}]})");
    t.send("DELETE", "/Groups/" + group_id);
    t.send("DELETE", "/Users/" + id);
    t.send("GET", "/Users/" + id);
    t.send("GET", "/Users?filter=userName%20eq%20%22entra.user%40acme.com%22");
}

// Users created by four clients at once, each request on its own connection; then the whole
// listing: every user once, and the total counts them once.
void concurrent_creations(transcript& t, int per_client) {
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&t, c, per_client] {
            for (int i = 0; i < per_client; ++i) {
                auto const name = "burst." + std::to_string(c) + "." + std::to_string(i) + "@acme.com";
                t.send("POST", "/Users",
                       R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + name + "\"}");
            }
        });
    }
    for (auto& c : clients) c.join();
}

// The requests of a replica's log that went to `directory_id`'s SCIM base.
std::size_t scim_requests_served(scimd_process const& replica, std::string const& directory_id) {
    auto const log = replica.stderr_text();
    std::size_t n = 0;
    for (auto at = log.find("/scim/directory/" + directory_id); at != std::string::npos;
         at = log.find("/scim/directory/" + directory_id, at + 1))
        ++n;
    return n;
}

// The sum of the counts of `message` lines ("accounts erased count=3") in a replica's log.
std::int64_t logged_count(scimd_process const& replica, std::string const& message) {
    auto const log = replica.stderr_text();
    std::regex const line(message + "[^\\n]*count=([0-9]+)");
    std::int64_t total = 0;
    for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) total += std::stoll((*it)[1]);
    return total;
}

class replicas : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        certificate_ = std::make_unique<shared_certificate>();
        dsn_ = fresh_database_dsn();
        first_ = std::make_unique<scimd_process>(dsn_, replica_options(*certificate_));
        second_ = std::make_unique<scimd_process>(dsn_, replica_options(*certificate_));
        auto const port = free_loopback_port(SOCK_STREAM);
        balancer_ =
            std::make_unique<haproxy_process>(std::string(SCIMD_SOURCE_DIR) + "/deploy/haproxy.cfg",
                                              std::vector<std::pair<std::string, std::string>>{
                                                  {"LB_BIND", "127.0.0.1:" + std::to_string(port)},
                                                  {"LB_REPLICA_1", "127.0.0.1:" + std::to_string(first_->port())},
                                                  {"LB_REPLICA_2", "127.0.0.1:" + std::to_string(second_->port())}},
                                              port);
    }
    static void TearDownTestSuite() {
        balancer_.reset();
        if (second_) {
            EXPECT_EQ(second_->terminate(), 0);
        }
        if (first_) {
            EXPECT_EQ(first_->terminate(), 0);
        }
        second_.reset();
        first_.reset();
        certificate_.reset();
    }

    static inline std::unique_ptr<shared_certificate> certificate_;
    static inline std::string dsn_;
    static inline std::unique_ptr<scimd_process> first_;
    static inline std::unique_ptr<scimd_process> second_;
    static inline std::unique_ptr<haproxy_process> balancer_;
};

TEST_F(replicas, identity_providers_get_the_answers_one_replica_gives) {
    auto const behind = bootstrap(dsn_, "acme", "okta");
    transcript through_balancer("127.0.0.1", balancer_->port(), behind);
    okta_sequence(through_balancer);
    entra_sequence(through_balancer);

    // The same against one replica of its own, on a database of its own.
    scimd_process alone(fresh_database_dsn(), replica_options(*certificate_));
    auto const single = alone.bootstrap("acme", "okta");
    transcript direct("127.0.0.1", alone.port(), single);
    okta_sequence(direct);
    entra_sequence(direct);

    auto const expected = direct.lines();
    auto const got = through_balancer.lines();
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], expected[i]) << "request " << i + 1;
    // Both replicas served the sequences.
    EXPECT_GT(scim_requests_served(*first_, behind.directory_id), 5u);
    EXPECT_GT(scim_requests_served(*second_, behind.directory_id), 5u);
    EXPECT_EQ(alone.terminate(), 0);
}

TEST_F(replicas, concurrent_writes_through_both_replicas_are_each_kept_once) {
    auto const tenant = bootstrap(dsn_, "burst", "entra");
    transcript t("127.0.0.1", balancer_->port(), tenant);
    constexpr int per_client = 10;
    concurrent_creations(t, per_client);
    pg_connection db(dsn_);
    EXPECT_EQ(db.value("SELECT count(*) FROM scim_users WHERE directory_id = '" + tenant.directory_id + "'"), "40");
    EXPECT_EQ(
        db.value("SELECT count(DISTINCT user_name) FROM scim_users WHERE directory_id = '" + tenant.directory_id + "'"),
        "40");
    // Each write journaled once.
    EXPECT_EQ(db.value("SELECT count(*) FROM journal_entries WHERE directory_id = '" + tenant.directory_id +
                       "' AND method = 'POST'"),
              "40");
    auto const listed = t.send("GET", "/Users?count=100&attributes=userName");
    EXPECT_EQ(listed.at("totalResults"), 40);
    std::set<std::string> names;
    for (auto const& u : listed.at("Resources").as_array()) names.insert(std::string(u.at("userName").as_string()));
    EXPECT_EQ(names.size(), 40u);
    EXPECT_GT(scim_requests_served(*first_, tenant.directory_id), 0u);
    EXPECT_GT(scim_requests_served(*second_, tenant.directory_id), 0u);
}

// What one periodic task erases, and how the replicas' logs count it.
struct round_check {
    std::string lock;         // its advisory lock's name (store/periodic_rounds.cpp)
    std::string log_message;  // "accounts erased count=…"
    std::string remaining;    // SQL: how many of the test's rows are still there
    std::int64_t rows;        // how many the test made
};

// Both replicas run the deletion sweep, journal retention and device retention every second.
// While another transaction holds a task's round, neither replica does that task; once it ends,
// the rows go, and the replicas' logs together count each row once.
TEST_F(replicas, periodic_rounds_run_once_across_the_replicas) {
    auto const tenant = bootstrap(dsn_, "sweep", "okta");
    auto const org = "'" + tenant.organization_id + "'";
    std::vector<round_check> const checks{
        {"scimd.deletion_sweep", "accounts erased",
         "SELECT count(*) FROM accounts WHERE email LIKE '%@sweep.example' AND lifecycle = 'pending_deletion'", 25},
        {"scimd.journal_retention", "journal entries erased",
         "SELECT count(*) FROM journal_entries WHERE request_id LIKE 'old-%'", 30},
        // Two rows per device: the device and its sign-out, both older than the retention.
        {"scimd.device_retention", "devices erased",
         "SELECT (SELECT count(*) FROM account_devices WHERE device_id LIKE 'old-%') + "
         "(SELECT count(*) FROM device_sign_outs WHERE device_id LIKE 'old-%')",
         2 * 15},
    };
    pg_connection holder(dsn_);
    holder.run("BEGIN");
    for (auto const& c : checks) holder.run("SELECT pg_advisory_xact_lock(hashtext('" + c.lock + "'))");

    run_sql(dsn_,
            "INSERT INTO accounts (id, email, claimed_by, lifecycle, deletion_due_at) SELECT "
            "gen_random_uuid(), 'gone' || i || '@sweep.example', " +
                org + ", 'pending_deletion', now() - interval '1 minute' FROM generate_series(1, 25) AS i");
    // Older than the default retention of 90 days.
    run_sql(dsn_,
            "INSERT INTO journal_entries (organization_id, actor, occurred_at, request_id, method, path, "
            "resource_type, request, status) SELECT " +
                org +
                ", 'directory', now() - interval '200 days', 'old-' || i, 'POST', '/Users', 'User', '{}', 201 "
                "FROM generate_series(1, 30) AS i");
    run_sql(dsn_,
            "INSERT INTO accounts (id, email, claimed_by) SELECT gen_random_uuid(), 'kept' || i || "
            "'@devices.example', " +
                org + " FROM generate_series(1, 15) AS i");
    run_sql(dsn_,
            "INSERT INTO account_devices (id, account_id, device_id, last_address, first_sign_in, "
            "last_sign_in) SELECT gen_random_uuid(), a.id, 'old-' || a.email, '192.0.2.1', now() - interval "
            "'200 days', now() - interval '200 days' FROM accounts a WHERE a.email LIKE '%@devices.example'");
    run_sql(dsn_,
            "INSERT INTO device_sign_outs (organization_id, account_id, device, device_id, signed_out_at, "
            "signed_out_by) SELECT " +
                org +
                ", d.account_id, d.id, d.device_id, now() - interval '200 days', 'admin' FROM account_devices d "
                "WHERE d.device_id LIKE 'old-%'");

    auto const logged = [&](round_check const& c) {
        return logged_count(*first_, c.log_message) + logged_count(*second_, c.log_message);
    };
    std::vector<std::int64_t> logged_before;
    for (auto const& c : checks) logged_before.push_back(logged(c));
    pg_connection reader(dsn_);
    auto const remaining = [&](round_check const& c) { return std::stoll(reader.value(c.remaining)); };

    // Each replica tried two rounds of each task or more meanwhile.
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    for (auto const& c : checks) EXPECT_EQ(remaining(c), c.rows) << c.lock << " ran while another transaction held it";
    holder.run("COMMIT");

    for (std::size_t k = 0; k < checks.size(); ++k) {
        auto const& c = checks[k];
        for (int i = 0; i < 100 && remaining(c) != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        EXPECT_EQ(remaining(c), 0) << c.lock;
        // The log line comes after the commit: give it the moment it needs.
        std::int64_t erased = 0;
        for (int i = 0; i < 50; ++i) {
            erased = logged(c) - logged_before[k];
            if (erased >= c.rows) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        EXPECT_EQ(erased, c.rows) << c.log_message;
    }
}

// --max-concurrent-exports 2 on each replica: the places are the database's, so one export
// running on each replica fills them, and a third waits its turn on either replica.
TEST_F(replicas, the_export_cap_holds_across_the_replicas) {
    auto const tenant = bootstrap(dsn_, "exports", "okta");
    auto const token = admin_token_of(dsn_, "exports");
    // Enough bytes (10 MB, more than the socket buffers hold) that a client that does not read
    // keeps its export running; few rows, so that they are written quickly.
    run_sql(dsn_,
            "INSERT INTO accounts (id, email, display_name, claimed_by) SELECT gen_random_uuid(), 'user' || i "
            "|| '@exports.example', repeat('x', 5000), '" +
                tenant.organization_id + "' FROM generate_series(1, 2000) AS i");
    auto const target = "/admin/organizations/" + tenant.organization_id + "/exports/managed-accounts";
    auto const status_on = [&](scimd_process const& replica) {
        https_client client("127.0.0.1", replica.port());
        auto const reply = client.request("GET", target, {}, {{"Authorization", "Bearer " + token}});
        if (reply.status == 503) {
            EXPECT_EQ(reply.header("retry-after"), "10");
        }
        return reply.status;
    };
    {
        slow_download on_first(first_->port(), target, token);
        ASSERT_TRUE(on_first.head().starts_with("HTTP/1.1 200 OK\r\n"));
        {
            slow_download on_second(second_->port(), target, token);
            ASSERT_TRUE(on_second.head().starts_with("HTTP/1.1 200 OK\r\n"));
            EXPECT_EQ(status_on(*first_), 503);
            EXPECT_EQ(status_on(*second_), 503);
        }
        // The second replica's slow client hung up: its place is free, for either replica.
        std::string head;
        for (int i = 0; i < 200 && !head.starts_with("HTTP/1.1 200 OK\r\n"); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            slow_download third(first_->port(), target, token);
            head = third.head();
        }
        EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
    }
}

}  // namespace
}  // namespace scim::testing
