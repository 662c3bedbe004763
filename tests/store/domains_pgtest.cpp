// Domains (store/domains.hpp): adding one twice answers nothing the second time; marking one
// verified answers it as verified, nothing for a domain the organization does not have, and
// says so when another organization verified the name first; the claim is its own statement.

#include <string>

#include "scim/store/domains.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class domains : public store_test {};

TEST_F(domains, verification_is_one_organizations_and_claims_the_accounts_on_the_domain) {
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
        EXPECT_FALSE(store::add_domain(s, acme, name));
        EXPECT_TRUE(store::add_domain(s, globex, name));
        store::sql_text account("INSERT INTO accounts (id, email) VALUES (CAST(");
        account.bind(core::random_uuid()) << " AS uuid), ";
        account.bind("someone@" + name) << ")";
        s.run(account);
    });

    db().transact([&](store::session& s) {
        auto const missing = store::mark_domain_verified(s, acme, "missing-" + name);
        EXPECT_FALSE(missing.domain);
        EXPECT_FALSE(missing.verified_elsewhere);
        auto const verified = store::mark_domain_verified(s, acme, name);
        ASSERT_TRUE(verified.domain);
        EXPECT_EQ(verified.domain->state, "verified");
        EXPECT_TRUE(verified.domain->verified_at);
        EXPECT_EQ(store::claim_domain_accounts(s, acme, name), 1);
        auto const found = store::find_domain(s, acme, name);
        EXPECT_EQ(found->verified_at, verified.domain->verified_at);
    });
    // A failed statement aborts a transaction: outside one here.
    db().read([&](store::session& s) {
        auto const theirs = store::mark_domain_verified(s, globex, name);
        EXPECT_TRUE(theirs.verified_elsewhere);
        EXPECT_FALSE(theirs.domain);
    });
}

}  // namespace
}  // namespace scim::testing
