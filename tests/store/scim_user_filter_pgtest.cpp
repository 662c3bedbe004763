// SCIM filters end to end below HTTP: parse → bind → SQL → PostgreSQL, against a fixed set
// of users, comparing the matched userNames. Every operator meets every attribute type; the
// test schema "urn:test:scimd:Types" adds the integer, decimal and binary attributes the
// standard schemas lack.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/store/scim_users.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

using testing::store_test;

std::string read_file(std::filesystem::path const& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

constexpr char const* types_schema = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
  "id": "urn:test:scimd:Types", "name": "Types", "description": "every SCIM type",
  "attributes": [
    {"name": "level", "type": "integer"},
    {"name": "score", "type": "decimal"},
    {"name": "blob", "type": "binary", "caseExact": true},
    {"name": "since", "type": "dateTime"},
    {"name": "home", "type": "reference", "referenceTypes": ["external"], "caseExact": true},
    {"name": "code", "type": "string", "caseExact": true},
    {"name": "tags", "type": "string", "multiValued": true}
  ]
})";

// The builtin schemas, with "urn:test:scimd:Types" as a further User extension.
protocol::schema_registry test_registry() {
    std::vector<std::string> documents{types_schema};
    for (auto const& entry : std::filesystem::directory_iterator(SCIMD_SCHEMA_DIR)) {
        auto text = read_file(entry.path());
        if (entry.path().filename() == "user.resource_type.json") {
            auto const at = text.find("\"schemaExtensions\": [");
            text.insert(at + std::string("\"schemaExtensions\": [").size(),
                        R"({"schema": "urn:test:scimd:Types", "required": false}, )");
        }
        documents.push_back(std::move(text));
    }
    std::vector<std::string_view> views(documents.begin(), documents.end());
    return protocol::schema_registry::from_documents(views);
}

// The userNames of `directory_id`'s users that `text` matches, sorted.
std::vector<std::string> matching_names(database& db, protocol::schema_registry const& registry,
                                        std::string const& directory_id, std::string const& text) {
    auto const bound = protocol::bind_filter(protocol::parse_filter(text, {}), registry, registry.user_type());
    listing_request request;
    request.owner_id = directory_id;
    request.filter = &bound;
    request.limit = 100;
    listing<user_row> listing;
    db.read([&](session& s) { listing = list_users(s, request); });
    std::vector<std::string> names;
    for (auto const& u : listing.rows) names.push_back(u.row.user_name);
    EXPECT_EQ(listing.total, static_cast<std::int64_t>(names.size())) << text;
    std::sort(names.begin(), names.end());
    return names;
}

struct seeded_user {
    std::string user_name;
    std::optional<std::string> external_id;
    bool active;
    std::string attributes;  // the stored document (protocol/validation.hpp)
};

std::vector<seeded_user> const people = {
    {"Alice@Example.com", "ext-a", true, R"({
        "userName": "Alice@Example.com", "externalId": "ext-a", "active": true,
        "name": {"givenName": "Alice", "familyName": "Smith"}, "displayName": "Alice Smith", "title": "Engineer",
        "emails": [{"value": "alice@work.example", "type": "work", "primary": true},
                   {"value": "alice@home.example", "type": "home"}],
        "phoneNumbers": [{"value": "+1 555 0100", "type": "work"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
            {"department": "R&D", "employeeNumber": "100", "manager": {"value": "m1", "displayName": "Boss"}},
        "urn:test:scimd:Types": {"level": 3, "score": 4.5, "blob": "AAEC", "since": "2024-01-31T12:00:00Z",
                                 "home": "https://alice.example/", "code": "AbC", "tags": ["red", "blue"]}})"},
    {"bob", "ext-b", false, R"({
        "userName": "bob", "externalId": "ext-b", "active": false, "nickName": "Bobby_%",
        "name": {"familyName": "Jones"}, "title": "Manager",
        "emails": [{"value": "Bob@Work.Example", "type": "work"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Sales"},
        "urn:test:scimd:Types": {"level": 10, "score": -1, "since": "2023-06-01T00:00:00+02:00", "code": "abc",
                                 "tags": ["green"]}})"},
    {"carol", std::nullopt, true, R"({
        "userName": "carol", "active": true, "nickName": "100%", "title": "",
        "ims": [{"value": "carol-im", "type": "xmpp"}],
        "urn:test:scimd:Types": {"level": 3, "score": 4.25}})"},
    {"Émile", "ext-e", true, R"({
        "userName": "Émile", "externalId": "ext-e", "active": true, "displayName": "ÉMILE ZOLA",
        "name": {"familyName": "Zola"}})"},
    {"eve", "EXT-A", true, R"({
        "userName": "eve", "externalId": "EXT-A", "active": true, "displayName": "Eve",
        "emails": [{"value": "eve@work.example", "type": "home", "primary": true}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "alice-id"}}})"},
};

