// Migration 015 (schemas/sql/015_domain_claim.sql) on a database that already holds domains:
// before it, verifying a domain claimed its accounts, so a verified domain becomes claimed
// (claimed when it was verified) and keeps behaving as it did; an unverified one stays so.

#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"
#include "scim/store/database.hpp"
#include "scim/store/migrations.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "support/postgres_environment.hpp"

namespace scim::store {
namespace {

TEST(domain_claim_migration, verified_domains_become_claimed) {
    database db(testing::fresh_database_dsn(), 1);
    auto l = db.acquire();
    auto all = builtin_migrations();
    std::vector<migration> before;
    for (auto const& m : all) {
        if (m.version < 15) before.push_back(m);
    }
    ASSERT_LT(before.size(), all.size());
    apply_migrations(l.connection(), before);

    auto const org = core::random_uuid();
    auto& s = l.connection();
    auto run = [&](std::string const& text) { return s.run(sql_text(text)); };
    run("INSERT INTO organizations (id, name) VALUES ('" + org + "', 'acme')");
    run("INSERT INTO domains (id, organization_id, name, state, verification_token, verified_at) VALUES "
        "(gen_random_uuid(), '" +
        org +
        "', 'acme.com', 'verified', 't', '2026-01-02T03:04:05Z'), "
        "(gen_random_uuid(), '" +
        org + "', 'acme.org', 'unverified', 't', NULL)");

    EXPECT_EQ(apply_migrations(s, all), static_cast<int>(all.size() - before.size()));
    auto const rows =
        run("SELECT name, state, claimed_at = verified_at AS claimed_then, claimed_at IS NULL AS unclaimed "
            "FROM domains ORDER BY name");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].text("state"), "claimed");
    EXPECT_TRUE(rows[0].flag("claimed_then"));
    EXPECT_EQ(rows[1].text("state"), "unverified");
    EXPECT_TRUE(rows[1].flag("unclaimed"));

    // The new checks hold: a claimed domain without its date is refused.
    EXPECT_ANY_THROW(
        run("INSERT INTO domains (id, organization_id, name, state, verification_token, verified_at) "
            "VALUES (gen_random_uuid(), '" +
            org + "', 'acme.net', 'claimed', 't', now())"));
}

}  // namespace
}  // namespace scim::store
