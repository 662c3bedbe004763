// POST /Bulk end to end over HTTPS (RFC 7644 §3.7, docs/bulk.md): bulkId references, forward
// ones included, in dependency order; circles refused whole; failOnErrors; the two limits of
// /ServiceProviderConfig with §3.7.4's 413, the payload limit in place of --max-body-bytes;
// PUT, PATCH and DELETE with version; one authentication before anything; one journal entry
// per operation under the bulk's request id.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

constexpr char const* bulk_schema = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
constexpr char const* user_schema = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr char const* group_schema = "urn:ietf:params:scim:schemas:core:2.0:Group";
constexpr char const* enterprise_urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// Small limits, the payload's above the body limit of every other request: a Bulk body between
// the two is read, and only /Bulk's own limit refuses a larger one.
constexpr std::size_t max_operations = 10;
constexpr std::size_t max_payload = 16384;
constexpr std::size_t max_body = 4096;

class bulk : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        start({"--bulk-max-operations", std::to_string(max_operations), "--bulk-max-payload-bytes",
               std::to_string(max_payload), "--max-body-bytes", std::to_string(max_body)});
    }

    static std::string request(std::vector<std::string> const& operations, std::string const& extra = "") {
        std::string list;
        for (auto const& op : operations) list += (list.empty() ? "" : ",") + op;
        return std::string(R"({"schemas":[")") + bulk_schema + "\"]" + extra + R"(,"Operations":[)" + list + "]}";
    }

    static std::string post_user(std::string const& bulk_id, std::string const& user_name,
                                 std::string const& extra = "") {
        return R"({"method":"POST","path":"/Users","bulkId":")" + bulk_id + R"(","data":)" +
               user_body(user_name, extra) + "}";
    }

    static std::string post_group(std::string const& bulk_id, std::string const& name,
                                  std::vector<std::string> const& members) {
        std::string list;
        for (auto const& m : members) list += (list.empty() ? "" : ",") + (R"({"value":")" + m + "\"}");
        return R"({"method":"POST","path":"/Groups","bulkId":")" + bulk_id + R"(","data":{"schemas":[")" +
               group_schema + R"("],"displayName":")" + name + R"(","members":[)" + list + "]}}";
    }

    // The operations of a BulkResponse (200), checked for its schema.
    json::array operations_of(http_reply const& reply) {
        EXPECT_EQ(reply.status, 200) << reply.body;
        EXPECT_EQ(reply.header("content-type"), "application/scim+json");
        auto const body = reply.json().as_object();
        EXPECT_EQ(body.at("schemas").as_array().at(0).as_string(),
                  "urn:ietf:params:scim:api:messages:2.0:BulkResponse");
        return body.at("Operations").as_array();
    }

    static json::object by_bulk_id(json::array const& operations, std::string const& bulk_id) {
        for (auto const& op : operations) {
            if (op.as_object().contains("bulkId") && op.at("bulkId").as_string() == bulk_id) return op.as_object();
        }
        ADD_FAILURE() << "no operation with bulkId " << bulk_id << " in " << json::serialize(operations);
        return {};
    }

    // The id at the end of an operation's location.
    static std::string id_of(json::object const& op) {
        auto const location = std::string(op.at("location").as_string());
        return location.substr(location.rfind('/') + 1);
    }

    static void expect_error(json::object const& op, std::string const& status, std::string const& scim_type) {
        EXPECT_EQ(op.at("status").as_string(), status) << op;
        ASSERT_TRUE(op.contains("response")) << op;
        auto const& error = op.at("response").as_object();
        EXPECT_EQ(error.at("schemas").as_array().at(0).as_string(), "urn:ietf:params:scim:api:messages:2.0:Error");
        EXPECT_EQ(error.at("status").as_string(), status);
        if (scim_type.empty()) {
            EXPECT_FALSE(error.contains("scimType")) << op;
        } else {
            EXPECT_EQ(error.at("scimType").as_string(), scim_type) << op;
        }
        EXPECT_FALSE(error.at("detail").as_string().empty());
    }

    std::int64_t total(std::string const& resource, std::string const& filter) {
        auto const reply = scim("GET", "/" + resource + "?filter=" + url_encode(filter));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json().at("totalResults").as_int64();
    }
};

