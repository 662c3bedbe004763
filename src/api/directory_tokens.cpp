#include "scim/api/directory_tokens.hpp"

#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/store/tenants.hpp"

namespace scim::api {
namespace {

constexpr std::string_view prefix = "scimd_";
constexpr std::size_t id_length = 16;
constexpr std::size_t secret_bytes = 32;

std::string random_hex_id() {
    auto raw = core::sha256(core::random_token(16));
    static constexpr char digits[] = "0123456789abcdef";
    std::string id;
    for (std::size_t i = 0; i < id_length / 2; ++i) {
        auto c = static_cast<unsigned char>(raw[i]);
        id += digits[c >> 4];
        id += digits[c & 15];
    }
    return id;
}

[[noreturn]] void refuse() {
    throw core::error(core::error_type::unauthorized, "a valid bearer token for this directory is required");
}

// RFC 6750 §2.1: "Bearer" (any case) followed by the token.
std::string_view bearer_token(http::request const& req) {
    auto value = req.header("authorization");
    constexpr std::string_view scheme = "bearer ";
    if (value.size() <= scheme.size() || !core::iequals(value.substr(0, scheme.size()), scheme)) return {};
    value.remove_prefix(scheme.size());
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return value;
}

}  // namespace

std::string issue_directory_token(soci::session& s, std::string const& directory_id) {
    std::string id = random_hex_id();
    std::string secret = core::random_token(secret_bytes);
    store::insert_token(s, {id, directory_id, core::sha256(secret), {}});
    return std::string(prefix) + id + "_" + secret;
}

store::directory_settings authenticate_directory(store::database& db, http::request const& req,
                                                 std::string const& directory_id) {
    auto token = bearer_token(req);
    if (token.size() <= prefix.size() + id_length + 1 || token.substr(0, prefix.size()) != prefix ||
        token[prefix.size() + id_length] != '_') {
        refuse();
    }
    std::string id(token.substr(prefix.size(), id_length));
    auto secret = token.substr(prefix.size() + id_length + 1);
    std::optional<store::token_row> row;
    db.read([&](soci::session& s) { row = store::find_active_token(s, id); });
    // Hash and compare even when no row was found, so both paths cost the same.
    auto presented = core::sha256(secret);
    std::string expected = row ? row->secret_hash : std::string(presented.size(), '\0');
    bool valid = core::constant_time_equal(presented, expected) && row.has_value();
    if (!valid || row->directory_id != directory_id) refuse();
    return row->directory;
}

}  // namespace scim::api
