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
