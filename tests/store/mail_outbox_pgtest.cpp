// The outbox as the mail sender works it (store/mail_outbox.hpp): a claim takes only due
// messages no other sender holds, only the claimant's marks count, a lapsed claim is taken
// over, a failed message waits for an admin's retry, and notices carry no secret.

#include <chrono>
#include <set>
#include <string>

#include "scim/store/email_changes.hpp"
#include "scim/store/mail_outbox.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

using std::chrono::seconds;

class mail_outbox : public store_test {
protected:
    void SetUp() override {
        store_test::SetUp();
        db().transact([&](store::session& s) {
            store::sql_text sql("SELECT organization_id::text AS organization_id FROM directories WHERE id = CAST(");
            sql.bind(directory_id_) << " AS uuid)";
            organization_ = s.run(sql).front().text("organization_id");
            account_ = core::random_uuid();
            store::sql_text insert("INSERT INTO accounts (id, email) VALUES (CAST(");
            insert.bind(account_) << " AS uuid), ";
            insert.bind(account_ + "@outbox.example") << ")";
            s.run(insert);
        });
        // Earlier tests' messages are due too: they go first, out of this test's way.
        db().transact([&](store::session& s) {
            s.run(store::sql_text("UPDATE email_verifications SET failed_at = now() WHERE failed_at IS NULL"));
        });
    }

    // A notice to the test's account, due now; answers its id.
    std::string queue_notice(std::string const& subject) {
        auto const id = core::random_uuid();
        db().transact([&](store::session& s) {
            store::queue_verification_message(
                s, {id, organization_, account_, account_ + "@outbox.example", store::password_reset_message,
                    std::nullopt, subject, "text", "<p>html</p>", std::chrono::hours(72)});
        });
        return id;
    }

    std::vector<store::deliverable_message> claim(std::string const& claimant, std::int64_t limit,
                                                  seconds lease = seconds(60)) {
        std::vector<store::deliverable_message> out;
        db().transact([&](store::session& s) { out = store::claim_deliverable(s, claimant, limit, lease); });
        return out;
    }

    store::outbox_message shown(std::string const& id) {
        std::optional<store::outbox_message> out;
        db().read([&](store::session& s) { out = store::find_outbox_message(s, organization_, id); });
        EXPECT_TRUE(out);
        return out.value_or(store::outbox_message{});
    }

    std::string organization_;
    std::string account_;
};

TEST_F(mail_outbox, two_claimants_never_hold_one_message) {
    std::set<std::string> queued;
    for (int i = 0; i < 5; ++i) queued.insert(queue_notice("n" + std::to_string(i)));
    auto const first = claim("a", 3);
    auto const second = claim("b", 10);
    EXPECT_EQ(first.size(), 3u);
    EXPECT_EQ(second.size(), 2u);
    std::set<std::string> claimed;
    for (auto const& m : first) claimed.insert(m.id);
    for (auto const& m : second) claimed.insert(m.id);
    EXPECT_EQ(claimed, queued) << "each message claimed once";
    EXPECT_TRUE(claim("c", 10).empty()) << "all held";
    EXPECT_EQ(first[0].attempts, 1);
    EXPECT_EQ(first[0].html, "<p>html</p>");
}

TEST_F(mail_outbox, only_the_claimant_marks_and_a_lapsed_claim_is_taken_over) {
    auto const id = queue_notice("lapse");
    ASSERT_EQ(claim("a", 10, seconds(0)).size(), 1u);
    // The lease lapsed at once: another sender takes the message over.
    auto const again = claim("b", 10);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].attempts, 2);
    db().transact([&](store::session& s) { store::mark_sent(s, id, "a"); });
    EXPECT_EQ(shown(id).state, "queued") << "a's mark no longer counts";
    db().transact([&](store::session& s) { store::mark_sent(s, id, "b"); });
    EXPECT_EQ(shown(id).state, "sent");
    EXPECT_TRUE(claim("c", 10).empty()) << "a sent message is never claimed again";
}

TEST_F(mail_outbox, a_retry_waits_and_a_failed_message_waits_for_an_admin) {
    auto const id = queue_notice("retry");
    ASSERT_EQ(claim("a", 10).size(), 1u);
    db().transact([&](store::session& s) { store::mark_retry(s, id, "a", seconds(3600), "no connection"); });
    auto const waiting = shown(id);
    EXPECT_EQ(waiting.state, "queued");
    EXPECT_EQ(waiting.attempts, 1);
    EXPECT_EQ(waiting.last_error, "no connection");
    EXPECT_TRUE(waiting.next_attempt);
    EXPECT_TRUE(claim("a", 10).empty()) << "not due for an hour";

    db().transact([&](store::session& s) {
        s.run(store::sql_text("UPDATE email_verifications SET next_attempt = now() WHERE id = '" + id + "'"));
    });
    ASSERT_EQ(claim("a", 10).size(), 1u);
    db().transact([&](store::session& s) { store::mark_failed(s, id, "a", "550 refused"); });
    EXPECT_EQ(shown(id).state, "failed");
    EXPECT_FALSE(shown(id).next_attempt);
    EXPECT_TRUE(claim("a", 10).empty()) << "failed messages are not retried by themselves";

    bool requeued = false;
    db().transact([&](store::session& s) { requeued = store::requeue_failed_message(s, organization_, id); });
    EXPECT_TRUE(requeued);
    EXPECT_EQ(shown(id).state, "queued");
    EXPECT_EQ(shown(id).attempts, 0);
    EXPECT_EQ(claim("a", 10).size(), 1u);
    db().transact([&](store::session& s) { requeued = store::requeue_failed_message(s, organization_, id); });
    EXPECT_FALSE(requeued) << "only a failed message";
}

TEST_F(mail_outbox, expired_messages_are_never_claimed_and_notices_are_no_links) {
    auto const id = queue_notice("expired");
    db().transact([&](store::session& s) {
        s.run(store::sql_text("UPDATE email_verifications SET expires = now() WHERE id = '" + id + "'"));
    });
    EXPECT_TRUE(claim("a", 10).empty());
    EXPECT_EQ(shown(id).state, "expired");
    auto const notice = queue_notice("no link");
    db().read([&](store::session& s) { EXPECT_FALSE(store::find_usable_verification_message(s, notice)); });
}

}  // namespace
}  // namespace scim::testing
