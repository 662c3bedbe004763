// The organization's Users page (docs/admin-api.md "Sites and site users"): every account on
// its sites, once each, with status and site filters, counts per status, paging, each user's
// memberships, product access and groups; the site users export of several or all sites; and
// the product access on each row of the managed accounts list. Against the real binary, in an
// organization of the suite's own so that the counts are exact.

#include <sstream>

#include "admin_fixture.hpp"
#include "scim/core/crypto.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_users_page : public admin_e2e_test {
protected:
    static void SetUpTestSuite() {
        admin_e2e_test::SetUpTestSuite();
        org_ = server().bootstrap("users-page", "okta").organization_id;
        token_ = admin_token_for("users-page");
        seed_verified_domain(org_, "users-page.example");
    }

    http_reply as_org(std::string_view method, std::string const& path, std::string_view body = {}) {
        return admin_of(org_, token_, method, path, body);
    }

    std::string new_site(std::string const& name) {
        auto const site = ok(as_org("POST", "/sites",
                                    R"({"name":")" + name + R"(","url":")" + name +
                                        R"(.users-page.example","products":["jira","confluence"]})"),
                             201);
        return std::string(site.at("id").as_string());
    }

    std::string invite(std::string const& site, std::string const& email) {
        auto const user = ok(as_org("POST", "/sites/" + site + "/users", R"({"email":")" + email + R"("})"), 201);
        return std::string(user.at("accountId").as_string());
    }

    void invite_again(std::string const& site, std::string const& account) {
        ok(as_org("POST", "/sites/" + site + "/users", R"({"accountId":")" + account + R"("})"), 201);
    }

    void act(std::string const& site, std::string const& account, std::string const& action) {
        ok(as_org("POST", "/sites/" + site + "/users/" + account + "/" + action));
    }

    static std::vector<std::string> emails_of(json::object const& page) {
        std::vector<std::string> out;
        for (auto const& u : page.at("users").as_array()) out.emplace_back(u.at("email").as_string());
        return out;
    }

    static void expect_counts(json::object const& page, std::int64_t invited, std::int64_t active,
                              std::int64_t suspended) {
        auto const& counts = page.at("counts").as_object();
        EXPECT_EQ(counts.at("invited"), invited) << page;
        EXPECT_EQ(counts.at("active"), active) << page;
        EXPECT_EQ(counts.at("suspended"), suspended) << page;
    }

    static json::object user_with(json::object const& page, std::string const& email) {
        for (auto const& u : page.at("users").as_array()) {
            if (u.at("email").as_string() == email) return u.as_object();
        }
        ADD_FAILURE() << email << " is not on the page " << page;
        return {};
    }

    // Ann: active on alpha, invited to beta. Bob: invited to alpha. Cy: suspended on beta. Dee:
    // joined alpha, then suspended.
    void seed() {
        if (!alpha_.empty()) return;
        alpha_ = new_site("alpha");
        beta_ = new_site("beta");
        ann_ = invite(alpha_, "ann@users-page.example");
        invite_again(beta_, ann_);
        act(alpha_, ann_, "activity");
        bob_ = invite(alpha_, "bob@elsewhere.example");
        cy_ = invite(beta_, "cy@elsewhere.example");
        act(beta_, cy_, "suspend");
        dee_ = invite(alpha_, "dee@users-page.example");
        act(alpha_, dee_, "activity");
        act(alpha_, dee_, "suspend");
        // Ann's access: jira directly on alpha, confluence through an admin group on beta.
        ok(as_org("PUT", "/sites/" + alpha_ + "/users/" + ann_ + "/products/jira"));
        auto const team = ok(as_org("POST", "/groups", R"({"displayName":"Team"})"), 201);
        team_ = std::string(team.at("id").as_string());
        EXPECT_EQ(as_org("PUT", "/groups/" + team_ + "/sites/" + beta_ + "/products/confluence").status, 204);
        EXPECT_EQ(as_org("PUT", "/groups/" + team_ + "/members/" + ann_).status, 204);
    }

    static inline std::string org_;
    static inline std::string token_;
    static inline std::string alpha_, beta_, ann_, bob_, cy_, dee_, team_;
};

