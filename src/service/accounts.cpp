#include "scim/service/accounts.hpp"

#include "account_lookup.hpp"
#include "account_values.hpp"
#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "email_verification.hpp"
#include "scim/core/config.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text_rules.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/domain/profile_values.hpp"
#include "scim/domain/sync_lock.hpp"
#include "scim/domain/two_step.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/managed_account_schema.hpp"
#include "scim/store/devices.hpp"

namespace scim::service {
namespace {

// The admin API's names of the profile fields (DOMAIN.md "account").
// A profile field by its admin API name, and what its values may be (docs/errors.md "Limits"):
// the same lengths as the SCIM attributes that fill it (name parts, labels, photo URLs).
struct profile_field_rule {
    store::profile_field field;
    core::text_rule rule;
};

std::optional<profile_field_rule> profile_field_named(std::string const& name) {
    using field = store::profile_field;
    using limits = core::text_limits;
    static std::pair<char const*, profile_field_rule> const fields[] = {
        {"displayName", {field::display_name, {limits::line_bytes}}},
        {"givenName", {field::given_name, {limits::name_part_bytes}}},
        {"familyName", {field::family_name, {limits::name_part_bytes}}},
        {"jobTitle", {field::job_title, {limits::line_bytes}}},
        {"department", {field::department, {limits::line_bytes}}},
        {"organizationName", {field::organization_name, {limits::line_bytes}}},
        {"timezone", {field::timezone, {limits::label_bytes}}},
        {"preferredLanguage", {field::preferred_language, {limits::label_bytes}}},
        {"location", {field::location, {limits::line_bytes}}},
        {"pictureUrl", {field::picture_url, {limits::photo_bytes}}},
    };
    for (auto const& [n, f] : fields) {
        if (name == n) return f;
    }
    return std::nullopt;
}

// The field of `a` that update_profile wrote `value` into.
std::optional<std::string>& field_of(store::account_detail& a, store::profile_field f) {
    using field = store::profile_field;
    switch (f) {
        case field::display_name: return a.profile.display_name;
        case field::given_name: return a.profile.given_name;
        case field::family_name: return a.profile.family_name;
        case field::job_title: return a.profile.job_title;
        case field::department: return a.profile.department;
        case field::organization_name: return a.profile.organization_name;
        case field::timezone: return a.profile.timezone;
        case field::preferred_language: return a.profile.preferred_language;
        case field::location: return a.location;
        case field::picture_url: return a.picture_url;
    }
    return a.profile.display_name;  // unreachable: every field is named above
}

// The values some fields take (docs/accounts.md "Profile values"): a picture is an https URL,
// a time zone one of the IANA database.
void check_profile_value(store::session& s, std::string const& name, store::profile_field field,
                         std::string const& value) {
    if (field == store::profile_field::picture_url) {
        if (auto const problem = domain::picture_url_problem(value))
            throw core::error(core::error_type::invalid_value, "\"" + name + "\" " + *problem);
    }
    if (field == store::profile_field::timezone) check_time_zone(s, name, value);
}

// `action` on the managed account, audited as `audited`; `doing` names it in the refusal of an
// external user.
store::account_detail change_lifecycle(context const& ctx, admin_request const& req, std::string const& account_id,
                                       domain::lifecycle_action action, admin_action const& audited,
                                       char const* doing) {
    return audited_admin_write(ctx, req, audited, account_id, [&](admin_write& write) {
        write.account(account_id);
        store::account_detail after;
        write.transact([&](store::session& s) {
            auto a = locked_account(s, req.organization_id, account_id);
            auto const before = audit_fields(a);
            domain::require_managed(a.type, doing);
            // Whether a synced account is active is its identity provider's to say.
            domain::check_synced_lifecycle(directory_lock(a), action, a.lifecycle);
            auto const next = domain::apply(a.lifecycle, action);
            // The row is locked: the account as read, with what this statement wrote.
            a.deletion_due_at = store::set_lifecycle(s, a.id, next, ctx.config.account_deletion_grace_days);
            a.lifecycle = next;
            a.profile.active = next == domain::lifecycle::active;
            write.compare(before, audit_fields(a));
            after = std::move(a);
        });
        return after;
    });
}

}  // namespace

store::account_page list_managed_accounts(context const& ctx, admin_request const& req,
                                          protocol::list_query const& query) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        auto const limits = protocol::filter_limits_of(ctx.config.scim);
        auto const& registry = protocol::managed_account_registry();
        auto const& type = protocol::managed_account_type();
        std::optional<protocol::bound_filter> filter;
        std::optional<protocol::bound_path> sort_by;
        std::string canonical_filter;
        if (query.filter) {
            auto const parsed = protocol::parse_filter(*query.filter, limits);
            canonical_filter = protocol::to_string(parsed);
            filter = protocol::bind_filter(parsed, registry, type);
        }
        if (query.sort_by) sort_by = protocol::bind_sort_by(*query.sort_by, limits, registry, type);
        bool const descending = query.order == protocol::sort_order::descending;
        store::managed_accounts_query wanted;
        wanted.filter = filter ? &*filter : nullptr;
        wanted.sort_by = sort_by ? &*sort_by : nullptr;
        wanted.descending = descending;
        wanted.offset = query.start_index - 1;
        wanted.limit = query.count;
        // The console pages through the list with Next and Previous: each page after the first
        // starts where a page the server served ended, which it seeks to instead of skipping
        // every row before it (listing_memory.hpp, as SCIM listings do).
        auto const fingerprint = req.organization_id + "\nManagedAccount\n" + canonical_filter + "\n" +
                                 (sort_by ? protocol::to_string(*sort_by) : "") + "\n" + (descending ? "d" : "a");
        if (filter) {
            wanted.counted = ctx.listings.find_total(fingerprint);
        } else if (wanted.offset > 0) {
            wanted.resume = ctx.listings.find_end(fingerprint, wanted.offset);
        }
        store::account_page page;
        lease.read([&](store::session& s) { page = store::list_managed_accounts(s, req.organization_id, wanted); });
        ctx.listings.remember_page(fingerprint, filter.has_value(), page.stamp, page.total,
                                   wanted.offset + static_cast<std::int64_t>(page.accounts.size()),
                                   page.more ? page.next_after : std::nullopt);
        return page;
    });
}

