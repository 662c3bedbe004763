// Group membership as set operations at 100,000 members: each operation's result, the member
// count kept by trigger, concurrent writers that interleave adds and removes without losing
// one, users' deletion, displayName uniqueness per organization, and the index plans of the
// filters identity providers send for groups.

#include <iostream>
#include <set>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/store/scim_group_members.hpp"
#include "scim/store/scim_groups.hpp"
#include "scim/store/scim_users.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

using testing::store_test;

constexpr int member_count_seeded = 100000;
constexpr int pool_size = 8 * 60;  // users of the directory that start outside the group

protocol::schema_registry const& registry() {
    static auto const r = protocol::schema_registry::builtin();
    return r;
}

group_fields group(std::string const& name) { return {name, std::nullopt, R"({"displayName":")" + name + R"("})"}; }

class group_members : public store_test {
protected:
    // One directory with a group of 100,000 members and a pool of non-members, seeded once
    // for the suite (seeding takes seconds); each test states what it changes.
    static void SetUpTestSuite() {
        store_test::SetUpTestSuite();
        db().transact([&](session& s) {
            s.run_script("SET LOCAL statement_timeout = 0");
            auto org = find_or_create_organization(s, "groups-" + core::random_uuid());
            big_directory_ = find_or_create_directory(s, org.id, "big").id;
            sql_text users(
                "INSERT INTO scim_users (id, directory_id, user_name, attributes) SELECT gen_random_uuid(), CAST(");
            users.bind(big_directory_) << " AS uuid), 'member' || i, jsonb_build_object('userName', 'member' || i) "
                                          "FROM generate_series(1, CAST(";
            users.bind_number(member_count_seeded + pool_size) << " AS integer)) AS i";
            s.run_once(users);
            big_group_ = insert_group(s, big_directory_, group("Everyone")).row.value().id;
            // member1 … member100000 join; the rest are the pool.
            sql_text members("INSERT INTO scim_group_members (group_id, user_id) SELECT CAST(");
            members.bind(big_group_) << " AS uuid), id FROM scim_users WHERE directory_id = CAST(";
            members.bind(big_directory_) << " AS uuid) AND substr(user_name, 7)::int <= CAST(";
            members.bind_number(member_count_seeded) << " AS integer)";
            s.run_once(members);
            s.run_script("ANALYZE scim_users; ANALYZE scim_groups; ANALYZE scim_group_members");
        });
    }

    // Users member<from>..member<to> of the big directory.
    static std::vector<std::string> users(int from, int to) {
        std::vector<std::string> ids;
        db().read([&](session& s) {
            sql_text sql("SELECT id::text AS id FROM scim_users WHERE directory_id = CAST(");
            sql.bind(big_directory_) << " AS uuid) AND substr(user_name, 7)::int BETWEEN CAST(";
            sql.bind_number(from) << " AS integer) AND CAST(";
            sql.bind_number(to) << " AS integer) ORDER BY user_name";
            for (auto const& r : s.run(sql)) ids.push_back(r.text("id"));
        });
        return ids;
    }

    static std::int64_t rows_in(std::string const& group_id) {
        std::int64_t n = 0;
        db().read([&](session& s) {
            sql_text sql("SELECT count(*) AS n FROM scim_group_members WHERE group_id = CAST(");
            sql.bind(group_id) << " AS uuid)";
            n = s.run(sql).front().number("n");
        });
        return n;
    }

    static std::int64_t counted(std::string const& group_id) {
        std::int64_t n = 0;
        db().read([&](session& s) { n = member_count(s, group_id); });
        return n;
    }

    static bool is_member(std::string const& group_id, std::string const& user_id) {
        std::int64_t n = 0;
        db().read([&](session& s) {
            sql_text sql("SELECT count(*) AS n FROM scim_group_members WHERE group_id = CAST(");
            sql.bind(group_id) << " AS uuid) AND user_id = CAST(";
            sql.bind(user_id) << " AS uuid)";
            n = s.run(sql).front().number("n");
        });
        return n == 1;
    }

    // One change, as a request makes it: the group locked, then the change, in one transaction.
    template <typename Change>
    static std::int64_t change(Change const& c) {
        std::int64_t n = 0;
        db().transact([&](session& s) {
            ASSERT_TRUE(find_group_for_update(s, big_directory_, big_group_));
            n = c(s);
        });
        return n;
    }