struct filter_case {
    std::string filter;
    std::vector<std::string> expected;  // userNames, any order
};

std::vector<std::string> const everyone = {"Alice@Example.com", "bob", "carol", "Émile", "eve"};

// RFC 7644 §3.4.2.2, operator by operator and type by type.
std::vector<filter_case> const cases = {
    // string, not caseExact: case folded on both sides, Unicode included
    {R"(userName eq "alice@example.COM")", {"Alice@Example.com"}},
    {R"(userName eq "émile")", {"Émile"}},
    {R"(USERNAME Eq "BOB")", {"bob"}},
    {R"(userName ne "bob")", {"Alice@Example.com", "carol", "Émile", "eve"}},
    {R"(userName co "LIC")", {"Alice@Example.com"}},
    {R"(userName sw "c")", {"carol"}},
    {R"(userName ew ".COM")", {"Alice@Example.com"}},
    {R"(userName gt "c")", {"carol", "Émile", "eve"}},
    {R"(userName ge "carol")", {"carol", "Émile", "eve"}},
    {R"(userName lt "bob")", {"Alice@Example.com"}},
    {R"(userName le "bob")", {"Alice@Example.com", "bob"}},
    {R"(userName pr)", everyone},
    {R"(displayName eq "émile zola")", {"Émile"}},
    {R"(name.familyName eq "smith")", {"Alice@Example.com"}},
    {R"(name.givenName pr)", {"Alice@Example.com"}},
    {R"(name pr)", {"Alice@Example.com", "bob", "Émile"}},
    {R"(title pr)", {"Alice@Example.com", "bob"}},  // "" is not present
    {R"(title eq null)", {"carol", "Émile", "eve"}},
    {R"(title ne null)", {"Alice@Example.com", "bob"}},
    // LIKE metacharacters are matched literally
    {R"(nickName co "_")", {"bob"}},
    {R"(nickName ew "%")", {"bob", "carol"}},
    {R"(nickName sw "100%")", {"carol"}},
    {R"(nickName co "\\")", {}},
    // string, caseExact
    {R"(externalId eq "ext-a")", {"Alice@Example.com"}},
    {R"(externalId eq "EXT-A")", {"eve"}},
    {R"(externalId sw "ext")", {"Alice@Example.com", "bob", "Émile"}},
    {R"(externalId ne "ext-a")", {"bob", "carol", "Émile", "eve"}},
    {R"(externalId pr)", {"Alice@Example.com", "bob", "Émile", "eve"}},
    {R"(urn:test:scimd:Types:code eq "abc")", {"bob"}},
    {R"(urn:test:scimd:Types:code gt "B")", {"bob"}},
    // boolean
    {R"(active eq true)", {"Alice@Example.com", "carol", "Émile", "eve"}},
    {R"(active eq False)", {"bob"}},
    {R"(active ne true)", {"bob"}},
    {R"(emails[primary eq true])", {"Alice@Example.com", "eve"}},
    // integer and decimal
    {R"(urn:test:scimd:Types:level eq 3)", {"Alice@Example.com", "carol"}},
    {R"(urn:test:scimd:Types:level gt 3)", {"bob"}},
    {R"(urn:test:scimd:Types:level ge 3)", {"Alice@Example.com", "bob", "carol"}},
    {R"(urn:test:scimd:Types:level lt 10)", {"Alice@Example.com", "carol"}},
    {R"(urn:test:scimd:Types:level le 2)", {}},
    {R"(urn:test:scimd:Types:level ne 3)", {"bob", "Émile", "eve"}},
    {R"(urn:test:scimd:Types:score gt 4.3)", {"Alice@Example.com"}},
    {R"(urn:test:scimd:Types:score le 4.25)", {"bob", "carol"}},
    {R"(urn:test:scimd:Types:score eq 4.50)", {"Alice@Example.com"}},
    {R"(urn:test:scimd:Types:score lt -0.5e0)", {"bob"}},
    // dateTime: instants, whatever the offset
    {R"(urn:test:scimd:Types:since gt "2023-06-01T00:00:00Z")", {"Alice@Example.com"}},
    {R"(urn:test:scimd:Types:since eq "2023-05-31T22:00:00Z")", {"bob"}},
    {R"(urn:test:scimd:Types:since le "2023-05-31T22:00:00Z")", {"bob"}},
    {R"(urn:test:scimd:Types:since pr)", {"Alice@Example.com", "bob"}},
    {R"(meta.created gt "2000-01-01T00:00:00Z")", everyone},
    {R"(meta.lastModified lt "2000-01-01T00:00:00Z")", {}},
    // binary and reference
    {R"(urn:test:scimd:Types:blob eq "AAEC")", {"Alice@Example.com"}},
    {R"(urn:test:scimd:Types:home sw "https://alice")", {"Alice@Example.com"}},
    {R"(urn:test:scimd:Types:home co "ALICE")", {}},
    // multi-valued: some value matches
    {R"(emails.value eq "bob@work.example")", {"bob"}},
    {R"(emails.value co "@work.")", {"Alice@Example.com", "bob", "eve"}},
    {R"(emails.value ne "alice@home.example")", {"bob", "carol", "Émile", "eve"}},
    {R"(emails eq "EVE@work.example")", {"eve"}},
    {R"(emails[type eq "work"].value eq "alice@work.example")", {"Alice@Example.com"}},
    {R"(emails[type eq "work"].value eq "eve@work.example")", {}},
    {R"(emails[type eq "work" and value co "@work."])", {"Alice@Example.com", "bob"}},
    {R"(emails[type eq "home"] and emails[type eq "work"])", {"Alice@Example.com"}},
    {R"(emails[not (type eq "work")])", {"Alice@Example.com", "eve"}},
    {R"(emails pr)", {"Alice@Example.com", "bob", "eve"}},
    {R"(emails.type pr)", {"Alice@Example.com", "bob", "eve"}},
    {R"(phoneNumbers[type eq "work" and value sw "+1"])", {"Alice@Example.com"}},
    {R"(ims.value pr)", {"carol"}},
    {R"(urn:test:scimd:Types:tags eq "BLUE")", {"Alice@Example.com"}},
    {R"(urn:test:scimd:Types:tags ne "green")", {"Alice@Example.com", "carol", "Émile", "eve"}},
    {R"(groups pr)", {}},
    {R"(groups[value eq "g"])", {}},
    {R"(not (groups pr))", everyone},
    // extensions, qualified names, single-valued complex
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "r&d")", {"Alice@Example.com"}},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "alice-id")", {"eve"}},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "M1")", {"Alice@Example.com"}},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[displayName eq "boss"])",
     {"Alice@Example.com"}},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr)", {"Alice@Example.com", "bob", "eve"}},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName eq "carol")", {"carol"}},
    // id and meta
    {R"(id eq "not-a-uuid")", {}},
    {R"(id pr)", everyone},
    {R"(meta.resourceType eq "User")", everyone},
    {R"(meta.version eq "W/\"1\"")", everyone},
    // logic: precedence not > and > or, parentheses
    {R"(userName eq "bob" or userName eq "carol" and active eq false)", {"bob"}},
    {R"((userName eq "bob" or userName eq "carol") and active eq true)", {"carol"}},
    {R"(not (active eq true) or title pr)", {"Alice@Example.com", "bob"}},
    {R"(not (urn:test:scimd:Types:level gt 3))", {"Alice@Example.com", "carol", "Émile", "eve"}},
    // the RFC 7644 §3.4.2.2 examples that apply to these users
    {R"(title pr and userType eq "Employee")", {}},
    {R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))", {}},
    {R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])", {}},
    {R"(name.familyName co "O'Malley")", {}},
};

