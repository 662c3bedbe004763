// The audit trail of the admins' own writes against the real binary (docs/journal.md "Admin
// actions", docs/admin-api.md "Audit"): a representative write of every admin area leaves one
// entry naming the admin token (id and label), the action, the target, what changed (only what
// changed, never a secret) and the outcome; a refused write leaves one with its status and
// error; GET /audit filters by actor, action and time and pages like the journal; GET
// /exports/audit is the same as CSV.

#include <limits>
#include <set>

#include "admin_fixture.hpp"
#include "csv_reading.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_audit : public acme_managed_e2e_test {
protected:
    // The id of an admin token: what follows "scimdadmin_", up to the next '_'.
    static std::string id_of(std::string const& token) {
        auto const start = std::string("scimdadmin_").size();
        return token.substr(start, token.find('_', start) - start);
    }

    json::array audit(std::string const& query = "", std::string const& token = admin_token_) {
        auto const body = ok(admin("GET", "/audit?count=500" + query, {}, token));
        return body.contains("entries") ? body.at("entries").as_array() : json::array{};
    }

    // The audit entry of the request that got `reply`, found by its X-Request-Id, after checking
    // what every entry says: the acting token, the action, the target's type and the outcome.
    json::object audited(http_reply const& reply, std::string const& action, std::string const& target_type,
                         std::string const& token = admin_token_) {
        auto const request_id = std::string(reply.header("x-request-id"));
        for (auto const& listed : audit()) {
            if (listed.at("requestId").as_string() != request_id) continue;
            auto const& e = listed.as_object();
            EXPECT_EQ(e.at("actor").at("tokenId"), json::value(id_of(token))) << e;
            EXPECT_TRUE(e.at("actor").at("label").is_string()) << e;
            EXPECT_EQ(e.at("action"), json::value(action)) << e;
            EXPECT_EQ(e.at("target").at("type"), json::value(target_type)) << e;
            EXPECT_EQ(e.at("outcome").at("status"), reply.status) << e;
            if (reply.status < 300) {
                EXPECT_TRUE(e.at("outcome").at("error").is_null()) << e;
            } else {
                EXPECT_TRUE(e.at("diff").as_object().empty()) << e;
                EXPECT_EQ(e.at("outcome").at("detail"), reply.json().at("detail")) << e;
            }
            return e;
        }
        ADD_FAILURE() << action << ": no audit entry for request " << request_id << " (" << reply.status << ")";
        return {};
    }

    static json::value change(json::object const& entry, std::string const& field) {
        auto const* diff = entry.if_contains("diff");
        auto const* c = diff ? diff->as_object().if_contains(field) : nullptr;
        return c ? *c : json::value(nullptr);
    }
    static json::value before(json::object const& entry, std::string const& field) {
        auto const c = change(entry, field);
        return c.is_object() ? c.at("before") : json::value("(unchanged)");
    }
    static json::value after(json::object const& entry, std::string const& field) {
        auto const c = change(entry, field);
        return c.is_object() ? c.at("after") : json::value("(unchanged)");
    }

    // A managed account that no directory syncs (provisioned, then unlinked: deactivated), with
    // its address verified, so that every admin action is open on it.
    std::string unsynced_account(std::string const& name) {
        auto const account = provision(name, name + "@acme.com");
        EXPECT_EQ(scim("DELETE", "/Users/" + ids_[name]).status, 204);
        EXPECT_EQ(admin("POST", "/accounts/" + account + "/reactivate").status, 200);
        verify_address(account, name + "@acme.com");
        return account;
    }
};

