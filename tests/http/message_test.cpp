#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"

namespace scim::http {
namespace {

using pairs = std::vector<std::pair<std::string, std::string>>;

struct query_case {
    char const* query;
    pairs expected;
};

TEST(query_parameters, decodes_form_encoded_pairs_in_order) {
    std::vector<query_case> cases = {
        {"", {}},
        {"a=1&b=2", {{"a", "1"}, {"b", "2"}}},
        {"b=2&a=1&b=3", {{"b", "2"}, {"a", "1"}, {"b", "3"}}},
        {"name=%41+b%2bc", {{"name", "A b+c"}}},
        {"flag", {{"flag", ""}}},
        {"a=1&&b=", {{"a", "1"}, {"b", ""}}},
        {"=v", {{"", "v"}}},
        {"a=b=c", {{"a", "b=c"}}},
        {"filter=userName%20eq%20%22bjensen%22", {{"filter", "userName eq \"bjensen\""}}},
        {"x=%C3%A9", {{"x", "\xC3\xA9"}}},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.query);
        EXPECT_EQ(query_parameters(c.query), c.expected);
    }
}

TEST(query_parameters, malformed_escapes_are_bad_requests) {
    for (char const* query : {"a=%", "a=%4", "a=%zz", "%g1=x", "a=1&b=%4x"}) {
        SCOPED_TRACE(query);
        try {
            query_parameters(query);
            ADD_FAILURE() << "no error";
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::bad_request);
            EXPECT_EQ(e.status(), 400);
        }
    }
}

struct decode_case {
    char const* text;
    bool plus_is_space;
    char const* expected;
};

TEST(percent_decode, decodes_octets_and_plus_only_when_asked) {
    std::vector<decode_case> cases = {
        {"/Users/abc", false, "/Users/abc"},
        {"/Users/a%20b", false, "/Users/a b"},
        {"/a%2Fb", false, "/a/b"},
        {"a+b", false, "a+b"},
        {"a+b", true, "a b"},
        {"%7e%7E", false, "~~"},
        {"", false, ""},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.text);
        EXPECT_EQ(percent_decode(c.text, c.plus_is_space), c.expected);
    }
    EXPECT_THROW(percent_decode("/Users/%", false), core::error);
    EXPECT_THROW(percent_decode("/Users/%a", false), core::error);
}

TEST(request, headers_are_found_in_any_case) {
    request req;
    req.headers = {{"content-type", "application/scim+json"}, {"x-a", "1"}, {"x-a", "2"}};
    EXPECT_EQ(req.header("Content-Type"), "application/scim+json");
    EXPECT_EQ(req.header("X-A"), "1");
    EXPECT_EQ(req.header("authorization"), "");
    EXPECT_TRUE(req.has_header("CONTENT-TYPE"));
    EXPECT_FALSE(req.has_header("authorization"));
}

TEST(response, set_header_replaces_any_case) {
    response res;
    res.set_header("Content-Type", "text/plain").set_header("ETag", "W/\"1\"");
    res.set_header("content-type", "application/scim+json");
    EXPECT_EQ(res.header("CONTENT-TYPE"), "application/scim+json");
    EXPECT_EQ(res.header("etag"), "W/\"1\"");
    EXPECT_EQ(res.headers.size(), 2u);
}

TEST(public_base_url, the_configured_url_or_the_requests_host) {
    request req;
    req.headers = {{"host", "scimd.example:8443"}};
    EXPECT_EQ(public_base_url(req, ""), "https://scimd.example:8443");
    req.secure = false;
    EXPECT_EQ(public_base_url(req, ""), "http://scimd.example:8443");
    EXPECT_EQ(public_base_url(req, "https://id.example.com/"), "https://id.example.com");
}

TEST(public_base_url, never_builds_a_link_from_a_host_that_is_not_host_and_port) {
    for (char const* host : {"", "evil.example\"/<x>", "a b", "user@host", "host:99999"}) {
        SCOPED_TRACE(host);
        request req;
        req.headers = {{"host", host}};
        EXPECT_THROW(public_base_url(req, ""), core::error);
        // With --public-url the Host plays no part.
        EXPECT_EQ(public_base_url(req, "https://id.example.com"), "https://id.example.com");
    }
}

TEST(public_url_option, takes_absolute_http_urls_without_query_or_fragment) {
    EXPECT_EQ(public_url_option("https://scim.example.com"), "https://scim.example.com");
    EXPECT_EQ(public_url_option("HTTPS://scim.example.com:8443/base/"), "https://scim.example.com:8443/base");
    EXPECT_EQ(public_url_option("http://[2001:db8::1]:80/a%20b//"), "http://[2001:db8::1]:80/a%20b");
    for (char const* bad :
         {"", "scim.example.com", "ftp://scim.example.com", "https://", "https:///path",
          "https://user@scim.example.com", "https://scim.example.com?x=1", "https://scim.example.com/a#b",
          "https://scim.example.com/a b", "https://scim.example.com/%zz", "https://scim.example.com:https",
          "https://evil.example\"/<x>"}) {
        SCOPED_TRACE(bad);
        EXPECT_THROW(public_url_option(bad), std::invalid_argument);
    }
}

}  // namespace
}  // namespace scim::http
