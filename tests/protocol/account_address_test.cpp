// The address and time zone a SCIM write gives an account (protocol/account_profile.hpp): only
// what the write sets or changes is checked.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/account_profile.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

json::object user(std::string const& emails, std::string const& extra = "") {
    return json::parse(R"({"userName":"jane","emails":)" + emails + extra + "}").as_object();
}

TEST(account_address, a_new_or_changed_address_must_be_an_address) {
    auto const good = user(R"([{"value":"jane@acme.com","primary":true}])");
    auto const bad = user(R"([{"value":"jane@acme.com"},{"value":"not-an-email","primary":true}])");
    EXPECT_NO_THROW(check_account_address({}, good));
    try {
        check_account_address({}, bad);
        FAIL() << "not-an-email became an account's address";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_value);
        EXPECT_NE(e.detail().find("\"not-an-email\""), std::string::npos) << e.detail();
    }
    EXPECT_THROW(check_account_address(good, bad), core::error) << "changed to one that is not an address";
    // The first email when none is primary.
    EXPECT_THROW(check_account_address({}, user(R"([{"value":"nope"},{"value":"jane@acme.com"}])")), core::error);
    // No address at all is no address to check; other emails than the account's are not its.
    EXPECT_NO_THROW(check_account_address({}, user("[]")));
    EXPECT_NO_THROW(check_account_address({}, user(R"([{"value":"jane@acme.com","primary":true},{"value":"x"}])")));
    // A User stored with it before: a write that keeps it goes through.
    EXPECT_NO_THROW(
        check_account_address(bad, user(R"([{"value":"not-an-email","primary":true}])", R"(,"active":false)")));
}

TEST(account_address, the_time_zone_to_check_is_the_one_set_or_changed) {
    auto const paris = user("[]", R"(,"timezone":"Europe/Paris")");
    EXPECT_EQ(changed_time_zone({}, paris), "Europe/Paris");
    EXPECT_EQ(changed_time_zone(user("[]"), paris), "Europe/Paris");
    EXPECT_FALSE(changed_time_zone(paris, paris));
    EXPECT_FALSE(changed_time_zone(paris, user("[]"))) << "removing it leaves nothing to check";
}

}  // namespace
}  // namespace scim::protocol
