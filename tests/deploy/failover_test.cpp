// PostgreSQL failover under write load (docs/database.md "Failover"): a primary and its
// synchronous streaming standby (tests/deploy/pg_failover_pair.sh), scimd on the multi-host
// DSN with target_session_attrs=read-write, clients creating users the whole time. The standby
// is promoted and the old primary stopped: meanwhile every answer is 201 or 503 with
// Retry-After (never 500), scimd follows the new primary within seconds without a restart,
// and every user acknowledged with 201 is on the new primary.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "client/https_client.hpp"
#include "support/pg_connection.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

#ifndef SCIMD_SOURCE_DIR
#error "SCIMD_SOURCE_DIR must name the source tree (tests/CMakeLists.txt)"
#endif

namespace scim::testing {
namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

// The primary and standby of pg_failover_pair.sh, stopped and removed when it goes.
class failover_pair {
public:
    failover_pair() {
        char dir[] = "/tmp/scimd-failover.XXXXXX";
        if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
        state_ = dir;
        script("start", " " + std::to_string(getpid()));
    }
    ~failover_pair() {
        try {
            script("stop");
        } catch (std::exception const& e) {
            std::cerr << e.what() << "\n";
        }
        std::error_code ignored;
        std::filesystem::remove_all(state_, ignored);
    }
    failover_pair(failover_pair const&) = delete;
    failover_pair& operator=(failover_pair const&) = delete;

    // The multi-host connection string, without a database.
    std::string multi_host_dsn() const { return first_line(state_ + "/dsn"); }
    std::string primary_dsn() const { return first_line(state_ + "/primary/dsn"); }
    std::string standby_dsn() const { return first_line(state_ + "/standby/dsn"); }
    void promote_standby() { script("promote"); }
    // As `pg_ctl stop -m fast`: its sessions are ended (57P01), COMMITs waiting included.
    void stop_old_primary() {
        run("bash " + std::string(SCIMD_SOURCE_DIR) + "/tests/support/pg_cluster.sh halt " + state_ + "/primary fast");
    }

private:
    static std::string first_line(std::string const& file) {
        std::ifstream in(file);
        std::string line;
        std::getline(in, line);
        return line;
    }
    static void run(std::string const& command) {
        if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
    }
    void script(std::string const& command, std::string const& more = {}) {
        run("bash " + std::string(SCIMD_SOURCE_DIR) + "/tests/deploy/pg_failover_pair.sh " + command + " " + state_ +
            more);
    }
    std::string state_;
};

// What the clients saw.
struct outcome {
    std::mutex mutex;
    int requests = 0;
    int unavailable = 0;
    std::vector<std::string> acknowledged;  // ids of users answered 201
    std::vector<std::string> wrong;         // anything else, described
    // The first 201 to a request sent after the old primary stopped.
    steady::time_point first_success_after_stop = steady::time_point::max();
};

void create_users(unsigned short port, std::string const& base_path, std::string const& token, int client,
                  std::atomic<bool> const& done, std::atomic<steady::time_point::rep> const& stopped_at, outcome& out) {
    https_client http("127.0.0.1", port, {.timeout = 60s});
    for (int n = 0; !done; ++n) {
        auto const sent = steady::now();
        auto const body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"client)" +
                          std::to_string(client) + "-" + std::to_string(n) + R"("})";
        http_reply reply;
        try {
            reply = http.request("POST", base_path + "/Users", body, {{"Authorization", "Bearer " + token}});
        } catch (std::exception const& e) {
            std::lock_guard lock(out.mutex);
            ++out.requests;
            out.wrong.push_back(std::string("no answer: ") + e.what());
            continue;
        }
        std::lock_guard lock(out.mutex);
        ++out.requests;
        if (reply.status == 201) {
            out.acknowledged.push_back(std::string(reply.json().as_object().at("id").as_string()));
            if (sent.time_since_epoch().count() > stopped_at && sent < out.first_success_after_stop)
                out.first_success_after_stop = sent;
        } else if (reply.status == 503 && !reply.header("Retry-After").empty()) {
            ++out.unavailable;
        } else {
            out.wrong.push_back(std::to_string(reply.status) + " " + reply.body);
        }
        if (reply.status != 201) std::this_thread::sleep_for(100ms);
    }
}

TEST(failover, scimd_follows_the_promoted_synchronous_standby_and_loses_no_acknowledged_write) {
    failover_pair pair;
    run_sql(pair.primary_dsn(), "CREATE DATABASE scimd_failover");
    scimd_process server(pair.multi_host_dsn() + " dbname=scimd_failover", {"--workers", "4"});
    auto const tenant = server.bootstrap("acme", "okta");

    outcome out;
    std::atomic<bool> done = false;
    std::atomic<steady::time_point::rep> stopped_at = steady::time_point::max().time_since_epoch().count();
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back(create_users, server.port(), tenant.base_path, tenant.token, c, std::cref(done),
                             std::cref(stopped_at), std::ref(out));
    }
    std::this_thread::sleep_for(1s);
    auto const failover_started = steady::now();
    pair.promote_standby();
    // Writes go on meanwhile: those on the old primary wait at COMMIT for a standby it no
    // longer has, and are never acknowledged.
    std::this_thread::sleep_for(500ms);
    pair.stop_old_primary();
    stopped_at = steady::now().time_since_epoch().count();
    // Load goes on until scimd has written to the new primary for a second, 20 s at most.
    for (auto const give_up = steady::now() + 20s; steady::now() < give_up; std::this_thread::sleep_for(100ms)) {
        std::lock_guard lock(out.mutex);
        if (out.first_success_after_stop != steady::time_point::max() &&
            steady::now() - out.first_success_after_stop > 1s)
            break;
    }
    done = true;
    for (auto& c : clients) c.join();

    EXPECT_TRUE(server.running()) << "scimd follows the new primary without a restart";
    ASSERT_NE(out.first_success_after_stop, steady::time_point::max()) << "no write succeeded on the new primary\n"
                                                                       << server.stderr_text();
    auto const recovery = std::chrono::duration<double>(out.first_success_after_stop - failover_started).count();
    EXPECT_LT(recovery, 10.0);
    for (auto const& w : out.wrong) ADD_FAILURE() << "neither 201 nor 503 with Retry-After: " << w;

    // Every acknowledged user is on the new primary.
    pg_connection promoted(with_database(pair.standby_dsn(), "scimd_failover"));
    EXPECT_EQ(promoted.value("SELECT pg_is_in_recovery()::text"), "false");
    std::set<std::string> present;
    for (auto const& row : promoted.rows("SELECT id::text FROM scim_users")) present.insert(row.front());
    int lost = 0;
    for (auto const& id : out.acknowledged) lost += present.count(id) == 0 ? 1 : 0;
    EXPECT_EQ(lost, 0);
    std::cout << "failover figures: requests " << out.requests << ", 503 " << out.unavailable
              << ", acknowledged writes " << out.acknowledged.size() << ", lost " << lost << ", seconds to recover "
              << recovery << "\n";
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
