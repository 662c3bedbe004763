// scimd sends its outbox over SMTP itself (docs/mail.md), to a real SMTP server process
// (tests/support/smtp_sink.py, aiosmtpd) whose received messages the tests read: the four
// messages with their plain-text and HTML parts and encoded header fields, the link's page
// (a GET shows a button, only its POST confirms), STARTTLS with AUTH, retries with back-off
// until a message is failed and an admin retries it, a permanent refusal, and two replicas
// that never send one message twice.

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "admin_fixture.hpp"
#include "scim/http/tls.hpp"
#include "support/smtp_sink.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const sender_address = "noreply@scimd.test";

// The options of a scimd that sends to 127.0.0.1:port at once and retries soon.
std::vector<std::string> smtp_options(unsigned short port, std::vector<std::string> more = {}) {
    std::vector<std::string> options{"--smtp-url",           "smtp://127.0.0.1:" + std::to_string(port),
                                     "--smtp-from",          sender_address,
                                     "--smtp-from-name",     "Acme Über Admin",
                                     "--smtp-poll-seconds",  "1",
                                     "--smtp-retry-seconds", "1"};
    options.insert(options.end(), more.begin(), more.end());
    return options;
}

std::vector<std::string> plain(std::vector<std::string> options) {
    options.push_back("--smtp-allow-plaintext");
    return options;
}

// The token of the link in a message's text: what follows "/email-verifications/".
std::string link_token_in(std::string const& text) {
    constexpr std::string_view path = "/email-verifications/";
    auto const at = text.find(path);
    if (at == std::string::npos) return {};
    auto const start = at + path.size();
    auto end = start;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_' || text[end] == '-'))
        ++end;
    return text.substr(start, end - start);
}

bool contains(std::string const& text, std::string const& part) { return text.find(part) != std::string::npos; }

class mail_delivery_test : public ::testing::Test {
protected:
    // scimd with `options`, acme.com verified and claimed by its organization.
    static std::unique_ptr<own_admin_server> server_with(std::vector<std::string> options) {
        auto own = std::make_unique<own_admin_server>(std::move(options));
        run_sql(own->server.dsn(),
                "INSERT INTO domains (id, organization_id, name, state, verification_token, verified_at, claimed_at) "
                "VALUES (gen_random_uuid(), '" +
                    own->tenant.organization_id + "', 'acme.com', 'claimed', 'seeded', now(), now())");
        return own;
    }

