// Domain verification through the admin API, against the real binary and a real DNS server
// (dnsmasq): add a domain and get the TXT record, verification refused until the record is
// published, then verified, which claims the accounts on the domain (an external user becomes
// a managed account); one organization per verified domain; admin tokens per organization.

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

TEST_F(admin_domains, verifying_a_domain_claims_its_accounts) {
    // Jane is provisioned before Acme verifies acme.test: an external user.
    auto jane = scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"jane","emails":[{"value":"jane@acme.test","primary":true}]})");
    ASSERT_EQ(jane.status, 201) << jane.body;
    auto const jane_id = std::string(jane.json().at("id").as_string());
    EXPECT_EQ(jane.json().at(account_urn).at("accountType"), "external");

    auto added = admin(acme_, "POST", "/domains", R"({"name":"ACME.test."})");
    ASSERT_EQ(added.status, 201) << added.body;
    auto const domain = added.json().as_object();
    EXPECT_EQ(domain.at("name"), "acme.test");
    EXPECT_EQ(domain.at("state"), "unverified");
    auto const record = std::string(domain.at("verification").at("name").as_string());
    auto const value = std::string(domain.at("verification").at("value").as_string());
    EXPECT_EQ(record, "_scimd-challenge.acme.test");
    EXPECT_EQ(admin(acme_, "POST", "/domains", R"({"name":"acme.test"})").status, 409);

    {
        // Published somewhere else, or not yet: refused, nothing claimed.
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
        EXPECT_EQ(verified.json().at("claimedAccounts"), 1);
    }
    // Jane's account is now Acme's; Liam, provisioned after, is claimed at once.
    EXPECT_EQ(scim("GET", "/Users/" + jane_id).json().at(account_urn).at("accountType"), "managed");
    auto liam = scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName":"liam","emails":[{"value":"liam@acme.test","primary":true}]})");
    EXPECT_EQ(liam.json().at(account_urn).at("accountType"), "managed");

    auto listed = admin(acme_, "GET", "/domains");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("domains").at(0).at("state"), "verified");

    // Another organization cannot verify the same domain, even with its own record published.
    auto globex = admin_token("globex");
    auto theirs = admin(globex, "POST", "/domains", R"({"name":"acme.test"})");
    ASSERT_EQ(theirs.status, 201) << theirs.body;
    {
        dns_server dns("acme.test", {{record, std::string(theirs.json().at("verification").at("value").as_string())}},
                       dns_port_);
        EXPECT_EQ(admin(globex, "POST", "/domains/acme.test/verify").status, 409);
    }

    // Removing the domain keeps the accounts claimed through it.
    EXPECT_EQ(admin(acme_, "DELETE", "/domains/acme.test").status, 204);
    EXPECT_EQ(admin(acme_, "GET", "/domains/acme.test").status, 404);
    EXPECT_EQ(scim("GET", "/Users/" + jane_id).json().at(account_urn).at("accountType"), "managed");
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
