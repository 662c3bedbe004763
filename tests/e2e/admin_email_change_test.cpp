// Email change of managed accounts against the real binary (DOMAIN.md "Email change", the
// seed's "To edit the account's email address"): the new address waits for its owner while
// the old one stays in force; the link from the outbox (drained as a mailer would, with
// `scimd drain-outbox`) confirms it; an address on a domain the organization has not verified
// makes the account an external user — the same account, its SCIM link kept. Identity
// provider pushes go through the same flow, except on the organization's verified domains.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_email_change : public acme_managed_e2e_test {
protected:
    // A managed account no directory syncs (provisioned, then unlinked and reactivated), whose
    // address the admin API may change.
    std::string unsynced_managed(std::string const& user_name, std::string const& email) {
        auto const id = provision(user_name, email);
        EXPECT_EQ(scim("DELETE", "/Users/" + ids_[user_name]).status, 204);
        EXPECT_EQ(ok(admin("POST", "/accounts/" + id + "/reactivate")).at("lifecycle"), "active");
        verify_address(id, email);
        return id;
    }

    http_reply change_email(std::string const& account, std::string const& email) {
        return admin("POST", "/accounts/" + account + "/email", R"({"email":")" + email + R"("})");
    }

    json::array managed(std::string const& filter) {
        return ok(admin("GET", "/managed-accounts?filter=" + url_encode(filter))).at("accounts").as_array();
    }

    json::array outbox(std::string const& account) {
        return ok(admin("GET", "/outbox?account=" + account)).at("messages").as_array();
    }
};

TEST_F(admin_email_change, the_old_address_stays_until_the_new_one_is_confirmed) {
    auto const ann = unsynced_managed("ann", "ann@acme.com");
    auto const pending = ok(change_email(ann, "ann.smith@acme.com"), 202);
    EXPECT_EQ(pending.at("email"), "ann@acme.com");
    EXPECT_EQ(pending.at("pendingEmail"), "ann.smith@acme.com");
    EXPECT_TRUE(pending.at("verification").at("expires").is_string());

    auto detail = ok(admin("GET", "/accounts/" + ann));
    EXPECT_EQ(detail.at("email"), "ann@acme.com");
    EXPECT_EQ(detail.at("pendingEmail"), "ann.smith@acme.com");
    EXPECT_EQ(managed(R"(email eq "ann@acme.com")").size(), 1u);
    EXPECT_EQ(managed(R"(email eq "ann.smith@acme.com")").size(), 0u);
    EXPECT_EQ(managed(R"(pendingEmail eq "ann.smith@acme.com")").size(), 1u);

    // Operators see the messages, newest first (the change, then the verification of the
    // address Ann proved before), never a body or token.
    auto messages = outbox(ann);
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].at("to"), "ann.smith@acme.com");
    EXPECT_EQ(messages[0].at("kind"), "email_change");
    EXPECT_EQ(messages[1].at("kind"), "address_verification");
    EXPECT_EQ(messages[1].at("state"), "consumed");
    EXPECT_EQ(messages[0].at("state"), "queued");
    EXPECT_FALSE(messages[0].as_object().contains("body"));
    EXPECT_FALSE(messages[0].as_object().contains("token"));

    auto const token = mailed_token("ann.smith@acme.com");
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(outbox(ann)[0].at("state"), "sent");
    // Drained once: the link is handed over once.
    EXPECT_EQ(mailed_token("ann.smith@acme.com"), "");

    auto const confirmed = ok(confirm(token));
    EXPECT_EQ(confirmed.at("email"), "ann.smith@acme.com");
    EXPECT_EQ(confirmed.at("accountType"), "managed");
    detail = ok(admin("GET", "/accounts/" + ann));
    EXPECT_EQ(detail.at("email"), "ann.smith@acme.com");
    EXPECT_TRUE(detail.at("pendingEmail").is_null());
    EXPECT_EQ(detail.at("emailVerified"), true);
    EXPECT_EQ(detail.at("accountType"), "managed");
    EXPECT_EQ(outbox(ann)[0].at("state"), "consumed");
    // A used link is as unknown as one that never existed.
    EXPECT_EQ(confirm(token).status, 404);
}

