// Domains of an organization (DOMAIN.md "domain"; the seed's "Verify a domain to manage
// accounts"): add one and get the DNS TXT record to publish, verify it once published, which
// claims the accounts on it, list, remove.

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/domains.hpp"
#include "scim/store/domains.hpp"
#include "admin_requests.hpp"
#include "txt_lookup.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object domain_json(store::domain_row const& d) {
    json::object out{{"name", d.name}, {"state", d.state}, {"created", d.created}};
    if (d.verified_at) out["verifiedAt"] = *d.verified_at;
    // What to publish (and keep published) to prove ownership.
    out["verification"] = json::object{{"type", "TXT"},
                                       {"name", domain::verification_record_name(d.name)},
                                       {"value", domain::verification_record_value(d.verification_token)}};
    return out;
}

std::string domain_name_of(std::string_view text) {
    auto name = domain::normalize_domain_name(text);
    if (!name) {
        throw core::error(core::error_type::invalid_value, "\"" + std::string(text) + "\" is not a domain name like acme.com");
    }
    return *name;
}

[[noreturn]] void no_such_domain(std::string const& name) {
    throw core::error(core::error_type::not_found, "this organization has no domain " + name);
}

store::domain_row existing_domain(context const& ctx, std::string const& organization, std::string const& name) {
    std::optional<store::domain_row> row;
    ctx.db.read([&](soci::session& s) { row = store::find_domain(s, organization, name); });
    if (!row) no_such_domain(name);
    return *row;
}

}  // namespace

void add_domain_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/domains";

    routes.add("POST", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        auto const* name = body.if_contains("name");
        if (!name || !name->is_string()) throw core::error(core::error_type::invalid_value, "\"name\" (the domain) is required");
        auto const domain_name = domain_name_of(name->as_string());
        store::domain_row row;
        ctx.db.transact([&](soci::session& s) { row = store::add_domain(s, organization, domain_name); });
        return json_response(201, domain_json(row));
    });

    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        std::vector<store::domain_row> rows;
        ctx.db.read([&](soci::session& s) { rows = store::list_domains(s, organization); });
        json::array domains;
        for (auto const& d : rows) domains.push_back(domain_json(d));
        return json_response(200, json::object{{"domains", std::move(domains)}});
    });

    routes.add("GET", base + "/{name}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const name = domain_name_of(p.at("name"));
        return json_response(200, domain_json(existing_domain(ctx, organization, name)));
    });

    // Looks the TXT record up now; the database is written only once the record is there.
    routes.add("POST", base + "/{name}/verify", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const name = domain_name_of(p.at("name"));
        auto row = existing_domain(ctx, organization, name);
        auto const record = domain::verification_record_name(name);
        auto const found = txt_records(record, ctx.config.dns_server);
        if (!domain::proves_ownership(found, row.verification_token)) {
            throw core::error(core::error_type::conflict,
                              "no TXT record \"" + domain::verification_record_value(row.verification_token) + "\" at " +
                                  record + " yet (" + std::to_string(found.size()) +
                                  " TXT records found); publish it and verify again");
        }
        std::int64_t claimed = 0;
        ctx.db.transact([&](soci::session& s) {
            claimed = store::verify_domain(s, organization, name);
            row = *store::find_domain(s, organization, name);
        });
        auto out = domain_json(row);
        out["claimedAccounts"] = claimed;
        return json_response(200, out);
    });

    routes.add("DELETE", base + "/{name}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const name = domain_name_of(p.at("name"));
        bool removed = false;
        ctx.db.transact([&](soci::session& s) { removed = store::remove_domain(s, organization, name); });
        if (!removed) no_such_domain(name);
        http::response res;
        res.status = 204;
        return res;
    });
}

}  // namespace scim::admin
