// Input limits end to end (docs/errors.md "Limits"): values that PostgreSQL would refuse or
// libpq would cut short — NUL, strings longer than an index entry holds, dateTimes outside
// the years 0001 to 9999 — and requests that would cost unbounded work are answered 400 or
// 413 over HTTPS, on the SCIM API and the admin API alike, with nothing written, the failed
// SCIM write in the journal, and no 500 anywhere in the server's log.

#include <gtest/gtest.h>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

constexpr char const* user_schema = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr char const* group_schema = "urn:ietf:params:scim:schemas:core:2.0:Group";
constexpr char const* patch_schema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
constexpr char const* enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// `bytes` bytes of "İ", whose lower case (what the indexes hold) is half as long again: the
// largest index entry a value of that length can make.
std::string widest(std::size_t bytes) {
    std::string s;
    while (s.size() + 2 <= bytes) s += "\xC4\xB0";
    if (s.size() < bytes) s += "x";
    return s;
}

// `bytes` bytes that no compression shrinks: PostgreSQL compresses a long index entry before
// it checks its size, so a repeated letter would not show the limit.
std::string incompressible(std::size_t bytes) {
    std::string s;
    std::uint32_t state = 2463534242u;
    while (s.size() < bytes) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        s += static_cast<char>('!' + state % 94);
        if (s.back() == '"' || s.back() == '\\') s.back() = 'q';
    }
    return s;
}

class input_limits : public acme_managed_e2e_test {
protected:
    static void SetUpTestSuite() {
        acme_managed_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "limits.test");
    }

    static std::string patch(std::string const& operations) {
        return std::string(R"({"schemas":[")") + patch_schema + R"("],"Operations":)" + operations + "}";
    }

    // How many Users of the directory have `user_name`.
    std::int64_t users_named(std::string const& user_name) {
        auto const reply = scim("GET", "/Users?filter=" + url_encode("userName eq \"" + user_name + "\""));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().at("totalResults").as_int64();
    }

    // The journal's entry for the request that got `reply` (docs/journal.md: failed writes too).
    json::object journal_entry_of(http_reply const& reply) {
        auto const request_id = std::string(reply.header("x-request-id"));
        auto const listed = ok(admin("GET", "/journal?count=500"));
        for (auto const& e : listed.at("entries").as_array()) {
            if (e.at("requestId").as_string() == request_id) return e.as_object();
        }
        ADD_FAILURE() << "no journal entry for request " << request_id;
        return {};
    }

    // A refused SCIM write: its status and scimType, and its entry in the journal with them.
    void expect_refused_write(http_reply const& reply, int status, std::string const& scim_type) {
        if (reply.status != status) {
            ADD_FAILURE() << "answered " << reply.status << ", not " << status << ": " << reply.body.substr(0, 300);
            return;
        }
        expect_scim_error(reply, status, scim_type);
        auto const entry = journal_entry_of(reply);
        if (entry.empty()) return;
        auto const& outcome = entry.at("outcome").as_object();
        EXPECT_EQ(outcome.at("status"), json::value(status)) << json::serialize(entry);
        EXPECT_EQ(entry.at("diff"), json::object{}) << json::serialize(entry);
        if (!scim_type.empty()) {
            EXPECT_EQ(outcome.at("scimType"), json::value(scim_type));
        }
    }
};

struct refused_body {
    char const* name;
    std::string body;
    char const* scim_type;
};

