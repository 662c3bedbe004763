#include "scim/service/site_users.hpp"

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "email_verification.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "site_lookup.hpp"

namespace scim::service {
namespace {

[[noreturn]] void no_member(std::string const& account) {
    throw core::error(core::error_type::not_found, "no user " + account + " on this site");
}

// The membership of `account` on `site`, locked; 404 when the account is not on the site.
store::membership locked_membership(store::session& s, std::string const& site, std::string const& account) {
    auto found = store::find_membership(s, site, account, true);
    if (!found) no_member(account);
    return *found;
}

store::site_user site_user_of(store::session& s, admin_request const& req, std::string const& site,
                              std::string const& account) {
    auto user = store::find_site_user(s, req.organization_id, site, account);
    if (!user) no_member(account);
    return std::move(*user);
}

// The account the invitation names, locked.
store::invitee invitee_of(store::session& s, admin_request const& req, invitee_name const& named) {
    if (named.account_id) {
        auto found = store::find_invitee(s, req.organization_id, *named.account_id);
        if (!found)
            throw core::error(core::error_type::not_found, "no account " + *named.account_id + " in this organization");
        return *found;
    }
    auto const& address = named.email.value();
    if (!domain::email_domain(address)) {
        throw core::error(core::error_type::invalid_value, "\"" + address + "\" is not an email address");
    }
    return store::find_or_create_invitee(s, req.organization_id, address);
}

// How the audit names a change of a membership's status.
admin_action membership_action_audited(domain::membership_action action) {
    switch (action) {
        case domain::membership_action::suspend: return {"site.user.suspend", "SiteUser", 200};
        case domain::membership_action::restore: return {"site.user.restore", "SiteUser", 200};
        case domain::membership_action::use: return {"site.user.activity", "SiteUser", 200};
    }
    return {"site.user.activity", "SiteUser", 200};  // unreachable: every action is named above
}

// A site user's target id: the site and the account.
std::string site_user_target(std::string const& site_id, std::string const& account_id) {
    return site_id + "/" + account_id;
}

// The product named in the URL, which the site must offer.
std::string offered_product(store::site_row const& site, std::string const& named) {
    auto product = domain::normalize_product(named);
    domain::require_offered(site.products, product);
    return product;
}

}  // namespace

store::site_user invite_site_user(context const& ctx, admin_request const& req, std::string const& site_id,
                                  invitee_name const& invitee) {
    return audited_admin_write(ctx, req, {"site.user.invite", "SiteUser", 201}, std::nullopt, [&](admin_write& write) {
        if (invitee.account_id) write.account(*invitee.account_id);
        store::site_user out;
        write.transact([&](store::session& s) {
            auto const site = require_site(s, req, site_id, false);
            auto const account = invitee_of(s, req, invitee);
            auto const existing = store::find_membership(s, site.id, account.id, true);
            domain::check_invitation(account.lifecycle, existing ? std::optional(existing->status) : std::nullopt);
            store::insert_membership(s, site.id, account.id);
            out = site_user_of(s, req, site.id, account.id);
            write.target(site_user_target(site.id, account.id));
            write.account(account.id);
            write.compare({}, audit_fields(out));
            if (out.email)
                queue_site_invitation(s, req.organization_id, out.account_id, *out.email, site.name, site.url);
        });
        return out;
    });
}

store::site_user_page list_site_users(context const& ctx, admin_request const& req, std::string const& site_id,
                                      std::optional<domain::membership_status> status, std::int64_t offset,
                                      std::int64_t limit) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::site_user_page out;
        lease.read([&](store::session& s) {
            auto const site = require_site(s, req, site_id, false);
            out = store::list_site_users(s, req.organization_id, site.id, status, offset, limit);
        });
        return out;
    });
}

store::site_user show_site_user(context const& ctx, admin_request const& req, std::string const& site_id,
                                std::string const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::site_user out;
        lease.read([&](store::session& s) {
            auto const site = require_site(s, req, site_id, false);
            out = site_user_of(s, req, site.id, account_id);
        });
        return out;
    });
}

store::site_user change_site_membership(context const& ctx, admin_request const& req, std::string const& site_id,
                                        std::string const& account_id, domain::membership_action action) {
    auto const target = site_user_target(site_id, account_id);
    return audited_admin_write(ctx, req, membership_action_audited(action), target, [&](admin_write& write) {
        write.account(account_id);
        store::site_user out;
        write.transact([&](store::session& s) {
            auto const site = require_site(s, req, site_id, false);
            auto const current = locked_membership(s, site.id, account_id);
            auto const next = domain::apply(current.status, current.joined, action);
            if (action == domain::membership_action::use) {
                store::record_site_activity(s, site.id, account_id);
            } else {
                store::set_membership_status(s, site.id, account_id, next);
            }
            out = site_user_of(s, req, site.id, account_id);
            write.changed("status", boost::json::value(std::string(domain::to_string(current.status))),
                          boost::json::value(std::string(domain::to_string(out.status))));
        });
        return out;
    });
}

void remove_site_user(context const& ctx, admin_request const& req, std::string const& site_id,
                      std::string const& account_id) {
    admin_action const audited{"site.user.remove", "SiteUser", 204};
    audited_admin_write(ctx, req, audited, site_user_target(site_id, account_id), [&](admin_write& write) {
        write.account(account_id);
        write.transact([&](store::session& s) {
            auto const site = require_site(s, req, site_id, false);
            auto const removed = store::find_site_user(s, req.organization_id, site.id, account_id);
            if (!store::remove_membership(s, site.id, account_id)) no_member(account_id);
            if (removed) write.compare(audit_fields(*removed), {});
        });
    });
}

store::site_user grant_product_access(context const& ctx, admin_request const& req, std::string const& site_id,
                                      std::string const& account_id, std::string const& product) {
    admin_action const audited{"site.user.product.grant", "SiteUser", 200};
    return audited_admin_write(ctx, req, audited, site_user_target(site_id, account_id), [&](admin_write& write) {
        write.account(account_id);
        store::site_user out;
        write.transact([&](store::session& s) {
            auto const site = require_site(s, req, site_id, true);
            auto const granted = offered_product(site, product);
            locked_membership(s, site.id, account_id);
            auto const before = audit_fields(site_user_of(s, req, site.id, account_id));
            store::grant_product(s, site.id, account_id, granted);
            out = site_user_of(s, req, site.id, account_id);
            write.compare(before, audit_fields(out));
        });
        return out;
    });
}

store::site_user revoke_product_access(context const& ctx, admin_request const& req, std::string const& site_id,
                                       std::string const& account_id, std::string const& product) {
    admin_action const audited{"site.user.product.revoke", "SiteUser", 200};
    return audited_admin_write(ctx, req, audited, site_user_target(site_id, account_id), [&](admin_write& write) {
        write.account(account_id);
        store::site_user out;
        write.transact([&](store::session& s) {
            auto const site = require_site(s, req, site_id, true);
            auto const revoked = offered_product(site, product);
            locked_membership(s, site.id, account_id);
            auto const before = audit_fields(site_user_of(s, req, site.id, account_id));
            if (!store::revoke_product(s, site.id, account_id, revoked)) {
                throw core::error(core::error_type::not_found,
                                  "the user has no direct access to \"" + revoked + "\" on this site");
            }
            out = site_user_of(s, req, site.id, account_id);
            write.compare(before, audit_fields(out));
        });
        return out;
    });
}

}  // namespace scim::service