class user_filters : public store_test {
protected:
    static void SetUpTestSuite() {
        store_test::SetUpTestSuite();
        registry_ = std::make_unique<protocol::schema_registry>(test_registry());
    }

    void SetUp() override {
        store_test::SetUp();
        db().transact([&](session& s) {
            for (auto const& p : people)
                insert_user(s, directory_id_, {p.user_name, p.external_id, p.active, p.attributes});
            // The same people in another directory must never show up.
            for (auto const& p : people)
                insert_user(s, other_directory_id_, {p.user_name, p.external_id, p.active, p.attributes});
        });
    }

    std::vector<std::string> matching(std::string const& text) {
        return matching_names(db(), *registry_, directory_id_, text);
    }

    std::string matching_id(std::string const& user_name) {
        std::optional<user_row> found;
        db().read([&](session& s) {
            sql_text sql("SELECT id::text AS id FROM scim_users WHERE directory_id = CAST(");
            sql.bind(directory_id_) << " AS uuid) AND user_name = ";
            sql.bind(user_name);
            for (auto const& r : s.run(sql)) found = find_user(s, directory_id_, r.text("id"));
        });
        return found ? found->id : "";
    }

    static inline std::unique_ptr<protocol::schema_registry> registry_;
};

TEST_F(user_filters, every_operator_and_type) {
    for (auto const& c : cases) {
        auto expected = c.expected;
        std::sort(expected.begin(), expected.end());
        try {
            EXPECT_EQ(matching(c.filter), expected) << c.filter;
        } catch (std::exception const& e) {
            ADD_FAILURE() << c.filter << ": " << e.what();
        }
    }
}

