// Removal from a site and what it takes with it (docs/sites.md "Removing a user", the seed's
// "Removing an account from site revokes product access and group membership … it needs to be
// invited back"), and sites renamed and deleted through the admin API (docs/admin-api.md
// "Sites and site users"), against the real binary.

#include "admin_fixture.hpp"
#include "scim/core/crypto.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_site_removal : public admin_e2e_test {
protected:
    // A new site offering jira and confluence; answers its id.
    std::string new_site(std::string const& name) {
        auto const site = ok(admin("POST", "/sites",
                                   R"({"name":")" + name + R"(","url":")" + name +
                                       R"(.removal.example","products":["jira","confluence"]})"),
                             201);
        return std::string(site.at("id").as_string());
    }

    // Invites `email` to the site (a new external account when unknown); answers the account id.
    std::string invite(std::string const& site, std::string const& email) {
        auto const user = ok(admin("POST", "/sites/" + site + "/users", R"({"email":")" + email + R"("})"), 201);
        return std::string(user.at("accountId").as_string());
    }

    void invite_again(std::string const& site, std::string const& account) {
        ok(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + account + R"("})"), 201);
    }

    // An admin-kept group granting `product` on each of `sites`; answers its id.
    std::string admin_group(std::string const& name, std::vector<std::string> const& sites,
                            std::string const& product = "jira") {
        auto const group = ok(admin("POST", "/groups", R"({"displayName":")" + name + R"("})"), 201);
        auto const id = std::string(group.at("id").as_string());
        for (auto const& site : sites) {
            EXPECT_EQ(admin("PUT", "/groups/" + id + "/sites/" + site + "/products/" + product).status, 204);
        }
        return id;
    }

    void add_member(std::string const& group, std::string const& account) {
        EXPECT_EQ(admin("PUT", "/groups/" + group + "/members/" + account).status, 204);
    }

    std::int64_t member_count(std::string const& group) {
        return ok(admin("GET", "/groups/" + group)).at("memberCount").as_int64();
    }

    // "product via type[:group name]" of each product access of the site user.
    std::vector<std::string> access_of(std::string const& site, std::string const& account) {
        std::vector<std::string> out;
        auto const user = ok(admin("GET", "/sites/" + site + "/users/" + account));
        for (auto const& p : user.at("products").as_array()) {
            for (auto const& via : p.at("via").as_array()) {
                std::string entry =
                    std::string(p.at("product").as_string()) + " " + std::string(via.at("type").as_string());
                if (via.at("type") == "group") entry += ":" + std::string(via.at("displayName").as_string());
                out.push_back(entry);
            }
        }
        return out;
    }

    void remove(std::string const& site, std::string const& account) {
        EXPECT_EQ(admin("DELETE", "/sites/" + site + "/users/" + account).status, 204);
    }
};

// The issue's Dave: removed from the site, he is no longer in Contractors, and inviting him
// back brings neither his direct access nor `jira via Contractors` back.
TEST_F(admin_site_removal, removal_takes_the_account_out_of_the_sites_admin_groups) {
    auto const site = new_site("dave-site");
    auto const dave = invite(site, "dave@contractor.example");
    auto const contractors = admin_group("Contractors", {site});
    add_member(contractors, dave);
    ok(admin("PUT", "/sites/" + site + "/users/" + dave + "/products/confluence"));
    EXPECT_EQ(access_of(site, dave), (std::vector<std::string>{"confluence direct", "jira group:Contractors"}));

    remove(site, dave);
    EXPECT_EQ(member_count(contractors), 0);
    EXPECT_EQ(ok(admin("GET", "/groups/" + contractors + "/members")).at("totalResults"), 0);

    // Invited back (the same account: removal leaves the account itself alone), he starts clean.
    EXPECT_EQ(invite(site, "dave@contractor.example"), dave);
    EXPECT_TRUE(access_of(site, dave).empty());
    EXPECT_TRUE(ok(admin("GET", "/accounts/" + dave)).at("groups").as_array().empty());
    // The group and its grant are still there for its other members.
    EXPECT_EQ(ok(admin("GET", "/groups/" + contractors + "/products")).at("productGrants").as_array().size(), 1u);
}

