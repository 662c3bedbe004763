// Directories through the admin API against the real binary: create one with its first token,
// rotate tokens (issue, move, revoke), pause provisioning (SCIM writes 503 with Retry-After,
// reads still answered) and resume; another organization's directories are out of reach.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_directories : public admin_e2e_test {
protected:
    http_reply scim_as(std::string const& base_path, std::string const& token, std::string_view method,
                       std::string const& path, std::string_view body = {}) {
        return client().request(method, base_path + path, body, {{"Authorization", "Bearer " + token}});
    }
};

TEST_F(admin_directories, create_rotate_pause_resume) {
    auto created = admin("POST", "/directories", R"({"name":"entra"})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto const d = created.json().as_object();
    auto const base_path = std::string(d.at("basePath").as_string());
    auto const first = std::string(d.at("token").as_string());
    auto const first_id = std::string(d.at("tokens").at(0).at("id").as_string());
    EXPECT_EQ(scim_as(base_path, first, "GET", "/Users").status, 200);
    EXPECT_EQ(admin("POST", "/directories", R"({"name":"entra"})").status, 409);

    // Rotation: a second token works next to the first until the first is revoked.
    auto issued = admin("POST", "/directories/" + std::string(d.at("id").as_string()) + "/tokens");
    ASSERT_EQ(issued.status, 201) << issued.body;
    auto const second = std::string(issued.json().at("token").as_string());
    EXPECT_EQ(scim_as(base_path, second, "GET", "/Users").status, 200);
    EXPECT_EQ(admin("DELETE", "/directories/" + std::string(d.at("id").as_string()) + "/tokens/" + first_id).status,
              204);
    EXPECT_EQ(scim_as(base_path, first, "GET", "/Users").status, 401);
    EXPECT_EQ(scim_as(base_path, second, "GET", "/Users").status, 200);

    // Paused: writes wait (503 + Retry-After), reads are answered.
    auto const id = std::string(d.at("id").as_string());
    EXPECT_EQ(admin("POST", "/directories/" + id + "/pause").json().at("paused"), true);
    auto refused = scim_as(base_path, second, "POST", "/Users", user_body("paused@acme.com"));
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_FALSE(refused.header("retry-after").empty());
    EXPECT_EQ(scim_as(base_path, second, "GET", "/Users").status, 200);
    EXPECT_EQ(scim_as(base_path, second, "POST", "/Users/.search",
                      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]})")
                  .status,
              200);
    EXPECT_EQ(admin("POST", "/directories/" + id + "/resume").json().at("paused"), false);
    EXPECT_EQ(scim_as(base_path, second, "POST", "/Users", user_body("paused@acme.com")).status, 201);

    auto listed = admin("GET", "/directories");
    ASSERT_EQ(listed.status, 200);
    bool found = false;
    auto const body = listed.json();  // kept: the loop reads into it
    for (auto const& entry : body.at("directories").as_array()) {
        if (entry.at("id") == json::value(id)) {
            found = true;
            EXPECT_EQ(entry.at("tokens").as_array().size(), 2u);
            EXPECT_FALSE(entry.at("tokens").at(0).at("revokedAt").is_null());
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(admin_directories, another_organization_cannot_reach_them) {
    auto const other_token = admin_token_for("umbrella");
    auto const other = server().bootstrap("umbrella", "okta");
    // Acme's admin token on Umbrella's directory: 404 (Acme has no such directory).
    EXPECT_EQ(admin("POST", "/directories/" + other.directory_id + "/pause").status, 404);
    // Umbrella's admin token on Acme's path: 401.
    EXPECT_EQ(admin("GET", "/directories", {}, other_token).status, 401);
}

}  // namespace
}  // namespace scim::testing
