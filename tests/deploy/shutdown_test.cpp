// Shutdown behind a load balancer, against the real binary (docs/command-line.md "Shutdown"):
// on SIGTERM /readyz answers 503 for --shutdown-delay-seconds while requests are still served,
// then the listener closes, and a request in flight (held by a lock in the database) still gets
// its answer before the process exits 0.

#include <signal.h>

#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "client/https_client.hpp"
#include "support/pg_connection.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

using namespace std::chrono_literals;

TEST(shutdown, readyz_fails_during_the_delay_then_in_flight_requests_drain) {
    scimd_process server(fresh_database_dsn(), {"--shutdown-delay-seconds", "2"});
    auto const tenant = server.bootstrap("acme", "okta");
    auto const fresh_client = [&] { return std::make_unique<https_client>("127.0.0.1", server.port()); };
    EXPECT_EQ(fresh_client()->request("GET", "/readyz").status, 200);

    // A request that cannot finish while the test holds the users' table: it is in flight
    // across the whole shutdown.
    pg_connection blocker(server.dsn());
    blocker.run("BEGIN; LOCK TABLE scim_users IN ACCESS EXCLUSIVE MODE");
    auto in_flight = std::async(std::launch::async, [&] {
        https_client c("127.0.0.1", server.port());
        return c.request("GET", tenant.base_path + "/Users", {}, {{"Authorization", "Bearer " + tenant.token}}).status;
    });
    std::this_thread::sleep_for(300ms);
    ASSERT_EQ(in_flight.wait_for(0s), std::future_status::timeout);

    auto const signalled = std::chrono::steady_clock::now();
    ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
    std::this_thread::sleep_for(300ms);
    // The delay: not ready, yet serving, on new connections too.
    auto const probe = fresh_client()->request("GET", "/readyz");
    EXPECT_EQ(probe.status, 503) << probe.body;
    EXPECT_FALSE(probe.header("retry-after").empty());
    EXPECT_EQ(fresh_client()->request("GET", "/healthz").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - signalled, 2s) << "the checks above ran after the delay";

    // After the delay the listener is closed: a new connection fails.
    std::this_thread::sleep_for(2s);
    EXPECT_THROW(fresh_client()->request("GET", "/healthz"), std::runtime_error);
    EXPECT_TRUE(server.running());
    ASSERT_EQ(in_flight.wait_for(0s), std::future_status::timeout);

    // The lock goes: the request in flight is answered, then the process ends.
    blocker.run("COMMIT");
    EXPECT_EQ(in_flight.get(), 200);
    // It exits by itself: the one SIGTERM was enough.
    auto const deadline = std::chrono::steady_clock::now() + 10s;
    while (server.running() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(server.running());
    EXPECT_EQ(server.terminate(), 0) << server.stderr_text();
    auto const log = server.stderr_text();
    EXPECT_NE(log.find("\"shutdown requested\" delay_seconds=2"), std::string::npos) << log;
    EXPECT_NE(log.find("shutting down"), std::string::npos) << log;
}

}  // namespace
}  // namespace scim::testing
