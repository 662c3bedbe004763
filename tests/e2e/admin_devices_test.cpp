// Two-step verification and devices end to end (docs/login-hook.md, docs/accounts.md): the
// login service reports sign-ins and two-step enrolment through its hook, the admin sees an
// account's recently used devices and signs one out, the login service reads the sign-outs in
// an order that never skips one committed late; the exclusion from two-step verification needs
// a policy that enforces it and a date in the future; "% secure login" counts enrolment.

#include <chrono>
#include <ctime>
#include <thread>

#include "admin_fixture.hpp"
#include "scim/core/crypto.hpp"
#include "support/pg_connection.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

// An id no account or device has.
std::string const no_such_id = "00000000-0000-4000-8000-000000000000";

// What the reports below carry; none of it may reach scimd's log.
std::string const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
std::string const safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1";

// Now plus `offset`, as RFC 3339 UTC.
std::string at(std::chrono::seconds offset) {
    auto const when = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
    std::tm utc{};
    gmtime_r(&when, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// What scimd logged of its periodic rounds (erasures and failures), to say why a wait for the
// deletion sweep or the device retention ran out.
std::string lines_about_periodic_tasks(std::string const& log) {
    std::string out;
    std::size_t start = 0;
    while (start < log.size()) {
        auto end = log.find('\n', start);
        if (end == std::string::npos) end = log.size();
        auto const line = log.substr(start, end - start);
        if (line.find("periodic task") != std::string::npos || line.find("erased") != std::string::npos)
            out += line + "\n";
        start = end + 1;
    }
    return out;
}

class admin_devices : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        start({"--log-level", "debug", "--max-devices-per-account", "3", "--deletion-sweep-seconds", "1"});
        seed_verified_domain(directory().organization_id, "acme.com");
    }

    // The login service's report of a sign-in.
    http_reply sign_in(std::string const& account, std::string const& device, std::string const& address,
                       std::string const& extra = "") {
        return admin("POST", "/accounts/" + account + "/sign-ins",
                     R"({"deviceId":")" + device + R"(","address":")" + address + "\"" +
                         (extra.empty() ? "" : "," + extra) + "}");
    }

    json::array devices_of(std::string const& account) {
        return ok(admin("GET", "/accounts/" + account + "/devices")).at("devices").as_array();
    }

    // The sign-outs after `cursor` ("" for all); answers the page.
    json::object sign_outs(std::string const& cursor, std::string const& count = "") {
        std::string query = cursor.empty() ? "" : "cursor=" + url_encode(cursor);
        if (!count.empty()) query += (query.empty() ? "" : "&") + std::string("count=") + count;
        return ok(admin("GET", "/device-sign-outs" + (query.empty() ? "" : "?" + query)));
    }

    // The device ids of the sign-outs after `cursor`, read as a login service does, until there
    // are `want` of them (a sign-out is held back while an older transaction is running, such
    // as one of scimd's periodic tasks); `cursor` moves on.
    std::vector<std::string> read_until(std::string& cursor, std::size_t want) {
        std::vector<std::string> out;
        // Up to 10 s: the feed holds back what any older transaction in the cluster may still
        // precede, and in CI other tests' databases share the cluster.
        for (int attempt = 0; attempt < 500 && out.size() < want; ++attempt) {
            if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
            auto const page = sign_outs(cursor);
            for (auto const& id : device_ids_in(page)) out.push_back(id);
            cursor = std::string(page.at("cursor").as_string());
        }
        return out;
    }

    static std::vector<std::string> device_ids_in(json::object const& page) {
        std::vector<std::string> out;
        for (auto const& e : page.at("signOuts").as_array()) out.emplace_back(e.at("deviceId").as_string());
        return out;
    }

    // A managed account on the default policy, verified; answers its id.
    std::string managed(std::string const& name) { return provision(name, name + "@acme.com"); }
};