    static std::string plan_of(std::string const& directory, std::string const& filter) {
        auto const bound =
            protocol::bind_filter(protocol::parse_filter(filter, {}), registry(), registry().group_type());
        listing_request request;
        request.owner_id = directory;
        request.filter = &bound;
        request.limit = 100;
        std::string plan;
        db().read([&](session& s) { plan = explain_list_groups(s, request); });
        std::cout << filter << "\n" << plan << "\n";
        return plan;
    }

    static inline std::string big_directory_;
    static inline std::string big_group_;
};

TEST_F(group_members, set_operations_at_100000_members) {
    ASSERT_EQ(counted(big_group_), member_count_seeded);
    auto const pool = users(member_count_seeded + 1, member_count_seeded + 3);
    auto const members = users(1, 3);

    // Adding two new members and one existing one adds two; again, none.
    std::vector<std::string> const add{pool[0], pool[1], members[0]};
    EXPECT_EQ(change([&](session& s) { return add_members(s, big_directory_, big_group_, add).added; }), 2);
    EXPECT_EQ(change([&](session& s) { return add_members(s, big_directory_, big_group_, add).added; }), 0);
    EXPECT_EQ(counted(big_group_), member_count_seeded + 2);

    // Removing one member and one non-member removes one.
    EXPECT_EQ(change([&](session& s) { return remove_members(s, big_group_, {pool[0], pool[2], "not-an-id"}); }), 1);
    EXPECT_FALSE(is_member(big_group_, pool[0]));

    // A compound filter removes exactly the members it names.
    auto const filter = protocol::bind_filter(
        protocol::parse_filter("members[value eq \"" + pool[1] + "\" or value eq \"" + members[1] + "\"]", {}),
        registry(), registry().group_type());
    auto const& value_path = std::get<protocol::bound_value_path>(filter.node);
    EXPECT_EQ(change([&](session& s) { return remove_matching_members(s, big_group_, *value_path.condition); }), 2);
    EXPECT_FALSE(is_member(big_group_, pool[1]));
    EXPECT_FALSE(is_member(big_group_, members[1]));
    EXPECT_TRUE(is_member(big_group_, members[0]));
    EXPECT_EQ(counted(big_group_), member_count_seeded - 1);
    EXPECT_EQ(rows_in(big_group_), counted(big_group_));

    // Put the two members back for the next tests.
    EXPECT_EQ(change([&](session& s) { return add_members(s, big_directory_, big_group_, {members[1]}).added; }), 1);
    EXPECT_EQ(counted(big_group_), member_count_seeded);
}

TEST_F(group_members, unknown_members_are_refused_and_nothing_is_added) {
    auto const pool = users(member_count_seeded + 4, member_count_seeded + 4);
    std::string other_user;
    db().transact([&](session& s) {
        other_user = insert_user(s, directory_id_, {"elsewhere", std::nullopt, true, R"({"userName":"elsewhere"})"})
                         .row.value()
                         .id;
    });
    auto const version_before = [&] {
        std::int64_t v = 0;
        db().read([&](session& s) { v = find_group(s, big_directory_, big_group_)->version; });
        return v;
    }();
    // A User of another directory is no member candidate, nor is a made-up id.
    for (auto const& wrong : {other_user, std::string("nope"), core::random_uuid()}) {
        member_additions refused;
        change([&](session& s) {
            refused = add_members(s, big_directory_, big_group_, {pool[0], wrong});
            return refused.added;
        });
        EXPECT_EQ(refused.unknown_total, 1u) << wrong;
        EXPECT_EQ(refused.unknown, std::vector<std::string>{wrong});
        EXPECT_EQ(refused.added, 0);
    }
    EXPECT_FALSE(is_member(big_group_, pool[0]));
    EXPECT_EQ(counted(big_group_), member_count_seeded);
    db().read([&](session& s) { EXPECT_EQ(find_group(s, big_directory_, big_group_)->version, version_before); });
}

