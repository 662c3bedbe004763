#pragma once
// --max-concurrent-exports across every scimd sharing the database (docs/replicas.md): each
// running export holds a database connection, and the places are the database's, not one
// process's. A place is a transaction-scoped advisory lock (one key, its second half the place
// number) taken in the export's own snapshot transaction (batch_cursor.hpp), so it is given up
// when that transaction ends however it ends — last batch read, client gone, scimd killed — and
// holds under PgBouncer's transaction pooling.

#include <cstddef>

namespace scim::store {

class session;

// Takes a free place among `places` in the transaction on `s`; core::error(service_unavailable),
// Retry-After 10 seconds, when all of them are taken.
void take_export_place(session& s, std::size_t places);

}  // namespace scim::store
