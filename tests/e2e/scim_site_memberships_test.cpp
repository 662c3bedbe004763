// What SCIM does to site memberships, against the real binary (DOMAIN.md "SCIM mapping"): for
// an external user `active: false` suspends its memberships of the organization's sites and
// `active: true` restores exactly those, leaving an admin's suspension alone; DELETE removes
// them; a managed account is deactivated instead and keeps its memberships. The account
// extension's siteMemberships shows them (this organization's sites only), and filters see it.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

class scim_site_memberships : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }

    std::string new_site(std::string const& name, std::string const& products = R"(["jira"])") {
        auto const site =
            ok(admin("POST", "/sites",
                     R"({"name":")" + name + R"(","url":")" + name + R"(.example.net","products":)" + products + "}"),
               201);
        return std::string(site.at("id").as_string());
    }

    void invite(std::string const& site, std::string const& account) {
        ok(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + account + R"("})"), 201);
    }

    std::string status_on(std::string const& site, std::string const& account) {
        auto reply = admin("GET", "/sites/" + site + "/users/" + account);
        if (reply.status == 404) return "none";
        return std::string(ok(reply).at("status").as_string());
    }

    http_reply set_active(std::string const& user_name, bool active) {
        return scim("PATCH", "/Users/" + ids_[user_name],
                    patch_op + R"([{"op":"replace","path":"active","value":)" + (active ? "true" : "false") + "}]}");
    }

    // siteMemberships of a SCIM User: site id → the membership.
    static std::map<std::string, json::object> memberships_of(json::value const& user) {
        std::map<std::string, json::object> out;
        auto const* memberships = user.at(account_urn).as_object().if_contains("siteMemberships");
        if (!memberships) return out;
        for (auto const& m : memberships->as_array()) out[std::string(m.at("site").as_string())] = m.as_object();
        return out;
    }

    std::int64_t count(std::string const& filter) {
        auto reply = scim("GET", "/Users?count=0&filter=" + url_encode(filter));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.status == 200 ? reply.json().at("totalResults").as_int64() : -1;
    }
};

TEST_F(scim_site_memberships, active_suspends_and_restores_an_external_users_memberships) {
    auto const used = new_site("ext-used");
    auto const unused = new_site("ext-unused");
    auto const admin_suspended = new_site("ext-admin");
    auto const jane = provision("jane", "jane@contractor.example");
    for (auto const& site : {used, unused, admin_suspended}) invite(site, jane);
    ok(admin("POST", "/sites/" + used + "/users/" + jane + "/activity"));
    ok(admin("POST", "/sites/" + admin_suspended + "/users/" + jane + "/suspend"));

    auto off = set_active("jane", false);
    ASSERT_EQ(off.status, 200) << off.body;
    // The account is not Acme's to deactivate; its use of Acme's sites is.
    EXPECT_EQ(off.json().at(account_urn).at("lifecycle"), "active");
    for (auto const& site : {used, unused, admin_suspended}) EXPECT_EQ(status_on(site, jane), "suspended") << site;
    auto const shown = memberships_of(off.json());
    ASSERT_EQ(shown.size(), 3u);
    EXPECT_EQ(shown.at(used).at("status"), "suspended");
    EXPECT_EQ(shown.at(used).at("siteName"), "ext-used");
    // Repeated (Okta repeats deactivations): nothing changes.
    EXPECT_EQ(set_active("jane", false).status, 200);

    // Restored exactly as the directory suspended them; the admin's suspension stays.
    auto on = set_active("jane", true);
    ASSERT_EQ(on.status, 200) << on.body;
    EXPECT_EQ(status_on(used, jane), "active");
    EXPECT_EQ(status_on(unused, jane), "invited");
    EXPECT_EQ(status_on(admin_suspended, jane), "suspended");

    // An admin who restores a membership the directory suspended takes it over.
    EXPECT_EQ(set_active("jane", false).status, 200);
    EXPECT_EQ(ok(admin("POST", "/sites/" + unused + "/users/" + jane + "/restore")).at("status"), "invited");
    ok(admin("POST", "/sites/" + unused + "/users/" + jane + "/suspend"));
    EXPECT_EQ(set_active("jane", true).status, 200);
    EXPECT_EQ(status_on(used, jane), "active");
    EXPECT_EQ(status_on(unused, jane), "suspended");

    // PUT with active false does the same.
    auto put =
        scim("PUT", "/Users/" + ids_["jane"],
             user_body("jane", R"("active":false,"emails":[{"value":"jane@contractor.example","primary":true}])"));
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(status_on(used, jane), "suspended");
}

TEST_F(scim_site_memberships, a_managed_account_is_deactivated_and_keeps_its_memberships) {
    auto const site = new_site("managed-active");
    auto const liam = provision("liam", "liam@acme.com");
    invite(site, liam);
    auto off = set_active("liam", false);
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.json().at(account_urn).at("lifecycle"), "deactivated");
    EXPECT_EQ(status_on(site, liam), "invited");
    // DELETE deactivates a managed account; its memberships stay.
    EXPECT_EQ(scim("DELETE", "/Users/" + ids_["liam"]).status, 204);
    EXPECT_EQ(status_on(site, liam), "invited");
}

