#include "scim/store/database.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "connection_string.hpp"
#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/core/server_metrics.hpp"
#include "session.hpp"
#include "sql_errors.hpp"

namespace scim::store {
namespace {

// A serialization failure or deadlock is retried this many times in all before the client is
// told to come back (503 + Retry-After).
constexpr int max_attempts = 4;

// docs/metrics.md: a gauge of the pool moves with its connections and leases. Never throws: a
// lease given back must not fail over a metric.
void move_gauge(scim::core::metrics::family& gauge, double delta) noexcept {
    try {
        gauge.add({}, delta);
    } catch (...) {
        // The gauge misses one move; the pool works on.
    }
}

}  // namespace

struct database::pool {
    std::mutex mutex;
    std::condition_variable freed;
    std::vector<std::unique_ptr<session>> sessions;
    std::vector<std::size_t> free_slots;
};

lease::lease(database& db, std::size_t slot, session& s) noexcept : db_(&db), slot_(slot), session_(&s) {}

lease::lease(lease&& other) noexcept : db_(other.db_), slot_(other.slot_), session_(other.session_) {
    other.db_ = nullptr;
}

lease::~lease() {
    if (db_) db_->give_back(slot_);
}

int lease::retry_after_seconds() const noexcept { return db_->settings_.retry_after_seconds; }

void lease::ensure_usable() {
    if (session_->usable()) return;
    try {
        session_->reopen();
    } catch (sql_error const& e) {
        // libpq's reason names the host and what failed, never a password.
        core::log::error("cannot reconnect to the database",
                         {{"id", core::log::current_request()}, {"message", e.what()}});
        throw unreachable(retry_after_seconds());
    }
}

core::error lease::translated(sql_error const& e, std::string_view context) const {
    return translate(e, context, retry_after_seconds());
}

void lease::transact(std::function<void(session&)> const& work) {
    commit_outcome_unknown_ = false;
    // One reconnection at most: a database that is down answers 503 at once.
    bool reconnected = false;
    for (int attempt = 1;; ++attempt) {
        ensure_usable();
        bool commit_sent = false;
        try {
            session_->begin();
            work(*session_);
            commit_sent = true;
            // PostgreSQL answers the COMMIT of a transaction that a failed statement ended with
            // ROLLBACK: a repository reported that failure as a value (a clash), and the use
            // case went on instead of refusing the request. Nothing was written; it is a bug
            // (std::logic_error). A commit the synchronous standby did not confirm is not
            // acknowledged: its outcome is unknown, as after a connection lost at COMMIT.
            session_->commit();
            return;
        } catch (sql_error const& e) {
            if (!commit_sent || !e.connection_lost()) session_->roll_back_quietly();
            if (is_retryable(e) && attempt < max_attempts) continue;
            // Before COMMIT nothing of this transaction survived the connection: run it again.
            if (e.connection_lost() && !commit_sent && !reconnected) {
                reconnected = true;
                continue;
            }
            // After COMMIT was sent, a broken connection leaves the outcome unknown: the
            // transaction may have committed just before the connection went.
            commit_outcome_unknown_ = commit_sent && e.connection_lost();
            throw translate(e, "transaction", retry_after_seconds(),
                            commit_outcome_unknown_ ? write_outcome::unknown : write_outcome::not_applied);
        } catch (...) {
            session_->roll_back_quietly();
            throw;
        }
    }
}

void lease::read(std::function<void(session&)> const& work) {
    bool reconnected = false;
    for (;;) {
        ensure_usable();
        try {
            work(*session_);
            // Transaction pooling mode: the statements ran in a transaction of their own.
            session_->end_implicit_transaction();
            return;
        } catch (sql_error const& e) {
            session_->roll_back_implicit_transaction();
            if (e.connection_lost() && !reconnected) {
                reconnected = true;
                continue;
            }
            throw translate(e, "read", retry_after_seconds());
        } catch (...) {
            session_->roll_back_implicit_transaction();
            throw;
        }
    }
}

database::database(std::string const& dsn, std::size_t pool_size, connection_settings settings)
    : dsn_(keyword_connection_string(dsn)), settings_(settings), pool_(std::make_unique<pool>()) {
    try {
        for (std::size_t i = 0; i < pool_size; ++i) {
            pool_->sessions.push_back(std::make_unique<session>(dsn_, settings_.limits, settings_.transaction_pooling));
            pool_->free_slots.push_back(i);
        }
    } catch (sql_error const& e) {
        // libpq's reason names the host, the user and what failed, never a password.
        throw core::error(core::error_type::service_unavailable,
                          std::string("cannot connect to the database: ") + e.what());
    }
    move_gauge(core::metrics::db_connections(), static_cast<double>(pool_size));
}

database::~database() { move_gauge(core::metrics::db_connections(), -static_cast<double>(pool_->sessions.size())); }

lease database::acquire() {
    std::unique_lock lock(pool_->mutex);
    if (pool_->free_slots.empty()) {
        // docs/metrics.md: waits mean more requests want the database than there are connections.
        auto const began = std::chrono::steady_clock::now();
        pool_->freed.wait(lock, [this] { return !pool_->free_slots.empty(); });
        core::metrics::db_connection_waits().add({});
        core::metrics::db_connection_wait_seconds().add(
            {}, std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    }
    auto const slot = pool_->free_slots.back();
    pool_->free_slots.pop_back();
    move_gauge(core::metrics::db_connections_in_use(), 1);
    return lease(*this, slot, *pool_->sessions[slot]);
}

void database::give_back(std::size_t slot) noexcept {
    {
        std::lock_guard lock(pool_->mutex);
        pool_->free_slots.push_back(slot);
    }
    move_gauge(core::metrics::db_connections_in_use(), -1);
    pool_->freed.notify_one();
}

void database::transact(std::function<void(session&)> const& work) { acquire().transact(work); }

void database::read(std::function<void(session&)> const& work) { acquire().read(work); }

bool database::ping() noexcept {
    try {
        bool answered = false;
        acquire().read([&](session& s) { answered = s.run(sql_text("SELECT 1 AS one")).front().number("one") == 1; });
        return answered;
    } catch (...) {
        return false;
    }
}

}  // namespace scim::store
