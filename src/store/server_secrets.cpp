#include "scim/store/server_secrets.hpp"

#include <soci/soci.h>

#include "scim/core/crypto.hpp"

namespace scim::store {

std::string server_secret(soci::session& s, std::string const& name) {
    // 32 random bytes travel as base64url text; PostgreSQL keeps the bytes.
    auto const candidate = core::random_token(32);
    s << "INSERT INTO server_secrets (name, secret) "
         "VALUES (:name, decode(translate(:secret, '-_', '+/') || '=', 'base64')) ON CONFLICT (name) DO NOTHING",
        soci::use(name, "name"), soci::use(candidate, "secret");
    std::string hex;
    s << "SELECT encode(secret, 'hex') FROM server_secrets WHERE name = :name", soci::use(name, "name"), soci::into(hex);
    std::string raw;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return raw;
}

}  // namespace scim::store
