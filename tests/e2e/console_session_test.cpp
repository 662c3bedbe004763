// The admin console's session over real HTTPS (docs/console.md "Security"): an admin token
// exchanged for a cookie with exactly the flags a browser needs, the cookie in place of the
// bearer on the admin API, CSRF and cross-site refusals that change nothing, sign-out, expiry,
// revocation, another organization's path, bad sign-ins, the audit, and a log that shows none of
// the secrets.

#include <chrono>
#include <set>
#include <thread>

#include "admin_fixture.hpp"
#include "support/pg_connection.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

struct signed_in {
    std::string cookie;  // "__Host-scimd-console=<value>", as a Cookie header sends it
    std::string value;
    std::string csrf;
    json::object body;
    std::string set_cookie;
};

class console_session : public admin_e2e_test {
protected:
    static void SetUpTestSuite() { start({"--log-level", "debug"}); }

    http_reply sign_in_reply(std::string const& token, std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Content-Type", "application/json");
        return client().request("POST", "/console/session", R"({"token":")" + token + "\"}", headers);
    }

    signed_in sign_in(std::string const& token = admin_token_) {
        auto const reply = sign_in_reply(token);
        EXPECT_EQ(reply.status, 201) << reply.body;
        signed_in s;
        s.set_cookie = reply.header("set-cookie");
        auto const first = s.set_cookie.substr(0, s.set_cookie.find(';'));
        s.cookie = first;
        s.value = first.substr(first.find('=') + 1);
        s.body = reply.json().as_object();
        s.csrf = std::string(s.body.at("csrfToken").as_string());
        return s;
    }

    // A request to the organization's admin API with the session's cookie and `headers`.
    http_reply with_cookie(signed_in const& s, std::string_view method, std::string const& path,
                           std::string_view body = {}, std::vector<std::pair<std::string, std::string>> headers = {},
                           std::string const& organization = {}) {
        headers.emplace_back("Cookie", "theme=dark; " + s.cookie);
        headers.emplace_back("Content-Type", "application/json");
        auto const org = organization.empty() ? directory().organization_id : organization;
        return client().request(method, "/admin/organizations/" + org + path, body, headers);
    }

    static void expect_error(http_reply const& reply, int status, std::string const& error) {
        EXPECT_EQ(reply.status, status) << reply.body;
        ASSERT_EQ(reply.header("content-type"), "application/json") << reply.body;
        EXPECT_EQ(reply.json().at("status"), status) << reply.body;
        EXPECT_EQ(reply.json().at("error").as_string(), error) << reply.body;
        EXPECT_TRUE(reply.json().as_object().contains("detail")) << reply.body;
    }

    std::size_t site_count() {
        auto const sites = admin("GET", "/sites");
        EXPECT_EQ(sites.status, 200) << sites.body;
        return sites.json().at("sites").as_array().size();
    }
};

