// The connection registry's limits: which connection makes room for a newcomer, and when a
// newcomer is turned away (connections.hpp).

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/strand.hpp>

#include "connections.hpp"

namespace scim::http {
namespace {

namespace asio = boost::asio;

class connection_registry_test : public ::testing::Test {
protected:
    // A connection of `client`, counting its closes; a little later than the one before, so
    // that "idle longest" is well defined.
    std::shared_ptr<connection_state> open(connection_registry& registry, std::string const& client) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        auto c = registry.open(asio::make_strand(ioc_), client);
        if (c) c->close = [this, raw = c.get()] { closed_.push_back(raw); };
        return c;
    }
    // Runs the closes the registry posted.
    std::vector<connection_state*> const& closes() {
        ioc_.restart();
        ioc_.poll();
        return closed_;
    }

    asio::io_context ioc_;
    std::vector<connection_state*> closed_;
};

TEST_F(connection_registry_test, a_client_at_its_limit_gives_up_its_own_longest_idle_connection) {
    connection_registry registry(10, 2);
    auto other = open(registry, "192.0.2.9");
    auto first = open(registry, "192.0.2.1");
    auto second = open(registry, "192.0.2.1");
    auto third = open(registry, "192.0.2.1");
    ASSERT_TRUE(third);
    EXPECT_EQ(closes(), std::vector<connection_state*>{first.get()})
        << "not the other client's, though it waits longer";
    EXPECT_TRUE(first->evicted());
    EXPECT_FALSE(second->evicted());
    EXPECT_FALSE(other->evicted());
}

TEST_F(connection_registry_test, at_the_overall_limit_the_connection_idle_longest_makes_room) {
    connection_registry registry(3, 3);
    auto a = open(registry, "192.0.2.1");
    auto b = open(registry, "192.0.2.2");
    auto c = open(registry, "192.0.2.3");
    // `a` is busy with a request; `b` answered one later than `c` was opened.
    a->set_busy(true);
    b->set_busy(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    b->set_busy(false);
    auto d = open(registry, "192.0.2.4");
    ASSERT_TRUE(d);
    EXPECT_EQ(closes(), std::vector<connection_state*>{c.get()});
    // The evicted one no longer counts, even before its session ends.
    auto e = open(registry, "192.0.2.5");
    ASSERT_TRUE(e);
    EXPECT_EQ(closes(), (std::vector<connection_state*>{c.get(), b.get()}));
}

TEST_F(connection_registry_test, a_newcomer_is_turned_away_only_when_every_counted_connection_is_busy) {
    connection_registry registry(2, 1);
    auto a = open(registry, "192.0.2.1");
    a->set_busy(true);
    EXPECT_FALSE(open(registry, "192.0.2.1")) << "its own limit, its only connection busy";
    auto b = open(registry, "192.0.2.2");
    ASSERT_TRUE(b);
    b->set_busy(true);
    EXPECT_FALSE(open(registry, "192.0.2.3")) << "the overall limit, every connection busy";
    EXPECT_TRUE(closes().empty());
    // A connection that ends makes room without anyone evicted.
    registry.closed(a);
    EXPECT_TRUE(open(registry, "192.0.2.3"));
    EXPECT_TRUE(closes().empty());
}

TEST_F(connection_registry_test, an_evicted_connection_that_began_a_request_is_not_cut_off) {
    connection_registry registry(1, 1);
    auto a = open(registry, "192.0.2.1");
    auto b = open(registry, "192.0.2.2");
    ASSERT_TRUE(b);
    // The request began between the choice and the close on a's strand: the session answers
    // it and then ends, seeing `evicted`.
    a->set_busy(true);
    EXPECT_TRUE(closes().empty());
    EXPECT_TRUE(a->evicted());
}

TEST_F(connection_registry_test, closing_counts_down_so_limits_apply_to_live_connections) {
    connection_registry registry(2, 2);
    for (int round = 0; round < 5; ++round) {
        auto a = open(registry, "192.0.2.1");
        auto b = open(registry, "192.0.2.1");
        ASSERT_TRUE(a && b);
        registry.closed(a);
        registry.closed(b);
    }
    EXPECT_TRUE(closes().empty()) << "no connection was ever over a limit";
}

TEST(client_key_of, ipv4_addresses_and_ipv6_slash_64_prefixes) {
    auto key = [](char const* text) { return client_key_of(asio::ip::make_address(text)); };
    EXPECT_EQ(key("127.0.0.2"), "127.0.0.2");
    EXPECT_EQ(key("::ffff:192.0.2.7"), "192.0.2.7") << "IPv4-mapped on a dual-stack socket";
    EXPECT_EQ(key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    EXPECT_EQ(key("2001:db8:1:2:ffff::1"), key("2001:db8:1:2::9"));
    EXPECT_NE(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
}

}  // namespace
}  // namespace scim::http
