// Which directory a synced account follows, and what the sync lock and the address verification
// leave to the admin, against the real binary (docs/accounts.md "Several directories on one
// account", "The sync lock, action by action", "What the address verification guards"): the
// first directory of the managing organization that links the account owns it, the others'
// pushes are recorded in their users and change nothing, ownership passes on when the owner lets
// go, another organization's directory never locks an account; the lifecycle holes of a synced
// account are closed; an unverified address stops changes of the address, not of the profile.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

class sync_precedence : public acme_managed_e2e_test {
protected:
    // A second directory of Acme, through the admin API.
    bootstrap_result new_directory(std::string const& name) {
        auto const made = ok(admin("POST", "/directories", R"({"name":")" + name + R"("})"), 201);
        bootstrap_result out;
        if (made.empty()) return out;
        out.organization_id = directory().organization_id;
        out.directory_id = std::string(made.at("id").as_string());
        out.base_path = std::string(made.at("basePath").as_string());
        out.token = std::string(made.at("token").as_string());
        return out;
    }

    http_reply scim_in(bootstrap_result const& dir, std::string_view method, std::string const& path,
                       std::string_view body = {}) {
        return client().request(method, dir.base_path + path, body, {{"Authorization", "Bearer " + dir.token}});
    }

    static std::string person(std::string const& user_name, std::string const& email, std::string const& display_name) {
        return user_body(user_name, R"("displayName":")" + display_name + R"(","emails":[{"value":")" + email +
                                        R"(","primary":true}])");
    }

    static std::string detail_of(http_reply const& reply) { return std::string(reply.json().at("detail").as_string()); }

    static std::string replace(std::string const& value) {
        return patch_op + R"([{"op":"replace","value":)" + value + "}]}";
    }

    // An account invited to a new site of Acme by its address: managed (acme.com is verified),
    // linked by no directory of Acme.
    std::string invited(std::string const& email) {
        auto const n = std::to_string(++sites_);
        auto const site =
            ok(admin("POST", "/sites",
                     R"({"name":"site-)" + n + R"(","url":"site-)" + n + R"(.example.net","products":["jira"]})"),
               201);
        auto const user = ok(admin("POST", "/sites/" + std::string(site.at("id").as_string()) + "/users",
                                   R"({"email":")" + email + "\"}"),
                             201);
        EXPECT_EQ(user.at("accountType"), "managed");
        return std::string(user.at("accountId").as_string());
    }

    static inline int sites_ = 0;
};

TEST_F(sync_precedence, the_first_directory_that_linked_an_account_owns_it) {
    auto const entra = new_directory("entra");
    auto const okta_user = scim("POST", "/Users", person("pia", "pia@acme.com", "Pia from Okta"));
    ASSERT_EQ(okta_user.status, 201) << okta_user.body;
    auto const pia = std::string(okta_user.json().at(account_urn).at("accountId").as_string());
    // Entra links the same account: recorded, not the owner.
    auto const entra_user = scim_in(entra, "POST", "/Users", person("pia", "pia@acme.com", "Pia from Entra"));
    ASSERT_EQ(entra_user.status, 201) << entra_user.body;
    auto const entra_id = std::string(entra_user.json().at("id").as_string());
    EXPECT_EQ(entra_user.json().at(account_urn).at("accountId"), json::value(pia));
    EXPECT_EQ(entra_user.json().at(account_urn).at("syncedBy"), json::value(directory().directory_id));
    auto detail = ok(admin("GET", "/accounts/" + pia));
    EXPECT_EQ(detail.at("displayName"), "Pia from Okta");
    EXPECT_EQ(detail.at("syncedBy").at("name"), "okta");

    // Entra's pushes stay in its user; the account stays as Okta has it.
    auto const pushed =
        scim_in(entra, "PATCH", "/Users/" + entra_id, replace(R"({"displayName":"Entra says","active":false})"));
    ASSERT_EQ(pushed.status, 200) << pushed.body;
    EXPECT_EQ(pushed.json().at("active"), false);
    EXPECT_EQ(pushed.json().at(account_urn).at("lifecycle"), "active");
    detail = ok(admin("GET", "/accounts/" + pia));
    EXPECT_EQ(detail.at("displayName"), "Pia from Okta");
    EXPECT_EQ(detail.at("lifecycle"), "active");
    // Okta's push changes it; the admin's edit of what Okta owns is refused, naming Okta.
    ASSERT_EQ(scim("PATCH", "/Users/" + std::string(okta_user.json().at("id").as_string()),
                   replace(R"({"displayName":"Pia O."})"))
                  .status,
              200);
    EXPECT_EQ(ok(admin("GET", "/accounts/" + pia)).at("displayName"), "Pia O.");
    auto const refused = admin("PATCH", "/accounts/" + pia, R"({"displayName":"Admin says"})");
    expect_admin_error(refused, 403, "forbidden");
    EXPECT_NE(detail_of(refused).find("\"okta\""), std::string::npos) << refused.body;

    // Okta lets go: Entra owns the account, which takes what Entra pushed last.
    ASSERT_EQ(scim("DELETE", "/Users/" + std::string(okta_user.json().at("id").as_string())).status, 204);
    detail = ok(admin("GET", "/accounts/" + pia));
    EXPECT_EQ(detail.at("syncedBy").at("name"), "entra");
    EXPECT_EQ(detail.at("displayName"), "Entra says");
    EXPECT_EQ(detail.at("lifecycle"), "deactivated");
    EXPECT_EQ(scim_in(entra, "GET", "/Users/" + entra_id).json().at(account_urn).at("syncedBy"),
              json::value(entra.directory_id));
    // Entra's `active` is the account's now.
    ASSERT_EQ(scim_in(entra, "PATCH", "/Users/" + entra_id, replace(R"({"active":true})")).status, 200);
    EXPECT_EQ(ok(admin("GET", "/accounts/" + pia)).at("lifecycle"), "active");

    // The last link goes: deactivated, unsynced, the admin's again.
    ASSERT_EQ(scim_in(entra, "DELETE", "/Users/" + entra_id).status, 204);
    detail = ok(admin("GET", "/accounts/" + pia));
    EXPECT_EQ(detail.at("synced"), false);
    EXPECT_EQ(detail.at("lifecycle"), "deactivated");
    EXPECT_EQ(ok(admin("POST", "/accounts/" + pia + "/reactivate")).at("lifecycle"), "active");
}

