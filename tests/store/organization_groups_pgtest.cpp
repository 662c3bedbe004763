// An organization's groups as its admins see them (store/organization_groups.hpp,
// store/organization_group_members.hpp): a new admin-kept group as its INSERT returned it, nothing for a
// displayName taken in any case, a rename onto a taken name refused, and the head that changes
// lock.

#include <string>

#include "scim/store/organization_group_members.hpp"
#include "scim/store/organization_groups.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class organization_groups : public store_test {};

TEST_F(organization_groups, names_are_unique_ignoring_case_and_the_head_is_what_changes_need) {
    std::string org;
    std::optional<store::organization_group> created;
    db().transact([&](store::session& s) {
        org = store::find_or_create_organization(s, "groups-" + core::random_uuid()).id;
        created = store::create_admin_group(s, org, "Designers", std::string("UI"));
        ASSERT_TRUE(created);
        EXPECT_FALSE(store::create_admin_group(s, org, "DESIGNERS", std::nullopt));
        ASSERT_TRUE(store::create_admin_group(s, org, "Writers", std::nullopt));
    });
    ASSERT_TRUE(created);
    EXPECT_FALSE(created->synced_by);
    EXPECT_EQ(created->member_count, 0);
    EXPECT_EQ(created->description, std::optional<std::string>("UI"));

    db().transact([&](store::session& s) {
        auto const found = store::find_organization_group(s, org, created->id);
        ASSERT_TRUE(found);
        EXPECT_EQ(found->created, created->created);
        EXPECT_EQ(found->last_modified, created->last_modified);
        auto const head = store::find_organization_group_head(s, org, created->id, true);
        ASSERT_TRUE(head);
        EXPECT_EQ(head->id, created->id);
        EXPECT_FALSE(head->synced_by);
        EXPECT_FALSE(store::find_organization_group_head(s, org, "not-an-id", false));
        EXPECT_FALSE(store::find_organization_group_head(s, core::random_uuid(), created->id, false));
        store::group_details_change own_name;
        own_name.display_name = "DESIGNERS";
        EXPECT_TRUE(store::change_group_details(s, created->id, own_name));
        EXPECT_TRUE(store::change_group_details(s, created->id, {}));
    });
    db().read([&](store::session& s) {
        store::group_details_change taken;
        taken.display_name = "writers";
        EXPECT_FALSE(store::change_group_details(s, created->id, taken));
    });

    // Members: an account the organization does not see cannot join.
    auto const stranger = core::random_uuid();
    db().transact([&](store::session& s) {
        store::sql_text account("INSERT INTO accounts (id, email, claimed_by) VALUES (CAST(");
        account.bind(stranger) << " AS uuid), ";
        account.bind(stranger + "@example.org") << ", NULL)";
        s.run(account);
        EXPECT_FALSE(store::lock_group_candidate(s, org, stranger));
        EXPECT_FALSE(store::lock_group_candidate(s, org, "not-an-id"));
        store::sql_text claim("UPDATE accounts SET claimed_by = CAST(");
        claim.bind(org) << " AS uuid) WHERE id = CAST(";
        claim.bind(stranger) << " AS uuid)";
        s.run(claim);
        EXPECT_TRUE(store::lock_group_candidate(s, org, stranger));
        EXPECT_TRUE(store::add_group_account(s, created->id, stranger));
        EXPECT_FALSE(store::add_group_account(s, created->id, stranger));
        EXPECT_EQ(store::find_organization_group_head(s, org, created->id, false)->member_count, 1);
    });
}

}  // namespace
}  // namespace scim::testing
