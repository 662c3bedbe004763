// The managed-accounts list with SCIM filter syntax (docs/admin-api.md "Filtering managed
// accounts") against the real binary: the operators, and/or/not, case rules, sortBy and
// paging, and 400 invalidFilter for what the account attributes do not have.

#include <algorithm>

#include "admin_fixture.hpp"

namespace scim::testing {
namespace {

namespace json = boost::json;

class admin_managed_accounts_filter : public acme_managed_e2e_test {
protected:
    static void SetUpTestSuite() {
        acme_managed_e2e_test::SetUpTestSuite();
        seed_verified_domain(directory().organization_id, "acme.org");
    }

    void SetUp() override {
        if (seeded_) return;
        seeded_ = true;
        provision(
            "alice", "alice@acme.com",
            R"("displayName":"Alice Archer","title":"Engineer","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"})");
        provision(
            "bob", "bob@acme.com",
            R"("displayName":"Bob Baker","title":"Seller","active":false,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"})");
        provision(
            "carol", "carol@acme.org",
            R"("displayName":"Carol Cole","active":false,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"})");
        provision("dan", "dan@acme.org", R"("displayName":"dan dale")");
        provision("erin", "erin@gmail.example", R"("displayName":"Erin External")");  // external: never listed
    }

    // The emails the filter selects, in the list's order.
    std::vector<std::string> emails(std::string const& query) {
        std::vector<std::string> out;
        auto const page = ok(admin("GET", "/managed-accounts?" + query));
        for (auto const& a : page.at("accounts").as_array()) out.emplace_back(a.at("email").as_string());
        return out;
    }
    std::vector<std::string> filtered(std::string const& filter) { return emails("filter=" + url_encode(filter)); }

    static inline bool seeded_ = false;
};

using list = std::vector<std::string>;

TEST_F(admin_managed_accounts_filter, operators_and_logic) {
    EXPECT_EQ(filtered(R"(email ew "@acme.com" and lifecycle eq "deactivated")"), (list{"bob@acme.com"}));
    EXPECT_EQ(filtered(R"(EMAIL eq "ALICE@acme.COM")"), (list{"alice@acme.com"}));  // names and values in any case
    EXPECT_EQ(filtered(R"(displayName sw "dan")"), (list{"dan@acme.org"}));
    EXPECT_EQ(filtered(R"(email co "ar" or jobTitle eq "engineer")"), (list{"alice@acme.com", "carol@acme.org"}));
    EXPECT_EQ(filtered(R"(department eq "Sales" and not (email ew ".org"))"), (list{"bob@acme.com"}));
    EXPECT_EQ(filtered(R"(department pr)"), (list{"alice@acme.com", "bob@acme.com", "carol@acme.org"}));
    EXPECT_EQ(filtered(R"(department ne "Sales")"), (list{"alice@acme.com", "dan@acme.org"}));
    EXPECT_EQ(filtered(R"(synced eq true and emailVerified eq false and twoStepVerification.enrolled eq false)").size(),
              4u);
    EXPECT_EQ(filtered(R"(created gt "2000-01-01T00:00:00Z" and lastActive pr)").size(), 0u);
    EXPECT_EQ(filtered(R"(email gt "c")"), (list{"carol@acme.org", "dan@acme.org"}));
    // Values are binds, never SQL.
    EXPECT_EQ(filtered(R"(email eq "x' OR '1'='1")").size(), 0u);
}

TEST_F(admin_managed_accounts_filter, sorting_and_paging) {
    EXPECT_EQ(emails("sortBy=displayName&sortOrder=descending"),
              (list{"dan@acme.org", "carol@acme.org", "bob@acme.com", "alice@acme.com"}));
    auto const page =
        ok(admin("GET", "/managed-accounts?filter=" + url_encode(R"(email ew "acme.org" or email ew "acme.com")") +
                            "&startIndex=2&count=2"));
    EXPECT_EQ(page.at("totalResults"), 4);
    EXPECT_EQ(page.at("startIndex"), 2);
    ASSERT_EQ(page.at("accounts").as_array().size(), 2u);
    EXPECT_EQ(page.at("accounts").as_array()[0].at("email"), "bob@acme.com");
}

// Page after page, as the console's Next asks for them: a page starts where the server remembers
// the previous page ended (service/listing_memory.hpp) only while no account of the organization
// was written since; a write in between makes it read the page afresh (docs/paging.md).
TEST_F(admin_managed_accounts_filter, pages_one_after_another_follow_a_write_between_them) {
    auto const page_at = [&](int start) {
        return emails("sortBy=displayName&count=1&startIndex=" + std::to_string(start));
    };
    list const all = emails("sortBy=displayName");
    ASSERT_EQ(all, (list{"alice@acme.com", "bob@acme.com", "carol@acme.org", "dan@acme.org"}));
    for (int start = 1; start <= 4; ++start) EXPECT_EQ(page_at(start), list{all[start - 1]});
    EXPECT_EQ(page_at(1), list{"alice@acme.com"});  // its end is remembered: "Alice Archer"
    // ids_ holds what this fixture provisioned: found by userName, as SetUp ran once for all.
    auto const found = scim("GET", "/Users?filter=" + url_encode(R"(userName eq "bob")"));
    ASSERT_EQ(found.status, 200) << found.body;
    std::string const bob(found.json().at("Resources").as_array().at(0).at("id").as_string());
    auto const rename = [&](std::string const& name) {
        auto const reply = scim("PATCH", "/Users/" + bob,
                                R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],)"
                                R"("Operations":[{"op":"replace","path":"displayName","value":")" +
                                    name + R"("}]})");
        EXPECT_EQ(reply.status, 200) << reply.body;
    };
    rename("Aaron Baker");  // first by displayName now
    EXPECT_EQ(page_at(2), list{"alice@acme.com"});
    EXPECT_EQ(page_at(3), list{"carol@acme.org"});
    rename("Bob Baker");
    EXPECT_EQ(page_at(2), list{"bob@acme.com"});
}

TEST_F(admin_managed_accounts_filter, what_accounts_do_not_have_is_an_invalid_filter) {
    for (auto const* bad : {R"(shoeSize eq "42")", R"(email eq)", R"(synced gt true)", R"(externalId eq "x")",
                            R"(userName eq "alice")", R"(email eq "a" and)", R"(lastActive gt "yesterday")"}) {
        SCOPED_TRACE(bad);
        expect_admin_error(admin("GET", std::string("/managed-accounts?filter=") + url_encode(bad)), 400,
                           "invalid_filter");
    }
    expect_admin_error(admin("GET", "/managed-accounts?sortBy=shoeSize"), 400, "invalid_value");
    expect_admin_error(admin("GET", "/managed-accounts?startIndex=x"), 400, "invalid_value");
}

}  // namespace
}  // namespace scim::testing
