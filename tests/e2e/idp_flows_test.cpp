// The user provisioning cycles of Okta and Microsoft Entra ID, request by request as
// IDP-BEHAVIOUR.md records them, against the real binary: match by filter, create, update,
// deactivate, reactivate, and (Entra) delete.

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

class identity_providers : public e2e_test {
protected:
    json::object ok(http_reply const& reply, int status = 200) {
        EXPECT_EQ(reply.status, status) << reply.body;
        EXPECT_EQ(reply.header("content-type"), "application/scim+json");
        return reply.status == status ? reply.json().as_object() : json::object{};
    }
};

TEST_F(identity_providers, okta_user_cycle) {
    // Import and match: userName upper-cased, with index paging parameters.
    auto none = ok(scim("GET", "/Users?filter=userName%20eq%20%22OKTA.USER%40ACME.COM%22&startIndex=1&count=100"));
    EXPECT_EQ(none.at("totalResults"), 0);
    EXPECT_EQ(none.at("startIndex"), 1);
    EXPECT_TRUE(none.at("Resources").as_array().empty());

    auto created = ok(scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"okta.user@acme.com","name":{"givenName":"Okta","familyName":"User"},
        "emails":[{"primary":true,"value":"okta.user@acme.com","type":"work"}],"displayName":"Okta User",
        "locale":"en-US","externalId":"00u1abcd","groups":[],"password":"Secr3t!","active":true})"),
                      201);
    auto const id = std::string(created.at("id").as_string());
    EXPECT_FALSE(created.contains("password"));
    expect_scim_error(scim("POST", "/Users", user_body("OKTA.USER@acme.com")), 409, "uniqueness");

    auto matched = ok(scim("GET", "/Users?filter=userName%20eq%20%22OKTA.USER%40ACME.COM%22&startIndex=1&count=100"));
    ASSERT_EQ(matched.at("totalResults"), 1);
    EXPECT_EQ(matched.at("Resources").at(0).at("id").as_string(), id);

    // Profile update: GET, then PUT of the whole user.
    auto current = ok(scim("GET", "/Users/" + id));
    current["name"].as_object()["familyName"] = "Renamed";
    current.erase("meta");
    auto replaced = ok(scim("PUT", "/Users/" + id, json::serialize(current)));
    EXPECT_EQ(replaced.at("name").at("familyName"), "Renamed");
    EXPECT_EQ(replaced.at("externalId"), "00u1abcd");

    // Deactivate and reactivate with path-less replaces.
    auto off = ok(scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"replace","value":{"active":false}}]})"));
    EXPECT_EQ(off.at("active"), false);
    auto on = ok(scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"replace","value":{"active":true}}]})"));
    EXPECT_EQ(on.at("active"), true);
    expect_scim_error(scim("GET", "/Users/00000000-0000-4000-8000-000000000000"), 404, "");
}

TEST_F(identity_providers, entra_user_cycle) {
    auto none = ok(scim("GET", "/Users?filter=userName%20eq%20%22entra.user%40acme.com%22"));
    EXPECT_EQ(none.at("totalResults"), 0);

    auto created = ok(scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "externalId":"8c5f","userName":"entra.user@acme.com","active":true,"displayName":"Entra User",
        "emails":[{"primary":true,"type":"work","value":"entra.user@acme.com"}],
        "name":{"formatted":"Entra User","familyName":"User","givenName":"Entra"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}})"),
                      201);
    auto const id = std::string(created.at("id").as_string());

    auto matched = ok(scim("GET", "/Users?filter=externalId%20eq%20%228c5f%22"));
    EXPECT_EQ(matched.at("totalResults"), 1);

    // Attribute updates, in the shapes Entra sends.
    auto updated = ok(scim("PATCH", "/Users/" + id, patch_op + R"([
        {"op":"Replace","path":"displayName","value":"Entra Renamed"},
        {"op":"Replace","path":"name.givenName","value":"Renamed"},
        {"op":"Replace","path":"emails[type eq \"work\"].value","value":"renamed@acme.com"},
        {"op":"Add","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 555 0100"},
        {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-1"},
        {"op":"Replace","value":{"title":"Lead","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}}
    ]})"));
    EXPECT_EQ(updated.at("displayName"), "Entra Renamed");
    EXPECT_EQ(updated.at("name").at("givenName"), "Renamed");
    EXPECT_EQ(updated.at("emails"), json::parse(R"([{"primary":true,"type":"work","value":"renamed@acme.com"}])"));
    EXPECT_EQ(updated.at("phoneNumbers"), json::parse(R"([{"type":"mobile","value":"+1 555 0100"}])"));
    auto const& enterprise = updated.at("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    EXPECT_EQ(enterprise.at("manager").at("value"), "mgr-1");
    EXPECT_EQ(enterprise.at("employeeNumber"), "42");
    EXPECT_EQ(enterprise.at("department"), "Ops");

    auto found =
        ok(scim("GET", "/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22renamed%40acme.com%22"));
    EXPECT_EQ(found.at("totalResults"), 1);

    // Soft delete, then back, then the real delete.
    auto off = ok(scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"Replace","path":"active","value":"False"}]})"));
    EXPECT_EQ(off.at("active"), false);
    auto still = ok(scim("GET", "/Users?filter=userName%20eq%20%22entra.user%40acme.com%22"));
    EXPECT_EQ(still.at("totalResults"), 1);
    auto on = ok(scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"Replace","path":"active","value":"True"}]})"));
    EXPECT_EQ(on.at("active"), true);
    EXPECT_EQ(scim("DELETE", "/Users/" + id).status, 204);
    expect_scim_error(scim("GET", "/Users/" + id), 404, "");
    auto gone = ok(scim("GET", "/Users?filter=userName%20eq%20%22entra.user%40acme.com%22"));
    EXPECT_EQ(gone.at("totalResults"), 0);
}

}  // namespace
}  // namespace scim::testing