TEST_F(input_limits, scim_values_postgresql_cannot_store_are_400_and_nothing_is_written) {
    auto const user = [](std::string const& attributes) {
        return std::string(R"({"schemas":[")") + user_schema + R"("],"userName":"refused",)" + attributes + "}";
    };
    std::vector<refused_body> const cases = {
        // NUL: PostgreSQL's jsonb refuses it (22P05), libpq's text parameters end at it.
        {"nul_in_user_name", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"refused\u0000"})",
         "invalidValue"},
        {"nul_in_email", user(R"("emails":[{"value":"a@b.c"},{"value":"x\u0000@b.c"}])"), "invalidValue"},
        {"nul_in_extension", user(std::string(R"(")") + enterprise + R"(":{"department":"\u0000"})"), "invalidValue"},
        {"nul_in_a_member_name", user(R"("name":{"given\u0000Name":"x"})"), "invalidValue"},
        // Longer than an index entry holds (54000), incompressible.
        {"long_user_name",
         std::string(R"({"schemas":[")") + user_schema + R"("],"userName":")" + incompressible(3000) + "\"}",
         "invalidValue"},
        {"long_external_id", user(R"("externalId":")" + incompressible(3000) + "\""), "invalidValue"},
        {"long_email", user(R"("emails":[{"value":")" + incompressible(3000) + "\"}]"), "invalidValue"},
        {"long_email_type", user(R"("emails":[{"value":"a@b.c","type":")" + incompressible(3000) + "\"}]"),
         "invalidValue"},
        {"long_given_name", user(R"("name":{"givenName":")" + incompressible(600) + "\"}"), "invalidValue"},
        // Control characters where a name cannot hold them.
        {"tab_in_user_name", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"refused\t"})",
         "invalidValue"},
        {"line_break_in_display_name", user(R"("displayName":"Babs\nJensen")"), "invalidValue"},
        {"escape_in_email", user(R"("emails":[{"value":"\u001b[31m@b.c"}])"), "invalidValue"},
        // Too many values of one attribute (--max-attribute-values, 100).
        {"emails_101", user([] {
             std::string emails = R"("emails":[)";
             for (int i = 0; i <= 100; ++i)
                 emails += (i ? "," : "") + (R"({"value":"u)" + std::to_string(i) + "@b.c\"}");
             return emails + "]";
         }()),
         "invalidValue"},
        // Duplicate member names: one rule, exact or in another case.
        {"duplicate_exact",
         R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a","userName":"refused"})",
         "invalidSyntax"},
        {"duplicate_case",
         R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"refused","USERNAME":"b"})",
         "invalidSyntax"},
        {"duplicate_nested", user(R"("name":{"givenName":"a","givenName":"b"})"), "invalidSyntax"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        expect_refused_write(scim("POST", "/Users", c.body), 400, c.scim_type);
    }
    EXPECT_EQ(users_named("refused"), 0);
    EXPECT_EQ(users_named("a"), 0);
}

TEST_F(input_limits, values_at_their_limits_are_stored_whole) {
    // The largest entries each index can get: every indexed string at its limit, in the
    // character whose lower case grows most, the pairs that share an index entry included.
    std::string const department = widest(1024), family_name = widest(512);
    auto const body = std::string(R"({"schemas":[")") + user_schema + R"(",")" + enterprise + R"("],"userName":")" +
                      widest(1024) + R"(","externalId":")" + widest(1024) + R"(","displayName":")" + widest(1024) +
                      R"(","name":{"familyName":")" + family_name + R"(","givenName":")" + widest(512) +
                      R"("},"emails":[{"value":")" + widest(1024 - 12) + R"(@limits.test","type":")" + widest(256) +
                      R"(","primary":true}],")" + enterprise + R"(":{"department":")" + department +
                      R"(","manager":{"value":")" + widest(1024) + R"("}},"addresses":[{"formatted":"1 Main St\n)" +
                      std::string(4000, 'a') + R"("}]})";
    auto const created = scim("POST", "/Users", body);
    ASSERT_EQ(created.status, 201) << created.body.substr(0, 300);
    auto const id = std::string(created.json().at("id").as_string());
    auto const read = scim("GET", "/Users/" + id).json();
    EXPECT_EQ(read.at("userName").as_string(), widest(1024));
    EXPECT_EQ(read.at(enterprise).at("department").as_string(), department);
    EXPECT_EQ(read.at("name").at("familyName").as_string(), family_name);
    // Sorting and filtering read those indexes.
    auto const sorted = scim("GET", "/Users?sortBy=" + url_encode(std::string(enterprise) + ":department"));
    EXPECT_EQ(sorted.status, 200);

    auto const group = std::string(R"({"schemas":[")") + group_schema + R"("],"displayName":")" + widest(1024) + "\"}";
    EXPECT_EQ(scim("POST", "/Groups", group).status, 201);
    auto const long_group =
        std::string(R"({"schemas":[")") + group_schema + R"("],"displayName":")" + incompressible(3000) + "\"}";
    expect_refused_write(scim("POST", "/Groups", long_group), 400, "invalidValue");
}

