// protocol::plan_bulk: a BulkRequest read, its references found, its order (a referenced POST
// first) and its circles refused (RFC 7644 §3.7, §3.7.1, §3.7.2).

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "scim/protocol/bulk_plan.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

std::string const user_data = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u"})";

std::string post_user(std::string const& bulk_id, std::string const& extra = "") {
    return R"({"method":"POST","path":"/Users","bulkId":")" + bulk_id +
           R"(","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + bulk_id + "\"" +
           extra + "}}";
}

std::string post_group(std::string const& bulk_id, std::vector<std::string> const& members) {
    std::string list;
    for (auto const& m : members) list += (list.empty() ? "" : ",") + (R"({"value":")" + m + "\"}");
    return R"({"method":"POST","path":"/Groups","bulkId":")" + bulk_id +
           R"(","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + bulk_id +
           R"(","members":[)" + list + "]}}";
}

bulk_plan plan_of(std::vector<std::string> const& operations, std::string const& extra = "",
                  std::size_t max_operations = 1000) {
    std::string list;
    for (auto const& op : operations) list += (list.empty() ? "" : ",") + op;
    auto const body = json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"])" + extra +
                                  R"(,"Operations":[)" + list + "]}");
    return plan_bulk(body.as_object(), max_operations);
}

core::error_type refusal_of(bulk_plan const& plan, std::size_t i) {
    EXPECT_TRUE(plan.operations.at(i).refusal.has_value()) << "operation " << i;
    return plan.operations.at(i).refusal ? plan.operations.at(i).refusal->type() : core::error_type::internal;
}

core::error_type whole_request_error(std::string const& body, std::size_t max_operations = 1000) {
    try {
        plan_bulk(json::parse(body).as_object(), max_operations);
    } catch (core::error const& e) {
        return e.type();
    }
    ADD_FAILURE() << "no error for " << body;
    return core::error_type::internal;
}

TEST(bulk_plan, reads_each_operation_in_the_order_of_the_request) {
    auto const plan = plan_of(
        {post_user("u1"), R"({"method":"put","path":"/Users/abc","version":"W/\"3\"","data":)" + user_data + "}",
         R"({"method":"PATCH","path":"/Groups/g","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}})",
         R"({"method":"DELETE","path":"/Groups/g2"})"},
        R"(,"failOnErrors":2)");
    ASSERT_EQ(plan.operations.size(), 4u);
    EXPECT_EQ(plan.fail_on_errors, 2u);
    EXPECT_EQ(plan.order, (std::vector<std::size_t>{0, 1, 2, 3}));
    EXPECT_EQ(plan.operations[0].verb, bulk_method::post);
    EXPECT_EQ(plan.operations[0].bulk_id, "u1");
    EXPECT_EQ(plan.operations[1].method, "PUT");
    EXPECT_EQ(plan.operations[1].target, "abc");
    EXPECT_EQ(plan.operations[1].version, "W/\"3\"");
    EXPECT_EQ(plan.operations[2].resource, bulk_resource::group);
    EXPECT_EQ(plan.operations[3].verb, bulk_method::remove);
    EXPECT_EQ(plan.operations[3].target, "g2");
    for (auto const& op : plan.operations) EXPECT_FALSE(op.refusal) << op.refusal->detail();
}

TEST(bulk_plan, finds_references_in_the_data_and_the_path) {
    auto const plan = plan_of(
        {post_user("u1"),
         post_user(
             "u2",
             R"(,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:u1"}})"),
         post_group("g", {"bulkId:u1", "bulkId:u2", "bulkId:u1"}), R"({"method":"DELETE","path":"/Users/bulkId:u2"})"});
    EXPECT_EQ(plan.operations[1].references, (std::vector<std::string>{"u1"}));
    EXPECT_EQ(plan.operations[2].references, (std::vector<std::string>{"u1", "u2"}));
    EXPECT_EQ(plan.operations[3].references, (std::vector<std::string>{"u2"}));
    EXPECT_EQ(plan.operations[3].target, "bulkId:u2");
    EXPECT_EQ(plan.order, (std::vector<std::size_t>{0, 1, 2, 3}));
}

