// PATCH on Users over real HTTPS (RFC 7644 §3.5.2), with the request shapes Entra and Okta
// send (IDP-BEHAVIOUR.md). The engine's forms are covered in tests/protocol/patch_test.cpp;
// here: the wiring, versions, validation of the result, and atomicity.

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class patching : public e2e_test {
protected:
    std::string create(std::string const& user_name, std::string const& extra = "") {
        auto reply = scim("POST", "/Users", user_body(user_name, extra));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(reply.json().at("id").as_string());
    }

    http_reply patch(std::string const& id, std::string const& operations) {
        return scim("PATCH", "/Users/" + id,
                    R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" + operations + "}");
    }
};

TEST_F(patching, entra_deactivates_with_a_capitalised_op_and_a_string_boolean) {
    auto const id = create("entra@acme.com", R"("active":true)");
    auto reply = patch(id, R"([{"op":"Replace","path":"active","value":"False"}])");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto const user = reply.json().as_object();
    EXPECT_EQ(user.at("active"), false);
    EXPECT_EQ(user.at("meta").at("version"), "W/\"2\"");
    EXPECT_EQ(reply.header("etag"), "W/\"2\"");
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("active"), false);
    // Inactive users stay filterable (IDP-BEHAVIOUR.md: deprovisioning).
    auto found = scim("GET", "/Users?filter=userName%20eq%20%22ENTRA%40acme.com%22").json();
    EXPECT_EQ(found.at("totalResults"), 1);
}

TEST_F(patching, okta_repeated_deactivation_makes_no_new_version) {
    auto const id = create("okta@acme.com");
    ASSERT_EQ(patch(id, R"([{"op":"replace","value":{"active":false}}])").json().at("meta").at("version"), "W/\"2\"");
    auto again = patch(id, R"([{"op":"replace","value":{"active":false}}])");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json().at("meta").at("version"), "W/\"2\"");
}

TEST_F(patching, a_value_path_that_matches_nothing_creates_the_element) {
    auto const id = create("paths@acme.com");
    auto reply = patch(id, R"([{"op":"add","path":"emails[type eq \"work\"].value","value":"paths@acme.com"},
                               {"op":"replace","value":{"name.givenName":"Pat",
                                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}}])");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto const user = reply.json().as_object();
    EXPECT_EQ(user.at("emails"), json::parse(R"([{"type":"work","value":"paths@acme.com"}])"));
    EXPECT_EQ(user.at("name").at("givenName"), "Pat");
    EXPECT_EQ(user.at("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").at("employeeNumber"), "7");
    auto const schemas = user.at("schemas").as_array();
    EXPECT_EQ(schemas.size(), 2u);
    // And the new email is found by the filter Entra matches with.
    auto found = scim("GET", "/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22paths%40acme.com%22").json();
    EXPECT_EQ(found.at("totalResults"), 1);
}

TEST_F(patching, refusals_change_nothing) {
    auto const id = create("refuse@acme.com", R"("title":"Keep")");
    expect_scim_error(patch(id, R"([{"op":"replace","path":"title","value":"Changed"},{"op":"replace","path":"nope","value":1}])"), 400,
                      "invalidPath");
    expect_scim_error(patch(id, R"([{"op":"replace","path":"id","value":"x"}])"), 400, "mutability");
    expect_scim_error(patch(id, R"([{"op":"remove"}])"), 400, "noTarget");
    expect_scim_error(patch(id, R"([{"op":"jump","path":"title"}])"), 400, "invalidSyntax");
    expect_scim_error(patch(id, R"([{"op":"remove","path":"userName"}])"), 400, "invalidValue");
    expect_scim_error(patch(id, R"([{"op":"replace","path":"active","value":"maybe"}])"), 400, "invalidValue");
    expect_scim_error(patch(id, R"([{"op":"replace","path":"emails[type eq ]","value":"x"}])"), 400, "invalidFilter");
    expect_scim_error(scim("PATCH", "/Users/" + id, R"({"Operations":[]})"), 400, "invalidSyntax");
    auto const user = scim("GET", "/Users/" + id).json();
    EXPECT_EQ(user.at("title"), "Keep");
    EXPECT_EQ(user.at("meta").at("version"), "W/\"1\"");
}

TEST_F(patching, renaming_onto_a_taken_user_name_is_409) {
    create("taken@acme.com");
    auto const id = create("renamed@acme.com");
    expect_scim_error(patch(id, R"([{"op":"replace","path":"userName","value":"TAKEN@acme.com"}])"), 409, "uniqueness");
}

TEST_F(patching, unknown_users_are_404) {
    expect_scim_error(patch("00000000-0000-4000-8000-000000000000", R"([{"op":"replace","path":"title","value":"x"}])"), 404, "");
}

TEST_F(patching, prefer_return_minimal_answers_204_with_the_etag) {
    auto const id = create("minimal@acme.com");
    auto reply = scim("PATCH", "/Users/" + id,
                      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"U"}]})",
                      {{"Prefer", "return=minimal"}});
    EXPECT_EQ(reply.status, 204) << reply.body;
    EXPECT_TRUE(reply.body.empty());
    EXPECT_EQ(reply.header("etag"), "W/\"2\"");
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("title"), "U");
}

TEST_F(patching, the_response_honours_attributes) {
    auto const id = create("proj@acme.com", R"("title":"T")");
    auto reply = scim("PATCH", "/Users/" + id + "?attributes=title",
                      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"U"}]})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto const user = reply.json().as_object();
    EXPECT_EQ(user.at("title"), "U");
    EXPECT_FALSE(user.contains("userName"));
}

}  // namespace
}  // namespace scim::testing
