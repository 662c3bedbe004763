#pragma once
// The PostgreSQL connection pool and the transaction helper that every repository call
// runs inside. SQLSTATEs become core::error here and nowhere else.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace scim::store {

class database;

// One pooled session, returned to the pool when the lease ends.
class lease {
public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&&) = delete;
    ~lease();
    soci::session& session() noexcept { return *session_; }

private:
    friend class database;
    lease(database& db, std::size_t position, soci::session& s) noexcept;
    database* db_;
    std::size_t position_;
    soci::session* session_;
};

class database {
public:
    // Opens pool_size sessions at once; throws core::error(service_unavailable) when the
    // database cannot be reached.
    database(std::string dsn, std::size_t pool_size);
    ~database();
    database(database const&) = delete;
    database& operator=(database const&) = delete;

    // Waits for a free session; reconnects a session whose connection was lost.
    lease acquire();

    // Runs work in one transaction: commits when it returns, rolls back when it throws.
    // A serialization failure or deadlock is retried a few times, then 503. Database
    // errors become core::error (unique violation → 409 uniqueness; anything else a
    // generic 500 with the SQL text only in the log).
    void transact(std::function<void(soci::session&)> const& work);

    // Read-only work without an explicit transaction, with the same error translation.
    void read(std::function<void(soci::session&)> const& work);

    // SELECT 1; false when the database cannot answer.
    bool ping() noexcept;

    std::string const& dsn() const noexcept { return dsn_; }

private:
    friend class lease;
    void give_back(std::size_t position) noexcept;
    std::string dsn_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::size_t size_;
};

}  // namespace scim::store
