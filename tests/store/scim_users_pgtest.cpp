#include <algorithm>
#include <stdexcept>

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/store/scim_users.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

using testing::store_test;

user_fields user(std::string name, std::optional<std::string> external_id = std::nullopt) {
    return {name, std::move(external_id), true, R"({"userName":")" + name + R"("})"};
}

listing<user_row> list(session& s, std::string const& directory_id, std::int64_t offset, std::int64_t limit) {
    listing_request request;
    request.owner_id = directory_id;
    request.offset = offset;
    request.limit = limit;
    return list_users(s, request);
}

// A new user's row; the test fails when the userName was taken.
user_row inserted(session& s, std::string const& directory_id, user_fields const& fields) {
    auto written = insert_user(s, directory_id, fields);
    EXPECT_TRUE(written.row) << fields.user_name;
    return written.row.value();
}

class users : public store_test {};

TEST_F(users, insert_then_find) {
    user_row created;
    db().transact([&](session& s) { created = inserted(s, directory_id_, user("alice", "ext-1")); });
    EXPECT_EQ(created.version, 1);
    EXPECT_EQ(created.user_name, "alice");
    EXPECT_EQ(created.external_id, "ext-1");
    EXPECT_EQ(created.created.size(), std::string("2026-01-01T00:00:00.000Z").size());
    std::optional<user_row> found;
    db().read([&](session& s) { found = find_user(s, directory_id_, created.id); });
    ASSERT_TRUE(found);
    EXPECT_EQ(found->attributes_json, R"({"userName": "alice"})");
    EXPECT_TRUE(found->active);
}

TEST_F(users, user_name_is_unique_per_directory_ignoring_case) {
    db().transact([&](session& s) { inserted(s, directory_id_, user("Bob@Example.com")); });
    // The clash ends the transaction: the use case refuses the request, nothing commits.
    EXPECT_THROW(db().transact([&](session& s) {
        auto const clash = insert_user(s, directory_id_, user("bob@example.COM"));
        EXPECT_TRUE(clash.user_name_taken);
        EXPECT_FALSE(clash.row);
    }),
                 std::logic_error);
    // Another directory is another namespace.
    db().transact([&](session& s) { EXPECT_TRUE(insert_user(s, other_directory_id_, user("bob@example.com")).row); });
}

TEST_F(users, another_directory_cannot_see_or_change_a_user) {
    user_row created;
    db().transact([&](session& s) { created = inserted(s, directory_id_, user("carol")); });
    db().transact([&](session& s) {
        EXPECT_FALSE(find_user(s, other_directory_id_, created.id));
        EXPECT_FALSE(update_user(s, other_directory_id_, created.id, user("mallory"), 1).row);
        EXPECT_FALSE(delete_user(s, other_directory_id_, created.id));
        EXPECT_EQ(list(s, other_directory_id_, 0, 100).total, 0);
    });
    std::optional<user_row> still;
    db().read([&](session& s) { still = find_user(s, directory_id_, created.id); });
    ASSERT_TRUE(still);
    EXPECT_EQ(still->user_name, "carol");
}

TEST_F(users, ids_that_are_not_uuids_find_nothing) {
    db().read([&](session& s) {
        for (std::string id : {"", "abc", "'; DROP TABLE scim_users; --", "00000000-0000-0000-0000-00000000000g"}) {
            EXPECT_FALSE(find_user(s, directory_id_, id)) << id;
        }
    });
}

TEST_F(users, update_bumps_version_and_clears_external_id) {
    user_row created;
    db().transact([&](session& s) { created = inserted(s, directory_id_, user("dave", "x")); });
    std::optional<user_row> updated;
    db().transact([&](session& s) { updated = update_user(s, directory_id_, created.id, user("dave2"), 1).row; });
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(updated->user_name, "dave2");
    EXPECT_FALSE(updated->external_id);
    EXPECT_EQ(updated->created, created.created);
    EXPECT_GE(updated->last_modified, created.last_modified);
}

TEST_F(users, rename_onto_a_taken_user_name_is_refused) {
    user_row erin;
    db().transact([&](session& s) {
        inserted(s, directory_id_, user("frank"));
        erin = inserted(s, directory_id_, user("erin"));
    });
    EXPECT_THROW(db().transact([&](session& s) {
        auto const clash = update_user(s, directory_id_, erin.id, user("FRANK"), 1);
        EXPECT_TRUE(clash.user_name_taken);
        EXPECT_FALSE(clash.row);
    }),
                 std::logic_error);
}

TEST_F(users, a_failed_transaction_writes_nothing) {
    EXPECT_THROW(db().transact([&](session& s) {
        inserted(s, directory_id_, user("gina"));
        throw core::error(core::error_type::invalid_value, "later step failed");
    }),
                 core::error);
    db().read([&](session& s) { EXPECT_EQ(list(s, directory_id_, 0, 10).total, 0); });
}

TEST_F(users, delete_then_gone) {
    user_row created;
    db().transact([&](session& s) { created = inserted(s, directory_id_, user("hank")); });
    bool deleted = false;
    db().transact([&](session& s) { deleted = delete_user(s, directory_id_, created.id); });
    EXPECT_TRUE(deleted);
    db().transact([&](session& s) {
        EXPECT_FALSE(find_user(s, directory_id_, created.id));
        EXPECT_FALSE(delete_user(s, directory_id_, created.id));
    });
}

TEST_F(users, writes_happen_only_on_the_expected_version) {
    user_row created;
    db().transact([&](session& s) { created = inserted(s, directory_id_, user("ivy")); });
    db().transact([&](session& s) {
        EXPECT_FALSE(update_user(s, directory_id_, created.id, user("ivy2"), 2).row);
        EXPECT_FALSE(delete_user(s, directory_id_, created.id, 2));
        auto updated = update_user(s, directory_id_, created.id, user("ivy2"), 1).row;
        ASSERT_TRUE(updated);
        EXPECT_EQ(updated->version, 2);
        EXPECT_FALSE(delete_user(s, directory_id_, created.id, 1));
        EXPECT_TRUE(delete_user(s, directory_id_, created.id, 2));
    });
}

TEST_F(users, pages_neither_overlap_nor_skip) {
    std::vector<std::string> ids;
    db().transact([&](session& s) {
        for (int i = 0; i < 25; ++i) ids.push_back(inserted(s, directory_id_, user("u" + std::to_string(i))).id);
    });
    std::vector<std::string> seen;
    for (std::int64_t offset = 0; offset < 30; offset += 7) {
        listing<user_row> page;
        db().read([&](session& s) { page = list(s, directory_id_, offset, 7); });
        EXPECT_EQ(page.total, 25);
        for (auto const& row : page.rows) seen.push_back(row.row.id);
    }
    // Creation order at the millisecond SCIM shows, ties broken by id: every row exactly once.
    std::sort(seen.begin(), seen.end());
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(seen, ids);
    listing<user_row> empty;
    db().read([&](session& s) { empty = list(s, directory_id_, 0, 0); });
    EXPECT_EQ(empty.total, 25);
    EXPECT_TRUE(empty.rows.empty());
}

}  // namespace
}  // namespace scim::store