TEST_F(input_limits, a_patch_that_would_store_a_bad_value_changes_nothing) {
    auto const created = scim("POST", "/Users", user_body("patched@limits.test", R"("title":"Guide")"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const id = std::string(created.json().at("id").as_string());
    std::vector<refused_body> const cases = {
        {"nul", patch(R"([{"op":"replace","path":"title","value":"x\u0000"}])"), "invalidValue"},
        {"long", patch(R"([{"op":"replace","path":"externalId","value":")" + incompressible(3000) + "\"}]"),
         "invalidValue"},
        {"control", patch(R"([{"op":"add","path":"emails[type eq \"work\"].value","value":"a\u0007@b.c"}])"),
         "invalidValue"},
        {"duplicate_op", patch(R"([{"op":"replace","path":"title","value":"x","Value":"y"}])"), "invalidSyntax"},
        {"pathless_long", patch(R"([{"op":"replace","value":{"displayName":")" + incompressible(3000) + "\"}}]"),
         "invalidValue"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        expect_refused_write(scim("PATCH", "/Users/" + id, c.body), 400, c.scim_type);
    }
    auto const after = scim("GET", "/Users/" + id).json();
    EXPECT_EQ(after.at("title"), "Guide");
    EXPECT_FALSE(after.as_object().contains("externalId"));
    EXPECT_EQ(after.at("meta").at("version"), created.json().at("meta").at("version"));
}

TEST_F(input_limits, patch_operations_and_values_are_bounded) {
    auto const created = scim("POST", "/Users", user_body("bounded@limits.test", R"("title":"Guide")"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const id = std::string(created.json().at("id").as_string());

    // --max-patch-operations (1000): 1001 → 413 before any is applied.
    std::string operations = "[";
    for (int i = 0; i <= 1000; ++i)
        operations +=
            std::string(i ? "," : "") + R"({"op":"replace","path":"title","value":"t)" + std::to_string(i) + "\"}";
    auto const too_many = scim("PATCH", "/Users/" + id, patch(operations + "]"));
    expect_refused_write(too_many, 413, "");
    EXPECT_NE(too_many.json().at("detail").as_string().find("at most 1000"), std::string::npos);

    // 1000 are fine, and quick: a PATCH costs time linear in its size.
    operations = "[";
    for (int i = 0; i < 1000; ++i)
        operations += std::string(i ? "," : "") + R"({"op":"add","path":"emails[type eq \"t)" +
                      std::to_string(i % 100) + R"(\"].value","value":"u)" + std::to_string(i) + "@limits.test\"}";
    auto const thousand = scim("PATCH", "/Users/" + id, patch(operations + "]"));
    EXPECT_EQ(thousand.status, 200) << thousand.body.substr(0, 300);
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("emails").as_array().size(), 100u);

    // --max-attribute-values (100): the 101st email, by filter or by value, is refused.
    expect_refused_write(
        scim("PATCH", "/Users/" + id, patch(R"([{"op":"add","path":"emails[type eq \"new\"].value","value":"n@x"}])")),
        400, "invalidValue");
    expect_refused_write(
        scim("PATCH", "/Users/" + id, patch(R"([{"op":"add","path":"emails","value":[{"value":"n@x"}]}])")), 400,
        "invalidValue");
    EXPECT_EQ(scim("GET", "/Users/" + id).json().at("emails").as_array().size(), 100u);
}

TEST_F(input_limits, group_members_have_their_own_limits) {
    // More than --max-attribute-values members: members are bounded by --max-members-per-request.
    std::string members = "[";
    for (int i = 0; i < 120; ++i) {
        auto const user = scim("POST", "/Users", user_body("member" + std::to_string(i) + "@limits.test"));
        ASSERT_EQ(user.status, 201) << user.body;
        members += std::string(i ? "," : "") + R"({"value":")" + std::string(user.json().at("id").as_string()) + "\"}";
    }
    members += "]";
    auto const group = scim("POST", "/Groups",
                            std::string(R"({"schemas":[")") + group_schema +
                                R"("],"displayName":"Many members","members":)" + members + "}");
    ASSERT_EQ(group.status, 201) << group.body.substr(0, 300);
    EXPECT_EQ(group.json().at("urn:scimd:params:scim:schemas:extension:group:2.0:Group").at("memberCount"), 120);
}

