// SCIM Groups against the real binary: the resource, its members as set operations, the
// responses that scale (204, excludedAttributes=members, members shown up to a limit and
// said so, the paged member listing), groups on Users, the limits, the group-push sequences
// of Okta and Entra (IDP-BEHAVIOUR.md), and concurrent clients at 100,000 members.

#include <set>
#include <thread>

#include "e2e_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";
std::string const group_schema = R"("schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"])";
std::string const extension = "urn:scimd:params:scim:schemas:extension:group:2.0:Group";

std::string group_body(std::string const& name, std::string const& extra = "") {
    return "{" + group_schema + R"(,"displayName":")" + name + "\"" + (extra.empty() ? "" : "," + extra) + "}";
}

std::string members_json(std::vector<std::string> const& ids) {
    json::array a;
    for (auto const& id : ids) a.push_back(json::object{{"value", id}});
    return json::serialize(a);
}

class groups : public e2e_test {
protected:
    json::object ok(http_reply const& reply, int status = 200) {
        EXPECT_EQ(reply.status, status) << reply.body;
        return reply.status == status && !reply.body.empty() ? reply.json().as_object() : json::object{};
    }

    std::string new_user(std::string const& name) {
        auto created = ok(scim("POST", "/Users", user_body(name, R"("displayName":"Display )" + name + "\"")), 201);
        return std::string(created.at("id").as_string());
    }

    std::string new_group(std::string const& name, std::string const& extra = "") {
        auto created = ok(scim("POST", "/Groups", group_body(name, extra)), 201);
        return std::string(created.at("id").as_string());
    }

    std::set<std::string> member_ids(std::string const& group_id) {
        std::set<std::string> ids;
        std::string cursor;
        for (;;) {
            auto page = ok(scim("GET", "/Groups/" + group_id + "/members?count=1000&cursor=" + cursor));
            for (auto const& m : page.at("Resources").as_array()) ids.insert(std::string(m.at("value").as_string()));
            if (!page.contains("nextCursor")) return ids;
            cursor = url_encode(std::string(page.at("nextCursor").as_string()));
        }
    }

    std::int64_t member_count(std::string const& group_id) {
        auto g = ok(scim("GET", "/Groups/" + group_id + "?excludedAttributes=members"));
        return g.at(extension).at("memberCount").as_int64();
    }

    http_reply patch(std::string const& group_id, std::string const& operations,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
        return scim("PATCH", "/Groups/" + group_id, patch_op + operations + "}", std::move(headers));
    }
};

TEST_F(groups, create_read_replace_delete) {
    auto const alice = new_user("alice@groups.test");
    auto const bob = new_user("bob@groups.test");
    auto reply =
        scim("POST", "/Groups", group_body("Sales", R"("externalId":"ext-sales","members":)" + members_json({alice})));
    auto created = ok(reply, 201);
    auto const id = std::string(created.at("id").as_string());
    EXPECT_EQ(reply.header("location"), created.at("meta").at("location").as_string());
    EXPECT_EQ(reply.header("etag"), created.at("meta").at("version").as_string());
    EXPECT_EQ(created.at("meta").at("resourceType"), "Group");
    ASSERT_EQ(created.at("members").as_array().size(), 1u);
    auto const& member = created.at("members").at(0).as_object();
    EXPECT_EQ(member.at("value"), json::value(alice));
    EXPECT_EQ(member.at("display"), "Display alice@groups.test");
    EXPECT_EQ(member.at("type"), "User");
    EXPECT_NE(std::string(member.at("$ref").as_string()).find("/Users/" + alice), std::string::npos);
    EXPECT_EQ(created.at(extension).at("memberCount"), 1);
    EXPECT_EQ(created.at(extension).at("membersComplete"), true);

    // displayName is unique in the organization, ignoring case.
    expect_scim_error(scim("POST", "/Groups", group_body("SALES")), 409, "uniqueness");
    // A member that is no User of the directory: 400 naming it, no group created.
    expect_scim_error(scim("POST", "/Groups", group_body("Ghosts", R"("members":[{"value":"ghost"}])")), 400,
                      "invalidValue");
    EXPECT_EQ(ok(scim("GET", "/Groups?filter=" + url_encode(R"(displayName eq "Ghosts")"))).at("totalResults"), 0);

    auto found = ok(scim("GET", "/Groups?filter=" + url_encode(R"(externalId eq "ext-sales")")));
    ASSERT_EQ(found.at("totalResults"), 1);
    EXPECT_EQ(found.at("Resources").at(0).at("id"), json::value(id));

    // PUT replaces everything, members included.
    auto replaced = ok(scim("PUT", "/Groups/" + id, group_body("Sales EMEA", R"("members":)" + members_json({bob}))));
    EXPECT_EQ(replaced.at("displayName"), "Sales EMEA");
    EXPECT_FALSE(replaced.contains("externalId"));
    EXPECT_EQ(member_ids(id), std::set<std::string>{bob});

    // If-None-Match and If-Match (RFC 7644 §3.14).
    auto const etag = std::string(replaced.at("meta").at("version").as_string());
    EXPECT_EQ(scim("GET", "/Groups/" + id, {}, {{"If-None-Match", etag}}).status, 304);
    expect_scim_error(scim("DELETE", "/Groups/" + id, {}, {{"If-Match", "W/\"1\""}}), 412, "");

    EXPECT_EQ(scim("DELETE", "/Groups/" + id).status, 204);
    expect_scim_error(scim("GET", "/Groups/" + id), 404, "");
    // The users stay; only the memberships went.
    EXPECT_EQ(scim("GET", "/Users/" + bob).status, 200);
}