TEST_F(admin_devices, a_sign_in_shows_on_the_account_as_a_recently_used_device) {
    auto const ann = managed("dev.ann");
    EXPECT_TRUE(ok(admin("GET", "/accounts/" + ann)).at("lastActive").is_null());

    auto first = ok(sign_in(ann, "laptop-1", "2001:DB8:0:0:0:0:0:7", R"("userAgent":")" + firefox + "\""));
    auto const& device = first.at("device").as_object();
    EXPECT_EQ(device.at("deviceId"), "laptop-1");
    EXPECT_EQ(device.at("lastAddress"), "2001:db8::7");  // canonical (RFC 5952)
    EXPECT_EQ(device.at("userAgent"), json::value(firefox));
    EXPECT_EQ(device.at("signIns"), 1);
    EXPECT_TRUE(device.at("signedOutAt").is_null());
    EXPECT_EQ(device.at("firstSignIn"), device.at("lastSignIn"));
    EXPECT_EQ(first.at("twoStepVerification"),
              (json::object{{"enrolled", false}, {"excludedUntil", nullptr}, {"required", false}}));
    EXPECT_TRUE(ok(admin("GET", "/accounts/" + ann)).at("lastActive").is_string()) << "a sign-in is activity";

    // The same device again, from elsewhere: one device, two sign-ins, the latest address.
    auto const again = ok(sign_in(ann, "laptop-1", "203.0.113.7", R"("userAgent":")" + firefox + "\""));
    EXPECT_EQ(again.at("device").at("signIns"), 2);
    EXPECT_EQ(again.at("device").at("lastAddress"), "203.0.113.7");
    EXPECT_EQ(again.at("device").at("id"), device.at("id"));

    // A phone ten minutes ago, then a late report of an older laptop sign-in with another user
    // agent: it counts, and changes neither the latest sign-in nor what the laptop is now.
    ok(sign_in(ann, "phone-2", "198.51.100.20",
               R"("userAgent":")" + safari + R"(","time":")" + at(std::chrono::minutes(-10)) + "\""));
    auto const late = ok(sign_in(ann, "laptop-1", "192.0.2.1",
                                 R"("userAgent":"curl/8.0","time":")" + at(std::chrono::hours(-2)) + "\""))
                          .at("device")
                          .as_object();
    EXPECT_EQ(late.at("signIns"), 3);
    EXPECT_EQ(late.at("userAgent"), json::value(firefox));
    EXPECT_EQ(late.at("lastAddress"), "203.0.113.7");
    EXPECT_EQ(late.at("lastSignIn"), again.at("device").at("lastSignIn"));
    EXPECT_LT(std::string(late.at("firstSignIn").as_string()), std::string(device.at("firstSignIn").as_string()));

    // The account's recently used devices, the most recent first.
    auto const listed = devices_of(ann);
    ASSERT_EQ(listed.size(), 2u) << listed;
    EXPECT_EQ(listed.at(0).at("deviceId"), "laptop-1");
    EXPECT_EQ(listed.at(1).at("deviceId"), "phone-2");
    EXPECT_EQ(listed.at(1).at("userAgent"), json::value(safari));
}