TEST_F(scim_site_memberships, delete_removes_an_external_users_memberships_of_this_organization) {
    auto const site = new_site("ext-delete");
    auto const ann = provision("ann", "ann@contractor.example");
    invite(site, ann);
    ok(admin("PUT", "/sites/" + site + "/users/" + ann + "/products/jira"));

    // Initech's site, where Ann is a user too: Acme's directory has no say there.
    auto const other = server().bootstrap("initech", "okta");
    auto const other_token = admin_token_for("initech");
    auto as_other = [&](std::string_view method, std::string const& path, std::string_view body = {}) {
        return admin_of(other.organization_id, other_token, method, path, body);
    };
    auto const theirs = as_other("POST", "/sites", R"({"name":"Initech","url":"initech-delete.example.net"})");
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto const their_site = std::string(theirs.json().at("id").as_string());
    ASSERT_EQ(as_other("POST", "/sites/" + their_site + "/users", R"({"email":"ann@contractor.example"})").status, 201);

    // Only Acme's sites are shown, and Acme's suspension stays on them.
    auto const user = scim("GET", "/Users/" + ids_["ann"]);
    EXPECT_EQ(memberships_of(user.json()).size(), 1u);
    EXPECT_EQ(set_active("ann", false).status, 200);
    EXPECT_EQ(std::string(as_other("GET", "/sites/" + their_site + "/users/" + ann).json().at("status").as_string()),
              "invited");

    EXPECT_EQ(scim("DELETE", "/Users/" + ids_["ann"]).status, 204);
    EXPECT_EQ(status_on(site, ann), "none");
    EXPECT_EQ(as_other("GET", "/sites/" + their_site + "/users/" + ann).status, 200);
    // Relinked later: the same account, not on the site until invited again, without its old access.
    EXPECT_EQ(provision("ann.again", "ann@contractor.example"), ann);
    invite(site, ann);
    EXPECT_TRUE(ok(admin("GET", "/sites/" + site + "/users/" + ann)).at("products").as_array().empty());
}

TEST_F(scim_site_memberships, site_memberships_are_shown_and_filterable) {
    auto const site = new_site("shown", R"(["jira","confluence"])");
    auto const bo = provision("bo", "bo@acme.com");
    provision("cy", "cy@acme.com");
    invite(site, bo);
    ok(admin("PUT", "/sites/" + site + "/users/" + bo + "/products/jira"));
    // A group grant (the group endpoints are another part of the admin API; seeded here).
    auto group = scim("POST", "/Groups",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName":"Writers","members":[{"value":")" +
                          ids_["bo"] + R"("}]})");
    ASSERT_EQ(group.status, 201) << group.body;
    run_sql(server().dsn(), "INSERT INTO group_product_grants (group_id, site_id, product) VALUES ('" +
                                std::string(group.json().at("id").as_string()) + "', '" + site +
                                "', 'confluence'), ('" + std::string(group.json().at("id").as_string()) + "', '" +
                                site + "', 'jira')");

    auto const user = scim("GET", "/Users/" + ids_["bo"]);
    ASSERT_EQ(user.status, 200) << user.body;
    auto const memberships = memberships_of(user.json());
    ASSERT_EQ(memberships.count(site), 1u);
    EXPECT_EQ(memberships.at(site).at("siteName"), "shown");
    EXPECT_EQ(memberships.at(site).at("status"), "invited");
    EXPECT_EQ(memberships.at(site).at("products"), (json::array{"confluence", "jira"}));
    // Listings read them for the whole page; a response that leaves them out does not show them.
    auto const listed = scim("GET", "/Users?filter=" + url_encode(R"(userName eq "bo")"));
    EXPECT_EQ(memberships_of(listed.json().at("Resources").as_array().at(0)).size(), 1u);
    auto const excluded =
        scim("GET", "/Users/" + ids_["bo"] + "?excludedAttributes=" + url_encode(account_urn + ":siteMemberships"));
    EXPECT_TRUE(memberships_of(excluded.json()).empty()) << excluded.body;
    EXPECT_TRUE(excluded.json().at(account_urn).as_object().contains("accountId"));
    auto const only =
        scim("GET", "/Users/" + ids_["bo"] + "?attributes=" + url_encode(account_urn + ":siteMemberships.status"));
    ASSERT_EQ(only.status, 200) << only.body;
    EXPECT_EQ(only.json().at(account_urn).at("siteMemberships"), (json::array{json::object{{"status", "invited"}}}))
        << only.body;

    EXPECT_EQ(count(account_urn + ":siteMemberships[site eq \"" + site + "\"]"), 1);
    EXPECT_EQ(count(account_urn + ":siteMemberships.site eq \"" + site + "\""), 1);
    EXPECT_EQ(count(account_urn + ":siteMemberships[site eq \"" + site + "\" and status eq \"invited\"]"), 1);
    EXPECT_EQ(count(account_urn + ":siteMemberships[site eq \"" + site + "\" and status eq \"active\"]"), 0);
    EXPECT_EQ(count(account_urn + R"(:siteMemberships.siteName eq "SHOWN")"), 1);
    EXPECT_EQ(count(account_urn + R"(:siteMemberships pr and userName eq "cy")"), 0);
    EXPECT_EQ(count("not (" + account_urn + R"(:siteMemberships pr) and userName eq "cy")"), 1);
    // products is multi-valued within a multi-valued attribute: not filterable.
    auto refused = scim("GET", "/Users?filter=" + url_encode(account_urn + R"(:siteMemberships.products eq "jira")"));
    expect_scim_error(refused, 400, "invalidFilter");
}

}  // namespace
}  // namespace scim::testing
