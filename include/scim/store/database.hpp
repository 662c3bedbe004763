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

namespace scim::store {

// A connection as repository functions take it. Only store/ sees inside; everyone else hands
// it on from transact() or read().
class session;
class database;

class lease {
public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&&) = delete;
    ~lease();

    // Runs `work` in one transaction: commits when it returns, rolls back when it throws.
    // A serialization failure or deadlock runs it again (a few times, then 503), and so does a
    // connection that broke before COMMIT was sent (reopened once; 503 with Retry-After when the
    // database cannot be reached). So `work` must be safe to run again from the start.
    void transact(std::function<void(session&)> const& work);

    // Read-only work outside an explicit transaction (each statement sees its own snapshot),
    // with the same error translation and the same retry of a broken connection.
    void read(std::function<void(session&)> const& work);

    // The leased connection, for store/ code that drives a transaction itself (batch cursors).
    session& connection() noexcept { return *session_; }

private:
    friend class database;
    lease(database& db, std::size_t slot, session& s) noexcept;
    // Reopens a connection that broke; throws core::error(service_unavailable) when it cannot.
    void ensure_usable();
    database* db_;
    std::size_t slot_;
    session* session_;
};

class database {
public:
    // Opens pool_size connections at once; throws core::error(service_unavailable) when the
    // database cannot be reached.
    database(std::string dsn, std::size_t pool_size);
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

    std::string const& dsn() const noexcept { return dsn_; }

private:
    friend class lease;
    void give_back(std::size_t slot) noexcept;
    struct pool;
    std::string dsn_;
    std::unique_ptr<pool> pool_;
};

}  // namespace scim::store