    // A managed account with `email`, provisioned by the directory; answers its id.
    static std::string provision(own_admin_server& own, std::string const& user_name, std::string const& email) {
        auto reply = own.scim("POST", "/Users",
                              R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name +
                                  R"(","emails":[{"value":")" + email + R"(","primary":true}]})");
        EXPECT_EQ(reply.status, 201) << reply.body;
        if (reply.status != 201) return {};
        // Unlinked at once, so that the admin may change what the directory would own.
        auto const id = std::string(reply.json().at("id").as_string());
        auto const account = std::string(reply.json().at(account_urn).at("accountId").as_string());
        EXPECT_EQ(own.scim("DELETE", "/Users/" + id).status, 204);
        return account;
    }

    static json::array outbox(own_admin_server& own, std::string const& account = {}) {
        auto const reply = own.admin("GET", "/outbox" + (account.empty() ? "" : "?account=" + account));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().at("messages").as_array();
    }

    // Waits until the account's newest message is in `state`; answers it.
    static json::object message_in_state(own_admin_server& own, std::string const& account, std::string const& state) {
        json::object last;
        for (int i = 0; i < 300; ++i) {
            auto const messages = outbox(own, account);
            if (!messages.empty()) {
                last = messages.at(0).as_object();
                if (last.at("state") == json::value(state)) return last;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ADD_FAILURE() << "no message in state " << state << "; last: " << json::serialize(last);
        return last;
    }

    // A page's request as a browser sends it.
    static http_reply browser(own_admin_server& own, std::string_view method, std::string const& token) {
        return own.client.request(method, "/email-verifications/" + token, {},
                                  {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"},
                                   {"Content-Type", "application/x-www-form-urlencoded"}});
    }

    static void expect_page_headers(http_reply const& reply) {
        EXPECT_EQ(reply.header("content-type"), "text/html; charset=utf-8");
        auto const policy = reply.header("content-security-policy");
        EXPECT_TRUE(contains(policy, "default-src 'none'")) << policy;
        EXPECT_TRUE(contains(policy, "frame-ancestors 'none'")) << policy;
        EXPECT_TRUE(contains(policy, "form-action 'self'")) << policy;
        // The console's look: its stylesheet, and nothing else, may load.
        EXPECT_TRUE(contains(policy, "style-src 'self'")) << policy;
        EXPECT_TRUE(contains(reply.body, R"(<link rel="stylesheet" href="../console/console.css">)")) << reply.body;
        EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
        EXPECT_EQ(reply.header("cache-control"), "no-store");
        EXPECT_FALSE(contains(reply.body, "<script")) << reply.body;
    }
};

TEST_F(mail_delivery_test,
       an_address_verification_arrives_as_text_and_html_and_its_page_confirms_only_with_the_button) {
    auto const port = smtp_sink::free_port();
    smtp_sink sink(port);
    auto own = server_with(plain(smtp_options(port)));
    auto const ann = provision(*own, "ann", "ann@acme.com");
    ASSERT_EQ(own->admin("POST", "/accounts/" + ann + "/address-verification").status, 202);

    auto const received = sink.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    auto const& m = received[0];
    EXPECT_EQ(m.at("mail_from"), json::value(sender_address));
    EXPECT_EQ(m.at("rcpt_tos"), json::array({"ann@acme.com"}));
    EXPECT_EQ(m.at("tls"), json::value(false));
    EXPECT_EQ(mail_header(m, "From"), "Acme Über Admin <noreply@scimd.test>");
    // RFC 2047: the non-ASCII name travels as an encoded-word.
    EXPECT_TRUE(contains(std::string(m.at("raw_headers").as_string()), "From: =?UTF-8?B?")) << m;
    EXPECT_EQ(mail_header(m, "To"), "ann@acme.com");
    EXPECT_EQ(mail_header(m, "Subject"), "Confirm your email address");
    EXPECT_TRUE(contains(mail_header(m, "Content-Type"), "multipart/alternative")) << m;
    EXPECT_TRUE(contains(mail_header(m, "Message-ID"), "@scimd.test>")) << m;
    auto const text = mail_part(m, "text/plain");
    auto const html = mail_part(m, "text/html");
    auto const token = link_token_in(text);
    ASSERT_EQ(token.rfind("scimdverify_", 0), 0u) << text;
    EXPECT_TRUE(contains(text, e2e_public_url + "/email-verifications/" + token)) << text;
    EXPECT_TRUE(contains(html, "<a href=\"" + e2e_public_url + "/email-verifications/" + token + "\">")) << html;
    EXPECT_TRUE(contains(html, "<strong>ann@acme.com</strong>")) << html;
    auto sent = message_in_state(*own, ann, "sent");
    EXPECT_EQ(sent.at("attempts"), json::value(1));
    EXPECT_EQ(sent.at("kind"), json::value("address_verification"));

    // A GET (a browser, or a scanner prefetching the link) shows the page and changes nothing.
    for (int i = 0; i < 2; ++i) {
        auto const page = own->client.request("GET", "/email-verifications/" + token);
        EXPECT_EQ(page.status, 200) << page.body;
        expect_page_headers(page);
        EXPECT_TRUE(contains(page.body, "<form method=\"post\" action=\"" + token + "\">")) << page.body;
        EXPECT_TRUE(contains(page.body, "<strong>ann@acme.com</strong>")) << page.body;
    }
    EXPECT_EQ(own->admin("GET", "/accounts/" + ann).json().at("emailVerified"), json::value(false));

    // The button's POST confirms, and answers a page.
    auto const done = browser(*own, "POST", token);
    EXPECT_EQ(done.status, 200) << done.body;
    expect_page_headers(done);
    EXPECT_TRUE(contains(done.body, "Email address confirmed")) << done.body;
    EXPECT_EQ(own->admin("GET", "/accounts/" + ann).json().at("emailVerified"), json::value(true));

    // Used, unknown and malformed links get a page that says so.
    for (auto const& dead : {token, std::string("scimdverify_0123456789abcdef_nothing"), std::string("nonsense")}) {
        auto const page = own->client.request("GET", "/email-verifications/" + dead);
        EXPECT_EQ(page.status, 404) << dead;
        expect_page_headers(page);
        EXPECT_TRUE(contains(page.body, "This link does not work")) << page.body;
        EXPECT_FALSE(contains(page.body, "<form")) << page.body;
        auto const posted = browser(*own, "POST", dead);
        EXPECT_EQ(posted.status, 404) << dead;
        EXPECT_EQ(posted.header("content-type"), "text/html; charset=utf-8");
    }
    // API clients keep their JSON.
    auto const api = own->client.request("POST", "/email-verifications/" + token, {}, {{"Accept", "application/json"}});
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.header("content-type"), "application/json");
    EXPECT_EQ(api.json().at("error"), json::value("not_found"));
}