TEST_F(console_session, sign_in_sets_the_cookie_with_exactly_the_browser_flags) {
    auto const reply = sign_in_reply(admin_token_);
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(reply.header("content-security-policy").rfind("default-src 'self'; script-src 'self';", 0), 0u);
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.header("cache-control"), "no-store");
    auto const body = reply.json().as_object();
    EXPECT_EQ(body.at("organizationId"), json::value(directory().organization_id));
    EXPECT_EQ(body.at("organizationName"), json::value("acme"));  // the console's header shows it
    EXPECT_EQ(body.at("tokenLabel"), json::value("scimd admin-token"));
    EXPECT_TRUE(body.at("expires").is_string());
    EXPECT_FALSE(body.at("csrfToken").as_string().empty());
    EXPECT_EQ(body.size(), 5u) << body;

    // name=value, then the attributes (RFC 6265 §4.1.1), each exactly once.
    auto const cookie = reply.header("set-cookie");
    std::vector<std::string> parts;
    for (std::size_t start = 0; start <= cookie.size();) {
        auto const end = cookie.find("; ", start);
        parts.push_back(cookie.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 2;
    }
    ASSERT_FALSE(parts.empty());
    EXPECT_EQ(parts[0].rfind("__Host-scimd-console=scimdsession_", 0), 0u) << cookie;
    std::set<std::string> const attributes(parts.begin() + 1, parts.end());
    EXPECT_EQ(attributes, (std::set<std::string>{"Path=/", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=28800"}))
        << cookie;
    EXPECT_EQ(parts.size(), 6u) << cookie;  // no Domain (__Host-), nothing twice
    // The token itself is in no header and not in the body.
    EXPECT_EQ(reply.body.find(admin_token_), std::string::npos);
    EXPECT_EQ(cookie.find(admin_token_.substr(28)), std::string::npos);
}

TEST_F(console_session, the_session_answers_its_csrf_token_and_the_cookie_works_on_the_admin_api) {
    auto const s = sign_in();
    auto const shown = client().request("GET", "/console/session", {}, {{"Cookie", "a=b; " + s.cookie + "; c=d"}});
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.json().as_object(), s.body);
    EXPECT_TRUE(shown.header("set-cookie").empty());
    EXPECT_EQ(with_cookie(s, "GET", "/managed-accounts").status, 200);
    EXPECT_EQ(with_cookie(s, "HEAD", "/managed-accounts").status, 405);  // the admin API has no HEAD
    // An export is a plain link: the cookie goes with it.
    auto const csv = with_cookie(s, "GET", "/exports/managed-accounts");
    EXPECT_EQ(csv.status, 200) << csv.body;

    auto const head = client().request("HEAD", "/console/session", {}, {{"Cookie", s.cookie}});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-type"), "application/json");  // the session, not a page
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(client().request("HEAD", "/console/session").status, 401);

    expect_error(client().request("GET", "/console/session"), 401, "unauthorized");
    expect_error(client().request("GET", "/console/session", {}, {{"Cookie", "__Host-scimd-console=garbage"}}), 401,
                 "unauthorized");
    auto tampered = s;
    tampered.cookie.back() = tampered.cookie.back() == 'A' ? 'B' : 'A';
    expect_error(with_cookie(tampered, "GET", "/managed-accounts"), 401, "unauthorized");
    // A bearer token, when sent, wins: a wrong one is refused whatever the cookie.
    expect_error(
        with_cookie(s, "GET", "/managed-accounts", {}, {{"Authorization", "Bearer scimdadmin_0123456789abcdef_wrong"}}),
        401, "unauthorized");
    // /metrics stays bearer-only.
    EXPECT_EQ(client().request("GET", "/metrics", {}, {{"Cookie", s.cookie}}).status, 401);
}

TEST_F(console_session, a_write_without_the_right_csrf_token_is_403_and_changes_nothing) {
    auto const s = sign_in();
    auto const before = site_count();
    auto const site = R"({"name":"Console Site","url":"console-site.example.net"})";
    expect_error(with_cookie(s, "POST", "/sites", site), 403, "forbidden");
    expect_error(with_cookie(s, "POST", "/sites", site, {{"X-CSRF-Token", "wrong"}}), 403, "forbidden");
    auto const other = sign_in();
    expect_error(with_cookie(s, "POST", "/sites", site, {{"X-CSRF-Token", other.csrf}}), 403, "forbidden");
    EXPECT_EQ(site_count(), before);
    auto const made = with_cookie(s, "POST", "/sites", site, {{"X-CSRF-Token", s.csrf}});
    EXPECT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(site_count(), before + 1);
}

TEST_F(console_session, requests_from_another_sites_page_are_403_and_change_nothing) {
    auto const s = sign_in();
    auto const before = site_count();
    auto const site = R"({"name":"Cross Site","url":"cross-site.example.net"})";
    expect_error(with_cookie(s, "POST", "/sites", site, {{"X-CSRF-Token", s.csrf}, {"Origin", "https://evil.example"}}),
                 403, "forbidden");
    expect_error(with_cookie(s, "POST", "/sites", site, {{"X-CSRF-Token", s.csrf}, {"Origin", "null"}}), 403,
                 "forbidden");
    expect_error(with_cookie(s, "POST", "/sites", site, {{"X-CSRF-Token", s.csrf}, {"Sec-Fetch-Site", "cross-site"}}),
                 403, "forbidden");
    EXPECT_EQ(site_count(), before);
    expect_error(sign_in_reply(admin_token_, {{"Origin", "https://evil.example"}}), 403, "forbidden");
    expect_error(sign_in_reply(admin_token_, {{"Sec-Fetch-Site", "cross-site"}}), 403, "forbidden");
    // The server's own origin, as a browser sends it with its pages' writes.
    auto const own = "https://127.0.0.1:" + std::to_string(server().port());
    EXPECT_EQ(sign_in_reply(admin_token_, {{"Origin", own}, {"Sec-Fetch-Site", "same-origin"}}).status, 201);
    auto const made = with_cookie(s, "POST", "/sites", site,
                                  {{"X-CSRF-Token", s.csrf}, {"Origin", own}, {"Sec-Fetch-Site", "same-origin"}});
    EXPECT_EQ(made.status, 201) << made.body;
}

TEST_F(console_session, sign_out_ends_the_session_and_the_old_cookie_is_refused) {
    auto const s = sign_in();
    auto const kept = sign_in();
    expect_error(client().request("DELETE", "/console/session", {}, {{"Cookie", s.cookie}}), 403, "forbidden");
    expect_error(client().request("DELETE", "/console/session", {},
                                  {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"Origin", "https://evil.example"}}),
                 403, "forbidden");
    EXPECT_EQ(with_cookie(s, "GET", "/managed-accounts").status, 200);
    auto const out =
        client().request("DELETE", "/console/session", {}, {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});
    EXPECT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(out.header("set-cookie"), "__Host-scimd-console=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
    expect_error(client().request("GET", "/console/session", {}, {{"Cookie", s.cookie}}), 401, "unauthorized");
    expect_error(with_cookie(s, "GET", "/managed-accounts"), 401, "unauthorized");
    expect_error(client().request("DELETE", "/console/session", {}, {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}),
                 401, "unauthorized");
    // Another session of the same token goes on.
    EXPECT_EQ(with_cookie(kept, "GET", "/managed-accounts").status, 200);
    // Ended in the database: what every replica reads.
    pg_connection db(server().dsn());
    EXPECT_EQ(db.value("SELECT count(*) FROM console_sessions WHERE ended IS NOT NULL AND id = '" +
                       s.value.substr(13, 16) + "'"),
              "1");
}

TEST_F(console_session, a_revoked_tokens_sessions_are_refused) {
    auto const minted = admin("POST", "/admin-tokens", R"({"label":"console"})");
    ASSERT_EQ(minted.status, 201) << minted.body;
    auto const token = std::string(minted.json().at("token").as_string());
    auto const s = sign_in(token);
    EXPECT_EQ(s.body.at("tokenLabel"), json::value("console"));
    EXPECT_EQ(with_cookie(s, "GET", "/managed-accounts").status, 200);
    EXPECT_EQ(admin("DELETE", "/admin-tokens/" + std::string(minted.json().at("id").as_string())).status, 204);
    expect_error(with_cookie(s, "GET", "/managed-accounts"), 401, "unauthorized");
    expect_error(client().request("GET", "/console/session", {}, {{"Cookie", s.cookie}}), 401, "unauthorized");
    expect_error(sign_in_reply(token), 401, "unauthorized");
}

TEST_F(console_session, a_session_on_another_organizations_path_is_401_like_a_wrong_token) {
    auto const other = server().bootstrap("globex", "okta");
    auto const s = sign_in();
    auto const refused = with_cookie(s, "GET", "/managed-accounts", {}, {}, other.organization_id);
    expect_error(refused, 401, "unauthorized");
    auto const wrong_token =
        admin_of(other.organization_id, "scimdadmin_0123456789abcdef_wrong", "GET", "/managed-accounts");
    EXPECT_EQ(refused.body, wrong_token.body);
    expect_error(with_cookie(s, "POST", "/sites", R"({"name":"X","url":"x.example.net"})", {{"X-CSRF-Token", s.csrf}},
                             other.organization_id),
                 401, "unauthorized");
}

TEST_F(console_session, bad_sign_ins_are_refused_and_nothing_of_them_is_logged) {
    std::string const wrong_secret = "consolewrongsecretvalueqq";
    expect_error(sign_in_reply("scimdadmin_0123456789abcdef_" + wrong_secret), 401, "unauthorized");
    auto const known_id = admin_token_.substr(11, 16);
    expect_error(sign_in_reply("scimdadmin_" + known_id + "_" + wrong_secret), 401, "unauthorized");
    expect_error(sign_in_reply("consolenotatokenatall"), 401, "unauthorized");
    expect_error(client().request("POST", "/console/session", R"({"token":")" + admin_token_ + "\"}",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}}),
                 415, "unsupported_media_type");
    expect_error(
        client().request("POST", "/console/session", "token=" + admin_token_, {{"Content-Type", "text/plain"}}), 415,
        "unsupported_media_type");
    expect_error(client().request("POST", "/console/session", R"({"token": )", {{"Content-Type", "application/json"}}),
                 400, "invalid_syntax");
    expect_error(client().request("POST", "/console/session", "{}", {{"Content-Type", "application/json"}}), 400,
                 "invalid_value");
    expect_error(client().request("POST", "/console/session", R"({"token":5})", {{"Content-Type", "application/json"}}),
                 400, "invalid_value");
    auto const s = sign_in();
    with_cookie(s, "GET", "/managed-accounts");
    client().request("DELETE", "/console/session", {}, {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}});

    auto const log = server().stderr_text() + server().stdout_rest();
    for (auto const& secret :
         {wrong_secret, std::string("consolenotatokenatall"), admin_token_.substr(28), s.value.substr(30), s.csrf}) {
        EXPECT_EQ(log.find(secret), std::string::npos) << secret;
    }
    EXPECT_NE(log.find("path=/console/session"), std::string::npos);  // the requests are logged, by path
}