// Globex's directory created Ned's account on acme.com (not Globex's domain: unclaimed); Acme
// claims it by inviting him. Globex's directory does not change an account Globex does not
// manage, so it must not lock it either: the account was one nobody could edit.
TEST_F(sync_precedence, another_organizations_directory_never_locks_an_account) {
    auto const globex = server().bootstrap("globex", "globex-okta");
    https_client c("127.0.0.1", server().port());
    auto const at_globex = c.request("POST", globex.base_path + "/Users", person("ned", "ned@acme.com", "Ned"),
                                     {{"Authorization", "Bearer " + globex.token}});
    ASSERT_EQ(at_globex.status, 201) << at_globex.body;
    auto const globex_user = std::string(at_globex.json().at("id").as_string());
    EXPECT_EQ(at_globex.json().at(account_urn).at("synced"), false);

    auto const ned = invited("ned@acme.com");
    EXPECT_EQ(ned, std::string(at_globex.json().at(account_urn).at("accountId").as_string()));
    auto detail = ok(admin("GET", "/accounts/" + ned));
    EXPECT_EQ(detail.at("synced"), false);
    EXPECT_FALSE(detail.contains("syncedBy") && !detail.at("syncedBy").is_null()) << detail;
    EXPECT_EQ(ok(admin("PATCH", "/accounts/" + ned, R"({"displayName":"Ned Stark"})")).at("displayName"), "Ned Stark");
    // Globex sees an external user that none of its directories syncs.
    auto const seen_by_globex =
        c.request("GET", globex.base_path + "/Users/" + globex_user, {}, {{"Authorization", "Bearer " + globex.token}});
    EXPECT_EQ(seen_by_globex.json().at(account_urn).at("accountType"), "external");
    EXPECT_EQ(seen_by_globex.json().at(account_urn).at("synced"), false);
    EXPECT_FALSE(seen_by_globex.json().at(account_urn).as_object().contains("syncedBy"));

    // Acme's own directory links it: Acme's directory owns it, Globex still sees none of its own.
    auto const at_acme = scim("POST", "/Users", person("ned", "ned@acme.com", "Ned (Okta)"));
    ASSERT_EQ(at_acme.status, 201) << at_acme.body;
    EXPECT_EQ(at_acme.json().at(account_urn).at("syncedBy"), json::value(directory().directory_id));
    EXPECT_EQ(ok(admin("GET", "/accounts/" + ned)).at("displayName"), "Ned (Okta)");
    EXPECT_EQ(
        c.request("GET", globex.base_path + "/Users/" + globex_user, {}, {{"Authorization", "Bearer " + globex.token}})
            .json()
            .at(account_urn)
            .at("synced"),
        false);
}

