#include "batch_cursor.hpp"

#include <soci/soci.h>

#include "sql_errors.hpp"
#include "statements.hpp"

namespace scim::store {
namespace {

// One cursor per transaction, so the name never clashes.
constexpr char const* cursor_name = "export_rows";

template <typename Work>
auto translated(Work const& work) {
    try {
        return work();
    } catch (soci::soci_error const& e) {
        throw translate(e, "batch read");
    }
}

}  // namespace

batch_cursor::batch_cursor(database& db) : lease_(db.acquire()) {
    translated([&] {
        tx_ = std::make_unique<soci::transaction>(lease_->session());
        lease_->session() << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    });
}

batch_cursor::~batch_cursor() {
    // The transaction rolls back (soci::transaction's destructor) before the lease goes.
    tx_.reset();
}

soci::session& batch_cursor::session() { return lease_->session(); }

void batch_cursor::open(sql_text const& query) {
    translated([&] { execute(session(), query.after(std::string("DECLARE ") + cursor_name + " NO SCROLL CURSOR FOR ")); });
}

std::size_t batch_cursor::fetch(std::size_t batch_rows, std::function<void(soci::row const&)> const& each) {
    if (!tx_) return 0;
    std::size_t n = translated([&] {
        sql_text sql;
        sql << "FETCH " << std::to_string(batch_rows) << " FROM " << cursor_name;
        std::size_t rows = 0;
        for_each_row(session(), sql, [&](soci::row const& r) {
            each(r);
            ++rows;
        });
        return rows;
    });
    if (n == 0) finish();
    return n;
}

void batch_cursor::finish() {
    translated([&] { tx_->commit(); });
    tx_.reset();
    lease_.reset();
}

}  // namespace scim::store