TEST_F(admin_users_page, every_user_of_every_site_once_with_counts_per_status) {
    seed();
    auto const all = ok(as_org("GET", "/users"));
    EXPECT_EQ(all.at("totalResults"), 4);
    EXPECT_EQ(all.at("startIndex"), 1);
    expect_counts(all, 1, 1, 2);
    EXPECT_EQ(emails_of(all), (std::vector<std::string>{"ann@users-page.example", "bob@elsewhere.example",
                                                        "cy@elsewhere.example", "dee@users-page.example"}));
    // Ann is active on one site of the two: active on the page.
    auto const ann = user_with(all, "ann@users-page.example");
    EXPECT_EQ(ann.at("accountId").as_string(), ann_);
    EXPECT_EQ(ann.at("status"), "active");
    EXPECT_EQ(ann.at("accountType"), "managed");
    EXPECT_EQ(user_with(all, "bob@elsewhere.example").at("accountType"), "external");
    EXPECT_EQ(user_with(all, "dee@users-page.example").at("status"), "suspended");

    // Each membership with its product access, by site name; the account's groups.
    auto const& sites = ann.at("sites").as_array();
    ASSERT_EQ(sites.size(), 2u) << ann;
    EXPECT_EQ(sites[0].at("siteName"), "alpha");
    EXPECT_EQ(sites[0].at("site").as_string(), alpha_);
    EXPECT_EQ(sites[0].at("status"), "active");
    EXPECT_TRUE(sites[0].at("joinedAt").is_string());
    EXPECT_TRUE(sites[0].at("lastActiveOnSite").is_string());
    EXPECT_EQ(sites[0].at("products"),
              (json::array{json::object{{"product", "jira"}, {"via", json::array{json::object{{"type", "direct"}}}}}}));
    EXPECT_EQ(sites[1].at("siteName"), "beta");
    EXPECT_EQ(sites[1].at("status"), "invited");
    EXPECT_TRUE(sites[1].at("joinedAt").is_null());
    EXPECT_EQ(sites[1].at("products"),
              (json::array{json::object{
                  {"product", "confluence"},
                  {"via", json::array{json::object{{"type", "group"}, {"id", team_}, {"displayName", "Team"}}}}}}));
    EXPECT_EQ(ann.at("groups"), (json::array{json::object{{"id", team_}, {"displayName", "Team"}, {"synced", false}}}));
    EXPECT_TRUE(user_with(all, "bob@elsewhere.example").at("groups").as_array().empty());
}

TEST_F(admin_users_page, filters_by_status_and_by_site) {
    seed();
    auto const suspended = ok(as_org("GET", "/users?status=suspended"));
    EXPECT_EQ(suspended.at("totalResults"), 2);
    expect_counts(suspended, 1, 1, 2);  // the counts are the whole page's, whatever the status asks
    EXPECT_EQ(emails_of(suspended), (std::vector<std::string>{"cy@elsewhere.example", "dee@users-page.example"}));
    EXPECT_EQ(ok(as_org("GET", "/users?status=invited")).at("totalResults"), 1);

    // On beta alone, Ann is invited: the page shows her status and memberships there only.
    auto const beta = ok(as_org("GET", "/users?site=" + beta_));
    EXPECT_EQ(beta.at("totalResults"), 2);
    expect_counts(beta, 1, 0, 1);
    auto const ann = user_with(beta, "ann@users-page.example");
    EXPECT_EQ(ann.at("status"), "invited");
    ASSERT_EQ(ann.at("sites").as_array().size(), 1u);
    EXPECT_EQ(ann.at("sites").as_array()[0].at("site").as_string(), beta_);
    EXPECT_EQ(ok(as_org("GET", "/users?site=" + beta_ + "&status=active")).at("totalResults"), 0);

    // Both sites named, repeated or comma-separated, are all of them.
    for (auto const& query : {"/users?site=" + alpha_ + "&site=" + beta_, "/users?site=" + alpha_ + "," + beta_,
                              "/users?SITE=" + beta_ + "&site=" + alpha_ + "&site=" + beta_}) {
        auto const both = ok(as_org("GET", query));
        EXPECT_EQ(both.at("totalResults"), 4) << query;
        expect_counts(both, 1, 1, 2);
    }

    // A site that is not the organization's, or no site at all, is not found; a status that is
    // none is refused.
    expect_admin_error(as_org("GET", "/users?site=" + core::random_uuid()), 404, "not_found");
    expect_admin_error(as_org("GET", "/users?site=not-a-site"), 404, "not_found");
    auto const theirs = ok(admin("POST", "/sites", R"({"name":"theirs","url":"theirs.users-page.example"})"), 201);
    expect_admin_error(as_org("GET", "/users?site=" + std::string(theirs.at("id").as_string())), 404, "not_found");
    expect_admin_error(as_org("GET", "/users?status=gone"), 400, "invalid_value");
    std::string many = "/users?site=" + alpha_;
    for (int i = 0; i < 100; ++i) many += "," + alpha_;
    expect_admin_error(as_org("GET", many), 400, "invalid_value");
    // Another organization's token does not open this organization's page.
    expect_admin_error(admin_of(org_, admin_token_for("acme"), "GET", "/users"), 401, "unauthorized");
}

