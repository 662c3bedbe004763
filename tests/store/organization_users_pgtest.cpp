// The Users page's rows (026_users_page.sql, store/organization_users.hpp): organization_users,
// the memberships' sort keys and the counts by status stay what the memberships and addresses
// say after every kind of write, also when two transactions change one account's memberships at once; and every page,
// read from the start or from the end, is the slice of the whole list in its order.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "scim/store/organization_users.hpp"
#include "scim/store/resource_tallies.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/sites.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class organization_users : public store_test {
protected:
    void SetUp() override {
        store_test::SetUp();
        db().transact([&](store::session& s) {
            store::sql_text sql("SELECT organization_id::text AS id FROM directories WHERE id = CAST(");
            sql.bind(directory_id_) << " AS uuid)";
            organization_ = s.run(sql).front().text("id");
            for (auto const* name : {"first", "second"}) {
                auto const site = store::create_site(
                    s, organization_, name, std::string(name) + "-" + core::random_uuid() + ".example.net", {"jira"});
                site_ids_.push_back(site->id);
            }
        });
    }

    // A new account with `email` (none when empty); its id.
    std::string add_account(store::session& s, std::string const& email) {
        auto const id = core::random_uuid();
        store::sql_text sql("INSERT INTO accounts (id, email) VALUES (CAST(");
        sql.bind(id) << " AS uuid), ";
        sql.bind_nullable(email.empty() ? std::nullopt : std::optional<std::string>(email)) << ")";
        s.run(sql);
        return id;
    }

    void set_status(store::session& s, std::string const& site, std::string const& account, std::string const& status) {
        store::sql_text sql("UPDATE site_memberships SET status = ");
        sql.bind(status) << ", joined_at = coalesce(joined_at, now()) WHERE site_id = CAST(";
        sql.bind(site) << " AS uuid) AND account_id = CAST(";
        sql.bind(account) << " AS uuid)";
        s.run(sql);
    }

    // Rows of the organization where what is kept and what the memberships say differ: the
    // kept rows missing from the recount and the recount's rows missing from the kept ones,
    // and memberships whose sort key is not their account's address folded.
    long long differences() {
        long long n = 0;
        db().transact([&](store::session& s) {
            store::sql_text sql;
            auto const organization = sql.parameter(organization_);
            auto const counted =
                "SELECT st.organization_id, m.account_id, count(*) FILTER (WHERE m.status = 'active') AS active, "
                "count(*) FILTER (WHERE m.status = 'invited') AS invited, "
                "count(*) FILTER (WHERE m.status = 'suspended') AS suspended, lower(a.email COLLATE \"und-x-icu\") "
                "COLLATE \"C\" AS email_key FROM site_memberships m JOIN sites st ON st.id = m.site_id "
                "JOIN accounts a ON a.id = m.account_id WHERE st.organization_id = CAST(" +
                organization + " AS uuid) GROUP BY st.organization_id, m.account_id, a.email";
            auto const kept =
                "SELECT organization_id, account_id, active::bigint, invited::bigint, suspended::bigint, email_key "
                "FROM organization_users WHERE organization_id = CAST(" +
                organization + " AS uuid)";
            // The tallies (folded or not) of the organization and of its sites, against counts.
            auto const tallied =
                "SELECT scope_id, status, sum(live) FROM (SELECT scope_id, status, live FROM user_tallies UNION ALL "
                "SELECT scope_id, status, live_delta FROM user_tally_changes) t WHERE scope_id = CAST(" +
                organization + " AS uuid) OR scope_id IN (SELECT id FROM sites WHERE organization_id = CAST(" +
                organization + " AS uuid)) GROUP BY scope_id, status HAVING sum(live) <> 0";
            auto const tally_counted =
                "SELECT * FROM (SELECT organization_id, status, count(*) FROM organization_users WHERE organization_id "
                "= CAST(" +
                organization +
                " AS uuid) GROUP BY organization_id, status UNION ALL SELECT m.site_id, m.status, "
                "count(*) FROM site_memberships m JOIN sites st ON st.id = m.site_id WHERE st.organization_id = CAST(" +
                organization + " AS uuid) GROUP BY m.site_id, m.status) c";
            auto const keys =
                "SELECT count(*) FROM site_memberships m JOIN sites st ON st.id = m.site_id JOIN accounts a ON "
                "a.id = m.account_id WHERE st.organization_id = CAST(" +
                organization + " AS uuid) AND m.email_key IS DISTINCT FROM lower(a.email COLLATE \"und-x-icu\")";
            n = s.run(sql.with_text("SELECT (SELECT count(*) FROM ((" + kept + " EXCEPT " + counted + ") UNION ALL (" +
                                    counted + " EXCEPT " + kept + ")) d) + (" + keys + ") + (SELECT count(*) FROM ((" +
                                    tallied + " EXCEPT " + tally_counted + ") UNION ALL (" + tally_counted +
                                    " EXCEPT " + tallied + ")) t) AS n"))
                    .front()
                    .number("n");
        });
        return n;
    }

    std::string organization_;
    std::vector<std::string> site_ids_;
};

