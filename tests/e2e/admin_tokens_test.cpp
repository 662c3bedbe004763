// The organization's admin tokens through the admin API against the real binary
// (docs/admin-api.md "Admin tokens"): `scimd admin-token` mints the first one with a label; the
// API lists them without secrets, mints more with a label and an optional expiry (the token
// shown once) and revokes them; revoked and expired tokens are refused like unknown ones; the
// organization's last usable token cannot be revoked. Each test works in an organization of
// its own, so that no test revokes another's token.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_tokens : public admin_e2e_test {
protected:
    struct organization {
        std::string id;
        std::string token;  // its first admin token
        std::string token_id;
    };

    // A new organization named `name` and its first admin token, minted by the subcommand.
    static organization first_token(std::string const& name, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"admin-token", "--db", server().dsn(), "--org", name};
        args.insert(args.end(), extra.begin(), extra.end());
        auto const run = run_scimd(args);
        EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
        if (run.exit_status != 0) return {};
        auto const out = json::parse(run.stdout_text).as_object();
        return {std::string(out.at("organization_id").as_string()), std::string(out.at("token").as_string()),
                std::string(out.at("id").as_string())};
    }

    http_reply as(organization const& org, std::string const& token, std::string_view method, std::string const& path,
                  std::string_view body = {}) {
        return admin_of(org.id, token, method, path, body);
    }

    json::array tokens_of(organization const& org, std::string const& token) {
        return ok(as(org, token, "GET", "/admin-tokens")).at("tokens").as_array();
    }

    // A minted token's JSON (with its secret) after checking the 201.
    json::object mint(organization const& org, std::string const& token, std::string const& body) {
        return ok(as(org, token, "POST", "/admin-tokens", body), 201);
    }
};

TEST_F(admin_tokens, minted_with_a_label_and_an_expiry_and_listed_without_secrets) {
    auto const org = first_token("Tokens One", {"--label", "bootstrap"});
    auto const ci = mint(org, org.token, R"({"label":"ci pipeline","expires":"2999-01-01T00:00:00Z"})");
    auto const secret = std::string(ci.at("token").as_string());
    EXPECT_EQ(secret.rfind("scimdadmin_", 0), 0u) << ci;
    EXPECT_EQ(ci.at("label"), "ci pipeline");
    EXPECT_EQ(ci.at("expires"), "2999-01-01T00:00:00.000Z");
    EXPECT_TRUE(ci.at("revoked").is_null());
    auto const forever = mint(org, org.token, R"({"label":"laptop","expires":null})");
    EXPECT_TRUE(forever.at("expires").is_null());

    // The new token works; the list shows it, never a secret, and which token asked.
    auto const tokens = tokens_of(org, secret);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[0].at("label"), "laptop");  // newest first
    EXPECT_EQ(tokens[1].at("id"), ci.at("id"));
    EXPECT_EQ(tokens[1].at("current"), true);
    EXPECT_EQ(tokens[2].at("label"), "bootstrap");
    EXPECT_EQ(tokens[2].at("id"), json::value(org.token_id));
    EXPECT_EQ(tokens[2].at("current"), false);
    for (auto const& t : tokens) {
        // id, label, created, expires, lastUsed, revoked, current: no secret, no hash.
        EXPECT_EQ(t.as_object().size(), 7u) << t;
        EXPECT_EQ(json::serialize(t).find(secret.substr(secret.rfind('_') + 1)), std::string::npos);
    }
    // Both tokens that made requests were used; the laptop's never was.
    EXPECT_TRUE(tokens[1].at("lastUsed").is_string()) << tokens[1];
    EXPECT_TRUE(tokens[2].at("lastUsed").is_string()) << tokens[2];
    EXPECT_TRUE(tokens[0].at("lastUsed").is_null()) << tokens[0];
}

TEST_F(admin_tokens, a_mint_with_a_bad_label_or_expiry_is_refused_and_stores_nothing) {
    auto const org = first_token("Tokens Two");
    for (auto const* body : {R"({})", R"({"label":""})", R"({"label":42})", R"({"label":"tab\there"})",
                             R"({"label":"ci","expires":"tomorrow"})",
                             R"({"label":"ci","expires":"2020-01-01T00:00:00Z"})", R"({"label":"ci","expires":12})"}) {
        expect_admin_error(as(org, org.token, "POST", "/admin-tokens", body), 400, "invalid_value");
    }
    // Labels are bounded like every label (docs/errors.md "Limits": 256 bytes).
    expect_admin_error(as(org, org.token, "POST", "/admin-tokens", R"({"label":")" + std::string(257, 'x') + "\"}"),
                       400, "invalid_value");
    mint(org, org.token, R"({"label":")" + std::string(256, 'x') + "\"}");
    EXPECT_EQ(tokens_of(org, org.token).size(), 2u);
}

