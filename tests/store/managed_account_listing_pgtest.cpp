// The admin API's managed-accounts list (schemas/sql/014_managed_account_listing.sql): its total
// is the organization's tally and equals count(*) whatever moved the accounts, every page is its
// slice of the whole sorted list from either end, and every offered sort reads its own index.

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/managed_account_schema.hpp"
#include "scim/store/managed_accounts.hpp"
#include "scim/store/resource_tallies.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

using testing::store_test;

class managed_account_listing : public store_test {
protected:
    void SetUp() override {
        store_test::SetUp();
        db().read([&](session& s) {
            sql_text sql("SELECT organization_id::text AS id FROM directories WHERE id = CAST(");
            sql.bind(directory_id_) << " AS uuid)";
            organization_id_ = s.run(sql).front().text("id");
        });
    }

    // Accounts first..last of the organization; every fourth has no family name, and family names
    // repeat so that ids break ties.
    void seed(int first, int last) {
        db().transact([&](session& s) {
            s.run_script("SET LOCAL statement_timeout = 0");
            sql_text sql(
                "INSERT INTO accounts (id, email, display_name, family_name, department, claimed_by, last_active_at) "
                "SELECT gen_random_uuid(), 'user' || i || '@' || CAST(");
            sql.bind(organization_id_) << " AS text) || '.example', 'User ' || i, "
                                          "CASE WHEN i % 4 <> 0 THEN 'Family ' || (i % 7) END, 'Dept ' || (i % 3), "
                                          "CAST(";
            sql.bind(organization_id_) << " AS uuid), now() - i * interval '1 hour' FROM generate_series(CAST(";
            sql.bind_number(first) << " AS integer), CAST(";
            sql.bind_number(last) << " AS integer)) AS i";
            s.run_once(sql);
        });
    }

    void run(std::string const& statement) {
        db().transact([&](session& s) {
            sql_text sql(statement);
            s.run_once(sql);
        });
    }

    std::int64_t counted() {
        std::int64_t n = 0;
        db().read([&](session& s) {
            sql_text sql("SELECT count(*) AS n FROM accounts WHERE lifecycle <> 'deleted' AND claimed_by = CAST(");
            sql.bind(organization_id_) << " AS uuid)";
            n = s.run(sql).front().number("n");
        });
        return n;
    }

    managed_accounts_query query(std::string const& sort_by, bool descending, std::int64_t offset, std::int64_t limit,
                                 std::string const& filter = "") {
        managed_accounts_query q;
        if (!filter.empty()) {
            filter_ = protocol::bind_filter(protocol::parse_filter(filter, {}), protocol::managed_account_registry(),
                                            protocol::managed_account_type());
            q.filter = &*filter_;
        }
        if (!sort_by.empty()) {
            sort_ = protocol::bind_sort_by(sort_by, {}, protocol::managed_account_registry(),
                                           protocol::managed_account_type());
            q.sort_by = &*sort_;
        }
        q.descending = descending;
        q.offset = offset;
        q.limit = limit;
        return q;
    }

    account_page list(managed_accounts_query const& q) {
        account_page out;
        db().read([&](session& s) { out = list_managed_accounts(s, organization_id_, q); });
        return out;
    }

    static std::vector<std::string> ids(account_page const& page) {
        std::vector<std::string> out;
        for (auto const& a : page.accounts) out.push_back(a.id);
        return out;
    }

    std::string organization_id_;
    std::optional<protocol::bound_path> sort_;
    std::optional<protocol::bound_filter> filter_;
};

TEST_F(managed_account_listing, the_total_is_the_count_whatever_moved_the_accounts) {
    auto const total = [&] { return list(query("", false, 0, 0)).total; };
    seed(1, 40);
    EXPECT_EQ(total(), 40);
    db().transact([&](session& s) { fold_resource_tallies(s); });
    EXPECT_EQ(total(), 40);
    auto const where = "WHERE claimed_by = '" + organization_id_ + "' AND email LIKE 'user1%'";
    run("UPDATE accounts SET lifecycle = 'deleted', email = NULL " + where);  // erased: leaves the list
    EXPECT_EQ(total(), counted());
    run("UPDATE accounts SET claimed_by = NULL WHERE claimed_by = '" + organization_id_ +
        "' AND email LIKE 'user2%'");  // released
    EXPECT_EQ(total(), counted());
    run("UPDATE accounts SET claimed_by = '" + organization_id_ + "' WHERE email LIKE 'user2%@" + organization_id_ +
        ".example'");  // claimed again
    run("UPDATE accounts SET display_name = 'Renamed' WHERE claimed_by = '" + organization_id_ + "'");
    run("DELETE FROM accounts WHERE claimed_by = '" + organization_id_ + "' AND email LIKE 'user3%'");
    EXPECT_EQ(total(), counted());
    db().transact([&](session& s) { fold_resource_tallies(s); });
    EXPECT_EQ(total(), counted());
    EXPECT_EQ(counted(), 40 - 11 - 11);  // user1, user10..19 erased; user3, user30..39 deleted
}