TEST_F(organization_users, kept_rows_follow_every_kind_of_write) {
    std::vector<std::string> accounts;
    // A domain of this test's own: addresses are unique across accounts.
    auto const at = "@" + core::random_uuid() + ".Example.org";
    db().transact([&](store::session& s) {
        for (int i = 0; i < 6; ++i) accounts.push_back(add_account(s, "User" + std::to_string(i) + at));
        accounts.push_back(add_account(s, ""));
        for (auto const& a : accounts) store::insert_membership(s, site_ids_[0], a);
        for (int i = 0; i < 3; ++i) store::insert_membership(s, site_ids_[1], accounts[i]);
    });
    EXPECT_EQ(differences(), 0);
    db().transact([&](store::session& s) {
        set_status(s, site_ids_[0], accounts[0], "active");
        set_status(s, site_ids_[1], accounts[1], "suspended");
        set_status(s, site_ids_[0], accounts[2], "suspended");
        set_status(s, site_ids_[1], accounts[2], "suspended");
    });
    EXPECT_EQ(differences(), 0);
    db().transact([&](store::session& s) { store::fold_resource_tallies(s); });  // counts folded or not alike
    EXPECT_EQ(differences(), 0);
    db().transact([&](store::session& s) {
        s.run(store::sql_text("UPDATE accounts SET email = 'Zed" + at + "' WHERE id = CAST('" + accounts[3] +
                              "' AS uuid)"));
        s.run(store::sql_text("UPDATE accounts SET email = 'later" + at + "' WHERE id = CAST('" + accounts[6] +
                              "' AS uuid)"));
        s.run(store::sql_text("DELETE FROM site_memberships WHERE account_id = CAST('" + accounts[4] + "' AS uuid)"));
    });
    EXPECT_EQ(differences(), 0);
    db().transact([&](store::session& s) { store::delete_site(s, site_ids_[1]); });
    EXPECT_EQ(differences(), 0);
    db().transact([&](store::session& s) {
        store::sql_text sql("SELECT count(*) AS n FROM organization_users WHERE organization_id = CAST(");
        sql.bind(organization_) << " AS uuid)";
        EXPECT_EQ(s.run(sql).front().number("n"), 6);  // 7 accounts, one left every site
    });
}

// Two transactions change one account's memberships of two sites at once: the second waits for
// the first's row and adds to it as committed, where recounting from its own snapshot would have
// missed the first's change.
TEST_F(organization_users, concurrent_changes_to_one_account_both_count) {
    std::string account;
    db().transact([&](store::session& s) {
        account = add_account(s, "both@" + core::random_uuid() + ".example.org");
        store::insert_membership(s, site_ids_[0], account);
        store::insert_membership(s, site_ids_[1], account);
    });
    std::promise<void> first_wrote;
    auto first = std::async(std::launch::async, [&] {
        db().transact([&](store::session& s) {
            set_status(s, site_ids_[0], account, "suspended");
            first_wrote.set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        });
    });
    first_wrote.get_future().wait();
    db().transact([&](store::session& s) { set_status(s, site_ids_[1], account, "suspended"); });
    first.get();
    EXPECT_EQ(differences(), 0);
    db().transact([&](store::session& s) {
        auto const page = store::list_organization_users(s, organization_, {});
        ASSERT_EQ(page.users.size(), 1u);
        EXPECT_EQ(page.users.front().status, domain::membership_status::suspended);
        EXPECT_EQ(page.suspended, 1);
    });
}

