#include "session.hpp"

#include <vector>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "sql_errors.hpp"
#include "sql_states.hpp"

namespace scim::store {
namespace {

bool is_connection_state(std::string const& state) {
    return state.starts_with(sql_state::connection_exception_class) || state == sql_state::admin_shutdown ||
           state == sql_state::crash_shutdown || state == sql_state::cannot_connect_now;
}

struct cleared {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using owned_result = std::unique_ptr<PGresult, cleared>;

bool succeeded(PGresult const* r) {
    auto const status = PQresultStatus(r);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

session::session(std::string dsn) : dsn_(std::move(dsn)) { open(); }

session::~session() = default;

void session::open() {
    prepared_.clear();
    conn_ = nullptr;
    try {
        connection_ = std::make_unique<soci::session>(soci::postgresql, dsn_);
    } catch (soci::soci_error const& e) {
        // libpq's message names the host and the reason, never a password.
        throw sql_error(std::string(sql_state::connection_exception_class) + "006", e.what(), true);
    }
    conn_ = static_cast<soci::postgresql_session_backend*>(connection_->get_backend())->conn_;
    // Timestamps are rendered in UTC, no statement may hold a worker forever, and NOTICEs
    // (such as "already exists, skipping") stay out of the server's log.
    run_script("SET TIME ZONE 'UTC'; SET statement_timeout = '30s'; SET client_min_messages = warning");
}

void session::reopen() {
    connection_.reset();
    open();
}

bool session::usable() const noexcept { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

bool session::in_transaction() const noexcept { return conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE; }

void session::roll_back_quietly() noexcept {
    if (!usable()) return;  // the server ended the transaction with the connection
    try {
        run_script("ROLLBACK");
    } catch (...) {
        // The connection is now unusable and will be reopened by the next lease.
    }
}

void session::in_snapshot(std::function<void()> const& work) {
    if (in_transaction()) {
        work();
        return;
    }
    run_script("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    try {
        work();
    } catch (...) {
        roll_back_quietly();
        throw;
    }
    run_script("COMMIT");
}

void session::fail(PGresult* result) {
    owned_result owned(result);
    std::string state;
    std::string message;
    std::string constraint;
    if (result) {
        if (char const* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
        if (char const* m = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) message = m;
        if (char const* c = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME)) constraint = c;
    }
    if (message.empty()) message = conn_ ? PQerrorMessage(conn_) : "no connection";
    bool const lost = !usable() || is_connection_state(state);
    if (state.empty() && lost) state = std::string(sql_state::connection_exception_class) + "006";
    throw sql_error(std::move(state), message, lost, std::move(constraint));
}

void session::forget_least_recently_used() {
    auto oldest = prepared_.begin();
    for (auto it = prepared_.begin(); it != prepared_.end(); ++it) {
        if (it->second.last_used < oldest->second.last_used) oldest = it;
    }
    // A statement that cannot be deallocated now (the transaction failed) stays on the server
    // until the connection closes; its name is never used again.
    owned_result(PQexec(conn_, ("DEALLOCATE " + oldest->second.name).c_str()));
    prepared_.erase(oldest);
}

std::string const& session::prepared_name(std::string const& text) {
    if (auto it = prepared_.find(text); it != prepared_.end()) {
        it->second.last_used = ++uses_;
        return it->second.name;
    }
    if (prepared_.size() >= statement_cache_size) forget_least_recently_used();
    prepared entry{"scimd_" + std::to_string(++names_), ++uses_};
    PGresult* r = PQprepare(conn_, entry.name.c_str(), text.c_str(), 0, nullptr);
    if (!r || !succeeded(r)) fail(r);
    PQclear(r);
    return prepared_.emplace(text, std::move(entry)).first->second.name;
}

namespace {

// libpq's parameter array: text values, NULL for nullopt.
std::vector<char const*> parameters(sql_text const& sql) {
    std::vector<char const*> values;
    values.reserve(sql.values().size());
    for (auto const& v : sql.values()) values.push_back(v ? v->c_str() : nullptr);
    return values;
}

}  // namespace

sql_result session::run(sql_text const& sql) {
    if (!usable()) fail(nullptr);
    auto const& name = prepared_name(sql.text());
    auto const values = parameters(sql);
    PGresult* r =
        PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
    if (!r || !succeeded(r)) fail(r);
    return sql_result(r);
}

sql_result session::run_once(sql_text const& sql) {
    if (!usable()) fail(nullptr);
    auto const values = parameters(sql);
    PGresult* r = PQexecParams(conn_, sql.text().c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0);
    if (!r || !succeeded(r)) fail(r);
    return sql_result(r);
}

std::string session::run_script(std::string const& sql) {
    if (!usable()) fail(nullptr);
    PGresult* r = PQexec(conn_, sql.c_str());
    if (!r || !succeeded(r)) fail(r);
    owned_result owned(r);
    return PQcmdStatus(r);
}

}  // namespace scim::store
