// The PATCH engine (RFC 7644 §3.5.2): every operation form of the RFC's examples, the
// refusals, and each identity-provider tolerance rule with the request shapes of
// IDP-BEHAVIOUR.md. Resources are in their stored form (validation.hpp).

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/patch.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

schema_registry const& registry() { return testing::builtin_registry(); }

std::string const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

std::string const stored = R"({
    "userName": "bjensen",
    "name": {"givenName": "Barbara", "familyName": "Jensen"},
    "title": "Tour Guide",
    "active": true,
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
               {"value": "babs@jensen.org", "type": "home"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Tours", "manager": {"value": "m1"}}
})";

patch_result patch(std::string const& operations) {
    auto body =
        json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)" + operations + "}")
            .as_object();
    return apply_patch(registry(), registry().user_type(), json::parse(stored).as_object(), body);
}

struct patch_case {
    std::string name;
    std::string operations;
    std::string expected_changes;  // JSON object: member → expected value (null: absent)
    bool normalized = false;       // a tolerance rule must have been recorded
};

void PrintTo(patch_case const& c, std::ostream* os) { *os << c.name; }

class patch_forms : public ::testing::TestWithParam<patch_case> {};

json::value const* lookup(json::object const& doc, std::string const& key) {
    // "a/b" walks into objects.
    auto const slash = key.find('/');
    auto const* v = doc.if_contains(key.substr(0, slash));
    if (!v || slash == std::string::npos) return v;
    return v->is_object() ? lookup(v->as_object(), key.substr(slash + 1)) : nullptr;
}

TEST_P(patch_forms, apply) {
    auto const& c = GetParam();
    auto const result = patch(c.operations);
    auto const expectations = json::parse(c.expected_changes);  // kept: the loop reads into it
    for (auto const& [key, expected] : expectations.as_object()) {
        auto const* actual = lookup(result.attributes, std::string(key));
        if (expected.is_null()) {
            EXPECT_EQ(actual, nullptr) << key << " should be gone: " << json::serialize(result.attributes);
        } else {
            ASSERT_NE(actual, nullptr) << key << " is missing: " << json::serialize(result.attributes);
            EXPECT_EQ(*actual, expected) << key;
        }
    }
    EXPECT_EQ(!result.normalizations.empty(), c.normalized)
        << (result.normalizations.empty() ? std::string("none") : result.normalizations.front());
}

INSTANTIATE_TEST_SUITE_P(
    rfc_7644, patch_forms,
    ::testing::Values(
        // §3.5.2.1 add
        patch_case{"add_simple", R"([{"op":"add","path":"nickName","value":"Babs"}])", R"({"nickName":"Babs"})"},
        patch_case{
            "add_to_multi_valued_appends",
            R"([{"op":"add","path":"emails","value":[{"value":"b@x.org","type":"other"}]}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"},{"value":"b@x.org","type":"other"}]})"},
        patch_case{
            "add_existing_value_changes_nothing",
            R"([{"op":"add","path":"emails","value":[{"value":"BJENSEN@example.com","type":"work","primary":true}]}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}]})"},
        patch_case{
            "add_primary_clears_the_others",
            R"([{"op":"add","path":"emails","value":[{"value":"new@x.org","type":"work","primary":true}]}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":false},{"value":"babs@jensen.org","type":"home"},{"value":"new@x.org","type":"work","primary":true}]})"},
        patch_case{"add_complex_merges", R"([{"op":"add","path":"name","value":{"middleName":"J"}}])",
                   R"({"name":{"givenName":"Barbara","familyName":"Jensen","middleName":"J"}})"},
        patch_case{"add_without_path", R"([{"op":"add","value":{"nickName":"Babs","title":"Boss"}}])",
                   R"({"nickName":"Babs","title":"Boss"})"},
        patch_case{
            "add_extension_attribute",
            R"([{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter","value":"42"}])",
            R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/costCenter":"42","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department":"Tours"})"},
        patch_case{
            "add_through_a_filter_sets_the_matching_element",
            R"([{"op":"add","path":"emails[type eq \"home\"].display","value":"Home"}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home","display":"Home"}]})"},
        // §3.5.2.2 remove
        patch_case{"remove_simple", R"([{"op":"remove","path":"title"}])", R"({"title":null})"},
        patch_case{"remove_sub_attribute", R"([{"op":"remove","path":"name.givenName"}])",
                   R"({"name":{"familyName":"Jensen"}})"},
        patch_case{"remove_all_values", R"([{"op":"remove","path":"emails"}])", R"({"emails":null})"},
        patch_case{"remove_with_a_filter",
                   R"([{"op":"remove","path":"emails[type eq \"work\" and value ew \"example.com\"]"}])",
                   R"({"emails":[{"value":"babs@jensen.org","type":"home"}]})"},
        patch_case{
            "remove_sub_attribute_of_matching", R"([{"op":"remove","path":"emails[type eq \"work\"].primary"}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work"},{"value":"babs@jensen.org","type":"home"}]})"},
        patch_case{
            "remove_what_is_not_there",
            R"([{"op":"remove","path":"emails[type eq \"pager\"]"},{"op":"remove","path":"nickName"}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}]})"},
        patch_case{
            "remove_extension_attribute",
            R"([{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}])",
            R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department":null,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/manager":{"value":"m1"}})"},
        patch_case{"remove_whole_extension",
                   R"([{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}])",
                   R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null})"},
        // §3.5.2.3 replace
        patch_case{"replace_simple", R"([{"op":"replace","path":"title","value":"Captain"}])",
                   R"({"title":"Captain"})"},
        patch_case{"replace_all_values",
                   R"([{"op":"replace","path":"emails","value":[{"value":"only@x.org","type":"work"}]}])",
                   R"({"emails":[{"value":"only@x.org","type":"work"}]})"},
        patch_case{
            "replace_matching_element",
            R"([{"op":"replace","path":"emails[type eq \"home\"]","value":{"value":"new@jensen.org","type":"home"}}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"new@jensen.org","type":"home"}]})"},
        patch_case{
            "replace_sub_attribute_of_matching",
            R"([{"op":"replace","path":"emails[type eq \"work\"].value","value":"bj@example.com"}])",
            R"({"emails":[{"value":"bj@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}]})"},
        patch_case{
            "replace_primary_through_a_filter_clears_the_others",
            R"([{"op":"replace","path":"emails[type eq \"home\"].primary","value":true}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":false},{"value":"babs@jensen.org","type":"home","primary":true}]})"},
        patch_case{"replace_complex_keeps_unnamed_sub_attributes",
                   R"([{"op":"replace","path":"name","value":{"givenName":"Babs"}}])",
                   R"({"name":{"givenName":"Babs","familyName":"Jensen"}})"},
        patch_case{"replace_without_path", R"([{"op":"replace","value":{"title":"Captain","active":false}}])",
                   R"({"title":"Captain","active":false})"},
        patch_case{
            "operations_apply_in_order",
            R"([{"op":"replace","path":"title","value":"A"},{"op":"remove","path":"title"},{"op":"add","path":"title","value":"B"}])",
            R"({"title":"B"})"}));

