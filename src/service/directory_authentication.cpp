#include "directory_authentication.hpp"

#include "rate_limiting.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"

namespace scim::service {
namespace {

[[noreturn]] void refuse() {
    throw core::error(core::error_type::unauthorized, "a valid bearer token for this directory is required");
}

}  // namespace

store::directory_settings authenticate_directory(context const& ctx, store::session& s, scim_request const& req) {
    auto const presented = core::read_bearer(req.authorization, core::directory_token_prefix);
    if (!presented) refuse();
    auto row = ctx.tokens.find(presented->id);
    if (!row) {
        row = store::find_active_token(s, presented->id);
        if (row) ctx.tokens.remember(*row);
    }
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored) || row->directory_id != req.directory_id) refuse();
    // Every authenticated request costs one token of its directory's bucket, before any other work.
    charge_rate_limit(ctx, req, row->directory);
    return row->directory;
}

void refuse_paused_writes(scim_request const& req, store::directory_settings const& directory) {
    // A paused directory (admin API) still answers reads; its writes wait until it resumes.
    bool const reads = req.method == "GET" || req.method == "HEAD" || req.path.ends_with("/.search");
    if (directory.paused && !reads) {
        throw core::error(core::error_type::service_unavailable,
                          "provisioning to this directory is paused by an administrator; try again later")
            .retry_after(60);
    }
}

}  // namespace scim::service
