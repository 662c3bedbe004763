// Accounts through the admin API (the seed's "Managed accounts" page and account page): the
// managed accounts list (with SCIM filter syntax) and summary, one account's detail, profile
// edits under the sync lock, the lifecycle (deactivate, reactivate, delete with a grace period, cancel the deletion),
// two-step verification exclusion and password resets. Every change needs the organization to
// manage the account (domain::require_managed); the IdP-owned fields of a synced account, and
// its active state, change only through SCIM (domain::check_account_edit).

#include <cmath>

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/domain/sync_lock.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/managed_account_schema.hpp"
#include "scim/store/group_accounts.hpp"
#include "scim/store/managed_accounts.hpp"
#include "scim/store/site_memberships.hpp"
#include "account_lookup.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object account_json(store::account_detail const& a) {
    json::object o{{"id", a.id}};
    put_optional(o, "email", a.email);
    put_optional(o, "pendingEmail", a.pending_email);
    put_optional(o, "displayName", a.profile.display_name);
    put_optional(o, "givenName", a.profile.given_name);
    put_optional(o, "familyName", a.profile.family_name);
    put_optional(o, "jobTitle", a.profile.job_title);
    put_optional(o, "department", a.profile.department);
    put_optional(o, "organizationName", a.profile.organization_name);
    put_optional(o, "timezone", a.profile.timezone);
    put_optional(o, "preferredLanguage", a.profile.preferred_language);
    put_optional(o, "location", a.location);
    put_optional(o, "pictureUrl", a.picture_url);
    o["accountType"] = domain::to_string(a.type);
    o["lifecycle"] = domain::to_string(a.lifecycle);
    put_optional(o, "deletionDueAt", a.deletion_due_at);
    o["synced"] = a.synced_by_directory_id.has_value();
    if (a.synced_by_directory_id) {
        o["syncedBy"] = json::object{{"id", *a.synced_by_directory_id}, {"name", a.synced_by_directory_name.value_or("")}};
    }
    o["emailVerified"] = a.email_verified;
    json::object two_step{{"enrolled", a.two_step_enrolled}};
    put_optional(two_step, "excludedUntil", a.two_step_excluded_until);
    o["twoStepVerification"] = std::move(two_step);
    o["passwordResetRequired"] = a.password_reset_required;
    put_optional(o, "lastActive", a.last_active);
    o["created"] = a.created;
    return o;
}

// filter and sortBy of the managed-accounts list, bound against its internal schema
// (protocol/managed_account_schema.hpp) by the same parser and binder as SCIM's.
struct managed_accounts_request {
    std::optional<protocol::bound_filter> filter;
    std::optional<protocol::bound_path> sort_by;
    protocol::list_query query;
};

managed_accounts_request parse_managed_accounts_request(context const& ctx, http::request const& req) {
    managed_accounts_request out;
    out.query = protocol::parse_list_query(http::query_parameters(req.query), ctx.config.scim);
    auto const limits = protocol::filter_limits_of(ctx.config.scim);
    auto const& registry = protocol::managed_account_registry();
    auto const& type = protocol::managed_account_type();
    if (out.query.filter) {
        out.filter = protocol::bind_filter(protocol::parse_filter(*out.query.filter, limits), registry, type);
    }
    if (out.query.sort_by) out.sort_by = protocol::bind_sort_by(*out.query.sort_by, limits, registry, type);
    return out;
}

}  // namespace

