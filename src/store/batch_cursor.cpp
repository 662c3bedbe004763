#include "batch_cursor.hpp"

#include <string>
#include <utility>

#include "session.hpp"
#include "sql_errors.hpp"

namespace scim::store {
namespace {

// One cursor per transaction, so the name never clashes.
constexpr char const* cursor_name = "export_rows";

}  // namespace

template <typename Work>
auto batch_cursor::translated(Work const& work) {
    try {
        return work();
    } catch (sql_error const& e) {
        throw lease_->translated(e, "batch read");
    }
}

batch_cursor::batch_cursor(lease connection) : lease_(std::move(connection)) {
    try {
        // A connection that broke since its last use is opened anew, as lease::transact and
        // lease::read do: this cursor drives its transaction itself.
        lease_->ensure_usable();
        translated([&] {
            in_transaction_ = true;
            session().begin("ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        });
    } catch (...) {
        // The destructor does not run when the constructor throws: the lease must not go back
        // to the pool inside this transaction.
        roll_back();
        throw;
    }
}

batch_cursor::~batch_cursor() {
    // The transaction rolls back before the lease goes.
    roll_back();
}

store::session& batch_cursor::session() { return lease_->connection(); }

void batch_cursor::open(sql_text const& query) {
    // run(), not run_once(): PostgreSQL analyses a DECLARE's query when it is prepared (its
    // parameters take their types from the query's casts) and plans it at each execution with
    // that execution's values, so one prepared DECLARE serves every export of its kind
    // (checked on PostgreSQL 15: a prepared DECLARE with parameters runs again with other
    // values and returns their rows). DECLARE runs only inside a transaction block, which
    // the constructor began.
    translated([&] { session().run(query.after(std::string("DECLARE ") + cursor_name + " NO SCROLL CURSOR FOR ")); });
}

std::size_t batch_cursor::fetch(std::size_t batch_rows, std::function<void(sql_row const&)> const& each) {
    if (!in_transaction_) return 0;
    std::size_t n = translated([&] {
        // FETCH takes its count as part of the statement, never as a parameter ("FETCH $1" is a
        // syntax error); a reader's batch size is fixed, so the text stays the same and
        // prepared.
        sql_text sql;
        sql << "FETCH " << std::to_string(batch_rows) << " FROM " << cursor_name;
        std::size_t rows = 0;
        for (auto const& r : session().run(sql)) {
            each(r);
            ++rows;
        }
        return rows;
    });
    if (n == 0) finish();
    return n;
}

void batch_cursor::finish() {
    translated([&] { session().run_script("COMMIT"); });
    in_transaction_ = false;
    lease_.reset();
}

void batch_cursor::roll_back() noexcept {
    if (!in_transaction_ || !lease_) return;
    in_transaction_ = false;
    session().roll_back_quietly();
}

}  // namespace scim::store