INSTANTIATE_TEST_SUITE_P(
    identity_providers, patch_forms,
    ::testing::Values(
        patch_case{"entra_op_in_capitals", R"([{"op":"Replace","path":"title","value":"Captain"}])",
                   R"({"title":"Captain"})", true},
        patch_case{"entra_boolean_as_string", R"([{"op":"Replace","path":"active","value":"False"}])",
                   R"({"active":false})", true},
        patch_case{
            "entra_dotted_and_urn_keys_without_path",
            R"([{"op":"replace","value":{"displayName":"x","name.givenName":"y","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"7"}}])",
            R"({"displayName":"x","name":{"givenName":"y","familyName":"Jensen"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber":"7"})",
            true},
        patch_case{"entra_value_path_that_matches_nothing_creates_the_element",
                   R"([{"op":"add","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 555 0100"}])",
                   R"({"phoneNumbers":[{"type":"mobile","value":"+1 555 0100"}]})", true},
        patch_case{"entra_replace_through_unmatched_filter_creates_too",
                   R"([{"op":"replace","path":"addresses[type eq \"work\"].formatted","value":"1 Main St"}])",
                   R"({"addresses":[{"type":"work","formatted":"1 Main St"}]})", true},
        patch_case{
            "entra_manager_as_plain_string",
            R"([{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m2"}])",
            R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/manager":{"value":"m2"}})", true},
        patch_case{"entra_remove_with_value_list_removes_only_those",
                   R"([{"op":"Remove","path":"emails","value":[{"value":"babs@jensen.org"}]}])",
                   R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true}]})", true},
        patch_case{"okta_deactivate_without_path", R"([{"op":"replace","value":{"active":false}}])",
                   R"({"active":false})"},
        patch_case{"okta_read_only_id_in_value_is_ignored", R"([{"op":"replace","value":{"id":"x","title":"T"}}])",
                   R"({"title":"T","id":null})", true},
        patch_case{
            "single_value_for_multi_valued_is_wrapped",
            R"([{"op":"add","path":"emails","value":{"value":"one@x.org","type":"other"}}])",
            R"({"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"},{"value":"one@x.org","type":"other"}]})",
            true},
        patch_case{"password_can_be_written", R"([{"op":"replace","path":"password","value":"s3cret"}])",
                   R"({"password":"s3cret"})"}));

struct refusal_case {
    std::string operations;
    core::error_type type;
    std::string detail;
};

class patch_refuses : public ::testing::TestWithParam<refusal_case> {};

