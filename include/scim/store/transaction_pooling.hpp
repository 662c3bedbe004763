#pragma once
// docs/database.md "PgBouncer": whether the database connections go through a pooler in
// transaction mode (PgBouncer's pool_mode = transaction; --db-transaction-pooling of every
// command). Then nothing may outlive a transaction: statements run unnamed, the settings are
// SET LOCAL in every transaction (reads too), locks are transaction-scoped.
//
// One mode for the whole process, chosen at start from the command line before the first
// store::database opens; each database keeps the mode it was opened with.

namespace scim::store {

void set_transaction_pooling(bool on) noexcept;
bool transaction_pooling() noexcept;

}  // namespace scim::store
