// The journal's storage (store/journal.hpp): directory and admin entries, each organization's
// own, filtered and paged newest first by (time, id), and retention by age.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "scim/core/crypto.hpp"
#include "scim/store/journal.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

class journal : public testing::store_test {
protected:
    std::string organization_of(std::string const& directory_id) {
        std::optional<directory_row> d;
        db().read([&](session& s) { d = find_directory(s, directory_id); });
        return d ? d->organization_id : std::string();
    }

    static journal_record record(std::string const& method, std::optional<std::string> account = std::nullopt) {
        journal_record r;
        r.request_id = "req-" + method;
        r.method = method;
        r.path = "/scim/directory/x/Users";
        r.resource_type = "User";
        r.account_id = std::move(account);
        r.request = boost::json::object{{"userName", "ada"}};
        r.diff = boost::json::object{{"userName", boost::json::object{{"before", nullptr}, {"after", "ada"}}}};
        r.status = 201;
        return r;
    }

    static journal_query query(std::string organization, std::optional<std::string> directory = std::nullopt,
                               std::optional<std::string> account = std::nullopt) {
        journal_query q;
        q.organization_id = std::move(organization);
        q.directory_id = std::move(directory);
        q.account_id = std::move(account);
        return q;
    }

    std::vector<journal_entry> list(journal_query const& q) {
        std::vector<journal_entry> out;
        db().read([&](session& s) { out = list_journal(s, q); });
        return out;
    }
};

TEST_F(journal, directory_and_admin_entries_are_listed_newest_first_for_their_organization_only) {
    auto const organization = organization_of(directory_id_);
    auto const account = core::random_uuid();
    db().transact([&](session& s) {
        append_directory_entry(s, directory_id_, record("POST", account));
        append_directory_entry(s, other_directory_id_, record("PUT"));
        auto admin = record("PATCH", account);
        admin.resource_type = "Account";
        admin.action = "account.edit";
        admin.error = "forbidden";
        admin.detail = "synced";
        admin.status = 403;
        append_admin_entry(s, organization, "admintoken0001", admin);
    });

    auto const all = list(query(organization));
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].actor, "admin");
    EXPECT_EQ(all[0].admin_token_id, "admintoken0001");
    EXPECT_FALSE(all[0].directory_id);
    EXPECT_EQ(all[0].record.action, "account.edit");
    EXPECT_EQ(all[0].record.error, "forbidden");
    EXPECT_FALSE(all[0].record.scim_type);
    EXPECT_EQ(all[0].record.status, 403);
    EXPECT_EQ(all[2].actor, "directory");
    EXPECT_EQ(all[2].directory_id, directory_id_);
    EXPECT_EQ(all[2].record.account_id, account);
    EXPECT_EQ(boost::json::serialize(all[2].record.diff), R"({"userName":{"after":"ada","before":null}})");
    EXPECT_EQ(all[2].record.normalized, nullptr);

    EXPECT_EQ(list(query(organization, directory_id_)).size(), 1u);
    EXPECT_EQ(list(query(organization, std::nullopt, account)).size(), 2u);
    EXPECT_TRUE(list(query(organization, "not-a-uuid")).empty());

    // Another organization sees none of it, even naming this one's directory or account.
    std::string stranger;
    db().transact([&](session& s) { stranger = find_or_create_organization(s, "stranger-" + core::random_uuid()).id; });
    EXPECT_TRUE(list(query(stranger)).empty());
    EXPECT_TRUE(list(query(stranger, directory_id_)).empty());
    EXPECT_TRUE(list(query(stranger, std::nullopt, account)).empty());

    // Keyset pages: the entries strictly older than the last one shown.
    auto page = query(organization);
    page.limit = 2;
    auto const first = list(page);
    ASSERT_EQ(first.size(), 2u);
    page.before_time = first.back().time;
    page.before_id = first.back().id;
    auto const second = list(page);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].id, all[2].id);
}

// The console's filters (025_console_queries.sql): failures and account owners' entries are
// ranges of their partial indexes, however many other entries lie between them.
TEST_F(journal, the_outcome_and_actor_filters_read_their_partial_indexes) {
    auto const organization = organization_of(directory_id_);
    db().transact([&](session& s) {
        s.run_script("SET LOCAL statement_timeout = 0");
        sql_text sql(
            "INSERT INTO journal_entries (organization_id, directory_id, actor, request_id, method, path, "
            "resource_type, request, status, action) SELECT CAST(");
        sql.bind(organization) << " AS uuid), CASE WHEN i % 1000 = 7 THEN NULL ELSE CAST(";
        sql.bind(directory_id_) << " AS uuid) END, CASE WHEN i % 1000 = 7 THEN 'account' ELSE 'directory' END, "
                                   "'r' || i, 'PATCH', '/Users', 'User', '{}', CASE WHEN i % 500 = 0 THEN 409 "
                                   "ELSE 200 END, CASE WHEN i % 1000 = 7 THEN 'account.email.confirm' END "
                                   "FROM generate_series(1, 20000) AS i";
        s.run_once(sql);
        s.run_script("ANALYZE journal_entries");
    });
    auto plan_of = [&](journal_query const& q) {
        std::string plan;
        db().read([&](session& s) { plan = explain_list_journal(s, q); });
        return plan;
    };
    auto failures = query(organization);
    failures.outcome = journal_outcome::failure;
    failures.limit = 51;
    EXPECT_NE(plan_of(failures).find("journal_entries_failures"), std::string::npos) << plan_of(failures);
    ASSERT_EQ(list(failures).size(), 40u);
    for (auto const& e : list(failures)) EXPECT_EQ(e.record.status, 409);

    auto owners = query(organization);
    owners.actor = journal_actor::account;
    owners.limit = 51;
    EXPECT_NE(plan_of(owners).find("journal_entries_account_owner"), std::string::npos) << plan_of(owners);
    ASSERT_EQ(list(owners).size(), 20u);
    for (auto const& e : list(owners)) EXPECT_EQ(e.actor, "account");

    auto directory_failures = query(organization, directory_id_);
    directory_failures.outcome = journal_outcome::failure;
    directory_failures.limit = 51;
    // Either failures index reads only failures; here every failure is this directory's, so the
    // planner may take the organization's one as well.
    auto const directory_plan = plan_of(directory_failures);
    EXPECT_TRUE(directory_plan.find("journal_entries_directory_failures") != std::string::npos ||
                directory_plan.find("journal_entries_failures") != std::string::npos)
        << directory_plan;
    for (auto const& plan : {plan_of(failures), plan_of(owners), plan_of(directory_failures)}) {
        EXPECT_EQ(plan.find("Seq Scan on journal_entries"), std::string::npos) << plan;
    }
}

TEST_F(journal, retention_erases_entries_older_than_the_period) {
    auto const organization = organization_of(directory_id_);
    db().transact([&](session& s) {
        append_directory_entry(s, directory_id_, record("POST"));
        append_directory_entry(s, directory_id_, record("DELETE"));
        sql_text age(
            "UPDATE journal_entries SET occurred_at = now() - interval '91 days' WHERE organization_id = CAST(");
        age.bind(organization) << " AS uuid) AND method = 'POST'";
        s.run(age);
    });
    std::int64_t erased = 0;
    db().transact([&](session& s) { erased = erase_journal_older_than(s, 90); });
    EXPECT_GE(erased, 1);
    auto const left = list(query(organization));
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].record.method, "DELETE");
}

}  // namespace
}  // namespace scim::store