TEST_F(admin_audit, a_write_of_every_admin_area_is_audited_with_its_actor_and_what_changed) {
    // Domains.
    auto e = audited(admin("POST", "/domains", R"({"name":"Audit.Example"})"), "domain.add", "Domain");
    EXPECT_EQ(e.at("target").at("id"), "audit.example");
    EXPECT_EQ(e.at("actor").at("label"), "scimd admin-token");
    EXPECT_EQ(after(e, "state"), "unverified");
    EXPECT_EQ(e.at("request"), json::parse(R"({"name":"Audit.Example"})"));

    // Accounts: the lifecycle and the profile, with only what changed.
    auto const max = provision("max", "max@acme.com");
    EXPECT_EQ(scim("DELETE", "/Users/" + ids_["max"]).status, 204);
    e = audited(admin("POST", "/accounts/" + max + "/reactivate"), "account.reactivate", "Account");
    EXPECT_EQ(e.at("target").at("id"), json::value(max));
    EXPECT_EQ(e.at("accountId"), json::value(max));
    EXPECT_EQ(before(e, "lifecycle"), "deactivated");
    EXPECT_EQ(after(e, "lifecycle"), "active");
    EXPECT_EQ(e.at("diff").as_object().size(), 1u) << e;
    verify_address(max, "max@acme.com");
    e = audited(admin("PATCH", "/accounts/" + max, R"({"location":"Berlin","displayName":"Max","jobTitle":null})"),
                "account.edit", "Account");
    EXPECT_EQ(after(e, "location"), "Berlin");
    EXPECT_TRUE(before(e, "location").is_null());
    EXPECT_EQ(after(e, "displayName"), "Max");
    EXPECT_EQ(e.at("diff").as_object().size(), 2u) << e;  // jobTitle was empty already
    e = audited(admin("PATCH", "/accounts/" + max, R"({"location":"Berlin"})"), "account.edit", "Account");
    EXPECT_TRUE(e.at("diff").as_object().empty()) << e;
    e = audited(admin("POST", "/accounts/" + max + "/require-password-reset"), "account.require-password-reset",
                "Account");
    EXPECT_EQ(after(e, "passwordResetRequired"), true);

    // Email change.
    e = audited(admin("POST", "/accounts/" + max + "/email", R"({"email":"max.new@acme.com"})"), "account.email.change",
                "Account");
    EXPECT_EQ(after(e, "pendingEmail"), "max.new@acme.com");

    // Sites and site users.
    auto const site_reply =
        admin("POST", "/sites", R"({"name":"Audited","url":"audited.example.net","products":["jira"]})");
    auto const site = std::string(ok(site_reply, 201).at("id").as_string());
    e = audited(site_reply, "site.create", "Site");
    EXPECT_EQ(e.at("target").at("id"), json::value(site));
    EXPECT_EQ(after(e, "name"), "Audited");
    e = audited(admin("POST", "/sites/" + site + "/products", R"({"product":"confluence"})"), "site.product.offer",
                "Site");
    EXPECT_EQ(before(e, "products"), json::parse(R"(["jira"])"));
    EXPECT_EQ(after(e, "products"), json::parse(R"(["confluence","jira"])"));
    e = audited(admin("PATCH", "/sites/" + site, R"({"name":"Audited Site"})"), "site.rename", "Site");
    EXPECT_EQ(before(e, "name"), "Audited");
    EXPECT_EQ(after(e, "name"), "Audited Site");
    EXPECT_EQ(e.at("diff").as_object().size(), 1u) << e;
    auto const empty_site = std::string(
        ok(admin("POST", "/sites", R"({"name":"Emptied","url":"emptied.example.net"})"), 201).at("id").as_string());
    e = audited(admin("DELETE", "/sites/" + empty_site), "site.delete", "Site");
    EXPECT_EQ(e.at("target").at("id"), json::value(empty_site));
    EXPECT_EQ(before(e, "name"), "Emptied");
    e = audited(admin("POST", "/sites/" + site + "/users", R"({"accountId":")" + max + R"("})"), "site.user.invite",
                "SiteUser");
    EXPECT_EQ(e.at("target").at("id"), json::value(site + "/" + max));
    EXPECT_EQ(e.at("accountId"), json::value(max));
    EXPECT_EQ(after(e, "status"), "invited");
    e = audited(admin("PUT", "/sites/" + site + "/users/" + max + "/products/jira"), "site.user.product.grant",
                "SiteUser");
    EXPECT_EQ(after(e, "products"), json::parse(R"(["jira"])"));
    e = audited(admin("POST", "/sites/" + site + "/users/" + max + "/suspend"), "site.user.suspend", "SiteUser");
    EXPECT_EQ(before(e, "status"), "invited");
    EXPECT_EQ(after(e, "status"), "suspended");

    // Groups.
    auto const group_reply = admin("POST", "/groups", R"({"displayName":"Auditors"})");
    auto const group = std::string(ok(group_reply, 201).at("id").as_string());
    e = audited(group_reply, "group.create", "Group");
    EXPECT_EQ(after(e, "displayName"), "Auditors");
    e = audited(admin("PUT", "/groups/" + group + "/members/" + max), "group.member.add", "Group");
    EXPECT_EQ(e.at("accountId"), json::value(max));
    EXPECT_EQ(after(e, "member"), true);
    e = audited(admin("PUT", "/groups/" + group + "/sites/" + site + "/products/jira"), "group.product.grant", "Group");
    EXPECT_EQ(after(e, "productGrants"), json::value(json::array{json::value(site + "/jira")}));

    // Policies.
    auto const policy_reply = admin("POST", "/policies", R"({"name":"Audited","type":"billable"})");
    auto const policy = std::string(ok(policy_reply, 201).at("id").as_string());
    audited(policy_reply, "policy.create", "Policy");
    e = audited(admin("PATCH", "/policies/" + policy, R"({"twoStepRequired":true})"), "policy.edit", "Policy");
    EXPECT_EQ(before(e, "twoStepRequired"), false);
    EXPECT_EQ(after(e, "twoStepRequired"), true);
    EXPECT_EQ(e.at("diff").as_object().size(), 1u) << e;
    e = audited(admin("PUT", "/policies/" + policy + "/accounts/" + max), "policy.assign", "Account");
    EXPECT_EQ(after(e, "policy"), json::value(policy));

    // Directories: the token by its id, never its secret.
    auto const directory_reply = admin("POST", "/directories", R"({"name":"entra"})");
    auto const created = ok(directory_reply, 201);
    e = audited(directory_reply, "directory.create", "Directory");
    EXPECT_EQ(after(e, "name"), "entra");
    e = audited(admin("POST", "/directories/" + std::string(created.at("id").as_string()) + "/pause"),
                "directory.pause", "Directory");
    EXPECT_EQ(after(e, "paused"), true);

    // Admin tokens: the new one by its id and label, never its secret.
    auto const mint_reply = admin("POST", "/admin-tokens", R"({"label":"audited"})");
    auto const minted = ok(mint_reply, 201);
    e = audited(mint_reply, "admin-token.mint", "AdminToken");
    EXPECT_EQ(e.at("target").at("id"), minted.at("id"));
    EXPECT_EQ(after(e, "label"), "audited");
    e = audited(admin("DELETE", "/admin-tokens/" + std::string(minted.at("id").as_string())), "admin-token.revoke",
                "AdminToken");
    EXPECT_EQ(after(e, "revoked"), true);

    auto const everything = json::serialize(audit());
    // A token is `<prefix><16 hex id>_<secret>`, and the secret may hold '_' itself: it is all
    // that follows the id.
    for (auto const& [token, prefix] :
         {std::pair{std::string(created.at("token").as_string()), std::string("scimd_")},
          std::pair{std::string(minted.at("token").as_string()), std::string("scimdadmin_")}}) {
        auto const secret = token.substr(token.find('_', prefix.size()) + 1);
        ASSERT_GE(secret.size(), 20u) << "not a token: " << token;
        EXPECT_EQ(everything.find(secret), std::string::npos) << "a secret was audited";
    }
    // The provisioning journal holds the same entries, with their action.
    bool found = false;
    auto const journal = ok(admin("GET", "/journal?count=500&account=" + max));
    for (auto const& j : journal.at("entries").as_array()) found = found || j.at("action") == "account.reactivate";
    EXPECT_TRUE(found);
}

