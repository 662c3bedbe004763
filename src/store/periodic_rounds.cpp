#include "scim/store/periodic_rounds.hpp"

#include "session.hpp"

namespace scim::store {
namespace {

// One advisory lock key per task, the hash of a name that no other lock of scimd's uses. The
// tally fold keeps the name it had before the other tasks took locks, so that a replica of an
// older version and a newer one still fold one at a time during a rolling upgrade.
char const* lock_name(periodic_round task) {
    switch (task) {
        case periodic_round::deletion_sweep: return "scimd.deletion_sweep";
        case periodic_round::journal_retention: return "scimd.journal_retention";
        case periodic_round::device_retention: return "scimd.device_retention";
        case periodic_round::tally_fold: return "scimd.resource_tallies";
    }
    return "scimd.unknown_round";
}

}  // namespace

bool hold_round(session& s, periodic_round task) {
    sql_text sql("SELECT pg_try_advisory_xact_lock(hashtext(");
    sql.bind(lock_name(task)) << ")) AS mine";
    return s.run(sql).front().flag("mine");
}

}  // namespace scim::store
