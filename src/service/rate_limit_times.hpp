#pragma once
// A refusal's time as the journal and the admin API show it: RFC 3339, UTC, milliseconds, so
// that two of them compare as text in time order.

#include <chrono>
#include <string>

namespace scim::service {

std::string rfc3339_utc(std::chrono::system_clock::time_point at);

}  // namespace scim::service
