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

// The connection is gone, or the server behind it is going or cannot take writes: a server
// shutting down (57P01, 57P02), one still starting or recovering (57P03), a standby or a former
// primary that became read-only (25006, read_only_sql_transaction; only a transaction of
// scimd's own declared READ ONLY could answer it otherwise, and none writes). Each is answered
// by opening a new connection, which a multi-host DSN with target_session_attrs=read-write
// (docs/database.md "Failover") makes to the primary of the moment.
bool is_connection_state(std::string const& state) {
    return state.starts_with(sql_state::connection_exception_class) || state == sql_state::admin_shutdown ||
           state == sql_state::crash_shutdown || state == sql_state::cannot_connect_now ||
           state == sql_state::read_only_sql_transaction;
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

session::session(std::string dsn, core::database_limits limits, bool transaction_pooling)
    : dsn_(std::move(dsn)), limits_(limits), transaction_pooling_(transaction_pooling) {
    open();
}

session::~session() = default;

void session::open() {
    prepared_.clear();
    conn_ = nullptr;
    broken_ = false;
    implicit_transaction_ = false;
    try {
        connection_ = std::make_unique<soci::session>(soci::postgresql, dsn_);
    } catch (soci::soci_error const& e) {
        // libpq's message (after SOCI's sentence) names the host and the reason, never a password.
        throw sql_error(std::string(sql_state::connection_exception_class) + "006", one_line(e.what()), true);
    }
    conn_ = static_cast<soci::postgresql_session_backend*>(connection_->get_backend())->conn_;
    PQsetNoticeReceiver(conn_, &session::on_notice, this);
    // Behind a transaction pooler a session-level SET would stay on whichever server connection
    // ran it: begin() sets them for each transaction instead.
    if (!transaction_pooling_) run_script(settings(""));
}

// Timestamps are rendered in UTC, NOTICEs (such as "already exists, skipping") stay out of the
// server's log, no statement holds a worker for ever, and no transaction left open holds its
// locks for ever.
std::string session::settings(std::string const& scope) const {
    return "SET " + scope + "TIME ZONE 'UTC'; SET " + scope + "client_min_messages = warning; SET " + scope +
           "statement_timeout = " + std::to_string(limits_.statement_timeout.count()) + "; SET " + scope +
           "idle_in_transaction_session_timeout = " + std::to_string(limits_.idle_in_transaction_timeout.count());
}

void session::begin(std::string const& characteristics) {
    end_implicit_transaction();
    auto sql = characteristics.empty() ? std::string("BEGIN") : "BEGIN " + characteristics;
    if (transaction_pooling_) sql += "; " + settings("LOCAL ");
    run_script(sql);
}

void session::on_notice(void* self, PGresult const* notice) {
    char const* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (!severity || std::string_view(severity) != "WARNING") return;
    static_cast<session*>(self)->warned_ = true;
    char const* state = PQresultErrorField(notice, PG_DIAG_SQLSTATE);
    char const* message = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
    // The primary message only: a DETAIL may quote values.
    core::log::warn("database warning", {{"sqlstate", state ? state : ""}, {"message", message ? message : ""}});
}

void session::commit() {
    if (run_script("COMMIT") != "COMMIT") {
        throw std::logic_error("a statement of the transaction failed and the work went on; it was rolled back");
    }
    // PostgreSQL answers a COMMIT whose wait for the synchronous standby was cancelled (by the
    // statement timeout) with success and a WARNING "canceling wait for synchronous
    // replication": committed here, perhaps not on the standby, so not acknowledged.
    if (warned_) {
        throw sql_error(std::string(sql_state::warning),
                        "the database committed without confirming that its synchronous standby has the commit", true);
    }
}

void session::begin_implicitly_if_needed() {
    if (!transaction_pooling_ || in_transaction()) return;
    begin();
    implicit_transaction_ = true;
}

void session::end_implicit_transaction() {
    if (!implicit_transaction_) return;
    implicit_transaction_ = false;
    if (in_transaction()) run_script("COMMIT");
}

void session::reopen() {
    connection_.reset();
    open();
}

bool session::usable() const noexcept { return conn_ && !broken_ && PQstatus(conn_) == CONNECTION_OK; }

bool session::in_transaction() const noexcept { return conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE; }

void session::roll_back_quietly() noexcept {
    implicit_transaction_ = false;
    // Without a connection the server ended the transaction with it.
    if (!usable() || !in_transaction()) return;
    try {
        run_script("ROLLBACK");
    } catch (...) {
        // The connection is now unusable and will be reopened by the next lease.
    }
}

void session::roll_back_implicit_transaction() noexcept {
    if (implicit_transaction_) roll_back_quietly();
}

void session::in_snapshot(std::function<void()> const& work) {
    // A transaction begun only because earlier statements ran outside one gives no snapshot.
    end_implicit_transaction();
    if (in_transaction()) {
        work();
        return;
    }
    begin("ISOLATION LEVEL REPEATABLE READ, READ ONLY");
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
    // Every error the server sends has a SQLSTATE; one without is libpq's own. After a crash it
    // can read "server closed the connection unexpectedly" while PQstatus still says
    // CONNECTION_OK: such a connection is never trusted again, and the failure is a lost one.
    if (state.empty() || is_connection_state(state)) broken_ = true;
    bool const lost = !usable();
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
    if (transaction_pooling_) return run_once(sql);
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
    begin_implicitly_if_needed();
    auto const values = parameters(sql);
    PGresult* r = PQexecParams(conn_, sql.text().c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0);
    if (!r || !succeeded(r)) fail(r, sql.text());
    return sql_result(r);
}

std::string session::run_script(std::string const& sql) {
    if (!usable()) fail(nullptr, sql);
    warned_ = false;
    PGresult* r = PQexec(conn_, sql.c_str());
    if (!r || !succeeded(r)) fail(r, sql);
    owned_result owned(r);
    return PQcmdStatus(r);
}

}  // namespace scim::store
