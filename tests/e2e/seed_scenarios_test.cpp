// The three admin help articles of ../shared/seeds/, each played end to end against the real
// binary over HTTPS, with a real DNS server for domain verification (DOMAIN.md, issue "the admin
// model": "each seed article's feature can be shown working through the admin API or SCIM").
//
//   managed-accounts-overview.txt  → what_are_managed_accounts (with its example table)
//   managed-account-edit.txt       → changes_to_a_managed_account
//   users-vs-managed-accounts.txt  → the_users_page_and_the_managed_accounts_page

#include <chrono>
#include <sstream>
#include <thread>

#include "admin_fixture.hpp"
#include "support/dns_server.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class seed_scenarios : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        dns_port_ = dns_server::free_port();
        start({"--dns-server", "127.0.0.1:" + std::to_string(dns_port_)});
    }

    // Adds `domain` for the organization of `token` and verifies it through DNS, the TXT record
    // served for as long as the verification takes.
    void verify_domain(std::string const& organization_id, std::string const& token, std::string const& domain) {
        auto const added =
            ok(admin_of(organization_id, token, "POST", "/domains", R"({"name":")" + domain + R"("})"), 201);
        ASSERT_FALSE(added.empty());
        dns_server dns(domain,
                       {{std::string(added.at("verification").at("name").as_string()),
                         std::string(added.at("verification").at("value").as_string())}},
                       dns_port_);
        auto const verified = ok(admin_of(organization_id, token, "POST", "/domains/" + domain + "/verify"));
        EXPECT_EQ(verified.at("state"), "verified");
    }

    std::string account_type_in_scim(std::string const& user_name) {
        auto const user = ok(scim("GET", "/Users/" + ids_.at(user_name)));
        return std::string(user.at(account_urn).at("accountType").as_string());
    }

    // A site of Acme offering jira and confluence; answers its id.
    std::string new_site(std::string const& name) {
        auto const site = ok(
            admin("POST", "/sites",
                  R"({"name":")" + name + R"(","url":")" + name + R"(.example.net","products":["jira","confluence"]})"),
            201);
        return std::string(site.at("id").as_string());
    }

    json::object site_user(std::string const& site, std::string const& account) {
        return ok(admin("GET", "/sites/" + site + "/users/" + account));
    }

    static std::vector<std::string> products_of(json::object const& user) {
        std::vector<std::string> out;
        for (auto const& p : user.at("products").as_array()) out.emplace_back(p.at("product").as_string());
        return out;
    }

    // The CSV rows whose text contains `needle`.
    static std::vector<std::string> csv_lines_with(std::string const& csv, std::string const& needle) {
        std::vector<std::string> out;
        std::istringstream lines(csv);
        for (std::string line; std::getline(lines, line);) {
            if (line.find(needle) != std::string::npos) out.push_back(line);
        }
        return out;
    }

    static inline unsigned short dns_port_ = 0;
};

