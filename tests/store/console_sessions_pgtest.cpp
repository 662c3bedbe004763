// The periodic sweep of console sessions (store::erase_console_sessions_over,
// schemas/sql/024_console_sessions.sql; docs/console.md "Security"): a session is forgotten a day
// after it ended or expired, and every other one is kept, usable or not.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"
#include "scim/store/admin_tokens.hpp"
#include "scim/store/console_sessions.hpp"
#include "scim/store/tenants.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

class console_sessions : public testing::store_test {
protected:
    // A session of a new admin token of the fixture's organization, lasting an hour, then moved
    // by `age` (SQL run on the row: `ended` and `expires` set to the past).
    std::string session_with(std::string const& age) {
        auto const id = core::random_uuid().substr(0, 16);
        db().transact([&](session& s) {
            auto const organization_id = find_directory(s, directory_id_)->organization_id;
            auto const token = mint_admin_token(s, organization_id, "console", std::nullopt);
            ASSERT_TRUE(token);
            ASSERT_TRUE(start_console_session(s, id, core::sha256("secret"), token->info.id, organization_id, 3600));
            if (age.empty()) return;
            sql_text sql("UPDATE console_sessions SET " + age + " WHERE id = ");
            sql.bind(id);
            ASSERT_EQ(s.run(sql).affected_rows(), 1);
        });
        return id;
    }

    static bool stored(std::string const& id) {
        bool found = false;
        db().read([&](session& s) {
            sql_text sql("SELECT 1 FROM console_sessions WHERE id = ");
            sql.bind(id);
            found = !s.run(sql).empty();
        });
        return found;
    }
};

TEST_F(console_sessions, the_sweep_forgets_sessions_a_day_after_they_ended_or_expired_and_keeps_the_others) {
    auto const live = session_with("");
    auto const ended_lately = session_with("ended = now() - interval '23 hours'");
    auto const expired_lately = session_with("expires = now() - interval '23 hours'");
    auto const ended_long_ago = session_with("ended = now() - interval '25 hours'");
    auto const expired_long_ago = session_with("expires = now() - interval '25 hours'");
    // Ended long ago though it would not have expired yet: ending is enough.
    auto const ended_before_expiry =
        session_with("ended = now() - interval '3 days', expires = now() + interval '1 hour'");

    long long erased = -1;
    db().transact([&](session& s) { erased = erase_console_sessions_over(s); });

    EXPECT_EQ(erased, 3);
    EXPECT_TRUE(stored(live));
    EXPECT_TRUE(stored(ended_lately));
    EXPECT_TRUE(stored(expired_lately));
    EXPECT_FALSE(stored(ended_long_ago));
    EXPECT_FALSE(stored(expired_long_ago));
    EXPECT_FALSE(stored(ended_before_expiry));
    // The live one is still usable: the sweep only removes rows, it ends nothing.
    db().read([&](session& s) { EXPECT_TRUE(find_usable_console_session(s, live)); });

    // A second sweep finds nothing more to forget.
    db().transact([&](session& s) { erased = erase_console_sessions_over(s); });
    EXPECT_EQ(erased, 0);
    EXPECT_TRUE(stored(live));
}

}  // namespace
}  // namespace scim::store
