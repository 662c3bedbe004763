#include "credentials.hpp"

#include <gtest/gtest.h>

namespace scim::conformance {
namespace {

TEST(credentials, base64_pads_every_remainder) {
    // RFC 4648 §10's test vectors.
    std::pair<char const*, char const*> const vectors[] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (auto const& [plain, encoded] : vectors) EXPECT_EQ(base64_encode(plain), encoded) << plain;
    EXPECT_EQ(base64_encode("\xff\xfe"), "//4=");
}

TEST(credentials, authorization_header_per_scheme) {
    EXPECT_EQ(authorization({auth_scheme::bearer, "t0k"}), "Bearer t0k");
    // RFC 7617 §2's example.
    EXPECT_EQ(authorization({auth_scheme::basic, "Aladdin:open sesame"}), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
}

TEST(credentials, invalid_credentials_keep_the_scheme) {
    EXPECT_EQ(authorization(invalid_credentials(auth_scheme::bearer)), "Bearer scim-conformance-invalid-token");
    auto const basic = invalid_credentials(auth_scheme::basic);
    EXPECT_EQ(basic.scheme, auth_scheme::basic);
    EXPECT_NE(basic.secret.find(':'), std::string::npos);
    EXPECT_EQ(scheme_name(auth_scheme::basic), "Basic");
    EXPECT_EQ(scheme_name(auth_scheme::bearer), "Bearer");
}

}  // namespace
}  // namespace scim::conformance
