#include "json_path.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

json::value const body = json::parse(R"({
  "id": "u1", "userName": "ann",
  "name": {"givenName": "Ann"},
  "emails": [{"type": "work", "value": "ann@work.example", "primary": true},
             {"type": "home", "value": "ann@home.example"}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "7"},
  "count": 2
})");

// What a path selects, serialized as one array.
std::string selected(std::string const& path) {
    json::array out;
    for (auto const* v : select(body, path)) out.push_back(*v);
    return json::serialize(out);
}

struct path_case {
    char const* path;
    char const* expected;
};

TEST(json_path, selects_what_the_readme_describes) {
    path_case const table[] = {
        {"$.id", R"(["u1"])"},
        {"$.USERNAME", R"(["ann"])"},  // RFC 7643 §2.1: names are case-insensitive
        {"$.name.givenName", R"(["Ann"])"},
        {"$.emails[1].value", R"(["ann@home.example"])"},
        {"$.emails[*].type", R"(["work","home"])"},
        {"$.emails[?(@.type=='work')].value", R"(["ann@work.example"])"},
        {"$.emails[?(@.type==\"home\")].value", R"(["ann@home.example"])"},
        {"$.emails[?(@.primary==true)].type", R"(["work"])"},
        {"$['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].employeeNumber", R"(["7"])"},
        {"$.missing", "[]"},
        {"$.emails[5]", "[]"},
        {"$.id.deeper", "[]"},
        {"$.name[0]", "[]"},
        {"$.emails[?(@.type=='other')].value", "[]"},
    };
    for (auto const& c : table) EXPECT_EQ(selected(c.path), c.expected) << c.path;
}

TEST(json_path, the_root_is_the_whole_body) {
    auto found = select(body, "$");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(*found[0], body);
}

TEST(json_path, rejects_paths_outside_the_subset) {
    for (char const* bad : {"", "id", "$id", "$.", "$[", "$['open", "$[?(@.type=work)]", "$[?(@.type=='x']", "$[x]"}) {
        EXPECT_THROW(select(body, bad), path_error) << bad;
    }
}

TEST(json_path, numbers_are_equal_by_value) {
    EXPECT_TRUE(same_value(json::value(1), json::value(1.0)));
    EXPECT_FALSE(same_value(json::value(1), json::value("1")));
    EXPECT_TRUE(same_value(json::parse(R"({"a":[1]})"), json::parse(R"({"a":[1]})")));
}

}  // namespace
}  // namespace scim::conformance
