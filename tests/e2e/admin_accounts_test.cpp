// Accounts through the admin API against the real binary (the seed's "Managed accounts" page
// and "Edit a managed account"): detail, the sync lock naming the directory, the lifecycle
// with its grace period, external users left alone, the managed accounts list and summary,
// two-step exclusion and password resets; nothing of another organization is visible.

#include <algorithm>
#include <thread>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_accounts : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }
};

TEST_F(admin_accounts, a_synced_managed_account_is_locked_where_the_identity_provider_owns_it) {
    auto const liam = provision("liam", "liam@acme.com", R"("displayName":"Liam","title":"Engineer")");
    auto detail = ok(admin("GET", "/accounts/" + liam));
    EXPECT_EQ(detail.at("accountType"), "managed");
    EXPECT_EQ(detail.at("displayName"), "Liam");
    EXPECT_EQ(detail.at("jobTitle"), "Engineer");
    EXPECT_EQ(detail.at("synced"), true);
    EXPECT_EQ(detail.at("syncedBy").at("name"), "okta");

    // The identity provider owns the name and the active state: refused, naming the directory.
    auto refused = admin("PATCH", "/accounts/" + liam, R"({"displayName":"Not Liam"})");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("okta"), std::string::npos) << refused.body;
    EXPECT_EQ(admin("POST", "/accounts/" + liam + "/deactivate").status, 403);
    // What it does not own is the admin's, though Liam has not verified his address: the
    // verification guards the address (docs/accounts.md "What the address verification guards").
    EXPECT_EQ(detail.at("emailVerified"), false);
    EXPECT_EQ(
        ok(admin("PATCH", "/accounts/" + liam, R"({"pictureUrl":"https://x.example/liam.png"})")).at("displayName"),
        "Liam");
    verify_address(liam, "liam@acme.com");
    expect_admin_error(admin("POST", "/accounts/" + liam + "/address-verification"), 409, "conflict");
    EXPECT_EQ(admin("PATCH", "/accounts/" + liam, R"({"shoeSize":"42"})").status, 400);
}

TEST_F(admin_accounts, the_lifecycle_of_a_managed_account) {
    // Provisioned, then unlinked: still managed (claimed), no longer synced, deactivated.
    auto const max = provision("max", "max@acme.com");
    EXPECT_EQ(scim("DELETE", "/Users/" + ids_["max"]).status, 204);
    auto detail = ok(admin("GET", "/accounts/" + max));
    EXPECT_EQ(detail.at("synced"), false);
    EXPECT_EQ(detail.at("lifecycle"), "deactivated");

    EXPECT_EQ(ok(admin("POST", "/accounts/" + max + "/reactivate")).at("lifecycle"), "active");
    verify_address(max, "max@acme.com");
    EXPECT_EQ(ok(admin("PATCH", "/accounts/" + max, R"({"displayName":"Max","jobTitle":null})")).at("displayName"),
              "Max");
    EXPECT_EQ(ok(admin("POST", "/accounts/" + max + "/deactivate")).at("lifecycle"), "deactivated");
    auto deleting = ok(admin("POST", "/accounts/" + max + "/delete"));
    EXPECT_EQ(deleting.at("lifecycle"), "pending_deletion");
    EXPECT_TRUE(deleting.at("deletionDueAt").is_string());
    // Reactivating needs the deletion cancelled first; cancelling leaves it deactivated.
    auto conflict = admin("POST", "/accounts/" + max + "/reactivate");
    EXPECT_EQ(conflict.status, 409) << conflict.body;
    auto cancelled = ok(admin("POST", "/accounts/" + max + "/cancel-deletion"));
    EXPECT_EQ(cancelled.at("lifecycle"), "deactivated");
    EXPECT_TRUE(cancelled.at("deletionDueAt").is_null());

    // An exclusion from two-step verification needs a policy that enforces it.
    auto const enforcing = ok(
        admin("POST", "/policies", R"({"name":"Lifecycle two-step","type":"billable","twoStepRequired":true})"), 201);
    ok(admin("PUT", "/policies/" + std::string(enforcing.at("id").as_string()) + "/accounts/" + max));
    auto excluded =
        ok(admin("POST", "/accounts/" + max + "/two-step-exclusion", R"({"until":"2030-01-31T00:00:00Z"})"));
    EXPECT_EQ(excluded.at("twoStepVerification").at("excludedUntil"), "2030-01-31T00:00:00.000Z");
    EXPECT_TRUE(ok(admin("POST", "/accounts/" + max + "/two-step-exclusion", R"({"until":null})"))
                    .at("twoStepVerification")
                    .at("excludedUntil")
                    .is_null());
    EXPECT_EQ(admin("POST", "/accounts/" + max + "/require-password-reset").status, 204);
}

TEST_F(admin_accounts, an_external_user_is_left_to_its_owner) {
    auto const jane = provision("jane", "jane@gmail.com");
    auto detail = ok(admin("GET", "/accounts/" + jane));
    EXPECT_EQ(detail.at("accountType"), "external");
    for (auto const* action : {"/deactivate", "/delete", "/require-password-reset"}) {
        auto refused = admin("POST", "/accounts/" + jane + action);
        EXPECT_EQ(refused.status, 403) << action << ": " << refused.body;
        EXPECT_NE(refused.body.find("external"), std::string::npos) << refused.body;
    }
    EXPECT_EQ(admin("PATCH", "/accounts/" + jane, R"({"pictureUrl":"x"})").status, 403);
}

TEST_F(admin_accounts, the_managed_accounts_list_and_summary) {
    provision("list.one", "one@acme.com");
    provision("list.two", "two@acme.com");
    provision("list.external", "someone@elsewhere.example");
    auto const summary = ok(admin("GET", "/managed-accounts/summary"));
    auto const total = summary.at("total").as_int64();
    EXPECT_GE(total, 2);
    EXPECT_EQ(summary.at("secureLoginPercent"), 0);
    auto const page = ok(admin("GET", "/managed-accounts?startIndex=1&count=500"));
    EXPECT_EQ(page.at("totalResults").as_int64(), total);
    std::size_t external = 0;
    std::vector<std::string> emails;
    for (auto const& a : page.at("accounts").as_array()) {
        external += a.at("accountType") == "external" ? 1 : 0;
        emails.emplace_back(a.at("email").as_string());
    }
    EXPECT_EQ(external, 0u);
    EXPECT_TRUE(std::is_sorted(emails.begin(), emails.end()));
    EXPECT_EQ(admin("GET", "/managed-accounts?count=ten").status, 400);
}

TEST_F(admin_accounts, another_organizations_accounts_are_invisible) {
    auto const theirs = provision_in(server().bootstrap("initech", "okta"), "peter", "peter@initech.example");
    ASSERT_FALSE(theirs.empty());
    EXPECT_EQ(admin("GET", "/accounts/" + theirs).status, 404);
    EXPECT_EQ(admin("POST", "/accounts/" + theirs + "/deactivate").status, 404);
    EXPECT_EQ(admin("GET", "/accounts/not-an-id").status, 404);
}

}  // namespace
}  // namespace scim::testing

