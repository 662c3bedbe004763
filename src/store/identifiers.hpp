#pragma once
// Ids in URLs are client input: anything that is not a UUID cannot name a row, and must
// not reach a uuid column (PostgreSQL would refuse the cast with an error).

#include <string>
#include <string_view>
#include <vector>

namespace scim::store {

bool is_uuid(std::string_view text) noexcept;

// Token hashes (bytea) travel as hex text so that no binary binding is needed: "\\x…" to
// CAST(… AS bytea), and back from encode(…, 'hex').
std::string to_bytea_hex(std::string const& bytes);
std::string from_hex(std::string const& hex);

// The UUIDs among `ids`, in order: anything else names no row.
std::vector<std::string> uuids_among(std::vector<std::string> const& ids);

}  // namespace scim::store