TEST_F(admin_email_change, an_address_on_an_unverified_domain_releases_the_claim_once_confirmed) {
    auto const bob = unsynced_managed("bob", "bob@acme.com");
    ok(change_email(bob, "bob@gmail.example"), 202);
    // Until confirmed, still managed by Acme.
    EXPECT_EQ(ok(admin("GET", "/accounts/" + bob)).at("accountType"), "managed");
    auto const token = mailed_token("bob@gmail.example");
    auto const confirmed = ok(confirm(token));
    EXPECT_EQ(confirmed.at("id").as_string(), bob);
    EXPECT_EQ(confirmed.at("accountType"), "external");
    // No link to Acme is left: the account is no longer Acme's to see.
    EXPECT_EQ(admin("GET", "/accounts/" + bob).status, 404);
    EXPECT_EQ(managed(R"(email eq "bob@gmail.example" or email eq "bob@acme.com")").size(), 0u);

    // The journal tells the story, newest first: the owner's confirmation (the address and
    // the claim), then the admin's request — and never the link's secret.
    auto const journal = ok(admin("GET", "/journal?account=" + bob));
    auto const& entries = journal.at("entries").as_array();
    ASSERT_GE(entries.size(), 2u) << journal;
    auto const& confirmation = entries.at(0).as_object();
    EXPECT_EQ(confirmation.at("actor"), "account");
    EXPECT_EQ(confirmation.at("resourceType"), "Account");
    EXPECT_EQ(confirmation.at("diff").at("email").at("before"), "bob@acme.com");
    EXPECT_EQ(confirmation.at("diff").at("email").at("after"), "bob@gmail.example");
    EXPECT_EQ(confirmation.at("diff").at("accountType").at("after"), "external");
    auto const secret = token.substr(token.rfind('_') + 1);
    EXPECT_EQ(std::string(confirmation.at("path").as_string()).find(secret), std::string::npos) << confirmation;
    auto const& request = entries.at(1).as_object();
    EXPECT_EQ(request.at("actor"), "admin");
    EXPECT_EQ(request.at("diff").at("pendingEmail").at("after"), "bob@gmail.example");
    EXPECT_EQ(request.at("outcome").at("status"), 202);
}

TEST_F(admin_email_change, a_directory_push_off_the_verified_domains_waits_and_keeps_the_link) {
    auto const carl = provision("carl", "carl@acme.com");
    // The identity provider owns a synced account's address.
    auto refused = change_email(carl, "carl@gmail.example");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("okta"), std::string::npos) << refused.body;

    auto const put = [&] {
        return scim("PUT", "/Users/" + ids_["carl"],
                    user_body("carl", R"("emails":[{"value":"carl@gmail.example","primary":true}])"));
    };
    ASSERT_EQ(put().status, 200);
    auto detail = ok(admin("GET", "/accounts/" + carl));
    EXPECT_EQ(detail.at("email"), "carl@acme.com");
    EXPECT_EQ(detail.at("pendingEmail"), "carl@gmail.example");
    // The link's attributes are what the identity provider sent.
    auto const found = scim("GET", "/Users?filter=" + url_encode(R"(emails.value eq "carl@gmail.example")"));
    EXPECT_EQ(found.json().at("totalResults"), 1);
    // The identity provider repeats its state: one message per change, not per push.
    ASSERT_EQ(put().status, 200);
    EXPECT_EQ(outbox(carl).size(), 1u);

    ok(confirm(mailed_token("carl@gmail.example")));
    detail = ok(admin("GET", "/accounts/" + carl));
    EXPECT_EQ(detail.at("accountType"), "external");
    EXPECT_EQ(detail.at("email"), "carl@gmail.example");
    // No longer Acme's to manage, so no directory of Acme's syncs it; the link stays.
    EXPECT_EQ(detail.at("synced"), false);
    auto const user = scim("GET", "/Users/" + ids_["carl"]);
    ASSERT_EQ(user.status, 200);
    EXPECT_EQ(user.json().at(account_urn).at("accountId").as_string(), carl);
    EXPECT_EQ(user.json().at(account_urn).at("accountType"), "external");
    // One account, one link: provisioning the new address again finds the same account.
    expect_scim_error(scim("POST", "/Users", user_body("carl.again", R"("emails":[{"value":"carl@gmail.example"}])")),
                      409, "uniqueness");
}

