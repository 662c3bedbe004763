#include "scim/api/directory_tokens.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/tenants.hpp"

namespace scim::api {
namespace {

constexpr std::string_view prefix = "scimd_";

[[noreturn]] void refuse() {
    throw core::error(core::error_type::unauthorized, "a valid bearer token for this directory is required");
}

}  // namespace

std::string issue_directory_token(soci::session& s, std::string const& directory_id) {
    auto minted = core::mint_token(prefix);
    store::insert_token(s, {minted.id, directory_id, minted.secret_hash, {}});
    return minted.token;
}

store::directory_settings authenticate_directory(store::database& db, http::request const& req,
                                                 std::string const& directory_id) {
    auto const presented = core::read_bearer(req.header("authorization"), prefix);
    if (!presented) refuse();
    std::optional<store::token_row> row;
    db.read([&](soci::session& s) { row = store::find_active_token(s, presented->id); });
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored) || row->directory_id != directory_id) refuse();
    return row->directory;
}

}  // namespace scim::api
