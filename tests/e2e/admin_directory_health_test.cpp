// A directory's health (docs/admin-api.md "Directory health"): GET /directories/{id}/health
// reads the journal of the last 24 hours — the last push, writes and failures, the most common
// errors (by status and scimType, with the latest detail) and tolerance rules (by kind, never
// with a value) — and the rate-limit refusals apart from the writes; another organization's
// directory is 404.

#include <gtest/gtest.h>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

constexpr char const* patch_schema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

class directory_health : public admin_e2e_test {
protected:
    // A new directory of the organization, and its token.
    std::pair<std::string, std::string> new_directory(std::string const& name) {
        auto const made = ok(admin("POST", "/directories", R"({"name":")" + name + R"("})"), 201);
        return {std::string(made.at("id").as_string()), std::string(made.at("token").as_string())};
    }

    http_reply push(std::string const& directory_id, std::string const& token, std::string_view method,
                    std::string const& path, std::string const& body) {
        return client().request(method, "/scim/directory/" + directory_id + path, body,
                                {{"Authorization", "Bearer " + token}});
    }

    json::object health(std::string const& directory_id) {
        return ok(admin("GET", "/directories/" + directory_id + "/health"));
    }

    static std::int64_t count_of(json::object const& h, char const* list, char const* key, std::string const& value) {
        for (auto const& item : h.at(list).as_array()) {
            if (item.at(key).as_string() == value) return item.at("count").as_int64();
        }
        return 0;
    }
};

TEST_F(directory_health, a_directory_that_never_pushed_has_nothing_to_show) {
    auto const [id, token] = new_directory("health-quiet");
    auto const h = health(id);
    EXPECT_EQ(h.at("lastPush"), nullptr);
    EXPECT_EQ(h.at("last24h").at("requests").as_int64(), 0);
    EXPECT_EQ(h.at("last24h").at("failures").as_int64(), 0);
    EXPECT_TRUE(h.at("commonErrors").as_array().empty());
    EXPECT_TRUE(h.at("commonNormalizations").as_array().empty());
    EXPECT_EQ(h.at("rateLimitRefusals").at("count").as_int64(), 0);
}

TEST_F(directory_health, counts_the_pushes_errors_and_normalizations_of_the_last_day) {
    auto const [id, token] = new_directory("health-entra");
    auto const created = push(id, token, "POST", "/Users", user_body("ada@health.test"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const user = std::string(created.json().at("id").as_string());
    for (int i = 0; i < 2; ++i)
        expect_scim_error(push(id, token, "POST", "/Users", user_body("ada@health.test")), 409, "uniqueness");
    expect_scim_error(
        push(id, token, "POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]})"), 400,
        "invalidValue");
    // What older Entra sends: an op and a boolean as strings in another case, to /users in lower case.
    auto const patched = push(id, token, "PATCH", "/users/" + user,
                              std::string(R"({"schemas":[")") + patch_schema +
                                  R"("],"Operations":[{"op":"rEPLACE","value":{"active":"fALSE"}}]})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    auto const last = push(id, token, "PATCH", "/Users/" + user,
                           std::string(R"({"schemas":[")") + patch_schema +
                               R"("],"Operations":[{"op":"Replace","path":"title","value":"Countess"}]})");
    ASSERT_EQ(last.status, 200) << last.body;

    auto const h = health(id);
    EXPECT_EQ(h.at("last24h").at("requests").as_int64(), 6);
    EXPECT_EQ(h.at("last24h").at("failures").as_int64(), 3);
    auto const& errors = h.at("commonErrors").as_array();
    ASSERT_EQ(errors.size(), 2u) << h;
    EXPECT_EQ(errors.at(0).at("status").as_int64(), 409) << "the most frequent first";
    EXPECT_EQ(errors.at(0).at("scimType").as_string(), "uniqueness");
    EXPECT_EQ(errors.at(0).at("count").as_int64(), 2);
    EXPECT_NE(errors.at(0).at("detail").as_string().find("ada@health.test"), std::string::npos)
        << "the latest detail of the kind";
    EXPECT_EQ(errors.at(1).at("status").as_int64(), 400);
    EXPECT_EQ(errors.at(1).at("count").as_int64(), 1);
    EXPECT_EQ(count_of(h, "commonNormalizations", "kind", "op-case"), 2);
    EXPECT_EQ(count_of(h, "commonNormalizations", "kind", "boolean-string"), 1);
    EXPECT_EQ(count_of(h, "commonNormalizations", "kind", "endpoint-case"), 1);
    for (auto const& n : h.at("commonNormalizations").as_array()) {
        EXPECT_FALSE(n.at("description").as_string().empty());
        EXPECT_EQ(json::serialize(n).find("fALSE"), std::string::npos) << "a kind names no value";
        EXPECT_EQ(json::serialize(n).find("rEPLACE"), std::string::npos) << "a kind names no value";
    }
    EXPECT_EQ(h.at("commonNormalizations").at(0).at("kind").as_string(), "op-case") << "the most frequent first";

    // lastPush is the latest entry's time, as the journal shows it.
    auto const newest = ok(admin("GET", "/journal?count=1&directory=" + id)).at("entries").at(0);
    EXPECT_EQ(newest.at("requestId").as_string(), last.header("x-request-id"));
    EXPECT_EQ(h.at("lastPush"), newest.at("time"));

    // Entries older than a day drop out of the counts; the last push stays.
    run_sql(server().dsn(),
            "UPDATE journal_entries SET occurred_at = occurred_at - interval '25 hours' "
            "WHERE directory_id = '" +
                id + "' AND status = 409");
    auto const later = health(id);
    EXPECT_EQ(later.at("last24h").at("requests").as_int64(), 4);
    EXPECT_EQ(later.at("last24h").at("failures").as_int64(), 1);
    ASSERT_EQ(later.at("commonErrors").as_array().size(), 1u);
    EXPECT_EQ(later.at("lastPush"), h.at("lastPush"));
}

