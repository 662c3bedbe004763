// The two CSV exports against the real binary: the managed accounts export's columns and
// values (policy, billable, the sites each product is reached on), the site users export
// (managed and external members, product access directly or through groups, group names),
// RFC 4180 quoting, a formula in a display name defused end to end, the body streamed in
// chunks, another organization's site answering 404, and the cap on exports running at once.

#include <chrono>
#include <map>
#include <thread>

#include "admin_fixture.hpp"
#include "csv_reading.hpp"
#include "scim/core/crypto.hpp"
#include "support/slow_download.hpp"

namespace scim::testing {
namespace {

class admin_exports : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }

    static void sql(std::string const& statement) { run_sql(server().dsn(), statement); }

    // A site of `organization_id` offering `products` (another helper owns the site endpoints).
    static std::string seed_site(std::string const& organization_id, std::string const& name,
                                 std::vector<std::string> const& products) {
        auto const id = core::random_uuid();
        sql("INSERT INTO sites (id, organization_id, name, url) VALUES ('" + id + "', '" + organization_id + "', '" +
            name + "', '" + id + ".sites.example')");
        for (auto const& p : products)
            sql("INSERT INTO site_products (site_id, product) VALUES ('" + id + "', '" + p + "')");
        return id;
    }
    static void seed_member(std::string const& site, std::string const& account, std::string const& status,
                            std::string const& last_active = "NULL") {
        sql("INSERT INTO site_memberships (site_id, account_id, status, joined_at, last_active_at) VALUES ('" + site +
            "', '" + account + "', '" + status + "', " + (status == "invited" ? "NULL" : "now()") + ", " + last_active +
            ")");
    }
    static void seed_access(std::string const& site, std::string const& account, std::string const& product) {
        sql("INSERT INTO site_product_access (site_id, account_id, product) VALUES ('" + site + "', '" + account +
            "', '" + product + "')");
    }
    // An admin-kept group (no directory) holding `account`.
    static std::string seed_kept_group(std::string const& organization_id, std::string const& name,
                                       std::string const& account) {
        auto const id = core::random_uuid();
        sql("INSERT INTO scim_groups (id, organization_id, directory_id, display_name, attributes) VALUES ('" + id +
            "', '" + organization_id + "', NULL, '" + name + "', '{}')");
        sql("INSERT INTO group_account_members (group_id, account_id) VALUES ('" + id + "', '" + account + "')");
        return id;
    }
    static void seed_grant(std::string const& group, std::string const& site, std::string const& product) {
        sql("INSERT INTO group_product_grants (group_id, site_id, product) VALUES ('" + group + "', '" + site + "', '" +
            product + "')");
    }

    http_reply download(std::string const& path, std::string const& token = admin_token_) {
        try {
            return admin("GET", "/exports" + path, {}, token);
        } catch (std::exception const&) {
            ADD_FAILURE() << server().stderr_text();
            throw;
        }
    }
};