TEST(bulk_plan, a_referenced_post_runs_before_the_first_operation_that_references_it) {
    // §3.7.2: the group comes first in the request and names users created after it.
    auto const plan = plan_of({post_group("g", {"bulkId:u2", "bulkId:u1"}), R"({"method":"DELETE","path":"/Users/x"})",
                               post_user("u1"), post_user("u2")});
    EXPECT_EQ(plan.order, (std::vector<std::size_t>{3, 2, 0, 1}));
    for (auto const& op : plan.operations) EXPECT_FALSE(op.refusal);
}

TEST(bulk_plan, a_long_chain_of_forward_references_is_ordered_without_recursion) {
    // Each user's manager is created by the next operation of the request.
    std::vector<std::string> ops;
    std::size_t const n = 1000;
    for (std::size_t i = 0; i < n; ++i) {
        auto const manager =
            i + 1 < n
                ? R"(,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"bulkId:u)" +
                      std::to_string(i + 1) + "\"}}"
                : std::string();
        ops.push_back(post_user("u" + std::to_string(i), manager));
    }
    auto const plan = plan_of(ops);
    ASSERT_EQ(plan.order.size(), n);
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(plan.order[i], n - 1 - i);
}

TEST(bulk_plan, every_operation_of_a_circle_is_refused_with_409_and_nothing_else) {
    auto const plan = plan_of({post_group("a", {"bulkId:b"}), post_group("b", {"bulkId:c"}),
                               post_group("c", {"bulkId:a"}), post_group("d", {"bulkId:a"}), post_user("e")});
    for (std::size_t i : {0u, 1u, 2u}) {
        ASSERT_EQ(refusal_of(plan, i), core::error_type::conflict);
        EXPECT_NE(plan.operations[i].refusal->detail().find("circle"), std::string::npos);
    }
    // d waits for a, which will have created nothing: it fails when it runs, after a.
    EXPECT_FALSE(plan.operations[3].refusal);
    EXPECT_FALSE(plan.operations[4].refusal);
    ASSERT_EQ(plan.order.size(), 5u);
    auto const position = [&](std::size_t op) {
        return std::find(plan.order.begin(), plan.order.end(), op) - plan.order.begin();
    };
    EXPECT_LT(position(0), position(3));
}

TEST(bulk_plan, an_operation_that_references_itself_is_a_circle) {
    auto const plan = plan_of({post_group("a", {"bulkId:a"})});
    EXPECT_EQ(refusal_of(plan, 0), core::error_type::conflict);
}

TEST(bulk_plan, a_reference_to_a_bulk_id_no_post_has_is_invalid_value) {
    auto const plan =
        plan_of({post_group("g", {"bulkId:nobody"}), R"({"method":"DELETE","path":"/Users/x","bulkId":"d"})",
                 R"({"method":"DELETE","path":"/Users/bulkId:d"})"});
    ASSERT_EQ(refusal_of(plan, 0), core::error_type::invalid_value);
    EXPECT_NE(plan.operations[0].refusal->detail().find("\"nobody\""), std::string::npos);
    EXPECT_FALSE(plan.operations[1].refusal);
    EXPECT_EQ(refusal_of(plan, 2), core::error_type::invalid_value);  // d is no POST's
}

