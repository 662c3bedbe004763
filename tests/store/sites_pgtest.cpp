// Sites and their products (store/sites.hpp): a new site with its products in one statement,
// nothing for a name or URL already taken, and offering a product answers the site's products.

#include <optional>
#include <stdexcept>
#include <string>

#include "scim/core/crypto.hpp"
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

// Site names are unique in the organization ignoring case (016_site_removal_and_names.sql), on
// creation and on renaming; a site may change the case of its own name; a deleted site takes
// its products with it and frees its name and host name.
TEST_F(sites, names_ignore_case_and_a_deleted_site_frees_them) {
    auto const org = organization();
    auto const tag = core::random_uuid();
    std::optional<store::site_row> first;
    std::optional<store::site_row> second;
    db().transact([&](store::session& s) {
        first = store::create_site(s, org, "Names " + tag, "names-" + tag + ".example.net", {"jira"});
        second = store::create_site(s, org, "Other " + tag, "other-names-" + tag + ".example.net", {});
    });
    ASSERT_TRUE(first && second);
    db().transact([&](store::session& s) {
        EXPECT_FALSE(store::create_site(s, org, "NAMES " + tag, "names2-" + tag + ".example.net", {}));
    });
    db().transact([&](store::session& s) { EXPECT_TRUE(store::rename_site(s, first->id, "NAMES " + tag)); });
    // A name taken: false, and the use case ends the transaction with its error (service::rename_site).
    EXPECT_THROW(db().transact([&](store::session& s) {
        if (!store::rename_site(s, second->id, "names " + tag)) throw std::invalid_argument("taken");
    }),
                 std::invalid_argument);
    db().read([&](store::session& s) {
        EXPECT_EQ(store::find_site(s, org, first->id)->name, "NAMES " + tag);
        EXPECT_EQ(store::find_site(s, org, second->id)->name, "Other " + tag);
        EXPECT_EQ(store::count_site_users(s, first->id), 0);
    });
    db().transact([&](store::session& s) { store::delete_site(s, first->id); });
    db().transact([&](store::session& s) {
        EXPECT_FALSE(store::find_site(s, org, first->id));
        store::sql_text products("SELECT count(*) AS n FROM site_products WHERE site_id = CAST(");
        products.bind(first->id) << " AS uuid)";
        EXPECT_EQ(s.run(products).front().number("n"), 0);
        EXPECT_TRUE(store::create_site(s, org, "names " + tag, "names-" + tag + ".example.net", {}));
    });
}

}  // namespace
}  // namespace scim::testing