// "What are managed accounts?" and its example table, played in the order an admin lives it:
// Acme verifies acme.com, which claims nothing — Liam's and Jane's acme.com accounts are
// external users of a domain verified but not claimed (the table's second row), and so is Jane
// with her gmail.com address (third row). Acme previews and makes the claim: Liam's account is
// managed (first row). A claim takes the domain whole, so Jane's acme.com account is managed
// from then on too; her gmail.com account stays external. The managed accounts page lists the
// claimed accounts only; for external users Acme manages site membership only.
TEST_F(seed_scenarios, what_are_managed_accounts) {
    // Acme's identity provider pushes Liam before Acme verifies anything: external for now.
    auto const liam = provision("liam", "liam@acme.com", R"("displayName":"Liam")");
    EXPECT_EQ(account_type_in_scim("liam"), "external");
    auto const jane_personal = provision("jane.personal", "jane@gmail.com", R"("displayName":"Jane")");

    // "To manage an Atlassian account, you have to verify the email domain to prove you own it
    // and claim the account."
    verify_domain(directory().organization_id, admin_token_, "acme.com");
    // Jane's work account appears on the verified domain, invited by an admin and then pushed
    // by the identity provider: one account, not claimed.
    auto const site = new_site("overview");
    auto const jane_work = ok(admin("POST", "/sites/" + site + "/users", R"({"email":"jane@acme.com"})"), 201);
    EXPECT_EQ(jane_work.at("accountType"), "external");
    auto const jane_at_acme = provision("jane.work", "jane@acme.com", R"("displayName":"Jane")");
    EXPECT_EQ(jane_at_acme, std::string(jane_work.at("accountId").as_string())) << "one account per address";

    // "If you don't claim an account from a verified domain, we consider this account an
    // external user to your organization": the table's second and third rows, as SCIM and the
    // admin API show them. Nothing is managed yet.
    EXPECT_EQ(account_type_in_scim("jane.work"), "external");
    EXPECT_EQ(account_type_in_scim("liam"), "external");
    EXPECT_EQ(account_type_in_scim("jane.personal"), "external");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + jane_at_acme)).at("accountType"), "external");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + jane_personal)).at("accountType"), "external");
    EXPECT_EQ(ok(admin("GET", "/managed-accounts")).at("totalResults"), 0);

    // The claim, previewed: the two acme.com accounts; then made.
    EXPECT_EQ(ok(admin("GET", "/domains/acme.com")).at("accounts").at("unclaimed"), 2);
    auto const claimed = ok(admin("POST", "/domains/acme.com/claim"));
    EXPECT_EQ(claimed.at("state"), "claimed");
    EXPECT_EQ(claimed.at("claimedAccounts"), 2);

    // "They claimed Liam's account, so Liam is a managed account": the table's first row. Jane's
    // personal address stays external: "Acme doesn't own her personal email domain."
    EXPECT_EQ(account_type_in_scim("liam"), "managed");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + liam)).at("accountType"), "managed");
    EXPECT_EQ(account_type_in_scim("jane.work"), "managed");
    EXPECT_EQ(account_type_in_scim("jane.personal"), "external");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + jane_personal)).at("accountType"), "external");

    // "View managed accounts": the claimed accounts, by address.
    auto const managed = ok(admin("GET", "/managed-accounts?filter=" + url_encode(R"(email ew "@acme.com")")));
    ASSERT_EQ(managed.at("totalResults"), 2) << managed;
    EXPECT_EQ(managed.at("accounts").at(0).at("id"), json::value(jane_at_acme));
    EXPECT_EQ(managed.at("accounts").at(1).at("id"), json::value(liam));

    // "As an admin, you can invite them to your apps and remove them when they no longer need
    // access, but you can't update their account details or delete their account."
    ok(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + jane_personal + R"("})"), 201);
    EXPECT_EQ(admin("DELETE", "/sites/" + site + "/users/" + jane_personal).status, 204);
    expect_admin_error(admin("PATCH", "/accounts/" + jane_personal, R"({"jobTitle":"Contractor"})"), 403, "forbidden");
    expect_admin_error(admin("POST", "/accounts/" + jane_personal + "/delete"), 403, "forbidden");
    expect_admin_error(admin("POST", "/accounts/" + jane_personal + "/deactivate"), 403, "forbidden");
}

