// Accounts through the admin API (service/accounts.hpp): the managed accounts list (with SCIM
// filter syntax) and summary, one account's detail, profile edits, the lifecycle, two-step
// verification exclusion and password resets.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/sites.hpp"
#include "scim/protocol/date_time.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/service/accounts.hpp"

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
        o["syncedBy"] =
            json::object{{"id", *a.synced_by_directory_id}, {"name", a.synced_by_directory_name.value_or("")}};
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

http::response account_response(store::account_detail const& a) { return json_response(200, account_json(a)); }

// The seed's "Product Access of your managed accounts" on a row of the list:
// [{"product": "jira", "sites": [{"id": "5b1e…", "name": "Acme Cloud"}]}], by product.
json::array product_access_json(store::account_page const& page, std::string const& account_id) {
    json::array out;
    auto const found = page.product_access.find(account_id);
    if (found == page.product_access.end()) return out;
    for (auto const& reached : found->second) {
        json::array sites;
        for (auto const& site : reached.sites) sites.push_back(json::object{{"id", site.id}, {"name", site.name}});
        out.push_back(json::object{{"product", reached.product}, {"sites", std::move(sites)}});
    }
    return out;
}

// ?filter=…&sortBy=…&sortOrder=…&startIndex=…&count=… as in SCIM (RFC 7644 §3.4.2).
http::response list_managed(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const query = protocol::parse_list_query(call.parameters, ctx.config.scim);
    auto const page = service::list_managed_accounts(ctx, call.request, query);
    json::array accounts;
    for (auto const& a : page.accounts) {
        auto listed = account_json(a);
        listed["productAccess"] = product_access_json(page, a.id);
        accounts.push_back(std::move(listed));
    }
    return json_response(
        200, json::object{
                 {"totalResults", page.total}, {"startIndex", query.start_index}, {"accounts", std::move(accounts)}});
}

http::response summary(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const sum = service::summarize_managed_accounts(ctx, admin_call_of(req, p).request);
    return json_response(200, json::object{{"total", sum.counts.total},
                                           {"deactivated", sum.counts.deactivated},
                                           {"secureLogin", sum.counts.secure_login},
                                           {"sso", sum.counts.sso},
                                           {"secureLoginPercent", sum.secure_login_percent}});
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const view = service::show_account(ctx, admin_call_of(req, p).request, p.at("id"));
    json::array groups;
    for (auto const& g : view.groups)
        groups.push_back(json::object{{"id", g.id}, {"displayName", g.display_name}, {"synced", g.synced}});
    json::array sites;
    for (auto const& m : view.site_memberships) {
        sites.push_back(json::object{{"site", m.site_id},
                                     {"siteName", m.site_name},
                                     {"status", domain::to_string(m.status)},
                                     {"products", json::array(m.products.begin(), m.products.end())}});
    }
    auto detail = account_json(view.account);
    detail["groups"] = std::move(groups);
    detail["siteMemberships"] = std::move(sites);
    return json_response(200, detail);
}

// Profile edits: {"displayName": "…", "jobTitle": null, …}; null clears a field.
http::response edit(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    service::profile_edits edits;
    for (auto const& m : read_json(ctx, req)) {
        std::string name(m.key());
        if (!m.value().is_string() && !m.value().is_null()) {
            throw core::error(core::error_type::invalid_value, "\"" + name + "\" must be a string or null");
        }
        edits.emplace_back(std::move(name), m.value().is_null()
                                                ? std::nullopt
                                                : std::optional<std::string>(std::string(m.value().as_string())));
    }
    return account_response(service::edit_profile(ctx, call.request, p.at("id"), edits));
}

http::response deactivate(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return account_response(service::deactivate_account(ctx, admin_call_of(req, p).request, p.at("id")));
}

http::response reactivate(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return account_response(service::reactivate_account(ctx, admin_call_of(req, p).request, p.at("id")));
}

http::response schedule_deletion(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return account_response(service::delete_account(ctx, admin_call_of(req, p).request, p.at("id")));
}

http::response cancel_deletion(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return account_response(service::cancel_account_deletion(ctx, admin_call_of(req, p).request, p.at("id")));
}

// {"until": "<RFC 3339>"} excludes the account from two-step verification until then;
// {"until": null} ends the exclusion. The date-time is checked here, strictly (no
// "infinity", no 30 February, no free text), before it reaches the database's CAST.
http::response exclude_from_two_step(service::context const& ctx, http::request const& req,
                                     http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    auto const* until = body.if_contains("until");
    if (!until || !(until->is_null() || (until->is_string() && protocol::is_rfc3339_date_time(until->as_string())))) {
        throw core::error(core::error_type::invalid_value,
                          "\"until\" must be an RFC 3339 date-time such as \"2026-12-31T23:59:59Z\" (years 0001 to "
                          "9999), or null");
    }
    auto const when = until->is_null() ? std::nullopt : std::optional<std::string>(std::string(until->as_string()));
    return account_response(service::exclude_from_two_step(ctx, call.request, p.at("id"), when));
}

http::response require_password_reset(service::context const& ctx, http::request const& req,
                                      http::route_params const& p) {
    service::require_password_reset(ctx, admin_call_of(req, p).request, p.at("id"));
    return no_content();
}

}  // namespace

void add_account_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}";
    routes.add("GET", base + "/managed-accounts", bind(ctx, list_managed));
    routes.add("GET", base + "/managed-accounts/summary", bind(ctx, summary));
    routes.add("GET", base + "/accounts/{id}", bind(ctx, show));
    routes.add("PATCH", base + "/accounts/{id}", bind(ctx, edit));
    routes.add("POST", base + "/accounts/{id}/deactivate", bind(ctx, deactivate));
    routes.add("POST", base + "/accounts/{id}/reactivate", bind(ctx, reactivate));
    routes.add("POST", base + "/accounts/{id}/delete", bind(ctx, schedule_deletion));
    routes.add("POST", base + "/accounts/{id}/cancel-deletion", bind(ctx, cancel_deletion));
    routes.add("POST", base + "/accounts/{id}/two-step-exclusion", bind(ctx, exclude_from_two_step));
    routes.add("POST", base + "/accounts/{id}/require-password-reset", bind(ctx, require_password_reset));
}

}  // namespace scim::admin