// Eight writers, each adding 60 users of its own and removing 60 members of its own, one
// member per transaction, interleaved: every change lands and the count stays exact.
TEST_F(group_members, concurrent_writers_lose_no_member) {
    constexpr int writers = 8;
    constexpr int each = pool_size / writers;
    auto const pool = users(member_count_seeded + 1, member_count_seeded + pool_size);
    auto const leaving = users(member_count_seeded - writers * each + 1, member_count_seeded);
    ASSERT_EQ(static_cast<int>(pool.size()), pool_size);
    ASSERT_EQ(static_cast<int>(leaving.size()), writers * each);
    auto const before = counted(big_group_);

    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            try {
                for (int i = 0; i < each; ++i) {
                    auto const& joining = pool[static_cast<std::size_t>(w * each + i)];
                    auto const& going = leaving[static_cast<std::size_t>(w * each + i)];
                    change([&](session& s) { return add_members(s, big_directory_, big_group_, {joining}).added; });
                    change([&](session& s) { return remove_members(s, big_group_, {going}); });
                }
            } catch (std::exception const& e) {
                ++failures;
                std::cerr << "writer " << w << ": " << e.what() << "\n";
            }
        });
    }
    for (auto& t : threads) t.join();
    ASSERT_EQ(failures.load(), 0);

    EXPECT_EQ(counted(big_group_), before);
    EXPECT_EQ(rows_in(big_group_), before);
    std::size_t missing = 0;
    std::size_t lingering = 0;
    for (auto const& id : pool) missing += is_member(big_group_, id) ? 0 : 1;
    for (auto const& id : leaving) lingering += is_member(big_group_, id) ? 1 : 0;
    EXPECT_EQ(missing, 0u);
    EXPECT_EQ(lingering, 0u);

    // Back to the seeded membership: replace writes only the difference.
    auto const everyone = users(1, member_count_seeded);
    EXPECT_EQ(change([&](session& s) { return replace_members(s, big_directory_, big_group_, everyone).added; }),
              writers * each);
    EXPECT_EQ(counted(big_group_), member_count_seeded);
    EXPECT_EQ(rows_in(big_group_), member_count_seeded);
}

// For the journal: a change tells which members it added and removed, counting them all and
// listing no more than protocol::journal_listed_ids, whatever the group's size.
TEST_F(group_members, changes_record_a_bounded_delta) {
    auto const pool = users(member_count_seeded + 1, member_count_seeded + 2);
    auto keep = users(1, 10);
    keep.insert(keep.end(), pool.begin(), pool.end());
    protocol::member_delta delta;
    protocol::member_delta removal;
    auto lease = db().acquire();
    auto& s = lease.connection();
    // Rolled back however the test ends: the suite's group stays as seeded.
    struct rolled_back {
        session& s;
        explicit rolled_back(session& to) : s(to) { s.run_script("BEGIN"); }
        ~rolled_back() {
            try {
                s.run_script("ROLLBACK");
            } catch (...) {}
        }
    } undone(s);
    ASSERT_TRUE(find_group_for_update(s, big_directory_, big_group_));
    EXPECT_EQ(replace_members(s, big_directory_, big_group_, keep, &delta).added, 2);
    EXPECT_EQ(delta.removed.count, member_count_seeded - 10);
    EXPECT_EQ(delta.removed.ids.size(), protocol::journal_listed_ids);
    EXPECT_EQ(delta.added.count, 2);
    EXPECT_EQ(std::set<std::string>(delta.added.ids.begin(), delta.added.ids.end()),
              std::set<std::string>(pool.begin(), pool.end()));
    EXPECT_EQ(remove_members(s, big_group_, {pool[0], "not-an-id"}, &removal), 1);
    EXPECT_EQ(removal.removed.ids, std::vector<std::string>{pool[0]});
    EXPECT_EQ(remove_all_members(s, big_group_, &removal), 11);
    EXPECT_EQ(removal.removed.count, 12);
    EXPECT_EQ(removal.added.count, 0);
}

TEST_F(group_members, deleting_a_user_removes_it_from_its_groups) {
    std::string alice;
    std::string first;
    std::string second;
    db().transact([&](session& s) {
        alice = insert_user(s, directory_id_, {"alice", std::nullopt, true, R"({"userName":"alice"})"}).row.value().id;
        auto const bob =
            insert_user(s, directory_id_, {"bob", std::nullopt, true, R"({"userName":"bob"})"}).row.value().id;
        first = insert_group(s, directory_id_, group("first-" + directory_id_)).row.value().id;
        second = insert_group(s, directory_id_, group("second-" + directory_id_)).row.value().id;
        add_members(s, directory_id_, first, {alice, bob});
        add_members(s, directory_id_, second, {alice});
    });
    std::int64_t version_before = 0;
    db().read([&](session& s) {
        version_before = find_group(s, directory_id_, first)->version;
        ASSERT_EQ(find_user(s, directory_id_, alice, {.groups = true})->groups.size(), 2u);
    });
    db().transact([&](session& s) { ASSERT_TRUE(delete_user(s, directory_id_, alice)); });
    db().read([&](session& s) {
        auto const g1 = find_group(s, directory_id_, first);
        EXPECT_EQ(g1->member_count, 1);
        EXPECT_GT(g1->version, version_before);
        EXPECT_EQ(find_group(s, directory_id_, second)->member_count, 0);
        EXPECT_FALSE(find_user(s, directory_id_, alice));
    });
    EXPECT_EQ(rows_in(first), 1);
}

