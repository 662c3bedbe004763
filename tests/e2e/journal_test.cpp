// The provisioning journal end to end (docs/journal.md): every SCIM write, successful or not,
// leaves one entry with its request (passwords redacted), normalized form, diff and outcome;
// GET /admin/organizations/{organization}/journal filters by account, directory, actor, outcome and time,
// pages with a cursor, and shows an organization nothing of another's.

#include <algorithm>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

constexpr char const* group_schema = "urn:ietf:params:scim:schemas:core:2.0:Group";
constexpr char const* patch_schema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

class journal : public admin_e2e_test {
protected:
    // The journal entries a query returns (the first page).
    json::array entries(std::string const& query = "", std::string const& token = admin_token_) {
        auto const body = ok(admin("GET", "/journal?count=500" + query, {}, token));
        return body.contains("entries") ? body.at("entries").as_array() : json::array{};
    }

    // The entry of the request that got `reply`, found by its X-Request-Id.
    json::object entry_of(http_reply const& reply) {
        auto const request_id = std::string(reply.header("x-request-id"));
        EXPECT_FALSE(request_id.empty());
        for (auto const& e : entries()) {
            if (e.at("requestId").as_string() == request_id) return e.as_object();
        }
        ADD_FAILURE() << "no journal entry for request " << request_id;
        return {};
    }

    static json::object outcome(json::object const& entry) { return entry.at("outcome").as_object(); }

    std::string new_group(std::string const& name, std::string const& members = "[]") {
        auto const reply = scim("POST", "/Groups",
                                std::string(R"({"schemas":[")") + group_schema + R"("],"displayName":")" + name +
                                    R"(","members":)" + members + "}");
        return std::string(ok(reply, 201).at("id").as_string());
    }

    static std::string patch(std::string const& operations) {
        return std::string(R"({"schemas":[")") + patch_schema + R"("],"Operations":)" + operations + "}";
    }
};

TEST_F(journal, a_user_created_replaced_patched_and_deleted_leaves_one_entry_each) {
    auto const created =
        scim("POST", "/Users",
             user_body("ada@journal.test",
                       R"("password":"hunter2","emails":[{"value":"ada@journal.test","primary":true}])"));
    auto const user = ok(created, 201);
    auto const id = std::string(user.at("id").as_string());
    auto const account = std::string(user.at(account_urn).at("accountId").as_string());

    auto const post = entry_of(created);
    EXPECT_EQ(post.at("actor").as_string(), "directory");
    EXPECT_EQ(post.at("directoryId").as_string(), directory().directory_id);
    EXPECT_EQ(post.at("method").as_string(), "POST");
    EXPECT_EQ(post.at("path").as_string(), directory().base_path + "/Users");
    EXPECT_EQ(post.at("resourceType").as_string(), "User");
    EXPECT_EQ(post.at("resourceId").as_string(), id);
    EXPECT_EQ(post.at("accountId").as_string(), account);
    EXPECT_EQ(post.at("request").at("password").as_string(), "[redacted]");
    EXPECT_EQ(post.at("request").at("userName").as_string(), "ada@journal.test");
    EXPECT_FALSE(post.at("normalized").as_object().contains("password"));
    EXPECT_EQ(post.at("normalized").at("userName").as_string(), "ada@journal.test");
    EXPECT_EQ(post.at("diff").at("userName").at("before"), nullptr);
    EXPECT_EQ(post.at("diff").at("userName").at("after").as_string(), "ada@journal.test");
    EXPECT_EQ(outcome(post).at("status").as_int64(), 201);
    EXPECT_EQ(outcome(post).at("scimType"), nullptr);
    EXPECT_EQ(created.body.find("hunter2"), std::string::npos);

    auto const replaced = scim(
        "PUT", "/Users/" + id,
        user_body("ada@journal.test", R"("title":"Engineer","emails":[{"value":"ada@journal.test","primary":true}])"));
    ok(replaced);
    auto const put = entry_of(replaced);
    EXPECT_EQ(put.at("method").as_string(), "PUT");
    EXPECT_EQ(put.at("accountId").as_string(), account);
    EXPECT_EQ(put.at("diff").at("title").at("after").as_string(), "Engineer");
    EXPECT_FALSE(put.at("diff").as_object().contains("userName")) << "unchanged attributes are not in the diff";
    EXPECT_EQ(outcome(put).at("status").as_int64(), 200);

    // "Replace" in any case is a tolerated spelling: the normalized form says what was applied.
    auto const patched = scim(
        "PATCH", "/Users/" + id,
        patch(
            R"([{"op":"Replace","path":"name.givenName","value":"Ada"},{"op":"replace","path":"password","value":"hunter3"}])"));
    ok(patched);
    auto const p = entry_of(patched);
    EXPECT_EQ(p.at("request").at("Operations").at(1).at("value").as_string(), "[redacted]");
    EXPECT_EQ(p.at("normalized").at("Operations").at(0).at("op").as_string(), "replace");
    EXPECT_EQ(p.at("normalized").at("Operations").at(1).at("value").as_string(), "[redacted]");
    EXPECT_FALSE(p.at("normalized").at("normalizations").as_array().empty());
    EXPECT_EQ(p.at("diff").at("name.givenName").at("after").as_string(), "Ada");
    EXPECT_EQ(outcome(p).at("status").as_int64(), 200);

    auto const deleted = scim("DELETE", "/Users/" + id);
    EXPECT_EQ(deleted.status, 204);
    auto const del = entry_of(deleted);
    EXPECT_EQ(del.at("accountId").as_string(), account) << "the account is named though the link is gone";
    EXPECT_EQ(del.at("diff").at("userName").at("before").as_string(), "ada@journal.test");
    EXPECT_EQ(del.at("diff").at("userName").at("after"), nullptr);
    EXPECT_EQ(outcome(del).at("status").as_int64(), 204);

    // One entry per write, and none for reads; nowhere a password.
    ok(scim("GET", "/Users/" + std::string(user.at("id").as_string())), 404);
    auto const of_account = entries("&account=" + account);
    ASSERT_EQ(of_account.size(), 4u);
    EXPECT_EQ(of_account.at(0).at("method").as_string(), "DELETE") << "newest first";
    EXPECT_EQ(of_account.at(3).at("method").as_string(), "POST");
    EXPECT_EQ(json::serialize(of_account).find("hunter"), std::string::npos);
}

