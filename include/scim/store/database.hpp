#pragma once
// The PostgreSQL connection pool, and the two ways work runs on a connection: in one
// transaction (transact) or statement by statement (read). Database errors become core::error
// here (store/sql_errors.hpp) and nowhere else.
//
// One request holds one lease: a use case acquires it once, authenticates and does its work on
// it, and gives it back when the lease goes out of scope.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "scim/core/config.hpp"
#include "scim/core/error.hpp"

namespace scim::store {

// A connection as repository functions take it. Only store/ sees inside; everyone else hands
// it on from transact() or read().
class session;
class database;
class sql_error;

// How the pool's connections are set up, and what a client is told when they fail.
struct connection_settings {
    core::database_limits limits;
    // The Retry-After of a 503 when the database cannot be reached, the connection broke or a
    // statement ran out of time.
    int retry_after_seconds = core::worker_limits{}.retry_after_seconds;
    // docs/database.md "PgBouncer": the connections go through a pooler in transaction mode
    // (PgBouncer's pool_mode = transaction; --db-transaction-pooling of every command). Then
    // nothing may outlive a transaction: statements run unnamed, the settings are SET LOCAL in
    // every transaction (reads too), locks are transaction-scoped.
    bool transaction_pooling = false;
};

class lease {
public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&&) = delete;
    ~lease();

    // Runs `work` in one transaction: commits when it returns, rolls back when it throws.
    // A serialization failure or deadlock runs it again (a few times, then 503), and so does a
    // connection that broke before COMMIT was sent (reopened once; 503 with Retry-After when the
    // database cannot be reached). So `work` must be safe to run again from the start. A
    // connection that broke after COMMIT was sent is 503 too, saying that the outcome is unknown
    // (commit_outcome_unknown()).
    void transact(std::function<void(session&)> const& work);

    // Whether the last transact() failed with its COMMIT sent and no answer: its writes may
    // have been committed.
    bool commit_outcome_unknown() const noexcept { return commit_outcome_unknown_; }

    // Read-only work outside an explicit transaction (each statement sees its own snapshot),
    // with the same error translation and the same retry of a broken connection.
    void read(std::function<void(session&)> const& work);

    // For store/ code that drives a transaction itself (batch cursors, migrations): the leased
    // connection; ensure_usable() reopens it when it broke (503 with Retry-After when it
    // cannot), and translated() is the core::error a failure on it becomes (sql_errors.hpp).
    session& connection() noexcept { return *session_; }
    void ensure_usable();
    core::error translated(sql_error const& e, std::string_view context) const;

private:
    friend class database;
    lease(database& db, std::size_t slot, session& s) noexcept;
    int retry_after_seconds() const noexcept;
    database* db_;
    std::size_t slot_;
    session* session_;
    bool commit_outcome_unknown_ = false;
};

class database {
public:
    // Opens pool_size connections at once. `dsn` is a libpq connection string, keyword=value
    // pairs or a postgresql:// URI (connection_string.hpp). Throws std::invalid_argument when
    // `dsn` is neither, core::error(service_unavailable) with libpq's reason when the database
    // cannot be reached.
    database(std::string const& dsn, std::size_t pool_size, connection_settings settings = {});
    ~database();
    database(database const&) = delete;
    database& operator=(database const&) = delete;

    // Waits for a free connection.
    lease acquire();

    // acquire().transact(work) and acquire().read(work), for work that is the whole of a lease.
    void transact(std::function<void(session&)> const& work);
    void read(std::function<void(session&)> const& work);

    // SELECT 1 on a free connection; false when the database cannot answer.
    bool ping() noexcept;

private:
    friend class lease;
    void give_back(std::size_t slot) noexcept;
    struct pool;
    std::string dsn_;
    connection_settings settings_;
    std::unique_ptr<pool> pool_;
};

}  // namespace scim::store
