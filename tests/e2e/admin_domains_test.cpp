// Domains through the admin API, against the real binary and a real DNS server (dnsmasq): add a
// domain and get the TXT record, verification refused until the record is published, then
// verified, which claims nothing: the accounts on it stay external users, counted as the preview
// of the claim. The claim makes them managed, and accounts appearing on the domain later are
// managed at once. One organization per verified domain; removing a domain releases its
// accounts; admin tokens per organization.

#include "e2e_fixture.hpp"
#include "support/dns_server.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

struct admin_tenant {
    std::string organization_id;
    std::string token;
};

class admin_domains : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dns_port_ = dns_server::free_port();
        server_ = std::make_unique<scimd_process>(
            fresh_database_dsn(), std::vector<std::string>{"--dns-server", "127.0.0.1:" + std::to_string(dns_port_)});
        scim_ = std::make_unique<bootstrap_result>(server_->bootstrap("acme", "okta"));
        acme_ = admin_token("acme");
    }
    static void TearDownTestSuite() {
        scim_.reset();
        server_.reset();
    }

    static admin_tenant admin_token(std::string const& org) {
        auto const run = run_scimd({"admin-token", "--db", server_->dsn(), "--org", org});
        EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
        auto const out = json::parse(run.stdout_text).as_object();
        return {std::string(out.at("organization_id").as_string()), std::string(out.at("token").as_string())};
    }

    http_reply admin(admin_tenant const& tenant, std::string_view method, std::string const& path,
                     std::string_view body = {}) {
        https_client c("127.0.0.1", server_->port());
        return c.request(method, "/admin/organizations/" + tenant.organization_id + path, body,
                         {{"Authorization", "Bearer " + tenant.token}, {"Content-Type", "application/json"}});
    }

    http_reply scim(std::string_view method, std::string const& path, std::string_view body = {}) {
        https_client c("127.0.0.1", server_->port());
        return c.request(method, scim_->base_path + path, body, {{"Authorization", "Bearer " + scim_->token}});
    }

    static inline unsigned short dns_port_ = 0;
    static inline std::unique_ptr<scimd_process> server_;
    static inline std::unique_ptr<bootstrap_result> scim_;
    static inline admin_tenant acme_;
};

