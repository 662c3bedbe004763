#include <gtest/gtest.h>

#include "dsn_password.hpp"

namespace scim::core {
namespace {

TEST(dsn_password, a_password_is_added_in_the_form_of_the_string) {
    EXPECT_EQ(with_password("host=db user=scimd", "s3cret"), "host=db user=scimd password='s3cret'");
    EXPECT_EQ(with_password("host=db", "a b'c\\d"), "host=db password='a b\\'c\\\\d'");
    EXPECT_EQ(with_password("", "x"), "password='x'");
    EXPECT_EQ(with_password("postgresql://scimd@db/scimd", "a b/c%d"),
              "postgresql://scimd@db/scimd?password=a%20b%2Fc%25d");
    EXPECT_EQ(with_password("postgres://db/scimd?sslmode=require", "~x-y_z."),
              "postgres://db/scimd?sslmode=require&password=~x-y_z.");
}

}  // namespace
}  // namespace scim::core