TEST_F(console_session, sign_in_and_sign_out_are_audited_by_the_tokens_id_without_the_body) {
    auto const in = sign_in_reply(admin_token_);
    ASSERT_EQ(in.status, 201);
    auto const cookie = in.header("set-cookie").substr(0, in.header("set-cookie").find(';'));
    auto const csrf = std::string(in.json().at("csrfToken").as_string());
    auto const out = client().request("DELETE", "/console/session", {}, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    ASSERT_EQ(out.status, 204);
    auto const audit = admin("GET", "/audit?count=500");
    ASSERT_EQ(audit.status, 200) << audit.body;
    std::map<std::string, json::object> by_request;
    auto const listed = audit.json();
    for (auto const& e : listed.at("entries").as_array())
        by_request[std::string(e.at("requestId").as_string())] = e.as_object();
    for (auto const& [reply, action, status] :
         {std::tuple{in, "console.sign_in", 201}, std::tuple{out, "console.sign_out", 204}}) {
        SCOPED_TRACE(action);
        ASSERT_TRUE(by_request.contains(reply.header("x-request-id")));
        auto const& e = by_request.at(reply.header("x-request-id"));
        EXPECT_EQ(e.at("action"), json::value(action));
        EXPECT_EQ(e.at("actor").at("tokenId"), json::value(admin_token_.substr(11, 16)));
        EXPECT_EQ(e.at("target").at("type"), json::value("ConsoleSession"));
        EXPECT_EQ(e.at("outcome").at("status"), status);
        EXPECT_TRUE(e.at("request").is_null()) << e;
        EXPECT_EQ(json::serialize(e).find(admin_token_.substr(28)), std::string::npos);
        EXPECT_EQ(json::serialize(e).find(cookie.substr(cookie.find('=') + 31)), std::string::npos);
    }
}

TEST(console_session_lifetime, a_session_expires_after_console_session_seconds) {
    own_admin_server own({"--console-session-seconds", "1"});
    auto const reply = own.client.request("POST", "/console/session", R"({"token":")" + own.admin_token + "\"}",
                                          {{"Content-Type", "application/json"}});
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_NE(reply.header("set-cookie").find("; Max-Age=1"), std::string::npos);
    auto const cookie = reply.header("set-cookie").substr(0, reply.header("set-cookie").find(';'));
    auto const path = "/admin/organizations/" + own.tenant.organization_id + "/managed-accounts";
    EXPECT_EQ(own.client.request("GET", path, {}, {{"Cookie", cookie}}).status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(own.client.request("GET", path, {}, {{"Cookie", cookie}}).status, 401);
    EXPECT_EQ(own.client.request("GET", "/console/session", {}, {{"Cookie", cookie}}).status, 401);
}

}  // namespace
}  // namespace scim::testing
