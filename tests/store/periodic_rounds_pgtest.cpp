// Run-once across replicas (docs/replicas.md): a periodic task's round and an export's place
// are transaction-scoped advisory locks, taken without waiting and given up when the
// transaction ends. Each transaction here is on its own pooled connection, as two replicas'
// would be.

#include <gtest/gtest.h>

#include "export_places.hpp"
#include "scim/core/error.hpp"
#include "scim/store/periodic_rounds.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

class run_once : public testing::store_test {};

TEST_F(run_once, a_round_is_held_by_one_transaction_at_a_time_until_it_ends) {
    db().transact([&](session& first) {
        ASSERT_TRUE(hold_round(first, periodic_round::deletion_sweep));
        db().transact([&](session& second) {
            EXPECT_FALSE(hold_round(second, periodic_round::deletion_sweep));
            // Each task has its own round.
            EXPECT_TRUE(hold_round(second, periodic_round::journal_retention));
            EXPECT_TRUE(hold_round(second, periodic_round::device_retention));
            EXPECT_TRUE(hold_round(second, periodic_round::tally_fold));
        });
    });
    // The first transaction ended: its round is free again.
    db().transact([&](session& later) { EXPECT_TRUE(hold_round(later, periodic_round::deletion_sweep)); });
}

TEST_F(run_once, a_failed_round_gives_its_lock_up_with_its_rollback) {
    EXPECT_THROW(db().transact([&](session& s) {
        ASSERT_TRUE(hold_round(s, periodic_round::journal_retention));
        throw std::runtime_error("the round failed");
    }),
                 std::runtime_error);
    db().transact([&](session& s) { EXPECT_TRUE(hold_round(s, periodic_round::journal_retention)); });
}

// Three exports at once with two places: each of the first two holds exactly one place, the
// third is told to come back (503, Retry-After 10), and gets a place once one export ended.
TEST_F(run_once, exports_share_their_places_and_each_holds_one) {
    db().transact([&](session& first) {
        take_export_place(first, 2);
        db().transact([&](session& second) {
            take_export_place(second, 2);
            db().transact([&](session& third) {
                try {
                    take_export_place(third, 2);
                    ADD_FAILURE() << "a third export got one of two places";
                } catch (core::error const& e) {
                    EXPECT_EQ(e.type(), core::error_type::service_unavailable);
                    EXPECT_EQ(e.retry_after_seconds(), 10);
                }
            });
        });
        db().transact([&](session& third) { EXPECT_NO_THROW(take_export_place(third, 2)); });
    });
}

}  // namespace
}  // namespace scim::store
