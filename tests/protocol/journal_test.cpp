// What the provisioning journal keeps of a write (protocol/journal.hpp): passwords redacted in
// bodies and PatchOps, the per-path diff, member changes bounded, the cursor.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/journal.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

schema_registry const& registry() { return testing::builtin_registry(); }
resource_type const& users() { return registry().user_type(); }

std::string text(json::value const& v) { return json::serialize(v); }
json::object object(std::string const& text) { return json::parse(text).as_object(); }

struct redaction_case {
    char const* name;
    char const* body;
    char const* expected;
};

TEST(JournalRedaction, ResourceBodies) {
    redaction_case const cases[] = {
        {"top-level password", R"({"userName":"a","password":"s3cret"})",
         R"({"userName":"a","password":"[redacted]"})"},
        {"any case", R"({"PassWord":"s3cret"})", R"({"PassWord":"[redacted]"})"},
        {"URN-qualified key", R"({"urn:ietf:params:scim:schemas:core:2.0:User:password":"x"})",
         R"({"urn:ietf:params:scim:schemas:core:2.0:User:password":"[redacted]"})"},
        {"nothing secret", R"({"userName":"a","name":{"givenName":"B"}})",
         R"({"userName":"a","name":{"givenName":"B"}})"},
        {"extension kept", R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}})",
         R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}})"},
    };
    for (auto const& c : cases) {
        EXPECT_EQ(text(redact_resource(registry(), users(), object(c.body))), text(json::parse(c.expected))) << c.name;
    }
}

TEST(JournalRedaction, PatchOperations) {
    redaction_case const cases[] = {
        {"path password", R"({"Operations":[{"op":"replace","path":"password","value":"x"}]})",
         R"({"Operations":[{"op":"replace","path":"password","value":"[redacted]"}]})"},
        {"URN path",
         R"({"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:core:2.0:User:password","value":"x"}]})",
         R"({"Operations":[{"op":"add","path":"urn:ietf:params:scim:schemas:core:2.0:User:password","value":"[redacted]"}]})"},
        {"path-less value", R"({"Operations":[{"op":"replace","value":{"password":"x","active":false}}]})",
         R"({"Operations":[{"op":"replace","value":{"password":"[redacted]","active":false}}]})"},
        {"other path kept", R"({"Operations":[{"op":"replace","path":"displayName","value":"x"}]})",
         R"({"Operations":[{"op":"replace","path":"displayName","value":"x"}]})"},
        {"no Operations", R"({"schemas":[]})", R"({"schemas":[]})"},
    };
    for (auto const& c : cases) {
        EXPECT_EQ(text(redact_patch(registry(), users(), object(c.body))), text(json::parse(c.expected))) << c.name;
    }
}

struct diff_case {
    char const* name;
    char const* before;
    char const* after;
    char const* expected;
};

TEST(JournalDiff, PerAttributePath) {
    diff_case const cases[] = {
        {"unchanged", R"({"userName":"a"})", R"({"userName":"a"})", "{}"},
        {"changed", R"({"userName":"a"})", R"({"userName":"b"})", R"({"userName":{"before":"a","after":"b"}})"},
        {"added", "{}", R"({"active":true})", R"({"active":{"before":null,"after":true}})"},
        {"removed", R"({"title":"Eng"})", "{}", R"({"title":{"before":"Eng","after":null}})"},
        {"sub-attribute", R"({"name":{"givenName":"A","familyName":"F"}})",
         R"({"name":{"givenName":"B","familyName":"F"}})", R"({"name.givenName":{"before":"A","after":"B"}})"},
        {"multi-valued as a whole", R"({"emails":[{"value":"a@x"}]})", R"({"emails":[{"value":"b@x"}]})",
         R"({"emails":{"before":[{"value":"a@x"}],"after":[{"value":"b@x"}]}})"},
        {"extension with its URN",
         R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}})",
         R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Dev"}})",
         R"({"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":{"before":"Ops","after":"Dev"}})"},
        {"password redacted", "{}", R"({"password":"x"})", R"({"password":{"before":null,"after":"[redacted]"}})"},
    };
    for (auto const& c : cases) {
        EXPECT_EQ(text(attribute_diff(registry(), users(), object(c.before), object(c.after))),
                  text(json::parse(c.expected)))
            << c.name;
    }
}

std::vector<std::string> ids(std::size_t n, char const* prefix) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
    return out;
}

TEST(JournalMembers, BoundedWhateverTheGroupSize) {
    member_delta delta;
    delta.added.record(100000, ids(journal_listed_ids, "a"));
    delta.added.record(5, ids(5, "late"));
    delta.removed.record(2, ids(2, "r"));
    auto const out = member_diff(delta);
    auto const& added = out.at("added").as_object();
    EXPECT_EQ(added.at("count").as_int64(), 100005);
    EXPECT_EQ(added.at("ids").as_array().size(), journal_listed_ids);
    EXPECT_TRUE(added.at("truncated").as_bool());
    EXPECT_EQ(text(out.at("removed")), R"({"count":2,"ids":["r0","r1"],"truncated":false})");
    EXPECT_TRUE(member_diff({}).empty());
}

TEST(JournalRequest, UnparsedBodyKeepsNoBytes) {
    EXPECT_EQ(text(unparsed_request(12, "syntax error at 3")),
              R"({"unparsed":true,"bytes":12,"error":"syntax error at 3"})");
}

TEST(JournalQuery, CursorsRoundTrip) {
    journal_position const p{"2026-11-23T10:00:00.123456Z", 42};
    auto const back = decode_journal_cursor(encode_journal_cursor(p));
    EXPECT_EQ(back.time, p.time);
    EXPECT_EQ(back.id, p.id);
}

TEST(JournalQuery, ForeignCursorsAreRefused) {
    for (std::string const& cursor :
         {std::string(""), std::string("not base64!"), core::base64url_encode("j1|2026-11-23T10:00:00Z"),
          core::base64url_encode("j2|2026-11-23T10:00:00Z|1"), core::base64url_encode("j1|yesterday|1"),
          core::base64url_encode("j1|2026-11-23T10:00:00Z|-1"), core::base64url_encode("j1|2026-11-23T10:00:00Z|1x")}) {
        try {
            decode_journal_cursor(cursor);
            ADD_FAILURE() << cursor;
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::invalid_value) << cursor;
            EXPECT_EQ(e.status(), 400);
        }
    }
}

}  // namespace
}  // namespace scim::protocol
