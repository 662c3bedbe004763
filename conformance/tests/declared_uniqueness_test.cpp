#include "declared_uniqueness.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "server_claims.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;

auto const schemas = json::parse(R"({"Resources":[{"id":"urn:ietf:params:scim:schemas:core:2.0:User","attributes":[
    {"name":"userName","uniqueness":"server"},
    {"name":"emails","uniqueness":"none","subAttributes":[{"name":"value","uniqueness":"Server"},{"name":"type"}]},
    {"name":"nickName"},
    {"uniqueness":"global"}]}]})");

TEST(declared_uniqueness, reads_attributes_and_sub_attributes_in_lower_case) {
    auto const declared = declared_uniqueness(schemas);
    EXPECT_EQ(declared, (std::map<std::string, std::string>{
                            {"urn:ietf:params:scim:schemas:core:2.0:user:username", "server"},
                            {"urn:ietf:params:scim:schemas:core:2.0:user:emails", "none"},
                            {"urn:ietf:params:scim:schemas:core:2.0:user:emails.value", "server"},
                        }));
    EXPECT_TRUE(declared_uniqueness(json::parse("null")).empty());
    EXPECT_EQ(declared_uniqueness(json::parse(R"([{"id":"urn:x","attributes":[{"name":"a","uniqueness":"global"}]}])")),
              (std::map<std::string, std::string>{{"urn:x:a", "global"}}));
}

TEST(declared_uniqueness, is_a_requirement_a_case_can_state) {
    auto const claims = read_claims(json::parse("{}"), schemas, json::parse("[]"));
    EXPECT_EQ(unmet_requirement(claims, {"uniqueness:urn:ietf:params:scim:schemas:core:2.0:User:emails.value=server"}),
              std::nullopt);
    EXPECT_EQ(unmet_requirement(claims, {"uniqueness:urn:ietf:params:scim:schemas:core:2.0:User:emails.value=none"}),
              "the server's /Schemas declares uniqueness \"server\" for "
              "urn:ietf:params:scim:schemas:core:2.0:User:emails.value, not \"none\"");
    EXPECT_EQ(unmet_requirement(claims, {"uniqueness:urn:ietf:params:scim:schemas:core:2.0:User:nickName=none"}),
              "the server's /Schemas declares no uniqueness for urn:ietf:params:scim:schemas:core:2.0:User:nickName");
}

}  // namespace
}  // namespace scim::conformance