// A group that also grants on another site the account is still on is held through that site
// too: removal from one site does not revoke the other's access.
TEST_F(admin_site_removal, a_group_of_another_site_the_account_is_on_stays) {
    auto const north = new_site("north");
    auto const south = new_site("south");
    auto const erin = invite(north, "erin@contractor.example");
    invite_again(south, erin);
    auto const both = admin_group("Both sites", {north, south});
    auto const south_only = admin_group("South only", {south}, "confluence");
    auto const no_grants = admin_group("No grants", {});
    for (auto const& g : {both, south_only, no_grants}) add_member(g, erin);

    remove(north, erin);
    EXPECT_EQ(member_count(both), 1);
    EXPECT_EQ(member_count(south_only), 1);
    EXPECT_EQ(member_count(no_grants), 1);
    EXPECT_EQ(access_of(south, erin),
              (std::vector<std::string>{"confluence group:South only", "jira group:Both sites"}));

    // Off the last site that ties her to "Both sites" and "South only", she leaves them; the
    // group tied to no site is kept.
    remove(south, erin);
    EXPECT_EQ(member_count(both), 0);
    EXPECT_EQ(member_count(south_only), 0);
    EXPECT_EQ(member_count(no_grants), 1);
}

// Suspension keeps everything configured; only removal takes group memberships.
TEST_F(admin_site_removal, suspension_keeps_the_groups) {
    auto const site = new_site("suspend-keeps");
    auto const fay = invite(site, "fay@contractor.example");
    auto const group = admin_group("Suspended stays", {site});
    add_member(group, fay);
    ok(admin("POST", "/sites/" + site + "/users/" + fay + "/suspend"));
    EXPECT_EQ(member_count(group), 1);
    ok(admin("POST", "/sites/" + site + "/users/" + fay + "/restore"));
    EXPECT_EQ(access_of(site, fay), (std::vector<std::string>{"jira group:Suspended stays"}));
}

// A synced group's members are its identity provider's (docs/sites.md): removal leaves the
// SCIM membership as the IdP pushed it, and the group's grant stops applying with the site
// membership; invited back, the IdP's group applies again.
TEST_F(admin_site_removal, synced_group_memberships_stay_the_identity_providers) {
    auto const site = new_site("synced-stays");
    auto const gus = provision("gus", "gus@contractor.example");
    invite_again(site, gus);
    auto const pushed = scim("POST", "/Groups",
                             R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName":"Pushed contractors","members":[{"value":")" +
                                 ids_["gus"] + R"("}]})");
    ASSERT_EQ(pushed.status, 201) << pushed.body;
    auto const synced = std::string(pushed.json().at("id").as_string());
    EXPECT_EQ(admin("PUT", "/groups/" + synced + "/sites/" + site + "/products/jira").status, 204);
    auto const kept = admin_group("Kept contractors", {site}, "confluence");
    add_member(kept, gus);

    remove(site, gus);
    EXPECT_EQ(ok(scim("GET", "/Groups/" + synced)).at("members").as_array().size(), 1u);
    EXPECT_EQ(member_count(kept), 0);

    invite_again(site, gus);
    EXPECT_EQ(access_of(site, gus), (std::vector<std::string>{"jira group:Pushed contractors"}));
}

// An identity provider's DELETE of an external user removes its memberships of the
// organization's sites (docs/sites.md "What SCIM does"), with what removal takes.
TEST_F(admin_site_removal, scim_delete_of_an_external_user_takes_the_same) {
    auto const site = new_site("scim-delete");
    auto const hal = provision("hal", "hal@contractor.example");
    invite_again(site, hal);
    auto const group = admin_group("Deleted by the IdP", {site});
    add_member(group, hal);
    EXPECT_EQ(scim("DELETE", "/Users/" + ids_["hal"]).status, 204);
    expect_admin_error(admin("GET", "/sites/" + site + "/users/" + hal), 404, "not_found");
    EXPECT_EQ(member_count(group), 0);
}