// "Make changes to a managed user account": edit name, job title, department and location;
// change the email (verified by its owner, the old address in force until then; a domain Acme
// has not verified takes the account out of Acme); product access; two-step verification
// exclusion where a policy enforces it; two-step enrolment and the recently used devices, as the
// login service reports them; password reset; API tokens; deactivate and delete. Synced fields
// stay the identity provider's.
TEST_F(seed_scenarios, changes_to_a_managed_account) {
    seed_verified_domain(directory().organization_id, "edit.example");
    auto const site = new_site("edits");
    // Ann is invited by email on the verified domain: managed at creation, not synced.
    auto const invited = ok(admin("POST", "/sites/" + site + "/users", R"({"email":"ann@edit.example"})"), 201);
    auto const ann = std::string(invited.at("accountId").as_string());
    EXPECT_EQ(invited.at("accountType"), "managed");

    // "If a managed account hasn't verified their email address, you're unable to make changes
    // to their account. You can resend a verification email." The change it stops is the
    // address's; her details are the organization's to edit (docs/accounts.md "What the address
    // verification guards").
    expect_admin_error(admin("POST", "/accounts/" + ann + "/email", R"({"email":"ann.smith@edit.example"})"), 409,
                       "conflict");
    auto edited =
        ok(admin("PATCH", "/accounts/" + ann,
                 R"({"displayName":"Ann Smith","jobTitle":"Engineer","department":"R&D","location":"Lyon"})"));
    EXPECT_EQ(edited.at("displayName"), "Ann Smith");
    EXPECT_EQ(edited.at("jobTitle"), "Engineer");
    EXPECT_EQ(edited.at("department"), "R&D");
    EXPECT_EQ(edited.at("location"), "Lyon");
    EXPECT_EQ(edited.at("synced"), false);
    verify_address(ann, "ann@edit.example");

    // A synced account's IdP-owned fields are refused, naming the directory.
    auto const bo = provision("bo", "bo@edit.example");
    auto const locked = admin("PATCH", "/accounts/" + bo, R"({"jobTitle":"Boss"})");
    expect_admin_error(locked, 403, "forbidden");
    EXPECT_NE(locked.body.find("okta"), std::string::npos) << locked.body;
    // "To delete or deactivate an account": whether Bo is active is his identity provider's, so
    // he is deleted once it has deactivated him (docs/accounts.md "The sync lock, action by action").
    expect_admin_error(admin("POST", "/accounts/" + bo + "/delete"), 403, "forbidden");
    ASSERT_EQ(scim("PATCH", "/Users/" + ids_["bo"],
                   R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)"
                   R"({"op":"replace","value":{"active":false}}]})")
                  .status,
              200);
    EXPECT_EQ(ok(admin("POST", "/accounts/" + bo + "/delete")).at("lifecycle"), "pending_deletion");

    // Email change: pending until verified, the original address still in force.
    auto const pending = ok(admin("POST", "/accounts/" + ann + "/email", R"({"email":"ann.smith@edit.example"})"), 202);
    EXPECT_EQ(pending.at("pendingEmail"), "ann.smith@edit.example");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + ann)).at("email"), "ann@edit.example");
    ok(confirm(mailed_token("ann.smith@edit.example")));
    auto const after = ok(admin("GET", "/accounts/" + ann));
    EXPECT_EQ(after.at("email"), "ann.smith@edit.example");
    EXPECT_EQ(after.at("emailVerified"), true);
    EXPECT_EQ(after.at("accountType"), "managed");

    // "Each user's managed account lists all the products they can access in the Product
    // access table": the account page shows each site and what it reaches there.
    ok(admin("PUT", "/sites/" + site + "/users/" + ann + "/products/jira"));
    EXPECT_EQ(products_of(site_user(site, ann)), std::vector<std::string>{"jira"});
    auto const page = ok(admin("GET", "/accounts/" + ann));
    ASSERT_EQ(page.at("siteMemberships").as_array().size(), 1u) << page;
    EXPECT_EQ(page.at("siteMemberships").at(0).at("siteName"), "edits");
    EXPECT_EQ(page.at("siteMemberships").at(0).at("products"), json::array{"jira"});

    // Security: "If your organization enforces two-step verification, you can temporarily
    // exclude a user from being required to log in with a second step" — not before it does.
    std::string const until = R"({"until":"2030-01-31T00:00:00Z"})";
    expect_admin_error(admin("POST", "/accounts/" + ann + "/two-step-exclusion", until), 409, "conflict");
    auto const enforcing =
        ok(admin("POST", "/policies", R"({"name":"Edits two-step","type":"billable","twoStepRequired":true})"), 201);
    ok(admin("PUT", "/policies/" + std::string(enforcing.at("id").as_string()) + "/accounts/" + ann));
    auto const excluded = ok(admin("POST", "/accounts/" + ann + "/two-step-exclusion", until));
    EXPECT_EQ(excluded.at("twoStepVerification").at("excludedUntil"), "2030-01-31T00:00:00.000Z");
    // "Check the status of Two-step verification": the login service reports the enrolment
    // through its hook (docs/login-hook.md).
    ok(admin("PUT", "/accounts/" + ann + "/two-step-verification", R"({"enrolled":true})"));
    EXPECT_EQ(ok(admin("GET", "/accounts/" + ann)).at("twoStepVerification").at("enrolled"), true);
    // "View and administer recently used devices": the login service reports a sign-in, the
    // admin sees the device and signs it out, and the login service reads the sign-out.
    auto const feed = std::string(ok(admin("GET", "/device-sign-outs")).at("cursor").as_string());
    ok(admin("POST", "/accounts/" + ann + "/sign-ins",
             R"({"deviceId":"ann-laptop","address":"192.0.2.10","userAgent":"Mozilla/5.0 Firefox/128.0"})"));
    auto const devices = ok(admin("GET", "/accounts/" + ann + "/devices")).at("devices").as_array();
    ASSERT_EQ(devices.size(), 1u) << devices;
    EXPECT_EQ(devices.at(0).at("userAgent"), "Mozilla/5.0 Firefox/128.0");
    auto const device = std::string(devices.at(0).at("id").as_string());
    EXPECT_TRUE(
        ok(admin("POST", "/accounts/" + ann + "/devices/" + device + "/sign-out")).at("signedOutAt").is_string());
    // (A sign-out is held back while an older transaction runs anywhere in the cluster, such as
    // a periodic task's or, in CI, another test's on its own database: up to 10 s.)
    json::array signed_out;
    for (int attempt = 0; attempt < 500 && signed_out.empty(); ++attempt) {
        if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        signed_out = ok(admin("GET", "/device-sign-outs?cursor=" + url_encode(feed))).at("signOuts").as_array();
    }
    ASSERT_EQ(signed_out.size(), 1u) << signed_out;
    EXPECT_EQ(signed_out.at(0).at("deviceId"), "ann-laptop");
    EXPECT_EQ(admin("POST", "/accounts/" + ann + "/require-password-reset").status, 204);
    EXPECT_EQ(ok(admin("GET", "/accounts/" + ann)).at("passwordResetRequired"), true);
    // The user is told (docs/mail.md): a message waits in the outbox for the mail sender.
    EXPECT_EQ(ok(admin("GET", "/outbox?account=" + ann)).at("messages").at(0).at("kind"), "password_reset");

    // API tokens the user created: listed without secrets, revoked.
    auto const created =
        run_scimd({"api-token", "--db", server().dsn(), "--email", "ann.smith@edit.example", "--label", "ci"});
    ASSERT_EQ(created.exit_status, 0) << created.stderr_text;
    auto const token_id = std::string(json::parse(created.stdout_text).at("id").as_string());
    auto const tokens = ok(admin("GET", "/accounts/" + ann + "/api-tokens"));
    ASSERT_EQ(tokens.at("tokens").as_array().size(), 1u);
    EXPECT_EQ(tokens.at("tokens").at(0).at("label"), "ci");
    EXPECT_EQ(tokens.at("tokens").at(0).at("revoked"), nullptr);
    EXPECT_EQ(tokens.at("tokens").at(0).as_object().count("token"), 0u);
    EXPECT_EQ(admin("DELETE", "/accounts/" + ann + "/api-tokens/" + token_id).status, 204);
    EXPECT_TRUE(ok(admin("GET", "/accounts/" + ann + "/api-tokens")).at("tokens").at(0).at("revoked").is_string());

    // Deactivate, reactivate, delete with a grace period, cancel the deletion.
    EXPECT_EQ(ok(admin("POST", "/accounts/" + ann + "/deactivate")).at("lifecycle"), "deactivated");
    EXPECT_EQ(ok(admin("POST", "/accounts/" + ann + "/reactivate")).at("lifecycle"), "active");
    auto const deleting = ok(admin("POST", "/accounts/" + ann + "/delete"));
    EXPECT_EQ(deleting.at("lifecycle"), "pending_deletion");
    EXPECT_TRUE(deleting.at("deletionDueAt").is_string());
    EXPECT_EQ(ok(admin("POST", "/accounts/" + ann + "/cancel-deletion")).at("lifecycle"), "deactivated");
    ok(admin("POST", "/accounts/" + ann + "/reactivate"));

    // "If the email address has a domain you haven't verified, we'll remove this account from
    // your organization": once its owner verifies it, the account is an external user.
    ok(admin("POST", "/accounts/" + ann + "/email", R"({"email":"ann@home.example"})"), 202);
    EXPECT_EQ(ok(confirm(mailed_token("ann@home.example"))).at("accountType"), "external");
    // Still one account, still on the site (as an external user), no longer managed.
    EXPECT_EQ(site_user(site, ann).at("accountType"), "external");
    auto const still_managed =
        ok(admin("GET", "/managed-accounts?filter=" + url_encode(R"(email eq "ann@home.example")")));
    EXPECT_EQ(still_managed.at("totalResults"), 0);
}

