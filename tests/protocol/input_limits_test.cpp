// Input limits of SCIM resources (docs/errors.md "Limits"), on the built-in schemas: each
// string's length and code points by its kind, values per multi-valued attribute, operations
// per PATCH, all refused before anything reaches the store.

#include <gtest/gtest.h>

#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/config.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/member_changes.hpp"
#include "scim/protocol/patch.hpp"
#include "scim/protocol/validation.hpp"
#include "string_rules.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;
using limits = core::text_limits;

schema_registry const& registry() { return testing::builtin_registry(); }

std::string const user_urn = "urn:ietf:params:scim:schemas:core:2.0:User";
std::string const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
std::string const patch_urn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

json::object user(json::object attributes) {
    attributes["schemas"] = json::array{user_urn, enterprise};
    if (!attributes.contains("userName")) attributes["userName"] = "bjensen";
    return attributes;
}

// The error validate_for_create throws for `body`, or none.
std::optional<core::error> refusal(json::object const& body, value_limits const& l = {},
                                   resource_type const* type = nullptr) {
    try {
        (void)validate_for_create(registry(), type ? *type : registry().user_type(), body, l);
        return std::nullopt;
    } catch (core::error const& e) {
        return e;
    }
}

// A string of `bytes` bytes made of "İ", the character whose lower case (what the indexes hold)
// is longest in UTF-8 relative to itself, so that a value at its limit is the largest index
// entry a client can cause.
std::string widest(std::size_t bytes) {
    std::string s;
    while (s.size() + 2 <= bytes) s += "\xC4\xB0";
    if (s.size() < bytes) s += "a";
    return s;
}

struct length_case {
    char const* attribute;  // as errors name it
    std::size_t max_bytes;
    json::object (*body)(std::string const& value);
};

void PrintTo(length_case const& c, std::ostream* os) { *os << c.attribute; }

class string_lengths : public ::testing::TestWithParam<length_case> {};

TEST_P(string_lengths, fit_at_the_limit_and_are_refused_one_byte_over) {
    auto const& c = GetParam();
    EXPECT_EQ(refusal(c.body(widest(c.max_bytes))), std::nullopt) << c.attribute;
    auto const over = refusal(c.body(widest(c.max_bytes + 1)));
    ASSERT_TRUE(over) << c.attribute;
    EXPECT_EQ(over->type(), core::error_type::invalid_value);
    EXPECT_EQ(over->detail(), "attribute \"" + std::string(c.attribute) + "\" is " + std::to_string(c.max_bytes + 1) +
                                  " bytes long; at most " + std::to_string(c.max_bytes) + " bytes (UTF-8) are allowed");
}

INSTANTIATE_TEST_SUITE_P(
    kinds, string_lengths,
    ::testing::Values(length_case{"userName", limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{"userName", v}});
                                  }},
                      length_case{"externalId", limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{"externalId", v}});
                                  }},
                      length_case{"displayName", limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{"displayName", v}});
                                  }},
                      length_case{"profileUrl", limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{"profileUrl", v}});
                                  }},
                      length_case{"name.familyName", limits::name_part_bytes,
                                  [](std::string const& v) {
                                      return user({{"name", {{"familyName", v}}}});
                                  }},
                      length_case{"timezone", limits::label_bytes,
                                  [](std::string const& v) {
                                      return user({{"timezone", v}});
                                  }},
                      length_case{"emails.value", limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{"emails", json::array{{{"value", v}}}}});
                                  }},
                      length_case{"emails.type", limits::label_bytes,
                                  [](std::string const& v) {
                                      return user({{"emails", json::array{{{"value", "a@b.c"}, {"type", v}}}}});
                                  }},
                      length_case{"addresses.formatted", limits::text_bytes,
                                  [](std::string const& v) {
                                      return user({{"addresses", json::array{{{"formatted", v}}}}});
                                  }},
                      length_case{"photos.value", limits::photo_bytes,
                                  [](std::string const& v) {
                                      return user({{"photos", json::array{{{"value", v}}}}});
                                  }},
                      length_case{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                                  limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{enterprise, {{"department", v}}}});
                                  }},
                      length_case{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
                                  limits::line_bytes,
                                  [](std::string const& v) {
                                      return user({{enterprise, {{"manager", {{"value", v}}}}}});
                                  }}),
    [](auto const& info) {
        std::string name = info.param.attribute;
        name = name.substr(name.rfind(':') + 1);
        for (auto& ch : name) ch = ch == '.' ? '_' : ch;
        return name;
    });

