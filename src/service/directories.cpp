#include "scim/service/directories.hpp"

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"

namespace scim::service {
namespace {

// The directory, when it belongs to the organization.
store::directory_row directory_of(store::session& s, admin_request const& req, std::string const& id) {
    auto d = store::find_directory(s, id);
    if (!d || d->organization_id != req.organization_id) {
        throw core::error(core::error_type::not_found, "this organization has no directory " + id);
    }
    return std::move(*d);
}

}  // namespace

std::vector<directory_view> list_directories(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<directory_view> out;
        lease.read([&](store::session& s) {
            out.clear();
            for (auto& d : store::list_directories(s, req.organization_id)) {
                auto tokens = store::list_tokens(s, d.id);
                out.push_back({std::move(d), std::move(tokens)});
            }
        });
        return out;
    });
}

created_directory create_directory(context const& ctx, admin_request const& req, std::string const& name) {
    return audited_admin_write(ctx, req, {"directory.create", "Directory", 201}, std::nullopt, [&](admin_write& write) {
        created_directory out;
        write.transact([&](store::session& s) {
            auto created = store::create_directory(s, req.organization_id, name);
            if (!created) {
                throw core::error(core::error_type::uniqueness,
                                  "the organization already has a directory \"" + name + "\"");
            }
            auto d = std::move(*created);
            out.token = store::issue_directory_token(s, d.id);
            auto tokens = store::list_tokens(s, d.id);
            out.view = {std::move(d), std::move(tokens)};
            write.target(out.view.directory.id);
            write.compare({}, audit_fields(out.view));
        });
        return out;
    });
}

std::string issue_directory_token(context const& ctx, admin_request const& req, std::string const& directory_id) {
    admin_action const audited{"directory.token.issue", "Directory", 201};
    return audited_admin_write(ctx, req, audited, directory_id, [&](admin_write& write) {
        std::string token;
        write.transact([&](store::session& s) {
            token = store::issue_directory_token(s, directory_of(s, req, directory_id).id);
            // The new token by its id: its secret is shown once, to the admin, and nowhere else.
            write.changed("token", nullptr,
                          boost::json::value(core::read_token(token, core::directory_token_prefix)->id));
        });
        return token;
    });
}

void revoke_directory_token(context const& ctx, admin_request const& req, std::string const& directory_id,
                            std::string const& token_id) {
    audited_admin_write(ctx, req, {"directory.token.revoke", "Directory", 204}, directory_id, [&](admin_write& write) {
        write.transact([&](store::session& s) {
            auto const d = directory_of(s, req, directory_id);
            if (!store::revoke_token(s, d.id, token_id)) {
                throw core::error(core::error_type::not_found, "the directory has no active token " + token_id);
            }
            write.changed("token", boost::json::value(token_id), nullptr);
        });
        // Once committed: at once on this replica, on the others within the cache's lifetime.
        ctx.tokens.forget_token(token_id);
    });
}

directory_view set_directory_paused(context const& ctx, admin_request const& req, std::string const& directory_id,
                                    bool paused) {
    admin_action const audited{paused ? "directory.pause" : "directory.resume", "Directory", 200};
    return audited_admin_write(ctx, req, audited, directory_id, [&](admin_write& write) {
        directory_view out;
        write.transact([&](store::session& s) {
            auto const was_paused = directory_of(s, req, directory_id).paused;
            if (!store::set_directory_paused(s, req.organization_id, directory_id, paused)) {
                throw core::error(core::error_type::not_found, "this organization has no directory " + directory_id);
            }
            auto d = directory_of(s, req, directory_id);
            auto tokens = store::list_tokens(s, d.id);
            out = {std::move(d), std::move(tokens)};
            write.changed("paused", was_paused, paused);
        });
        // The token cache holds the directory's settings with its tokens.
        ctx.tokens.forget_directory(directory_id);
        return out;
    });
}

}  // namespace scim::service
