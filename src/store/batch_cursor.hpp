#pragma once
// A query read in batches through a server-side cursor (PostgreSQL DECLARE … CURSOR / FETCH),
// so that neither scimd nor libpq ever holds the whole result: libpq keeps a whole result set
// in memory, a FETCH of `batch_rows` keeps one batch. The cursor lives in a read-only
// REPEATABLE READ transaction, so every batch comes from one snapshot, and holds the pooled
// session it is given until the last batch has been read (or the cursor is destroyed, which
// rolls the transaction back).

#include <cstddef>
#include <functional>
#include <optional>

#include "scim/store/database.hpp"
#include "sql_result.hpp"
#include "sql_text.hpp"

namespace scim::store {

class batch_cursor {
public:
    // Begins the transaction on `connection` (whose request authenticated on it, outside any
    // transaction); open() declares the cursor.
    explicit batch_cursor(lease connection);
    ~batch_cursor();
    batch_cursor(batch_cursor const&) = delete;
    batch_cursor& operator=(batch_cursor const&) = delete;

    // The transaction's session, for reads that belong to the same snapshot (before open()).
    store::session& session();

    void open(sql_text const& query);

    // Calls `each` for up to `batch_rows` further rows and answers how many there were; 0 when
    // the result is exhausted, and then the transaction has ended and the session is back.
    std::size_t fetch(std::size_t batch_rows, std::function<void(sql_row const&)> const& each);

private:
    // Runs `work`, its sql_error translated as the lease translates it.
    template <typename Work>
    auto translated(Work const& work);
    void finish();
    // Ends the transaction if it is still open, without throwing.
    void roll_back() noexcept;
    std::optional<lease> lease_;
    bool in_transaction_ = false;
};

}  // namespace scim::store
