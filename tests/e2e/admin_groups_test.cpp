// Groups through the admin API against the real binary (DOMAIN.md "group"): admin-kept groups
// created, listed, renamed and deleted; displayName unique across both kinds, through either
// API; a SCIM-pushed group shown as synced and locked to its directory; account members with set
// semantics and an exact count; product grants of any group on the organization's sites;
// admin-kept groups invisible under SCIM; nothing of another organization visible.

#include <algorithm>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

// Sites are another feature's (admin sites API); these tests seed them as rows.
std::string const acme_site = "5a1e0000-0000-4000-8000-00000000000a";
std::string const initech_site = "5a1e0000-0000-4000-8000-00000000000b";

std::string group_body(std::string const& name, std::string const& extra = "") {
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + name + "\"" +
           (extra.empty() ? "" : "," + extra) + "}";
}

class admin_groups : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
        initech_ = server().bootstrap("initech", "entra");
        initech_token_ = admin_token_for("initech");
        seed_site(directory().organization_id, acme_site, "Acme", "acme.example.net", {"jira", "confluence"});
        seed_site(initech_.organization_id, initech_site, "Initech", "initech.example.net", {"jira"});
    }

    static void seed_site(std::string const& organization_id, std::string const& id, std::string const& name,
                          std::string const& url, std::vector<std::string> const& products) {
        run_sql(server().dsn(), "INSERT INTO sites (id, organization_id, name, url) VALUES ('" + id + "', '" +
                                    organization_id + "', '" + name + "', '" + url + "')");
        for (auto const& product : products) {
            run_sql(server().dsn(),
                    "INSERT INTO site_products (site_id, product) VALUES ('" + id + "', '" + product + "')");
        }
    }

    // A new admin-kept group; answers its id.
    std::string admin_group(std::string const& name) {
        auto created = ok(admin("POST", "/groups", R"({"displayName":")" + name + "\"}"), 201);
        return created.empty() ? std::string() : std::string(created.at("id").as_string());
    }

    // A group pushed by the bootstrapped directory ("okta"); answers its id.
    std::string scim_group(std::string const& name, std::string const& extra = "") {
        auto reply = scim("POST", "/Groups", group_body(name, extra));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.status == 201 ? std::string(reply.json().at("id").as_string()) : std::string();
    }

    std::int64_t member_count(std::string const& group) {
        return ok(admin("GET", "/groups/" + group)).at("memberCount").as_int64();
    }

    std::vector<std::string> member_accounts(std::string const& group) {
        std::vector<std::string> ids;
        auto const page = ok(admin("GET", "/groups/" + group + "/members?count=1000"));
        for (auto const& m : page.at("members").as_array()) {
            ids.emplace_back(m.at("id").as_string());
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    // A 403 that names the directory keeping the group.
    static void expect_locked(http_reply const& reply) {
        expect_admin_error(reply, 403, "forbidden");
        EXPECT_NE(reply.body.find("\\\"okta\\\""), std::string::npos) << reply.body;
    }

    static inline bootstrap_result initech_;
    static inline std::string initech_token_;
};

TEST_F(admin_groups, an_admin_kept_group_is_created_shown_renamed_and_deleted) {
    auto created = ok(admin("POST", "/groups", R"({"displayName":"  Designers ","description":"UI and UX"})"), 201);
    auto const id = std::string(created.at("id").as_string());
    EXPECT_EQ(created.at("displayName"), "Designers");
    EXPECT_EQ(created.at("description"), "UI and UX");
    EXPECT_EQ(created.at("synced"), false);
    EXPECT_FALSE(created.contains("syncedBy"));
    EXPECT_EQ(created.at("memberCount"), 0);
    EXPECT_TRUE(created.at("productGrants").as_array().empty());
    EXPECT_EQ(ok(admin("GET", "/groups/" + id)), created);

    auto renamed = ok(admin("PATCH", "/groups/" + id, R"({"displayName":"Design","description":null})"));
    EXPECT_EQ(renamed.at("displayName"), "Design");
    EXPECT_TRUE(renamed.at("description").is_null());
    EXPECT_EQ(ok(admin("PATCH", "/groups/" + id, R"({"description":"Product design"})")).at("displayName"), "Design");

    EXPECT_EQ(admin("DELETE", "/groups/" + id).status, 204);
    expect_admin_error(admin("GET", "/groups/" + id), 404, "not_found");
    expect_admin_error(admin("DELETE", "/groups/" + id), 404, "not_found");
}

TEST_F(admin_groups, bad_group_details_are_refused) {
    for (auto const* body : {R"({})", R"({"displayName":"   "})", R"({"displayName":3})", R"({"displayName":"a\nb"})",
                             R"({"displayName":"Ok","colour":"red"})", R"({"displayName":"Ok","description":1})"}) {
        expect_admin_error(admin("POST", "/groups", body), 400, "invalid_value");
    }
    expect_admin_error(admin("POST", "/groups", R"(["not an object"])"), 400, "invalid_syntax");
    auto const id = admin_group("Well named");
    expect_admin_error(admin("PATCH", "/groups/" + id, R"({"displayName":""})"), 400, "invalid_value");
    EXPECT_EQ(ok(admin("GET", "/groups/" + id)).at("displayName"), "Well named");
}

TEST_F(admin_groups, the_listing_shows_both_kinds_by_name_a_page_at_a_time) {
    scim_group("List Charlie");
    for (auto const* name : {"list bravo", "List Alpha", "List delta"}) admin_group(name);
    admin_group("Other");

    auto page = ok(admin("GET", "/groups?displayName=LIST&startIndex=2&count=2"));
    EXPECT_EQ(page.at("totalResults"), 4);
    EXPECT_EQ(page.at("startIndex"), 2);
    auto const& groups = page.at("groups").as_array();
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].at("displayName"), "list bravo");
    EXPECT_EQ(groups[1].at("displayName"), "List Charlie");
    EXPECT_EQ(groups[1].at("synced"), true);
    EXPECT_EQ(groups[1].at("syncedBy").at("name"), "okta");

    auto const all = ok(admin("GET", "/groups?count=1000"));
    EXPECT_GE(all.at("totalResults").as_int64(), 5);
    EXPECT_EQ(static_cast<std::int64_t>(all.at("groups").as_array().size()), all.at("totalResults").as_int64());
    // A prefix is a prefix, not a pattern.
    EXPECT_EQ(ok(admin("GET", "/groups?displayName=List%25")).at("totalResults"), 0);
    EXPECT_EQ(ok(admin("GET", "/groups?displayName=L_st")).at("totalResults"), 0);
    expect_admin_error(admin("GET", "/groups?count=-1"), 400, "invalid_value");
}

