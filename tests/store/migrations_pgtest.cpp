#include <thread>

#include <gtest/gtest.h>

#include "scim/store/database.hpp"
#include "scim/store/migrations.hpp"
#include "session.hpp"
#include "support/postgres_environment.hpp"

namespace scim::store {
namespace {

std::int64_t count_of(lease& l, char const* query) { return l.connection().run(sql_text(query)).front().number("n"); }

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
    EXPECT_EQ(apply_migrations(l.connection(), all), static_cast<int>(all.size()));
    EXPECT_EQ(apply_migrations(l.connection(), all), 0);
    EXPECT_EQ(count_of(l, "SELECT count(*) AS n FROM schema_migrations"), static_cast<std::int64_t>(all.size()));
}

TEST(migrations, concurrent_starts_apply_each_migration_once) {
    database db(testing::fresh_database_dsn(), 2);
    auto all = builtin_migrations();
    int applied[2] = {0, 0};
    std::thread first([&] {
        auto l = db.acquire();
        applied[0] = apply_migrations(l.connection(), all);
    });
    std::thread second([&] {
        auto l = db.acquire();
        applied[1] = apply_migrations(l.connection(), all);
    });
    first.join();
    second.join();
    EXPECT_EQ(applied[0] + applied[1], static_cast<int>(all.size()));
}

TEST(migrations, a_failing_migration_leaves_nothing_behind) {
    database db(testing::fresh_database_dsn(), 1);
    auto l = db.acquire();
    std::vector<migration> broken{
        {1, "001_ok.sql", "CREATE TABLE ok_table (x int)"},
        {2, "002_broken.sql", "CREATE TABLE half_done (x int); SELECT no_such_column FROM ok_table"}};
    EXPECT_ANY_THROW(apply_migrations(l.connection(), broken));
    EXPECT_EQ(count_of(l, "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'half_done'"), 0);
    EXPECT_EQ(count_of(l, "SELECT count(*) AS n FROM schema_migrations"), 1);
}

}  // namespace
}  // namespace scim::store