TEST_F(admin_tokens, revoked_and_expired_tokens_are_refused_like_unknown_ones) {
    auto const org = first_token("Tokens Three");
    auto const unknown = as(org, "scimdadmin_0123456789abcdef_" + std::string(43, 'A'), "GET", "/domains");
    expect_admin_error(unknown, 401, "unauthorized");

    auto const revoked = mint(org, org.token, R"({"label":"to revoke"})");
    auto const revoked_secret = std::string(revoked.at("token").as_string());
    EXPECT_EQ(as(org, revoked_secret, "GET", "/domains").status, 200);
    auto const path = "/admin-tokens/" + std::string(revoked.at("id").as_string());
    EXPECT_EQ(as(org, org.token, "DELETE", path).status, 204);
    EXPECT_EQ(as(org, org.token, "DELETE", path).status, 204);  // idempotent
    auto const after_revocation = as(org, revoked_secret, "GET", "/domains");
    EXPECT_EQ(after_revocation.status, 401);
    EXPECT_EQ(after_revocation.body, unknown.body);
    EXPECT_TRUE(tokens_of(org, org.token)[0].at("revoked").is_string());

    auto const expiring = mint(org, org.token, R"({"label":"short-lived","expires":"2999-01-01T00:00:00Z"})");
    auto const expiring_secret = std::string(expiring.at("token").as_string());
    EXPECT_EQ(as(org, expiring_secret, "GET", "/domains").status, 200);
    // Time passes.
    run_sql(server().dsn(), "UPDATE admin_tokens SET expires = now() - interval '1 second' WHERE id = '" +
                                std::string(expiring.at("id").as_string()) + "'");
    auto const after_expiry = as(org, expiring_secret, "GET", "/domains");
    EXPECT_EQ(after_expiry.status, 401);
    EXPECT_EQ(after_expiry.body, unknown.body);

    // Unknown ids, and another organization's tokens, are not this organization's to revoke.
    expect_admin_error(as(org, org.token, "DELETE", "/admin-tokens/0123456789abcdef"), 404, "not_found");
    auto const other = first_token("Tokens Elsewhere");
    expect_admin_error(as(org, org.token, "DELETE", "/admin-tokens/" + other.token_id), 404, "not_found");
    EXPECT_EQ(as(other, other.token, "GET", "/domains").status, 200);
}

TEST_F(admin_tokens, the_last_usable_token_stays_and_a_token_may_revoke_itself_when_another_is_left) {
    auto const org = first_token("Tokens Four");
    auto const own = "/admin-tokens/" + org.token_id;
    auto refused = as(org, org.token, "DELETE", own);
    expect_admin_error(refused, 409, "conflict");
    EXPECT_NE(refused.body.find("mint another"), std::string::npos) << refused.body;

    // An expired token is no way in: it does not count as another.
    auto const expired = mint(org, org.token, R"({"label":"expired"})");
    run_sql(server().dsn(), "UPDATE admin_tokens SET expires = now() - interval '1 second' WHERE id = '" +
                                std::string(expired.at("id").as_string()) + "'");
    expect_admin_error(as(org, org.token, "DELETE", own), 409, "conflict");

    // Rotation: a new token, then the old one revokes itself.
    auto const next = mint(org, org.token, R"({"label":"next"})");
    auto const next_secret = std::string(next.at("token").as_string());
    EXPECT_EQ(as(org, org.token, "DELETE", own).status, 204);
    EXPECT_EQ(as(org, org.token, "GET", "/admin-tokens").status, 401);
    EXPECT_EQ(tokens_of(org, next_secret).size(), 3u);
    expect_admin_error(as(org, next_secret, "DELETE", "/admin-tokens/" + std::string(next.at("id").as_string())), 409,
                       "conflict");
}

TEST_F(admin_tokens, the_subcommand_labels_the_first_token) {
    auto const org = first_token("Tokens Five");
    EXPECT_EQ(tokens_of(org, org.token)[0].at("label"), "scimd admin-token");
    for (auto const* label : {"", "line\nbreak"}) {
        auto const run = run_scimd({"admin-token", "--db", server().dsn(), "--org", "Tokens Five", "--label", label});
        EXPECT_EQ(run.exit_status, 2) << run.stdout_text;
        EXPECT_NE(run.stderr_text.find("--label"), std::string::npos) << run.stderr_text;
    }
    EXPECT_EQ(tokens_of(org, org.token).size(), 1u);
}

}  // namespace
}  // namespace scim::testing
