// The two CSV exports of DOMAIN.md "Admin API" (the seed's "Export managed accounts" and
// "Export users from a site"), streamed: the handler checks the token and the site and opens
// a snapshot (store/exports.hpp); the server then asks for the body a batch at a time
// (http::body_producer), so neither scimd nor the database connection ever holds the whole
// file. Text that users or identity providers control goes through core::csv_writer::text,
// which defuses spreadsheet formulas; the values scimd writes itself do not.

#include <atomic>
#include <memory>

#include "scim/admin/endpoints.hpp"
#include "scim/core/csv.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/policies.hpp"
#include "scim/store/exports.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

// Rows per database FETCH and per chunk written: about 100 KB of CSV for the managed export.
constexpr std::size_t batch_rows = 500;

std::string yes_no(bool b) { return b ? "Yes" : "No"; }

std::string joined(std::vector<std::string> const& names) {
    std::string out;
    for (auto const& n : names) out += (out.empty() ? "" : "; ") + n;
    return out;
}

// One of the --max-concurrent-exports places, held by an export's producer until the server
// drops it (last row sent, client gone, or shutdown).
class export_slot {
public:
    export_slot(std::shared_ptr<std::atomic<std::size_t>> running, std::size_t limit) : running_(std::move(running)) {
        if (running_->fetch_add(1) >= limit) {
            running_->fetch_sub(1);
            throw core::error(core::error_type::service_unavailable,
                              "too many exports are running; try again shortly").retry_after(10);
        }
    }
    ~export_slot() { running_->fetch_sub(1); }
    export_slot(export_slot const&) = delete;
    export_slot& operator=(export_slot const&) = delete;

private:
    std::shared_ptr<std::atomic<std::size_t>> running_;
};

http::response csv_response(std::string const& filename, http::body_producer body) {
    http::response res;
    res.set_header("Content-Type", "text/csv; charset=utf-8");
    // RFC 6266 §4.1; the name is ours (ids and fixed words), so it needs no escaping.
    res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    // Personal data: no shared cache keeps a copy (RFC 9111 §5.2.2.5).
    res.set_header("Cache-Control", "no-store");
    res.stream = std::move(body);
    return res;
}

// A producer over an export reader: the header row with the first batch, then one batch per
// call, until the reader has no more rows. `write_row` turns one row into one record.
template <typename Reader, typename WriteRow>
http::body_producer batches(std::shared_ptr<export_slot> slot, std::shared_ptr<Reader> reader, std::string header,
                            WriteRow write_row) {
    auto pending_header = std::make_shared<std::string>(std::move(header));
    return [slot, reader, pending_header, write_row]() -> std::optional<std::string> {
        core::csv_writer out;
        auto rows = reader->next_batch(batch_rows);
        if (rows.empty() && pending_header->empty()) return std::nullopt;
        for (auto const& row : rows) write_row(out, row);
        return std::exchange(*pending_header, {}) + out.take();
    };
}

std::string managed_header(std::vector<std::string> const& products) {
    core::csv_writer out;
    for (auto const* column : {"Name", "Email", "Last active", "Status", "Billable", "Policy name", "Policy type",
                               "SAML single sign-on", "Two-step verification", "Password requirements",
                               "Idle session duration"}) {
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

void write_managed_row(core::csv_writer& out, std::vector<std::string> const& products, store::managed_export_row const& row) {
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

std::string site_users_header(std::vector<std::string> const& products) {
    core::csv_writer out;
    for (auto const* column : {"Name", "Email", "Account type", "Status on site", "Last active on site"}) out.value(column);
    for (auto const& product : products) out.text(product);
    return out.value("Groups").end_record().take();
}

// "No", "Yes" (granted directly), "Yes (via Engineering; Support)", "Yes (direct; via Support)".
std::string access_text(store::product_reach const& access) {
    if (access.groups.empty()) return yes_no(access.direct);
    return std::string("Yes (") + (access.direct ? "direct; " : "") + "via " + joined(access.groups) + ")";
}

void write_site_user_row(core::csv_writer& out, std::vector<std::string> const& products, store::site_user_row const& row) {
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

}  // namespace

void add_export_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/exports";
    auto const running = std::make_shared<std::atomic<std::size_t>>(0);

    routes.add("GET", base + "/managed-accounts", [&ctx, running](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto slot = std::make_shared<export_slot>(running, ctx.config.max_concurrent_exports);
        auto reader = std::make_shared<store::managed_accounts_export>(ctx.db, organization);
        auto const& products = reader->products();
        auto write = [products](core::csv_writer& out, store::managed_export_row const& row) {
            write_managed_row(out, products, row);
        };
        return csv_response("managed-accounts.csv", batches(slot, reader, managed_header(products), write));
    });

    routes.add("GET", base + "/sites/{site}/users", [&ctx, running](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto slot = std::make_shared<export_slot>(running, ctx.config.max_concurrent_exports);
        auto reader = std::make_shared<store::site_users_export>(ctx.db, organization, p.at("site"));
        auto const& products = reader->products();
        auto write = [products](core::csv_writer& out, store::site_user_row const& row) {
            write_site_user_row(out, products, row);
        };
        return csv_response("site-users-" + p.at("site") + ".csv", batches(slot, reader, site_users_header(products), write));
    });
}

}  // namespace scim::admin