TEST_F(journal, a_group_created_replaced_patched_and_deleted_leaves_one_entry_each) {
    provision("grace", "grace@journal.test");
    auto const member = ids_.at("grace");
    auto const created = scim("POST", "/Groups",
                              std::string(R"({"schemas":[")") + group_schema +
                                  R"("],"displayName":"Pilots","members":[{"value":")" + member + R"("}]})");
    auto const id = std::string(ok(created, 201).at("id").as_string());
    auto const post = entry_of(created);
    EXPECT_EQ(post.at("resourceType").as_string(), "Group");
    EXPECT_EQ(post.at("resourceId").as_string(), id);
    EXPECT_EQ(post.at("accountId"), nullptr);
    EXPECT_EQ(post.at("normalized").at("members").at("count").as_int64(), 1);
    EXPECT_EQ(post.at("diff").at("displayName").at("after").as_string(), "Pilots");
    EXPECT_EQ(post.at("diff").at("members").at("added").at("ids").at(0).as_string(), member);

    auto const replaced =
        scim("PUT", "/Groups/" + id,
             std::string(R"({"schemas":[")") + group_schema + R"("],"displayName":"Aviators","members":[]})");
    ok(replaced);
    auto const put = entry_of(replaced);
    EXPECT_EQ(put.at("diff").at("displayName").at("before").as_string(), "Pilots");
    EXPECT_EQ(put.at("diff").at("members").at("removed").at("count").as_int64(), 1);

    auto const patched = scim("PATCH", "/Groups/" + id,
                              patch(R"([{"op":"add","path":"members","value":[{"value":")" + member + R"("}]}])"));
    EXPECT_EQ(patched.status, 204);
    auto const p = entry_of(patched);
    EXPECT_EQ(p.at("diff").at("members").at("added").at("count").as_int64(), 1);
    EXPECT_FALSE(p.at("diff").as_object().contains("displayName"));
    EXPECT_EQ(outcome(p).at("status").as_int64(), 204);

    auto const deleted = scim("DELETE", "/Groups/" + id);
    EXPECT_EQ(deleted.status, 204);
    auto const del = entry_of(deleted);
    EXPECT_EQ(del.at("diff").at("displayName").at("before").as_string(), "Aviators");
    EXPECT_EQ(del.at("diff").at("members").at("removed").at("ids").at(0).as_string(), member);
}