// The holes of a synced account's lifecycle (issue: deleted though it cannot be deactivated;
// after delete and cancel, stuck deactivated while SCIM shows active).
TEST_F(sync_precedence, a_synced_accounts_lifecycle_has_no_dead_end) {
    auto const created = scim("POST", "/Users", person("sam", "sam@acme.com", "Sam"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const user = "/Users/" + std::string(created.json().at("id").as_string());
    auto const sam = std::string(created.json().at(account_urn).at("accountId").as_string());

    // Active in its directory: deleting is refused like deactivating, naming the directory.
    auto const refused = admin("POST", "/accounts/" + sam + "/delete");
    expect_admin_error(refused, 403, "forbidden");
    EXPECT_NE(detail_of(refused).find("\"okta\""), std::string::npos) << refused.body;
    EXPECT_NE(detail_of(refused).find("deactivate it in the identity provider first"), std::string::npos);

    // Deactivated by its directory: the admin deletes it, and SCIM shows it inactive.
    ASSERT_EQ(scim("PATCH", user, replace(R"({"active":false})")).status, 200);
    EXPECT_EQ(ok(admin("POST", "/accounts/" + sam + "/delete")).at("lifecycle"), "pending_deletion");
    auto seen = scim("GET", user).json();
    EXPECT_EQ(seen.at("active"), false);
    EXPECT_EQ(seen.at(account_urn).at("lifecycle"), "pending_deletion");
    // Cancelled: deactivated, as its directory has it; reactivating is the directory's.
    EXPECT_EQ(ok(admin("POST", "/accounts/" + sam + "/cancel-deletion")).at("lifecycle"), "deactivated");
    expect_admin_error(admin("POST", "/accounts/" + sam + "/reactivate"), 403, "forbidden");
    auto const back = scim("PATCH", user, replace(R"({"active":true})"));
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.json().at(account_urn).at("lifecycle"), "active");

    // Deleted again, then taken back by the directory: the deletion is undone.
    ASSERT_EQ(scim("PATCH", user, replace(R"({"active":false})")).status, 200);
    ok(admin("POST", "/accounts/" + sam + "/delete"));
    ASSERT_EQ(scim("PATCH", user, replace(R"({"active":true})")).status, 200);
    auto const detail = ok(admin("GET", "/accounts/" + sam));
    EXPECT_EQ(detail.at("lifecycle"), "active");
    EXPECT_TRUE(detail.at("deletionDueAt").is_null());

    // An account that differs from its directory (as the holes left some before this rule): the
    // directory's next push reconciles it, even one that repeats what the user already says.
    run_sql(server().dsn(), "UPDATE accounts SET lifecycle = 'deactivated' WHERE id = '" + sam + "'");
    auto const repeated = scim("PATCH", user, replace(R"({"active":true})"));
    ASSERT_EQ(repeated.status, 200) << repeated.body;
    EXPECT_EQ(repeated.json().at(account_urn).at("lifecycle"), "active");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + sam)).at("lifecycle"), "active");
}

// What an unverified address stops: changes of the address. The profile stays the admin's where
// no identity provider owns it (accounts a directory creates all start unverified).
TEST_F(sync_precedence, the_address_verification_guards_the_address_only) {
    auto const created = scim("POST", "/Users", person("quinn", "quinn@acme.com", "Quinn"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const quinn = std::string(created.json().at(account_urn).at("accountId").as_string());
    EXPECT_EQ(created.json().at(account_urn).at("emailVerified"), false);
    auto const edited = ok(admin("PATCH", "/accounts/" + quinn,
                                 R"({"location":"Lyon","pictureUrl":"https://pictures.example/quinn.png"})"));
    EXPECT_EQ(edited.at("location"), "Lyon");
    EXPECT_EQ(edited.at("displayName"), "Quinn");
    expect_admin_error(admin("PATCH", "/accounts/" + quinn, R"({"jobTitle":"Boss"})"), 403, "forbidden");

    // Unsynced and unverified: the whole profile is the admin's; the address waits for its owner.
    auto const rae = invited("rae@acme.com");
    EXPECT_EQ(ok(admin("PATCH", "/accounts/" + rae, R"({"displayName":"Rae","jobTitle":"Engineer"})")).at("jobTitle"),
              "Engineer");
    auto const gated = admin("POST", "/accounts/" + rae + "/email", R"({"email":"rae.lee@acme.com"})");
    expect_admin_error(gated, 409, "conflict");
    EXPECT_NE(gated.body.find("address-verification"), std::string::npos) << gated.body;
    verify_address(rae, "rae@acme.com");
    ok(admin("POST", "/accounts/" + rae + "/email", R"({"email":"rae.lee@acme.com"})"), 202);
}

}  // namespace
}  // namespace scim::testing
