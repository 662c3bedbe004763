// scimd's log holds no personal data and no secret (docs/command-line.md "Logs"): a realistic
// run at --log-level debug — writes, conflicts, a reinterpreted PATCH, filters with addresses
// in them, an address where an id belongs, wrong tokens, SQL failures (a statement cancelled
// while its bound values held an address, data PostgreSQL refuses) — and then none of the
// names, addresses and tokens it used appears anywhere in scimd's standard output or error.

#include <algorithm>
#include <cctype>

#include "admin_fixture.hpp"
#include "support/pg_connection.hpp"

namespace scim::testing {
namespace {

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// Letters PostgreSQL cannot compress below the size of an index row.
std::string incompressible(std::size_t length) {
    std::string out;
    std::uint32_t state = 12345;
    for (std::size_t i = 0; i < length; ++i) {
        state = state * 1103515245 + 12345;
        out += static_cast<char>('a' + (state >> 16) % 26);
    }
    return out;
}

class log_privacy : public admin_e2e_test {
protected:
    static void SetUpTestSuite() { start({"--log-level", "debug", "--statement-timeout-ms", "300"}); }
};

TEST_F(log_privacy, the_log_of_a_realistic_run_names_no_person_and_no_secret) {
    seed_verified_domain(directory().organization_id, "privacy-test.example");
    // Each distinctive, and each searched for in lower case, as it is and percent-encoded.
    std::vector<std::string> const personal = {
        "zelda.quartermain", "privacy-test",    "xylophania",          "quartermainova",
        "secret society",    "filtered.person", "broken.filter",       "path.person",
        "normalized.mail",   "timeout.person",  "datefilter.person",   "longissimus",
        "nul.person",        "admin.filtered",  "wrongsecretvaluexyz", "wrongadminsecretqq"};

    auto const user =
        scim("POST", "/Users",
             user_body("zelda.quartermain@privacy-test.example",
                       R"("name":{"givenName":"Xylophania","familyName":"Quartermainova"},)"
                       R"("displayName":"Xylophania Quartermainova",)"
                       R"("emails":[{"value":"zelda.quartermain@privacy-test.example","primary":true}])"));
    ASSERT_EQ(user.status, 201) << user.body;
    auto const id = std::string(user.json().at("id").as_string());
    // A conflict, whose answer names the userName.
    EXPECT_EQ(scim("POST", "/Users", user_body("Zelda.Quartermain@privacy-test.example")).status, 409);
    // A PATCH scimd reinterprets: "Replace", and a work address that does not exist yet.
    auto const patched = scim("PATCH", "/Users/" + id,
                              patch_op + R"([{"op":"Replace","path":"emails[type eq \"work\"].value",)"
                                         R"("value":"normalized.mail@privacy-test.example"}]})");
    EXPECT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(scim("POST", "/Groups",
                   R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Secret Society"})")
                  .status,
              201);
    // Filters with addresses: a good one, a malformed one, one PostgreSQL refuses (its date).
    EXPECT_EQ(
        scim("GET", "/Users?filter=" + url_encode(R"(userName eq "filtered.person@privacy-test.example")")).status,
        200);
    EXPECT_EQ(
        scim("GET", "/Users?filter=" + url_encode(R"(emails co "broken.filter@privacy-test.example" and)")).status,
        400);
    scim("GET",
         "/Users?filter=" +
             url_encode(
                 R"(userName eq "datefilter.person@privacy-test.example" and meta.created gt "0000-01-01T00:00:00Z")"));
    // An address where an id belongs.
    EXPECT_EQ(scim("GET", "/Users/path.person@privacy-test.example").status, 404);
    // Data PostgreSQL may refuse: a NUL, and a userName too long for its index.
    scim("POST", "/Users", user_body("nul.person\\u0000@privacy-test.example"));
    scim("POST", "/Users", user_body("Longissimus" + incompressible(3000) + "@privacy-test.example"));
    // A write whose statement is cancelled while its bound values hold an address.
    {
        pg_connection holder(server().dsn());
        holder.run("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        EXPECT_EQ(scim("POST", "/Users",
                       user_body("timeout.person@privacy-test.example",
                                 R"("emails":[{"value":"timeout.person@privacy-test.example"}])"))
                      .status,
                  503);
        holder.run("ROLLBACK");
    }
    // Wrong tokens.
    EXPECT_EQ(client()
                  .request("GET", directory().base_path + "/Users", {},
                           {{"Authorization", "Bearer scimd_0123456789abcdef_WrongSecretValueXYZ"}})
                  .status,
              401);
    EXPECT_EQ(admin("GET", "/managed-accounts", {}, "scimdadmin_0123456789abcdef_WrongAdminSecretQQ").status, 401);
    // The admin API with an address in its filter.
    EXPECT_EQ(
        admin("GET", "/managed-accounts?filter=" + url_encode(R"(email eq "admin.filtered@privacy-test.example")"))
            .status,
        200);

    // Stopped, so that every line is written: a request's access line follows its answer.
    EXPECT_EQ(server().terminate(), 0);
    auto const log = lower(server().stderr_text() + server().stdout_rest());
    ASSERT_NE(log.find("database statement cancelled"), std::string::npos) << "the run provoked no SQL failure";
    ASSERT_NE(log.find("request normalized"), std::string::npos) << "the run had no reinterpreted request";
    ASSERT_NE(log.find("statement prepared"), std::string::npos) << "the run was not logged at debug level";
    std::vector<std::string> secrets = personal;
    for (auto const& token : {directory().token, admin_token_}) {
        // The secret follows the second '_' (prefix_id_secret); it may hold '_' itself.
        secrets.push_back(lower(token.substr(token.find('_', token.find('_') + 1) + 1)));
    }
    for (auto const& secret : secrets) {
        EXPECT_EQ(log.find(secret), std::string::npos) << secret << " is in the log";
        EXPECT_EQ(log.find(lower(url_encode(secret))), std::string::npos) << secret << " is in the log, encoded";
    }
}

}  // namespace
}  // namespace scim::testing
