// Accounts' API tokens through the admin API against the real binary (DOMAIN.md entity "API
// token"; the seed: "you can revoke a user's API tokens"): created with `scimd api-token` as a
// user would in a product, listed without secrets, revoked idempotently; only the managing
// organization sees and revokes them.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_api_tokens : public acme_managed_e2e_test {
protected:
    static json::object create_token(std::string const& email, std::string const& label, std::string const& days = "") {
        std::vector<std::string> args{"api-token", "--db", server().dsn(), "--email", email, "--label", label};
        if (!days.empty()) args.insert(args.end(), {"--expires-days", days});
        auto const run = run_scimd(args);
        EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
        return run.exit_status == 0 ? json::parse(run.stdout_text).as_object() : json::object{};
    }

    json::array tokens_of(std::string const& account) {
        return ok(admin("GET", "/accounts/" + account + "/api-tokens")).at("tokens").as_array();
    }
};

TEST_F(admin_api_tokens, listed_without_secrets_and_revoked_once_for_all) {
    auto const liam = provision("liam", "liam@acme.com");
    auto const ci = create_token("LIAM@acme.com", "ci", "30");
    EXPECT_EQ(ci.at("account_id").as_string(), liam);
    EXPECT_EQ(ci.at("token").as_string().find("scimdapi_"), 0u);
    EXPECT_TRUE(ci.at("expires").is_string());
    auto const laptop = create_token("liam@acme.com", "laptop");
    EXPECT_TRUE(laptop.at("expires").is_null());

    auto tokens = tokens_of(liam);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].at("label"), "laptop");  // newest first
    EXPECT_EQ(tokens[1].at("label"), "ci");
    EXPECT_EQ(tokens[1].at("id"), ci.at("id"));
    for (auto const& t : tokens) {
        EXPECT_TRUE(t.at("created").is_string());
        EXPECT_TRUE(t.at("lastUsed").is_null());
        EXPECT_TRUE(t.at("revoked").is_null());
        EXPECT_EQ(t.as_object().size(), 6u) << t;  // id, label, created, lastUsed, expires, revoked: no secret
    }

    auto const path = "/accounts/" + liam + "/api-tokens/" + std::string(ci.at("id").as_string());
    EXPECT_EQ(admin("DELETE", path).status, 204);
    EXPECT_EQ(admin("DELETE", path).status, 204);  // idempotent
    tokens = tokens_of(liam);
    EXPECT_TRUE(tokens[1].at("revoked").is_string());
    EXPECT_TRUE(tokens[0].at("revoked").is_null());
    EXPECT_EQ(admin("DELETE", "/accounts/" + liam + "/api-tokens/0123456789abcdef").status, 404);
    // Another account's token is not this account's to revoke.
    auto const mia = provision("mia", "mia@acme.com");
    EXPECT_EQ(admin("DELETE", "/accounts/" + mia + "/api-tokens/" + std::string(laptop.at("id").as_string())).status,
              404);
}

TEST_F(admin_api_tokens, only_the_managing_organization_sees_them) {
    auto const jane = provision("jane", "jane@gmail.example");
    auto const token = create_token("jane@gmail.example", "personal");
    auto refused = admin("GET", "/accounts/" + jane + "/api-tokens");
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("external"), std::string::npos) << refused.body;
    EXPECT_EQ(admin("DELETE", "/accounts/" + jane + "/api-tokens/" + std::string(token.at("id").as_string())).status,
              403);

    auto const peter = provision_elsewhere("initech", "peter", "peter@initech.example");
    ASSERT_FALSE(peter.empty());
    auto const theirs = create_token("peter@initech.example", "build");
    EXPECT_EQ(admin("GET", "/accounts/" + peter + "/api-tokens").status, 404);
    EXPECT_EQ(admin("DELETE", "/accounts/" + peter + "/api-tokens/" + std::string(theirs.at("id").as_string())).status,
              404);
}

TEST_F(admin_api_tokens, the_subcommand_needs_an_existing_account) {
    auto const run = run_scimd({"api-token", "--db", server().dsn(), "--email", "nobody@acme.com", "--label", "x"});
    EXPECT_EQ(run.exit_status, 1);
    EXPECT_NE(run.stderr_text.find("nobody@acme.com"), std::string::npos) << run.stderr_text;
    EXPECT_EQ(run_scimd({"api-token", "--db", server().dsn(), "--email", "liam@acme.com"}).exit_status, 2);
    EXPECT_EQ(run_scimd({"api-token", "--db", server().dsn(), "--email", "liam@acme.com", "--label", "x",
                         "--expires-days", "0"})
                  .exit_status,
              2);
}

}  // namespace
}  // namespace scim::testing