TEST_F(admin_exports, the_managed_accounts_export) {
    auto const org = directory().organization_id;
    auto const liam = provision("liam", "liam@acme.com", R"("displayName":"Smith, Liam \"the boss\"")");
    auto const eve =
        provision("eve", "eve@acme.com", R"j("displayName":"=HYPERLINK(\"http://evil.example\",\"click\")")j");
    auto const mia = provision("mia", "mia@acme.com", R"("displayName":"Mia")");
    auto const ext = provision("ext", "ext@elsewhere.example", R"("displayName":"Ext")");
    sql("UPDATE accounts SET lifecycle = 'deactivated', two_step_enrolled = true, last_active_at = "
        "'2026-11-01T10:00:00Z' "
        "WHERE id = '" +
        mia + "'");

    auto const jira_site = seed_site(org, "Acme Jira", {"jira", "confluence"});
    auto const wiki_site = seed_site(org, "Acme Wiki", {"confluence", "=cmd"});
    seed_member(jira_site, liam, "active");
    seed_access(jira_site, liam, "jira");
    seed_member(wiki_site, liam, "invited");
    auto const writers = seed_kept_group(org, "Writers", liam);
    seed_grant(writers, jira_site, "confluence");
    seed_grant(writers, wiki_site, "confluence");
    // A suspended membership blocks use: no product is reached through it.
    seed_member(jira_site, mia, "suspended");
    seed_access(jira_site, mia, "jira");
    seed_member(jira_site, ext, "active");
    seed_access(jira_site, ext, "jira");

    auto const contractors =
        ok(admin("POST", "/policies",
                 R"({"name":"Contractors","type":"nonbillable","samlSso":true,"twoStepRequired":true,)"
                 R"("passwordRequirements":{"minimumLength":12,"expiryDays":90},"idleSessionMinutes":480})"),
           201);
    ok(admin("PUT", "/policies/" + std::string(contractors.at("id").as_string()) + "/accounts/" + eve));

    auto const reply = download("/managed-accounts");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(reply.header("Content-Disposition"), "attachment; filename=\"managed-accounts.csv\"");
    EXPECT_EQ(reply.header("Transfer-Encoding"), "chunked");
    EXPECT_GE(reply.chunks, 1u);

    auto const rows = parse_csv(reply.body);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front(), (std::vector<std::string>{"Name", "Email", "Last active", "Status", "Billable",
                                                      "Policy name", "Policy type", "SAML single sign-on",
                                                      "Two-step verification", "Password requirements",
                                                      "Idle session duration", "'=cmd", "confluence", "jira"}));
    auto records = by_column(rows, "Email");
    EXPECT_EQ(records.count("ext@elsewhere.example"), 0u) << "an external user is not a managed account";
    ASSERT_EQ(records.count("liam@acme.com"), 1u);
    auto& l = records["liam@acme.com"];
    EXPECT_EQ(l["Name"], "Smith, Liam \"the boss\"");
    EXPECT_EQ(l["Last active"], "");
    EXPECT_EQ(l["Status"], "active");
    EXPECT_EQ(l["Billable"], "Yes");
    EXPECT_EQ(l["Policy name"], "Default policy");
    EXPECT_EQ(l["Policy type"], "billable");
    EXPECT_EQ(l["SAML single sign-on"], "No");
    EXPECT_EQ(l["Two-step verification"], "Not enrolled");
    EXPECT_EQ(l["Password requirements"], "Minimum 8 characters, never expire");
    EXPECT_EQ(l["Idle session duration"], "30 days");
    EXPECT_EQ(l["jira"], "Acme Jira");
    EXPECT_EQ(l["confluence"], "Acme Jira; Acme Wiki");
    EXPECT_EQ(l["'=cmd"], "");

    auto& e = records["eve@acme.com"];
    // The formula arrives as text: a spreadsheet shows it and does not run it.
    EXPECT_EQ(e["Name"], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    EXPECT_EQ(e["Policy name"], "Contractors");
    EXPECT_EQ(e["Policy type"], "nonbillable");
    EXPECT_EQ(e["Billable"], "No");
    EXPECT_EQ(e["SAML single sign-on"], "Yes");
    EXPECT_EQ(e["Two-step verification"], "Required; Not enrolled");
    EXPECT_EQ(e["Password requirements"], "Minimum 12 characters, expire every 90 days");
    EXPECT_EQ(e["Idle session duration"], "8 hours");
    EXPECT_NE(reply.body.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), std::string::npos);

    auto& m = records["mia@acme.com"];
    EXPECT_EQ(m["Status"], "deactivated");
    EXPECT_EQ(m["Billable"], "No");
    EXPECT_EQ(m["Last active"], "2026-11-01T10:00:00.000Z");
    EXPECT_EQ(m["Two-step verification"], "Enrolled");
    EXPECT_EQ(m["jira"], "");

    // Sorted by email.
    std::vector<std::string> emails;
    for (std::size_t r = 1; r < rows.size(); ++r) emails.push_back(rows[r][1]);
    EXPECT_TRUE(std::is_sorted(emails.begin(), emails.end()));

    // The site users export of the same data.
    auto const site_reply = download("/sites/" + jira_site + "/users");
    ASSERT_EQ(site_reply.status, 200) << site_reply.body;
    EXPECT_EQ(site_reply.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(site_reply.header("Content-Disposition"), "attachment; filename=\"site-users-" + jira_site + ".csv\"");
    EXPECT_EQ(site_reply.header("Transfer-Encoding"), "chunked");
    auto const site_rows = parse_csv(site_reply.body);
    ASSERT_FALSE(site_rows.empty());
    EXPECT_EQ(site_rows.front(), (std::vector<std::string>{"Name", "Email", "Account type", "Status on site",
                                                           "Last active on site", "confluence", "jira", "Groups"}));
    auto members = by_column(site_rows, "Email");
    EXPECT_EQ(members.size(), 3u);
    EXPECT_EQ(members["liam@acme.com"]["Account type"], "managed");
    EXPECT_EQ(members["liam@acme.com"]["Status on site"], "active");
    EXPECT_EQ(members["liam@acme.com"]["jira"], "Yes");
    EXPECT_EQ(members["liam@acme.com"]["confluence"], "Yes (via Writers)");
    EXPECT_EQ(members["liam@acme.com"]["Groups"], "Writers");
    EXPECT_EQ(members["ext@elsewhere.example"]["Account type"], "external");
    EXPECT_EQ(members["ext@elsewhere.example"]["jira"], "Yes");
    EXPECT_EQ(members["ext@elsewhere.example"]["confluence"], "No");
    EXPECT_EQ(members["ext@elsewhere.example"]["Groups"], "");
    EXPECT_EQ(members["mia@acme.com"]["Status on site"], "suspended");
    EXPECT_EQ(members["mia@acme.com"]["jira"], "Yes");  // configured, blocked while suspended
}

TEST_F(admin_exports, the_site_users_export_names_the_groups_that_grant_access) {
    auto const org = directory().organization_id;
    auto const ann = provision("ann", "ann@acme.com", R"("displayName":"Ann")");
    auto const site = seed_site(org, "Support desk", {"jira", "servicedesk"});
    seed_member(site, ann, "active", "'2026-11-20T08:30:00Z'");
    seed_access(site, ann, "jira");
    // A synced group (pushed by the directory) and an admin-kept one, both granting jira.
    auto const group = scim("POST", "/Groups",
                            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"-Support",)"
                            R"("members":[{"value":")" +
                                ids_["ann"] + R"("}]})");
    ASSERT_EQ(group.status, 201) << group.body;
    auto const synced = std::string(group.json().at("id").as_string());
    auto const kept = seed_kept_group(org, "agents", ann);
    seed_grant(synced, site, "jira");
    seed_grant(kept, site, "jira");
    seed_grant(kept, site, "servicedesk");

    auto const reply = download("/sites/" + site + "/users");
    ASSERT_EQ(reply.status, 200) << reply.body;
    auto members = by_column(parse_csv(reply.body), "Email");
    ASSERT_EQ(members.size(), 1u);
    auto& a = members["ann@acme.com"];
    EXPECT_EQ(a["Last active on site"], "2026-11-20T08:30:00.000Z");
    EXPECT_EQ(a["jira"], "Yes (direct; via -Support; agents)");
    EXPECT_EQ(a["servicedesk"], "Yes (via agents)");
    // A group name that starts like a formula is defused where it starts the field.
    EXPECT_EQ(a["Groups"], "'-Support; agents");
}

