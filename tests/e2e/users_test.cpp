// SCIM Users over real HTTPS against the real binary (RFC 7644 §3.3-§3.6).

#include <algorithm>

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class users : public e2e_test {};

TEST_F(users, create_returns_the_full_resource_with_location_and_etag) {
    auto reply =
        scim("POST", "/Users",
             user_body("alice@acme.com", R"("externalId":"okta-1","name":{"givenName":"Alice","familyName":"Ng"},)"
                                         R"("emails":[{"value":"alice@acme.com","type":"work","primary":true}],)"
                                         R"("password":"hunter2","active":true)"));
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/scim+json");
    auto user = reply.json().as_object();
    auto id = std::string(user.at("id").as_string());
    EXPECT_EQ(user.at("userName"), "alice@acme.com");
    EXPECT_EQ(user.at("externalId"), "okta-1");
    EXPECT_EQ(user.at("name").at("givenName"), "Alice");
    EXPECT_EQ(user.at("active"), true);
    EXPECT_FALSE(user.contains("password")) << "password must never be returned (RFC 7643 §4.1.1)";
    auto const& meta = user.at("meta").as_object();
    EXPECT_EQ(meta.at("resourceType"), "User");
    EXPECT_TRUE(meta.contains("created"));
    EXPECT_TRUE(meta.contains("lastModified"));
    EXPECT_EQ(meta.at("version"), "W/\"1\"");
    auto location = std::string(meta.at("location").as_string());
    EXPECT_EQ(location,
              "https://127.0.0.1:" + std::to_string(server().port()) + directory().base_path + "/Users/" + id);
    EXPECT_EQ(reply.header("location"), location);
    EXPECT_EQ(reply.header("etag"), "W/\"1\"");

    auto fetched = scim("GET", "/Users/" + id);
    ASSERT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json(), reply.json());
    EXPECT_EQ(fetched.header("etag"), "W/\"1\"");
}

TEST_F(users, read_only_input_is_ignored) {
    auto reply = scim(
        "POST", "/Users",
        user_body("ro@acme.com", R"("id":"chosen-by-client","meta":{"version":"W/\"99\""},"groups":[{"value":"g"}])"));
    ASSERT_EQ(reply.status, 201) << reply.body;
    auto user = reply.json().as_object();
    EXPECT_NE(user.at("id"), "chosen-by-client");
    EXPECT_EQ(user.at("meta").at("version"), "W/\"1\"");
    EXPECT_FALSE(user.contains("groups") && !user.at("groups").as_array().empty());
}

TEST_F(users, user_name_is_unique_ignoring_case) {
    ASSERT_EQ(scim("POST", "/Users", user_body("Bob@Acme.com")).status, 201);
    expect_scim_error(scim("POST", "/Users", user_body("BOB@acme.COM")), 409, "uniqueness");
}

TEST_F(users, unknown_ids_are_404_scim_errors) {
    expect_scim_error(scim("GET", "/Users/00000000-0000-4000-8000-000000000000"), 404, "");
    expect_scim_error(scim("GET", "/Users/not-a-uuid"), 404, "");
    expect_scim_error(scim("PUT", "/Users/not-a-uuid", user_body("x")), 404, "");
    expect_scim_error(scim("DELETE", "/Users/00000000-0000-4000-8000-000000000000"), 404, "");
}

TEST_F(users, put_replaces_the_whole_resource) {
    auto created = scim("POST", "/Users", user_body("carol@acme.com", R"("title":"Engineer","nickName":"cc")"));
    ASSERT_EQ(created.status, 201);
    auto id = std::string(created.json().at("id").as_string());
    auto replaced = scim("PUT", "/Users/" + id, user_body("carol@acme.com", R"("title":"Manager","id":")" + id + "\""));
    ASSERT_EQ(replaced.status, 200) << replaced.body;
    auto user = replaced.json().as_object();
    EXPECT_EQ(user.at("title"), "Manager");
    EXPECT_FALSE(user.contains("nickName")) << "attributes missing from a PUT are cleared (RFC 7644 §3.5.1)";
    EXPECT_EQ(user.at("meta").at("version"), "W/\"2\"");
    EXPECT_EQ(replaced.header("etag"), "W/\"2\"");
    EXPECT_EQ(user.at("meta").at("created"), created.json().at("meta").at("created"));

    // RFC 7644 §3.5.1: id is readOnly, "any values provided SHALL be ignored"; the URL names the user.
    auto const other_id = scim("PUT", "/Users/" + id, user_body("carol@acme.com", R"("id":"other")"));
    EXPECT_EQ(other_id.status, 200) << other_id.body;
    EXPECT_EQ(other_id.json().at("id"), json::value(id));
}