TEST_F(bulk, service_provider_config_declares_bulk_and_its_limits) {
    auto const config = ok(scim("GET", "/ServiceProviderConfig")).at("bulk").as_object();
    EXPECT_EQ(config.at("supported"), true);
    EXPECT_EQ(config.at("maxOperations").as_int64(), static_cast<std::int64_t>(max_operations));
    EXPECT_EQ(config.at("maxPayloadSize").as_int64(), static_cast<std::int64_t>(max_payload));
}

TEST_F(bulk, creates_a_user_and_a_group_that_references_it) {
    auto const reply = scim(
        "POST", "/Bulk", request({post_user("u1", "ref.ada@bulk.test"), post_group("g1", "ref team", {"bulkId:u1"})}));
    auto const ops = operations_of(reply);
    ASSERT_EQ(ops.size(), 2u);
    auto const user = by_bulk_id(ops, "u1");
    auto const group = by_bulk_id(ops, "g1");
    for (auto const& op : {user, group}) {
        EXPECT_EQ(op.at("method").as_string(), "POST");
        EXPECT_EQ(op.at("status").as_string(), "201");
        EXPECT_FALSE(op.contains("response"));
    }
    EXPECT_EQ(user.at("version").as_string(), "W/\"1\"");
    EXPECT_EQ(std::string(user.at("location").as_string()).find(directory().base_path + "/Users/") != std::string::npos,
              true);
    auto const shown = ok(scim("GET", "/Groups/" + id_of(group)));
    ASSERT_EQ(shown.at("members").as_array().size(), 1u);
    EXPECT_EQ(shown.at("members").at(0).at("value").as_string(), id_of(user));
    // The version is the resource's ETag, as its own GET shows it.
    EXPECT_EQ(scim("GET", "/Users/" + id_of(user)).header("etag"), user.at("version").as_string());
    EXPECT_EQ(scim("GET", "/Groups/" + id_of(group)).header("etag"), group.at("version").as_string());
}

TEST_F(bulk, a_forward_reference_runs_the_referenced_post_first) {
    // The group and the report come before the users they name (§3.7.2).
    auto const reply =
        scim("POST", "/Bulk",
             request({post_group("g", "forward team", {"bulkId:boss", "bulkId:report"}),
                      post_user("report", "fwd.report@bulk.test",
                                std::string(R"(")") + enterprise_urn + R"(":{"manager":{"value":"bulkId:boss"}})"),
                      post_user("boss", "fwd.boss@bulk.test")}));
    auto const ops = operations_of(reply);
    ASSERT_EQ(ops.size(), 3u);
    // Listed in the order they ran.
    EXPECT_EQ(ops.at(0).at("bulkId").as_string(), "boss");
    EXPECT_EQ(ops.at(1).at("bulkId").as_string(), "report");
    EXPECT_EQ(ops.at(2).at("bulkId").as_string(), "g");
    for (auto const& op : ops) EXPECT_EQ(op.at("status").as_string(), "201") << op;
    auto const boss = id_of(by_bulk_id(ops, "boss"));
    auto const report = ok(scim("GET", "/Users/" + id_of(by_bulk_id(ops, "report"))));
    EXPECT_EQ(report.at(enterprise_urn).at("manager").at("value").as_string(), boss);
    auto const group = ok(scim("GET", "/Groups/" + id_of(by_bulk_id(ops, "g"))));
    EXPECT_EQ(group.at("members").as_array().size(), 2u);
}

TEST_F(bulk, a_circle_of_references_is_refused_and_nothing_of_it_is_created) {
    auto const reply =
        scim("POST", "/Bulk",
             request({post_group("a", "circle a", {"bulkId:b"}), post_group("b", "circle b", {"bulkId:a"}),
                      post_group("c", "circle c", {"bulkId:a"}), post_user("free", "circle.free@bulk.test")}));
    auto const ops = operations_of(reply);
    ASSERT_EQ(ops.size(), 4u);
    // Each of the circle is told so (§3.7.1), not merely that what it references is missing.
    for (auto const* id : {"a", "b"}) {
        expect_error(by_bulk_id(ops, id), "409", "");
        EXPECT_NE(std::string(by_bulk_id(ops, id).at("response").at("detail").as_string()).find("form a circle"),
                  std::string::npos);
    }
    // c is no part of the circle, but what it references was never created.
    expect_error(by_bulk_id(ops, "c"), "409", "");
    EXPECT_FALSE(by_bulk_id(ops, "a").contains("location"));
    EXPECT_EQ(by_bulk_id(ops, "free").at("status").as_string(), "201");
    EXPECT_EQ(total("Groups", R"(displayName sw "circle")"), 0);
    EXPECT_EQ(total("Users", R"(userName eq "circle.free@bulk.test")"), 1);
}

TEST_F(bulk, references_to_an_unknown_bulk_id_or_a_failed_post_fail_alone) {
    auto const reply = scim("POST", "/Bulk",
                            request({post_group("lost", "lost team", {"bulkId:nobody"}),
                                     R"({"method":"POST","path":"/Users","bulkId":"bad","data":{"schemas":[")" +
                                         std::string(user_schema) + R"("]}})",
                                     post_group("after-bad", "after bad team", {"bulkId:bad"}),
                                     R"({"method":"DELETE","path":"/Users/bulkId:bad"})"}));
    auto const ops = operations_of(reply);
    ASSERT_EQ(ops.size(), 4u);
    expect_error(by_bulk_id(ops, "lost"), "400", "invalidValue");
    EXPECT_NE(std::string(by_bulk_id(ops, "lost").at("response").at("detail").as_string()).find("nobody"),
              std::string::npos);
    expect_error(by_bulk_id(ops, "bad"), "400", "invalidValue");
    expect_error(by_bulk_id(ops, "after-bad"), "409", "");
    expect_error(ops.at(3).as_object(), "409", "");
    EXPECT_FALSE(ops.at(3).as_object().contains("location"));
    EXPECT_EQ(total("Groups", R"(displayName sw "lost team")") + total("Groups", R"(displayName eq "after bad team")"),
              0);
}