TEST(string_rules, certificates_are_base64_up_to_16_kib) {
    std::string const at_limit(limits::certificate_bytes, 'A');
    EXPECT_EQ(refusal(user({{"x509Certificates", json::array{{{"value", at_limit}}}}})), std::nullopt);
    auto const over = refusal(user({{"x509Certificates", json::array{{{"value", at_limit + "AAAA"}}}}}));
    ASSERT_TRUE(over);
    EXPECT_NE(over->detail().find("\"x509Certificates.value\" is 16388 bytes long"), std::string::npos);
}

// The pairs that share one index entry stay under PostgreSQL's B-tree limit (2704 bytes) even
// when lower() makes every character half as long again.
TEST(string_rules, values_sharing_an_index_entry_fit_it_together) {
    auto const lowered = [](std::size_t bytes) { return bytes * 3 / 2; };
    EXPECT_LT(lowered(text_rule_of("urn:x:User:department").max_bytes + text_rule_of("name.familyName").max_bytes) + 64,
              2704u);
    EXPECT_LT(lowered(text_rule_of("emails.type").max_bytes + text_rule_of("emails.value").max_bytes) + 64, 2704u);
    EXPECT_LT(lowered(text_rule_of("userName").max_bytes) + 64, 2704u);
}

struct control_case {
    char const* name;
    json::object (*body)(std::string const& value);
    char const* attribute;
    bool multiline;
};

void PrintTo(control_case const& c, std::ostream* os) { *os << c.name; }

class control_characters : public ::testing::TestWithParam<control_case> {};

TEST_P(control_characters, are_refused_in_one_line_values_and_allowed_as_line_breaks_in_text) {
    auto const& c = GetParam();
    for (std::string const control : {"\x01", "\t", "\n", "\r", "\x1f", "\x7f"}) {
        bool const line_break = control == "\t" || control == "\n" || control == "\r";
        auto const refused = refusal(c.body("a" + control + "b"));
        if (c.multiline && line_break) {
            EXPECT_EQ(refused, std::nullopt) << c.attribute << " " << static_cast<int>(control[0]);
            continue;
        }
        ASSERT_TRUE(refused) << c.attribute << " " << static_cast<int>(control[0]);
        EXPECT_EQ(refused->type(), core::error_type::invalid_value);
        EXPECT_NE(refused->detail().find("attribute \"" + std::string(c.attribute) + "\" holds U+00"),
                  std::string::npos)
            << refused->detail();
    }
}

INSTANTIATE_TEST_SUITE_P(kinds, control_characters,
                         ::testing::Values(control_case{"userName",
                                                        [](std::string const& v) {
                                                            return user({{"userName", v}});
                                                        },
                                                        "userName", false},
                                           control_case{"externalId",
                                                        [](std::string const& v) {
                                                            return user({{"externalId", v}});
                                                        },
                                                        "externalId", false},
                                           control_case{"givenName",
                                                        [](std::string const& v) {
                                                            return user({{"name", {{"givenName", v}}}});
                                                        },
                                                        "name.givenName", false},
                                           control_case{"email",
                                                        [](std::string const& v) {
                                                            return user({{"emails", json::array{{{"value", v}}}}});
                                                        },
                                                        "emails.value", false},
                                           control_case{"profileUrl",
                                                        [](std::string const& v) {
                                                            return user({{"profileUrl", v}});
                                                        },
                                                        "profileUrl", false},
                                           control_case{
                                               "streetAddress",
                                               [](std::string const& v) {
                                                   return user({{"addresses", json::array{{{"streetAddress", v}}}}});
                                               },
                                               "addresses.streetAddress", true}),
                         [](auto const& info) { return std::string(info.param.name); });

TEST(string_rules, group_display_names_and_member_values_are_one_line) {
    auto const& groups = registry().group_type();
    json::object group{{"schemas", json::array{"urn:ietf:params:scim:schemas:core:2.0:Group"}},
                       {"displayName", "Tour\nGuides"}};
    auto const refused = refusal(group, {}, &groups);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->detail(),
              "attribute \"displayName\" holds U+000A, a control character, which a one-line "
              "value cannot hold");
    group["displayName"] = std::string(limits::line_bytes + 1, 'g');
    EXPECT_TRUE(refusal(group, {}, &groups));
    group["displayName"] = "Tour Guides";
    group["members"] = json::array{{{"value", std::string(limits::line_bytes + 1, 'u')}}};
    EXPECT_TRUE(refusal(group, {}, &groups));
}

json::array emails(std::size_t n) {
    json::array out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(json::object{{"value", "u" + std::to_string(i) + "@example.com"}});
    return out;
}