TEST_F(admin_devices, only_the_most_recently_used_devices_are_kept) {
    auto const bo = managed("dev.bo");
    for (int i = 1; i <= 4; ++i) {  // --max-devices-per-account 3
        ok(sign_in(bo, "device-" + std::to_string(i), "192.0.2." + std::to_string(i),
                   R"("time":")" + at(std::chrono::hours(i - 10)) + "\""));
    }
    auto const listed = devices_of(bo);
    ASSERT_EQ(listed.size(), 3u) << listed;
    EXPECT_EQ(listed.at(0).at("deviceId"), "device-4");
    EXPECT_EQ(listed.at(2).at("deviceId"), "device-2");
    pg_connection db(server().dsn());
    EXPECT_EQ(db.value("SELECT count(*) FROM account_devices WHERE account_id = '" + bo + "'"), "3");

    // A device unused for longer than --device-retention-days (90) is no longer shown.
    db.run("UPDATE account_devices SET last_sign_in = now() - interval '91 days' WHERE account_id = '" + bo +
           "' AND device_id = 'device-2'");
    EXPECT_EQ(devices_of(bo).size(), 2u);
    // The retention task (every --deletion-sweep-seconds: 1 here) deletes it.
    auto const count_until = [&](std::string const& sql, std::string const& expected) {
        std::string n;
        for (int attempt = 0; attempt < 400 && n != expected; ++attempt) {  // 20 s at most
            if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            n = db.value(sql);
        }
        return n;
    };
    EXPECT_EQ(count_until("SELECT count(*) FROM account_devices WHERE account_id = '" + bo + "'", "2"), "2");

    // An erased account's devices go with it.
    db.run(
        "UPDATE accounts SET lifecycle = 'pending_deletion', deletion_due_at = now() - interval '1 second' "
        "WHERE id = '" +
        bo + "'");
    EXPECT_EQ(count_until("SELECT count(*) FROM account_devices WHERE account_id = '" + bo + "'", "0"), "0")
        << "the periodic tasks' lines of scimd's log:\n"
        << lines_about_periodic_tasks(server().stderr_text());
}

TEST_F(admin_devices, the_admin_signs_a_device_out_and_the_login_service_reads_it) {
    auto const cy = managed("dev.cy");
    auto const start = std::string(sign_outs("").at("cursor").as_string());
    auto const tablet = std::string(ok(sign_in(cy, "tablet-9", "192.0.2.9")).at("device").at("id").as_string());

    auto const signed_out = ok(admin("POST", "/accounts/" + cy + "/devices/" + tablet + "/sign-out"));
    EXPECT_TRUE(signed_out.at("signedOutAt").is_string()) << signed_out;
    EXPECT_EQ(devices_of(cy).at(0).at("signedOutAt"), signed_out.at("signedOutAt"));
    // The admin's sign-out is in the audit, naming the device.
    auto const audited = ok(admin("GET", "/audit?action=account.device.sign-out&count=500"));
    std::vector<json::value> of_cy;
    for (auto const& e : audited.at("entries").as_array())
        if (e.at("accountId") == json::value(cy)) of_cy.push_back(e.at("diff"));
    ASSERT_EQ(of_cy.size(), 1u) << audited;
    EXPECT_EQ(of_cy.at(0).at("signedOutDevice").at("after"), json::value(tablet));
    // The login service's report is audited by its device only: no address, no user agent.
    auto const reports = ok(admin("GET", "/audit?action=account.sign-in&count=500"));
    std::size_t reports_of_cy = 0;
    for (auto const& e : reports.at("entries").as_array()) {
        if (e.at("accountId") != json::value(cy)) continue;
        ++reports_of_cy;
        EXPECT_TRUE(e.at("request").is_null()) << e;
        EXPECT_EQ(e.at("diff").at("device").at("after"), "tablet-9") << e;
        EXPECT_EQ(json::serialize(e).find("192.0.2.9"), std::string::npos) << e;
    }
    EXPECT_EQ(reports_of_cy, 1u) << reports;

    std::string cursor = start;
    ASSERT_EQ(read_until(cursor, 1), std::vector<std::string>{"tablet-9"});
    auto const page = sign_outs(start);
    ASSERT_EQ(page.at("signOuts").as_array().size(), 1u) << page;
    EXPECT_EQ(page.at("signOuts").at(0), (json::object{{"accountId", cy},
                                                       {"device", tablet},
                                                       {"deviceId", "tablet-9"},
                                                       {"signedOutAt", signed_out.at("signedOutAt")}}));
    EXPECT_EQ(page.at("more"), false);
    auto const after = std::string(page.at("cursor").as_string());
    EXPECT_TRUE(sign_outs(after).at("signOuts").as_array().empty());

    // Signing it out again with no sign-in since changes nothing; after a new sign-in it is a
    // new sign-out.
    EXPECT_EQ(ok(admin("POST", "/accounts/" + cy + "/devices/" + tablet + "/sign-out")).at("signedOutAt"),
              signed_out.at("signedOutAt"));
    EXPECT_TRUE(sign_outs(after).at("signOuts").as_array().empty());
    ok(sign_in(cy, "tablet-9", "192.0.2.9"));
    auto const second = ok(admin("POST", "/accounts/" + cy + "/devices/" + tablet + "/sign-out"));
    EXPECT_GT(std::string(second.at("signedOutAt").as_string()), std::string(signed_out.at("signedOutAt").as_string()));
    cursor = after;
    EXPECT_EQ(read_until(cursor, 1), std::vector<std::string>{"tablet-9"});

    // Paged: one at a time, "more" says another is ready.
    auto const one = sign_outs(start, "1");
    EXPECT_EQ(one.at("signOuts").as_array().size(), 1u);
    EXPECT_EQ(one.at("more"), true);
    auto const two = sign_outs(std::string(one.at("cursor").as_string()), "1");
    EXPECT_EQ(two.at("signOuts").as_array().size(), 1u);
    EXPECT_EQ(two.at("signOuts").at(0).at("signedOutAt"), second.at("signedOutAt"));
    EXPECT_EQ(two.at("more"), false);

    expect_admin_error(admin("POST", "/accounts/" + cy + "/devices/" + no_such_id + "/sign-out"), 404, "not_found");
    expect_admin_error(admin("POST", "/accounts/" + cy + "/devices/tablet-9/sign-out"), 404, "not_found");
    for (auto const* bad : {"abc", "1", "1.2.3", "-1.0"}) {
        SCOPED_TRACE(bad);
        expect_admin_error(admin("GET", "/device-sign-outs?cursor=" + std::string(bad)), 400, "invalid_value");
    }
}

