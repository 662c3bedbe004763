#include "scim/api/directory_tokens.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/tenants.hpp"

namespace scim::api {
namespace {

[[noreturn]] void refuse() {
    throw core::error(core::error_type::unauthorized, "a valid bearer token for this directory is required");
}

}  // namespace

store::directory_settings verify_directory_token(store::database& db, http::request const& req,
                                                 std::string const& directory_id) {
    auto const presented = core::read_bearer(req.header("authorization"), core::directory_token_prefix);
    if (!presented) refuse();
    std::optional<store::token_row> row;
    db.read([&](soci::session& s) { row = store::find_active_token(s, presented->id); });
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored) || row->directory_id != directory_id) refuse();
    return row->directory;
}

void refuse_paused_writes(http::request const& req, store::directory_settings const& directory) {
    // A paused directory (admin API) still answers reads; its writes wait until it resumes.
    bool const reads = req.method == "GET" || req.method == "HEAD" || req.path.ends_with("/.search");
    if (directory.paused && !reads) {
        throw core::error(core::error_type::service_unavailable,
                          "provisioning to this directory is paused by an administrator; try again later")
            .retry_after(60);
    }
}

store::directory_settings authenticate_directory(store::database& db, http::request const& req,
                                                 std::string const& directory_id) {
    auto const directory = verify_directory_token(db, req, directory_id);
    refuse_paused_writes(req, directory);
    return directory;
}

}  // namespace scim::api
