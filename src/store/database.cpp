#include "scim/store/database.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "sql_errors.hpp"

namespace scim::store {
namespace {

// A serialization failure or deadlock is retried this many times in all before the
// client is told to come back (503 + Retry-After).
constexpr int max_attempts = 4;

void open(soci::session& s, std::string const& dsn) {
    s.open(soci::postgresql, dsn);
    // Timestamps are rendered in UTC, no statement may hold a worker forever, and
    // NOTICEs (such as "already exists, skipping") stay out of the server's log.
    s << "SET TIME ZONE 'UTC'";
    s << "SET statement_timeout = '30s'";
    s << "SET client_min_messages = warning";
}

}  // namespace

lease::lease(database& db, std::size_t position, soci::session& s) noexcept
    : db_(&db), position_(position), session_(&s) {}

lease::lease(lease&& other) noexcept : db_(other.db_), position_(other.position_), session_(other.session_) {
    other.db_ = nullptr;
}

lease::~lease() {
    if (db_) db_->give_back(position_);
}

database::database(std::string dsn, std::size_t pool_size)
    : dsn_(std::move(dsn)), pool_(std::make_unique<soci::connection_pool>(pool_size)), size_(pool_size) {
    try {
        for (std::size_t i = 0; i < size_; ++i) open(pool_->at(i), dsn_);
    } catch (soci::soci_error const& e) {
        core::log::error("cannot connect to the database", {{"message", e.what()}});
        throw core::error(core::error_type::service_unavailable, "cannot connect to the database");
    }
}

database::~database() = default;

lease database::acquire() {
    auto position = pool_->lease();
    auto& s = pool_->at(position);
    if (!s.is_connected()) {
        try {
            s.close();
            open(s, dsn_);
        } catch (soci::soci_error const& e) {
            pool_->give_back(position);
            throw translate(e, "reconnect");
        }
    }
    return lease(*this, position, s);
}

void database::give_back(std::size_t position) noexcept { pool_->give_back(position); }

void database::transact(std::function<void(soci::session&)> const& work) {
    for (int attempt = 1;; ++attempt) {
        auto l = acquire();
        try {
            soci::transaction tx(l.session());
            work(l.session());
            tx.commit();
            return;
        } catch (soci::soci_error const& e) {
            if (is_retryable(e) && attempt < max_attempts) continue;
            throw translate(e, "transaction");
        }
    }
}

void database::read(std::function<void(soci::session&)> const& work) {
    auto l = acquire();
    try {
        work(l.session());
    } catch (soci::soci_error const& e) {
        throw translate(e, "read");
    }
}

bool database::ping() noexcept {
    try {
        auto l = acquire();
        int one = 0;
        l.session() << "SELECT 1", soci::into(one);
        return one == 1;
    } catch (...) {
        return false;
    }
}

}  // namespace scim::store