TEST_F(journal, failed_writes_are_journaled_with_their_outcome_and_no_change) {
    provision("hopper", "hopper@journal.test");
    auto const taken = scim("POST", "/Users", user_body("hopper", R"("password":"pw1")"));
    expect_scim_error(taken, 409, "uniqueness");
    auto const conflict = entry_of(taken);
    EXPECT_EQ(outcome(conflict).at("status").as_int64(), 409);
    EXPECT_EQ(outcome(conflict).at("scimType").as_string(), "uniqueness");
    EXPECT_FALSE(outcome(conflict).at("detail").as_string().empty());
    EXPECT_TRUE(conflict.at("diff").as_object().empty());
    EXPECT_EQ(conflict.at("resourceId"), nullptr) << "nothing was created";
    EXPECT_EQ(conflict.at("request").at("password").as_string(), "[redacted]");

    // Refused after the user row was written (the account is linked already): rolled back, so
    // the entry names no user.
    auto const linked =
        scim("POST", "/Users", user_body("hopper2", R"("emails":[{"value":"hopper@journal.test","primary":true}])"));
    expect_scim_error(linked, 409, "uniqueness");
    EXPECT_EQ(entry_of(linked).at("resourceId"), nullptr);
    EXPECT_EQ(ok(scim("GET", "/Users?filter=" + url_encode(R"(userName eq "hopper2")"))).at("totalResults").as_int64(),
              0);

    auto const invalid = scim("POST", "/Users", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]})");
    expect_scim_error(invalid, 400, "invalidValue");
    auto const refused = entry_of(invalid);
    EXPECT_EQ(outcome(refused).at("scimType").as_string(), "invalidValue");
    EXPECT_EQ(refused.at("normalized"), nullptr);

    // Not JSON: its size and the parse error, never its bytes.
    std::string const not_json = R"({"password": "pw2", oops)";
    auto const garbage = scim("POST", "/Users", not_json);
    expect_scim_error(garbage, 400, "invalidSyntax");
    auto const unparsed = entry_of(garbage);
    EXPECT_TRUE(unparsed.at("request").at("unparsed").as_bool());
    EXPECT_EQ(unparsed.at("request").at("bytes").as_int64(), static_cast<std::int64_t>(not_json.size()));
    EXPECT_EQ(json::serialize(unparsed).find("pw2"), std::string::npos);

    auto const missing = scim("PATCH", "/Users/7d444840-9dc0-11d1-b245-5ffdce74fad2",
                              patch(R"([{"op":"replace","path":"title","value":"x"}])"));
    expect_scim_error(missing, 404, "");
    EXPECT_EQ(outcome(entry_of(missing)).at("status").as_int64(), 404);

    auto const stale = scim("PATCH", "/Users/" + ids_.at("hopper"),
                            patch(R"([{"op":"replace","path":"title","value":"x"}])"), {{"If-Match", "W/\"999\""}});
    expect_scim_error(stale, 412, "");
    auto const precondition = entry_of(stale);
    EXPECT_EQ(outcome(precondition).at("status").as_int64(), 412);
    EXPECT_TRUE(precondition.at("diff").as_object().empty());
    EXPECT_FALSE(precondition.at("accountId").is_null()) << "the user exists, so its account is named";
}

TEST_F(journal, a_paused_directorys_refused_writes_are_journaled_and_bad_tokens_are_not) {
    auto const pausing = admin("POST", "/directories/" + directory().directory_id + "/pause");
    ok(pausing);
    auto const refused = scim("POST", "/Users", user_body("paused@journal.test"));
    EXPECT_EQ(refused.status, 503);
    ok(admin("POST", "/directories/" + directory().directory_id + "/resume"));
    auto const paused = entry_of(refused);
    EXPECT_EQ(outcome(paused).at("status").as_int64(), 503);
    EXPECT_EQ(paused.at("request").at("userName").as_string(), "paused@journal.test");

    auto const before = entries().size();
    auto const forged = client().request("POST", directory().base_path + "/Users", user_body("nobody@journal.test"),
                                         {{"Authorization", "Bearer scimd_0000000000000000_nope"}});
    EXPECT_EQ(forged.status, 401);
    ok(scim("GET", "/Users"));
    EXPECT_EQ(entries().size(), before) << "neither an unauthenticated write nor a read is journaled";
}