TEST(value_counts, multi_valued_attributes_hold_at_most_max_values) {
    value_limits const l{3, 10, {}};
    EXPECT_EQ(refusal(user({{"emails", emails(3)}}), l), std::nullopt);
    auto const over = refusal(user({{"emails", emails(4)}}), l);
    ASSERT_TRUE(over);
    EXPECT_EQ(over->type(), core::error_type::invalid_value);
    EXPECT_EQ(over->detail(), "attribute \"emails\" has 4 values; at most 3 are allowed");
    // The default is --max-attribute-values' default.
    EXPECT_EQ(value_limits{}.max_values, core::scim_limits{}.max_attribute_values);
    EXPECT_TRUE(refusal(user({{"emails", emails(core::scim_limits{}.max_attribute_values + 1)}})));
}

TEST(value_counts, an_attribute_bounded_elsewhere_is_not_capped) {
    auto const& groups = registry().group_type();
    json::array members;
    for (int i = 0; i < 5; ++i) members.push_back(json::object{{"value", "u" + std::to_string(i)}});
    json::object group{{"schemas", json::array{"urn:ietf:params:scim:schemas:core:2.0:Group"}},
                       {"displayName", "Guides"},
                       {"members", members}};
    EXPECT_TRUE(refusal(group, value_limits{3, 10, {}}, &groups));
    EXPECT_EQ(refusal(group, value_limits{3, 10, "members"}, &groups), std::nullopt);
}

json::object patch_op(json::array operations) {
    return {{"schemas", json::array{patch_urn}}, {"Operations", std::move(operations)}};
}

std::optional<core::error> patch_refusal(json::array operations, value_limits const& l,
                                         std::string_view external = {}) {
    try {
        (void)apply_patch(registry(), registry().user_type(), json::parse(R"({"userName":"bjensen"})").as_object(),
                          patch_op(std::move(operations)), external, l);
        return std::nullopt;
    } catch (core::error const& e) {
        return e;
    }
}

json::array replaces(std::size_t n) {
    json::array out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(json::object{{"op", "replace"}, {"path", "title"}, {"value", "t" + std::to_string(i)}});
    return out;
}

TEST(patch_limits, more_operations_than_allowed_are_413_before_any_is_applied) {
    value_limits const l{100, 5, {}};
    EXPECT_EQ(patch_refusal(replaces(5), l), std::nullopt);
    auto refused = replaces(6);
    // An operation that would fail comes after the limit is checked: the limit answers.
    refused.push_back(json::object{{"op", "bogus"}});
    auto const over = patch_refusal(refused, l);
    ASSERT_TRUE(over);
    EXPECT_EQ(over->type(), core::error_type::payload_too_large);
    EXPECT_EQ(over->status(), 413);
    EXPECT_EQ(over->detail(),
              "the PATCH has 7 operations; at most 5 are allowed in one request: send them in several PATCH requests");
    EXPECT_EQ(value_limits{}.max_patch_operations, core::scim_limits{}.max_patch_operations);
}

TEST(patch_limits, an_attribute_cannot_grow_past_max_values_through_operations) {
    value_limits const l{3, 100, {}};
    json::array adds;
    for (int i = 0; i < 3; ++i)
        adds.push_back(json::object{
            {"op", "add"}, {"path", "emails[type eq \"t" + std::to_string(i) + "\"].value"}, {"value", "x"}});
    EXPECT_EQ(patch_refusal(adds, l), std::nullopt);
    adds.push_back(json::object{{"op", "add"}, {"path", "emails[type eq \"t9\"].value"}, {"value", "x"}});
    auto const by_filter = patch_refusal(adds, l);
    ASSERT_TRUE(by_filter);
    EXPECT_EQ(by_filter->type(), core::error_type::invalid_value);
    EXPECT_EQ(by_filter->detail(), "attribute \"emails\" would have more than 3 values; at most 3 are allowed");

    auto const whole = patch_refusal(json::array{{{"op", "add"}, {"path", "emails"}, {"value", emails(4)}}}, l);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->detail(), "attribute \"emails\" would have more than 3 values; at most 3 are allowed");
    // Values already there count once: adding known values grows nothing.
    json::array again;
    for (int i = 0; i < 10; ++i) again.push_back(json::object{{"op", "add"}, {"path", "emails"}, {"value", emails(3)}});
    EXPECT_EQ(patch_refusal(again, l), std::nullopt);
}

TEST(patch_limits, group_members_are_handed_back_uncapped) {
    json::array members;
    for (int i = 0; i < 10; ++i) members.push_back(json::object{{"value", "u" + std::to_string(i)}});
    json::object const op = patch_op(json::array{{{"op", "add"}, {"path", "members"}, {"value", members}}});
    auto result =
        apply_patch(registry(), registry().group_type(), json::parse(R"({"displayName":"Guides"})").as_object(), op,
                    "members", value_limits{3, 100, "members"});
    ASSERT_EQ(result.external.size(), 1u);
    EXPECT_EQ(member_values(member_changes(std::move(result.external))), 10u);
}

}  // namespace
}  // namespace scim::protocol
