#pragma once
// Each test binary gets one migrated database on the throwaway cluster; tests isolate
// themselves by creating their own organization and directory in it.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"
#include "scim/store/database.hpp"
#include "scim/store/migrations.hpp"
#include "scim/store/tenants.hpp"
#include "session.hpp"
#include "support/postgres_environment.hpp"

namespace scim::testing {

class store_test : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!db_) {
            db_ = std::make_unique<store::database>(fresh_database_dsn(), 4);
            auto l = db_->acquire();
            store::apply_migrations(l.connection(), store::builtin_migrations());
        }
    }

    void SetUp() override {
        db().transact([&](store::session& s) {
            auto org = store::find_or_create_organization(s, "org-" + core::random_uuid());
            directory_id_ = store::find_or_create_directory(s, org.id, "directory").id;
            other_directory_id_ = store::find_or_create_directory(s, org.id, "other").id;
        });
    }

    static store::database& db() { return *db_; }

    std::string directory_id_;
    std::string other_directory_id_;

private:
    static inline std::unique_ptr<store::database> db_;
};

}  // namespace scim::testing
