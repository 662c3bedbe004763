#include <gtest/gtest.h>

#include "scim/core/error.hpp"

namespace scim::core {
namespace {

struct mapping {
    error_type type;
    int status;
    char const* scim_type;
};

// RFC 7644 §3.12 Table 9 (and RFC 9865 §4 for the cursor errors).
constexpr mapping table[] = {
    {error_type::invalid_filter, 400, "invalidFilter"},
    {error_type::too_many, 400, "tooMany"},
    {error_type::uniqueness, 409, "uniqueness"},
    {error_type::mutability, 400, "mutability"},
    {error_type::invalid_syntax, 400, "invalidSyntax"},
    {error_type::invalid_path, 400, "invalidPath"},
    {error_type::no_target, 400, "noTarget"},
    {error_type::invalid_value, 400, "invalidValue"},
    {error_type::invalid_version, 400, "invalidVers"},
    {error_type::sensitive, 400, "sensitive"},
    {error_type::invalid_cursor, 400, "invalidCursor"},
    {error_type::expired_cursor, 400, "expiredCursor"},
    {error_type::bad_request, 400, ""},
    {error_type::unauthorized, 401, ""},
    {error_type::forbidden, 403, ""},
    {error_type::not_found, 404, ""},
    {error_type::method_not_allowed, 405, ""},
    {error_type::not_acceptable, 406, ""},
    {error_type::conflict, 409, ""},
    {error_type::precondition_failed, 412, ""},
    {error_type::payload_too_large, 413, ""},
    {error_type::unsupported_media_type, 415, ""},
    {error_type::too_many_requests, 429, ""},
    {error_type::headers_too_large, 431, ""},
    {error_type::internal, 500, ""},
    {error_type::not_implemented, 501, ""},
    {error_type::service_unavailable, 503, ""},
};

TEST(error, every_type_maps_to_its_status_and_scim_type) {
    for (auto const& m : table) {
        auto d = describe(m.type);
        EXPECT_EQ(d.status, m.status) << m.scim_type;
        EXPECT_EQ(d.scim_type, m.scim_type) << m.status;
        EXPECT_EQ(error(m.type, "x").status(), m.status);
    }
}

TEST(error, carries_detail_and_retry_after) {
    auto e = error(error_type::service_unavailable, "busy").retry_after(3);
    EXPECT_EQ(e.detail(), "busy");
    EXPECT_STREQ(e.what(), "busy");
    EXPECT_EQ(e.retry_after_seconds(), 3);
    EXPECT_FALSE(error(error_type::not_found, "gone").retry_after_seconds());
}

}  // namespace
}  // namespace scim::core
