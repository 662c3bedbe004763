// One client that hoards idle TLS connections locks nobody out: 1,100 connections from
// 127.0.0.2 finish their handshake and sit idle, while a newcomer on 127.0.0.1 is still served
// within 100 ms a request (docs/command-line.md "Connections"). The 1,100 are more than the
// default --max-connections, so without the limits of each address and the room idle
// connections make, every newcomer would be turned away.

#include <algorithm>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "client/https_client.hpp"
#include "support/idle_tls_connections.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

using namespace std::chrono_literals;
using milliseconds = std::chrono::duration<double, std::milli>;

constexpr std::size_t hoarded = 1100;
constexpr auto served_within = 100ms;

struct latencies {
    std::vector<milliseconds> each;  // of the requests answered 200
    int failed = 0;
    milliseconds median() const {
        auto sorted = each;
        std::sort(sorted.begin(), sorted.end());
        return sorted.empty() ? milliseconds() : sorted[sorted.size() / 2];
    }
    milliseconds max() const { return each.empty() ? milliseconds() : *std::max_element(each.begin(), each.end()); }
};

// `n` requests as newcomers make them: each on a new connection (TCP and TLS handshakes),
// an authenticated SCIM listing that reads the database.
latencies newcomer_requests(scimd_process const& server, bootstrap_result const& tenant, int n) {
    latencies out;
    for (int i = 0; i < n; ++i) {
        auto const begin = std::chrono::steady_clock::now();
        try {
            https_client c("127.0.0.1", server.port(), client_options{.timeout = 5s});
            auto const reply = c.request("GET", tenant.base_path + "/Users?count=1", {},
                                         {{"Authorization", "Bearer " + tenant.token}});
            if (reply.status == 200) {
                out.each.push_back(std::chrono::steady_clock::now() - begin);
                continue;
            }
            ADD_FAILURE() << reply.status << " " << reply.body;
        } catch (std::runtime_error const& e) {
            ADD_FAILURE() << e.what();
        }
        ++out.failed;
    }
    return out;
}

void hoarded_connections_lock_no_one_out(std::vector<std::string> const& options, std::string const& label) {
    // The hoard, the newcomers, and margin; scimd inherits the raised limit (and raises its own).
    if (!raise_descriptor_limit(hoarded + 256)) GTEST_SKIP() << "the hard descriptor limit is below " << hoarded + 256;
    scimd_process server(fresh_database_dsn(), options);
    auto const tenant = server.bootstrap("acme", "okta");
    auto const before = newcomer_requests(server, tenant, 10);

    idle_tls_connections hoard;
    auto const hoard_began = std::chrono::steady_clock::now();
    auto const handshakes = hoard.open("127.0.0.2", server.port(), hoarded);
    milliseconds const hoarding = std::chrono::steady_clock::now() - hoard_began;
    auto const during = newcomer_requests(server, tenant, 20);
    auto const still_hoarded = hoard.still_open();

    std::cout << label << ": " << handshakes << " of " << hoarded << " TLS handshakes from 127.0.0.2 in "
              << hoarding.count() << " ms, " << still_hoarded
              << " still open; newcomers from 127.0.0.1 before: " << before.failed << " failed, median "
              << before.median().count() << " ms, max " << before.max().count() << " ms; during: " << during.failed
              << " failed, median " << during.median().count() << " ms, max " << during.max().count() << " ms"
              << std::endl;
    EXPECT_EQ(during.failed, 0);
    EXPECT_EQ(handshakes, hoarded) << "each hoarding connection was admitted when it came";
    for (auto const& each : during.each) EXPECT_LT(each, served_within);
    EXPECT_EQ(server.terminate(), 0) << server.stderr_text();
}

TEST(connection_fairness, a_client_hoarding_idle_connections_is_held_to_its_address_limit) {
    hoarded_connections_lock_no_one_out({}, "defaults");
}

// Behind a TLS-terminating proxy every client has the proxy's address, so operators lift the
// address limit: then the idle connections alone make room for the newcomers.
TEST(connection_fairness, idle_connections_make_room_when_the_address_limit_is_lifted) {
    hoarded_connections_lock_no_one_out({"--max-connections-per-address", "1024"}, "address limit lifted");
}

}  // namespace
}  // namespace scim::testing

namespace scim::testing {
namespace {

// The limits and timeouts of docs/command-line.md "Connections" reach the server.
TEST(connection_options, reach_the_server) {
    scimd_process server(fresh_database_dsn(),
                         {"--max-connections", "8", "--max-connections-per-address", "2", "--max-header-bytes", "2048",
                          "--read-timeout-seconds", "2", "--idle-timeout-seconds", "1"});
    https_client c("127.0.0.1", server.port());
    EXPECT_EQ(c.request("GET", "/healthz", {}, {{"X-Padding", std::string(4096, 'p')}}).status, 431);
    EXPECT_EQ(c.request("GET", "/healthz").status, 200);
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(c.request("GET", "/healthz").status, 200);
    EXPECT_EQ(c.connections_opened(), 3u) << "after the 431, and after the idle timeout";

    idle_tls_connections hoard;
    EXPECT_EQ(hoard.open("127.0.0.2", server.port(), 3, 1), 3u);
    EXPECT_EQ(hoard.still_open(), 2u) << "two per address";
    std::this_thread::sleep_for(2500ms);
    EXPECT_EQ(hoard.still_open(), 0u) << "no request within the read timeout";
    EXPECT_EQ(server.terminate(), 0) << server.stderr_text();
}

TEST(connection_options, are_checked_before_anything_starts) {
    struct bad_option {
        std::vector<std::string> args;
        char const* says;
    };
    for (auto const& [args, says] : std::vector<bad_option>{
             {{"--max-connections", "0"}, "--max-connections must be a positive whole number"},
             {{"--idle-timeout-seconds", "86401"}, "--idle-timeout-seconds must be at most 86400"},
             {{"--read-timeout-seconds", "soon"}, "--read-timeout-seconds must be a whole number"},
             {{"--public-url", "scim.example.com"}, "--public-url must be an absolute URL"},
             {{"--public-url", "https://evil.example\"/<x>"}, "--public-url must be an absolute URL"},
         }) {
        std::vector<std::string> command = {"serve", "--db", "host=/nonexistent dbname=none"};
        command.insert(command.end(), args.begin(), args.end());
        auto const run = run_scimd(command);
        EXPECT_EQ(run.exit_status, 2) << run.stderr_text;
        EXPECT_NE(run.stderr_text.find(says), std::string::npos) << run.stderr_text;
    }
}

}  // namespace
}  // namespace scim::testing