TEST_F(groups, patch_forms_and_answers) {
    auto const a = new_user("a@patch.test");
    auto const b = new_user("b@patch.test");
    auto const c = new_user("c@patch.test");
    auto const id = new_group("Patchers");

    // 204 by default, with the new version as ETag.
    auto added = patch(id, R"([{"op":"add","path":"members","value":)" + members_json({a, b, c}) + "}]");
    EXPECT_EQ(added.status, 204) << added.body;
    EXPECT_FALSE(added.header("etag").empty());
    EXPECT_EQ(member_ids(id), (std::set<std::string>{a, b, c}));
    // Adding an existing member, removing an absent one: no error, no change.
    EXPECT_EQ(patch(id, R"([{"op":"add","path":"members","value":)" + members_json({a}) + "}]").status, 204);
    EXPECT_EQ(
        patch(id, R"([{"op":"remove","path":"members[value eq \"00000000-0000-4000-8000-000000000000\"]"}])").status,
        204);

    // Compound filter.
    EXPECT_EQ(patch(id, R"([{"op":"remove","path":"members[value eq \")" + a + R"(\" or value eq \")" + b + R"(\"]"}])")
                  .status,
              204);
    EXPECT_EQ(member_ids(id), std::set<std::string>{c});

    // The body comes back when asked for.
    auto shown = ok(scim("PATCH", "/Groups/" + id + "?excludedAttributes=members",
                         patch_op + R"([{"op":"add","path":"members","value":)" + members_json({a}) + "}]}"));
    EXPECT_FALSE(shown.contains("members"));
    EXPECT_EQ(shown.at(extension).at("memberCount"), 2);
    auto whole = ok(patch(id, R"([{"op":"replace","path":"displayName","value":"Patchers 2"}])",
                          {{"Prefer", "return=representation"}}));
    EXPECT_EQ(whole.at("displayName"), "Patchers 2");
    EXPECT_EQ(whole.at("members").as_array().size(), 2u);

    // All or nothing: a valid add followed by an unknown member changes nothing.
    expect_scim_error(patch(id, R"([{"op":"add","path":"members","value":)" + members_json({b}) +
                                    R"(},{"op":"add","path":"members","value":[{"value":"nobody"}]}])"),
                      400, "invalidValue");
    EXPECT_EQ(member_ids(id), (std::set<std::string>{a, c}));

    // Replace all; remove with a value list (Entra); remove all.
    EXPECT_EQ(patch(id, R"([{"op":"replace","path":"members","value":)" + members_json({a, b}) + "}]").status, 204);
    EXPECT_EQ(member_ids(id), (std::set<std::string>{a, b}));
    EXPECT_EQ(patch(id, R"([{"op":"Remove","path":"members","value":)" + members_json({a}) + "}]").status, 204);
    EXPECT_EQ(member_ids(id), std::set<std::string>{b});
    EXPECT_EQ(patch(id, R"([{"op":"remove","path":"members"}])").status, 204);
    EXPECT_TRUE(member_ids(id).empty());

    // Refusals.
    expect_scim_error(patch(id, R"([{"op":"add","path":"members","value":[{"value":")" + a + R"(","type":"Group"}]}])"),
                      400, "invalidValue");
    expect_scim_error(patch(id, R"([{"op":"replace","path":"members[value eq \"x\"].display","value":"y"}])"), 400,
                      "mutability");
    expect_scim_error(patch(id, R"([{"op":"remove","path":"members[nope eq \"x\"]"}])"), 400, "invalidFilter");
}

