// Bearer tokens: one directory's token opens only that directory (DOMAIN.md, RFC 6750).

#include <chrono>
#include <thread>

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

class auth : public e2e_test {};

void expect_unauthorized(http_reply const& reply) {
    EXPECT_EQ(reply.status, 401) << reply.body;
    EXPECT_NE(reply.header("www-authenticate").find("Bearer"), std::string::npos);
    auto body = reply.json().as_object();
    EXPECT_EQ(body.at("status"), "401");
    EXPECT_EQ(body.at("schemas").at(0), "urn:ietf:params:scim:api:messages:2.0:Error");
}

TEST_F(auth, requests_without_a_valid_token_are_401) {
    auto path = directory().base_path + "/Users";
    expect_unauthorized(client().request("GET", path));
    expect_unauthorized(client().request("GET", path, {}, {{"Authorization", "Bearer nope"}}));
    expect_unauthorized(client().request("GET", path, {}, {{"Authorization", "Basic dXNlcjpwYXNz"}}));
    auto tampered = directory().token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    expect_unauthorized(client().request("GET", path, {}, {{"Authorization", "Bearer " + tampered}}));
    expect_unauthorized(client().request("GET", directory().base_path + "/ServiceProviderConfig"));
}

TEST_F(auth, the_scheme_is_case_insensitive) {
    auto reply = client().request("GET", directory().base_path + "/Users", {},
                                  {{"Authorization", "bearer " + directory().token}});
    EXPECT_EQ(reply.status, 200);
}

TEST_F(auth, a_token_opens_only_its_own_directory) {
    auto other = server().bootstrap("globex", "entra");
    auto created = scim("POST", "/Users", user_body("secret@acme.com"));
    ASSERT_EQ(created.status, 201);
    auto id = std::string(created.json().at("id").as_string());

    auto with_other = [&](std::string const& method, std::string const& path, std::string const& body = "") {
        return client().request(method, path, body, {{"Authorization", "Bearer " + other.token}});
    };
    // The other directory's token on this directory's URLs.
    expect_unauthorized(with_other("GET", directory().base_path + "/Users/" + id));
    expect_unauthorized(with_other("GET", directory().base_path + "/Users"));
    expect_unauthorized(with_other("DELETE", directory().base_path + "/Users/" + id));
    // Its own URLs do not reach this directory's user either.
    EXPECT_EQ(with_other("GET", other.base_path + "/Users/" + id).status, 404);
    EXPECT_EQ(with_other("DELETE", other.base_path + "/Users/" + id).status, 404);
    EXPECT_EQ(with_other("GET", other.base_path + "/Users").json().at("totalResults").as_int64(), 0);
    EXPECT_EQ(scim("GET", "/Users/" + id).status, 200);
}

// docs/authentication.md "Token cache": a token revoked by another replica (here: straight in
// the database, which no cache of this process saw) is refused within a second.
TEST_F(auth, a_token_revoked_elsewhere_is_refused_within_a_second) {
    auto const other = server().bootstrap("initech", "okta");
    auto const get = [&] {
        return client().request("GET", other.base_path + "/Users", {}, {{"Authorization", "Bearer " + other.token}});
    };
    ASSERT_EQ(get().status, 200);
    auto const token_id = other.token.substr(std::string("scimd_").size(), 16);
    run_sql(server().dsn(), "UPDATE directory_tokens SET revoked_at = now() WHERE id = '" + token_id + "'");
    auto const revoked = std::chrono::steady_clock::now();
    int status = 200;
    while (status == 200 && std::chrono::steady_clock::now() - revoked < std::chrono::seconds(3)) {
        status = get().status;
        if (status == 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto const took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - revoked);
    EXPECT_EQ(status, 401);
    // The cache trusts an entry for 1000 ms; the margin is the polling's and the machine's.
    EXPECT_LE(took.count(), 1500) << "the revocation took " << took.count() << " ms to take effect";
}

TEST_F(auth, health_endpoints_need_no_token) {
    EXPECT_EQ(client().request("GET", "/healthz").status, 200);
    EXPECT_EQ(client().request("GET", "/readyz").status, 200);
}

}  // namespace
}  // namespace scim::testing
