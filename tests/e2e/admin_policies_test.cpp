// Authentication policies through the admin API against the real binary: the default policy
// every organization has, creating and editing policies under their rules, putting managed
// accounts under one (never an external user), and the Managed accounts summary's secure login
// (the seed: "Percentage of managed accounts that are using secure login [SSO or MFA]").

#include "admin_fixture.hpp"
#include "scim/core/crypto.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_policies : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }

    // An account claimed by `organization_id`, made in SQL: the summary counts it exactly.
    static std::string seed_account(std::string const& organization_id, std::string const& email,
                                    bool two_step = false) {
        auto const id = core::random_uuid();
        run_sql(server().dsn(), "INSERT INTO accounts (id, email, claimed_by, two_step_enrolled) VALUES ('" + id +
                                    "', '" + email + "', '" + organization_id + "', " + (two_step ? "true" : "false") +
                                    ")");
        return id;
    }

    // A request under another organization's admin path.
    http_reply admin_of(bootstrap_result const& org, std::string const& token, std::string_view method,
                        std::string const& path, std::string_view body = {}) {
        return client().request(method, "/admin/organizations/" + org.organization_id + path, body,
                                {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    }
};

TEST_F(admin_policies, every_organization_has_one_default_policy) {
    auto const list = ok(admin("GET", "/policies")).at("policies").as_array();
    ASSERT_GE(list.size(), 1u);
    auto const& first = list.at(0).as_object();
    EXPECT_EQ(first.at("default"), true);
    EXPECT_EQ(first.at("name"), "Default policy");
    EXPECT_EQ(first.at("type"), "billable");
    EXPECT_EQ(first.at("samlSso"), false);
    std::size_t defaults = 0;
    for (auto const& p : list) defaults += p.at("default") == true ? 1 : 0;
    EXPECT_EQ(defaults, 1u);
    auto const id = std::string(first.at("id").as_string());
    EXPECT_EQ(ok(admin("GET", "/policies/" + id)).at("name"), "Default policy");
}

TEST_F(admin_policies, create_show_and_edit_a_policy) {
    auto const created =
        ok(admin("POST", "/policies",
                 R"({"name":"Contractors","type":"nonbillable","samlSso":true,)"
                 R"("passwordRequirements":{"minimumLength":12,"expiryDays":90},"idleSessionMinutes":480})"),
           201);
    EXPECT_EQ(created.at("name"), "Contractors");
    EXPECT_EQ(created.at("type"), "nonbillable");
    EXPECT_EQ(created.at("default"), false);
    EXPECT_EQ(created.at("samlSso"), true);
    EXPECT_EQ(created.at("twoStepRequired"), false);
    EXPECT_EQ(created.at("passwordRequirements").at("minimumLength"), 12);
    EXPECT_EQ(created.at("passwordRequirements").at("expiryDays"), 90);
    EXPECT_EQ(created.at("idleSessionMinutes"), 480);
    auto const id = std::string(created.at("id").as_string());
    EXPECT_EQ(ok(admin("GET", "/policies/" + id)), created);

    // PATCH changes what it names; the rest stays.
    auto const edited =
        ok(admin("PATCH", "/policies/" + id, R"({"twoStepRequired":true,"passwordRequirements":{"expiryDays":null}})"));
    EXPECT_EQ(edited.at("twoStepRequired"), true);
    EXPECT_EQ(edited.at("samlSso"), true);
    EXPECT_EQ(edited.at("passwordRequirements").at("minimumLength"), 12);
    EXPECT_TRUE(edited.at("passwordRequirements").at("expiryDays").is_null());
    EXPECT_EQ(edited.at("name"), "Contractors");
}

TEST_F(admin_policies, policy_rules_are_enforced) {
    ok(admin("POST", "/policies", R"({"name":"Interns","type":"billable"})"), 201);
    // Names are unique per organization, ignoring case.
    expect_admin_error(admin("POST", "/policies", R"({"name":"INTERNS","type":"billable"})"), 409, "uniqueness");
    auto const other = ok(admin("POST", "/policies", R"({"name":"Staff","type":"billable"})"), 201);
    expect_admin_error(admin("PATCH", "/policies/" + std::string(other.at("id").as_string()), R"({"name":"interns"})"),
                       409, "uniqueness");
    struct bad_case {
        char const* body;
    };
    for (auto const& c :
         {bad_case{R"({"name":"A"})"}, bad_case{R"({"name":"A","type":"free"})"},
          bad_case{R"({"name":"","type":"billable"})"}, bad_case{R"({"name":"A","type":"billable","samlSso":"yes"})"},
          bad_case{R"({"name":"A","type":"billable","passwordRequirements":{"minimumLength":4}})"},
          bad_case{R"({"name":"A","type":"billable","passwordRequirements":{"expiryDays":0}})"},
          bad_case{R"({"name":"A","type":"billable","idleSessionMinutes":1})"},
          bad_case{R"({"name":"A","type":"billable","colour":"red"})"}}) {
        expect_admin_error(admin("POST", "/policies", c.body), 400, "invalid_value");
    }
    expect_admin_error(admin("GET", "/policies/" + core::random_uuid()), 404, "not_found");
    expect_admin_error(admin("GET", "/policies/not-a-uuid"), 404, "not_found");
    expect_admin_error(admin("PATCH", "/policies/" + core::random_uuid(), R"({"samlSso":true})"), 404, "not_found");
}

TEST_F(admin_policies, only_managed_accounts_are_put_under_a_policy) {
    auto const policy = ok(admin("POST", "/policies", R"({"name":"Engineers","type":"billable","samlSso":true})"), 201);
    auto const path = "/policies/" + std::string(policy.at("id").as_string()) + "/accounts/";
    auto const managed = provision("policy.managed", "policy.managed@acme.com");
    auto const assigned = ok(admin("PUT", path + managed));
    EXPECT_EQ(assigned.at("accountId").as_string(), managed);
    EXPECT_EQ(assigned.at("policy").at("name"), "Engineers");
    // An external user (a domain acme did not verify) is not the organization's to set a policy on.
    auto const external = provision("policy.external", "someone@elsewhere.example");
    expect_admin_error(admin("PUT", path + external), 403, "forbidden");
    expect_admin_error(admin("PUT", path + core::random_uuid()), 404, "not_found");
    expect_admin_error(admin("PUT", "/policies/" + core::random_uuid() + "/accounts/" + managed), 404, "not_found");
}

TEST_F(admin_policies, another_organizations_policies_are_not_found) {
    auto const globex = server().bootstrap("globex-policies", "okta");
    auto const token = admin_token_for("globex-policies");
    auto const theirs = ok(admin_of(globex, token, "POST", "/policies", R"({"name":"Theirs","type":"billable"})"), 201);
    auto const id = std::string(theirs.at("id").as_string());
    expect_admin_error(admin("GET", "/policies/" + id), 404, "not_found");
    expect_admin_error(admin("PATCH", "/policies/" + id, R"({"samlSso":true})"), 404, "not_found");
    auto const liam = provision("policy.liam", "policy.liam@acme.com");
    expect_admin_error(admin("PUT", "/policies/" + id + "/accounts/" + liam), 404, "not_found");
    // Nor does acme's token work on globex's path.
    EXPECT_EQ(admin_of(globex, admin_token_, "GET", "/policies").status, 401);
}

TEST_F(admin_policies, the_summary_counts_sso_policies_and_two_step_verification_as_secure_login) {
    // Its own organization, so that the figures are exact.
    auto const org = server().bootstrap("initrode-summary", "okta");
    auto const token = admin_token_for("initrode-summary");
    auto summary = [&] { return ok(admin_of(org, token, "GET", "/managed-accounts/summary")); };
    auto const sso = seed_account(org.organization_id, "sso@initrode.example");
    auto const both = seed_account(org.organization_id, "both@initrode.example", true);
    seed_account(org.organization_id, "mfa@initrode.example", true);
    seed_account(org.organization_id, "plain@initrode.example");
    auto const plain = seed_account(org.organization_id, "plain2@initrode.example");

    auto before = summary();
    EXPECT_EQ(before.at("total"), 5);
    EXPECT_EQ(before.at("secureLogin"), 2);
    EXPECT_EQ(before.at("sso"), 0);
    EXPECT_EQ(before.at("secureLoginPercent"), 40);

    auto const policy =
        ok(admin_of(org, token, "POST", "/policies", R"({"name":"SSO","type":"billable","samlSso":true})"), 201);
    auto const path = "/policies/" + std::string(policy.at("id").as_string()) + "/accounts/";
    ok(admin_of(org, token, "PUT", path + sso));
    ok(admin_of(org, token, "PUT", path + both));
    auto after = summary();
    EXPECT_EQ(after.at("secureLogin"), 3);  // sso, both (counted once), mfa
    EXPECT_EQ(after.at("sso"), 2);
    EXPECT_EQ(after.at("secureLoginPercent"), 60);

    // SSO on the default policy covers every account without an assignment.
    auto const default_id =
        std::string(ok(admin_of(org, token, "GET", "/policies")).at("policies").at(0).at("id").as_string());
    ok(admin_of(org, token, "PATCH", "/policies/" + default_id, R"({"samlSso":true})"));
    EXPECT_EQ(summary().at("secureLoginPercent"), 100);
    // … but not an account assigned to a policy without it.
    auto const contractors =
        ok(admin_of(org, token, "POST", "/policies", R"({"name":"Contractors","type":"nonbillable"})"), 201);
    ok(admin_of(org, token, "PUT",
                "/policies/" + std::string(contractors.at("id").as_string()) + "/accounts/" + plain));
    auto const mixed = summary();
    EXPECT_EQ(mixed.at("sso"), 4);
    EXPECT_EQ(mixed.at("secureLogin"), 4);
    ok(admin_of(org, token, "PATCH", "/policies/" + default_id, R"({"samlSso":false})"));
    EXPECT_EQ(summary().at("secureLogin"), 3) << "sso, both and mfa; the contractor is plain";

    // An account the organization stops managing takes no policy of it along (DOMAIN.md).
    run_sql(server().dsn(), "UPDATE accounts SET claimed_by = NULL WHERE id = '" + sso + "'");
    auto released = summary();
    EXPECT_EQ(released.at("total"), 4);
    EXPECT_EQ(released.at("sso"), 1);
    EXPECT_EQ(released.at("secureLogin"), 2);
    EXPECT_EQ(released.at("secureLoginPercent"), 50);
}

}  // namespace
}  // namespace scim::testing