TEST(bulk_plan, a_malformed_operation_is_refused_alone) {
    auto const plan = plan_of(
        {R"({"method":"GET","path":"/Users/x"})", R"({"path":"/Users/x"})",
         R"({"method":"POST","path":"/Users","data":{}})",
         R"({"method":"POST","path":"/Users/x","bulkId":"p","data":{}})",
         R"({"method":"PUT","path":"/Users","data":{}})", R"({"method":"PUT","path":"/Users/a/b","data":{}})",
         R"({"method":"DELETE","path":"/Widgets/a"})", R"({"method":"PUT","path":"/Users/a"})",
         R"({"method":"PATCH","path":"/Users/a","data":[]})", R"({"method":"DELETE","path":"/Users/a","version":3})",
         R"({"method":"POST","path":"/Users","bulkId":7,"data":{}})",
         R"({"method":"POST","path":"/Users","bulkId":"bulkId:x","data":{}})", post_user("fine")});
    for (std::size_t i : {0u, 1u, 2u, 3u, 4u, 5u, 6u, 9u, 10u, 11u})
        EXPECT_EQ(refusal_of(plan, i), core::error_type::invalid_value) << i;
    for (std::size_t i : {7u, 8u}) EXPECT_EQ(refusal_of(plan, i), core::error_type::invalid_syntax) << i;
    EXPECT_FALSE(plan.operations[12].refusal);
    EXPECT_EQ(plan.operations[0].method, "GET");  // echoed as sent
    EXPECT_EQ(plan.order.size(), 13u);
}

TEST(bulk_plan, what_references_a_refused_post_waits_for_it) {
    auto const plan =
        plan_of({post_group("g", {"bulkId:u"}), R"({"method":"POST","path":"/Users","bulkId":"u","data":"no"})"});
    EXPECT_FALSE(plan.operations[0].refusal);
    EXPECT_EQ(refusal_of(plan, 1), core::error_type::invalid_syntax);
    EXPECT_EQ(plan.order, (std::vector<std::size_t>{1, 0}));
}

TEST(bulk_plan, what_makes_the_whole_request_unusable_is_one_error) {
    EXPECT_EQ(whole_request_error(R"({"Operations":[]})"), core::error_type::invalid_syntax);
    EXPECT_EQ(whole_request_error(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]})"),
              core::error_type::invalid_syntax);
    EXPECT_EQ(
        whole_request_error(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":{}})"),
        core::error_type::invalid_syntax);
    EXPECT_EQ(
        whole_request_error(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[1]})"),
        core::error_type::invalid_syntax);
    for (auto const* fail_on_errors : {"0", "-1", "1.5", "\"1\"", "true"}) {
        EXPECT_EQ(
            whole_request_error(
                std::string(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":)") +
                fail_on_errors + R"(,"Operations":[]})"),
            core::error_type::invalid_value)
            << fail_on_errors;
    }
    EXPECT_EQ(whole_request_error(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[)" +
                                  post_user("same") + "," + post_user("same") + "]}"),
              core::error_type::invalid_value);
}

TEST(bulk_plan, more_operations_than_max_operations_is_413) {
    EXPECT_EQ(plan_of({post_user("a"), post_user("b")}, "", 2).operations.size(), 2u);
    EXPECT_EQ(whole_request_error(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[)" +
                                      post_user("a") + "," + post_user("b") + "," + post_user("c") + "]}",
                                  2),
              core::error_type::payload_too_large);
}

TEST(bulk_plan, member_names_are_case_insensitive) {
    auto const body = json::parse(
        R"({"SCHEMAS":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"operations":[{"Method":"delete","Path":"/Users/a","BulkId":"x"}]})");
    auto const plan = plan_bulk(body.as_object(), 10);
    ASSERT_EQ(plan.operations.size(), 1u);
    EXPECT_FALSE(plan.operations[0].refusal);
    EXPECT_EQ(plan.operations[0].bulk_id, "x");
}

TEST(bulk_plan, references_are_replaced_at_any_depth_and_unknown_ones_are_left) {
    auto value = json::parse(R"({"members":[{"value":"bulkId:a"},{"value":"bulkId:b"}],"x":"bulkId:","y":"bulkId:a"})");
    replace_bulk_references(value, [](std::string const& id) -> std::optional<std::string> {
        if (id == "a") return "id-a";
        return std::nullopt;
    });
    EXPECT_EQ(value, json::parse(R"({"members":[{"value":"id-a"},{"value":"bulkId:b"}],"x":"bulkId:","y":"id-a"})"));
}

}  // namespace
}  // namespace scim::protocol