TEST_F(bulk, fail_on_errors_stops_after_that_many_errors) {
    auto const reply = scim(
        "POST", "/Bulk",
        request({post_user("ok", "foe.ok@bulk.test"), R"({"method":"DELETE","path":"/Users/no-such-user"})",
                 R"({"method":"DELETE","path":"/Groups/no-such-group"})", post_user("never", "foe.never@bulk.test")},
                R"(,"failOnErrors":2)"));
    auto const ops = operations_of(reply);
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_EQ(ops.at(0).at("status").as_string(), "201");
    expect_error(ops.at(1).as_object(), "404", "");
    expect_error(ops.at(2).as_object(), "404", "");
    EXPECT_EQ(total("Users", R"(userName eq "foe.never@bulk.test")"), 0);

    // Without failOnErrors every operation runs.
    auto const all = operations_of(scim(
        "POST", "/Bulk",
        request({R"({"method":"DELETE","path":"/Users/no-such-user"})",
                 R"({"method":"DELETE","path":"/Users/no-such-user-2"})", post_user("last", "foe.last@bulk.test")})));
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all.at(2).at("status").as_string(), "201");
}

TEST_F(bulk, put_patch_and_delete_take_version_as_if_match) {
    auto const created = operations_of(scim("POST", "/Bulk", request({post_user("v", "ver.ada@bulk.test")})));
    auto const id = id_of(created.at(0).as_object());
    auto const put = R"({"method":"PUT","path":"/Users/)" + id + R"(","version":"W/\"1\"","data":)" +
                     user_body("ver.ada@bulk.test", R"("displayName":"Ada")") + "}";
    auto const stale_patch =
        R"({"method":"PATCH","path":"/Users/)" + id +
        R"(","version":"W/\"1\"","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Augusta"}]}})";
    auto const patch =
        R"({"method":"PATCH","path":"/Users/)" + id +
        R"(","version":"W/\"2\"","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Augusta"}]}})";
    auto const ops = operations_of(scim("POST", "/Bulk", request({put, stale_patch, patch})));
    ASSERT_EQ(ops.size(), 3u);
    EXPECT_EQ(ops.at(0).at("status").as_string(), "200");
    EXPECT_EQ(ops.at(0).at("version").as_string(), "W/\"2\"");
    EXPECT_EQ(ops.at(0).at("method").as_string(), "PUT");
    expect_error(ops.at(1).as_object(), "412", "");
    EXPECT_NE(std::string(ops.at(1).at("location").as_string()).find("/Users/" + id), std::string::npos);
    EXPECT_EQ(ops.at(2).at("status").as_string(), "200");
    EXPECT_EQ(ops.at(2).at("version").as_string(), "W/\"3\"");
    EXPECT_EQ(ok(scim("GET", "/Users/" + id)).at("displayName").as_string(), "Augusta");

    auto const stale_delete = R"({"method":"DELETE","path":"/Users/)" + id + R"(","version":"W/\"2\""})";
    auto const remove = R"({"method":"DELETE","path":"/Users/)" + id + R"(","version":"W/\"3\""})";
    auto const deleted = operations_of(scim("POST", "/Bulk", request({stale_delete, remove})));
    ASSERT_EQ(deleted.size(), 2u);
    expect_error(deleted.at(0).as_object(), "412", "");
    EXPECT_EQ(deleted.at(1).at("status").as_string(), "204");
    EXPECT_FALSE(deleted.at(1).as_object().contains("version"));
    EXPECT_EQ(scim("GET", "/Users/" + id).status, 404);
}

