// Sites and their users through the admin API against the real binary (DOMAIN.md "site",
// "site membership", the seed's "Users page"): sites with their products; inviting managed and
// external users by account id or email; the statuses and what moves them; product access,
// direct and through groups; removal and re-invitation; nothing of another organization.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_sites : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }

    // A new site offering jira and confluence; answers its id.
    std::string new_site(std::string const& name) {
        auto const site = ok(
            admin("POST", "/sites",
                  R"({"name":")" + name + R"(","url":")" + name + R"(.example.net","products":["jira","confluence"]})"),
            201);
        return std::string(site.at("id").as_string());
    }

    json::object invite(std::string const& site, std::string const& body) {
        return ok(admin("POST", "/sites/" + site + "/users", body), 201);
    }

    // The products of a listed user: product → its "via" entries.
    static std::map<std::string, json::array> products_of(json::object const& user) {
        std::map<std::string, json::array> out;
        for (auto const& p : user.at("products").as_array())
            out[std::string(p.at("product").as_string())] = p.at("via").as_array();
        return out;
    }
};

TEST_F(admin_sites, sites_and_their_products) {
    auto const created = ok(admin("POST", "/sites", R"({"name":" Acme Cloud ","url":"https://Acme-Cloud.Example.NET/",
                                                       "products":["Jira","confluence"]})"),
                            201);
    auto const id = std::string(created.at("id").as_string());
    EXPECT_EQ(created.at("name"), "Acme Cloud");
    EXPECT_EQ(created.at("url"), "acme-cloud.example.net");
    EXPECT_EQ(created.at("products"), (json::array{"confluence", "jira"}));

    EXPECT_EQ(ok(admin("GET", "/sites/" + id)).at("url"), "acme-cloud.example.net");
    bool listed = false;
    auto const sites = ok(admin("GET", "/sites"));
    for (auto const& s : sites.at("sites").as_array()) listed = listed || s.at("id").as_string() == id;
    EXPECT_TRUE(listed);

    EXPECT_EQ(ok(admin("POST", "/sites/" + id + "/products", R"({"product":"bitbucket"})")).at("products"),
              (json::array{"bitbucket", "confluence", "jira"}));
    // Offering it again changes nothing.
    EXPECT_EQ(
        ok(admin("POST", "/sites/" + id + "/products", R"({"product":"bitbucket"})")).at("products").as_array().size(),
        3u);
    EXPECT_EQ(admin("DELETE", "/sites/" + id + "/products/bitbucket").status, 204);
    expect_admin_error(admin("DELETE", "/sites/" + id + "/products/bitbucket"), 404, "not_found");
    EXPECT_EQ(ok(admin("GET", "/sites/" + id)).at("products").as_array().size(), 2u);

    // One site per name in the organization, one site per host name.
    expect_admin_error(admin("POST", "/sites", R"({"name":"Acme Cloud","url":"other.example.net"})"), 409,
                       "uniqueness");
    expect_admin_error(admin("POST", "/sites", R"({"name":"Other","url":"ACME-CLOUD.example.net"})"), 409,
                       "uniqueness");
    expect_admin_error(admin("POST", "/sites", R"({"name":"Bad","url":"not a host"})"), 400, "invalid_value");
    expect_admin_error(admin("POST", "/sites", R"({"name":"","url":"empty-name.example.net"})"), 400, "invalid_value");
    expect_admin_error(admin("POST", "/sites", R"({"url":"no-name.example.net"})"), 400, "invalid_value");
    expect_admin_error(
        admin("POST", "/sites", R"({"name":"Bad products","url":"bad-products.example.net","products":"jira"})"), 400,
        "invalid_value");
    expect_admin_error(admin("POST", "/sites/" + id + "/products", R"({"product":"two words"})"), 400, "invalid_value");
    expect_admin_error(admin("GET", "/sites/not-a-site"), 404, "not_found");
    expect_admin_error(admin("GET", "/sites/00000000-0000-4000-8000-000000000000"), 404, "not_found");
}

