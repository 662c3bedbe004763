#include "scim/service/policies.hpp"

#include "account_lookup.hpp"
#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"

namespace scim::service {
namespace {

// `settings` with the changes, checked against the rules of a policy.
domain::policy_settings changed(domain::policy_settings settings, policy_changes const& c) {
    if (c.name) settings.name = *c.name;
    if (c.type) settings.type = *c.type;
    if (c.saml_sso) settings.saml_sso = *c.saml_sso;
    if (c.two_step_required) settings.two_step_required = *c.two_step_required;
    if (c.password_min_length) settings.password_min_length = *c.password_min_length;
    if (c.password_expiry_days) settings.password_expiry_days = *c.password_expiry_days;
    if (c.idle_session_minutes) settings.idle_session_minutes = *c.idle_session_minutes;
    domain::validate(settings);
    return settings;
}

[[noreturn]] void name_taken(std::string const& name) {
    throw core::error(core::error_type::uniqueness, "the organization already has a policy named \"" + name + "\"");
}

store::policy_row existing_policy(store::session& s, std::string const& organization, std::string const& id,
                                  bool for_update) {
    auto p = store::find_policy(s, organization, id, for_update);
    if (!p) throw core::error(core::error_type::not_found, "no policy " + id + " in this organization");
    return std::move(*p);
}

}  // namespace

store::policy_row create_policy(context const& ctx, admin_request const& req, policy_changes const& settings) {
    return audited_admin_write(ctx, req, {"policy.create", "Policy", 201}, std::nullopt, [&](admin_write& write) {
        auto const wanted = changed({}, settings);
        store::policy_row created;
        write.transact([&](store::session& s) {
            auto row = store::create_policy(s, req.organization_id, wanted);
            if (!row) name_taken(wanted.name);
            write.target(row->id);
            write.compare({}, audit_fields(*row));
            created = std::move(*row);
        });
        return created;
    });
}

std::vector<store::policy_row> list_policies(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::policy_row> rows;
        lease.read([&](store::session& s) { rows = store::list_policies(s, req.organization_id); });
        return rows;
    });
}

store::policy_row show_policy(context const& ctx, admin_request const& req, std::string const& policy_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::policy_row row;
        lease.read([&](store::session& s) { row = existing_policy(s, req.organization_id, policy_id, false); });
        return row;
    });
}

store::policy_row edit_policy(context const& ctx, admin_request const& req, std::string const& policy_id,
                              policy_changes const& changes) {
    return audited_admin_write(ctx, req, {"policy.edit", "Policy", 200}, policy_id, [&](admin_write& write) {
        store::policy_row after;
        write.transact([&](store::session& s) {
            auto row = existing_policy(s, req.organization_id, policy_id, true);
            auto const before = audit_fields(row);
            row.settings = changed(std::move(row.settings), changes);
            if (!store::update_policy(s, row.id, row.settings)) name_taken(row.settings.name);
            // The row is locked: the policy as read, with the settings just written.
            write.compare(before, audit_fields(row));
            after = std::move(row);
        });
        return after;
    });
}

store::policy_row assign_policy(context const& ctx, admin_request const& req, std::string const& policy_id,
                                std::string const& account_id) {
    return audited_admin_write(ctx, req, {"policy.assign", "Account", 200}, account_id, [&](admin_write& write) {
        write.account(account_id);
        store::policy_row policy;
        write.transact([&](store::session& s) {
            policy = existing_policy(s, req.organization_id, policy_id, false);
            auto const account = locked_account(s, req.organization_id, account_id);
            domain::require_managed(account.type, "assign an authentication policy");
            auto const before = store::assigned_policy(s, account.id);
            store::assign_policy(s, account.id, policy.id);
            write.changed("policy", before ? boost::json::value(*before) : boost::json::value(nullptr),
                          boost::json::value(policy.id));
        });
        return policy;
    });
}

}  // namespace scim::service
