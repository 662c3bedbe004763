// Domain names and the proof of ownership by DNS TXT record.

#include <gtest/gtest.h>

#include "scim/domain/domains.hpp"

namespace scim::domain {
namespace {

TEST(domains, names_are_normalized_or_refused) {
    EXPECT_EQ(normalize_domain_name("Acme.COM"), "acme.com");
    EXPECT_EQ(normalize_domain_name("eu.acme.com."), "eu.acme.com");
    EXPECT_EQ(normalize_domain_name("xn--bcher-kva.example"), "xn--bcher-kva.example");
    for (auto const* bad : {"", "acme", ".acme.com", "acme..com", "-acme.com", "acme-.com", "ac_me.com", "acme.com/x",
                            "acme com", "bücher.example"}) {
        EXPECT_FALSE(normalize_domain_name(bad)) << bad;
    }
    EXPECT_FALSE(normalize_domain_name(std::string(64, 'a') + ".com"));
}

TEST(domains, a_txt_record_proves_ownership) {
    EXPECT_EQ(verification_record_name("acme.com"), "_scimd-challenge.acme.com");
    EXPECT_TRUE(proves_ownership({"v=spf1 -all", " scimd-verification=tok "}, "tok"));
    EXPECT_FALSE(proves_ownership({"scimd-verification=other"}, "tok"));
    EXPECT_FALSE(proves_ownership({}, "tok"));
}

}  // namespace
}  // namespace scim::domain