// Every page of every source (the organization, one site, both sites; each status and none),
// read from the start or, past the middle, from the end: the slice of the whole list by folded
// address then id, with the status over the sites asked for and the counts of all statuses.
TEST_F(organization_users, every_page_is_its_slice_of_the_list) {
    std::vector<std::string> accounts;
    db().transact([&](store::session& s) {
        // Addresses in mixed case (compared folded), one without an address (last); a domain
        // of this test's own, as addresses are unique across accounts.
        auto const at = "@" + core::random_uuid() + ".example.org";
        for (std::string const local : {"b", "Ba", "a", "", "C", "Ä", "d", "e", "f"}) {
            accounts.push_back(add_account(s, local.empty() ? "" : local + at));
        }
        for (std::size_t i = 0; i < accounts.size(); ++i) {
            store::insert_membership(s, site_ids_[0], accounts[i]);
            if (i % 2 == 0) store::insert_membership(s, site_ids_[1], accounts[i]);
            if (i % 3 == 1) set_status(s, site_ids_[0], accounts[i], "active");
            if (i % 4 == 2) set_status(s, site_ids_[1], accounts[i], "suspended");
        }
    });
    std::vector<std::vector<std::string>> const scopes{{}, {site_ids_[0]}, {site_ids_[1]}, site_ids_};
    std::vector<std::optional<domain::membership_status>> const statuses{
        std::nullopt, domain::membership_status::active, domain::membership_status::invited,
        domain::membership_status::suspended};
    db().transact([&](store::session& s) {
        for (auto const& scope : scopes) {
            for (auto const& status : statuses) {
                store::organization_users_query whole;
                whole.site_ids = scope;
                whole.status = status;
                whole.limit = 1000;
                auto const all = store::list_organization_users(s, organization_, whole);
                ASSERT_EQ(static_cast<std::int64_t>(all.users.size()), all.total);
                // The expected order, from the accounts themselves.
                store::sql_text order("SELECT a.id::text AS id FROM accounts a WHERE a.id = ANY (CAST(");
                order.bind(store::uuid_array(accounts)) << " AS uuid[])) ORDER BY lower(a.email COLLATE \"und-x-icu\") "
                                                           "COLLATE \"C\", a.id";
                std::vector<std::string> expected;
                for (auto const& r : s.run(order)) {
                    for (auto const& u : all.users) {
                        if (u.account_id == r.text("id")) expected.push_back(u.account_id);
                    }
                }
                ASSERT_EQ(expected.size(), all.users.size());
                for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(all.users[i].account_id, expected[i]);
                // Page after page, each starting where the last ended (the console's Next).
                for (std::int64_t limit : {1, 2, 3}) {
                    auto query = whole;
                    query.limit = limit;
                    std::vector<std::string> walked;
                    for (query.offset = 0; query.offset < all.total; query.offset += limit) {
                        auto const page = store::list_organization_users(s, organization_, query);
                        for (auto const& u : page.users) walked.push_back(u.account_id);
                        if (scope.size() > 1) continue;  // several sites: no stamp, read by offset
                        ASSERT_TRUE(page.stamp);
                        ASSERT_EQ(page.next_after.has_value(), query.offset + limit < all.total);
                        if (page.next_after)
                            query.resume = store::index_resume{query.offset + limit, *page.stamp, *page.next_after};
                    }
                    EXPECT_EQ(walked, expected) << limit;
                }
                for (std::int64_t offset = 0; offset <= all.total; ++offset) {
                    for (std::int64_t limit : {1, 2, 3}) {
                        auto query = whole;
                        query.offset = offset;
                        query.limit = limit;
                        auto const page = store::list_organization_users(s, organization_, query);
                        EXPECT_EQ(page.total, all.total);
                        EXPECT_EQ(page.invited, all.invited);
                        auto const size = std::min<std::int64_t>(limit, all.total - offset);
                        ASSERT_EQ(static_cast<std::int64_t>(page.users.size()), size) << offset << "+" << limit;
                        for (std::int64_t i = 0; i < size; ++i) {
                            EXPECT_EQ(page.users[i].account_id, all.users[offset + i].account_id);
                            EXPECT_EQ(page.users[i].status, all.users[offset + i].status);
                        }
                    }
                }
            }
        }
    });
    // A resume read before a write is not used after it: the write moved the stamp.
    db().transact([&](store::session& s) {
        store::organization_users_query query;
        query.limit = 2;
        auto const first = store::list_organization_users(s, organization_, query);
        ASSERT_TRUE(first.next_after);
        // The first page's last user changes address to sort after the others that have one:
        // every later user moves up one place, and seeking past its old address would skip one.
        store::sql_text moved("UPDATE accounts SET email = 'zz' || email WHERE id = CAST(");
        moved.bind(first.users.back().account_id) << " AS uuid)";
        s.run(moved);
        query.offset = 2;
        query.resume = store::index_resume{2, *first.stamp, *first.next_after};
        auto const second = store::list_organization_users(s, organization_, query);
        query.resume.reset();
        auto const fresh = store::list_organization_users(s, organization_, query);
        ASSERT_EQ(fresh.users.size(), 2u);
        EXPECT_EQ(second.users.front().account_id, fresh.users.front().account_id);
        EXPECT_EQ(second.users.back().account_id, fresh.users.back().account_id);
    });
    // Spot checks of the status over the sites asked for: account 2 is invited on the first
    // site and suspended on the second; account 1 active on the first only.
    db().transact([&](store::session& s) {
        store::organization_users_query both;
        both.site_ids = site_ids_;
        both.limit = 1000;
        auto const page = store::list_organization_users(s, organization_, both);
        auto const status_of = [&](std::string const& id) {
            for (auto const& u : page.users) {
                if (u.account_id == id) return u.status;
            }
            ADD_FAILURE() << "not listed";
            return domain::membership_status::invited;
        };
        EXPECT_EQ(status_of(accounts[2]), domain::membership_status::invited);
        EXPECT_EQ(status_of(accounts[1]), domain::membership_status::active);
        EXPECT_EQ(page.users.back().account_id, accounts[3]);  // no address: last
    });
}

}  // namespace
}  // namespace scim::testing