TEST_P(patch_refuses, with_the_right_scim_type) {
    try {
        patch(GetParam().operations);
        FAIL() << GetParam().operations << " was accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), GetParam().type) << e.detail();
        EXPECT_NE(e.detail().find(GetParam().detail), std::string::npos) << e.detail();
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, patch_refuses,
    ::testing::Values(
        refusal_case{R"([{"op":"remove"}])", core::error_type::no_target, R"("remove" needs a "path")"},
        refusal_case{R"([{"op":"move","path":"title"}])", core::error_type::invalid_syntax,
                     R"("op" must be "add", "remove" or "replace")"},
        refusal_case{R"([{"path":"title","value":"x"}])", core::error_type::invalid_syntax, R"(no "op")"},
        refusal_case{R"([{"op":"add","path":"title"}])", core::error_type::invalid_syntax, R"("add" needs a "value")"},
        refusal_case{R"([{"op":"add","path":7,"value":"x"}])", core::error_type::invalid_syntax,
                     R"("path" must be a string)"},
        refusal_case{R"(["add"])", core::error_type::invalid_syntax, "must be an object"},
        refusal_case{R"([])", core::error_type::invalid_syntax, R"("Operations" must be a non-empty array)"},
        refusal_case{R"([{"op":"replace","path":"nope","value":"x"}])", core::error_type::invalid_path,
                     R"("nope" is not an attribute)"},
        refusal_case{R"([{"op":"replace","path":"name.nope","value":"x"}])", core::error_type::invalid_path,
                     R"(has no sub-attribute "nope")"},
        refusal_case{R"([{"op":"replace","path":"emails[type eq ]","value":"x"}])", core::error_type::invalid_filter,
                     "comparison value"},
        refusal_case{R"([{"op":"replace","path":"emails[nope eq \"x\"].value","value":"x"}])",
                     core::error_type::invalid_filter, R"("nope" is not a sub-attribute)"},
        refusal_case{R"([{"op":"replace","path":"id","value":"x"}])", core::error_type::mutability,
                     R"("id" is read-only)"},
        refusal_case{R"([{"op":"add","path":"groups","value":[{"value":"g"}]}])", core::error_type::mutability,
                     "read-only"},
        refusal_case{R"([{"op":"replace","path":"meta.created","value":"2020-01-01T00:00:00Z"}])",
                     core::error_type::mutability, "read-only"},
        // RFC 7644 §3.5.2: the whole of an extension whose attributes are all readOnly.
        refusal_case{R"([{"op":"remove","path":"urn:scimd:params:scim:schemas:extension:account:2.0:User"}])",
                     core::error_type::mutability, "every attribute of the extension is"},
        refusal_case{R"([{"op":"add","path":"urn:scimd:params:scim:schemas:extension:account:2.0:User","value":{}}])",
                     core::error_type::mutability, "read-only"},
        refusal_case{
            R"([{"op":"replace","path":"URN:SCIMD:PARAMS:SCIM:SCHEMAS:EXTENSION:ACCOUNT:2.0:USER","value":{}}])",
            core::error_type::mutability, "read-only"},
        refusal_case{R"([{"op":"replace","path":"emails.value","value":"x"}])", core::error_type::invalid_path,
                     "select the values with a filter"},
        refusal_case{
            R"([{"op":"replace","path":"emails[type eq \"work\" or type eq \"home\"].display","value":"x"}, {"op":"replace","path":"emails[type ne \"fax\" and type eq \"pager\"].value","value":"x"}])",
            core::error_type::no_target, "does not say what a new one would hold"},
        refusal_case{R"([{"op":"replace","value":"just a string"}])", core::error_type::invalid_value,
                     "must be an object of attributes"}));

TEST(patch, the_group_extension_as_a_whole_is_read_only) {
    auto body = json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
        {"op":"remove","path":"urn:scimd:params:scim:schemas:extension:group:2.0:Group"}]})")
                    .as_object();
    try {
        apply_patch(registry(), registry().group_type(), json::parse(R"({"displayName":"g"})").as_object(), body);
        FAIL() << "removing the read-only group extension was accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::mutability);
    }
}

TEST(patch, a_patch_op_must_say_it_is_one) {
    auto body = json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"Operations":[]})")
                    .as_object();
    try {
        apply_patch(registry(), registry().user_type(), json::parse(stored).as_object(), body);
        FAIL();
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_syntax);
    }
}

TEST(patch, a_failing_operation_leaves_the_input_untouched) {
    auto const before = json::parse(stored).as_object();
    auto body = json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
        {"op":"replace","path":"title","value":"changed"},{"op":"replace","path":"id","value":"x"}]})")
                    .as_object();
    EXPECT_THROW(apply_patch(registry(), registry().user_type(), before, body), core::error);
    EXPECT_EQ(before, json::parse(stored).as_object());
}

TEST(patch, each_tolerance_is_recorded_with_what_it_did) {
    auto const result = patch(R"([{"op":"Replace","path":"active","value":"False"}])");
    ASSERT_EQ(result.normalizations.size(), 2u);
    EXPECT_EQ(result.normalizations[0], R"(op in another case: "Replace" read as "replace")");
    EXPECT_EQ(result.normalizations[1], R"(string "False" for boolean "active" read as false)");
}

}  // namespace
}  // namespace scim::protocol