TEST_F(input_limits, filters_with_date_times_outside_the_store_are_invalid_filter) {
    for (auto const* filter :
         {R"(meta.created gt "0000-01-01T00:00:00Z")", R"(meta.lastModified lt "10000-01-01T00:00:00Z")",
          R"(meta.created gt "-0001-01-01T00:00:00Z")"}) {
        SCOPED_TRACE(filter);
        expect_scim_error(scim("GET", "/Users?filter=" + url_encode(filter)), 400, "invalidFilter");
        expect_scim_error(scim("POST", "/Users/.search",
                               std::string(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],)") +
                                   R"("filter":)" + json::serialize(json::value(filter)) + "}"),
                          400, "invalidFilter");
    }
    EXPECT_EQ(scim("GET", "/Users?filter=" + url_encode(R"(meta.created gt "0001-01-01T00:00:00Z")")).status, 200);
}

TEST_F(input_limits, admin_strings_are_checked_and_never_cut_short) {
    struct admin_case {
        char const* name;
        char const* method;
        std::string path;
        std::string body;
        char const* error;
    };
    std::vector<admin_case> const cases = {
        {"directory_nul", "POST", "/directories", R"({"name":"s\u0000"})", "invalid_value"},
        {"directory_control", "POST", "/directories", R"({"name":"s\u0001"})", "invalid_value"},
        {"directory_long", "POST", "/directories", R"({"name":")" + std::string(1025, 'd') + "\"}", "invalid_value"},
        {"directory_duplicate", "POST", "/directories", R"({"name":"a","name":"b"})", "invalid_syntax"},
        {"site_name_line_break", "POST", "/sites", R"({"name":"Acme\nSite","url":"acme.limits.test","products":[]})",
         "invalid_value"},
        {"site_product_nul", "POST", "/sites", R"({"name":"Acme","url":"acme.limits.test","products":["ji\u0000ra"]})",
         "invalid_value"},
        {"site_101_products", "POST", "/sites",
         R"({"name":"Acme","url":"acme.limits.test","products":[)" +
             [] {
                 std::string products;
                 for (int i = 0; i <= 100; ++i) products += (i ? ",\"p" : "\"p") + std::to_string(i) + "\"";
                 return products;
             }() +
             "]}",
         "invalid_value"},
        {"policy_nul", "POST", "/policies", R"({"name":"P\u0000","type":"billable"})", "invalid_value"},
        {"policy_control", "POST", "/policies", R"({"name":"P\u0007","type":"billable"})", "invalid_value"},
        {"group_description_nul", "POST", "/groups", R"({"displayName":"G","description":"d\u0000"})", "invalid_value"},
        {"group_description_long", "POST", "/groups",
         R"({"displayName":"G","description":")" + std::string(4097, 'd') + "\"}", "invalid_value"},
        {"group_name_case_duplicate", "POST", "/groups", R"({"displayName":"G","DisplayName":"H"})", "invalid_syntax"},
        {"domain_nul", "POST", "/domains", R"({"name":"limits\u0000.example"})", "invalid_value"},
        {"groups_query_nul", "GET", "/groups?displayName=G%00x", "", "invalid_value"},
        {"journal_since_year_zero", "GET", "/journal?since=0000-01-01T00:00:00Z", "", "invalid_value"},
        {"managed_filter_year_zero", "GET",
         "/managed-accounts?filter=" + url_encode(R"(lastActive gt "0000-01-01T00:00:00Z")"), "", "invalid_filter"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        expect_admin_error(admin(c.method, c.path, c.body), 400, c.error);
    }
    // Nothing was created, whole or cut short at the NUL.
    EXPECT_EQ(ok(admin("GET", "/directories")).at("directories").as_array().size(), 1u);
    EXPECT_EQ(ok(admin("GET", "/sites")).at("totalResults"), 0);
    EXPECT_EQ(ok(admin("GET", "/groups?displayName=G")).at("totalResults"), 0);
    EXPECT_EQ(ok(admin("GET", "/policies")).at("policies").as_array().size(), 1u);  // the default one
    EXPECT_EQ(ok(admin("GET", "/domains")).at("domains").as_array().size(), 2u);    // the two seeded
}