// A sign-out whose transaction commits after a later one's is still read: the feed holds the
// later one back until every older transaction has finished.
TEST_F(admin_devices, a_sign_out_committed_late_is_never_skipped) {
    auto const dee = managed("dev.dee");
    auto const start = std::string(sign_outs("").at("cursor").as_string());
    auto const watch = std::string(ok(sign_in(dee, "watch-1", "192.0.2.31")).at("device").at("id").as_string());

    // Another account's sign-out, its transaction started first and still open (on another
    // account: its foreign key holds a share lock on the account row the admin's sign-out locks).
    auto const other = managed("dev.dee.other");
    pg_connection slow(server().dsn());
    slow.run(
        "BEGIN; INSERT INTO device_sign_outs (organization_id, account_id, device, device_id, signed_out_by) "
        "VALUES ('" +
        directory().organization_id + "', '" + other + "', gen_random_uuid(), 'slow-1', 'test')");
    ok(admin("POST", "/accounts/" + dee + "/devices/" + watch + "/sign-out"));
    auto const held = sign_outs(start);
    EXPECT_TRUE(held.at("signOuts").as_array().empty()) << held;
    slow.run("COMMIT");

    std::string cursor(held.at("cursor").as_string());
    EXPECT_EQ(read_until(cursor, 2), (std::vector<std::string>{"slow-1", "watch-1"}));
}

