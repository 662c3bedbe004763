// Group members through PATCH (RFC 7644 §3.5.2 and IDP-BEHAVIOUR.md): each form becomes the
// set operations the store runs, in order, without the group's member list; POST/PUT member
// lists; the refusals.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "element_matching.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/member_changes.hpp"
#include "scim/protocol/patch.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;
using kind = member_change::kind;

schema_registry const& registry() { return testing::builtin_registry(); }

std::string const stored = R"({"displayName": "Tour Guides"})";

patch_result patch(std::string const& operations) {
    auto body =
        json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" + operations + "}")
            .as_object();
    return apply_patch(registry(), registry().group_type(), json::parse(stored).as_object(), body, "members");
}

std::vector<member_change> changes(std::string const& operations) {
    return member_changes(std::move(patch(operations).external));
}

// Which of the members u1, a, b, c a value filter's condition selects: " [a,b]".
std::string matching(bound_filter const& condition) {
    std::string out;
    for (auto const* id : {"u1", "a", "b", "c"}) {
        if (element_matches(condition, json::object{{"value", id}, {"type", "User"}}))
            out += (out.empty() ? "" : ",") + std::string(id);
    }
    return " [" + out + "]";
}

// "add a,b; remove_matching [c]" etc., for comparing in one line.
std::string describe(std::vector<member_change> const& changes) {
    std::string out;
    for (auto const& c : changes) {
        if (!out.empty()) out += "; ";
        switch (c.what) {
            case kind::add: out += "add"; break;
            case kind::remove: out += "remove"; break;
            case kind::remove_matching: out += "remove_matching" + matching(*c.condition); break;
            case kind::remove_all: out += "remove_all"; break;
            case kind::replace: out += "replace"; break;
        }
        for (std::size_t i = 0; i < c.ids.size(); ++i) out += (i ? "," : " ") + c.ids[i];
    }
    return out;
}

struct member_case {
    std::string name;
    std::string operations;
    std::string expected;
};

void PrintTo(member_case const& c, std::ostream* os) { *os << c.name; }

class member_forms : public ::testing::TestWithParam<member_case> {};

TEST_P(member_forms, become_set_operations) {
    auto const& c = GetParam();
    auto result = patch(c.operations);
    // The document never holds members: they are handed back, not applied.
    EXPECT_FALSE(result.attributes.contains("members"));
    EXPECT_EQ(describe(member_changes(std::move(result.external))), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    rfc_7644_and_identity_providers, member_forms,
    ::testing::Values(
        // RFC 7644 §3.5.2.1: add members.
        member_case{
            "add_with_path",
            R"([{"op":"add","path":"members","value":[{"display":"Babs","$ref":"x","value":"u1"},{"value":"u2"}]}])",
            "add u1,u2"},
        member_case{"add_without_path", R"([{"op":"add","value":{"members":[{"value":"u1"}]}}])", "add u1"},
        member_case{"add_repeated_ids_once",
                    R"([{"op":"add","path":"members","value":[{"value":"u1"},{"value":"u1"}]}])", "add u1"},
        member_case{"add_single_object_wrapped", R"([{"op":"add","path":"members","value":{"value":"u1"}}])", "add u1"},
        member_case{"add_plain_string", R"([{"op":"add","path":"members","value":"u1"}])", "add u1"},
        member_case{"add_through_filter", R"([{"op":"add","path":"members[value eq \"u1\"]","value":{}}])", "add u1"},
        // RFC 7644 §3.5.2.2: remove one member, several, all.
        member_case{"remove_one_by_filter", R"([{"op":"remove","path":"members[value eq \"u1\"]"}])",
                    "remove_matching [u1]"},
        member_case{"remove_compound_filter", R"([{"op":"remove","path":"members[value eq \"a\" or value eq \"b\"]"}])",
                    "remove_matching [a,b]"},
        member_case{"remove_value_list_entra",
                    R"([{"op":"Remove","path":"members","value":[{"value":"u1"},{"value":"u2"}]}])", "remove u1,u2"},
        member_case{"remove_all", R"([{"op":"remove","path":"members"}])", "remove_all"},
        // RFC 7644 §3.5.2.3: replace all members, or one.
        member_case{"replace_all", R"([{"op":"replace","path":"members","value":[{"value":"u3"}]}])", "replace u3"},
        member_case{"replace_without_path",
                    R"([{"op":"replace","value":{"displayName":"x","members":[{"value":"u3"}]}}])", "replace u3"},
        member_case{"replace_empty_clears", R"([{"op":"replace","path":"members","value":[]}])", "replace"},
        member_case{"replace_one_through_filter",
                    R"([{"op":"replace","path":"members[value eq \"u1\"].value","value":"u9"}])",
                    "remove_matching [u1]; add u9"},
        // In order, as sent (Okta: remove one, add one).
        member_case{
            "operations_in_order",
            R"([{"op":"remove","path":"members[value eq \"u1\"]"},{"op":"add","path":"members","value":[{"value":"u1"}]}])",
            "remove_matching [u1]; add u1"},
        // Consecutive adds, or removes of listed ids, are one set operation (one statement).
        member_case{"consecutive_adds_are_one",
                    R"([{"op":"add","path":"members","value":[{"value":"u1"}]},
                        {"op":"add","path":"members[value eq \"u2\"]","value":{}},
                        {"op":"add","path":"members","value":[{"value":"u1"},{"value":"u3"}]}])",
                    "add u1,u2,u3"},
        member_case{"consecutive_removes_are_one",
                    R"([{"op":"remove","path":"members","value":[{"value":"u1"}]},
                        {"op":"remove","path":"members","value":[{"value":"u2"}]}])",
                    "remove u1,u2"},
        member_case{"a_change_between_keeps_them_apart",
                    R"([{"op":"add","path":"members","value":[{"value":"u1"}]},
                        {"op":"remove","path":"members","value":[{"value":"u1"}]},
                        {"op":"add","path":"members","value":[{"value":"u1"}]},
                        {"op":"remove","path":"members[value eq \"a\"]"},
                        {"op":"remove","path":"members[value eq \"b\"]"}])",
                    "add u1; remove u1; add u1; remove_matching [a]; remove_matching [b]"}),
    [](auto const& info) { return info.param.name; });