TEST_F(admin_users_page, pages_like_the_other_admin_lists) {
    seed();
    auto const second = ok(as_org("GET", "/users?startIndex=2&count=2"));
    EXPECT_EQ(second.at("totalResults"), 4);
    EXPECT_EQ(second.at("startIndex"), 2);
    EXPECT_EQ(emails_of(second), (std::vector<std::string>{"bob@elsewhere.example", "cy@elsewhere.example"}));
    auto const past = ok(as_org("GET", "/users?startIndex=9"));
    EXPECT_EQ(past.at("totalResults"), 4);
    EXPECT_TRUE(past.at("users").as_array().empty());
    auto const none = ok(as_org("GET", "/users?count=0"));
    EXPECT_EQ(none.at("totalResults"), 4);
    expect_counts(none, 1, 1, 2);
    EXPECT_TRUE(none.at("users").as_array().empty());
    expect_admin_error(as_org("GET", "/users?count=many"), 400, "invalid_value");
}

// The seed's "Option to create export of users on site level … for the particular site(s)".
TEST_F(admin_users_page, the_site_users_export_of_several_or_all_sites) {
    seed();
    auto const all = as_org("GET", "/exports/site-users");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(all.header("content-disposition"), "attachment; filename=\"site-users.csv\"");
    std::vector<std::string> lines;
    std::istringstream in(all.body);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 6u) << all.body;  // the header, Ann twice, Bob, Cy, Dee
    EXPECT_EQ(lines[0], "Site,Name,Email,Account type,Status on site,Last active on site,confluence,jira,Groups");
    EXPECT_EQ(lines[1].rfind("alpha,,ann@users-page.example,managed,active,", 0), 0u) << lines[1];
    EXPECT_NE(lines[1].find(",No,Yes,Team"), std::string::npos) << lines[1];
    EXPECT_EQ(lines[2], "beta,,ann@users-page.example,managed,invited,,Yes (via Team),No,Team");
    EXPECT_EQ(lines[3], "alpha,,bob@elsewhere.example,external,invited,,No,No,");

    auto const beta = as_org("GET", "/exports/site-users?site=" + beta_);
    ASSERT_EQ(beta.status, 200) << beta.body;
    EXPECT_EQ(std::count(beta.body.begin(), beta.body.end(), '\n'), 3) << beta.body;
    auto const both = as_org("GET", "/exports/site-users?site=" + alpha_ + "&site=" + beta_);
    EXPECT_EQ(both.body, all.body);

    expect_admin_error(as_org("GET", "/exports/site-users?site=" + core::random_uuid()), 404, "not_found");
    expect_admin_error(as_org("GET", "/exports/site-users?site=" + alpha_ + "&site=nope"), 404, "not_found");
    // The one-site file keeps its columns.
    auto const one = as_org("GET", "/exports/sites/" + alpha_ + "/users");
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(
        one.body.rfind("Name,Email,Account type,Status on site,Last active on site,confluence,jira,Groups\r\n", 0), 0u)
        << one.body;
}

// The seed's "Product Access of your managed accounts" on each row of the managed accounts
// list: the products and the sites where an active or invited membership reaches them.
TEST_F(admin_users_page, product_access_on_the_managed_accounts_list) {
    seed();
    auto const list = ok(as_org("GET", "/managed-accounts"));
    std::map<std::string, json::value> access;
    for (auto const& a : list.at("accounts").as_array())
        access[std::string(a.at("email").as_string())] = a.at("productAccess");
    EXPECT_EQ(access.size(), 2u) << list;  // Ann and Dee; Bob and Cy are external
    EXPECT_EQ(access.at("ann@users-page.example"),
              (json::array{json::object{{"product", "confluence"},
                                        {"sites", json::array{json::object{{"id", beta_}, {"name", "beta"}}}}},
                           json::object{{"product", "jira"},
                                        {"sites", json::array{json::object{{"id", alpha_}, {"name", "alpha"}}}}}}));
    // Dee's membership is suspended: it reaches nothing.
    EXPECT_EQ(access.at("dee@users-page.example"), json::array{});

    // Suspended on beta, Ann reaches confluence nowhere; restored, she does again.
    act(beta_, ann_, "suspend");
    auto const filtered =
        ok(as_org("GET", "/managed-accounts?filter=" + url_encode(R"(email eq "ann@users-page.example")")));
    ASSERT_EQ(filtered.at("accounts").as_array().size(), 1u);
    auto const& reached = filtered.at("accounts").as_array()[0].at("productAccess").as_array();
    ASSERT_EQ(reached.size(), 1u);
    EXPECT_EQ(reached[0].at("product"), "jira");
    act(beta_, ann_, "restore");
}

}  // namespace
}  // namespace scim::testing