// "What is the difference between Users Page and Managed accounts Page?": a claimed account is
// not on a site until invited; the Users page shows managed and external users with status
// and last active; product access and group membership are assigned there; suspend keeps them
// configured, remove revokes them; deactivation is the managed accounts page's and only for
// managed accounts; each page has its export.
TEST_F(seed_scenarios, the_users_page_and_the_managed_accounts_page) {
    seed_verified_domain(directory().organization_id, "pages.example");
    auto const site = new_site("pages");
    auto const mia = provision("mia", "mia@pages.example", R"("displayName":"Mia")");
    auto const sam = provision("sam", "sam@elsewhere.example", R"("displayName":"Sam")");

    // "I have claimed an account but don't see it under Users Page."
    EXPECT_EQ(ok(admin("GET", "/sites/" + site + "/users")).at("totalResults"), 0);
    auto const by_email = ok(admin("GET", "/managed-accounts?filter=" + url_encode(R"(email eq "mia@pages.example")")));
    EXPECT_EQ(by_email.at("totalResults"), 1);

    // Invite both (managed and external); the site reports Mia's use.
    ok(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + mia + R"("})"), 201);
    ok(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + sam + R"("})"), 201);
    auto const active = ok(admin("POST", "/sites/" + site + "/users/" + mia + "/activity"));
    EXPECT_EQ(active.at("status"), "active");
    EXPECT_TRUE(active.at("lastActiveOnSite").is_string());
    auto const users = ok(admin("GET", "/sites/" + site + "/users"));
    EXPECT_EQ(users.at("totalResults"), 2);
    EXPECT_EQ(site_user(site, sam).at("status"), "invited");
    EXPECT_EQ(site_user(site, sam).at("accountType"), "external");

    // "The Users page lists all the accounts that are "Active", "Invited", or "Suspended" for the
    // Atlassian Sites you have under your organization", with the "Total number of Users invited
    // to your site(s)" and the "Active users" (here of this site among the organization's).
    auto const users_page = ok(admin("GET", "/users?site=" + site));
    EXPECT_EQ(users_page.at("totalResults"), 2);
    EXPECT_EQ(users_page.at("counts").at("invited"), 1);
    EXPECT_EQ(users_page.at("counts").at("active"), 1);
    EXPECT_EQ(
        ok(admin("GET", "/users?status=active&site=" + site)).at("users").as_array().at(0).at("accountId").as_string(),
        mia);

    // "Option to assign product access and group membership": jira directly, confluence
    // through an admin group's grant.
    ok(admin("PUT", "/sites/" + site + "/users/" + sam + "/products/jira"));
    auto const writers = ok(admin("POST", "/groups", R"({"displayName":"Writers"})"), 201);
    auto const group = std::string(writers.at("id").as_string());
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/sites/" + site + "/products/confluence").status, 204);
    EXPECT_EQ(admin("PUT", "/groups/" + group + "/members/" + sam).status, 204);
    EXPECT_EQ(products_of(site_user(site, sam)), (std::vector<std::string>{"confluence", "jira"}));

    // Suspend: "The product access and group membership remains as configured".
    EXPECT_EQ(ok(admin("POST", "/sites/" + site + "/users/" + sam + "/suspend")).at("status"), "suspended");
    EXPECT_EQ(products_of(site_user(site, sam)), (std::vector<std::string>{"confluence", "jira"}));
    EXPECT_EQ(ok(admin("GET", "/groups/" + group)).at("memberCount"), 1);
    EXPECT_EQ(ok(admin("POST", "/sites/" + site + "/users/" + sam + "/restore")).at("status"), "invited");

    // The Users page export lists both, with product access and groups.
    auto const site_csv = admin("GET", "/exports/sites/" + site + "/users");
    ASSERT_EQ(site_csv.status, 200) << site_csv.body;
    EXPECT_EQ(site_csv.header("content-type"), "text/csv; charset=utf-8");
    auto const sam_rows = csv_lines_with(site_csv.body, "sam@elsewhere.example");
    ASSERT_EQ(sam_rows.size(), 1u) << site_csv.body;
    EXPECT_NE(sam_rows[0].find("external"), std::string::npos) << sam_rows[0];
    EXPECT_NE(sam_rows[0].find("Writers"), std::string::npos) << sam_rows[0];
    EXPECT_EQ(csv_lines_with(site_csv.body, "mia@pages.example").size(), 1u);

    // The managed accounts page shows "Product Access of your managed accounts" on each row.
    ok(admin("PUT", "/sites/" + site + "/users/" + mia + "/products/jira"));
    auto const mia_row = [&] {
        auto const page = ok(admin("GET", "/managed-accounts?filter=" + url_encode(R"(email eq "mia@pages.example")")));
        return page.at("accounts").as_array().at(0).at("productAccess");
    };
    EXPECT_EQ(mia_row(),
              (json::array{json::object{{"product", "jira"},
                                        {"sites", json::array{json::object{{"id", site}, {"name", "pages"}}}}}}));

    // Remove: the account leaves the site with its product access; it stays managed.
    EXPECT_EQ(admin("DELETE", "/sites/" + site + "/users/" + mia).status, 204);
    EXPECT_EQ(admin("GET", "/sites/" + site + "/users/" + mia).status, 404);
    EXPECT_EQ(ok(admin("GET", "/accounts/" + mia)).at("accountType"), "managed");
    EXPECT_EQ(mia_row(), json::array{});

    // "When an admin Removes user from a site, account no longer remains part of site and is
    // completely removed from the site including its product access and group memberships. In
    // order to give access to this account again, it needs to be invited back to site."
    EXPECT_EQ(admin("DELETE", "/sites/" + site + "/users/" + sam).status, 204);
    EXPECT_EQ(ok(admin("GET", "/groups/" + group)).at("memberCount"), 0);
    auto const invited_back = ok(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + sam + R"("})"), 201);
    EXPECT_EQ(invited_back.at("status"), "invited");
    EXPECT_TRUE(invited_back.at("products").as_array().empty()) << invited_back;

    // Deactivation is an account-level action of the managed accounts page: Mia is synced, so
    // her identity provider deactivates her; Sam is not Acme's to deactivate.
    EXPECT_EQ(
        ok(scim(
               "PATCH", "/Users/" + ids_.at("mia"),
               R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]})"))
            .at(account_urn)
            .at("lifecycle"),
        "deactivated");
    expect_admin_error(admin("POST", "/accounts/" + sam + "/deactivate"), 403, "forbidden");

    // The managed accounts page: its summary and its export, Mia deactivated, Sam absent.
    auto const summary = ok(admin("GET", "/managed-accounts/summary"));
    EXPECT_GE(summary.at("deactivated").as_int64(), 1);
    EXPECT_TRUE(summary.at("secureLoginPercent").is_int64()) << summary;  // a whole percent
    auto const managed_csv = admin("GET", "/exports/managed-accounts");
    ASSERT_EQ(managed_csv.status, 200) << managed_csv.body;
    EXPECT_EQ(
        managed_csv.body.rfind("Name,Email,Last active,Status,Billable,Policy name,Policy type,SAML single sign-on,"
                               "Two-step verification,Password requirements,Idle session duration",
                               0),
        0u)
        << managed_csv.body.substr(0, 300);
    auto const mia_rows = csv_lines_with(managed_csv.body, "mia@pages.example");
    ASSERT_EQ(mia_rows.size(), 1u) << managed_csv.body;
    EXPECT_NE(mia_rows[0].find("deactivated"), std::string::npos) << mia_rows[0];
    EXPECT_TRUE(csv_lines_with(managed_csv.body, "sam@elsewhere.example").empty());
}

}  // namespace
}  // namespace scim::testing
