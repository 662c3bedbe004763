// The Host header over real HTTPS (RFC 9112 §3.2): a request without one (HTTP/1.1), with two,
// or with one that is not host[:port] is 400 with the error body of its path; links come from
// --public-url when it is set and otherwise from a valid Host only; and links in mail never
// come from a Host: without --public-url no verification message is queued.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

struct bad_host {
    char const* name;
    std::string fields;  // the Host field lines
    char const* detail;
};

std::vector<bad_host> const bad_hosts = {
    {"no Host", "", "an HTTP/1.1 request needs a Host header"},
    {"two Hosts", "Host: scimd.example\r\nHost: scimd.example\r\n", "the request has more than one Host header"},
    {"markup that would be reflected", "Host: evil.example\"/<x>\r\n",
     "the Host header is not a host name or address with an optional port"},
    {"user information", "Host: user@scimd.example\r\n",
     "the Host header is not a host name or address with an optional port"},
    {"a port out of range", "Host: scimd.example:99999\r\n",
     "the Host header is not a host name or address with an optional port"},
};

class host_header : public admin_e2e_test {
protected:
    // The suite's server runs without --public-url: links follow the request's Host.
    static void SetUpTestSuite() {
        e2e_test::start({});
        admin_token_ = admin_token_for("acme");
    }

    // One HTTP/1.1 request with `host_fields` as its Host lines, on a connection of its own.
    http_reply raw_get(std::string const& target, std::string const& host_fields, std::string const& token) {
        return client().raw("GET " + target + " HTTP/1.1\r\n" + host_fields + "Authorization: Bearer " + token +
                            "\r\nConnection: close\r\n\r\n");
    }
};

TEST_F(host_header, a_missing_duplicate_or_malformed_host_is_400_with_the_error_body_of_the_path) {
    for (auto const& bad : bad_hosts) {
        SCOPED_TRACE(bad.name);
        auto const scim_reply = raw_get(directory().base_path + "/Users", bad.fields, directory().token);
        expect_scim_error(scim_reply, 400, "");
        if (scim_reply.status == 400) {
            EXPECT_EQ(scim_reply.json().at("detail").as_string(), bad.detail);
        }
        auto const admin_reply =
            raw_get("/admin/organizations/" + directory().organization_id + "/accounts", bad.fields, admin_token_);
        expect_admin_error(admin_reply, 400, "bad_request");
        EXPECT_EQ(scim_reply.body.find("evil.example"), std::string::npos) << "nothing of it reflected";
    }
    // HTTP/1.0 has no Host to require (RFC 9112 §3.2 asks it of HTTP/1.1).
    EXPECT_EQ(client().raw("GET /healthz HTTP/1.0\r\n\r\n").status, 200);
}

TEST_F(host_header, without_public_url_links_follow_a_valid_host) {
    int n = 0;
    for (std::string host : {"scim.example:8443", "[::1]:8443", "127.0.0.1"}) {
        SCOPED_TRACE(host);
        auto const created = scim("POST", "/Users", user_body("links-" + std::to_string(++n)), {{"Host", host}});
        ASSERT_EQ(created.status, 201) << created.body;
        auto const id = std::string(created.json().at("id").as_string());
        auto const expected = "https://" + host + directory().base_path + "/Users/" + id;
        EXPECT_EQ(created.header("Location"), expected);
        EXPECT_EQ(created.json().at("meta").at("location").as_string(), expected);
    }
}

// Without --public-url the server has no link it could mail: the change is refused before
// anything is written, whatever Host the request names.
TEST_F(host_header, without_public_url_no_verification_message_is_queued) {
    seed_verified_domain(directory().organization_id, "acme.com");
    auto const account = provision("dana", "dana@acme.com");
    auto const admin_with_host = [&](std::string const& path) {
        return client().request("POST", "/admin/organizations/" + directory().organization_id + path, {},
                                {{"Authorization", "Bearer " + admin_token_},
                                 {"Content-Type", "application/json"},
                                 {"Host", "evil.example"}});
    };
    auto const refused = admin_with_host("/accounts/" + account + "/address-verification");
    expect_admin_error(refused, 503, "service_unavailable");
    EXPECT_NE(refused.body.find("--public-url"), std::string::npos) << refused.body;
    EXPECT_EQ(refused.header("Retry-After"), "") << "waiting does not help; its operator must act";

    // An identity provider's push of an address off the verified domains waits for a link too.
    auto const pushed = scim("PUT", "/Users/" + ids_["dana"],
                             user_body("dana", R"("emails":[{"value":"dana@gmail.example","primary":true}])"),
                             {{"Host", "evil.example"}});
    expect_scim_error(pushed, 503, "");
    EXPECT_NE(pushed.body.find("--public-url"), std::string::npos) << pushed.body;
    auto const detail = ok(admin("GET", "/accounts/" + account));
    EXPECT_EQ(detail.at("email"), "dana@acme.com");
    EXPECT_EQ(detail.at("pendingEmail"), nullptr);
    EXPECT_EQ(scim("GET", "/Users/" + ids_["dana"]).json().at("emails").at(0).at("value"), "dana@acme.com");
    EXPECT_TRUE(ok(admin("GET", "/outbox")).at("messages").as_array().empty());
}

class host_with_public_url : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::start({"--public-url", "https://scim.example.com/base/"});
        seed_verified_domain(directory().organization_id, "acme.com");
    }
};

TEST_F(host_with_public_url, links_come_from_the_public_url_whatever_the_host) {
    auto const created = scim("POST", "/Users", user_body("erin"), {{"Host", "other.example:1"}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto const expected = "https://scim.example.com/base" + directory().base_path + "/Users/" +
                          std::string(created.json().at("id").as_string());
    EXPECT_EQ(created.header("Location"), expected);
    EXPECT_EQ(created.json().at("meta").at("location").as_string(), expected);
    // RFC 9112 §3.2 holds all the same.
    expect_scim_error(
        client().raw("GET " + directory().base_path + "/Users HTTP/1.1\r\nHost: evil.example\"/<x>\r\n\r\n"), 400, "");
}

TEST_F(host_with_public_url, mailed_links_start_with_the_public_url_whatever_the_host) {
    auto const account = provision("finn", "finn@acme.com");
    auto const queued = client().request(
        "POST",
        "/admin/organizations/" + directory().organization_id + "/accounts/" + account + "/address-verification", {},
        {{"Authorization", "Bearer " + admin_token_}, {"Host", "evil.example"}});
    ASSERT_EQ(queued.status, 202) << queued.body;
    auto const run = run_scimd({"drain-outbox", "--db", server().dsn()});
    ASSERT_EQ(run.exit_status, 0) << run.stderr_text;
    auto const body = std::string(json::parse(run.stdout_text).at("body").as_string());
    EXPECT_NE(body.find("\nhttps://scim.example.com/base/email-verifications/scimdverify_"), std::string::npos) << body;
    EXPECT_EQ(body.find("evil.example"), std::string::npos) << body;
    EXPECT_EQ(ok(confirm(link_token(body))).at("emailVerified"), true);
}

}  // namespace
}  // namespace scim::testing
