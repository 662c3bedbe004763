#pragma once
// Date-times the admin API and the journal take: RFC 3339 §5.6 "date-time", strictly.

#include <string_view>

namespace scim::protocol {

// A full date that exists in the calendar, "T", a time (no 24:00, no leap second) and a zone
// ("Z" or ±hh:mm), in the years 0001 to 9999 also once converted to UTC: what PostgreSQL
// stores and scimd writes back in the same form. "infinity", "2027-02-30T00:00:00Z" and
// "next week" are not.
bool is_rfc3339_date_time(std::string_view text) noexcept;

}  // namespace scim::protocol
