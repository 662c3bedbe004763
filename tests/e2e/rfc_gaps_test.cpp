// The RFC gaps outside suites found (issue 18): /Me, PATCH of a whole read-only extension,
// a Group created with members at version 1, and the tolerances of booleans as strings and of
// endpoint names in another letter case.

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

std::string const patch_op = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":)";
std::string const group_extension = "urn:scimd:params:scim:schemas:extension:group:2.0:Group";
std::string const account_extension = "urn:scimd:params:scim:schemas:extension:account:2.0:User";
std::string const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

class rfc_gaps : public admin_e2e_test {
protected:
    // The normalizations the journal entry of the request that got `reply` lists.
    std::vector<std::string> normalizations_of(http_reply const& reply) {
        auto const request_id = reply.header("x-request-id");
        auto const page = admin("GET", "/journal?count=500").json();
        for (auto const& e : page.at("entries").as_array()) {
            if (e.at("requestId").as_string() != request_id) continue;
            std::vector<std::string> rules;
            auto const& normalized = e.at("normalized");
            if (normalized.is_object() && normalized.as_object().contains("normalizations")) {
                for (auto const& r : normalized.at("normalizations").as_array()) rules.emplace_back(r.as_string());
            }
            return rules;
        }
        ADD_FAILURE() << "no journal entry for request " << request_id;
        return {};
    }
    std::string created_id(http_reply const& reply) {
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.status == 201 ? std::string(reply.json().at("id").as_string()) : std::string();
    }
    std::string new_user(std::string const& user_name, std::string const& extra = "") {
        return created_id(scim("POST", "/Users", user_body(user_name, extra)));
    }
    std::string new_group(std::string const& name, std::string const& members = "[]") {
        return created_id(scim("POST", "/Groups",
                               R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + name +
                                   R"(","members":)" + members + "}"));
    }
};

// RFC 7644 §3.11: a token that maps to no resource → 501 on every method and sub-path; a
// request without the directory's token hears 401 first.
TEST_F(rfc_gaps, me_is_501_for_a_directory_token_and_401_without_one) {
    for (auto const* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        for (auto const* path : {"/Me", "/Me/", "/Me/.search", "/Me/groups/x"}) {
            std::string const body = std::string(method) == "GET" || std::string(method) == "DELETE" ? "" : "{}";
            auto reply = scim(method, path, body);
            expect_scim_error(reply, 501, "");
            EXPECT_NE(reply.json().at("detail").as_string().find("directory, not to a person"), std::string::npos)
                << method << " " << path << ": " << reply.body;
            auto stranger = client().request(method, directory().base_path + path, body);
            EXPECT_EQ(stranger.status, 401) << method << " " << path << ": " << stranger.body;
        }
    }
}

// RFC 7644 §3.5.2: an operation on a whole extension whose attributes are all readOnly is
// refused like one on any of them, and changes nothing; a writable extension still goes whole.
TEST_F(rfc_gaps, patch_of_a_whole_read_only_extension_is_mutability) {
    auto const group = new_group("Read-only extension");
    for (auto const* op : {"remove", "add", "replace"}) {
        std::string const value = std::string(op) == "remove" ? "" : R"(,"value":{"memberCount":7})";
        auto reply = scim("PATCH", "/Groups/" + group,
                          patch_op + R"([{"op":")" + op + R"(","path":")" + group_extension + "\"" + value + "}]}");
        expect_scim_error(reply, 400, "mutability");
    }
    auto const after = scim("GET", "/Groups/" + group).json();
    EXPECT_EQ(after.at("meta").at("version"), "W/\"1\"");

    auto const user = new_user("extension@rfc-gaps.test", R"(")" + enterprise + R"(":{"department":"Tours"})");
    expect_scim_error(
        scim("PATCH", "/Users/" + user, patch_op + R"([{"op":"remove","path":")" + account_extension + "\"}]}"), 400,
        "mutability");
    auto removed = scim("PATCH", "/Users/" + user, patch_op + R"([{"op":"remove","path":")" + enterprise + "\"}]}");
    ASSERT_TRUE(removed.status == 200 || removed.status == 204) << removed.body;
    auto const read = scim("GET", "/Users/" + user).json().as_object();
    EXPECT_FALSE(read.contains(enterprise)) << json::serialize(read);
    EXPECT_TRUE(read.contains(account_extension)) << json::serialize(read);
}

