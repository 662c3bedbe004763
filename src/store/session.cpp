#include "session.hpp"

#include <cctype>
#include <string_view>
#include <vector>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "scim/core/log.hpp"
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

// libpq's lines ("… failed: FATAL: …", "\tIs the server running …?") as one, without the
// sentence SOCI puts before them.
std::string one_line(std::string_view message) {
    constexpr std::string_view soci_prefix = "Cannot establish connection to the database.";
    if (message.starts_with(soci_prefix)) message.remove_prefix(soci_prefix.size());
    std::string out;
    for (char c : message) {
        bool const space = std::isspace(static_cast<unsigned char>(c));
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool succeeded(PGresult const* r) {
    auto const status = PQresultStatus(r);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

std::string statement_id(std::string const& text) {
    // FNV-1a (64 bits): stable across processes and builds, unlike std::hash.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string id(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) id[static_cast<std::size_t>(i)] = digits[h & 15];
    return id;
}

session::session(std::string dsn, core::database_limits limits) : dsn_(std::move(dsn)), limits_(limits) { open(); }

session::~session() = default;

void session::open() {
    prepared_.clear();
    conn_ = nullptr;
    try {
        connection_ = std::make_unique<soci::session>(soci::postgresql, dsn_);
    } catch (soci::soci_error const& e) {
        // libpq's message (after SOCI's sentence) names the host and the reason, never a password.
        throw sql_error(std::string(sql_state::connection_exception_class) + "006", one_line(e.what()), true);
    }
    conn_ = static_cast<soci::postgresql_session_backend*>(connection_->get_backend())->conn_;
    // Timestamps are rendered in UTC, and NOTICEs (such as "already exists, skipping") stay out
    // of the server's log.
    run_script("SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    apply_limits();
}

// No statement holds a worker for ever, and no transaction left open holds its locks for ever.
void session::apply_limits() {
    run_script(
        "SET statement_timeout = " + std::to_string(limits_.statement_timeout.count()) +
        "; SET idle_in_transaction_session_timeout = " + std::to_string(limits_.idle_in_transaction_timeout.count()));
}

void session::without_statement_timeout(std::function<void()> const& work) {
    run_script("SET statement_timeout = 0");
    try {
        work();
    } catch (...) {
        if (usable()) {
            try {
                apply_limits();
            } catch (...) {
                // The connection broke; a new one gets the limits when it opens.
            }
        }
        throw;
    }
    apply_limits();
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

void session::fail(PGresult* result, std::string const& text) {
    owned_result owned(result);
    std::string state;
    std::string message;
    std::string constraint;
    if (result) {
        if (char const* s = PQresultErrorField(result, PG_DIAG_SQLSTATE)) state = s;
        if (char const* m = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) message = m;
        if (char const* c = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME)) constraint = c;
    }
    if (message.empty()) {
        // libpq's text of the connection's last error: its first line, for the lines after it
        // (DETAIL, CONTEXT) may quote values.
        message = conn_ ? PQerrorMessage(conn_) : "no connection";
        message = message.substr(0, message.find('\n'));
    }
    // Every error the server reports carries a SQLSTATE; one without is libpq's own: the
    // connection failed, even when libpq still calls it open (a server that went down without
    // a word: "server closed the connection unexpectedly").
    bool const lost = !usable() || state.empty() || is_connection_state(state);
    if (state.empty() && lost) state = std::string(sql_state::connection_exception_class) + "006";
    throw sql_error(std::move(state), message, lost, std::move(constraint), text.empty() ? "" : statement_id(text));
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
    if (!r || !succeeded(r)) fail(r, text);
    PQclear(r);
    core::log::debug("statement prepared", {{"statement", statement_id(text)}, {"sql", text}});
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
    if (!usable()) fail(nullptr, sql.text());
    auto const& name = prepared_name(sql.text());
    auto const values = parameters(sql);
    PGresult* r =
        PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
    if (!r || !succeeded(r)) fail(r, sql.text());
    return sql_result(r);
}

sql_result session::run_once(sql_text const& sql) {
    if (!usable()) fail(nullptr, sql.text());
    auto const values = parameters(sql);
    PGresult* r = PQexecParams(conn_, sql.text().c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0);
    if (!r || !succeeded(r)) fail(r, sql.text());
    return sql_result(r);
}

std::string session::run_script(std::string const& sql) {
    if (!usable()) fail(nullptr, sql);
    PGresult* r = PQexec(conn_, sql.c_str());
    if (!r || !succeeded(r)) fail(r, sql);
    owned_result owned(r);
    return PQcmdStatus(r);
}

}  // namespace scim::store