TEST_F(mail_delivery_test, an_email_change_goes_to_the_new_address_and_its_page_says_what_confirming_does) {
    auto const port = smtp_sink::free_port();
    smtp_sink sink(port);
    auto own = server_with(plain(smtp_options(port)));
    auto const bob = provision(*own, "bob", "bob@acme.com");
    run_sql(own->server.dsn(), "UPDATE accounts SET email_verified = true WHERE id = '" + bob + "'");
    ASSERT_EQ(own->admin("POST", "/accounts/" + bob + "/email", R"({"email":"robert@acme.com"})").status, 202);

    auto const received = sink.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].at("rcpt_tos"), json::array({"robert@acme.com"}));
    EXPECT_EQ(mail_header(received[0], "Subject"), "Confirm your new email address");
    auto const token = link_token_in(mail_part(received[0], "text/plain"));
    EXPECT_TRUE(contains(mail_part(received[0], "text/html"), token));

    auto const page = own->client.request("GET", "/email-verifications/" + token);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "Confirm your new email address")) << page.body;
    EXPECT_TRUE(contains(page.body, "<strong>robert@acme.com</strong>")) << page.body;
    EXPECT_TRUE(contains(page.body, "keeps its current address")) << page.body;
    EXPECT_EQ(own->admin("GET", "/accounts/" + bob).json().at("email"), json::value("bob@acme.com"));

    auto const done = browser(*own, "POST", token);
    EXPECT_EQ(done.status, 200) << done.body;
    EXPECT_TRUE(contains(done.body, "<strong>robert@acme.com</strong> is now the email address")) << done.body;
    EXPECT_EQ(own->admin("GET", "/accounts/" + bob).json().at("email"), json::value("robert@acme.com"));
}

TEST_F(mail_delivery_test, a_site_invitation_and_a_password_reset_are_mailed) {
    auto const port = smtp_sink::free_port();
    smtp_sink sink(port);
    auto own = server_with(plain(smtp_options(port)));
    auto site =
        own->admin("POST", "/sites", R"({"name":"Zürich <Büro>","url":"zurich.acme.test","products":["jira"]})");
    ASSERT_EQ(site.status, 201) << site.body;
    auto const site_id = std::string(site.json().at("id").as_string());
    auto invited = own->admin("POST", "/sites/" + site_id + "/users", R"({"email":"dave@contractor.test"})");
    ASSERT_EQ(invited.status, 201) << invited.body;
    auto const dave = std::string(invited.json().at("accountId").as_string());

    auto received = sink.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    auto const& invitation = received[0];
    EXPECT_EQ(invitation.at("rcpt_tos"), json::array({"dave@contractor.test"}));
    EXPECT_EQ(mail_header(invitation, "Subject"), "You are invited to Zürich <Büro>");
    EXPECT_TRUE(contains(std::string(invitation.at("raw_headers").as_string()), "Subject: =?UTF-8?B?")) << invitation;
    EXPECT_TRUE(contains(mail_part(invitation, "text/plain"), "https://zurich.acme.test/"));
    EXPECT_TRUE(contains(mail_part(invitation, "text/plain"), "dave@contractor.test"));
    EXPECT_TRUE(contains(mail_part(invitation, "text/html"), "Zürich &lt;Büro&gt;"))
        << mail_part(invitation, "text/html");
    EXPECT_EQ(message_in_state(*own, dave, "sent").at("kind"), json::value("site_invitation"));

    auto const eve = provision(*own, "eve", "eve@acme.com");
    ASSERT_EQ(own->admin("POST", "/accounts/" + eve + "/require-password-reset").status, 204);
    received = sink.wait_for(2);
    ASSERT_EQ(received.size(), 2u);
    auto const& reset = received[1];
    EXPECT_EQ(reset.at("rcpt_tos"), json::array({"eve@acme.com"}));
    EXPECT_EQ(mail_header(reset, "Subject"), "Choose a new password");
    EXPECT_TRUE(contains(mail_part(reset, "text/plain"), "eve@acme.com"));
    EXPECT_TRUE(contains(mail_part(reset, "text/html"), "<strong>eve@acme.com</strong>"));
    EXPECT_EQ(message_in_state(*own, eve, "sent").at("kind"), json::value("password_reset"));
}

