// The values an account takes, refused when they would do harm (issue 17, point 9): a picture
// URL that is no https URL (javascript:alert(1), http://…), a time zone the IANA database does
// not have (Not/AZone), through the admin API and through SCIM; a SCIM primary email that is no
// address (not-an-email), refused with a SCIM 400 invalidValue before anything is written.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class account_values : public acme_managed_e2e_test {
protected:
    // A managed account that no directory syncs and whose owner verified its address: one whose
    // profile the admin API may edit.
    std::string editable_account(std::string const& email) {
        auto const site =
            ok(admin("POST", "/sites", R"({"name":"values","url":"values.example.net","products":["jira"]})"), 201);
        auto const invited = ok(admin("POST", "/sites/" + std::string(site.at("id").as_string()) + "/users",
                                      R"({"email":")" + email + R"("})"),
                                201);
        auto const id = std::string(invited.at("accountId").as_string());
        EXPECT_EQ(invited.at("accountType"), "managed");
        verify_address(id, email);
        return id;
    }
};

TEST_F(account_values, the_admin_api_takes_https_pictures_and_iana_time_zones) {
    auto const pat = editable_account("pat@acme.com");
    auto const patch = [&](std::string const& body) { return admin("PATCH", "/accounts/" + pat, body); };

    for (auto const* bad : {"javascript:alert(1)", "http://cdn.acme.com/pat.png", "data:image/png;base64,AAAA",
                            "https://user:secret@cdn.acme.com/pat.png"}) {
        auto const refused = patch(R"({"pictureUrl":")" + std::string(bad) + R"("})");
        expect_admin_error(refused, 400, "invalid_value");
        EXPECT_NE(refused.body.find("pictureUrl"), std::string::npos) << refused.body;
    }
    auto const edited = ok(patch(R"({"pictureUrl":"https://cdn.acme.com/pat.png","timezone":"Europe/Paris"})"));
    EXPECT_EQ(edited.at("pictureUrl"), "https://cdn.acme.com/pat.png");
    EXPECT_EQ(edited.at("timezone"), "Europe/Paris");

    for (auto const* bad : {"Not/AZone", "europe/paris", "CEST", "ABC-3", "../../etc/passwd", ""}) {
        auto const refused = patch(R"({"timezone":")" + std::string(bad) + R"("})");
        expect_admin_error(refused, 400, "invalid_value");
        EXPECT_NE(refused.body.find("IANA"), std::string::npos) << refused.body;
    }
    for (auto const* good : {"UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Asia/Kolkata"}) {
        EXPECT_EQ(ok(patch(R"({"timezone":")" + std::string(good) + R"("})")).at("timezone"), good);
    }
    // Nothing of a refused edit is written, and clearing stays possible.
    expect_admin_error(patch(R"j({"jobTitle":"Engineer","pictureUrl":"javascript:alert(1)"})j"), 400, "invalid_value");
    auto const after = ok(admin("GET", "/accounts/" + pat));
    EXPECT_EQ(after.at("pictureUrl"), "https://cdn.acme.com/pat.png");
    EXPECT_EQ(after.at("jobTitle"), nullptr);
    EXPECT_EQ(ok(patch(R"({"pictureUrl":null,"timezone":null})")).at("timezone"), nullptr);
}

TEST_F(account_values, scim_refuses_an_address_or_time_zone_that_is_none) {
    // "not-an-email" as the primary email: 400 invalidValue naming it, and no User, no account.
    auto const refused = scim("POST", "/Users", user_body("nobody", R"("emails":[{"value":"nobody@acme.com"},
        {"value":"not-an-email","primary":true}])"));
    expect_scim_error(refused, 400, "invalidValue");
    EXPECT_NE(refused.body.find("not-an-email"), std::string::npos) << refused.body;
    auto const listed = scim("GET", "/Users?filter=" + url_encode(R"(userName eq "nobody")"));
    EXPECT_EQ(listed.json().at("totalResults"), 0) << listed.body;

    auto const ok_user = scim("POST", "/Users", user_body("tz", R"("timezone":"America/Los_Angeles",
        "emails":[{"value":"tz@acme.com","primary":true}])"));
    ASSERT_EQ(ok_user.status, 201) << ok_user.body;
    auto const id = std::string(ok_user.json().at("id").as_string());
    expect_scim_error(scim("POST", "/Users", user_body("tz2", R"("timezone":"Not/AZone")")), 400, "invalidValue");

    // A PUT or PATCH that changes them to what is none is refused the same way; one that leaves
    // them alone is not checked again.
    auto const put =
        scim("PUT", "/Users/" + id, user_body("tz", R"("emails":[{"value":"not-an-email","primary":true}])"));
    expect_scim_error(put, 400, "invalidValue");
    auto const patch_zone =
        scim("PATCH", "/Users/" + id, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations":[{"op":"replace","path":"timezone","value":"Not/AZone"}]})");
    expect_scim_error(patch_zone, 400, "invalidValue");
    EXPECT_NE(patch_zone.body.find("Not/AZone"), std::string::npos) << patch_zone.body;
    auto const deactivated =
        scim("PATCH", "/Users/" + id, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations":[{"op":"replace","path":"active","value":false}]})");
    EXPECT_EQ(deactivated.status, 200) << deactivated.body;
    auto const account = scim("GET", "/Users/" + id);
    EXPECT_EQ(account.json().at("timezone"), "America/Los_Angeles");
    EXPECT_EQ(account.json().at("emails").at(0).at("value"), "tz@acme.com");
}

}  // namespace
}  // namespace scim::testing