TEST_F(groups, users_show_their_groups) {
    auto const u = new_user("member@users.test");
    auto const g1 = new_group("Alpha");
    auto const g2 = new_group("Beta");
    for (auto const& g : {g1, g2}) {
        EXPECT_EQ(patch(g, R"([{"op":"add","path":"members","value":)" + members_json({u}) + "}]").status, 204);
    }
    auto user = ok(scim("GET", "/Users/" + u));
    auto const& shown = user.at("groups").as_array();
    ASSERT_EQ(shown.size(), 2u);
    EXPECT_EQ(shown.at(0).at("display"), "Alpha");
    EXPECT_EQ(shown.at(0).at("value"), json::value(g1));
    EXPECT_EQ(shown.at(0).at("type"), "direct");
    EXPECT_NE(std::string(shown.at(1).at("$ref").as_string()).find("/Groups/" + g2), std::string::npos);
    EXPECT_FALSE(ok(scim("GET", "/Users/" + u + "?excludedAttributes=groups")).contains("groups"));

    // groups is readOnly: a client's value is ignored, membership changes through Groups.
    auto put = ok(scim("PUT", "/Users/" + u, user_body("member@users.test", R"("groups":[])")));
    EXPECT_EQ(put.at("groups").as_array().size(), 2u);

    // Filterable.
    auto by_group = ok(scim("GET", "/Users?filter=" + url_encode("groups[value eq \"" + g2 + "\"]")));
    ASSERT_EQ(by_group.at("totalResults"), 1);
    EXPECT_EQ(by_group.at("Resources").at(0).at("id"), json::value(u));
    EXPECT_EQ(ok(scim("GET", "/Users?filter=" + url_encode(R"(groups.display eq "alpha")"))).at("totalResults"), 1);
    EXPECT_GE(ok(scim("GET", "/Users?filter=" + url_encode("not (groups pr)"))).at("totalResults").as_int64(), 1);

    // Deleting the user removes it from its groups.
    EXPECT_EQ(scim("DELETE", "/Users/" + u).status, 204);
    EXPECT_EQ(member_count(g1), 0);
}

TEST_F(groups, okta_group_push) {
    auto const u1 = new_user("okta1@push.test");
    auto const u2 = new_user("okta2@push.test");
    // Okta looks the group up by name, creates it empty, then fills it by PATCH.
    EXPECT_EQ(ok(scim("GET", "/Groups?filter=" + url_encode(R"(displayName eq "Okta Push")") +
                                 "&excludedAttributes=members&startIndex=1&count=100"))
                  .at("totalResults"),
              0);
    auto const id = new_group("Okta Push", R"("members":[])");
    auto add = patch(id, R"([{"op":"add","path":"members","value":[{"value":")" + u1 +
                             R"(","display":"okta1"},{"value":")" + u2 + R"(","display":"okta2"}]}])");
    EXPECT_EQ(add.status, 204) << add.body;
    // A rename, repeated with every membership change: a path-less replace of {id, displayName}.
    auto renamed = patch(id, R"([{"op":"replace","value":{"id":")" + id + R"(","displayName":"Okta Pushed"}},
                                 {"op":"remove","path":"members[value eq \")" +
                                 u1 + R"(\"]"}])");
    EXPECT_EQ(renamed.status, 204) << renamed.body;
    auto group = ok(scim("GET", "/Groups/" + id + "?excludedAttributes=members"));
    EXPECT_EQ(group.at("displayName"), "Okta Pushed");
    EXPECT_FALSE(group.contains("members"));
    EXPECT_EQ(member_ids(id), std::set<std::string>{u2});
    // The same rename again changes nothing, so no new version.
    auto const version = group.at("meta").at("version");
    EXPECT_EQ(patch(id, R"([{"op":"replace","value":{"id":")" + id + R"(","displayName":"Okta Pushed"}}])").status,
              204);
    EXPECT_EQ(ok(scim("GET", "/Groups/" + id + "?excludedAttributes=members")).at("meta").at("version"), version);
    EXPECT_EQ(scim("DELETE", "/Groups/" + id).status, 204);
}

