#pragma once
// Lexical forms of the SCIM data types that JSON itself does not check (RFC 7643 §2.3).

#include <string_view>

namespace scim::protocol {

// xsd:dateTime (XML Schema 1.1 Part 2 §3.3.7), the form RFC 7643 §2.3.5 requires, e.g.
// "2008-01-23T04:56:22Z": the time zone is optional; dates must exist in the calendar.
bool is_xsd_date_time(std::string_view text) noexcept;

// An xsd:dateTime that the store can hold and give back in the same form: its year as written
// is 0001 to 9999, and so is its year in UTC (PostgreSQL reads no year 0, no sign and, for
// the form scimd writes back, no fifth digit). A missing time zone is UTC.
bool is_storable_date_time(std::string_view text) noexcept;

// Base64 with the standard alphabet and padding (RFC 4648 §4), as RFC 7643 §2.3.6 requires.
bool is_base64(std::string_view text) noexcept;

}  // namespace scim::protocol
