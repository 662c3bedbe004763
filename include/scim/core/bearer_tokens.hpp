#pragma once
// Bearer tokens (RFC 6750) of the form `<prefix><16 hex id>_<secret>`: SCIM directory tokens
// ("scimd_"), organization admin tokens ("scimdadmin_"), accounts' API tokens ("scimdapi_") and
// email verification tokens ("scimdverify_", carried in a link rather than a header). The id finds the stored row; only
// SHA-256(secret) is stored, and it is compared in constant time.

#include <optional>
#include <string>
#include <string_view>

namespace scim::core {

inline constexpr std::string_view directory_token_prefix = "scimd_";
inline constexpr std::string_view admin_token_prefix = "scimdadmin_";
inline constexpr std::string_view api_token_prefix = "scimdapi_";
inline constexpr std::string_view verification_token_prefix = "scimdverify_";
// The admin console's session cookie (docs/console.md "Security").
inline constexpr std::string_view console_session_prefix = "scimdsession_";

struct minted_token {
    std::string id;
    std::string secret_hash;  // what is stored
    std::string token;        // what is shown, once
};

minted_token mint_token(std::string_view prefix);

struct presented_token {
    std::string id;
    std::string secret_hash;
};

// The token of an Authorization header value ("Bearer <token>", the scheme in any case) when
// it has the shape of a `prefix` token.
std::optional<presented_token> read_bearer(std::string_view authorization, std::string_view prefix);

// `token` itself (no scheme) when it has the shape of a `prefix` token.
std::optional<presented_token> read_token(std::string_view token, std::string_view prefix);

// A token as logs and the journal may show it: its prefix and id, which tell an operator which
// token was used, with the secret cut ("scimdverify_0123456789abcdef_[redacted]"); anything
// that is not a `prefix` token is cut whole ("[redacted]").
std::string redacted_token(std::string_view token, std::string_view prefix);

// Whether `presented` matches the stored hash; costs the same when nothing is stored, so that
// timing does not tell whether the id exists.
bool token_matches(presented_token const& presented, std::optional<std::string> const& stored_hash) noexcept;

}  // namespace scim::core