// A certificate for 127.0.0.1, written where the SMTP server and scimd (as its CA) read it.
struct certificate_files {
    certificate_files() {
        auto const material = http::self_signed_localhost();
        auto const folder = std::filesystem::temp_directory_path() / ("scimd-mail-tls-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder);
        cert = (folder / "smtp.crt").string();
        key = (folder / "smtp.key").string();
        password = (folder / "smtp.password").string();
        std::ofstream(cert) << material.certificate_chain_pem;
        std::ofstream(key) << material.private_key_pem;
        std::ofstream(password) << "s3cret-Pass\n";
    }
    ~certificate_files() {
        std::error_code ignored;
        std::filesystem::remove_all(std::filesystem::path(cert).parent_path(), ignored);
    }
    std::string cert, key, password;
};

TEST_F(mail_delivery_test, smtp_url_sends_after_starttls_and_auth_and_never_in_plain_text) {
    certificate_files files;
    auto const port = smtp_sink::free_port();
    smtp_sink sink(port, {files.cert, files.key, "mailer", "s3cret-Pass"});
    auto own = server_with(smtp_options(
        port, {"--smtp-ca-file", files.cert, "--smtp-user", "mailer", "--smtp-password-file", files.password}));
    auto const ann = provision(*own, "ann", "ann@acme.com");
    ASSERT_EQ(own->admin("POST", "/accounts/" + ann + "/require-password-reset").status, 204);
    auto const received = sink.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].at("tls"), json::value(true));
    EXPECT_EQ(received[0].at("login"), json::value("mailer"));
    EXPECT_FALSE(contains(own->server.stderr_text(), "s3cret")) << "the password is never logged";

    // A server without STARTTLS gets nothing: smtp:// requires it unless plain text is allowed.
    auto const plain_port = smtp_sink::free_port();
    smtp_sink plain_sink(plain_port);
    auto strict = server_with(smtp_options(plain_port, {"--smtp-max-attempts", "2"}));
    auto const bea = provision(*strict, "bea", "bea@acme.com");
    ASSERT_EQ(strict->admin("POST", "/accounts/" + bea + "/require-password-reset").status, 204);
    auto const failed = message_in_state(*strict, bea, "failed");
    EXPECT_EQ(failed.at("attempts"), json::value(2));
    EXPECT_TRUE(contains(std::string(failed.at("lastError").as_string()), "SSL")) << failed;
    EXPECT_TRUE(plain_sink.messages().empty());
}

