// Domains (store/domains.hpp): adding one twice answers nothing the second time; marking one
// verified answers it as verified, nothing for a domain the organization does not have, and
// says so when another organization verified the name first; verifying claims nothing, the
// claim is its own step and verifying again keeps it; the counts a verified domain shows; the
// release of a removed domain's accounts.

#include <string>

#include "scim/store/domains.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class domains : public store_test {
protected:
    static void add_account(store::session& s, std::string const& email) {
        store::sql_text account("INSERT INTO accounts (id, email) VALUES (CAST(");
        account.bind(core::random_uuid()) << " AS uuid), ";
        account.bind(email) << ")";
        s.run(account);
    }
    static std::int64_t claimed_by(store::session& s, std::string const& organization_id, std::string const& name) {
        store::sql_text sql("SELECT count(*) AS n FROM accounts WHERE claimed_by = CAST(");
        sql.bind(organization_id) << " AS uuid) AND email LIKE ";
        sql.bind("%@" + name);
        return s.run(sql).front().number("n");
    }
};

TEST_F(domains, verification_is_one_organizations_and_the_claim_is_its_own_step) {
    std::string acme;
    std::string globex;
    auto const name = "d" + core::random_uuid().substr(0, 8) + ".example";
    db().transact([&](store::session& s) {
        acme = store::find_or_create_organization(s, "acme-" + core::random_uuid()).id;
        globex = store::find_or_create_organization(s, "globex-" + core::random_uuid()).id;
        auto const added = store::add_domain(s, acme, name);
        ASSERT_TRUE(added);
        EXPECT_EQ(added->state, "unverified");
        EXPECT_FALSE(added->verified_at);
        // Not counted until the organization proved it owns the domain.
        EXPECT_FALSE(added->unclaimed_accounts);
        EXPECT_FALSE(added->managed_accounts);
        EXPECT_FALSE(store::add_domain(s, acme, name));
        EXPECT_TRUE(store::add_domain(s, globex, name));
        add_account(s, "someone@" + name);
        add_account(s, "Other@" + name);
        EXPECT_FALSE(store::mark_domain_claimed(s, acme, name)) << "an unverified domain is not claimed";
    });

    db().transact([&](store::session& s) {
        auto const missing = store::mark_domain_verified(s, acme, "missing-" + name);
        EXPECT_FALSE(missing.domain);
        EXPECT_FALSE(missing.verified_elsewhere);
        auto const verified = store::mark_domain_verified(s, acme, name);
        ASSERT_TRUE(verified.domain);
        EXPECT_EQ(verified.domain->state, "verified");
        EXPECT_TRUE(verified.domain->verified_at);
        EXPECT_FALSE(verified.domain->claimed_at);
        EXPECT_EQ(verified.domain->unclaimed_accounts, 2);
        EXPECT_EQ(verified.domain->managed_accounts, 0);
        EXPECT_EQ(claimed_by(s, acme, name), 0) << "verifying claims nothing";

        EXPECT_EQ(store::claim_domain_accounts(s, acme, name), 2);
        auto const claimed = store::mark_domain_claimed(s, acme, name);
        ASSERT_TRUE(claimed);
        EXPECT_EQ(claimed->state, "claimed");
        EXPECT_TRUE(claimed->claimed_at);
        EXPECT_EQ(claimed->verified_at, verified.domain->verified_at);
        EXPECT_EQ(claimed->unclaimed_accounts, 0);
        EXPECT_EQ(claimed->managed_accounts, 2);

        auto const again = store::mark_domain_verified(s, acme, name);
        ASSERT_TRUE(again.domain);
        EXPECT_EQ(again.domain->state, "claimed") << "verifying again keeps the claim";
        EXPECT_EQ(again.domain->claimed_at, claimed->claimed_at);
    });
    // A failed statement aborts a transaction: outside one here.
    db().read([&](store::session& s) {
        auto const theirs = store::mark_domain_verified(s, globex, name);
        EXPECT_TRUE(theirs.verified_elsewhere) << "a claimed domain is a verified one";
        EXPECT_FALSE(theirs.domain);
    });

    db().transact([&](store::session& s) {
        EXPECT_EQ(store::release_domain_accounts(s, globex, name), 0) << "only the organization's own";
        EXPECT_EQ(store::release_domain_accounts(s, acme, name), 2);
        EXPECT_TRUE(store::remove_domain(s, acme, name));
        EXPECT_FALSE(store::remove_domain(s, acme, name));
        EXPECT_EQ(claimed_by(s, acme, name), 0);
        // The name is free for another organization.
        auto const theirs = store::mark_domain_verified(s, globex, name);
        ASSERT_TRUE(theirs.domain);
        EXPECT_EQ(theirs.domain->unclaimed_accounts, 2);
    });
}

}  // namespace
}  // namespace scim::testing
