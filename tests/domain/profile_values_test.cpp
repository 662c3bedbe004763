// What an account's address and picture may be (domain/profile_values.hpp).

#include <gtest/gtest.h>

#include "scim/domain/profile_values.hpp"

namespace scim::domain {
namespace {

TEST(profile_values, email_addresses) {
    for (auto const* good : {"jane@acme.com", "Jane.Doe+tag@eu.Acme.COM", "o'brien@acme.co.uk",
                             "j@xn--bcher-kva.example", "jürgen@bücher.example", "bob@contoso.onmicrosoft.com"}) {
        EXPECT_TRUE(is_email_address(good)) << good;
    }
    for (auto const* bad :
         {"not-an-email", "", "@acme.com", "jane@", "jane@acme", "jane@@acme.com", "jane@x@acme.com",
          "jane doe@acme.com", "jane@acme..com", "jane@.acme.com", "jane@acme.com.", "jane@-acme.com",
          "<jane@acme.com>", "jane@acme.com\t", "\"jane\"@acme.com", "jane@[127.0.0.1]", "jane@acme_corp.com"}) {
        EXPECT_FALSE(is_email_address(bad)) << bad;
    }
    EXPECT_TRUE(is_email_address(std::string(1000, 'a') + "@acme.com")) << "the input limits bound the length";
}

TEST(profile_values, a_picture_is_an_https_url) {
    for (auto const* good :
         {"https://cdn.acme.com/liam.png", "HTTPS://cdn.acme.com", "https://cdn.acme.com:8443/a/b?s=64#x",
          "https://192.0.2.7/p.jpg", "https://[2001:db8::1]:443/p.jpg", "https://cdn.acme.com/a%20b.png"}) {
        EXPECT_FALSE(picture_url_problem(good)) << good;
    }
    for (auto const* bad :
         {"javascript:alert(1)", "JavaScript:alert(1)", "data:image/png;base64,AAAA", "http://cdn.acme.com/liam.png",
          "//cdn.acme.com/liam.png", "/liam.png", "cdn.acme.com/liam.png", "https://", "https:///liam.png",
          "https://user:secret@cdn.acme.com/p.png", "https://cdn.acme.com/a b.png",
          "https://cdn.acme.com/\"onerror=\"alert(1)", "https://cdn.acme.com/<script>", "https:\\\\cdn.acme.com",
          "https://cdn.acme.com:port/", "https://cdn..acme.com/", "https://[zz::1]/", "ftp://cdn.acme.com/p.png", ""}) {
        auto const problem = picture_url_problem(bad);
        EXPECT_TRUE(problem) << bad;
    }
    EXPECT_NE(picture_url_problem("javascript:alert(1)")->find("https://"), std::string::npos);
}

}  // namespace
}  // namespace scim::domain