TEST_F(users, put_cannot_take_another_users_name) {
    ASSERT_EQ(scim("POST", "/Users", user_body("dave@acme.com")).status, 201);
    auto erin = scim("POST", "/Users", user_body("erin@acme.com"));
    auto id = std::string(erin.json().at("id").as_string());
    expect_scim_error(scim("PUT", "/Users/" + id, user_body("DAVE@acme.com")), 409, "uniqueness");
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("userName"), "erin@acme.com");
}

TEST_F(users, delete_then_gone) {
    auto created = scim("POST", "/Users", user_body("frank@acme.com"));
    auto id = std::string(created.json().at("id").as_string());
    auto deleted = scim("DELETE", "/Users/" + id);
    EXPECT_EQ(deleted.status, 204);
    EXPECT_TRUE(deleted.body.empty());
    expect_scim_error(scim("GET", "/Users/" + id), 404, "");
    expect_scim_error(scim("DELETE", "/Users/" + id), 404, "");
}

TEST_F(users, list_pages_are_stable_and_counted_in_integers) {
    // A directory of its own so other tests' users do not change the counts.
    auto own = server().bootstrap("acme", "paging");
    auto call = [&](std::string const& method, std::string const& path, std::string const& body = "") {
        return client().request(method, own.base_path + path, body, {{"Authorization", "Bearer " + own.token}});
    };
    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) {
        auto r = call("POST", "/Users", user_body("page" + std::to_string(i) + "@acme.com"));
        ASSERT_EQ(r.status, 201);
        ids.push_back(std::string(r.json().at("id").as_string()));
    }
    auto walk = [&] {
        std::vector<std::string> seen;
        for (int start = 1; start <= 12; start += 5) {
            auto page = call("GET", "/Users?startIndex=" + std::to_string(start) + "&count=5").json().as_object();
            EXPECT_EQ(page.at("schemas").at(0), "urn:ietf:params:scim:api:messages:2.0:ListResponse");
            EXPECT_TRUE(page.at("totalResults").is_int64());
            EXPECT_EQ(page.at("totalResults").as_int64(), 12);
            EXPECT_EQ(page.at("startIndex").as_int64(), start);
            EXPECT_EQ(page.at("itemsPerPage").as_int64(),
                      static_cast<std::int64_t>(page.at("Resources").as_array().size()));
            for (auto const& r : page.at("Resources").as_array()) seen.push_back(std::string(r.at("id").as_string()));
        }
        return seen;
    };
    // Creation order at the millisecond shown, ties broken by id: the same order every time,
    // and every user exactly once.
    auto seen = walk();
    EXPECT_EQ(walk(), seen);
    std::sort(seen.begin(), seen.end());
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(seen, ids);

    auto only_total = call("GET", "/Users?count=0").json().as_object();
    EXPECT_EQ(only_total.at("totalResults").as_int64(), 12);
    EXPECT_EQ(only_total.at("itemsPerPage").as_int64(), 0);

    auto beyond = call("GET", "/Users?startIndex=50").json().as_object();
    EXPECT_EQ(beyond.at("totalResults").as_int64(), 12);
    EXPECT_TRUE(beyond.at("Resources").as_array().empty());

    expect_scim_error(call("GET", "/Users?count=ten"), 400, "invalidValue");
    expect_scim_error(call("GET", "/Users?count=1.5"), 400, "invalidValue");
}

TEST_F(users, inactive_users_stay_readable) {
    auto created = scim("POST", "/Users", user_body("gone@acme.com", R"("active":false)"));
    ASSERT_EQ(created.status, 201);
    auto id = std::string(created.json().at("id").as_string());
    auto fetched = scim("GET", "/Users/" + id);
    ASSERT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.json().at("active"), false);
}

}  // namespace
}  // namespace scim::testing