namespace scim::testing {
namespace {

// The grace period ends: the account is erased (its address free again, a new POST makes a new
// account) and its SCIM records go with it. The due date is moved into the past in SQL instead
// of waiting 14 days; the server sweeps every second.
TEST(account_deletion, ends_with_the_grace_period) {
    own_admin_server own({"--deletion-sweep-seconds", "1"});
    auto& server = own.server;
    run_sql(server.dsn(),
            "INSERT INTO domains (id, organization_id, name, state, verification_token, verified_at, claimed_at) "
            "VALUES (gen_random_uuid(), '" +
                own.tenant.organization_id + "', 'acme.com', 'claimed', 'x', now(), now())");
    auto const body = std::string(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"gone",
        "emails":[{"value":"gone@acme.com","primary":true}]})");
    auto created = own.scim("POST", "/Users", body);
    ASSERT_EQ(created.status, 201) << created.body;
    auto const user_id = std::string(created.json().at("id").as_string());
    auto const account_id = std::string(created.json().at(account_urn).at("accountId").as_string());
    // Unlinked by the identity provider (no longer synced), then deleted by the admin.
    ASSERT_EQ(own.scim("DELETE", "/Users/" + user_id).status, 204);
    // A verification message holds the address, which goes with the account.
    ASSERT_EQ(own.admin("POST", "/accounts/" + account_id + "/address-verification").status, 202);
    ASSERT_EQ(own.admin("POST", "/accounts/" + account_id + "/delete").status, 200);
    run_sql(server.dsn(),
            "UPDATE accounts SET deletion_due_at = now() - interval '1 minute' WHERE id = '" + account_id + "'");

    int status = 200;
    for (int i = 0; i < 100 && status == 200; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = own.admin("GET", "/accounts/" + account_id).status;
    }
    EXPECT_EQ(status, 404) << "the account was not erased";
    EXPECT_TRUE(json::parse(own.admin("GET", "/outbox").body).at("messages").as_array().empty());
    // Its address is free: the same person provisioned again gets a new account.
    auto again = own.scim("POST", "/Users", body);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_NE(std::string(again.json().at(account_urn).at("accountId").as_string()), account_id);
    EXPECT_NE(server.stderr_text().find("accounts erased"), std::string::npos);
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
