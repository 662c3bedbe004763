#include "scim/service/console_sessions.hpp"

#include <optional>

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/console_sessions.hpp"

namespace scim::service {
namespace {

[[noreturn]] void refuse_sign_in() {
    throw core::error(core::error_type::unauthorized, "a valid admin token is required");
}

console_session shown(store::console_session_row const& row, std::string const& cookie) {
    return {{}, row.organization_id, row.organization_name, row.token_label, row.expires, console_csrf_token(cookie)};
}

// Runs `work(write)` as audited_admin_write does, for a caller authenticated otherwise (the
// token pasted at sign-in, the session at sign-out).
template <typename Work>
void audited(admin_request const& req, store::lease& lease, std::string const& admin_token_id,
             admin_action const& action, std::optional<std::string> target, Work const& work) {
    admin_write write(req, lease, admin_token_id, action, std::move(target));
    // Sign-in's body holds the admin token; sign-out has none.
    write.withhold_request();
    run_audited(write, work);
}

}  // namespace

console_session sign_in_console(context const& ctx, admin_request const& req, std::string const& admin_token) {
    if (from_another_site(req, ctx.config.public_url))
        throw core::error(core::error_type::forbidden, "a sign-in from another site's page is refused");
    auto lease = ctx.db.acquire();
    admin_caller caller;
    lease.read([&](store::session& s) {
        if (!core::read_token(admin_token, core::admin_token_prefix)) refuse_sign_in();
        caller = authenticate_admin_token(s, "Bearer " + admin_token);
    });
    auto audited_request = req;
    audited_request.organization_id = caller.organization_id;
    auto const minted = core::mint_token(core::console_session_prefix);
    auto const seconds = static_cast<long long>(ctx.config.console_session_lifetime.count());
    std::optional<store::console_session_row> row;
    audited(audited_request, lease, caller.token_id, {"console.sign_in", "ConsoleSession", 201}, std::nullopt,
            [&](admin_write& write) {
                write.transact([&](store::session& s) {
                    row = store::start_console_session(s, minted.id, minted.secret_hash, caller.token_id,
                                                       caller.organization_id, seconds);
                    // Revoked since it was checked.
                    if (!row) refuse_sign_in();
                    write.target(row->id);
                });
            });
    auto session = shown(*row, minted.token);
    session.cookie = minted.token;
    return session;
}

console_session current_console_session(context const& ctx, admin_request const& req) {
    auto lease = ctx.db.acquire();
    std::optional<store::console_session_row> row;
    lease.read([&](store::session& s) { row = authenticate_console_session(s, req.session_cookie); });
    return shown(*row, req.session_cookie);
}

void sign_out_console(context const& ctx, admin_request const& req) {
    auto lease = ctx.db.acquire();
    std::optional<store::console_session_row> row;
    lease.read([&](store::session& s) { row = authenticate_console_session(s, req.session_cookie); });
    check_console_write(req, ctx.config.public_url);
    auto audited_request = req;
    audited_request.organization_id = row->organization_id;
    audited(audited_request, lease, row->admin_token_id, {"console.sign_out", "ConsoleSession", 204}, row->id,
            [&](admin_write& write) {
                write.transact([&](store::session& s) { store::end_console_session(s, row->id); });
            });
}

long long erase_old_console_sessions(store::database& db) {
    auto lease = db.acquire();
    long long erased = 0;
    lease.transact([&](store::session& s) { erased = store::erase_console_sessions_over(s); });
    return erased;
}

}  // namespace scim::service
