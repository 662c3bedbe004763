#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "scim/store/database.hpp"
#include "scim/store/migrations.hpp"
#include "support/postgres_environment.hpp"

namespace scim::store {
namespace {

TEST(migrations, builtin_are_numbered_in_order) {
    auto migrations = builtin_migrations();
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().version, 1);
    EXPECT_EQ(migrations.front().name, "001_init.sql");
    for (std::size_t i = 1; i < migrations.size(); ++i) EXPECT_LT(migrations[i - 1].version, migrations[i].version);
}

TEST(migrations, apply_once_then_nothing) {
    database db(testing::fresh_database_dsn(), 1);
    auto l = db.acquire();
    auto all = builtin_migrations();
    EXPECT_EQ(apply_migrations(l.session(), all), static_cast<int>(all.size()));
    EXPECT_EQ(apply_migrations(l.session(), all), 0);
    int recorded = 0;
    l.session() << "SELECT count(*) FROM schema_migrations", soci::into(recorded);
    EXPECT_EQ(recorded, static_cast<int>(all.size()));
}

TEST(migrations, concurrent_starts_apply_each_migration_once) {
    database db(testing::fresh_database_dsn(), 2);
    auto all = builtin_migrations();
    int applied[2] = {0, 0};
    std::thread first([&] {
        auto l = db.acquire();
        applied[0] = apply_migrations(l.session(), all);
    });
    std::thread second([&] {
        auto l = db.acquire();
        applied[1] = apply_migrations(l.session(), all);
    });
    first.join();
    second.join();
    EXPECT_EQ(applied[0] + applied[1], static_cast<int>(all.size()));
}

TEST(migrations, a_failing_migration_leaves_nothing_behind) {
    database db(testing::fresh_database_dsn(), 1);
    auto l = db.acquire();
    std::vector<migration> broken{{1, "001_ok.sql", "CREATE TABLE ok_table (x int)"},
                                  {2, "002_broken.sql", "CREATE TABLE half_done (x int); SELECT no_such_column FROM ok_table"}};
    EXPECT_ANY_THROW(apply_migrations(l.session(), broken));
    int half_done = -1;
    l.session() << "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'", soci::into(half_done);
    EXPECT_EQ(half_done, 0);
    int recorded = 0;
    l.session() << "SELECT count(*) FROM schema_migrations", soci::into(recorded);
    EXPECT_EQ(recorded, 1);
}

}  // namespace
}  // namespace scim::store
