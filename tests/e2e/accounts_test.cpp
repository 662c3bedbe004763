// SCIM Users land on accounts (DOMAIN.md "SCIM mapping"), against the real binary: the seed's
// example (Liam managed, Jane at gmail.com external), an account another organization claimed,
// active ↔ deactivate/reactivate for managed accounts only, DELETE that unlinks and
// deactivates, relinking, one link per account and directory, and the account extension as
// filters see it. The claimed domain is seeded (admin_domains_test verifies and claims one for real).

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

class accounts : public e2e_test {
protected:
    static void SetUpTestSuite() {
        e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }

    json::object create(std::string const& user_name, std::string const& email, std::string const& extra = "") {
        auto reply = scim("POST", "/Users",
                          user_body(user_name, R"("emails":[{"value":")" + email + R"(","primary":true}])" +
                                                   (extra.empty() ? "" : "," + extra)));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.status == 201 ? reply.json().as_object() : json::object{};
    }

    static json::object account_of(json::object const& user) { return user.at(account_urn).as_object(); }

    json::object get(std::string const& id) { return scim("GET", "/Users/" + id).json().as_object(); }

    std::int64_t count(std::string const& filter) {
        auto reply = scim("GET", "/Users?count=0&filter=" + url_encode(filter));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().at("totalResults").as_int64();
    }
};

TEST_F(accounts, the_seed_example) {
    // Liam, liam@acme.com: Acme verified and claimed acme.com, so the new account is claimed: managed.
    auto liam = account_of(create("liam", "Liam@ACME.com"));
    EXPECT_EQ(liam.at("accountType"), "managed");
    EXPECT_EQ(liam.at("lifecycle"), "active");
    EXPECT_EQ(liam.at("synced"), true);
    EXPECT_EQ(liam.at("syncedBy"), json::value(directory().directory_id));
    // Jane, jane@gmail.com: nobody verified gmail.com: external.
    auto jane = account_of(create("jane.personal", "jane@gmail.com"));
    EXPECT_EQ(jane.at("accountType"), "external");
    // Acme's directory created it, but Acme does not manage it: it follows no directory of Acme's
    // (docs/accounts.md "Several directories on one account").
    EXPECT_EQ(jane.at("synced"), false);
    EXPECT_NE(liam.at("accountId"), jane.at("accountId"));
}

TEST_F(accounts, an_account_claimed_by_another_organization_stays_external) {
    auto other = server().bootstrap("globex", "okta");
    seed_verified_domain(other.organization_id, "globex.com");
    https_client c("127.0.0.1", server().port());
    auto const body = user_body("gina", R"("emails":[{"value":"gina@globex.com","primary":true}])");
    auto at_globex = c.request("POST", other.base_path + "/Users", body, {{"Authorization", "Bearer " + other.token}});
    ASSERT_EQ(at_globex.status, 201) << at_globex.body;
    EXPECT_EQ(at_globex.json().at(account_urn).at("accountType"), "managed");

    // Acme provisions the same person: the same account, external to Acme.
    auto at_acme = account_of(create("gina.contractor", "GINA@globex.com"));
    EXPECT_EQ(at_acme.at("accountType"), "external");
    EXPECT_EQ(at_acme.at("accountId"), at_globex.json().at(account_urn).at("accountId"));
}

TEST_F(accounts, active_deactivates_and_reactivates_managed_accounts_only) {
    auto const managed = create("max", "max@acme.com");
    auto const id = std::string(managed.at("id").as_string());
    auto off = scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"replace","value":{"active":false}}]})");
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.json().at(account_urn).at("lifecycle"), "deactivated");
    EXPECT_EQ(off.json().at("active"), false);
    auto on = scim("PATCH", "/Users/" + id, patch_op + R"([{"op":"Replace","path":"active","value":"True"}]})");
    EXPECT_EQ(on.json().at(account_urn).at("lifecycle"), "active");

    // An external user's account is not Acme's to deactivate: the link says inactive, the account stays.
    auto const external = create("ext", "ext@contractor.example");
    auto const ext_id = std::string(external.at("id").as_string());
    auto ext_off = scim("PATCH", "/Users/" + ext_id, patch_op + R"([{"op":"replace","path":"active","value":false}]})");
    EXPECT_EQ(ext_off.json().at("active"), false);
    EXPECT_EQ(ext_off.json().at(account_urn).at("lifecycle"), "active");
}

TEST_F(accounts, delete_unlinks_and_deactivates_then_a_new_post_relinks) {
    auto const first = create("del", "del@acme.com");
    auto const account_id = account_of(first).at("accountId");
    EXPECT_EQ(scim("DELETE", "/Users/" + std::string(first.at("id").as_string())).status, 204);

    // The same person pushed again: the same account, reactivated, synced again.
    auto const again = create("del.again", "DEL@acme.com");
    EXPECT_EQ(account_of(again).at("accountId"), account_id);
    EXPECT_EQ(account_of(again).at("lifecycle"), "active");
    EXPECT_EQ(account_of(again).at("synced"), true);

    // Pushed twice into the same directory: one account, one link.
    auto twice =
        scim("POST", "/Users", user_body("del.twice", R"("emails":[{"value":"del@acme.com","primary":true}])"));
    expect_scim_error(twice, 409, "uniqueness");
}

TEST_F(accounts, the_extension_is_filterable) {
    create("filter.managed", "fm@acme.com");
    create("filter.external", "fe@elsewhere.example");
    EXPECT_GE(count(account_urn + R"(:accountType eq "managed")"), 1);
    EXPECT_EQ(count(account_urn + R"(:accountType eq "external" and userName eq "filter.external")"), 1);
    EXPECT_EQ(count(account_urn + R"(:accountType eq "managed" and userName eq "filter.external")"), 0);
    EXPECT_EQ(count(account_urn + R"(:synced eq true and userName sw "filter.")"), 1);
    EXPECT_EQ(count(account_urn + R"(:lifecycle eq "active" and userName sw "filter.")"), 2);
    EXPECT_EQ(count(account_urn + R"(:twoStepVerification.enrolled eq false and userName sw "filter.")"), 2);
    // Read-only: a client's value is ignored.
    auto reply = scim("POST", "/Users",
                      user_body("filter.sneaky", R"("emails":[{"value":"sneaky@elsewhere.example"}],")" + account_urn +
                                                     R"(":{"accountType":"managed"})"));
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(reply.json().at(account_urn).at("accountType"), "external");
}

}  // namespace
}  // namespace scim::testing