TEST_F(admin_exports, a_large_export_is_streamed_in_several_chunks) {
    auto const bulk = server().bootstrap("bulk-exports", "okta");
    auto const token = admin_token_for("bulk-exports");
    sql("INSERT INTO accounts (id, email, claimed_by) SELECT gen_random_uuid(), 'user' || lpad(i::text, 5, '0') || "
        "'@bulk.example', '" +
        bulk.organization_id + "' FROM generate_series(1, 1201) AS i");
    auto const reply =
        client().request("GET", "/admin/organizations/" + bulk.organization_id + "/exports/managed-accounts", {},
                         {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("Transfer-Encoding"), "chunked");
    EXPECT_EQ(reply.chunks, 3u);  // 500 rows a chunk, the header with the first
    auto const rows = parse_csv(reply.body);
    ASSERT_EQ(rows.size(), 1202u);
    EXPECT_EQ(rows[1][1], "user00001@bulk.example");
    EXPECT_EQ(rows[1201][1], "user01201@bulk.example");
}

TEST_F(admin_exports, another_organizations_site_is_not_found) {
    auto const other = server().bootstrap("globex-exports", "okta");
    auto const theirs = seed_site(other.organization_id, "Globex Jira", {"jira"});
    expect_admin_error(download("/sites/" + theirs + "/users"), 404, "not_found");
    expect_admin_error(download("/sites/" + core::random_uuid() + "/users"), 404, "not_found");
    expect_admin_error(download("/sites/not-a-site/users"), 404, "not_found");
    // acme's token does not open globex's exports.
    auto const refused =
        client().request("GET", "/admin/organizations/" + other.organization_id + "/exports/managed-accounts", {},
                         {{"Authorization", "Bearer " + admin_token_}});
    EXPECT_EQ(refused.status, 401);
}

// Each running export holds a database connection until its last row: with
// --max-concurrent-exports 1, a second export waits its turn (503 + Retry-After) while the first
// one's client is slow, and gets its place once that client is gone.
TEST(export_limit, one_more_export_than_allowed_is_told_to_come_back) {
    own_admin_server own({"--max-concurrent-exports", "1"});
    run_sql(own.server.dsn(),
            "INSERT INTO accounts (id, email, claimed_by) SELECT gen_random_uuid(), 'user' || i || "
            "'@bulk.example', '" +
                own.tenant.organization_id + "' FROM generate_series(1, 100000) AS i");
    auto const target = "/admin/organizations/" + own.tenant.organization_id + "/exports/managed-accounts";
    {
        slow_download slow(own.server.port(), target, own.admin_token);
        ASSERT_TRUE(slow.head().starts_with("HTTP/1.1 200 OK\r\n"));
        auto const second = own.admin("GET", "/exports/managed-accounts");
        EXPECT_EQ(second.status, 503) << second.body.substr(0, 200);
        EXPECT_EQ(second.header("retry-after"), "10");
    }
    // The slow client hung up: its export ends and frees its place.
    int status = 0;
    for (int i = 0; i < 200 && status != 200; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = own.admin("GET", "/exports/managed-accounts").status;
    }
    EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace scim::testing
