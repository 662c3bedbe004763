#pragma once
// One real scimd process over HTTPS per test suite, on its own fresh database, with one
// bootstrapped directory; tests speak to it only through an HTTPS client.

#include <cctype>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "client/https_client.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {

// The scimd account extension of Users (schemas/scim/scimd_account.json).
inline std::string const account_urn = "urn:scimd:params:scim:schemas:extension:account:2.0:User";

// `text` percent-encoded for a query string (RFC 3986 unreserved characters kept).
inline std::string url_encode(std::string const& text) {
    static char const hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

class e2e_test : public ::testing::Test {
protected:
    static void SetUpTestSuite() { start({}); }
    // Starts scimd with `options` on its command line and bootstraps "acme" with a directory
    // "okta"; for a suite whose server needs more than the defaults.
    static void start(std::vector<std::string> const& options) {
        server_ = std::make_unique<scimd_process>(fresh_database_dsn(), options);
        directory_ = std::make_unique<bootstrap_result>(server_->bootstrap("acme", "okta"));
    }
    static void TearDownTestSuite() {
        directory_.reset();
        server_.reset();
    }

    static scimd_process& server() { return *server_; }
    static bootstrap_result const& directory() { return *directory_; }

    https_client& client() {
        if (!client_) client_ = std::make_unique<https_client>("127.0.0.1", server().port());
        return *client_;
    }

    // A request to the directory's SCIM base with its bearer token.
    http_reply scim(std::string_view method, std::string const& path, std::string_view body = {},
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Authorization", "Bearer " + directory().token);
        return client().request(method, directory().base_path + path, body, headers);
    }

    // A domain the organization has verified and claimed: the accounts that appear on it are
    // its managed accounts. Verification and the claim themselves (admin API and DNS) are tested
    // in admin_domains_test; other tests start from their result.
    static void seed_verified_domain(std::string const& organization_id, std::string const& name) {
        run_sql(server().dsn(),
                "INSERT INTO domains (id, organization_id, name, state, verification_token, verified_at, claimed_at) "
                "VALUES (gen_random_uuid(), '" +
                    organization_id + "', '" + name + "', 'claimed', 'seeded', now(), now())");
    }

    static std::string user_body(std::string const& user_name, std::string const& extra = "") {
        return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name + "\"" +
               (extra.empty() ? "" : "," + extra) + "}";
    }

    // Asserts an RFC 7644 §3.12 error body and returns it.
    static void expect_scim_error(http_reply const& reply, int status, std::string const& scim_type) {
        EXPECT_EQ(reply.status, status) << reply.body;
        EXPECT_EQ(reply.header("content-type"), "application/scim+json") << reply.body;
        auto body = reply.json().as_object();
        EXPECT_EQ(body.at("schemas").as_array().at(0).as_string(), "urn:ietf:params:scim:api:messages:2.0:Error");
        EXPECT_EQ(body.at("status").as_string(), std::to_string(status));
        if (scim_type.empty()) {
            EXPECT_FALSE(body.contains("scimType")) << reply.body;
        } else {
            ASSERT_TRUE(body.contains("scimType")) << reply.body;
            EXPECT_EQ(body.at("scimType").as_string(), scim_type);
        }
        EXPECT_TRUE(body.contains("detail")) << reply.body;
    }

private:
    static inline std::unique_ptr<scimd_process> server_;
    static inline std::unique_ptr<bootstrap_result> directory_;
    std::unique_ptr<https_client> client_;
};

}  // namespace scim::testing