TEST_F(user_filters, last_modified_since_a_shown_value_excludes_that_row) {
    user_row first;
    db().read([&](session& s) { first = *find_user(s, directory_id_, matching_id("bob")); });
    auto const later = matching(R"(meta.lastModified gt ")" + first.last_modified + R"(")");
    EXPECT_EQ(std::count(later.begin(), later.end(), "bob"), 0);
    auto const same = matching(R"(meta.lastModified ge ")" + first.last_modified + R"(")");
    EXPECT_EQ(std::count(same.begin(), same.end(), "bob"), 1);
}

TEST_F(user_filters, id_eq_finds_the_user) {
    auto const id = matching_id("carol");
    EXPECT_EQ(matching(R"(id eq ")" + id + R"(")"), std::vector<std::string>{"carol"});
}

// The filter examples of RFC 7644 §3.4.2.2, against users made to tell them apart.
class rfc_7644_examples : public store_test {
protected:
    void SetUp() override {
        store_test::SetUp();
        db().transact([&](session& s) {
            insert_user(s, directory_id_, {"bjensen", std::nullopt, true, R"({"userName": "bjensen",
                "name": {"familyName": "Jensen"}, "title": "Tour Guide", "userType": "Employee",
                "emails": [{"value": "bjensen@example.com", "type": "work"}],
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Tours"}})"});
            insert_user(s, directory_id_, {"Jsmith", std::nullopt, true, R"({"userName": "Jsmith",
                "name": {"familyName": "O'Malley"}, "userType": "Intern",
                "emails": [{"value": "js@example.org", "type": "home"}],
                "ims": [{"value": "js@foo.com", "type": "xmpp"}]})"});
            insert_user(s, directory_id_, {"kim", std::nullopt, true, R"({"userName": "kim", "userType": "Contractor",
                "emails": [{"value": "kim@other.net", "type": "work"}]})"});
        });
    }

    std::vector<std::string> matching(std::string const& text) {
        return matching_names(db(), registry_, directory_id_, text);
    }

    protocol::schema_registry registry_ = protocol::schema_registry::builtin();
};

TEST_F(rfc_7644_examples, return_the_right_users) {
    using v = std::vector<std::string>;
    std::vector<std::pair<std::string, v>> const examples = {
        {R"(userName eq "bjensen")", {"bjensen"}},
        {R"(name.familyName co "O'Malley")", {"Jsmith"}},
        {R"(userName sw "J")", {"Jsmith"}},
        {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")", {"Jsmith"}},
        {R"(title pr)", {"bjensen"}},
        {R"(meta.lastModified gt "2011-05-13T04:42:34Z")", {"Jsmith", "bjensen", "kim"}},
        {R"(meta.lastModified ge "2011-05-13T04:42:34Z")", {"Jsmith", "bjensen", "kim"}},
        {R"(meta.lastModified lt "2011-05-13T04:42:34Z")", {}},
        {R"(meta.lastModified le "2011-05-13T04:42:34Z")", {}},
        {R"(title pr and userType eq "Employee")", {"bjensen"}},
        {R"(title pr or userType eq "Intern")", {"Jsmith", "bjensen"}},
        {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")", {"bjensen"}},
        {R"(schemas eq "urn:ietf:params:scim:schemas:core:2.0:User")", {"Jsmith", "bjensen", "kim"}},
        {R"(schemas ne "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")", {"Jsmith", "kim"}},
        {R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))", {"bjensen"}},
        {R"(userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org"))", {"kim"}},
        {R"(userType eq "Employee" and (emails.type eq "work"))", {"bjensen"}},
        {R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])", {"bjensen"}},
        {R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])",
         {"Jsmith", "bjensen"}},
    };
    for (auto const& [filter, expected] : examples) EXPECT_EQ(matching(filter), expected) << filter;
}

}  // namespace
}  // namespace scim::store