TEST_F(admin_sites, inviting_managed_and_external_users) {
    auto const site = new_site("invitations");
    // Provisioned and claimed, but not on the site until invited (DOMAIN.md).
    auto const liam = provision("liam", "liam@acme.com");
    EXPECT_EQ(ok(admin("GET", "/sites/" + site + "/users")).at("totalResults"), 0);

    auto invited = invite(site, R"({"accountId":")" + liam + R"("})");
    EXPECT_EQ(invited.at("accountId"), json::value(liam));
    EXPECT_EQ(invited.at("email"), "liam@acme.com");
    EXPECT_EQ(invited.at("accountType"), "managed");
    EXPECT_EQ(invited.at("status"), "invited");
    EXPECT_TRUE(invited.at("invitedAt").is_string());
    EXPECT_TRUE(invited.at("joinedAt").is_null());
    EXPECT_TRUE(invited.at("lastActiveOnSite").is_null());
    EXPECT_TRUE(invited.at("products").as_array().empty());
    auto again = admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + liam + R"("})");
    expect_admin_error(again, 409, "conflict");
    EXPECT_NE(again.body.find("already a user of the site"), std::string::npos) << again.body;

    // An unknown address gets an account: external off the verified domain, managed on it.
    auto jane = invite(site, R"({"email":"Jane@Gmail.example"})");
    EXPECT_EQ(jane.at("accountType"), "external");
    EXPECT_EQ(jane.at("status"), "invited");
    auto const jane_id = std::string(jane.at("accountId").as_string());
    expect_admin_error(admin("POST", "/sites/" + site + "/users", R"({"email":"jane@gmail.EXAMPLE"})"), 409,
                       "conflict");
    EXPECT_EQ(invite(site, R"({"email":"newcomer@acme.com"})").at("accountType"), "managed");
    // An external user invited by email appears in the organization (DOMAIN.md).
    EXPECT_EQ(ok(admin("GET", "/accounts/" + jane_id)).at("accountType"), "external");
    // By email, an existing account is found whatever the case.
    EXPECT_EQ(invite(new_site("by-email"), R"({"email":"LIAM@acme.com"})").at("accountId"), json::value(liam));

    expect_admin_error(admin("POST", "/sites/" + site + "/users", R"({"email":"not-an-address"})"), 400,
                       "invalid_value");
    expect_admin_error(admin("POST", "/sites/" + site + "/users", R"({})"), 400, "invalid_value");
    expect_admin_error(
        admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + liam + R"(","email":"x@acme.com"})"), 400,
        "invalid_value");
    expect_admin_error(
        admin("POST", "/sites/" + site + "/users", R"({"accountId":"00000000-0000-4000-8000-000000000000"})"), 404,
        "not_found");

    // A deleted account cannot be invited.
    auto const gone = provision("gone", "gone@acme.com");
    run_sql(server().dsn(), "UPDATE accounts SET lifecycle = 'deleted', email = NULL WHERE id = '" + gone + "'");
    auto deleted = admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + gone + R"("})");
    expect_admin_error(deleted, 409, "conflict");
    EXPECT_NE(deleted.body.find("deleted"), std::string::npos) << deleted.body;

    auto const listing = ok(admin("GET", "/sites/" + site + "/users"));
    EXPECT_EQ(listing.at("totalResults"), 3);
}