TEST_F(directory_health, rate_limit_refusals_are_counted_apart_from_the_writes) {
    auto const [id, token] = new_directory("health-busy");
    ASSERT_EQ(push(id, token, "POST", "/Users", user_body("busy@health.test")).status, 201);
    // The periodic task's entry for 7 refused requests (service/rate_limit_refusals.cpp).
    run_sql(
        server().dsn(),
        "INSERT INTO journal_entries (organization_id, directory_id, actor, request_id, method, path, "
        "resource_type, request, normalized, status, scim_type, detail) SELECT organization_id, id, 'directory', "
        "'r', 'GET', '/Users', 'Directory', 'null', '{\"refused\": 7, \"lastRefusedAt\": \"2026-12-01T00:00:00Z\"}', "
        "429, 'tooMany', 'x' FROM directories WHERE id = '" +
            id + "'");
    auto const h = health(id);
    EXPECT_EQ(h.at("last24h").at("requests").as_int64(), 1);
    EXPECT_EQ(h.at("last24h").at("failures").as_int64(), 0);
    EXPECT_TRUE(h.at("commonErrors").as_array().empty());
    EXPECT_EQ(h.at("rateLimitRefusals").at("count").as_int64(), 7);
    EXPECT_NE(h.at("lastPush"), nullptr);
    auto const newest = ok(admin("GET", "/journal?count=1&outcome=success&directory=" + id)).at("entries").at(0);
    EXPECT_EQ(h.at("lastPush"), newest.at("time")) << "a refusals' entry is no push";
}

TEST_F(directory_health, another_organizations_directory_is_not_found) {
    auto const globex = server().bootstrap("globex-health", "okta");
    expect_admin_error(admin("GET", "/directories/" + globex.directory_id + "/health"), 404, "not_found");
    expect_admin_error(admin("GET", "/directories/00000000-0000-0000-0000-000000000000/health"), 404, "not_found");
    expect_admin_error(admin("GET", "/directories/not-a-uuid/health"), 404, "not_found");
    // Their admin token on our directory's health is nobody's token here.
    auto const theirs = admin_token_for("globex-health");
    EXPECT_EQ(admin("GET", "/directories/" + directory().directory_id + "/health", {}, theirs).status, 401);
    EXPECT_EQ(
        admin_of(globex.organization_id, theirs, "GET", "/directories/" + directory().directory_id + "/health").status,
        404);
}

}  // namespace
}  // namespace scim::testing
