#pragma once
// DNS TXT records (RFC 1035 §3.3.14) through the system's stub resolver (libresolv), or
// through one name server given as HOST:PORT (--dns-server; tests point it at their own
// server).

#include <string>
#include <vector>

namespace scim::service {

// The TXT records of `name`, each one's character-strings joined; none when the name or the
// record does not exist. Throws core::error(service_unavailable) when no name server answers.
std::vector<std::string> txt_records(std::string const& name, std::string const& name_server);

}  // namespace scim::service
