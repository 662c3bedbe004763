// Bad input gets an RFC 7644 §3.12 error, never a crash, a 500 or a partial write.

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

class errors : public e2e_test {};

struct bad_body {
    char const* name;
    std::string body;
    int status;
    char const* scim_type;
};

TEST_F(errors, bad_bodies_are_refused_with_the_right_scim_type) {
    std::vector<bad_body> cases = {
        {"malformed json", R"({"userName": )", 400, "invalidSyntax"},
        {"not an object", R"(["userName"])", 400, "invalidSyntax"},
        {"empty body", "", 400, "invalidSyntax"},
        {"missing schemas", R"({"userName":"a@acme.com"})", 400, "invalidSyntax"},
        {"missing userName", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"title":"x"})", 400,
         "invalidValue"},
        {"userName not a string", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":42})", 400,
         "invalidValue"},
        {"active not a boolean", user_body("b@acme.com", R"("active":"yes")"), 400, "invalidValue"},
        {"emails not an array", user_body("c@acme.com", R"("emails":{"value":"c@acme.com"})"), 400, "invalidValue"},
        {"unknown attribute", user_body("d@acme.com", R"("favouriteColour":"blue")"), 400, "invalidValue"},
        {"deeply nested", user_body("e@acme.com", R"("name":)" + std::string(200, '[') + std::string(200, ']')), 400,
         "invalidSyntax"},
        // Read as infinity, it could not be journaled (jsonb has no Infinity), even in an
        // ignored readOnly member.
        {"number out of range", user_body("f@acme.com", R"("meta":{"version":1e400})"), 400, "invalidSyntax"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        expect_scim_error(scim("POST", "/Users", c.body), c.status, c.scim_type);
    }
    auto list = scim("GET", "/Users?count=1000").json().as_object();
    for (auto const& r : list.at("Resources").as_array()) {
        EXPECT_NE(r.at("userName"), "b@acme.com") << "a refused request must write nothing";
    }
}

TEST_F(errors, both_json_media_types_are_accepted_and_others_refused) {
    auto as_json = scim("POST", "/Users", user_body("json@acme.com"), {{"Content-Type", "application/json"}});
    EXPECT_EQ(as_json.status, 201) << as_json.body;
    EXPECT_EQ(as_json.header("content-type"), "application/scim+json");
    auto with_charset = scim("POST", "/Users", user_body("charset@acme.com"),
                             {{"Content-Type", "application/scim+json; charset=utf-8"}});
    EXPECT_EQ(with_charset.status, 201) << with_charset.body;
    expect_scim_error(scim("POST", "/Users", user_body("xml@acme.com"), {{"Content-Type", "application/xml"}}), 415,
                      "");
}

TEST_F(errors, oversized_body_is_413) {
    std::string huge = user_body("big@acme.com", "\"title\":\"" + std::string(2 * 1024 * 1024, 'x') + "\"");
    expect_scim_error(scim("POST", "/Users", huge), 413, "");
}

TEST_F(errors, unknown_paths_and_methods) {
    expect_scim_error(scim("GET", "/Nope"), 404, "");
    expect_scim_error(scim("PATCH", "/Users"), 405, "");
}

TEST_F(errors, the_server_survives_garbage) {
    https_client raw_client("127.0.0.1", server().port());
    raw_client.raw("NOT HTTP AT ALL\r\n\r\n");
    EXPECT_EQ(client().request("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace scim::testing