TEST(member_changes, leave_other_attributes_to_the_document) {
    auto const result = patch(R"([{"op":"replace","value":{"id":"g1","displayName":"Guides"}},
                                  {"op":"add","path":"members","value":[{"value":"u1"}]}])");
    EXPECT_EQ(result.attributes.at("displayName"), "Guides");
    ASSERT_EQ(result.external.size(), 1u);
}

TEST(member_changes, entra_value_list_is_logged_as_a_normalization) {
    auto const result = patch(R"([{"op":"Remove","path":"members","value":[{"value":"u1"}]}])");
    ASSERT_FALSE(result.normalizations.empty());
}

void expect_refused(std::string const& operations, core::error_type type) {
    try {
        (void)changes(operations);
        ADD_FAILURE() << "accepted: " << operations;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), type) << operations << ": " << e.detail();
    }
}

TEST(member_changes, refuse_what_is_not_a_user_membership) {
    // A member's display is the server's (readOnly); its type and $ref are not changed alone.
    expect_refused(R"([{"op":"replace","path":"members[value eq \"u1\"].display","value":"x"}])",
                   core::error_type::mutability);
    expect_refused(R"([{"op":"replace","path":"members[value eq \"u1\"].type","value":"Group"}])",
                   core::error_type::invalid_path);
    expect_refused(R"([{"op":"remove","path":"members[value eq \"u1\"].value"}])", core::error_type::invalid_path);
    // Nested groups are not supported: members are Users.
    expect_refused(R"([{"op":"add","path":"members","value":[{"value":"g2","type":"Group"}]}])",
                   core::error_type::invalid_value);
    expect_refused(R"([{"op":"add","path":"members","value":[{"display":"no value"}]}])",
                   core::error_type::invalid_value);
    expect_refused(R"([{"op":"add","path":"members","value":[{"value":7}]}])", core::error_type::invalid_value);
    expect_refused(R"([{"op":"remove","path":"members[nope eq \"u1\"]"}])", core::error_type::invalid_filter);
}

TEST(member_changes, post_and_put_member_lists) {
    EXPECT_EQ(member_ids(json::parse(R"([{"value":"a"},{"value":"b","type":"User"},{"value":"a"}])")),
              (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(member_ids(json::parse("null")).empty());
    EXPECT_THROW((void)member_ids(json::parse(R"({"value":"a"})")), core::error);
}

TEST(member_changes, count_member_values_for_the_request_limit) {
    EXPECT_EQ(member_values(changes(R"([{"op":"add","path":"members","value":[{"value":"a"},{"value":"b"}]},
                                        {"op":"remove","path":"members","value":[{"value":"c"}]}])")),
              3u);
}

}  // namespace
}  // namespace scim::protocol