TEST_F(admin_devices, two_step_enrolment_and_the_exclusion) {
    auto const eve = managed("dev.eve");
    auto const enrolled = ok(admin("PUT", "/accounts/" + eve + "/two-step-verification", R"({"enrolled":true})"));
    EXPECT_EQ(enrolled, (json::object{{"enrolled", true}, {"excludedUntil", nullptr}, {"required", false}}));
    EXPECT_EQ(ok(admin("GET", "/accounts/" + eve)).at("twoStepVerification").at("enrolled"), true);
    EXPECT_EQ(ok(scim("GET", "/Users/" + ids_.at("dev.eve"))).at(account_urn).at("twoStepVerification").at("enrolled"),
              true);

    // The default policy does not enforce two-step verification: nothing to exclude from.
    auto const future = at(std::chrono::hours(24 * 30));
    auto const refused = admin("POST", "/accounts/" + eve + "/two-step-exclusion", R"({"until":")" + future + "\"}");
    expect_admin_error(refused, 409, "conflict");
    EXPECT_NE(refused.body.find("Default policy"), std::string::npos) << refused.body;

    // Under a policy that enforces it, the next sign-in must ask for a second step, until an
    // exclusion that ends in the future.
    auto const policy =
        ok(admin("POST", "/policies", R"({"name":"Two-step","type":"billable","twoStepRequired":true})"), 201);
    ok(admin("PUT", "/policies/" + std::string(policy.at("id").as_string()) + "/accounts/" + eve));
    EXPECT_EQ(ok(sign_in(eve, "desk-1", "192.0.2.50")).at("twoStepVerification").at("required"), true);
    expect_admin_error(
        admin("POST", "/accounts/" + eve + "/two-step-exclusion", R"({"until":")" + at(std::chrono::hours(-1)) + "\"}"),
        400, "invalid_value");
    auto const excluded =
        ok(admin("POST", "/accounts/" + eve + "/two-step-exclusion", R"({"until":")" + future + "\"}"));
    EXPECT_TRUE(excluded.at("twoStepVerification").at("excludedUntil").is_string());
    auto const answer = ok(sign_in(eve, "desk-1", "192.0.2.50")).at("twoStepVerification");
    EXPECT_EQ(answer.at("required"), false);
    EXPECT_EQ(answer.at("excludedUntil"), excluded.at("twoStepVerification").at("excludedUntil"));
    EXPECT_TRUE(ok(admin("POST", "/accounts/" + eve + "/two-step-exclusion", R"({"until":null})"))
                    .at("twoStepVerification")
                    .at("excludedUntil")
                    .is_null());

    // Removed in the login service: no longer enrolled.
    EXPECT_EQ(ok(admin("PUT", "/accounts/" + eve + "/two-step-verification", R"({"enrolled":false})")).at("enrolled"),
              false);
}

TEST_F(admin_devices, the_secure_login_percent_reads_as_a_whole_percent) {
    // An organization of its own, so that the figures are exact.
    auto const org = server().bootstrap("devices-summary", "okta");
    auto const token = admin_token_for("devices-summary");
    std::vector<std::string> accounts;
    for (auto const* email : {"a@summary.example", "b@summary.example", "c@summary.example"}) {
        accounts.push_back(core::random_uuid());
        run_sql(server().dsn(), "INSERT INTO accounts (id, email, claimed_by, email_verified) VALUES ('" +
                                    accounts.back() + "', '" + email + "', '" + org.organization_id + "', true)");
    }
    auto summary_body = [&] { return admin_of(org.organization_id, token, "GET", "/managed-accounts/summary").body; };
    auto enrol = [&](std::string const& account, bool enrolled) {
        ok(admin_of(org.organization_id, token, "PUT", "/accounts/" + account + "/two-step-verification",
                    enrolled ? R"({"enrolled":true})" : R"({"enrolled":false})"));
    };
    // The exact bytes: a JSON integer, not Boost.JSON's "0E0", "3.33E1", "6.67E1", "1E2".
    EXPECT_NE(summary_body().find(R"("secureLogin":0,"sso":0,"secureLoginPercent":0})"), std::string::npos);
    enrol(accounts[0], true);
    EXPECT_NE(summary_body().find(R"("secureLogin":1,"sso":0,"secureLoginPercent":33})"), std::string::npos)
        << summary_body();
    enrol(accounts[1], true);
    EXPECT_NE(summary_body().find(R"("secureLoginPercent":67})"), std::string::npos) << summary_body();
    enrol(accounts[2], true);
    EXPECT_NE(summary_body().find(R"("secureLoginPercent":100})"), std::string::npos) << summary_body();
    enrol(accounts[2], false);
    EXPECT_NE(summary_body().find(R"("secureLogin":2,"sso":0,"secureLoginPercent":67})"), std::string::npos)
        << summary_body();
}