TEST_F(admin_site_removal, site_names_are_unique_ignoring_case_and_sites_are_renamed) {
    auto const alpha = ok(admin("POST", "/sites", R"({"name":"Alpha","url":"alpha.names.example"})"), 201);
    auto const alpha_id = std::string(alpha.at("id").as_string());
    expect_admin_error(admin("POST", "/sites", R"({"name":"ALPHA","url":"alpha2.names.example"})"), 409, "uniqueness");
    auto const beta = ok(admin("POST", "/sites", R"({"name":"Beta","url":"beta.names.example"})"), 201);
    auto const beta_id = std::string(beta.at("id").as_string());

    auto renamed = ok(admin("PATCH", "/sites/" + beta_id, R"({"name":" Gamma "})"));
    EXPECT_EQ(renamed.at("name"), "Gamma");
    EXPECT_EQ(renamed.at("url"), "beta.names.example");
    EXPECT_EQ(ok(admin("GET", "/sites/" + beta_id)).at("name"), "Gamma");
    auto const taken = admin("PATCH", "/sites/" + beta_id, R"({"name":"alpha"})");
    expect_admin_error(taken, 409, "uniqueness");
    EXPECT_EQ(ok(admin("GET", "/sites/" + beta_id)).at("name"), "Gamma");
    // A site may change the case of its own name.
    EXPECT_EQ(ok(admin("PATCH", "/sites/" + alpha_id, R"({"name":"ALPHA"})")).at("name"), "ALPHA");

    expect_admin_error(admin("PATCH", "/sites/" + beta_id, R"({"url":"other.names.example"})"), 400, "invalid_value");
    expect_admin_error(admin("PATCH", "/sites/" + beta_id, R"({"name":"Delta","url":"x.names.example"})"), 400,
                       "invalid_value");
    expect_admin_error(admin("PATCH", "/sites/" + beta_id, R"({"name":"   "})"), 400, "invalid_value");
    expect_admin_error(admin("PATCH", "/sites/" + beta_id, R"({"name":7})"), 400, "invalid_value");
    expect_admin_error(admin("PATCH", "/sites/" + core::random_uuid(), R"({"name":"Epsilon"})"), 404, "not_found");

    // Another organization's site is not found, and its names are its own.
    auto const other = server().bootstrap("site-names-elsewhere", "okta");
    auto const token = admin_token_for("site-names-elsewhere");
    expect_admin_error(admin_of(other.organization_id, token, "PATCH", "/sites/" + alpha_id, R"({"name":"Mine"})"), 404,
                       "not_found");
    ok(admin_of(other.organization_id, token, "POST", "/sites", R"({"name":"alpha","url":"alpha.elsewhere.example"})"),
       201);
}

// Deleting a site with users is refused, whatever their status: removal has consequences an
// admin takes user by user. An empty site goes with its products and the grants naming them.
TEST_F(admin_site_removal, a_site_is_deleted_only_without_users) {
    auto const site = new_site("doomed");
    auto const ivy = invite(site, "ivy@contractor.example");
    auto const group = admin_group("Doomed site's", {site});
    add_member(group, ivy);
    ok(admin("POST", "/sites/" + site + "/users/" + ivy + "/suspend"));

    auto const refused = admin("DELETE", "/sites/" + site);
    expect_admin_error(refused, 409, "conflict");
    EXPECT_NE(refused.body.find("1 user"), std::string::npos) << refused.body;
    EXPECT_EQ(ok(admin("GET", "/sites/" + site)).at("name"), "doomed");
    EXPECT_EQ(member_count(group), 1);

    // Another organization cannot delete it.
    auto const other = server().bootstrap("site-delete-elsewhere", "okta");
    expect_admin_error(
        admin_of(other.organization_id, admin_token_for("site-delete-elsewhere"), "DELETE", "/sites/" + site), 404,
        "not_found");

    remove(site, ivy);
    EXPECT_EQ(admin("DELETE", "/sites/" + site).status, 204);
    expect_admin_error(admin("GET", "/sites/" + site), 404, "not_found");
    expect_admin_error(admin("DELETE", "/sites/" + site), 404, "not_found");
    expect_admin_error(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + ivy + R"("})"), 404,
                       "not_found");
    EXPECT_TRUE(ok(admin("GET", "/groups/" + group + "/products")).at("productGrants").as_array().empty());
    // Its host name is free again.
    ok(admin("POST", "/sites", R"({"name":"doomed again","url":"doomed.removal.example"})"), 201);
}

}  // namespace
}  // namespace scim::testing
