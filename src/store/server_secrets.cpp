#include "scim/store/server_secrets.hpp"

#include "scim/core/crypto.hpp"
#include "session.hpp"

namespace scim::store {

std::string server_secret(session& s, std::string const& name) {
    // 32 random bytes travel as base64url text; PostgreSQL keeps the bytes.
    auto const candidate = core::random_token(32);
    sql_text insert("INSERT INTO server_secrets (name, secret) VALUES (");
    insert.bind(name) << ", decode(translate(";
    insert.bind(candidate) << ", '-_', '+/') || '=', 'base64')) ON CONFLICT (name) DO NOTHING";
    s.run(insert);
    sql_text select("SELECT encode(secret, 'hex') AS secret_hex FROM server_secrets WHERE name = ");
    select.bind(name);
    std::string hex;
    for (auto const& r : s.run(select)) hex = r.text("secret_hex");
    std::string raw;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return raw;
}

}  // namespace scim::store
