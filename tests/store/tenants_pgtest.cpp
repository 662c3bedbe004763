#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/store/tenants.hpp"
#include "store_fixture.hpp"

namespace scim::store {
namespace {

class tenants : public testing::store_test {};

TEST_F(tenants, organizations_and_directories_are_found_again_by_name) {
    db().transact([&](session& s) {
        auto name = "Acme " + core::random_uuid();
        auto first = find_or_create_organization(s, name);
        auto again = find_or_create_organization(s, core::to_lower_ascii(name));
        EXPECT_EQ(first.id, again.id);
        auto okta = find_or_create_directory(s, first.id, "okta");
        EXPECT_EQ(find_or_create_directory(s, first.id, "okta").id, okta.id);
        EXPECT_NE(find_or_create_directory(s, first.id, "entra").id, okta.id);
        auto found = find_directory(s, okta.id);
        ASSERT_TRUE(found);
        EXPECT_EQ(found->organization_id, first.id);
        EXPECT_FALSE(found->paused);
        EXPECT_FALSE(find_directory(s, "not-a-uuid"));
        EXPECT_FALSE(find_directory(s, core::random_uuid()));
    });
}

TEST_F(tenants, tokens_store_the_hash_and_round_trip_binary_digests) {
    auto digest = core::sha256("secret");
    ASSERT_EQ(digest.size(), 32u);
    auto id = core::random_uuid().substr(0, 16);
    db().transact([&](session& s) { insert_token(s, {id, directory_id_, digest, {}}); });
    db().read([&](session& s) {
        auto found = find_active_token(s, id);
        ASSERT_TRUE(found);
        EXPECT_EQ(found->directory_id, directory_id_);
        EXPECT_EQ(found->secret_hash, digest);
        EXPECT_FALSE(find_active_token(s, "0000000000000000"));
        sql_text sql("SELECT encode(secret_hash, 'hex') AS stored FROM directory_tokens WHERE id = ");
        sql.bind(id);
        auto const stored = s.run(sql).front().text("stored");
        EXPECT_EQ(stored.find("secret"), std::string::npos);
    });
}

TEST_F(tenants, directory_settings_come_with_the_token) {
    auto id = core::random_uuid().substr(0, 16);
    db().transact([&](session& s) {
        insert_token(s, {id, directory_id_, core::sha256("x"), {}});
        EXPECT_EQ(find_active_token(s, id)->directory.patch_response, "default");
        set_patch_response(s, directory_id_, "minimal");
        EXPECT_EQ(find_active_token(s, id)->directory.patch_response, "minimal");
    });
}

}  // namespace
}  // namespace scim::store