TEST_F(group_members, display_name_is_unique_in_the_organization_ignoring_case) {
    db().transact([&](session& s) { EXPECT_TRUE(insert_group(s, directory_id_, group("Straße Team")).row); });
    // Another directory of the same organization: ß folds to itself, not to "ss", so
    // "STRASSE TEAM" is another name; a case variant clashes (and ends the transaction).
    db().transact([&](session& s) { EXPECT_TRUE(insert_group(s, other_directory_id_, group("STRASSE TEAM")).row); });
    EXPECT_THROW(db().transact([&](session& s) {
        EXPECT_TRUE(insert_group(s, other_directory_id_, group("straße team")).display_name_taken);
    }),
                 std::logic_error);
    // Another organization may use it.
    db().transact([&](session& s) {
        auto org = find_or_create_organization(s, "other-" + core::random_uuid());
        auto dir = find_or_create_directory(s, org.id, "d").id;
        EXPECT_TRUE(insert_group(s, dir, group("Straße Team")).row);
    });
}

TEST_F(group_members, the_filters_identity_providers_send_use_an_index) {
    auto const member = users(42, 42).at(0);
    // Enough groups that a scan would cost more than the index.
    db().transact([&](session& s) {
        sql_text sql(
            "INSERT INTO scim_groups (id, organization_id, directory_id, display_name, external_id, attributes) "
            "SELECT gen_random_uuid(), d.organization_id, d.id, 'group ' || i, 'ext-' || i, "
            "jsonb_build_object('displayName', 'group ' || i) FROM directories d, generate_series(1, 5000) AS i "
            "WHERE d.id = CAST(");
        sql.bind(big_directory_) << " AS uuid)";
        s.run_once(sql);
        s.run_script("ANALYZE scim_groups");
    });
    auto expect_index = [&](std::string const& filter, std::string const& index) {
        auto const p = plan_of(big_directory_, filter);
        EXPECT_NE(p.find(index), std::string::npos) << filter << " does not use " << index << ":\n" << p;
        EXPECT_EQ(p.find("Seq Scan"), std::string::npos) << filter << " reads a table sequentially:\n" << p;
    };
    expect_index(R"(displayName eq "GROUP 4242")", "scim_groups_display_name");
    expect_index(R"(externalId eq "ext-4242")", "scim_groups_external_id");
    // The membership check: the group by its key, then one membership by both its ids
    // (through either index on them: (group_id, user_id) or (user_id, group_id)).
    auto const check = "id eq \"" + big_group_ + "\" and members[value eq \"" + member + "\"]";
    expect_index(check, "scim_groups_pkey");
    auto const p = plan_of(big_directory_, check);
    EXPECT_NE(p.find("Index Only Scan using scim_group_members_"), std::string::npos) << p;
    auto const lookup = p.substr(p.find("Index Only Scan using scim_group_members_"));
    EXPECT_NE(lookup.find("user_id = '" + member + "'::uuid"), std::string::npos) << p;
    EXPECT_NE(lookup.find("group_id = '" + big_group_ + "'::uuid"), std::string::npos) << p;
    // Which groups a user is in.
    expect_index("members[value eq \"" + member + "\"]", "scim_group_members_user");
}

TEST_F(group_members, a_page_of_members_costs_its_own_size) {
    std::vector<std::string> seen;
    std::optional<std::string> after;
    db().read([&](session& s) {
        for (int page = 0; page < 3; ++page) {
            auto const members = list_members(s, big_group_, after, 0, 1000);
            ASSERT_EQ(members.size(), 1000u);
            for (auto const& m : members) seen.push_back(m.user_id);
            after = members.back().user_id;
        }
    });
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());
}

}  // namespace
}  // namespace scim::store
