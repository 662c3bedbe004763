// /ServiceProviderConfig, /Schemas and /ResourceTypes bodies.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/protocol/discovery.hpp"

namespace scim::protocol {

// Generated from schemas/scim/ by the build (see CMakeLists.txt, embed_files).
std::vector<std::pair<std::string_view, std::string_view>> embedded_schema_documents();

namespace {

namespace json = boost::json;

std::string const base = "https://h:8443/scim/directory/d-1";

schema_registry const& registry() {
    static auto const r = schema_registry::builtin();
    return r;
}

TEST(service_provider_config, claims_nothing_that_is_not_supported) {
    supported_features none;
    none.index_pagination = false;
    auto out = service_provider_config(none, base);
    EXPECT_EQ(out.at("schemas"), json::parse(R"(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"])"));
    for (auto const* feature : {"patch", "changePassword", "sort", "etag"}) {
        EXPECT_EQ(out.at(feature), json::parse(R"({"supported":false})")) << feature;
    }
    EXPECT_EQ(out.at("bulk"), json::parse(R"({"supported":false,"maxOperations":0,"maxPayloadSize":0})"));
    EXPECT_EQ(out.at("filter"), json::parse(R"({"supported":false,"maxResults":0})"));
    EXPECT_EQ(out.at("pagination"), json::parse(R"({"cursor":false,"index":false,"defaultPaginationMethod":"index",
        "defaultPageSize":100,"maxPageSize":1000})"));
}

TEST(service_provider_config, reports_every_supported_feature_and_its_limits) {
    supported_features all;
    all.patch = all.bulk = all.filter = all.change_password = all.sort = all.etag = true;
    all.bulk_max_operations = 1000;
    all.bulk_max_payload_bytes = 1048576;
    all.filter_max_results = 200;
    all.cursor_pagination = true;
    all.default_page_size = 50;
    all.max_page_size = 500;
    all.cursor_timeout_seconds = 3600;
    auto out = service_provider_config(all, base);
    for (auto const* feature : {"patch", "changePassword", "sort", "etag"}) {
        EXPECT_EQ(out.at(feature), json::parse(R"({"supported":true})")) << feature;
    }
    EXPECT_EQ(out.at("bulk"), json::parse(R"({"supported":true,"maxOperations":1000,"maxPayloadSize":1048576})"));
    EXPECT_EQ(out.at("filter"), json::parse(R"({"supported":true,"maxResults":200})"));
    EXPECT_EQ(out.at("pagination"), json::parse(R"({"cursor":true,"index":true,"defaultPaginationMethod":"index",
        "defaultPageSize":50,"maxPageSize":500,"cursorTimeout":3600})"));
}

TEST(service_provider_config, defaults_to_cursor_only_when_index_is_off) {
    supported_features cursor_only;
    cursor_only.index_pagination = false;
    cursor_only.cursor_pagination = true;
    EXPECT_EQ(service_provider_config(cursor_only, base).at("pagination").at("defaultPaginationMethod"), "cursor");
}

TEST(service_provider_config, names_bearer_tokens_and_its_location) {
    auto out = service_provider_config({}, base);
    auto const& schemes = out.at("authenticationSchemes").as_array();
    ASSERT_EQ(schemes.size(), 1u);
    EXPECT_EQ(schemes[0].at("type"), "oauthbearertoken");
    EXPECT_EQ(schemes[0].at("primary"), true);
    EXPECT_FALSE(schemes[0].at("name").as_string().empty());
    // It says what the token stands for, and so what /Me answers (RFC 7644 §3.11).
    EXPECT_NE(std::string_view(schemes[0].at("description").as_string()).find("/Me answers 501"),
              std::string_view::npos);
    EXPECT_EQ(out.at("meta"), json::parse(R"({"resourceType":"ServiceProviderConfig",
        "location":"https://h:8443/scim/directory/d-1/ServiceProviderConfig"})"));
}

TEST(schema_resource, serves_each_schema_document_as_declared) {
    std::size_t served = 0;
    for (auto const& [file_name, content] : embedded_schema_documents()) {
        auto declared = json::parse(content).as_object();
        // Resource type documents have ids too ("User"), but no schema is named by them.
        auto const* id = declared.if_contains("id");
        auto const* s = id ? registry().find_schema(id->as_string()) : nullptr;
        if (!s) continue;
        auto out = schema_resource(*s, base);
        EXPECT_EQ(out.at("meta"), (json::object{{"resourceType", "Schema"}, {"location", base + "/Schemas/" + s->id}}))
            << file_name;
        out.erase("meta");
        EXPECT_EQ(json::serialize(out), json::serialize(declared)) << file_name;
        ++served;
    }
    EXPECT_EQ(served, registry().schemas().size());
}

TEST(resource_type_resource, serves_the_declared_document_with_meta) {
    auto out = resource_type_resource(registry().user_type(), base);
    EXPECT_EQ(out.at("schemas"), json::parse(R"(["urn:ietf:params:scim:schemas:core:2.0:ResourceType"])"));
    EXPECT_EQ(out.at("id"), "User");
    EXPECT_EQ(out.at("name"), "User");
    EXPECT_EQ(out.at("endpoint"), "/Users");
    EXPECT_EQ(out.at("schema"), "urn:ietf:params:scim:schemas:core:2.0:User");
    EXPECT_EQ(out.at("schemaExtensions"), json::parse(R"([
        {"schema":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","required":false},
        {"schema":"urn:scimd:params:scim:schemas:extension:account:2.0:User","required":false}])"));
    EXPECT_EQ(out.at("meta"), json::parse(R"({"resourceType":"ResourceType",
        "location":"https://h:8443/scim/directory/d-1/ResourceTypes/User"})"));

    auto group = resource_type_resource(*registry().find_resource_type("Group"), base);
    EXPECT_EQ(group.at("endpoint"), "/Groups");
    EXPECT_EQ(group.at("meta").at("location"), "https://h:8443/scim/directory/d-1/ResourceTypes/Group");
}

}  // namespace
}  // namespace scim::protocol