TEST_F(bulk, groups_take_put_patch_and_delete) {
    auto const created = operations_of(
        scim("POST", "/Bulk", request({post_user("m", "grp.member@bulk.test"), post_group("g", "grp team", {})})));
    auto const member = id_of(by_bulk_id(created, "m"));
    auto const group = id_of(by_bulk_id(created, "g"));
    auto const patch =
        R"({"method":"PATCH","path":"/Groups/)" + group +
        R"(","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":")" +
        member + R"("}]}]}})";
    auto const put = R"({"method":"PUT","path":"/Groups/)" + group + R"(","data":{"schemas":[")" + group_schema +
                     R"("],"displayName":"grp team renamed"}})";
    auto const ops = operations_of(scim("POST", "/Bulk", request({patch, put})));
    ASSERT_EQ(ops.size(), 2u);
    EXPECT_EQ(ops.at(0).at("status").as_string(), "200") << ops;
    EXPECT_EQ(ops.at(1).at("status").as_string(), "200") << ops;
    auto const shown = ok(scim("GET", "/Groups/" + group));
    EXPECT_EQ(shown.at("displayName").as_string(), "grp team renamed");
    EXPECT_EQ(shown.at("meta").at("version").as_string(), ops.at(1).at("version").as_string());
    auto const removed =
        operations_of(scim("POST", "/Bulk", request({R"({"method":"DELETE","path":"/Groups/)" + group + "\"}"})));
    EXPECT_EQ(removed.at(0).at("status").as_string(), "204");
    EXPECT_EQ(scim("GET", "/Groups/" + group).status, 404);
}

TEST_F(bulk, malformed_operations_fail_alone_and_a_malformed_request_is_400) {
    auto const ops = operations_of(
        scim("POST", "/Bulk",
             request({R"({"method":"GET","path":"/Users/x"})", R"({"method":"POST","path":"/Users","data":{}})",
                      R"({"method":"PUT","path":"/Users/x","data":"text"})",
                      R"({"method":"DELETE","path":"/Widgets/x"})", post_user("fine", "malformed.fine@bulk.test")})));
    ASSERT_EQ(ops.size(), 5u);
    expect_error(ops.at(0).as_object(), "400", "invalidValue");
    EXPECT_EQ(ops.at(0).at("method").as_string(), "GET");
    expect_error(ops.at(1).as_object(), "400", "invalidValue");
    expect_error(ops.at(2).as_object(), "400", "invalidSyntax");
    expect_error(ops.at(3).as_object(), "400", "invalidValue");
    EXPECT_EQ(ops.at(4).at("status").as_string(), "201");

    expect_scim_error(scim("POST", "/Bulk", "{"), 400, "invalidSyntax");
    expect_scim_error(scim("POST", "/Bulk", R"({"Operations":[]})"), 400, "invalidSyntax");
    expect_scim_error(scim("POST", "/Bulk", request({R"("not an object")"})), 400, "invalidSyntax");
    expect_scim_error(scim("POST", "/Bulk", request({}, R"(,"failOnErrors":0)")), 400, "invalidValue");
    // A bulkId given twice: every reference to it would be ambiguous; nothing runs.
    expect_scim_error(
        scim("POST", "/Bulk",
             request({post_user("twice", "twice.one@bulk.test"), post_user("twice", "twice.two@bulk.test")})),
        400, "invalidValue");
    EXPECT_EQ(total("Users", R"(userName sw "twice.")"), 0);
    expect_scim_error(scim("POST", "/Bulk", request({}), {{"Content-Type", "text/plain"}}), 415, "");
}

TEST_F(bulk, more_operations_than_max_operations_is_413_and_runs_none) {
    std::vector<std::string> ops;
    for (std::size_t i = 0; i <= max_operations; ++i)
        ops.push_back(post_user("m" + std::to_string(i), "maxops" + std::to_string(i) + "@bulk.test"));
    auto const reply = scim("POST", "/Bulk", request(ops));
    expect_scim_error(reply, 413, "");
    EXPECT_NE(reply.json().at("detail").as_string().find("maxOperations (10)"), std::string::npos) << reply.body;
    EXPECT_EQ(total("Users", R"(userName sw "maxops")"), 0);
}

