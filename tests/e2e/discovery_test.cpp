// Discovery endpoints (RFC 7644 §4) say exactly what the server supports.

#include <set>

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

class discovery : public e2e_test {};

TEST_F(discovery, service_provider_config_tells_the_truth) {
    auto reply = scim("GET", "/ServiceProviderConfig");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto spc = reply.json().as_object();
    EXPECT_EQ(spc.at("schemas").at(0), "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
    // Not built yet, so not claimed.
    EXPECT_EQ(spc.at("patch").at("supported"), true);
    EXPECT_EQ(spc.at("etag").at("supported"), true);
    EXPECT_EQ(spc.at("bulk").at("supported"), true);
    EXPECT_EQ(spc.at("bulk").at("maxOperations"), 1000);
    EXPECT_EQ(spc.at("bulk").at("maxPayloadSize"), 1048576);
    EXPECT_EQ(spc.at("filter").at("supported"), true);
    EXPECT_EQ(spc.at("filter").at("maxResults"), 1000);
    EXPECT_EQ(spc.at("sort").at("supported"), true);
    EXPECT_EQ(spc.at("pagination").at("cursor"), true);
    EXPECT_EQ(spc.at("pagination").at("index"), true);
    EXPECT_EQ(spc.at("pagination").at("cursorTimeout"), 3600);
    EXPECT_EQ(spc.at("changePassword").at("supported"), false);
    auto schemes = spc.at("authenticationSchemes").as_array();
    ASSERT_FALSE(schemes.empty());
    EXPECT_EQ(schemes.at(0).at("type"), "oauthbearertoken");
    EXPECT_EQ(spc.at("meta").at("resourceType"), "ServiceProviderConfig");
}

TEST_F(discovery, schemas_lists_every_declared_schema) {
    auto reply = scim("GET", "/Schemas");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto list = reply.json().as_object();
    std::set<std::string> ids;
    for (auto const& s : list.at("Resources").as_array()) ids.insert(std::string(s.at("id").as_string()));
    for (auto urn : {"urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                     "urn:scimd:params:scim:schemas:extension:account:2.0:User"}) {
        EXPECT_TRUE(ids.count(urn)) << urn;
    }
    EXPECT_EQ(list.at("totalResults").as_int64(), static_cast<std::int64_t>(ids.size()));

    auto user = scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
    ASSERT_EQ(user.status, 200);
    bool has_user_name = false;
    auto user_schema = user.json();
    for (auto const& a : user_schema.at("attributes").as_array()) {
        if (a.at("name") == "userName") {
            has_user_name = true;
            EXPECT_EQ(a.at("required"), true);
            EXPECT_EQ(a.at("uniqueness"), "server");
        }
    }
    EXPECT_TRUE(has_user_name);
    expect_scim_error(scim("GET", "/Schemas/urn:nope"), 404, "");
    expect_scim_error(scim("GET", "/Schemas?filter=id%20eq%20%22x%22"), 403, "");
}

TEST_F(discovery, resource_types_name_their_extensions) {
    auto reply = scim("GET", "/ResourceTypes/User");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto user = reply.json().as_object();
    EXPECT_EQ(user.at("endpoint"), "/Users");
    EXPECT_EQ(user.at("schema"), "urn:ietf:params:scim:schemas:core:2.0:User");
    std::set<std::string> extensions;
    for (auto const& e : user.at("schemaExtensions").as_array())
        extensions.insert(std::string(e.at("schema").as_string()));
    EXPECT_TRUE(extensions.count("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
    EXPECT_TRUE(extensions.count("urn:scimd:params:scim:schemas:extension:account:2.0:User"));
    auto list = scim("GET", "/ResourceTypes").json().as_object();
    EXPECT_GE(list.at("totalResults").as_int64(), 2);
    expect_scim_error(scim("GET", "/ResourceTypes/Nope"), 404, "");
}

}  // namespace
}  // namespace scim::testing
