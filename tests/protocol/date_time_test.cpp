// Date-times the admin API and the journal take (protocol/date_time.hpp): RFC 3339, strictly,
// in the range the store holds, so that "infinity", 30 February or year 0 never reach a CAST.

#include <gtest/gtest.h>

#include "scim/protocol/date_time.hpp"
#include "value_formats.hpp"

namespace scim::protocol {
namespace {

TEST(date_time, rfc_3339_strictly) {
    struct {
        char const* text;
        bool valid;
    } const cases[] = {
        {"2026-11-23T10:00:00Z", true},
        {"2026-11-23T10:00:00.123456Z", true},
        {"2026-11-23T10:00:00+01:00", true},
        {"0001-01-01T00:00:00Z", true},
        {"9999-12-31T23:59:59Z", true},
        {"2026-11-23T10:00:00", false},        // no zone
        {"2026-11-23", false},                 // no time
        {"2026-02-30T10:00:00Z", false},       // no such day
        {"2027-02-29T00:00:00Z", false},       // not a leap year
        {"2026-11-23T24:00:00Z", false},       // xsd's end of day is not RFC 3339
        {"2026-11-23T23:59:60Z", false},       // no leap seconds
        {"12026-11-23T10:00:00Z", false},      // five-digit year
        {"0000-01-01T00:00:00Z", false},       // PostgreSQL has no year 0
        {"0001-01-01T00:00:00+00:01", false},  // a minute before year 1 in UTC
        {"9999-12-31T23:59:59-00:01", false},  // year 10000 in UTC
        {"infinity", false},
        {"-infinity", false},
        {"next week", false},
        {"2026-11-23T10:00:00Z'; --", false},
        {"", false},
    };
    for (auto const& c : cases) EXPECT_EQ(is_rfc3339_date_time(c.text), c.valid) << c.text;
}

TEST(date_time, storable_xsd_date_times_keep_xsd_forms_within_the_years_1_to_9999) {
    EXPECT_TRUE(is_storable_date_time("2008-01-23T04:56:22"));  // no zone: UTC
    EXPECT_TRUE(is_storable_date_time("2008-01-23T24:00:00Z"));
    EXPECT_TRUE(is_storable_date_time("0001-01-01T13:59:00-14:00"));
    EXPECT_TRUE(is_storable_date_time("9999-12-31T10:00:00+14:00"));
    EXPECT_FALSE(is_storable_date_time("0000-12-31T23:59:59Z"));
    EXPECT_FALSE(is_storable_date_time("-0001-01-01T00:00:00Z"));
    EXPECT_FALSE(is_storable_date_time("10000-01-01T00:00:00+14:00"));  // 9999 in UTC, but not as written
    EXPECT_FALSE(is_storable_date_time("0001-01-01T00:00:00+14:00"));
    EXPECT_FALSE(is_storable_date_time("9999-12-31T23:59:59-14:00"));
    EXPECT_FALSE(is_storable_date_time("2008-02-30T00:00:00Z"));
}

}  // namespace
}  // namespace scim::protocol