TEST_F(journal, filters_by_account_directory_and_time_and_pages_newest_first) {
    auto const first = provision("lovelace", "lovelace@journal.test");
    auto const second = provision("babbage", "babbage@journal.test");
    ok(scim("PATCH", "/Users/" + ids_.at("lovelace"),
            patch(R"([{"op":"replace","path":"title","value":"Countess"}])")));

    auto const lovelace = entries("&account=" + first);
    ASSERT_EQ(lovelace.size(), 2u);
    for (auto const& e : lovelace) EXPECT_EQ(e.at("accountId").as_string(), first);
    EXPECT_EQ(entries("&account=" + second).size(), 1u);
    EXPECT_TRUE(entries("&account=00000000-0000-0000-0000-000000000000").empty());
    EXPECT_TRUE(entries("&account=not-a-uuid").empty());

    // A second directory of the organization has entries of its own.
    auto const other = ok(admin("POST", "/directories", R"({"name":"entra"})"), 201);
    auto const other_id = std::string(other.at("id").as_string());
    auto const other_write =
        client().request("POST", "/scim/directory/" + other_id + "/Users", user_body("turing@journal.test"),
                         {{"Authorization", "Bearer " + std::string(other.at("token").as_string())}});
    ok(other_write, 201);
    auto const of_other = entries("&directory=" + other_id);
    ASSERT_EQ(of_other.size(), 1u);
    EXPECT_EQ(of_other.at(0).at("requestId").as_string(), other_write.header("x-request-id"));
    for (auto const& e : entries("&directory=" + directory().directory_id)) {
        EXPECT_EQ(e.at("directoryId").as_string(), directory().directory_id);
    }

    // since is inclusive, until exclusive, both RFC 3339.
    auto const newest = lovelace.at(0).as_object();
    auto const time = std::string(newest.at("time").as_string());
    auto const since = entries("&account=" + first + "&since=" + url_encode(time));
    ASSERT_EQ(since.size(), 1u);
    EXPECT_EQ(since.at(0).at("id"), newest.at("id"));
    auto const until = entries("&account=" + first + "&until=" + url_encode(time));
    ASSERT_EQ(until.size(), 1u);
    EXPECT_EQ(until.at(0).at("id"), lovelace.at(1).at("id"));
    EXPECT_TRUE(entries("&since=2999-01-01T00:00:00Z").empty());
    EXPECT_EQ(entries("&since=" + url_encode("2000-01-01T00:00:00+01:00")).size(), entries().size());

    // Pages of two, following nextCursor, give the whole listing once, in order.
    auto const all = entries();
    json::array paged;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
        auto const page = ok(admin("GET", "/journal?count=2" + (cursor.empty() ? "" : "&cursor=" + cursor)));
        for (auto const& e : page.at("entries").as_array()) paged.push_back(e);
        EXPECT_LE(page.at("entries").as_array().size(), 2u);
        if (!page.contains("nextCursor")) break;
        cursor = std::string(page.at("nextCursor").as_string());
    }
    ASSERT_EQ(paged.size(), all.size());
    for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(paged.at(i).at("id"), all.at(i).at("id")) << i;
}

