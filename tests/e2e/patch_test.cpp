// PATCH on Users over real HTTPS (RFC 7644 §3.5.2), with the request shapes Entra and Okta
// send (IDP-BEHAVIOUR.md). The engine's forms are covered in tests/protocol/patch_test.cpp;
// here: the wiring, versions, validation of the result, and atomicity.

#include <algorithm>

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
    // The core schema, the enterprise extension now in use, and scimd's account extension.
    auto const schemas = user.at("schemas").as_array();
    EXPECT_EQ(schemas.size(), 3u);
    EXPECT_NE(std::find(schemas.begin(), schemas.end(),
                        json::value("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")),
              schemas.end());
    // And the new email is found by the filter Entra matches with.
    auto found =
        scim("GET", "/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22paths%40acme.com%22").json();
    EXPECT_EQ(found.at("totalResults"), 1);
}

TEST_F(patching, refusals_change_nothing) {
    auto const id = create("refuse@acme.com", R"("title":"Keep")");
    expect_scim_error(
        patch(id, R"([{"op":"replace","path":"title","value":"Changed"},{"op":"replace","path":"nope","value":1}])"),
        400, "invalidPath");
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
    expect_scim_error(patch("00000000-0000-4000-8000-000000000000", R"([{"op":"replace","path":"title","value":"x"}])"),
                      404, "");
}

TEST_F(patching, prefer_return_minimal_answers_204_with_the_etag) {
    auto const id = create("minimal@acme.com");
    auto reply = scim(
        "PATCH", "/Users/" + id,
        R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"U"}]})",
        {{"Prefer", "return=minimal"}});
    EXPECT_EQ(reply.status, 204) << reply.body;
    EXPECT_TRUE(reply.body.empty());
    EXPECT_EQ(reply.header("etag"), "W/\"2\"");
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("title"), "U");
}

// The directory setting (scimd bootstrap --patch-response) decides when the client does not.
TEST_F(patching, the_directory_setting_decides_the_answer_unless_the_client_does) {
    auto bootstrap_with = [&](std::string const& name, std::string const& setting) {
        auto const run = run_scimd(
            {"bootstrap", "--db", server().dsn(), "--org", "acme", "--directory", name, "--patch-response", setting});
        EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
        return json::parse(run.stdout_text).as_object();
    };
    auto const body = std::string(
        R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"T"}]})");
    https_client c("127.0.0.1", server().port());
    auto send = [&](json::object const& tenant, std::string_view method, std::string const& path,
                    std::string const& content, std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + std::string(tenant.at("token").as_string()));
        return c.request(method, std::string(tenant.at("base_path").as_string()) + path, content, headers);
    };

    auto const quiet = bootstrap_with("quiet", "minimal");
    auto user = send(quiet, "POST", "/Users", user_body("quiet@acme.com"));
    ASSERT_EQ(user.status, 201) << user.body;
    auto const user_id = std::string(user.json().at("id").as_string());
    auto answered = send(quiet, "PATCH", "/Users/" + user_id, body);
    EXPECT_EQ(answered.status, 204) << answered.body;
    EXPECT_EQ(answered.header("etag"), "W/\"2\"");
    EXPECT_TRUE(answered.header("preference-applied").empty());
    EXPECT_EQ(send(quiet, "PATCH", "/Users/" + user_id, body, {{"Prefer", "return=representation"}}).status, 200);

    auto const chatty = bootstrap_with("chatty", "representation");
    auto group = send(chatty, "POST", "/Groups",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Chatty"})");
    ASSERT_EQ(group.status, 201) << group.body;
    auto const group_id = std::string(group.json().at("id").as_string());
    auto const rename = std::string(
        R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Chattier"}]})");
    auto shown = send(chatty, "PATCH", "/Groups/" + group_id, rename);
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.json().at("displayName"), "Chattier");
    auto minimal = send(chatty, "PATCH", "/Groups/" + group_id, rename, {{"Prefer", "return=minimal"}});
    EXPECT_EQ(minimal.status, 204);
    EXPECT_EQ(minimal.header("preference-applied"), "return=minimal");

    // A value that is not a setting is a usage mistake.
    auto const wrong = run_scimd(
        {"bootstrap", "--db", server().dsn(), "--org", "acme", "--directory", "x", "--patch-response", "loud"});
    EXPECT_EQ(wrong.exit_status, 2);
    EXPECT_NE(wrong.stderr_text.find("--patch-response"), std::string::npos);
}

TEST_F(patching, the_response_honours_attributes) {
    auto const id = create("proj@acme.com", R"("title":"T")");
    auto reply = scim(
        "PATCH", "/Users/" + id + "?attributes=title",
        R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"U"}]})");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto const user = reply.json().as_object();
    EXPECT_EQ(user.at("title"), "U");
    EXPECT_FALSE(user.contains("userName"));
}

}  // namespace
}  // namespace scim::testing
