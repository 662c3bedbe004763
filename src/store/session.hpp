#pragma once
// One PostgreSQL connection as the repositories use it. SOCI opens it (and reopens it after a
// failure); statements run through libpq on SOCI's native handle (SOCI's documented
// postgresql_session_backend::conn_), because SOCI 4.0.3 prepares a statement anew for every
// execution and DEALLOCATEs it afterwards: three round trips, and PostgreSQL parsing and
// planning it each time. Here each distinct statement text is prepared once per connection
// (a named protocol-level statement) and executed by name from then on.
//
// In transaction pooling mode (connection_settings::transaction_pooling, docs/database.md)
// the server connection behind this one may change at every transaction boundary (PgBouncer's
// pool_mode = transaction), so nothing is left on it beyond a transaction: statements run
// unnamed (PQexecParams: parsed and planned at each execution), the settings are SET LOCAL at
// the start of every transaction, and a statement run outside a transaction begins one
// (committed by end_implicit_transaction(), which lease::read calls when its work is done).
//
// Outside store/ a session is an opaque handle: use cases receive one from database::transact
// or lease::read and hand it to repository functions.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "scim/core/config.hpp"
#include "sql_result.hpp"
#include "sql_text.hpp"

struct pg_conn;
namespace soci {
class session;
}

namespace scim::store {

class session {
public:
    // Opens the connection (`dsn` in keyword form, connection_string.hpp) with `limits` as its
    // settings, in transaction pooling mode or not; throws sql_error (connection lost) when it
    // cannot.
    session(std::string dsn, core::database_limits limits, bool transaction_pooling = false);
    ~session();
    session(session const&) = delete;
    session& operator=(session const&) = delete;

    // Runs one statement, prepared on this connection the first time its text is seen (unnamed
    // in transaction pooling mode). Throws sql_error.
    sql_result run(sql_text const& sql);
    // Runs one statement without keeping it prepared: for statements run once (EXPLAIN) or
    // that cannot be prepared with parameters of their own.
    sql_result run_once(sql_text const& sql);
    // Runs SQL text with the simple query protocol: several statements, no parameters
    // (BEGIN, COMMIT, SET, a migration's script). Answers the command tag of the last one
    // ("COMMIT", or "ROLLBACK" for a COMMIT of a transaction a failed statement ended).
    std::string run_script(std::string const& sql);

    // False once the connection broke; reopen() makes a new one.
    bool usable() const noexcept;
    // Whether a transaction is open (database::transact), so that a read does not begin one.
    bool in_transaction() const noexcept;
    // BEGIN with `characteristics` ("ISOLATION LEVEL …"; empty: the defaults), and in transaction
    // pooling mode the session's settings as SET LOCAL, in one round trip. A transaction begun
    // implicitly for statements run outside one is committed first.
    void begin(std::string const& characteristics = {});
    // Commits the transaction that statements run outside one began in transaction pooling
    // mode, if there is one.
    void end_implicit_transaction();
    // COMMIT. Throws std::logic_error when the server answers ROLLBACK (a statement of the
    // transaction failed and the work went on), and sql_error (connection_lost, SQLSTATE 01000)
    // when the server committed with a warning: with a synchronous standby, the wait for its
    // confirmation was cancelled (statement_timeout) and the commit is local only.
    void commit();
    // Ends the open transaction, if the connection still has one. Never throws: a connection
    // that broke is reopened by the next lease.
    void roll_back_quietly() noexcept;
    // Ends, by a rollback, the transaction that statements run outside one began in transaction
    // pooling mode, if there is one; leaves any other alone. Never throws.
    void roll_back_implicit_transaction() noexcept;
    // Runs `work` in one REPEATABLE READ, READ ONLY transaction, so that all its statements read
    // one snapshot; inside an open transaction, in that one. Errors propagate after a rollback.
    void in_snapshot(std::function<void()> const& work);
    void reopen();

    // Statements kept prepared per connection; the least recently used one goes beyond this.
    static constexpr std::size_t statement_cache_size = 256;

private:
    struct prepared {
        std::string name;
        std::uint64_t last_used = 0;
    };
    void open();
    std::string const& prepared_name(std::string const& text);
    void forget_least_recently_used();
    // The settings every transaction runs with, as SET statements (`scope`: "" for the
    // session, "LOCAL " for the current transaction).
    std::string settings(std::string const& scope) const;
    // Begins a transaction for a statement run outside one, in transaction pooling mode.
    void begin_implicitly_if_needed();
    // libpq's notice receiver: logs the server's warnings, and notes them for commit().
    static void on_notice(void* self, pg_result const* notice);
    // Throws the sql_error of `result` (null: of the connection) for the statement `text`.
    [[noreturn]] void fail(pg_result* result, std::string const& text);

    std::string dsn_;
    core::database_limits limits_;
    bool transaction_pooling_;
    std::unique_ptr<soci::session> connection_;
    pg_conn* conn_ = nullptr;
    // Set when libpq reported an error of its own: the connection is not used again.
    bool broken_ = false;
    // The open transaction was begun by a statement run outside one (transaction pooling mode).
    bool implicit_transaction_ = false;
    // The server sent a WARNING since the last statement began.
    bool warned_ = false;
    std::unordered_map<std::string, prepared> prepared_;
    std::uint64_t uses_ = 0;
    std::uint64_t names_ = 0;
};

// How logs name a statement: a hash of its text, the same on every connection and every run,
// never its bound values. At --log-level debug, each statement is logged with its text when a
// connection prepares it (texts hold placeholders, never values: sql_text.hpp), so that the
// hash leads back to it.
std::string statement_id(std::string const& text);

}  // namespace scim::store
