// A directory's rate limit as stored (schemas/sql/021_rate_limits.sql): set through the admin
// API's repository function, read back with the directory and with its token, the table's CHECK
// refusing numbers the admin API would refuse; and the refusals its journal entries count.

#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"
#include "scim/store/journal.hpp"
#include "scim/store/rate_limit_refusals.hpp"
#include "scim/store/tenants.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

class rate_limits : public testing::store_test {
protected:
    std::string organization_id() {
        std::string out;
        db().read([&](session& s) { out = find_directory(s, directory_id_)->organization_id; });
        return out;
    }
};

TEST_F(rate_limits, a_directory_follows_the_default_until_it_is_given_a_limit) {
    auto const token_id = core::random_uuid().substr(0, 16);
    auto const org = organization_id();
    db().transact([&](session& s) {
        insert_token(s, {token_id, directory_id_, core::sha256("x"), {}});
        EXPECT_EQ(find_directory(s, directory_id_)->rate_limit.source, "default");
        EXPECT_EQ(find_active_token(s, token_id)->directory.rate_limit.source, "default");

        ASSERT_TRUE(set_directory_rate_limit(s, org, directory_id_, {"directory", 0.01, 7}));
        auto const own = find_active_token(s, token_id)->directory.rate_limit;
        EXPECT_EQ(own.source, "directory");
        EXPECT_EQ(own.per_second, 0.01);  // exactly: the rate round-trips through its text
        EXPECT_EQ(own.burst, 7);
        auto const listed = list_directories(s, org);
        ASSERT_EQ(listed.size(), 2u);
        EXPECT_EQ(find_directory(s, directory_id_)->rate_limit.per_second, 0.01);

        ASSERT_TRUE(set_directory_rate_limit(s, org, directory_id_, {"off", 0, 0}));
        EXPECT_EQ(find_directory(s, directory_id_)->rate_limit.source, "off");
        ASSERT_TRUE(set_directory_rate_limit(s, org, directory_id_, {"default", 0, 0}));
        EXPECT_EQ(find_directory(s, directory_id_)->rate_limit.source, "default");
        // Another organization's directory, or no directory: nothing changes.
        EXPECT_FALSE(set_directory_rate_limit(s, core::random_uuid(), directory_id_, {"off", 0, 0}));
        EXPECT_FALSE(set_directory_rate_limit(s, org, "not-a-uuid", {"off", 0, 0}));
        EXPECT_EQ(find_directory(s, directory_id_)->rate_limit.source, "default");
    });
}

TEST_F(rate_limits, the_table_refuses_numbers_out_of_bounds) {
    auto const org = organization_id();
    for (auto const& bad : {directory_rate_limit{"directory", 0, 5}, directory_rate_limit{"directory", 100001, 5},
                            directory_rate_limit{"directory", 5, 0}, directory_rate_limit{"directory", 5, 1000001},
                            directory_rate_limit{"sometimes", 5, 5}}) {
        SCOPED_TRACE(bad.source + " " + std::to_string(bad.per_second) + " " + std::to_string(bad.burst));
        EXPECT_ANY_THROW(db().transact([&](session& s) { set_directory_rate_limit(s, org, directory_id_, bad); }));
    }
    // "default" and "off" store no numbers, whatever the value carries.
    db().transact([&](session& s) {
        EXPECT_TRUE(set_directory_rate_limit(s, org, directory_id_, {"off", 5, 5}));
        sql_text sql("SELECT count(*) AS n FROM directories WHERE rate_limit_per_second IS NULL AND id = CAST(");
        sql.bind(directory_id_) << " AS uuid)";
        EXPECT_EQ(s.run(sql).front().number("n"), 1);
    });
}

TEST_F(rate_limits, recent_refusals_sum_the_directory_s_refusal_entries_of_the_last_day) {
    auto entry = [](std::int64_t refused, std::string const& last) {
        journal_record r;
        r.request_id = "req";
        r.method = "GET";
        r.path = "/Users";
        r.resource_type = "Directory";
        r.status = 429;
        r.normalized = boost::json::object{{"refused", refused}, {"lastRefusedAt", last}};
        return r;
    };
    db().read([&](session& s) {
        auto const none = recent_rate_limit_refusals(s, directory_id_);
        EXPECT_EQ(none.count, 0);
        EXPECT_FALSE(none.last);
        EXPECT_EQ(recent_rate_limit_refusals(s, "not-a-uuid").count, 0);
    });
    db().transact([&](session& s) {
        append_directory_entry(s, directory_id_, entry(25, "2026-12-06T01:00:00.000Z"));
        append_directory_entry(s, directory_id_, entry(3, "2026-12-06T01:00:10.500Z"));
        append_directory_entry(s, other_directory_id_, entry(1000, "2026-12-06T02:00:00.000Z"));
        // A SCIM write that failed otherwise is no refusal; nor is an entry older than a day.
        auto failed = entry(0, "");
        failed.status = 409;
        failed.normalized = nullptr;
        append_directory_entry(s, directory_id_, failed);
        append_directory_entry(s, directory_id_, entry(7, "2026-12-01T00:00:00.000Z"));
        sql_text age(
            "UPDATE journal_entries SET occurred_at = now() - interval '25 hours' "
            "WHERE normalized->>'refused' = '7' AND directory_id = CAST(");
        age.bind(directory_id_) << " AS uuid)";
        s.run(age);
    });
    db().read([&](session& s) {
        auto const recent = recent_rate_limit_refusals(s, directory_id_);
        EXPECT_EQ(recent.count, 28);
        EXPECT_EQ(recent.last, "2026-12-06T01:00:10.500Z");
    });
}

}  // namespace
}  // namespace scim::store