managed_accounts_summary summarize_managed_accounts(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        managed_accounts_summary out;
        lease.read([&](store::session& s) { out.counts = store::summarize_managed_accounts(s, req.organization_id); });
        // Secure login is a SAML single sign-on policy or two-step verification
        // (domain::uses_secure_login), counted by the store.
        out.secure_login_percent = domain::secure_login_percent(out.counts.secure_login, out.counts.total);
        return out;
    });
}

account_view show_account(context const& ctx, admin_request const& req, std::string const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        account_view out;
        lease.read([&](store::session& s) {
            out.account = visible_account(s, req.organization_id, account_id);
            out.groups = store::groups_of_account(s, req.organization_id, out.account.id);
            out.site_memberships = store::site_memberships_of_account(s, req.organization_id, out.account.id);
        });
        return out;
    });
}

store::account_detail edit_profile(context const& ctx, admin_request const& req, std::string const& account_id,
                                   profile_edits const& edits) {
    return audited_admin_write(ctx, req, {"account.edit", "Account", 200}, account_id, [&](admin_write& write) {
        write.account(account_id);
        store::account_detail after;
        write.transact([&](store::session& s) {
            auto a = locked_account(s, req.organization_id, account_id);
            auto const before = audit_fields(a);
            domain::require_managed(a.type, "edit the profile");
            std::vector<std::string> names;
            for (auto const& edit : edits) names.push_back(edit.first);
            // The verification gate guards the address, not the profile (domain::require_verified_address).
            domain::check_account_edit(directory_lock(a), names);
            std::vector<std::pair<store::profile_field, std::optional<std::string>>> fields;
            for (auto const& [name, value] : edits) {
                auto const field = profile_field_named(name);
                if (!field)
                    throw core::error(core::error_type::invalid_value,
                                      "\"" + name + "\" is not a profile field of an account");
                if (auto const problem = value ? core::text_problem(*value, field->rule) : std::nullopt)
                    throw core::error(core::error_type::invalid_value, "\"" + name + "\" " + *problem);
                if (value) check_profile_value(s, name, field->field, *value);
                fields.emplace_back(field->field, value);
            }
            store::update_profile(s, a.id, fields);
            // The row is locked and the values are stored as given: the account as read, edited.
            for (auto const& [field, value] : fields) field_of(a, field) = value;
            write.compare(before, audit_fields(a));
            after = std::move(a);
        });
        return after;
    });
}

store::account_detail deactivate_account(context const& ctx, admin_request const& req, std::string const& account_id) {
    return change_lifecycle(ctx, req, account_id, domain::lifecycle_action::deactivate,
                            {"account.deactivate", "Account", 200}, "deactivate");
}

store::account_detail reactivate_account(context const& ctx, admin_request const& req, std::string const& account_id) {
    return change_lifecycle(ctx, req, account_id, domain::lifecycle_action::reactivate,
                            {"account.reactivate", "Account", 200}, "reactivate");
}

store::account_detail delete_account(context const& ctx, admin_request const& req, std::string const& account_id) {
    return change_lifecycle(ctx, req, account_id, domain::lifecycle_action::schedule_deletion,
                            {"account.delete", "Account", 200}, "delete");
}

store::account_detail cancel_account_deletion(context const& ctx, admin_request const& req,
                                              std::string const& account_id) {
    return change_lifecycle(ctx, req, account_id, domain::lifecycle_action::cancel_deletion,
                            {"account.cancel-deletion", "Account", 200}, "cancel the deletion");
}

store::account_detail exclude_from_two_step(context const& ctx, admin_request const& req, std::string const& account_id,
                                            std::optional<std::string> const& until) {
    admin_action const audited{"account.two-step-exclusion", "Account", 200};
    return audited_admin_write(ctx, req, audited, account_id, [&](admin_write& write) {
        write.account(account_id);
        store::account_detail after;
        write.transact([&](store::session& s) {
            auto a = locked_account(s, req.organization_id, account_id);
            auto const before = audit_fields(a);
            domain::require_managed(a.type, "exclude from two-step verification");
            // An exclusion is temporary, from a policy that enforces two-step verification;
            // ending one always succeeds.
            if (until) {
                auto const state = store::read_two_step_state(s, a.id);
                domain::check_two_step_exclusion(store::in_future(s, *until), state.policy_requires, state.policy_name);
            }
            // As PostgreSQL read it: the date-time in UTC, to the millisecond.
            a.two_step_excluded_until = store::set_two_step_exclusion(s, a.id, until);
            write.compare(before, audit_fields(a));
            after = std::move(a);
        });
        return after;
    });
}

void require_password_reset(context const& ctx, admin_request const& req, std::string const& account_id) {
    admin_action const audited{"account.require-password-reset", "Account", 204};
    audited_admin_write(ctx, req, audited, account_id, [&](admin_write& write) {
        write.account(account_id);
        write.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::require_managed(a.type, "require a password reset");
            store::require_password_reset(s, a.id);
            write.changed("passwordResetRequired", a.password_reset_required, true);
            if (a.email) queue_password_reset_notice(s, req.organization_id, a.id, *a.email);
        });
    });
}

}  // namespace scim::service
