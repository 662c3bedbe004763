// Bearer tokens `<prefix><16 hex id>_<secret>`: minted, read back from an Authorization
// header, and matched against the stored hash.

#include <gtest/gtest.h>

#include "scim/core/bearer_tokens.hpp"

namespace scim::core {
namespace {

TEST(bearer_tokens, a_minted_token_reads_back_and_matches_its_hash) {
    auto const minted = mint_token("scimdadmin_");
    ASSERT_EQ(minted.token.rfind("scimdadmin_" + minted.id + "_", 0), 0u);
    auto const presented = read_bearer("Bearer " + minted.token, "scimdadmin_");
    ASSERT_TRUE(presented);
    EXPECT_EQ(presented->id, minted.id);
    EXPECT_TRUE(token_matches(*presented, minted.secret_hash));
    EXPECT_FALSE(token_matches(*presented, std::nullopt));
    EXPECT_FALSE(token_matches(*presented, mint_token("scimdadmin_").secret_hash));
    // The scheme in any case, spaces around the token.
    EXPECT_TRUE(read_bearer("bEARER   " + minted.token + "  ", "scimdadmin_"));
}

TEST(bearer_tokens, other_shapes_are_not_tokens) {
    auto const minted = mint_token("scimd_");
    EXPECT_FALSE(read_bearer(minted.token, "scimd_"));                   // no scheme
    EXPECT_FALSE(read_bearer("Basic " + minted.token, "scimd_"));        // another scheme
    EXPECT_FALSE(read_bearer("Bearer " + minted.token, "scimdadmin_"));  // another kind
    EXPECT_FALSE(read_bearer("Bearer scimd_short_x", "scimd_"));
    EXPECT_FALSE(read_bearer("Bearer scimd_0123456789abcdef", "scimd_"));  // no secret
    EXPECT_FALSE(read_bearer("Bearer ", "scimd_"));
}

TEST(bearer_tokens, a_token_without_a_scheme_reads_as_itself) {
    // Verification tokens travel in a link, not in an Authorization header.
    auto const minted = mint_token("scimdverify_");
    auto const presented = read_token(minted.token, "scimdverify_");
    ASSERT_TRUE(presented);
    EXPECT_EQ(presented->id, minted.id);
    EXPECT_TRUE(token_matches(*presented, minted.secret_hash));
    EXPECT_FALSE(read_token("Bearer " + minted.token, "scimdverify_"));
    EXPECT_FALSE(read_token(minted.token, "scimdapi_"));
    EXPECT_FALSE(read_token("scimdverify_0123456789abcdef", "scimdverify_"));
}

// Logs and the journal keep which token was used, never its secret.
TEST(bearer_tokens, a_redacted_token_keeps_prefix_and_id_only) {
    EXPECT_EQ(redacted_token("scimdverify_0123456789abcdef_s3cr3t-secret", verification_token_prefix),
              "scimdverify_0123456789abcdef_[redacted]");
    EXPECT_EQ(redacted_token("not_a-token", verification_token_prefix), "[redacted]");
    EXPECT_EQ(redacted_token("scimd_0123456789abcdef_s3cr3t", verification_token_prefix), "[redacted]");
}

}  // namespace
}  // namespace scim::core