TEST_F(bulk, the_payload_limit_decides_for_bulk_bodies_and_only_for_them) {
    // Between --max-body-bytes and maxPayloadSize: read and run. (White space between JSON
    // tokens makes a body as large as wanted.)
    auto const padding = std::string(6000, ' ');
    auto const between = request({post_user("p", "payload.ok@bulk.test") + padding});
    ASSERT_GT(between.size(), max_body);
    ASSERT_LT(between.size(), max_payload);
    auto const ops = operations_of(scim("POST", "/Bulk", between));
    ASSERT_EQ(ops.size(), 1u);
    EXPECT_EQ(ops.at(0).at("status").as_string(), "201") << ops;

    // Over maxPayloadSize: §3.7.4's 413, naming the limit; nothing runs.
    auto const over = request({post_user("q", "payload.over@bulk.test") + padding + padding + padding});
    ASSERT_GT(over.size(), max_payload);
    auto const refused = scim("POST", "/Bulk", over);
    expect_scim_error(refused, 413, "");
    EXPECT_NE(refused.json().at("detail").as_string().find("maxPayloadSize (16384 bytes)"), std::string::npos)
        << refused.body;
    EXPECT_EQ(total("Users", R"(userName eq "payload.over@bulk.test")"), 0);

    // Any other request still meets --max-body-bytes.
    auto const single = scim("POST", "/Users", user_body("payload.single@bulk.test") + padding);
    expect_scim_error(single, 413, "");
    EXPECT_NE(single.json().at("detail").as_string().find(std::to_string(max_body)), std::string::npos);
}

TEST_F(bulk, without_the_directorys_token_nothing_is_read_or_run) {
    auto const body = request({post_user("t", "token.less@bulk.test")});
    auto const anonymous = client().request("POST", directory().base_path + "/Bulk", body, {});
    expect_scim_error(anonymous, 401, "");
    auto const wrong = client().request("POST", directory().base_path + "/Bulk", "{not json",
                                        {{"Authorization", "Bearer scimd_0000000000000000_wrong"}});
    expect_scim_error(wrong, 401, "");
    EXPECT_EQ(total("Users", R"(userName eq "token.less@bulk.test")"), 0);
}

TEST_F(bulk, each_operation_is_journaled_under_the_bulks_request_id) {
    auto const reply =
        scim("POST", "/Bulk",
             request({post_user("j", "journal.ada@bulk.test"), post_group("jg", "journal team", {"bulkId:j"}),
                      R"({"method":"DELETE","path":"/Users/journal-missing"})"}));
    auto const ops = operations_of(reply);
    ASSERT_EQ(ops.size(), 3u);
    auto const request_id = std::string(reply.header("x-request-id"));
    auto const journal = ok(admin("GET", "/journal?count=500"));
    std::vector<json::object> entries;
    for (auto const& e : journal.at("entries").as_array())
        if (e.at("requestId").as_string() == request_id) entries.push_back(e.as_object());
    ASSERT_EQ(entries.size(), 3u) << journal;
    auto const user_id = id_of(by_bulk_id(ops, "j"));
    auto const group_id = id_of(by_bulk_id(ops, "jg"));
    int seen = 0;
    for (auto const& e : entries) {
        auto const status = e.at("outcome").at("status").as_int64();
        if (e.at("resourceType").as_string() == "User" && e.at("method").as_string() == "POST") {
            EXPECT_EQ(status, 201);
            EXPECT_EQ(e.at("path").as_string(), directory().base_path + "/Users");
            EXPECT_EQ(e.at("resourceId").as_string(), user_id);
            ++seen;
        } else if (e.at("resourceType").as_string() == "Group") {
            EXPECT_EQ(status, 201);
            // The request as it ran: the reference replaced by the id.
            EXPECT_EQ(e.at("request").at("members").at(0).at("value").as_string(), user_id) << e;
            EXPECT_EQ(e.at("resourceId").as_string(), group_id);
            ++seen;
        } else {
            EXPECT_EQ(e.at("method").as_string(), "DELETE");
            EXPECT_EQ(e.at("path").as_string(), directory().base_path + "/Users/journal-missing");
            EXPECT_EQ(status, 404);
            ++seen;
        }
    }
    EXPECT_EQ(seen, 3);
}

}  // namespace
}  // namespace scim::testing