TEST_F(admin_email_change, a_directory_push_on_a_verified_domain_applies_at_once) {
    auto const dora = provision("dora", "dora@acme.com");
    auto const push = [&](std::string const& address) {
        return scim("PUT", "/Users/" + ids_["dora"],
                    user_body("dora", R"("emails":[{"value":")" + address + R"(","primary":true}])"))
            .status;
    };
    ASSERT_EQ(push("dora.lee@acme.com"), 200);
    auto detail = ok(admin("GET", "/accounts/" + dora));
    EXPECT_EQ(detail.at("email"), "dora.lee@acme.com");
    EXPECT_TRUE(detail.at("pendingEmail").is_null());
    EXPECT_EQ(detail.at("accountType"), "managed");
    EXPECT_TRUE(outbox(dora).empty());
    // emailVerified stays as it was (docs/accounts.md): unverified stays unverified …
    EXPECT_EQ(detail.at("emailVerified"), false);
    // … and a verified account stays verified.
    run_sql(server().dsn(), "UPDATE accounts SET email_verified = true WHERE id = '" + dora + "'");
    ASSERT_EQ(push("dora@acme.com"), 200);
    detail = ok(admin("GET", "/accounts/" + dora));
    EXPECT_EQ(detail.at("email"), "dora@acme.com");
    EXPECT_EQ(detail.at("emailVerified"), true);

    // PATCH goes the same way; going back to the current address cancels a pending change.
    auto const patched =
        scim("PATCH", "/Users/" + ids_["dora"],
             R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)"
             R"({"op":"replace","path":"emails","value":[{"value":"dora@gmail.example","primary":true}]}]})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(ok(admin("GET", "/accounts/" + dora)).at("pendingEmail"), "dora@gmail.example");
    ASSERT_EQ(push("dora@acme.com"), 200);
    EXPECT_TRUE(ok(admin("GET", "/accounts/" + dora)).at("pendingEmail").is_null());
    EXPECT_EQ(outbox(dora).at(0).at("state"), "invalidated");
}

TEST_F(admin_email_change, an_address_another_account_has_is_refused_at_request_and_at_confirmation) {
    auto const eve = unsynced_managed("eve", "eve@acme.com");
    provision("fay", "fay@acme.com");
    expect_admin_error(change_email(eve, "FAY@acme.com"), 409, "uniqueness");
    // The same through a directory push.
    auto const gil = provision("gil", "gil@acme.com");
    expect_scim_error(
        scim("PUT", "/Users/" + ids_["gil"], user_body("gil", R"("emails":[{"value":"fay@acme.com","primary":true}])")),
        409, "uniqueness");
    EXPECT_EQ(ok(admin("GET", "/accounts/" + gil)).at("email"), "gil@acme.com");

    // A pending address is not reserved: whoever has it first keeps it.
    ok(change_email(eve, "eve@gmail.example"), 202);
    auto const token = mailed_token("eve@gmail.example");
    provision("eve.elsewhere", "eve@gmail.example");
    expect_admin_error(confirm(token), 409, "uniqueness");
    auto const detail = ok(admin("GET", "/accounts/" + eve));
    EXPECT_EQ(detail.at("email"), "eve@acme.com");
    EXPECT_EQ(detail.at("accountType"), "managed");
    EXPECT_EQ(change_email(eve, "eve@acme.com").status, 409);
    EXPECT_EQ(change_email(eve, "not an address").status, 400);
}

