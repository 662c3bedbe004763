// Sites and their products (store/sites.hpp): a new site with its products in one statement,
// nothing for a name or URL already taken, and offering a product answers the site's products.

#include <string>

#include "scim/store/sites.hpp"
#include "session.hpp"
#include "sql_text.hpp"
#include "store_fixture.hpp"

namespace scim::testing {
namespace {

class sites : public store_test {
protected:
    std::string organization() {
        std::string id;
        db().read([&](store::session& s) {
            store::sql_text sql("SELECT organization_id::text AS organization_id FROM directories WHERE id = CAST(");
            sql.bind(directory_id_) << " AS uuid)";
            id = s.run(sql).front().text("organization_id");
        });
        return id;
    }
};

TEST_F(sites, a_new_site_comes_back_with_its_products_as_found_later) {
    auto const org = organization();
    auto const url = "new-" + core::random_uuid() + ".example.net";
    std::optional<store::site_row> created;
    std::optional<store::site_row> found;
    db().transact([&](store::session& s) {
        created = store::create_site(s, org, "New", url, {"jira", "confluence", "jira", "bit-bucket"});
        ASSERT_TRUE(created);
        found = store::find_site(s, org, created->id);
    });
    ASSERT_TRUE(found);
    EXPECT_EQ(created->name, "New");
    EXPECT_EQ(created->url, url);
    EXPECT_EQ(created->products, found->products);
    EXPECT_EQ(created->created, found->created);
    EXPECT_EQ(created->products.size(), 3u);

    db().transact([&](store::session& s) {
        EXPECT_FALSE(store::create_site(s, org, "New", "other-" + url, {"jira"}));
        EXPECT_FALSE(store::create_site(s, org, "Other", url, {"jira"}));
        auto const bare = store::create_site(s, org, "Bare", "bare-" + url, {});
        ASSERT_TRUE(bare);
        EXPECT_TRUE(bare->products.empty());
    });
}

TEST_F(sites, offering_a_product_answers_the_products_offered_now) {
    auto const org = organization();
    db().transact([&](store::session& s) {
        auto const site =
            store::create_site(s, org, "Offers", "offers-" + core::random_uuid() + ".example.net", {"jira"});
        ASSERT_TRUE(site);
        EXPECT_EQ(store::add_site_product(s, site->id, "confluence"), (std::vector<std::string>{"confluence", "jira"}));
        EXPECT_EQ(store::add_site_product(s, site->id, "jira"), (std::vector<std::string>{"confluence", "jira"}));
        EXPECT_EQ(store::find_site(s, org, site->id)->products, (std::vector<std::string>{"confluence", "jira"}));
    });
}

}  // namespace
}  // namespace scim::testing