TEST_F(groups, entra_group_push) {
    auto const u1 = new_user("entra1@push.test");
    auto const u2 = new_user("entra2@push.test");
    auto const query = "/Groups?excludedAttributes=members&filter=" + url_encode(R"(displayName eq "Entra Push")");
    EXPECT_EQ(ok(scim("GET", query)).at("totalResults"), 0);
    auto const id = new_group("Entra Push", R"("externalId":"8d3f")");
    EXPECT_EQ(ok(scim("GET", query)).at("Resources").at(0).at("id"), json::value(id));
    // Capitalised ops, one member per operation.
    EXPECT_EQ(patch(id, R"([{"op":"Add","path":"members","value":[{"value":")" + u1 + R"("}]},
                             {"op":"Add","path":"members","value":[{"value":")" +
                            u2 + R"("}]}])")
                  .status,
              204);
    // The membership check Entra runs before changing a member.
    auto const check = [&](std::string const& user) {
        return ok(scim("GET", "/Groups?excludedAttributes=members&filter=" +
                                  url_encode("id eq \"" + id + "\" and members[value eq \"" + user + "\"]")))
            .at("totalResults")
            .as_int64();
    };
    EXPECT_EQ(check(u1), 1);
    // Remove with a value list: only that member goes.
    EXPECT_EQ(patch(id, R"([{"op":"Remove","path":"members","value":[{"value":")" + u1 + R"("}]}])").status, 204);
    EXPECT_EQ(check(u1), 0);
    EXPECT_EQ(check(u2), 1);
    EXPECT_EQ(patch(id, R"([{"op":"Replace","path":"displayName","value":"Entra Renamed"}])").status, 204);
    EXPECT_EQ(ok(scim("GET", "/Groups/" + id)).at("displayName"), "Entra Renamed");
    EXPECT_EQ(scim("DELETE", "/Groups/" + id).status, 204);
    expect_scim_error(scim("GET", "/Groups/" + id), 404, "");
}

TEST_F(groups, root_search_lists_users_then_groups) {
    new_group("Searchable Group");
    auto found = ok(scim("POST", "/.search", R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter":"displayName eq \"Searchable Group\""})"));
    ASSERT_EQ(found.at("totalResults"), 1);
    EXPECT_EQ(found.at("Resources").at(0).at("meta").at("resourceType"), "Group");
    expect_scim_error(scim("POST", "/.search", R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
        "filter":"nosuch eq 1"})"),
                      400, "invalidFilter");
}

// Eight clients add and remove members of a 100,000-member group at the same time, one
// member per request: every change lands, none is lost, and the count stays exact.
TEST_F(groups, concurrent_clients_at_100000_members_lose_nothing) {
    constexpr int members = 100000;
    constexpr int clients = 8;
    constexpr int each = 25;
    auto const id = new_group("Everyone");
    // Seeding 100,000 users through the API would take minutes; SQL takes seconds.
    run_sql(server().dsn(),
            "SET statement_timeout = 0;"
            "INSERT INTO scim_users (id, directory_id, user_name, attributes) "
            "SELECT gen_random_uuid(), '" +
                directory().directory_id +
                "', 'bulk' || i || '@big.test', "
                "jsonb_build_object('userName', 'bulk' || i || '@big.test') FROM generate_series(1, " +
                std::to_string(members + clients * each) +
                ") AS i;"
                "INSERT INTO scim_group_members (group_id, user_id) SELECT '" +
                id +
                "', id FROM scim_users "
                "WHERE user_name LIKE 'bulk%@big.test' AND split_part(substr(user_name, 5), '@', 1)::int <= " +
                std::to_string(members) + ";");
    ASSERT_EQ(member_count(id), members);

    // Members to remove and users to add, taken from the listing and a filter.
    auto const all = member_ids(id);
    std::vector<std::string> leaving(all.begin(), std::next(all.begin(), clients * each));
    std::vector<std::string> joining;
    for (int i = members + 1; i <= members + clients * each; ++i) {
        auto u =
            ok(scim("GET", "/Users?filter=" + url_encode("userName eq \"bulk" + std::to_string(i) + "@big.test\"")));
        joining.emplace_back(u.at("Resources").at(0).at("id").as_string());
    }

    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            https_client client("127.0.0.1", server().port());
            auto const auth =
                std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + directory().token}};
            for (int i = 0; i < each; ++i) {
                auto const k = static_cast<std::size_t>(c * each + i);
                auto add = client.request(
                    "PATCH", directory().base_path + "/Groups/" + id,
                    patch_op + R"([{"op":"add","path":"members","value":[{"value":")" + joining[k] + R"("}]}]})", auth);
                auto remove = client.request(
                    "PATCH", directory().base_path + "/Groups/" + id,
                    patch_op + R"([{"op":"remove","path":"members[value eq \")" + leaving[k] + R"(\"]"}]})", auth);
                if (add.status != 204 || remove.status != 204) ++failures;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);

    auto const after = member_ids(id);
    EXPECT_EQ(after.size(), static_cast<std::size_t>(members));
    EXPECT_EQ(member_count(id), members);
    for (auto const& u : joining) EXPECT_EQ(after.count(u), 1u) << u << " was lost";
    for (auto const& u : leaving) EXPECT_EQ(after.count(u), 0u) << u << " is still a member";
}

