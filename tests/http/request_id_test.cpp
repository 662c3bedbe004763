#include <string>

#include <gtest/gtest.h>

#include "request_id.hpp"

namespace scim::http {
namespace {

request with_headers(std::vector<std::pair<std::string, std::string>> headers) {
    request req;
    req.headers = std::move(headers);
    return req;
}

TEST(request_id, well_formed_x_request_id_is_taken) {
    EXPECT_EQ(well_formed_request_id("abc-123_x.y:z"), "abc-123_x.y:z");
    EXPECT_EQ(well_formed_request_id("0f8fad5b-d9cb-469f-a165-70867728950e"), "0f8fad5b-d9cb-469f-a165-70867728950e");
    EXPECT_EQ(well_formed_request_id(std::string(64, 'a')), std::string(64, 'a'));
}

TEST(request_id, malformed_x_request_id_is_ignored) {
    EXPECT_FALSE(well_formed_request_id(""));
    EXPECT_FALSE(well_formed_request_id(std::string(65, 'a')));
    for (std::string bad : {"a b", "a\"b", "a=b", "a\nb", "a/b", "caf\xc3\xa9", "a;b"}) {
        EXPECT_FALSE(well_formed_request_id(bad)) << bad;
    }
}

TEST(request_id, traceparent_gives_its_trace_id) {
    EXPECT_EQ(trace_id_of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
              "4bf92f3577b34da6a3ce929d0e0e4736");
    // A later version may carry more fields after a dash.
    EXPECT_EQ(trace_id_of("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"),
              "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(request_id, malformed_traceparent_is_ignored) {
    for (std::string bad : {
             "",
             "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",        // no flags
             "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",     // upper case
             "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // version ff
             "00-00000000000000000000000000000000-00f067aa0ba902b7-01",     // zero trace id
             "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",     // zero parent id
             "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xx",  // version 00 is exact
             "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01xx",   // no dash before more
             "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // wrong separator
             "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",     // not hex
         }) {
        EXPECT_FALSE(trace_id_of(bad)) << bad;
    }
}

TEST(request_id, x_request_id_first_then_traceparent_else_none) {
    auto const trace = std::string("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    EXPECT_EQ(request_id_from(with_headers({{"x-request-id", "lb-1"}, {"traceparent", trace}})), "lb-1");
    EXPECT_EQ(request_id_from(with_headers({{"x-request-id", "bad id"}, {"traceparent", trace}})),
              "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_EQ(request_id_from(with_headers({{"traceparent", "junk"}})), std::nullopt);
    EXPECT_EQ(request_id_from(with_headers({})), std::nullopt);
}

}  // namespace
}  // namespace scim::http