TEST_F(managed_account_listing, every_page_is_its_slice_of_the_whole_list_from_either_end) {
    seed(1, 61);
    for (std::string const sort : {"", "familyName", "lastActive", "department", "id", "lifecycle"}) {
        for (bool const descending : {false, true}) {
            auto const whole = ids(list(query(sort, descending, 0, 1000)));
            ASSERT_EQ(whole.size(), 61u);
            for (std::int64_t offset : {0, 7, 25, 30, 44, 55, 60, 61, 70}) {
                auto const page = list(query(sort, descending, offset, 9));
                EXPECT_EQ(page.total, 61);
                auto const from = whole.begin() + std::min<std::int64_t>(offset, 61);
                std::vector<std::string> const expected(from, from + std::min<std::int64_t>(9, whole.end() - from));
                EXPECT_EQ(ids(page), expected)
                    << "sortBy=" << sort << (descending ? " descending" : "") << " offset " << offset;
            }
        }
    }
    // Without a family name, last either way (RFC 7644 §3.4.2.3).
    for (bool const descending : {false, true}) {
        auto const all = list(query("familyName", descending, 0, 1000));
        EXPECT_TRUE(all.accounts.back().profile.family_name == std::nullopt);
        EXPECT_TRUE(all.accounts.front().profile.family_name != std::nullopt);
    }
}

TEST_F(managed_account_listing, every_offered_sort_is_a_range_of_its_index) {
    seed(1, 20000);
    run("ANALYZE accounts");
    std::vector<std::pair<std::string, std::string>> const sorts{
        {"", "accounts_sort_email"},
        {"email", "accounts_sort_email"},
        {"pendingEmail", "accounts_sort_pending_email"},
        {"displayName", "accounts_sort_display_name"},
        {"givenName", "accounts_sort_given_name"},
        {"familyName", "accounts_sort_family_name"},
        {"jobTitle", "accounts_sort_job_title"},
        {"department", "accounts_sort_department"},
        {"lifecycle", "accounts_sort_lifecycle"},
        {"lastActive", "accounts_sort_last_active_at"},
        {"created", "accounts_sort_created"},
        {"id", "accounts_sort_id"},
    };
    // Not a structured binding: Clang 14 cannot capture one in a lambda.
    for (auto const& sort_and_index : sorts) {
        auto const& sort = sort_and_index.first;
        auto const& index = sort_and_index.second;
        for (bool const descending : {false, true}) {
            std::string plan;
            db().read([&](session& s) {
                plan = explain_list_managed_accounts(s, organization_id_, query(sort, descending, 0, 100));
            });
            std::cout << "sortBy=" << sort << (descending ? " descending" : "") << "\n" << plan << "\n";
            EXPECT_NE(plan.find(index), std::string::npos) << sort << " does not use " << index << ":\n" << plan;
            EXPECT_EQ(plan.find("Seq Scan on accounts"), std::string::npos) << plan;
        }
    }
}

TEST_F(managed_account_listing, eq_on_an_indexed_column_is_a_range_of_its_sort_index_whatever_the_sort) {
    seed(1, 20000);
    run("ANALYZE accounts");
    auto const page = list(query("department", false, 0, 10, "department eq \"DEPT 1\""));
    EXPECT_EQ(page.total, 6667);  // i % 3 = 1 for i in 1..20000
    for (auto const& a : page.accounts) EXPECT_EQ(a.profile.department, "Dept 1");
    std::string plan;
    db().read([&](session& s) {
        plan = explain_list_managed_accounts(s, organization_id_,
                                             query("familyName", false, 0, 100, "department eq \"Dept 1\""));
    });
    EXPECT_NE(plan.find("accounts_sort_department"), std::string::npos) << plan;
    EXPECT_EQ(plan.find("Seq Scan on accounts"), std::string::npos) << plan;
}

}  // namespace
}  // namespace scim::store