TEST_F(input_limits, account_fields_and_the_two_step_exclusion_are_checked) {
    auto const account = provision("kim", "kim@acme.com");
    verify_address(account, "kim@acme.com");
    ASSERT_EQ(scim("DELETE", "/Users/" + ids_["kim"]).status, 204);  // the admin's to edit now
    ok(admin("POST", "/accounts/" + account + "/reactivate"));

    expect_admin_error(admin("PATCH", "/accounts/" + account, R"({"givenName":")" + std::string(513, 'k') + "\"}"), 400,
                       "invalid_value");
    expect_admin_error(admin("PATCH", "/accounts/" + account, R"({"jobTitle":"Chief\u0000"})"), 400, "invalid_value");
    expect_admin_error(admin("PATCH", "/accounts/" + account, R"({"location":"a\tb"})"), 400, "invalid_value");
    expect_admin_error(admin("POST", "/accounts/" + account + "/email", R"({"email":"kim\u0001@acme.com"})"), 400,
                       "invalid_value");
    // The exclusion's end is an RFC 3339 date-time the store holds; nothing else reaches its CAST.
    for (auto const* until : {R"("next week")", R"("2027-02-30T00:00:00Z")", R"("infinity")", R"("-infinity")",
                              R"("0000-01-01T00:00:00Z")", R"("2027-01-31")", R"(20270131)"}) {
        SCOPED_TRACE(until);
        expect_admin_error(
            admin("POST", "/accounts/" + account + "/two-step-exclusion", std::string(R"({"until":)") + until + "}"),
            400, "invalid_value");
    }
    auto const detail = ok(admin("GET", "/accounts/" + account));
    EXPECT_TRUE(detail.at("twoStepVerification").at("excludedUntil").is_null());
    EXPECT_TRUE(detail.at("givenName").is_null());
    EXPECT_TRUE(detail.at("jobTitle").is_null());
    EXPECT_TRUE(detail.at("pendingEmail").is_null());
    // Under a policy that enforces two-step verification, a date in the future is accepted.
    auto const enforcing =
        ok(admin("POST", "/policies", R"({"name":"Limits two-step","type":"billable","twoStepRequired":true})"), 201);
    ok(admin("PUT", "/policies/" + std::string(enforcing.at("id").as_string()) + "/accounts/" + account));
    EXPECT_EQ(ok(admin("POST", "/accounts/" + account + "/two-step-exclusion", R"({"until":"2030-01-31T00:00:00Z"})"))
                  .at("twoStepVerification")
                  .at("excludedUntil"),
              "2030-01-31T00:00:00.000Z");
}

// Last in the suite: every refusal above was a 4xx. The log shows no 500 and no lost journal entry.
TEST_F(input_limits, no_request_ended_in_a_server_error) {
    auto const log = server().stderr_text();
    EXPECT_EQ(log.find("status=500"), std::string::npos);
    EXPECT_EQ(log.find("journal entry lost"), std::string::npos);
}

}  // namespace
}  // namespace scim::testing