TEST_F(admin_audit, a_refused_write_is_audited_with_its_outcome_and_a_stranger_is_not) {
    auto const ann = unsynced_account("ann");
    ASSERT_EQ(admin("POST", "/accounts/" + ann + "/delete").status, 200);
    auto refused = admin("POST", "/accounts/" + ann + "/reactivate");
    expect_admin_error(refused, 409, "conflict");
    auto e = audited(refused, "account.reactivate", "Account");
    EXPECT_EQ(e.at("outcome").at("error"), "conflict");
    EXPECT_EQ(e.at("accountId"), json::value(ann));

    // A synced account's name is its identity provider's (the sync lock).
    auto const bob = provision("bob", "bob@acme.com");
    refused = admin("PATCH", "/accounts/" + bob, R"({"displayName":"Not Bob"})");
    EXPECT_EQ(refused.status, 403);
    e = audited(refused, "account.edit", "Account");
    EXPECT_EQ(e.at("outcome").at("error"), "forbidden");
    EXPECT_EQ(e.at("request"), json::parse(R"({"displayName":"Not Bob"})"));

    // Refused inside the use case: a name that is no domain, an account that does not exist.
    e = audited(admin("POST", "/domains", R"({"name":"not a domain"})"), "domain.add", "Domain");
    EXPECT_EQ(e.at("outcome").at("error"), "invalid_value");
    auto const nobody = std::string("8c6d3a3e-0a4f-4d55-9a54-3c1d1c5b2f10");
    e = audited(admin("POST", "/accounts/" + nobody + "/deactivate"), "account.deactivate", "Account");
    EXPECT_EQ(e.at("outcome").at("status"), 404);
    EXPECT_EQ(e.at("target").at("id"), json::value(nobody));

    // Nobody's requests are not audited: a wrong token, and a body never read (it is answered
    // before the token is checked).
    auto const stranger =
        admin("POST", "/domains", R"({"name":"stranger.example"})", "scimdadmin_0123456789abcdef_wrong");
    EXPECT_EQ(stranger.status, 401);
    auto const unreadable = admin("POST", "/domains", "{not json");
    EXPECT_EQ(unreadable.status, 400);
    for (auto const& listed : audit()) {
        EXPECT_NE(listed.at("requestId"), json::value(stranger.header("x-request-id")));
        EXPECT_NE(listed.at("requestId"), json::value(unreadable.header("x-request-id")));
    }
}