TEST_F(admin_devices, reports_are_bounded_and_refused_clearly) {
    auto const fay = managed("dev.fay");
    struct refusal {
        char const* name;
        std::string body;
    };
    std::string const device = R"("deviceId":"d1",)";
    std::string const address = R"("address":"192.0.2.1")";
    refusal const cases[] = {
        {"no deviceId", "{" + address + "}"},
        {"no address", R"({"deviceId":"d1"})"},
        {"deviceId with a space", R"({"deviceId":"my phone",)" + address + "}"},
        {"deviceId too long", R"({"deviceId":")" + std::string(129, 'd') + "\"," + address + "}"},
        {"deviceId a number", R"({"deviceId":7,)" + address + "}"},
        {"a host name", "{" + device + R"("address":"localhost"})"},
        {"an address with a port", "{" + device + R"("address":"192.0.2.1:443"})"},
        {"userAgent too long", "{" + device + address + R"(,"userAgent":")" + std::string(513, 'u') + "\"}"},
        {"userAgent with a control character", "{" + device + address + R"(,"userAgent":"a\u0007b"})"},
        {"time not RFC 3339", "{" + device + address + R"(,"time":"yesterday"})"},
        {"time an hour ahead", "{" + device + address + R"(,"time":")" + at(std::chrono::hours(1)) + "\"}"},
        {"time older than the retention",
         "{" + device + address + R"(,"time":")" + at(-std::chrono::hours(24 * 91)) + "\"}"},
        {"an unknown field", "{" + device + address + R"(,"password":"hunter2"})"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        expect_admin_error(admin("POST", "/accounts/" + fay + "/sign-ins", c.body), 400, "invalid_value");
    }
    EXPECT_TRUE(devices_of(fay).empty()) << "nothing stored";
    EXPECT_EQ(ok(sign_in(fay, std::string(128, 'd'), "192.0.2.1", R"("userAgent":")" + std::string(512, 'u') + "\""))
                  .at("device")
                  .at("signIns"),
              1);  // the longest allowed

    for (auto const* body : {R"({"enrolled":"yes"})", R"({})", R"({"enrolled":true,"method":"totp"})"}) {
        SCOPED_TRACE(body);
        expect_admin_error(admin("PUT", "/accounts/" + fay + "/two-step-verification", body), 400, "invalid_value");
    }

    // An external user is not the organization's: no reports, no devices.
    auto const ext = provision("dev.ext", "ext@elsewhere.example");
    expect_admin_error(sign_in(ext, "d1", "192.0.2.1"), 403, "forbidden");
    expect_admin_error(admin("PUT", "/accounts/" + ext + "/two-step-verification", R"({"enrolled":true})"), 403,
                       "forbidden");
    expect_admin_error(admin("GET", "/accounts/" + ext + "/devices"), 403, "forbidden");
    // A deactivated account cannot sign in; an unknown one is not found; a wrong token is 401.
    ASSERT_EQ(scim("DELETE", "/Users/" + ids_.at("dev.fay")).status, 204);  // deactivates it
    expect_admin_error(sign_in(fay, "d1", "192.0.2.1"), 409, "conflict");
    expect_admin_error(sign_in(no_such_id, "d1", "192.0.2.1"), 404, "not_found");
    expect_admin_error(admin("POST", "/accounts/" + fay + "/sign-ins", "{" + device + address + "}", "scimdadmin_x"),
                       401, "unauthorized");
}

// Last in the suite: the user agents, addresses and device ids reported above are personal
// data; none of them reached the log (written at --log-level debug).
TEST_F(admin_devices, the_log_holds_none_of_what_was_reported) {
    auto const log = server().stderr_text();
    for (auto const& value : {firefox, safari, std::string("203.0.113.7"), std::string("2001:db8::7"),
                              std::string("198.51.100.20"), std::string("laptop-1"), std::string("tablet-9")}) {
        EXPECT_EQ(log.find(value), std::string::npos) << value;
    }
    EXPECT_EQ(log.find("status=500"), std::string::npos);
}

}  // namespace
}  // namespace scim::testing