TEST_F(admin_groups, display_names_are_unique_across_both_kinds_ignoring_case) {
    scim_group("Engineering");
    expect_admin_error(admin("POST", "/groups", R"({"displayName":"ENGINEERING"})"), 409, "uniqueness");
    auto const marketing = admin_group("Marketing");
    expect_scim_error(scim("POST", "/Groups", group_body("marketing")), 409, "uniqueness");
    auto const sales = admin_group("Sales");
    expect_admin_error(admin("PATCH", "/groups/" + sales, R"({"displayName":"engineering"})"), 409, "uniqueness");
    expect_admin_error(admin("PATCH", "/groups/" + sales, R"({"displayName":"MARKETING"})"), 409, "uniqueness");
    // A group keeps its own name in another case.
    EXPECT_EQ(ok(admin("PATCH", "/groups/" + marketing, R"({"displayName":"MARKETING"})")).at("displayName"),
              "MARKETING");
}

TEST_F(admin_groups, a_synced_group_is_locked_to_its_directory_but_its_grants_are_the_admins) {
    auto const account = provision("sync.member", "sync.member@acme.com");
    auto const group = scim_group("Support", R"("members":[{"value":")" + ids_["sync.member"] + "\"}]");
    auto const shown = ok(admin("GET", "/groups/" + group));
    EXPECT_EQ(shown.at("synced"), true);
    EXPECT_EQ(shown.at("syncedBy").at("id").as_string(), directory().directory_id);
    EXPECT_EQ(shown.at("syncedBy").at("name"), "okta");
    EXPECT_EQ(shown.at("memberCount"), 1);
    // Its members are the accounts behind its SCIM members.
    auto const members = ok(admin("GET", "/groups/" + group + "/members"));
    EXPECT_EQ(members.at("totalResults"), 1);
    EXPECT_EQ(members.at("members").at(0).at("id").as_string(), account);
    EXPECT_EQ(members.at("members").at(0).at("email"), "sync.member@acme.com");
    EXPECT_EQ(members.at("members").at(0).at("accountType"), "managed");

    auto const other = provision("sync.other", "sync.other@acme.com");
    expect_locked(admin("PATCH", "/groups/" + group, R"({"displayName":"Not Support"})"));
    expect_locked(admin("DELETE", "/groups/" + group));
    expect_locked(admin("PUT", "/groups/" + group + "/members/" + other));
    expect_locked(admin("DELETE", "/groups/" + group + "/members/" + account));
    EXPECT_EQ(member_accounts(group), std::vector<std::string>{account});
    EXPECT_EQ(ok(admin("GET", "/groups/" + group)).at("displayName"), "Support");
    // Not the identity provider's: the description and the product grants.
    EXPECT_EQ(ok(admin("PATCH", "/groups/" + group, R"({"description":"Tier 1"})")).at("description"), "Tier 1");
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/sites/" + acme_site + "/products/jira").status, 204);
    auto const grants = ok(admin("GET", "/groups/" + group + "/products")).at("productGrants").as_array();
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].at("product"), "jira");
    // Through SCIM the group changes as before.
    auto const patched = scim("PATCH", "/Groups/" + group,
                              R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)"
                              R"({"op":"add","path":"members","value":[{"value":")" +
                                  ids_["sync.other"] + R"("}]}]})");
    EXPECT_EQ(patched.status, 204) << patched.body;
    EXPECT_EQ(member_count(group), 2);
    std::vector<std::string> both{account, other};
    std::sort(both.begin(), both.end());
    EXPECT_EQ(member_accounts(group), both);
}