TEST_F(admin_email_change, an_external_users_address_is_not_the_organizations) {
    auto const gus = provision("gus", "gus@gmail.example");
    auto refused = change_email(gus, "gus@acme.com");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("external"), std::string::npos) << refused.body;
    EXPECT_EQ(admin("POST", "/accounts/" + gus + "/email/resend").status, 403);
    EXPECT_EQ(admin("DELETE", "/accounts/" + gus + "/email").status, 403);
    // A push changes the link's attributes only.
    ASSERT_EQ(scim("PUT", "/Users/" + ids_["gus"],
                   user_body("gus", R"("emails":[{"value":"gus@else.example","primary":true}])"))
                  .status,
              200);
    auto const detail = ok(admin("GET", "/accounts/" + gus));
    EXPECT_EQ(detail.at("email"), "gus@gmail.example");
    EXPECT_TRUE(detail.at("pendingEmail").is_null());
}

TEST_F(admin_email_change, resending_cancelling_and_expiry_leave_one_working_link_at_most) {
    auto const hal = unsynced_managed("hal", "hal@acme.com");
    EXPECT_EQ(admin("POST", "/accounts/" + hal + "/email/resend").status, 409);  // nothing pending
    ok(change_email(hal, "hal@gmail.example"), 202);
    auto const first = mailed_token("hal@gmail.example");
    ok(admin("POST", "/accounts/" + hal + "/email/resend"), 202);
    auto const second = mailed_token("hal@gmail.example");
    ASSERT_FALSE(second.empty());
    EXPECT_NE(first, second);
    EXPECT_EQ(confirm(first).status, 404);  // the resend invalidated it

    run_sql(server().dsn(),
            "UPDATE email_verifications SET expires = now() - interval '1 second' WHERE account_id = '" + hal + "'");
    EXPECT_EQ(confirm(second).status, 404);  // expired

    ok(admin("POST", "/accounts/" + hal + "/email/resend"), 202);
    auto const third = mailed_token("hal@gmail.example");
    EXPECT_EQ(admin("DELETE", "/accounts/" + hal + "/email").status, 204);
    EXPECT_TRUE(ok(admin("GET", "/accounts/" + hal)).at("pendingEmail").is_null());
    EXPECT_EQ(confirm(third).status, 404);                                  // cancelled
    EXPECT_EQ(admin("DELETE", "/accounts/" + hal + "/email").status, 409);  // nothing pending

    // Tokens of the wrong shape, or unknown, get the same answer.
    EXPECT_EQ(confirm("nonsense").status, 404);
    EXPECT_EQ(confirm(third.substr(0, third.size() - 2) + "xx").status, 404);
    // A browser's GET gets a page that says so (docs/mail.md "The confirmation page").
    EXPECT_EQ(client().request("GET", "/email-verifications/" + third).status, 404);
    EXPECT_EQ(ok(admin("GET", "/accounts/" + hal)).at("email"), "hal@acme.com");
}

TEST_F(admin_email_change, another_organization_sees_neither_the_account_nor_its_messages) {
    auto const ivy = unsynced_managed("ivy", "ivy@acme.com");
    ok(change_email(ivy, "ivy@gmail.example"), 202);
    auto const initech = server().bootstrap("initech", "okta");
    auto const token = admin_token_for("initech");
    https_client c("127.0.0.1", server().port());
    auto const headers = std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token},
                                                                          {"Content-Type", "application/json"}};
    auto const base = "/admin/organizations/" + initech.organization_id;
    auto const theirs = c.request("GET", base + "/outbox?account=" + ivy, {}, headers);
    EXPECT_EQ(theirs.status, 200);
    EXPECT_TRUE(theirs.json().at("messages").as_array().empty());
    EXPECT_EQ(
        c.request("POST", base + "/accounts/" + ivy + "/email", R"({"email":"x@initech.example"})", headers).status,
        404);
    EXPECT_EQ(c.request("DELETE", base + "/accounts/" + ivy + "/email", {}, headers).status, 404);
}

}  // namespace
}  // namespace scim::testing