// RFC 7643 §3.1: a Group created with members was never modified: version 1, lastModified
// equal to created. A PUT that changes the members is one new version; so is a member PATCH.
TEST_F(rfc_gaps, a_group_created_with_members_is_version_one) {
    auto const ann = new_user("ann@rfc-gaps.test");
    auto const bob = new_user("bob@rfc-gaps.test");
    auto reply = scim("POST", "/Groups",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Versioned",)"
                      R"("members":[{"value":")" +
                          ann + R"("},{"value":")" + bob + R"("}]})");
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_EQ(reply.header("etag"), "W/\"1\"");
    auto const created = reply.json().as_object();
    auto const id = std::string(created.at("id").as_string());
    EXPECT_EQ(created.at("meta").at("version"), "W/\"1\"");
    EXPECT_EQ(created.at("meta").at("lastModified"), created.at("meta").at("created"));
    EXPECT_EQ(created.at("members").as_array().size(), 2u);

    auto put = scim("PUT", "/Groups/" + id,
                    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Versioned 2",)"
                    R"("members":[{"value":")" +
                        ann + R"("}]})");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.header("etag"), "W/\"2\"");
    auto patched = scim("PATCH", "/Groups/" + id,
                        patch_op + R"([{"op":"add","path":"members","value":[{"value":")" + bob + R"("}]}]})");
    ASSERT_EQ(patched.status, 204) << patched.body;
    EXPECT_EQ(patched.header("etag"), "W/\"3\"");
    // A member's deletion changes the group: a new version.
    ASSERT_EQ(scim("DELETE", "/Users/" + bob).status, 204);
    auto const read = scim("GET", "/Groups/" + id).json();
    EXPECT_EQ(read.at("meta").at("version"), "W/\"4\"");
    EXPECT_EQ(read.at("members").as_array().size(), 1u);
}

// docs/accounts.md "One account per address": /Schemas declares emails.value uniqueness
// "server", and the server does what it declares, naming the attribute and the reason.
TEST_F(rfc_gaps, the_account_address_is_unique_as_declared) {
    auto const schema = scim("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json();
    std::string declared;
    for (auto const& a : schema.at("attributes").as_array()) {
        if (a.at("name") != "emails") continue;
        for (auto const& sub : a.at("subAttributes").as_array()) {
            if (sub.at("name") == "value") declared = std::string(sub.at("uniqueness").as_string());
        }
    }
    EXPECT_EQ(declared, "server");

    new_user("first@rfc-gaps.test", R"("emails":[{"value":"shared@rfc-gaps.test","type":"work","primary":true}])");
    auto by_email =
        scim("POST", "/Users",
             user_body("second@rfc-gaps.test", R"("emails":[{"value":"SHARED@rfc-gaps.test","type":"work"}])"));
    expect_scim_error(by_email, 409, "uniqueness");
    auto const detail = std::string(by_email.json().at("detail").as_string());
    EXPECT_NE(detail.find("emails.value"), std::string::npos) << detail;
    EXPECT_NE(detail.find("provisioned once per directory"), std::string::npos) << detail;

    // With no emails, userName gives the account address, and the error names it.
    auto by_user_name = scim("POST", "/Users", user_body("shared@rfc-gaps.test"));
    expect_scim_error(by_user_name, 409, "uniqueness");
    EXPECT_NE(by_user_name.json().at("detail").as_string().find("userName"), std::string::npos) << by_user_name.body;

    // An address that is not the account address (not primary, not first) is not checked.
    new_user("third@rfc-gaps.test", R"("emails":[{"value":"third@rfc-gaps.test","primary":true},)"
                                    R"({"value":"shared@rfc-gaps.test","type":"home"}])");
}

// Tolerances (docs/patch.md "Tolerances"): "True"/"False" as booleans in POST and PUT bodies, as
// in PATCH, and endpoint names in any letter case; each journaled as a normalization.
TEST_F(rfc_gaps, string_booleans_and_endpoint_names_in_any_case_are_read_and_journaled) {
    auto created = scim("POST", "/users", user_body("lenient@rfc-gaps.test", R"("active":"True")"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json().at("active"), true);
    auto const id = std::string(created.json().at("id").as_string());
    EXPECT_EQ(normalizations_of(created),
              (std::vector<std::string>{R"(endpoint name "users" read as "Users")",
                                        R"(string "True" for boolean "active" read as true)"}));

    auto replaced = scim("PUT", "/Users/" + id, user_body("lenient@rfc-gaps.test", R"("active":"FALSE")"));
    ASSERT_EQ(replaced.status, 200) << replaced.body;
    EXPECT_EQ(replaced.json().at("active"), false);
    EXPECT_EQ(normalizations_of(replaced),
              (std::vector<std::string>{R"(string "FALSE" for boolean "active" read as false)"}));
    expect_scim_error(scim("PUT", "/Users/" + id, user_body("lenient@rfc-gaps.test", R"("active":"yes")")), 400,
                      "invalidValue");

    for (auto const* path : {"/serviceproviderconfig", "/SCHEMAS", "/resourcetypes/user", "/groups", "/USERS/"}) {
        EXPECT_EQ(scim("GET", path).status, 200) << path;
    }
    EXPECT_EQ(scim("GET", "/users/" + id).json().at("id").as_string(), id);
    auto searched = scim("POST", "/users/.SEARCH",
                         R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],)"
                         R"("filter":"userName eq \"lenient@rfc-gaps.test\""})");
    ASSERT_EQ(searched.status, 200) << searched.body;
    EXPECT_EQ(searched.json().at("totalResults"), 1);

    auto deleted = scim("DELETE", "/USERS/" + id);
    ASSERT_EQ(deleted.status, 204) << deleted.body;
    EXPECT_EQ(normalizations_of(deleted), (std::vector<std::string>{R"(endpoint name "USERS" read as "Users")"}));
}

}  // namespace
}  // namespace scim::testing