TEST_F(admin_groups, account_members_are_a_set_with_an_exact_count) {
    auto const group = admin_group("Set semantics");
    auto const liam = provision("set.liam", "set.liam@acme.com");
    auto const jane = provision("set.jane", "set.jane@gmail.com");
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/members/" + liam).status, 204);
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/members/" + liam).status, 204);
    EXPECT_EQ(member_count(group), 1);
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/members/" + jane).status, 204);
    EXPECT_EQ(member_count(group), 2);
    std::vector<std::string> both{liam, jane};
    std::sort(both.begin(), both.end());
    EXPECT_EQ(member_accounts(group), both);
    auto const page = ok(admin("GET", "/groups/" + group + "/members?startIndex=2&count=1"));
    EXPECT_EQ(page.at("totalResults"), 2);
    ASSERT_EQ(page.at("members").as_array().size(), 1u);
    EXPECT_EQ(page.at("members").at(0).at("id").as_string(), both[1]);

    EXPECT_EQ(admin("DELETE", "/groups/" + group + "/members/" + liam).status, 204);
    EXPECT_EQ(admin("DELETE", "/groups/" + group + "/members/" + liam).status, 204);
    EXPECT_EQ(member_count(group), 1);
    EXPECT_EQ(member_accounts(group), std::vector<std::string>{jane});
}

