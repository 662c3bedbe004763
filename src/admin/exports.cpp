// The two CSV exports through the admin API (service/exports.hpp), streamed: the use case
// opens the export; the server then asks for the body a batch at a time (http::body_producer),
// so neither scimd nor the database connection ever holds the whole file. Text that users or
// identity providers control goes through core::csv_writer::text, which defuses spreadsheet
// formulas; the values scimd writes itself do not.

#include <memory>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "csv_stream.hpp"
#include "scim/core/csv.hpp"
#include "scim/domain/policies.hpp"
#include "scim/service/exports.hpp"
#include "site_parameters.hpp"

namespace scim::admin {
namespace {

std::string yes_no(bool b) { return b ? "Yes" : "No"; }

std::string joined(std::vector<std::string> const& names) {
    std::string out;
    for (auto const& n : names) out += (out.empty() ? "" : "; ") + n;
    return out;
}

std::string managed_header(std::vector<std::string> const& products) {
    core::csv_writer out;
    for (auto const* column :
         {"Name", "Email", "Last active", "Status", "Billable", "Policy name", "Policy type", "SAML single sign-on",
          "Two-step verification", "Password requirements", "Idle session duration"}) {
        out.value(column);
    }
    for (auto const& product : products) out.text(product);
    return out.end_record().take();
}

// The seed's "Two-step verification (if two-step verification is enabled for members)": what
// the policy asks and what the account did.
std::string two_step_text(store::managed_export_row const& row) {
    std::string const enrolled = row.two_step_enrolled ? "Enrolled" : "Not enrolled";
    return row.policy.two_step_required ? "Required; " + enrolled : enrolled;
}

void write_managed_row(core::csv_writer& out, std::vector<std::string> const& products,
                       store::managed_export_row const& row) {
    auto const& policy = row.policy;
    out.text(row.name.value_or(""))
        .text(row.email.value_or(""))
        .value(row.last_active.value_or(""))
        .value(row.lifecycle == domain::lifecycle::active ? "active" : "deactivated")
        .value(yes_no(domain::is_billable(row.lifecycle, policy.type)))
        .text(policy.name)
        .value(domain::to_string(policy.type))
        .value(yes_no(policy.saml_sso))
        .value(two_step_text(row))
        .value(domain::describe_password_requirements(policy.password_min_length, policy.password_expiry_days))
        .value(domain::describe_idle_session(policy.idle_session_minutes));
    for (auto const& product : products) {
        auto const sites = row.sites_by_product.find(product);
        out.text(sites == row.sites_by_product.end() ? "" : joined(sites->second));
    }
    out.end_record();
}

// `with_site`: the file covers several sites, and each row says which.
std::string site_users_header(std::vector<std::string> const& products, bool with_site) {
    core::csv_writer out;
    if (with_site) out.value("Site");
    for (auto const* column : {"Name", "Email", "Account type", "Status on site", "Last active on site"})
        out.value(column);
    for (auto const& product : products) out.text(product);
    return out.value("Groups").end_record().take();
}

// "No", "Yes" (granted directly), "Yes (via Engineering; Support)", "Yes (direct; via Support)".
std::string access_text(store::product_reach const& access) {
    if (access.groups.empty()) return yes_no(access.direct);
    return std::string("Yes (") + (access.direct ? "direct; " : "") + "via " + joined(access.groups) + ")";
}

void write_site_user_row(core::csv_writer& out, std::vector<std::string> const& products, bool with_site,
                         store::site_user_row const& row) {
    if (with_site) out.text(row.site);
    out.text(row.name.value_or(""))
        .text(row.email.value_or(""))
        .value(domain::to_string(row.type))
        .value(row.status)
        .value(row.last_active.value_or(""));
    for (auto const& product : products) {
        auto const access = row.access.find(product);
        out.text(access == row.access.end() ? "No" : access_text(access->second));
    }
    out.text(joined(row.groups)).end_record();
}

http::response managed_accounts(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto opened = std::make_shared<service::managed_accounts_export>(
        service::open_managed_accounts_export(ctx, admin_call_of(req, p).request));
    auto const& products = opened->products();
    auto write = [products](core::csv_writer& out, store::managed_export_row const& row) {
        write_managed_row(out, products, row);
    };
    return csv_response("managed-accounts.csv", batches(opened, managed_header(products), write));
}

// The users of `sites` (none: all the organization's), as `filename`; with a Site column
// unless the file covers one site named in the URL.
http::response site_users_file(service::context const& ctx, admin_call const& call,
                               std::vector<std::string> const& sites, bool with_site, std::string const& filename) {
    auto opened =
        std::make_shared<service::site_users_export>(service::open_site_users_export(ctx, call.request, sites));
    auto const& products = opened->products();
    auto write = [products, with_site](core::csv_writer& out, store::site_user_row const& row) {
        write_site_user_row(out, products, with_site, row);
    };
    return csv_response(filename, batches(opened, site_users_header(products, with_site), write));
}

http::response site_users(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const& site = p.at("site");
    return site_users_file(ctx, admin_call_of(req, p), {site}, false, "site-users-" + site + ".csv");
}

// ?site=…&site=… (or none: every site of the organization).
http::response several_sites_users(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    return site_users_file(ctx, call, site_parameters(ctx, call), true, "site-users.csv");
}

}  // namespace

void add_export_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/exports";
    routes.add("GET", base + "/managed-accounts", bind(ctx, managed_accounts));
    routes.add("GET", base + "/sites/{site}/users", bind(ctx, site_users));
    routes.add("GET", base + "/site-users", bind(ctx, several_sites_users));
}

}  // namespace scim::admin