TEST_F(admin_sites, statuses_activity_and_paging) {
    auto const site = new_site("statuses");
    auto const max = provision("max", "max@acme.com");
    auto const ext = std::string(invite(site, R"({"email":"ext@elsewhere.example"})").at("accountId").as_string());
    invite(site, R"({"accountId":")" + max + R"("})");
    ok(admin("PUT", "/sites/" + site + "/users/" + max + "/products/jira"));

    // The site reports use: the invitation becomes active, joined and last active now.
    auto active = ok(admin("POST", "/sites/" + site + "/users/" + max + "/activity"));
    EXPECT_EQ(active.at("status"), "active");
    EXPECT_TRUE(active.at("joinedAt").is_string());
    EXPECT_TRUE(active.at("lastActiveOnSite").is_string());
    EXPECT_EQ(ok(admin("GET", "/accounts/" + max)).at("lastActive"), active.at("lastActiveOnSite"));

    auto page = ok(admin("GET", "/sites/" + site + "/users?status=active"));
    ASSERT_EQ(page.at("totalResults"), 1);
    EXPECT_EQ(page.at("users").as_array().at(0).at("accountId"), json::value(max));
    page = ok(admin("GET", "/sites/" + site + "/users?status=invited"));
    ASSERT_EQ(page.at("totalResults"), 1);
    EXPECT_EQ(page.at("users").as_array().at(0).at("accountId"), json::value(ext));
    // Newest invitations first, paged like /managed-accounts.
    page = ok(admin("GET", "/sites/" + site + "/users?startIndex=1&count=1"));
    EXPECT_EQ(page.at("totalResults"), 2);
    ASSERT_EQ(page.at("users").as_array().size(), 1u);
    EXPECT_EQ(page.at("users").as_array().at(0).at("accountId"), json::value(max));
    page = ok(admin("GET", "/sites/" + site + "/users?startIndex=2&count=1"));
    EXPECT_EQ(page.at("users").as_array().at(0).at("accountId"), json::value(ext));
    expect_admin_error(admin("GET", "/sites/" + site + "/users?status=gone"), 400, "invalid_value");
    expect_admin_error(admin("GET", "/sites/" + site + "/users?count=x"), 400, "invalid_value");

    // Suspending keeps product access configured, listed as suspended; using the site is refused.
    auto suspended = ok(admin("POST", "/sites/" + site + "/users/" + max + "/suspend"));
    EXPECT_EQ(suspended.at("status"), "suspended");
    EXPECT_EQ(products_of(suspended).count("jira"), 1u);
    EXPECT_EQ(ok(admin("GET", "/sites/" + site + "/users?status=suspended")).at("totalResults"), 1);
    expect_admin_error(admin("POST", "/sites/" + site + "/users/" + max + "/suspend"), 409, "conflict");
    expect_admin_error(admin("POST", "/sites/" + site + "/users/" + max + "/activity"), 409, "conflict");
    // Restored to where it was: active when it had joined, invited otherwise.
    EXPECT_EQ(ok(admin("POST", "/sites/" + site + "/users/" + max + "/restore")).at("status"), "active");
    expect_admin_error(admin("POST", "/sites/" + site + "/users/" + max + "/restore"), 409, "conflict");
    EXPECT_EQ(ok(admin("POST", "/sites/" + site + "/users/" + ext + "/suspend")).at("status"), "suspended");
    EXPECT_EQ(ok(admin("POST", "/sites/" + site + "/users/" + ext + "/restore")).at("status"), "invited");
    // An external user's membership is the organization's to manage (DOMAIN.md).
    EXPECT_EQ(ok(admin("GET", "/sites/" + site + "/users/" + ext)).at("accountType"), "external");
}

TEST_F(admin_sites, product_access_direct_and_through_groups) {
    auto const site = new_site("products");
    auto const ann = provision("ann", "ann@acme.com");
    invite(site, R"({"accountId":")" + ann + R"("})");

    auto granted = ok(admin("PUT", "/sites/" + site + "/users/" + ann + "/products/Jira"));
    EXPECT_EQ(products_of(granted).at("jira"), (json::array{json::object{{"type", "direct"}}}));
    // Granting again changes nothing; a product the site does not offer is refused by name.
    EXPECT_EQ(ok(admin("PUT", "/sites/" + site + "/users/" + ann + "/products/jira")).at("products").as_array().size(),
              1u);
    auto refused = admin("PUT", "/sites/" + site + "/users/" + ann + "/products/bitbucket");
    expect_admin_error(refused, 400, "invalid_value");
    EXPECT_NE(refused.body.find("bitbucket"), std::string::npos) << refused.body;
    expect_admin_error(admin("DELETE", "/sites/" + site + "/users/" + ann + "/products/bitbucket"), 400,
                       "invalid_value");
    expect_admin_error(admin("DELETE", "/sites/" + site + "/users/" + ann + "/products/confluence"), 404, "not_found");

    // Group grants (the group endpoints are another part of the admin API; seeded here): an
    // admin group holding the account, and a synced group holding its SCIM user.
    auto const& org = directory().organization_id;
    run_sql(server().dsn(),
            "INSERT INTO scim_groups (id, organization_id, directory_id, display_name, attributes) VALUES "
            "('10000000-0000-4000-8000-000000000001', '" +
                org + "', NULL, 'Writers', '{}')");
    run_sql(server().dsn(),
            "INSERT INTO group_account_members (group_id, account_id) VALUES "
            "('10000000-0000-4000-8000-000000000001', '" +
                ann + "')");
    auto synced = scim("POST", "/Groups",
                       R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName":"Engineers","members":[{"value":")" +
                           ids_["ann"] + R"("}]})");
    ASSERT_EQ(synced.status, 201) << synced.body;
    auto const engineers = std::string(synced.json().at("id").as_string());
    run_sql(server().dsn(),
            "INSERT INTO group_product_grants (group_id, site_id, product) VALUES "
            "('10000000-0000-4000-8000-000000000001', '" +
                site +
                "', 'confluence'), "
                "('" +
                engineers + "', '" + site + "', 'confluence'), ('" + engineers + "', '" + site + "', 'jira')");
    auto products = products_of(ok(admin("GET", "/sites/" + site + "/users/" + ann)));
    EXPECT_EQ(products.at("jira"),
              (json::array{json::object{{"type", "direct"}},
                           json::object{{"type", "group"}, {"id", engineers}, {"displayName", "Engineers"}}}));
    EXPECT_EQ(products.at("confluence"),
              (json::array{
                  json::object{{"type", "group"}, {"id", engineers}, {"displayName", "Engineers"}},
                  json::object{
                      {"type", "group"}, {"id", "10000000-0000-4000-8000-000000000001"}, {"displayName", "Writers"}}}));

    // Revoking the direct grant leaves the group's.
    auto revoked = ok(admin("DELETE", "/sites/" + site + "/users/" + ann + "/products/jira"));
    EXPECT_EQ(products_of(revoked).at("jira").size(), 1u);

    // Removal revokes both kinds on the site and leaves the account alone; a new invitation
    // starts without direct access and outside the admin group (removal took Ann out of it),
    // while the synced group, whose members are its identity provider's, applies again.
    ok(admin("PUT", "/sites/" + site + "/users/" + ann + "/products/jira"));
    EXPECT_EQ(admin("DELETE", "/sites/" + site + "/users/" + ann).status, 204);
    expect_admin_error(admin("GET", "/sites/" + site + "/users/" + ann), 404, "not_found");
    expect_admin_error(admin("DELETE", "/sites/" + site + "/users/" + ann), 404, "not_found");
    expect_admin_error(admin("POST", "/sites/" + site + "/users/" + ann + "/suspend"), 404, "not_found");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + ann)).at("lifecycle"), "active");
    auto reinvited = invite(site, R"({"accountId":")" + ann + R"("})");
    EXPECT_EQ(reinvited.at("status"), "invited");
    for (auto const& p : reinvited.at("products").as_array()) {
        for (auto const& via : p.at("via").as_array()) EXPECT_EQ(via.at("displayName"), "Engineers") << p;
    }

    // A product the site stops offering takes its access and grants with it.
    EXPECT_EQ(admin("DELETE", "/sites/" + site + "/products/confluence").status, 204);
    EXPECT_EQ(products_of(ok(admin("GET", "/sites/" + site + "/users/" + ann))).count("confluence"), 0u);
}