TEST_F(journal, filters_by_actor_and_outcome) {
    auto const created = scim("POST", "/Users", user_body("meitner@journal.test"));
    ok(created, 201);
    auto const taken = scim("POST", "/Users", user_body("meitner@journal.test"));
    expect_scim_error(taken, 409, "uniqueness");
    auto const made = admin("POST", "/groups", R"({"displayName":"Physicists"})");
    ok(made, 201);
    auto const clash = admin("POST", "/groups", R"({"displayName":"physicists"})");
    expect_admin_error(clash, 409, "uniqueness");

    auto const has = [](json::array const& list, http_reply const& reply) {
        auto const id = std::string(reply.header("x-request-id"));
        return std::any_of(list.begin(), list.end(),
                           [&](json::value const& e) { return e.at("requestId").as_string() == id; });
    };
    auto const statuses_hold = [](json::array const& list, auto const& holds) {
        return std::all_of(list.begin(), list.end(),
                           [&](json::value const& e) { return holds(e.at("outcome").at("status").as_int64()); });
    };

    auto const of_directories = entries("&actor=directory");
    EXPECT_TRUE(has(of_directories, created) && has(of_directories, taken));
    EXPECT_FALSE(has(of_directories, made) || has(of_directories, clash));
    for (auto const& e : of_directories) EXPECT_EQ(e.at("actor").as_string(), "directory");

    auto const of_admins = entries("&actor=admin");
    EXPECT_TRUE(has(of_admins, made) && has(of_admins, clash));
    EXPECT_FALSE(has(of_admins, created) || has(of_admins, taken));
    for (auto const& e : of_admins) EXPECT_EQ(e.at("actor").as_string(), "admin");

    // The owner of a managed account confirming its address writes the account's entry.
    seed_verified_domain(directory().organization_id, "owners.journal.test");
    auto const owner = provision("noether", "noether@owners.journal.test");
    verify_address(owner, "noether@owners.journal.test");
    auto const of_owners = entries("&actor=account");
    ASSERT_FALSE(of_owners.empty());
    for (auto const& e : of_owners) EXPECT_EQ(e.at("actor").as_string(), "account");
    EXPECT_EQ(of_owners.at(0).at("accountId").as_string(), owner);

    auto const failures = entries("&outcome=failure");
    EXPECT_TRUE(has(failures, taken) && has(failures, clash));
    EXPECT_FALSE(has(failures, created) || has(failures, made));
    EXPECT_TRUE(statuses_hold(failures, [](std::int64_t s) { return s >= 400; }));
    auto const successes = entries("&outcome=success");
    EXPECT_TRUE(has(successes, created) && has(successes, made));
    EXPECT_FALSE(has(successes, taken) || has(successes, clash));
    EXPECT_TRUE(statuses_hold(successes, [](std::int64_t s) { return s < 400; }));
    EXPECT_EQ(failures.size() + successes.size(), entries().size());

    // Filters combine: the directory's failures, the admins' failures.
    auto const directory_failures = entries("&directory=" + directory().directory_id + "&outcome=failure");
    EXPECT_TRUE(has(directory_failures, taken));
    EXPECT_FALSE(has(directory_failures, clash) || has(directory_failures, created));
    auto const admin_failures = entries("&actor=admin&outcome=failure");
    EXPECT_TRUE(has(admin_failures, clash));
    EXPECT_FALSE(has(admin_failures, made) || has(admin_failures, taken));

    // An admin's entry names its token's label and the admin API's error word.
    for (auto const& e : admin_failures) {
        if (e.at("requestId").as_string() != clash.header("x-request-id")) continue;
        EXPECT_FALSE(e.at("adminTokenLabel").as_string().empty());
        EXPECT_EQ(e.at("outcome").at("error").as_string(), "uniqueness");
        EXPECT_EQ(e.at("outcome").at("scimType"), nullptr);
    }
}

TEST_F(journal, bad_query_parameters_are_refused) {
    std::vector<std::string> const queries{"since=yesterday",  "until=2026-13-01T00:00:00Z",
                                           "since=2026-11-23", "count=0",
                                           "count=501",        "count=ten",
                                           "cursor=bogus",     "cursor=" + url_encode("j1|x|1"),
                                           "actor=robot",      "actor=Directory",
                                           "outcome=ok",       "outcome="};
    for (auto const& query : queries) {
        expect_admin_error(admin("GET", "/journal?" + query), 400, "invalid_value");
    }
    EXPECT_EQ(client().request("GET", "/admin/organizations/" + directory().organization_id + "/journal").status, 401);
}

TEST_F(journal, another_organization_sees_nothing_of_it) {
    provision("curie", "curie@journal.test");
    auto const account = std::string(entries().at(0).at("accountId").as_string());
    auto const globex = server().bootstrap("globex", "okta");
    auto const globex_token = admin_token_for("globex");
    auto const theirs = [&](std::string const& query) {
        return ok(client().request("GET",
                                   "/admin/organizations/" + globex.organization_id + "/journal?count=500" + query, {},
                                   {{"Authorization", "Bearer " + globex_token}}))
            .at("entries")
            .as_array();
    };
    EXPECT_TRUE(theirs("").empty());
    EXPECT_TRUE(theirs("&directory=" + directory().directory_id).empty());
    EXPECT_TRUE(theirs("&account=" + account).empty());
    // Their token on our journal is nobody's token here.
    EXPECT_EQ(client()
                  .request("GET", "/admin/organizations/" + directory().organization_id + "/journal", {},
                           {{"Authorization", "Bearer " + globex_token}})
                  .status,
              401);
}