TEST_F(admin_audit, filtered_by_actor_action_and_time_and_paged) {
    auto const second =
        std::string(ok(admin("POST", "/admin-tokens", R"({"label":"second admin"})"), 201).at("token").as_string());
    auto const mine = audited(admin("POST", "/groups", R"({"displayName":"Filters one"})"), "group.create", "Group");
    auto const theirs =
        audited(admin("POST", "/groups", R"({"displayName":"Filters two"})", second), "group.create", "Group", second);
    EXPECT_EQ(theirs.at("actor").at("label"), "second admin");

    auto const by_second = audit("&actor=" + id_of(second));
    ASSERT_FALSE(by_second.empty());
    for (auto const& e : by_second) EXPECT_EQ(e.at("actor").at("tokenId"), json::value(id_of(second))) << e;
    EXPECT_EQ(by_second.front().at("id"), theirs.at("id"));
    EXPECT_TRUE(audit("&actor=0123456789abcdef").empty());

    auto const creations = audit("&action=group.create");
    std::set<std::int64_t> ids;
    for (auto const& e : creations) {
        EXPECT_EQ(e.at("action"), "group.create") << e;
        ids.insert(e.at("id").as_int64());
    }
    EXPECT_TRUE(ids.count(mine.at("id").as_int64()) && ids.count(theirs.at("id").as_int64()));
    EXPECT_TRUE(audit("&action=group.create&actor=" + id_of(second)).size() == 1u);

    // Time: since is inclusive, until exclusive.
    auto const at = std::string(theirs.at("time").as_string());
    auto const since = audit("&action=group.create&since=" + at);
    ASSERT_EQ(since.size(), 1u);
    EXPECT_EQ(since.front().at("id"), theirs.at("id"));
    for (auto const& e : audit("&action=group.create&until=" + at)) EXPECT_NE(e.at("id"), theirs.at("id"));
    EXPECT_TRUE(audit("&until=2000-01-01T00:00:00Z").empty());

    // Paged one entry at a time, newest first, each entry once.
    std::set<std::int64_t> paged;
    std::string cursor;
    std::int64_t previous = std::numeric_limits<std::int64_t>::max();
    for (int page = 0; page < 100; ++page) {
        auto const body =
            ok(admin("GET", "/audit?action=group.create&count=1" + (cursor.empty() ? "" : "&cursor=" + cursor)));
        for (auto const& e : body.at("entries").as_array()) {
            EXPECT_LT(e.at("id").as_int64(), previous);
            previous = e.at("id").as_int64();
            EXPECT_TRUE(paged.insert(previous).second);
        }
        if (!body.contains("nextCursor")) break;
        cursor = std::string(body.at("nextCursor").as_string());
    }
    EXPECT_EQ(paged, ids);

    for (auto const* query : {"count=0", "count=501", "since=yesterday", "until=2026-13-01T00:00:00Z", "cursor=nope"}) {
        expect_admin_error(admin("GET", std::string("/audit?") + query), 400, "invalid_value");
    }
    // Another organization sees none of these, and cannot read this one's.
    auto const other = server().bootstrap("Audit Elsewhere", "okta");
    auto const other_token = admin_token_for("Audit Elsewhere");
    auto const theirs_only = ok(admin_of(other.organization_id, other_token, "GET", "/audit"));
    EXPECT_TRUE(theirs_only.at("entries").as_array().empty()) << theirs_only;
    EXPECT_EQ(admin_of(directory().organization_id, other_token, "GET", "/audit").status, 401);
}

