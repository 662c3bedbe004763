#pragma once
// The admin API side of an end-to-end test: an admin token of the bootstrapped organization
// ("acme"), requests to /admin/organizations/{organization}, and SCIM users provisioned with
// an email so that they have an account.

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <string>

#include "e2e_fixture.hpp"

namespace scim::testing {

// A new admin token of the organization named `org` (created when it does not exist).
inline std::string new_admin_token(std::string const& dsn, std::string const& org) {
    auto const run = run_scimd({"admin-token", "--db", dsn, "--org", org});
    EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
    return std::string(boost::json::parse(run.stdout_text).at("token").as_string());
}

// The base of the links scimd mails (verification messages): scimd queues none without
// --public-url, so the admin suites' servers run with one, as deployments do; `options` get it
// unless they name their own.
inline std::string const e2e_public_url = "https://scimd.test";
inline std::vector<std::string> with_public_url(std::vector<std::string> options) {
    if (std::find(options.begin(), options.end(), "--public-url") == options.end()) {
        options.insert(options.end(), {"--public-url", e2e_public_url});
    }
    return options;
}

// A scimd of the test's own, for options the suite's server does not have: organization "acme"
// with its directory "okta" and an admin token.
struct own_admin_server {
    explicit own_admin_server(std::vector<std::string> options)
        : server(fresh_database_dsn(), with_public_url(std::move(options))), tenant(server.bootstrap("acme", "okta")),
          admin_token(new_admin_token(server.dsn(), "acme")), client("127.0.0.1", server.port()) {}

    http_reply admin(std::string_view method, std::string const& path, std::string_view body = {}) {
        return client.request(method, "/admin/organizations/" + tenant.organization_id + path, body,
                              {{"Authorization", "Bearer " + admin_token}, {"Content-Type", "application/json"}});
    }
    http_reply scim(std::string_view method, std::string const& path, std::string_view body = {}) {
        return client.request(method, tenant.base_path + path, body, {{"Authorization", "Bearer " + tenant.token}});
    }

    scimd_process server;
    bootstrap_result tenant;
    std::string admin_token;
    https_client client;
};

class admin_e2e_test : public e2e_test {
protected:
    static void SetUpTestSuite() { start({}); }
    static void start(std::vector<std::string> const& options) {
        e2e_test::start(with_public_url(options));
        admin_token_ = admin_token_for("acme");
    }

    // A new admin token of the organization named `org` (created when it does not exist).
    static std::string admin_token_for(std::string const& org) { return new_admin_token(server().dsn(), org); }

    // A request under the organization's admin base path.
    http_reply admin(std::string_view method, std::string const& path, std::string_view body = {},
                     std::string const& token = admin_token_) {
        return admin_of(directory().organization_id, token, method, path, body);
    }

