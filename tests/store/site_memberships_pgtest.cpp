// Erasing an account whose deletion is due (store/managed_accounts.hpp) takes its memberships
// with it (DOMAIN.md "memberships gone"): site memberships with their product access, and
// admin group memberships. Rows are seeded in SQL; the sites and groups stay.

#include <string>
#include <string_view>

#include "scim/store/managed_accounts.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/sites.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class site_memberships : public store_test {};

// The count(*) AS n of the statement `before` <account_id> `after`.
long long rows(store::session& s, std::string_view before, std::string const& account_id, std::string_view after) {
    store::sql_text sql(before);
    sql.bind(account_id) << after;
    return s.run(sql).front().number("n");
}

TEST_F(site_memberships, an_erased_account_leaves_its_sites_and_groups) {
    std::string const due = core::random_uuid();
    std::string const kept = core::random_uuid();
    std::string const group = core::random_uuid();
    db().transact([&](store::session& s) {
        store::sql_text directory("SELECT organization_id::text AS organization_id FROM directories WHERE id = CAST(");
        directory.bind(directory_id_) << " AS uuid)";
        auto const found = s.run(directory);
        ASSERT_EQ(found.size(), 1u);
        std::string const organization = found.front().text("organization_id");
        auto const site = store::create_site(s, organization, "erasure", "erasure-" + due + ".example.net", {"jira"});
        ASSERT_TRUE(site);
        for (auto const& [id, state] : {std::pair{due, "pending_deletion"}, std::pair{kept, "active"}}) {
            std::string const lifecycle = state;
            std::string const email = id + "@example.org";
            store::sql_text account("INSERT INTO accounts (id, email, lifecycle, deletion_due_at) VALUES (CAST(");
            account.bind(id) << " AS uuid), ";
            account.bind(email) << ", ";
            account.bind(lifecycle) << ", CASE WHEN CAST(";
            account.bind(lifecycle) << " AS text) = 'pending_deletion' THEN now() - interval '1 day' END)";
            s.run(account);
            store::insert_membership(s, site->id, id);
            store::grant_product(s, site->id, id, "jira");
        }
        std::string const group_name = "erasure " + group;
        store::sql_text group_row(
            "INSERT INTO scim_groups (id, organization_id, directory_id, display_name, attributes) "
            "VALUES (CAST(");
        group_row.bind(group) << " AS uuid), CAST(";
        group_row.bind(organization) << " AS uuid), NULL, ";
        group_row.bind(group_name) << ", '{}')";
        s.run(group_row);
        store::sql_text members("INSERT INTO group_account_members (group_id, account_id) VALUES (CAST(");
        members.bind(group) << " AS uuid), CAST(";
        members.bind(due) << " AS uuid)), (CAST(";
        members.bind(group) << " AS uuid), CAST(";
        members.bind(kept) << " AS uuid))";
        s.run(members);
    });

    db().transact([&](store::session& s) { EXPECT_GE(store::erase_due_accounts(s), 1); });

    db().read([&](store::session& s) {
        for (auto const& [account, expected] : {std::pair{due, 0LL}, std::pair{kept, 1LL}}) {
            EXPECT_EQ(
                rows(s, "SELECT count(*) AS n FROM site_memberships WHERE account_id = CAST(", account, " AS uuid)"),
                expected);
            EXPECT_EQ(
                rows(s, "SELECT count(*) AS n FROM site_product_access WHERE account_id = CAST(", account, " AS uuid)"),
                expected);
            EXPECT_EQ(rows(s, "SELECT count(*) AS n FROM group_account_members WHERE account_id = CAST(", account,
                           " AS uuid)"),
                      expected);
        }
        EXPECT_EQ(
            rows(s, "SELECT count(*) AS n FROM accounts WHERE id = CAST(", due, " AS uuid) AND lifecycle = 'deleted'"),
            1);
    });
}

}  // namespace
}  // namespace scim::testing