TEST_F(journal, member_changes_on_a_big_group_write_a_bounded_diff) {
    constexpr int members = 3000;
    auto const id = new_group("Everyone");
    // Seeding thousands of users through the API would take long; SQL takes a moment.
    run_sql(server().dsn(),
            "INSERT INTO scim_users (id, directory_id, user_name, attributes) "
            "SELECT gen_random_uuid(), '" +
                directory().directory_id +
                "', 'crowd' || i || '@journal.test', "
                "jsonb_build_object('userName', 'crowd' || i || '@journal.test') FROM generate_series(1, " +
                std::to_string(members) +
                ") AS i;"
                "INSERT INTO scim_group_members (group_id, user_id) SELECT '" +
                id +
                "', id FROM scim_users "
                "WHERE user_name LIKE 'crowd%@journal.test';");

    auto const emptied = scim("PATCH", "/Groups/" + id, patch(R"([{"op":"remove","path":"members"}])"));
    EXPECT_EQ(emptied.status, 204);
    auto const removed = entry_of(emptied).at("diff").at("members").at("removed").as_object();
    EXPECT_EQ(removed.at("count").as_int64(), members);
    EXPECT_EQ(removed.at("ids").as_array().size(), 100u);
    EXPECT_TRUE(removed.at("truncated").as_bool());

    // Adding 150 by PUT: the diff and the normalized form list 100 and count them all.
    auto const listed = ok(scim("GET", "/Users?count=150&filter=" + url_encode(R"(userName sw "crowd")")));
    std::string body = std::string(R"({"schemas":[")") + group_schema + R"("],"displayName":"Everyone","members":[)";
    auto const& users = listed.at("Resources").as_array();
    ASSERT_EQ(users.size(), 150u);
    for (std::size_t i = 0; i < users.size(); ++i) {
        body += std::string(i ? "," : "") + R"({"value":")" + std::string(users[i].at("id").as_string()) + R"("})";
    }
    auto const refilled = scim("PUT", "/Groups/" + id, body + "]}");
    ok(refilled);
    auto const entry = entry_of(refilled);
    auto const added = entry.at("diff").at("members").at("added").as_object();
    EXPECT_EQ(added.at("count").as_int64(), 150);
    EXPECT_EQ(added.at("ids").as_array().size(), 100u);
    EXPECT_EQ(entry.at("normalized").at("members").at("count").as_int64(), 150);
    EXPECT_EQ(entry.at("normalized").at("members").at("ids").as_array().size(), 100u);
}

}  // namespace
}  // namespace scim::testing

namespace scim::testing {
namespace {

// --journal-retention-days: entries older than the period go with the periodic sweep; newer
// ones stay. The old entry is aged in SQL instead of waiting; the server sweeps every second.
TEST(journal_retention, forgets_entries_older_than_the_period) {
    scimd_process server(fresh_database_dsn(), {"--deletion-sweep-seconds", "1", "--journal-retention-days", "30"});
    auto const tenant = server.bootstrap("acme", "okta");
    https_client c("127.0.0.1", server.port());
    auto scim = [&](std::string const& user_name) {
        return c.request(
            "POST", tenant.base_path + "/Users",
            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name + "\"}",
            {{"Authorization", "Bearer " + tenant.token}});
    };
    ASSERT_EQ(scim("old").status, 201);
    run_sql(server.dsn(), "UPDATE journal_entries SET occurred_at = now() - interval '31 days'");
    ASSERT_EQ(scim("new").status, 201);

    auto const issued = run_scimd({"admin-token", "--db", server.dsn(), "--org", "acme"});
    ASSERT_EQ(issued.exit_status, 0) << issued.stderr_text;
    auto const token = std::string(boost::json::parse(issued.stdout_text).at("token").as_string());
    auto count = [&] {
        auto const reply = c.request("GET", "/admin/organizations/" + tenant.organization_id + "/journal", {},
                                     {{"Authorization", "Bearer " + token}});
        return reply.json().at("entries").as_array().size();
    };
    std::size_t left = 2;
    for (int i = 0; i < 50 && left == 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        left = count();
    }
    EXPECT_EQ(left, 1u) << "the old entry was not forgotten";
    EXPECT_NE(server.stderr_text().find("journal entries erased"), std::string::npos);
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