    // A request under the admin base path of `organization_id` (another organization's) with `token`.
    http_reply admin_of(std::string const& organization_id, std::string const& token, std::string_view method,
                        std::string const& path, std::string_view body = {}) {
        return client().request(method, "/admin/organizations/" + organization_id + path, body,
                                {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    }

    // A SCIM user with `email` as its primary address; answers its account id and remembers
    // its SCIM id in ids_.
    std::string provision(std::string const& user_name, std::string const& email, std::string const& extra = "") {
        auto reply = scim("POST", "/Users",
                          user_body(user_name, R"("emails":[{"value":")" + email + R"(","primary":true}])" +
                                                   (extra.empty() ? "" : "," + extra)));
        EXPECT_EQ(reply.status, 201) << reply.body;
        if (reply.status != 201) return {};
        ids_[user_name] = std::string(reply.json().at("id").as_string());
        return std::string(reply.json().at(account_urn).at("accountId").as_string());
    }

    // A user that another organization (`org`, bootstrapped with a directory "okta" when new)
    // provisions with `email`; answers its account id.
    std::string provision_elsewhere(std::string const& org, std::string const& user_name, std::string const& email) {
        return provision_in(server().bootstrap(org, "okta"), user_name, email);
    }

    // A user of another organization's directory, provisioned with `email`; answers its account id.
    std::string provision_in(bootstrap_result const& other, std::string const& user_name, std::string const& email) {
        https_client c("127.0.0.1", server().port());
        auto reply = c.request("POST", other.base_path + "/Users",
                               user_body(user_name, R"("emails":[{"value":")" + email + R"(","primary":true}])"),
                               {{"Authorization", "Bearer " + other.token}});
        EXPECT_EQ(reply.status, 201) << reply.body;
        if (reply.status != 201) return {};
        return std::string(reply.json().at(account_urn).at("accountId").as_string());
    }

    // Drains the outbox as a mailer would (`scimd drain-outbox`) and answers the token of the
    // link of kind `kind` sent to `to` ("" when no such message was queued).
    static std::string mailed_token(std::string const& to, std::string const& kind = "email_change") {
        auto const run = run_scimd({"drain-outbox", "--db", server().dsn()});
        EXPECT_EQ(run.exit_status, 0) << run.stderr_text;
        std::istringstream lines(run.stdout_text);
        std::string token;
        for (std::string line; std::getline(lines, line);) {
            auto const message = boost::json::parse(line).as_object();
            if (message.at("to").as_string() != to || message.at("kind").as_string() != kind) continue;
            token = link_token(std::string(message.at("body").as_string()));
            EXPECT_EQ(token.rfind("scimdverify_", 0), 0u) << message;
        }
        return token;
    }

    // The token of the verification link in a message body: what follows
    // "/email-verifications/", up to the first character a token does not use.
    static std::string link_token(std::string const& body) {
        constexpr std::string_view path = "/email-verifications/";
        auto const at = body.find(path);
        if (at == std::string::npos) return {};
        auto const start = at + path.size();
        auto end = start;
        while (end < body.size() &&
               (std::isalnum(static_cast<unsigned char>(body[end])) || body[end] == '_' || body[end] == '-'))
            ++end;
        return body.substr(start, end - start);
    }

    // Opens a verification link, as its recipient would.
    http_reply confirm(std::string const& token) { return client().request("POST", "/email-verifications/" + token); }

    // The account's owner proves its current address `email` (the seed: an unverified managed
    // account's details cannot be changed).
    void verify_address(std::string const& account_id, std::string const& email) {
        ok(admin("POST", "/accounts/" + account_id + "/address-verification"), 202);
        EXPECT_EQ(ok(confirm(mailed_token(email, "address_verification"))).at("emailVerified"), true);
    }

    // An admin API error (docs/admin-api.md "Errors"): application/json
    // {"status": <number>, "error": <core::name_of the error type>, "detail": "…"}.
    static void expect_admin_error(http_reply const& reply, int status, std::string const& error) {
        EXPECT_EQ(reply.status, status) << reply.body;
        EXPECT_EQ(reply.header("content-type"), "application/json") << reply.body;
        if (reply.status != status || reply.body.empty()) return;
        auto const body = reply.json().as_object();
        EXPECT_EQ(body.at("status"), boost::json::value(status)) << reply.body;
        EXPECT_EQ(body.at("error"), boost::json::value(error)) << reply.body;
        EXPECT_TRUE(body.contains("detail")) << reply.body;
        EXPECT_FALSE(body.contains("schemas")) << reply.body;
    }

    // The reply's JSON object after checking its status (empty when there is no body).
    static boost::json::object ok(http_reply const& reply, int status = 200) {
        EXPECT_EQ(reply.status, status) << reply.body;
        return reply.status == status && !reply.body.empty() ? reply.json().as_object() : boost::json::object{};
    }

    static inline std::string admin_token_;
    std::map<std::string, std::string> ids_;  // SCIM user id by userName
};

// The same with acme.com verified by the organization, so that the accounts provisioned on it
// are managed ones.
class acme_managed_e2e_test : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.com");
    }
};

}  // namespace scim::testing
