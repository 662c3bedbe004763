// Erasing an account whose deletion is due (store/managed_accounts.hpp) takes its memberships
// with it (DOMAIN.md "memberships gone"): site memberships with their product access, and
// admin group memberships. Rows are seeded in SQL; the sites and groups stay.

#include <soci/soci.h>

#include "scim/store/managed_accounts.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/sites.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class site_memberships : public store_test {};

long long rows(soci::session& s, std::string const& sql, std::string const& account_id) {
    long long n = 0;
    s << sql, soci::use(account_id, "a"), soci::into(n);
    return n;
}

TEST_F(site_memberships, an_erased_account_leaves_its_sites_and_groups) {
    std::string const due = core::random_uuid();
    std::string const kept = core::random_uuid();
    std::string const group = core::random_uuid();
    db().transact([&](soci::session& s) {
        std::string organization;
        s << "SELECT organization_id::text FROM directories WHERE id = CAST(:d AS uuid)", soci::use(directory_id_, "d"),
            soci::into(organization);
        auto const site = store::create_site(s, organization, "erasure", "erasure-" + due + ".example.net", {"jira"});
        for (auto const& [id, state] : {std::pair{due, "pending_deletion"}, std::pair{kept, "active"}}) {
            std::string const lifecycle = state;
            std::string const email = id + "@example.org";
            s << "INSERT INTO accounts (id, email, lifecycle, deletion_due_at) VALUES (CAST(:a AS uuid), :e, :l, "
                 "CASE WHEN :l = 'pending_deletion' THEN now() - interval '1 day' END)",
                soci::use(id, "a"), soci::use(email, "e"), soci::use(lifecycle, "l");
            store::insert_membership(s, site.id, id);
            store::grant_product(s, site.id, id, "jira");
        }
        std::string const group_name = "erasure " + group;
        s << "INSERT INTO scim_groups (id, organization_id, directory_id, display_name, attributes) "
             "VALUES (CAST(:g AS uuid), CAST(:o AS uuid), NULL, :n, '{}')",
            soci::use(group, "g"), soci::use(organization, "o"), soci::use(group_name, "n");
        s << "INSERT INTO group_account_members (group_id, account_id) VALUES (CAST(:g AS uuid), CAST(:a AS uuid)), "
             "(CAST(:g AS uuid), CAST(:k AS uuid))",
            soci::use(group, "g"), soci::use(due, "a"), soci::use(kept, "k");
    });

    db().transact([&](soci::session& s) { EXPECT_GE(store::erase_due_accounts(s), 1); });

    db().read([&](soci::session& s) {
        for (auto const& [account, expected] : {std::pair{due, 0LL}, std::pair{kept, 1LL}}) {
            EXPECT_EQ(rows(s, "SELECT count(*) FROM site_memberships WHERE account_id = CAST(:a AS uuid)", account), expected);
            EXPECT_EQ(rows(s, "SELECT count(*) FROM site_product_access WHERE account_id = CAST(:a AS uuid)", account), expected);
            EXPECT_EQ(rows(s, "SELECT count(*) FROM group_account_members WHERE account_id = CAST(:a AS uuid)", account),
                      expected);
        }
        EXPECT_EQ(rows(s, "SELECT count(*) FROM accounts WHERE id = CAST(:a AS uuid) AND lifecycle = 'deleted'", due), 1);
    });
}

}  // namespace
}  // namespace scim::testing
