// Which Host header fields a request may carry (RFC 9112 §3.2, RFC 3986 §3.2.2).

#include <string>

#include <gtest/gtest.h>

#include "host.hpp"

namespace scim::http {
namespace {

TEST(is_valid_host, takes_reg_names_ipv4_and_bracketed_ipv6_with_an_optional_port) {
    for (char const* host : {"scimd.example", "scimd.example:8443", "127.0.0.1", "127.0.0.1:1", "localhost:65535",
                             "[::1]", "[::1]:8443", "[2001:db8::1]", "[::ffff:192.0.2.1]:80", "xn--bcher-kva.example",
                             "a%41b", "under_score~tilde", "sub-delims!$&'()*+,;="}) {
        SCOPED_TRACE(host);
        EXPECT_TRUE(is_valid_host(host));
    }
}

TEST(is_valid_host, refuses_anything_else) {
    for (std::string host : {"",
                             ":8443",
                             "evil.example\"/<x>",
                             "a b",
                             "a/b",
                             "a?b",
                             "a#b",
                             "user@host",
                             "host:",
                             "host:http",
                             "host:65536",
                             "host:123456",
                             "host:-1",
                             "a:b:80",
                             "::1",
                             "[::1",
                             "::1]",
                             "[]",
                             "[::1]x",
                             "[::1]:",
                             "[fe80::1%25eth0]",
                             "[v1.future]",
                             "[192.0.2.1]",
                             "a%4",
                             "a%zz",
                             "a<b>",
                             "a\"b",
                             "a\\b",
                             "a{b}",
                             "a|b",
                             "a^b",
                             "a`b",
                             "\t"}) {
        SCOPED_TRACE(host);
        EXPECT_FALSE(is_valid_host(host));
    }
    EXPECT_FALSE(is_valid_host(std::string("[::1\0]", 6)));
    EXPECT_FALSE(is_valid_host(std::string("a\0b", 3)));
    EXPECT_FALSE(is_valid_host("[" + std::string(100, '1') + "]"));
}

request with_hosts(std::initializer_list<char const*> hosts) {
    request req;
    req.headers.emplace_back("accept", "*/*");
    for (auto const* h : hosts) req.headers.emplace_back("host", h);
    return req;
}

TEST(host_field_error, is_400_for_a_missing_duplicate_or_malformed_host) {
    EXPECT_FALSE(host_field_error(with_hosts({"scimd.example"}), 11));
    EXPECT_FALSE(host_field_error(with_hosts({}), 10)) << "HTTP/1.0 may omit Host";
    struct bad_case {
        request req;
        unsigned version;
        char const* detail;
    };
    for (auto const& [req, version, detail] :
         {bad_case{with_hosts({}), 11, "an HTTP/1.1 request needs a Host header"},
          bad_case{with_hosts({"a", "a"}), 11, "the request has more than one Host header"},
          bad_case{with_hosts({"a", "b"}), 10, "the request has more than one Host header"},
          bad_case{with_hosts({"evil.example\"/<x>"}), 11,
                   "the Host header is not a host name or address with an optional port"},
          bad_case{with_hosts({""}), 10, "the Host header is not a host name or address with an optional port"}}) {
        SCOPED_TRACE(detail);
        auto const error = host_field_error(req, version);
        ASSERT_TRUE(error);
        EXPECT_EQ(error->status(), 400);
        EXPECT_EQ(error->detail(), detail);
    }
}

}  // namespace
}  // namespace scim::http