// A server with small limits: members shown up to the limit and said so, the paged
// listing, and the limits on a group and on one request.
TEST(groups_limits, are_errors_and_never_silent_truncation) {
    scimd_process server(fresh_database_dsn(),
                         {"--max-members-shown", "3", "--max-members-per-request", "4", "--max-group-members", "6"});
    auto const tenant = server.bootstrap("limits", "okta");
    https_client client("127.0.0.1", server.port());
    auto scim = [&](std::string_view method, std::string const& path, std::string_view body = {}) {
        return client.request(method, tenant.base_path + path, body, {{"Authorization", "Bearer " + tenant.token}});
    };
    std::vector<std::string> users;
    for (int i = 0; i < 8; ++i) {
        auto r = scim(
            "POST", "/Users",
            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"l)" + std::to_string(i) + R"("})");
        ASSERT_EQ(r.status, 201) << r.body;
        users.emplace_back(r.json().at("id").as_string());
    }
    auto created = scim("POST", "/Groups", group_body("Limited"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const id = std::string(created.json().at("id").as_string());
    auto add = [&](std::vector<std::string> const& ids) {
        return scim("PATCH", "/Groups/" + id,
                    patch_op + R"([{"op":"add","path":"members","value":)" + members_json(ids) + "}]}");
    };

    // Five members in one request: 413, nothing added.
    auto too_many = add({users[0], users[1], users[2], users[3], users[4]});
    EXPECT_EQ(too_many.status, 413) << too_many.body;
    EXPECT_EQ(add({users[0], users[1], users[2], users[3]}).status, 204);
    EXPECT_EQ(add({users[4], users[5]}).status, 204);
    // A seventh member: 400, nothing added.
    auto full = add({users[6]});
    EXPECT_EQ(full.status, 400) << full.body;
    EXPECT_EQ(full.json().at("scimType"), "invalidValue");

    // Six members, three shown, and the response says so.
    auto shown = scim("GET", "/Groups/" + id);
    ASSERT_EQ(shown.status, 200);
    auto const group = shown.json().as_object();
    EXPECT_EQ(group.at("members").as_array().size(), 3u);
    EXPECT_EQ(group.at(extension).at("memberCount"), 6);
    EXPECT_EQ(group.at(extension).at("membersComplete"), false);
    auto const location = std::string(group.at(extension).at("membersLocation").as_string());
    EXPECT_NE(location.find("/Groups/" + id + "/members"), std::string::npos);

    // The paged listing has all of them, by cursor and by index.
    std::set<std::string> listed;
    std::string cursor;
    int pages = 0;
    for (;; ++pages) {
        auto page = scim("GET", "/Groups/" + id + "/members?count=4&cursor=" + url_encode(cursor));
        ASSERT_EQ(page.status, 200) << page.body;
        auto const body = page.json().as_object();
        EXPECT_EQ(body.at("totalResults"), 6);
        for (auto const& m : body.at("Resources").as_array()) listed.insert(std::string(m.at("value").as_string()));
        if (!body.contains("nextCursor")) break;
        cursor = std::string(body.at("nextCursor").as_string());
    }
    EXPECT_EQ(pages, 1);
    EXPECT_EQ(listed, (std::set<std::string>(users.begin(), users.begin() + 6)));
    auto second = scim("GET", "/Groups/" + id + "/members?count=4&startIndex=5");
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(second.json().at("Resources").as_array().size(), 2u);
    auto tampered = scim("GET", "/Groups/" + id + "/members?cursor=abc.def");
    EXPECT_EQ(tampered.status, 400);
    EXPECT_EQ(tampered.json().at("scimType"), "invalidCursor");
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