TEST_F(admin_groups, members_are_accounts_the_organization_sees) {
    auto const group = admin_group("Visible only");
    expect_admin_error(admin("PUT", "/groups/" + group + "/members/not-an-id"), 404, "not_found");
    expect_admin_error(admin("PUT", "/groups/" + group + "/members/00000000-0000-4000-8000-000000000000"), 404,
                       "not_found");
    // Another organization's user.
    auto const milton = provision_in(initech_, "milton", "milton@initech.example");
    ASSERT_FALSE(milton.empty());
    expect_admin_error(admin("PUT", "/groups/" + group + "/members/" + milton), 404, "not_found");
    // An external user known through a site membership only.
    std::string const guest = "9e570000-0000-4000-8000-000000000001";
    run_sql(server().dsn(), "INSERT INTO accounts (id, email) VALUES ('" + guest + "', 'guest@elsewhere.example')");
    expect_admin_error(admin("PUT", "/groups/" + group + "/members/" + guest), 404, "not_found");
    run_sql(server().dsn(),
            "INSERT INTO site_memberships (site_id, account_id) VALUES ('" + acme_site + "', '" + guest + "')");
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/members/" + guest).status, 204);
    EXPECT_EQ(member_accounts(group), std::vector<std::string>{guest});
    EXPECT_EQ(ok(admin("GET", "/groups/" + group + "/members")).at("members").at(0).at("accountType"), "external");

    // An erased account leaves its groups and cannot join one.
    run_sql(server().dsn(), "UPDATE accounts SET lifecycle = 'deleted', email = NULL WHERE id = '" + guest + "'");
    EXPECT_EQ(member_count(group), 0);
    expect_admin_error(admin("PUT", "/groups/" + group + "/members/" + guest), 404, "not_found");
}

TEST_F(admin_groups, the_account_detail_lists_its_groups_of_both_kinds) {
    auto const account = provision("both.kinds", "both.kinds@acme.com");
    auto const pushed = scim_group("Both pushed", R"("members":[{"value":")" + ids_["both.kinds"] + "\"}]");
    auto const kept = admin_group("Both kept");
    ASSERT_EQ(admin("PUT", "/groups/" + kept + "/members/" + account).status, 204);
    auto const groups = ok(admin("GET", "/accounts/" + account)).at("groups").as_array();
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0], (json::object{{"id", kept}, {"displayName", "Both kept"}, {"synced", false}}));
    EXPECT_EQ(groups[1], (json::object{{"id", pushed}, {"displayName", "Both pushed"}, {"synced", true}}));
    // SCIM shows the synced group only.
    auto const user = ok(scim("GET", "/Users/" + ids_["both.kinds"]));
    ASSERT_EQ(user.at("groups").as_array().size(), 1u);
    EXPECT_EQ(user.at("groups").at(0).at("value").as_string(), pushed);
}

TEST_F(admin_groups, an_admin_kept_group_is_invisible_under_scim) {
    auto const id = admin_group("Hidden");
    expect_scim_error(scim("GET", "/Groups/" + id), 404, "");
    expect_scim_error(scim("GET", "/Groups/" + id + "/members"), 404, "");
    expect_scim_error(scim("PUT", "/Groups/" + id, group_body("Hidden")), 404, "");
    expect_scim_error(scim("DELETE", "/Groups/" + id), 404, "");
    auto const filtered = ok(scim("GET", "/Groups?filter=" + url_encode("displayName eq \"Hidden\"")));
    EXPECT_EQ(filtered.at("totalResults"), 0);
    auto const listed = ok(scim("GET", "/Groups?count=1000&excludedAttributes=members"));
    for (auto const& g : listed.at("Resources").as_array()) EXPECT_NE(g.at("id").as_string(), id);
    auto const searched = ok(scim("POST", "/.search",
                                  R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],)"
                                  R"("filter":"displayName eq \"Hidden\""})"));
    EXPECT_EQ(searched.at("totalResults"), 0);
    EXPECT_EQ(admin("DELETE", "/groups/" + id).status, 204);
}

