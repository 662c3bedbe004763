#pragma once
// Directories through the admin API (DOMAIN.md "directory"): create one (with its first token),
// list them, issue and revoke tokens (rotation: issue a new one, move the identity provider to
// it, revoke the old), pause and resume provisioning. A paused directory answers SCIM reads; its
// writes get 503 with Retry-After, so identity providers retry later instead of failing users.

#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {

struct directory_view {
    store::directory_row directory;
    std::vector<store::token_info> tokens;  // without secrets
};

std::vector<directory_view> list_directories(context const& ctx, admin_request const& req);

// The new directory and its first token, shown once; core::error(uniqueness) for a name the
// organization already uses.
struct created_directory {
    directory_view view;
    std::string token;
};
created_directory create_directory(context const& ctx, admin_request const& req, std::string const& name);

// A new token of the directory, shown once.
std::string issue_directory_token(context const& ctx, admin_request const& req, std::string const& directory_id);
// core::error(not_found) when the directory has no such active token.
void revoke_directory_token(context const& ctx, admin_request const& req, std::string const& directory_id,
                            std::string const& token_id);

directory_view set_directory_paused(context const& ctx, admin_request const& req, std::string const& directory_id,
                                    bool paused);

}  // namespace scim::service
