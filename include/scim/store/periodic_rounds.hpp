#pragma once
// The periodic tasks that every scimd runs but that must run once across the replicas sharing
// a database (docs/replicas.md). A round of one of them runs in one transaction that first
// takes the task's transaction-scoped advisory lock without waiting: the replica that gets it
// does the round, the others skip theirs, so no two replicas ever delete the same rows at once
// (which deadlocked) and the lock goes with the transaction (it survives PgBouncer's
// transaction pooling, which a session-level lock would not).

namespace scim::store {

class session;

enum class periodic_round {
    deletion_sweep,     // accounts whose deletion grace period ended (erase_due_accounts)
    journal_retention,  // erase_journal_older_than
    device_retention,   // erase_devices_older_than
    tally_fold,         // fold_resource_tallies
};

// True when the transaction on `s` now holds the round of `task` (until it ends); false when
// another transaction, of this scimd or another, holds it.
bool hold_round(session& s, periodic_round task);

}  // namespace scim::store