TEST_F(admin_groups, product_grants_name_a_product_of_one_of_the_organizations_sites) {
    auto const group = admin_group("Grants");
    auto const grant = "/groups/" + group + "/sites/" + acme_site + "/products/";
    EXPECT_EQ(admin("PUT", grant + "jira").status, 204);
    EXPECT_EQ(admin("PUT", grant + "jira").status, 204);
    EXPECT_EQ(admin("PUT", grant + "confluence").status, 204);
    auto const shown = ok(admin("GET", "/groups/" + group));
    auto const& grants = shown.at("productGrants").as_array();
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].at("site"), (json::object{{"id", acme_site}, {"name", "Acme"}}));
    EXPECT_EQ(grants[0].at("product"), "confluence");
    EXPECT_EQ(grants[1].at("product"), "jira");
    EXPECT_TRUE(grants[1].at("grantedAt").is_string());
    EXPECT_EQ(ok(admin("GET", "/groups/" + group + "/products")).at("productGrants"), shown.at("productGrants"));

    expect_admin_error(admin("PUT", grant + "bitbucket"), 400, "invalid_value");
    expect_admin_error(admin("PUT", "/groups/" + group + "/sites/" + initech_site + "/products/jira"), 404,
                       "not_found");
    expect_admin_error(admin("PUT", "/groups/" + group + "/sites/not-a-site/products/jira"), 404, "not_found");

    EXPECT_EQ(admin("DELETE", grant + "jira").status, 204);
    EXPECT_EQ(admin("DELETE", grant + "jira").status, 204);
    auto const left = ok(admin("GET", "/groups/" + group + "/products")).at("productGrants").as_array();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].at("product"), "confluence");
    // Deleting the group takes its grants with it.
    EXPECT_EQ(admin("DELETE", "/groups/" + group).status, 204);
}

TEST_F(admin_groups, another_organizations_groups_are_not_found) {
    auto const theirs =
        admin_of(initech_.organization_id, initech_token_, "POST", "/groups", R"({"displayName":"Initech only"})");
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto const id = std::string(theirs.json().at("id").as_string());
    auto const account = provision("nosy", "nosy@acme.com");
    for (auto const& [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"GET", ""},
                                                          {"PATCH", ""},
                                                          {"DELETE", ""},
                                                          {"GET", "/members"},
                                                          {"PUT", "/members/" + account},
                                                          {"GET", "/products"},
                                                          {"PUT", "/sites/" + acme_site + "/products/jira"}}) {
        expect_admin_error(admin(method, "/groups/" + id + path, method == "PATCH" ? R"({"displayName":"Mine"})" : ""),
                           404, "not_found");
    }
    expect_admin_error(admin("GET", "/groups/not-an-id"), 404, "not_found");
    // Both organizations may use the same name.
    EXPECT_EQ(admin("POST", "/groups", R"({"displayName":"Initech only"})").status, 201);
    // Their token does not open this organization's groups.
    EXPECT_EQ(admin("GET", "/groups", "", initech_token_).status, 401);
}

// --max-group-members holds for admin-kept groups as for SCIM ones: a clear 400, nothing added.
TEST_F(admin_groups, a_group_holds_at_most_max_group_members) {
    own_admin_server own({"--max-group-members", "1"});
    std::vector<std::string> accounts;
    for (auto const* name : {"one", "two"}) {
        auto reply = own.scim(
            "POST", "/Users",
            user_body(name, R"("emails":[{"value":")" + std::string(name) + R"(@x.example","primary":true}])"));
        ASSERT_EQ(reply.status, 201) << reply.body;
        accounts.emplace_back(reply.json().at(account_urn).at("accountId").as_string());
    }
    auto created = own.admin("POST", "/groups", R"({"displayName":"Small"})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto const group = std::string(created.json().at("id").as_string());
    EXPECT_EQ(own.admin("PUT", "/groups/" + group + "/members/" + accounts[0]).status, 204);
    // Adding an existing member again is no growth.
    EXPECT_EQ(own.admin("PUT", "/groups/" + group + "/members/" + accounts[0]).status, 204);
    auto refused = own.admin("PUT", "/groups/" + group + "/members/" + accounts[1]);
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_NE(refused.body.find("at most 1"), std::string::npos) << refused.body;
    EXPECT_EQ(own.admin("GET", "/groups/" + group).json().at("memberCount"), 1);
    EXPECT_EQ(own.server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