TEST_F(mail_delivery_test, a_server_out_of_reach_gets_retries_with_back_off_then_the_message_is_failed_and_retryable) {
    auto const port = smtp_sink::free_port();  // nothing listens there yet
    auto own =
        server_with(plain(smtp_options(port, {"--smtp-max-attempts", "3", "--smtp-connect-timeout-seconds", "2"})));
    auto const ann = provision(*own, "ann", "ann@acme.com");
    auto const started = std::chrono::steady_clock::now();
    ASSERT_EQ(own->admin("POST", "/accounts/" + ann + "/require-password-reset").status, 204);

    auto const failed = message_in_state(*own, ann, "failed");
    // Three attempts, 1 s and then 2 s apart (--smtp-retry-seconds 1, doubling), each after a
    // poll of up to a second.
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
    EXPECT_EQ(failed.at("attempts"), json::value(3));
    EXPECT_TRUE(contains(std::string(failed.at("lastError").as_string()), "connect")) << failed;
    EXPECT_FALSE(failed.contains("nextAttempt") && !failed.at("nextAttempt").is_null()) << failed;
    EXPECT_TRUE(contains(own->server.stderr_text(), "mail failed"));
    EXPECT_FALSE(contains(own->server.stderr_text(), "ann@acme.com")) << "no address in the logs";

    // The server is back; the admin retries the message.
    smtp_sink sink(port);
    auto const id = std::string(failed.at("id").as_string());
    auto const retried = own->admin("POST", "/outbox/" + id + "/retry");
    ASSERT_EQ(retried.status, 200) << retried.body;
    EXPECT_EQ(retried.json().at("state"), json::value("queued"));
    EXPECT_EQ(retried.json().at("attempts"), json::value(0));
    EXPECT_EQ(sink.wait_for(1).size(), 1u);
    EXPECT_EQ(message_in_state(*own, ann, "sent").at("attempts"), json::value(1));

    // Only a failed message of the organization can be retried.
    auto const again = own->admin("POST", "/outbox/" + id + "/retry");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.json().at("error"), json::value("conflict"));
    EXPECT_EQ(own->admin("POST", "/outbox/no-such-message/retry").status, 404);
}

TEST_F(mail_delivery_test, a_recipient_the_server_refuses_for_good_is_failed_at_once) {
    auto const port = smtp_sink::free_port();
    smtp_sink sink(port);
    auto own = server_with(plain(smtp_options(port)));
    auto site = own->admin("POST", "/sites", R"({"name":"Acme","url":"acme.example.net","products":["jira"]})");
    ASSERT_EQ(site.status, 201) << site.body;
    auto invited = own->admin("POST", "/sites/" + std::string(site.json().at("id").as_string()) + "/users",
                              R"({"email":"bounce.dave@contractor.test"})");
    ASSERT_EQ(invited.status, 201) << invited.body;
    auto const failed = message_in_state(*own, std::string(invited.json().at("accountId").as_string()), "failed");
    EXPECT_EQ(failed.at("attempts"), json::value(1)) << "a 5yz reply is not retried";
    EXPECT_TRUE(contains(std::string(failed.at("lastError").as_string()), "550")) << failed;
    EXPECT_TRUE(sink.messages().empty());
}

TEST_F(mail_delivery_test, two_replicas_send_each_message_once) {
    auto const port = smtp_sink::free_port();
    smtp_sink sink(port);
    auto const options = plain(smtp_options(port, {"--smtp-batch-size", "3"}));
    auto own = server_with(options);
    // A second scimd on the same database, sending too.
    scimd_process replica(own->server.dsn(), with_public_url(options));
    auto site = own->admin("POST", "/sites", R"({"name":"Acme","url":"acme.example.net","products":["jira"]})");
    ASSERT_EQ(site.status, 201) << site.body;
    auto const users = "/sites/" + std::string(site.json().at("id").as_string()) + "/users";
    constexpr int invitations = 30;
    for (int i = 0; i < invitations; ++i) {
        ASSERT_EQ(own->admin("POST", users, R"({"email":"guest)" + std::to_string(i) + R"(@contractor.test"})").status,
                  201);
    }
    auto received = sink.wait_for(invitations);
    // Time for a duplicate to arrive, if one were sent.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    received = sink.messages();
    std::set<std::string> recipients;
    for (auto const& m : received) recipients.insert(std::string(m.at("rcpt_tos").as_array().at(0).as_string()));
    EXPECT_EQ(received.size(), static_cast<std::size_t>(invitations));
    EXPECT_EQ(recipients.size(), static_cast<std::size_t>(invitations));
    for (auto const& m : outbox(*own)) EXPECT_EQ(m.at("state"), json::value("sent")) << m;
    EXPECT_EQ(replica.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
