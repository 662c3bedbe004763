// Resources, list responses and errors as SCIM JSON.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/rendering.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

schema_registry const& registry() { return testing::builtin_registry(); }

resource_meta meta() {
    return {"2024-01-02T03:04:05Z", "2024-02-03T04:05:06Z", "https://h/scim/directory/d/Users/u-1", 3};
}

json::object render_user(std::string const& stored) {
    return render_resource(registry(), registry().user_type(), "u-1", json::parse(stored).as_object(), meta());
}

std::vector<std::string> keys(json::object const& o) {
    std::vector<std::string> out;
    for (auto const& member : o) out.emplace_back(member.key());
    return out;
}

TEST(render_resource, puts_schemas_id_attributes_then_meta) {
    auto out = render_user(R"({"userName":"b","externalId":"e-1","active":true})");
    EXPECT_EQ(keys(out), (std::vector<std::string>{"schemas", "id", "userName", "externalId", "active", "meta"}));
    EXPECT_EQ(out.at("schemas"), json::parse(R"(["urn:ietf:params:scim:schemas:core:2.0:User"])"));
    EXPECT_EQ(out.at("id"), "u-1");
    EXPECT_EQ(out.at("meta"), json::parse(R"({"resourceType":"User","created":"2024-01-02T03:04:05Z",
        "lastModified":"2024-02-03T04:05:06Z","location":"https://h/scim/directory/d/Users/u-1","version":"W/\"3\""})"));
}

TEST(render_resource, lists_the_extensions_present) {
    auto out = render_user(R"({"userName":"b",
        "urn:scimd:params:scim:schemas:extension:account:2.0:User":{"accountType":"managed"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}})");
    EXPECT_EQ(out.at("schemas"), json::parse(R"(["urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:scimd:params:scim:schemas:extension:account:2.0:User"])"));
    EXPECT_EQ(out.at("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
              json::parse(R"({"department":"R&D"})"));
    EXPECT_EQ(out.at("urn:scimd:params:scim:schemas:extension:account:2.0:User"),
              json::parse(R"({"accountType":"managed"})"));
}

TEST(render_resource, omits_empty_extensions_from_schemas) {
    auto out = render_user(R"({"userName":"b","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{}})");
    EXPECT_EQ(out.at("schemas").as_array().size(), 1u);
    EXPECT_FALSE(out.contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
}

TEST(render_resource, never_renders_password_nor_undeclared_members) {
    // Whatever ended up stored, returned "never" (RFC 7643 §7) and undeclared members stay out;
    // id and meta come from the server, not from the stored object.
    auto out = render_user(R"({"userName":"b","password":"s3cret","favouriteColour":"red","id":"other",
        "meta":{"version":"W/\"9\""},"urn:example:ext":{"a":1}})");
    EXPECT_EQ(keys(out), (std::vector<std::string>{"schemas", "id", "userName", "meta"}));
    EXPECT_EQ(out.at("id"), "u-1");
    EXPECT_EQ(out.at("meta").at("version"), "W/\"3\"");
    EXPECT_EQ(json::serialize(out).find("s3cret"), std::string::npos);
}

TEST(render_resource, renders_groups_with_their_resource_type) {
    auto const& group = *registry().find_resource_type("Group");
    auto out = render_resource(registry(), group, "g-1",
                               json::parse(R"({"displayName":"Admins","members":[{"value":"u-1"}]})").as_object(),
                               {"2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "https://h/Groups/g-1", 1});
    EXPECT_EQ(out.at("schemas"), json::parse(R"(["urn:ietf:params:scim:schemas:core:2.0:Group"])"));
    EXPECT_EQ(out.at("members"), json::parse(R"([{"value":"u-1"}])"));
    EXPECT_EQ(out.at("meta").at("resourceType"), "Group");
}

TEST(entity_tag, is_weak_and_quoted) {
    EXPECT_EQ(entity_tag(1), "W/\"1\"");
    EXPECT_EQ(entity_tag(12345678901), "W/\"12345678901\"");
}

TEST(list_response, carries_integer_counts) {
    auto out = list_response(42, 11, json::array{json::object{{"id", "a"}}, json::object{{"id", "b"}}});
    EXPECT_EQ(keys(out),
              (std::vector<std::string>{"schemas", "totalResults", "startIndex", "itemsPerPage", "Resources"}));
    EXPECT_EQ(out.at("schemas"), json::parse(R"(["urn:ietf:params:scim:api:messages:2.0:ListResponse"])"));
    EXPECT_TRUE(out.at("totalResults").is_int64());
    EXPECT_EQ(out.at("totalResults").as_int64(), 42);
    EXPECT_EQ(out.at("startIndex").as_int64(), 11);
    EXPECT_EQ(out.at("itemsPerPage").as_int64(), 2);
    EXPECT_EQ(out.at("Resources").as_array().size(), 2u);
}

TEST(list_response, may_be_empty) {
    auto out = list_response(0, 1, {});
    EXPECT_EQ(out.at("itemsPerPage").as_int64(), 0);
    EXPECT_TRUE(out.at("Resources").as_array().empty());
}

struct error_case {
    core::error_type type;
    char const* body;
};

class error_body_of : public ::testing::TestWithParam<error_case> {};

TEST_P(error_body_of, has_status_as_a_string_and_scim_type_when_one_applies) {
    auto out = error_body(core::error(GetParam().type, "what went wrong"));
    EXPECT_EQ(json::serialize(out), json::serialize(json::parse(GetParam().body)));
}

INSTANTIATE_TEST_SUITE_P(
    cases, error_body_of,
    ::testing::Values(
        error_case{core::error_type::uniqueness, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status":"409","scimType":"uniqueness","detail":"what went wrong"})"},
        error_case{core::error_type::invalid_value, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status":"400","scimType":"invalidValue","detail":"what went wrong"})"},
        error_case{core::error_type::not_found, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status":"404","detail":"what went wrong"})"},
        error_case{core::error_type::service_unavailable, R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status":"503","detail":"what went wrong"})"}));

}  // namespace
}  // namespace scim::protocol