TEST_F(admin_audit, exported_as_csv_with_labels_defused) {
    auto const formula = std::string(
        ok(admin("POST", "/admin-tokens", R"j({"label":"=HYPERLINK(\"x\")"})j"), 201).at("token").as_string());
    auto const e = audited(admin("POST", "/groups", R"({"displayName":"Exported, with a comma"})", formula),
                           "group.create", "Group", formula);

    auto const reply = admin("GET", "/exports/audit?action=group.create&actor=" + id_of(formula));
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(reply.header("Content-Disposition"), "attachment; filename=\"audit.csv\"");
    EXPECT_EQ(reply.header("Cache-Control"), "no-store");
    auto const rows = parse_csv(reply.body);
    ASSERT_EQ(rows.size(), 2u) << reply.body;
    auto const records = by_column(rows, "Request id");
    auto const& row = records.at(std::string(e.at("requestId").as_string()));
    EXPECT_EQ(row.at("Time"), e.at("time").as_string());
    EXPECT_EQ(row.at("Actor token"), id_of(formula));
    EXPECT_EQ(row.at("Actor label"), "'=HYPERLINK(\"x\")");  // defused (docs/exports.md)
    EXPECT_EQ(row.at("Action"), "group.create");
    EXPECT_EQ(row.at("Target type"), "Group");
    EXPECT_EQ(row.at("Target"), e.at("target").at("id").as_string());
    EXPECT_EQ(row.at("Status"), "201");
    EXPECT_EQ(json::parse(row.at("Changes")), e.at("diff"));
    EXPECT_EQ(json::parse(row.at("Request")), e.at("request"));

    // Without filters, every admin write: the header and one record per entry.
    auto const all = admin("GET", "/exports/audit");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(parse_csv(all.body).size(), audit().size() + 1);
    expect_admin_error(admin("GET", "/exports/audit?since=never"), 400, "invalid_value");
}

}  // namespace
}  // namespace scim::testing