TEST_F(admin_sites, another_organizations_sites_and_accounts_are_not_found) {
    auto const site = new_site("isolation");
    auto const paul = provision("paul", "paul@acme.com");
    invite(site, R"({"accountId":")" + paul + R"("})");

    auto const other = server().bootstrap("initech", "okta");
    auto const other_token = admin_token_for("initech");
    auto as_other = [&](std::string_view method, std::string const& path, std::string_view body = {}) {
        return admin_of(other.organization_id, other_token, method, path, body);
    };
    expect_admin_error(as_other("GET", "/sites/" + site), 404, "not_found");
    expect_admin_error(as_other("GET", "/sites/" + site + "/users"), 404, "not_found");
    expect_admin_error(as_other("POST", "/sites/" + site + "/users/" + paul + "/suspend"), 404, "not_found");
    expect_admin_error(as_other("DELETE", "/sites/" + site + "/users/" + paul), 404, "not_found");
    expect_admin_error(as_other("PUT", "/sites/" + site + "/users/" + paul + "/products/jira"), 404, "not_found");
    // Their own site: Paul is not an account they see, so not by id.
    auto const theirs =
        as_other("POST", "/sites", R"({"name":"Initech","url":"initech.example.net","products":["jira"]})");
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto const their_site = std::string(theirs.json().at("id").as_string());
    expect_admin_error(as_other("POST", "/sites/" + their_site + "/users", R"({"accountId":")" + paul + R"("})"), 404,
                       "not_found");
    // By email they may invite him, as an external user of theirs; Acme's site is unchanged.
    auto const invited = as_other("POST", "/sites/" + their_site + "/users", R"({"email":"paul@acme.com"})");
    ASSERT_EQ(invited.status, 201) << invited.body;
    EXPECT_EQ(invited.json().at("accountType"), "external");
    EXPECT_EQ(ok(admin("GET", "/sites/" + site + "/users")).at("totalResults"), 1);
    expect_admin_error(admin("GET", "/sites/" + their_site), 404, "not_found");
    // Without a token of the organization, nothing.
    EXPECT_EQ(client().request("GET", "/admin/organizations/" + directory().organization_id + "/sites").status, 401);
}

}  // namespace
}  // namespace scim::testing
