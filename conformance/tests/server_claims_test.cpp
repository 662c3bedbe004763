#include "server_claims.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

server_claims const claims =
    read_claims(json::parse(R"({"patch":{"supported":true},"bulk":{"supported":false},"filter":{"supported":true},
                   "sort":{"supported":"true"},"etag":{"supported":true},"pagination":{"cursor":true,"index":true}})"),
                json::parse(R"({"Resources":[{"id":"urn:ietf:params:scim:schemas:core:2.0:User"}]})"),
                json::parse(R"([{"name":"User"},{"name":"Group"}])"));

TEST(server_claims, reads_only_features_declared_supported_with_a_boolean) {
    EXPECT_EQ(claims.features, (std::set<std::string>{"patch", "filter", "etag", "cursor"}));
    EXPECT_EQ(claims.resource_types, (std::set<std::string>{"user", "group"}));
    EXPECT_EQ(claims.schemas, (std::set<std::string>{"urn:ietf:params:scim:schemas:core:2.0:user"}));
}

TEST(server_claims, a_missing_document_member_claims_nothing) {
    auto none = read_claims(json::parse("{}"), json::parse("{}"), json::parse("null"));
    EXPECT_TRUE(none.features.empty());
    EXPECT_TRUE(none.resource_types.empty());
    EXPECT_TRUE(none.schemas.empty());
}

TEST(server_claims, says_why_a_requirement_is_unmet) {
    struct row {
        std::vector<std::string> requirements;
        char const* reason;  // nullptr: met
    };
    row const table[] = {
        {{}, nullptr},
        {{"patch", "etag", "cursor", "resource:group", "schema:urn:ietf:params:scim:schemas:core:2.0:User"}, nullptr},
        {{"patch", "sort"}, "the server's /ServiceProviderConfig says sort.supported is not true"},
        {{"bulk"}, "the server's /ServiceProviderConfig says bulk.supported is not true"},
        {{"resource:Device"}, "the server's /ResourceTypes lists no Device"},
        {{"schema:urn:x"}, "the server's /Schemas lists no urn:x"},
    };
    for (auto const& r : table) {
        auto reason = unmet_requirement(claims, r.requirements);
        if (r.reason) {
            EXPECT_EQ(reason, std::optional<std::string>(r.reason));
        } else {
            EXPECT_EQ(reason, std::nullopt);
        }
    }
    auto no_cursor = claims;
    no_cursor.features.erase("cursor");
    EXPECT_EQ(unmet_requirement(no_cursor, {"cursor"}),
              "the server's /ServiceProviderConfig does not claim pagination.cursor (RFC 9865)");
}

}  // namespace
}  // namespace scim::conformance