void add_account_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}";

    routes.add("GET", base + "/managed-accounts", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const request = parse_managed_accounts_request(ctx, req);
        auto const start = request.query.start_index;
        store::managed_accounts_query const query{request.filter ? &*request.filter : nullptr,
                                                  request.sort_by ? &*request.sort_by : nullptr,
                                                  request.query.order == protocol::sort_order::descending, start - 1,
                                                  request.query.count};
        store::account_page page;
        ctx.db.read([&](soci::session& s) { page = store::list_managed_accounts(s, organization, query); });
        json::array accounts;
        for (auto const& a : page.accounts) accounts.push_back(account_json(a));
        return json_response(200, json::object{{"totalResults", page.total}, {"startIndex", start},
                                               {"accounts", std::move(accounts)}});
    });

    routes.add("GET", base + "/managed-accounts/summary", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        store::managed_summary sum;
        ctx.db.read([&](soci::session& s) { sum = store::summarize_managed_accounts(s, organization); });
        // The seed: "Percentage of managed accounts that are using secure login [SSO or MFA]":
        // a SAML single sign-on policy or two-step verification (domain::uses_secure_login).
        double const percent = sum.total == 0 ? 0.0 : 100.0 * static_cast<double>(sum.secure_login) / static_cast<double>(sum.total);
        return json_response(200, json::object{{"total", sum.total},
                                               {"deactivated", sum.deactivated},
                                               {"secureLogin", sum.secure_login},
                                               {"sso", sum.sso},
                                               {"secureLoginPercent", std::round(percent * 10) / 10}});
    });

    routes.add("GET", base + "/accounts/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        std::optional<store::account_detail> a;
        std::vector<store::account_group> groups;
        std::vector<store::site_membership_reference> memberships;
        ctx.db.read([&](soci::session& s) {
            a = visible_account(s, organization, p.at("id"));
            groups = store::groups_of_account(s, organization, a->id);
            memberships = store::site_memberships_of_account(s, organization, a->id);
        });
        // The organization's groups it belongs to, of both kinds (admin-api.md "Groups").
        json::array listed;
        for (auto const& g : groups) listed.push_back(json::object{{"id", g.id}, {"displayName", g.display_name}, {"synced", g.synced}});
        // The seed's "Product access" table: the organization's sites and what it reaches there.
        json::array sites;
        for (auto const& m : memberships) {
            sites.push_back(json::object{{"site", m.site_id}, {"siteName", m.site_name}, {"status", domain::to_string(m.status)},
                                         {"products", json::array(m.products.begin(), m.products.end())}});
        }
        auto detail = account_json(*a);
        detail["groups"] = std::move(listed);
        detail["siteMemberships"] = std::move(sites);
        return json_response(200, detail);
    });

    // Profile edits: {"displayName": "…", "jobTitle": null, …}; null clears a field.
    routes.add("PATCH", base + "/accounts/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        std::vector<std::pair<std::string, std::optional<std::string>>> fields;
        std::vector<std::string> names;
        for (auto const& m : body) {
            std::string const name(m.key());
            if (!m.value().is_string() && !m.value().is_null()) {
                throw core::error(core::error_type::invalid_value, "\"" + name + "\" must be a string or null");
            }
            fields.emplace_back(name, m.value().is_null() ? std::nullopt
                                                          : std::optional<std::string>(std::string(m.value().as_string())));
            names.push_back(name);
        }
        std::optional<store::account_detail> after;
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::require_managed(a.type, "edit the profile");
            domain::check_account_edit(directory_lock(a), names);
            domain::require_verified_address(a.email_verified, "edit the profile");
            store::update_profile(s, a.id, fields);
            after = store::find_account(s, organization, a.id);
        });
        return json_response(200, account_json(*after));
    });

    // Lifecycle actions (DOMAIN.md): the transitions are domain::apply's.
    struct lifecycle_route {
        char const* path;
        domain::lifecycle_action action;
        char const* doing;
    };
    for (auto const& r : {lifecycle_route{"deactivate", domain::lifecycle_action::deactivate, "deactivate"},
                          lifecycle_route{"reactivate", domain::lifecycle_action::reactivate, "reactivate"},
                          lifecycle_route{"delete", domain::lifecycle_action::schedule_deletion, "delete"},
                          lifecycle_route{"cancel-deletion", domain::lifecycle_action::cancel_deletion, "cancel the deletion"}}) {
        routes.add("POST", base + "/accounts/{id}/" + r.path, [&ctx, r](http::request const& req, http::route_params const& p) {
            auto const& organization = p.at("organization");
            authenticate_admin(ctx, req, organization);
            std::optional<store::account_detail> after;
            ctx.db.transact([&](soci::session& s) {
                auto const a = locked_account(s, organization, p.at("id"));
                domain::require_managed(a.type, r.doing);
                // Whether a synced account is active is its identity provider's to say.
                if (r.action == domain::lifecycle_action::deactivate || r.action == domain::lifecycle_action::reactivate) {
                    domain::check_account_edit(directory_lock(a), {"active"});
                }
                auto const next = domain::apply(a.lifecycle, r.action);
                store::set_lifecycle(s, a.id, next, ctx.config.account_deletion_grace_days);
                after = store::find_account(s, organization, a.id);
            });
            return json_response(200, account_json(*after));
        });
    }

    // {"until": "<RFC 3339>"} excludes the account from two-step verification until then;
    // {"until": null} ends the exclusion.
    routes.add("POST", base + "/accounts/{id}/two-step-exclusion", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        auto const* until = body.if_contains("until");
        if (!until || !(until->is_string() || until->is_null())) {
            throw core::error(core::error_type::invalid_value, "\"until\" must be an RFC 3339 date-time or null");
        }
        std::optional<store::account_detail> after;
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::require_managed(a.type, "exclude from two-step verification");
            store::set_two_step_exclusion(s, a.id, until->is_null() ? std::nullopt
                                                                    : std::optional<std::string>(std::string(until->as_string())));
            after = store::find_account(s, organization, a.id);
        });
        return json_response(200, account_json(*after));
    });

    routes.add("POST", base + "/accounts/{id}/require-password-reset", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::require_managed(a.type, "require a password reset");
            store::require_password_reset(s, a.id);
        });
        http::response res;
        res.status = 204;
        return res;
    });
}

}  // namespace scim::admin