TEST_F(admin_domains, verifying_a_domain_proves_ownership_and_the_claim_takes_its_accounts) {
    // Jane is provisioned before Acme verifies acme.test: an external user.
    auto jane = scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"jane","emails":[{"value":"jane@acme.test","primary":true}]})");
    ASSERT_EQ(jane.status, 201) << jane.body;
    auto const jane_id = std::string(jane.json().at("id").as_string());
    EXPECT_EQ(jane.json().at(account_urn).at("accountType"), "external");
    auto account_type = [&](std::string const& user_id) {
        return std::string(scim("GET", "/Users/" + user_id).json().at(account_urn).at("accountType").as_string());
    };

    auto added = admin(acme_, "POST", "/domains", R"({"name":"ACME.test."})");
    ASSERT_EQ(added.status, 201) << added.body;
    auto const domain = added.json().as_object();
    EXPECT_EQ(domain.at("name"), "acme.test");
    EXPECT_EQ(domain.at("state"), "unverified");
    // How many accounts a domain holds is not for an organization that has not proved it owns it.
    EXPECT_FALSE(domain.contains("accounts")) << added.body;
    auto const record = std::string(domain.at("verification").at("name").as_string());
    auto const value = std::string(domain.at("verification").at("value").as_string());
    EXPECT_EQ(record, "_scimd-challenge.acme.test");
    EXPECT_EQ(admin(acme_, "POST", "/domains", R"({"name":"acme.test"})").status, 409);

    // No claim before the domain is verified.
    auto early = admin(acme_, "POST", "/domains/acme.test/claim");
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(early.json().at("error"), "conflict");
    EXPECT_NE(early.body.find("verify"), std::string::npos) << early.body;
    EXPECT_EQ(admin(acme_, "POST", "/domains/nothing.test/claim").status, 404);
    {
        // Published somewhere else, or not yet: refused.
        dns_server dns("acme.test", {{"_scimd-challenge.acme.test", "scimd-verification=something-else"}}, dns_port_);
        auto refused = admin(acme_, "POST", "/domains/acme.test/verify");
        EXPECT_EQ(refused.status, 409) << refused.body;
        EXPECT_NE(refused.body.find(record), std::string::npos) << refused.body;
    }
    {
        dns_server dns("acme.test", {{record, value}}, dns_port_);
        auto verified = admin(acme_, "POST", "/domains/acme.test/verify");
        ASSERT_EQ(verified.status, 200) << verified.body;
        EXPECT_EQ(verified.json().at("state"), "verified");
        EXPECT_TRUE(verified.json().at("verifiedAt").is_string());
        EXPECT_FALSE(verified.json().as_object().contains("claimedAt"));
        EXPECT_FALSE(verified.json().as_object().contains("claimedAccounts")) << "verifying claims nothing";
        EXPECT_EQ(verified.json().at("accounts").as_object(), (json::object{{"unclaimed", 1}, {"managed", 0}}));
    }
    // Verified, not claimed: Jane stays external, and so is Liam, provisioned now.
    EXPECT_EQ(account_type(jane_id), "external");
    auto liam = scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"liam","emails":[{"value":"liam@acme.test","primary":true}]})");
    ASSERT_EQ(liam.status, 201) << liam.body;
    auto const liam_id = std::string(liam.json().at("id").as_string());
    EXPECT_EQ(liam.json().at(account_urn).at("accountType"), "external");

    // The preview: the claim would take both.
    auto preview = admin(acme_, "GET", "/domains/acme.test");
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_EQ(preview.json().at("accounts").as_object(), (json::object{{"unclaimed", 2}, {"managed", 0}}));

    auto claimed = admin(acme_, "POST", "/domains/acme.test/claim");
    ASSERT_EQ(claimed.status, 200) << claimed.body;
    EXPECT_EQ(claimed.json().at("state"), "claimed");
    EXPECT_EQ(claimed.json().at("claimedAccounts"), 2);
    EXPECT_EQ(claimed.json().at("accounts").as_object(), (json::object{{"unclaimed", 0}, {"managed", 2}}));
    auto const claimed_at = claimed.json().at("claimedAt");
    EXPECT_TRUE(claimed_at.is_string());
    EXPECT_EQ(account_type(jane_id), "managed");
    EXPECT_EQ(account_type(liam_id), "managed");

    // From now on an account that appears on the domain is claimed at once.
    auto ann = scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"ann","emails":[{"value":"ann@acme.test","primary":true}]})");
    ASSERT_EQ(ann.status, 201) << ann.body;
    auto const ann_id = std::string(ann.json().at("id").as_string());
    EXPECT_EQ(ann.json().at(account_urn).at("accountType"), "managed");

    // Claiming again takes what is still unclaimed (nothing); verifying again keeps the claim.
    auto again = admin(acme_, "POST", "/domains/acme.test/claim");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json().at("claimedAccounts"), 0);
    EXPECT_EQ(again.json().at("claimedAt"), claimed_at);
    {
        dns_server dns("acme.test", {{record, value}}, dns_port_);
        auto reverified = admin(acme_, "POST", "/domains/acme.test/verify");
        ASSERT_EQ(reverified.status, 200) << reverified.body;
        EXPECT_EQ(reverified.json().at("state"), "claimed");
        EXPECT_EQ(reverified.json().at("claimedAt"), claimed_at);
    }
    auto listed = admin(acme_, "GET", "/domains");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("domains").at(0).at("state"), "claimed");
    EXPECT_EQ(listed.json().at("domains").at(0).at("accounts").at("managed"), 3);

    // Another organization can neither verify nor claim the same domain, even with its own
    // record published.
    auto globex = admin_token("globex");
    auto theirs = admin(globex, "POST", "/domains", R"({"name":"acme.test"})");
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    auto const their_value = std::string(theirs.json().at("verification").at("value").as_string());
    {
        dns_server dns("acme.test", {{record, their_value}}, dns_port_);
        EXPECT_EQ(admin(globex, "POST", "/domains/acme.test/verify").status, 409);
    }
    EXPECT_EQ(admin(globex, "POST", "/domains/acme.test/claim").status, 409);

    // Removing the domain releases the accounts Acme managed on it: they are external users now.
    EXPECT_EQ(admin(acme_, "DELETE", "/domains/acme.test").status, 204);
    EXPECT_EQ(admin(acme_, "GET", "/domains/acme.test").status, 404);
    EXPECT_EQ(account_type(jane_id), "external");
    EXPECT_EQ(account_type(ann_id), "external");

    // The domain is free: Globex verifies and claims it, and takes the three accounts.
    {
        dns_server dns("acme.test", {{record, their_value}}, dns_port_);
        auto verified = admin(globex, "POST", "/domains/acme.test/verify");
        ASSERT_EQ(verified.status, 200) << verified.body;
        EXPECT_EQ(verified.json().at("accounts").as_object(), (json::object{{"unclaimed", 3}, {"managed", 0}}));
    }
    auto taken = admin(globex, "POST", "/domains/acme.test/claim");
    ASSERT_EQ(taken.status, 200) << taken.body;
    EXPECT_EQ(taken.json().at("claimedAccounts"), 3);
}

TEST_F(admin_domains, admin_tokens_are_per_organization) {
    auto globex = admin_token("globex-2");
    admin_tenant wrong{acme_.organization_id, globex.token};
    EXPECT_EQ(admin(wrong, "GET", "/domains").status, 401);
    admin_tenant none{acme_.organization_id, "scimdadmin_0000000000000000_nothing"};
    EXPECT_EQ(admin(none, "GET", "/domains").status, 401);
    // A SCIM directory token is no admin token.
    admin_tenant scim_token{acme_.organization_id, scim_->token};
    EXPECT_EQ(admin(scim_token, "GET", "/domains").status, 401);
    EXPECT_EQ(admin(acme_, "POST", "/domains", R"({"name":"not a domain"})").status, 400);
    EXPECT_EQ(admin(acme_, "POST", "/domains", R"({"nom":"acme.test"})").status, 400);
}

}  // namespace
}  // namespace scim::testing
