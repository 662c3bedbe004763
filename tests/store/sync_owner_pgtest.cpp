// Which directory an account follows (schemas/sql/017_sync_owner.sql), kept by triggers whatever
// moves the links or the claim: the first link of a directory of the claiming organization owns
// it, stays the owner while its link does, hands over to the next one when it goes; an unclaimed
// account, or one whose claimant has no directory linking it, follows none; a link never moves to
// another account. Rows are seeded in SQL.

#include <optional>
#include <string>

#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class sync_owner : public store_test {
protected:
    void SetUp() override {
        store_test::SetUp();
        db().transact([&](store::session& s) {
            acme_ = organization_of(s, directory_id_);
            auto globex = store::find_or_create_organization(s, "org-" + core::random_uuid());
            globex_ = globex.id;
            globex_directory_ = store::find_or_create_directory(s, globex.id, "globex").id;
            s.run_script("INSERT INTO accounts (id, email, claimed_by) VALUES ('" + account_ + "', '" + account_ +
                         "@acme.example', '" + acme_ + "')");
        });
    }

    static std::string organization_of(store::session& s, std::string const& directory) {
        store::sql_text sql("SELECT organization_id::text AS organization_id FROM directories WHERE id = CAST(");
        sql.bind(directory) << " AS uuid)";
        return s.run(sql).front().text("organization_id");
    }

    // A SCIM user of `directory` linking the account, created `seconds` after a fixed instant (so
    // that the order of links does not hang on the clock).
    void link(std::string const& directory, int seconds) {
        run("INSERT INTO scim_users (id, directory_id, user_name, attributes, account_id, created) VALUES "
            "(gen_random_uuid(), '" +
            directory + "', 'u-" + core::random_uuid() + "', '{}', '" + account_ +
            "', timestamptz '2026-01-01 00:00:00Z' + interval '" + std::to_string(seconds) + " seconds')");
    }
    void unlink(std::string const& directory) {
        run("DELETE FROM scim_users WHERE directory_id = '" + directory + "' AND account_id = '" + account_ + "'");
    }
    void claim(std::optional<std::string> const& organization) {
        run("UPDATE accounts SET claimed_by = " + (organization ? "'" + *organization + "'" : std::string("NULL")) +
            " WHERE id = '" + account_ + "'");
    }
    void run(std::string const& sql) {
        db().transact([&](store::session& s) { s.run_script(sql); });
    }
    std::optional<std::string> owner() {
        std::optional<std::string> out;
        db().transact([&](store::session& s) {
            store::sql_text sql("SELECT synced_by::text AS synced_by FROM accounts WHERE id = CAST(");
            sql.bind(account_) << " AS uuid)";
            out = s.run(sql).front().nullable_text("synced_by");
        });
        return out;
    }

    std::string acme_, globex_, globex_directory_;
    std::string const account_ = core::random_uuid();
};

TEST_F(sync_owner, the_first_directory_of_the_claimant_owns_the_account_and_hands_over) {
    EXPECT_EQ(owner(), std::nullopt);
    // Globex's directory links it first: Acme manages it, so Globex's link owns nothing.
    link(globex_directory_, 0);
    EXPECT_EQ(owner(), std::nullopt);
    link(other_directory_id_, 10);
    EXPECT_EQ(owner(), other_directory_id_);
    // A link that sorts first does not displace the owner while its link stays.
    link(directory_id_, 5);
    EXPECT_EQ(owner(), other_directory_id_);
    // The owner goes: the next of Acme's links owns it; the last goes: none.
    unlink(other_directory_id_);
    EXPECT_EQ(owner(), directory_id_);
    unlink(directory_id_);
    EXPECT_EQ(owner(), std::nullopt);
}

TEST_F(sync_owner, the_owner_follows_the_claim) {
    link(globex_directory_, 0);
    link(directory_id_, 1);
    EXPECT_EQ(owner(), directory_id_);
    // Released (a confirmed address off Acme's domains): nobody's.
    claim(std::nullopt);
    EXPECT_EQ(owner(), std::nullopt);
    // Claimed by Globex: Globex's directory; by Acme again: Acme's.
    claim(globex_);
    EXPECT_EQ(owner(), globex_directory_);
    claim(acme_);
    EXPECT_EQ(owner(), directory_id_);
    // A deleted directory takes its users, and the ownership, with it.
    run("DELETE FROM directories WHERE id = '" + directory_id_ + "'");
    EXPECT_EQ(owner(), std::nullopt);
}

TEST_F(sync_owner, a_link_never_moves_to_another_account) {
    link(directory_id_, 0);
    auto const other = core::random_uuid();
    run("INSERT INTO accounts (id, email) VALUES ('" + other + "', '" + other + "@acme.example')");
    EXPECT_ANY_THROW(run("UPDATE scim_users SET account_id = '" + other + "' WHERE account_id = '" + account_ + "'"));
    EXPECT_EQ(owner(), directory_id_);
}

}  // namespace
}  // namespace scim::testing
