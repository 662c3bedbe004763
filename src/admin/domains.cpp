// Domains of an organization through the admin API (service/domains.hpp): add one and get the
// DNS TXT record to publish, verify it once published, claim its accounts, list, show, remove.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/domains.hpp"
#include "scim/service/domains.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object domain_json(store::domain_row const& d) {
    json::object out{{"name", d.name}, {"state", d.state}, {"created", d.created}};
    if (d.verified_at) out["verifiedAt"] = *d.verified_at;
    if (d.claimed_at) out["claimedAt"] = *d.claimed_at;
    // The preview of a claim (unclaimed) and of a removal (managed), once the domain is verified.
    if (d.unclaimed_accounts && d.managed_accounts) {
        out["accounts"] = json::object{{"unclaimed", *d.unclaimed_accounts}, {"managed", *d.managed_accounts}};
    }
    // What to publish (and keep published) to prove ownership.
    out["verification"] = json::object{{"type", "TXT"},
                                       {"name", domain::verification_record_name(d.name)},
                                       {"value", domain::verification_record_value(d.verification_token)}};
    return out;
}

// {"name": "acme.com"}
http::response add(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    auto const* name = body.if_contains("name");
    if (!name || !name->is_string())
        throw core::error(core::error_type::invalid_value, "\"name\" (the domain) is required");
    return json_response(
        201, domain_json(service::add_domain(ctx, call.request, checked_text("name", name->as_string(), line_rule))));
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    json::array domains;
    for (auto const& d : service::list_domains(ctx, admin_call_of(req, p).request)) domains.push_back(domain_json(d));
    return json_response(200, json::object{{"domains", std::move(domains)}});
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200, domain_json(service::show_domain(ctx, admin_call_of(req, p).request, p.at("name"))));
}

http::response verify(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200, domain_json(service::verify_domain(ctx, admin_call_of(req, p).request, p.at("name"))));
}

// The domain as claimed, and how many accounts this claim made managed.
http::response claim(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const claimed = service::claim_domain(ctx, admin_call_of(req, p).request, p.at("name"));
    auto out = domain_json(claimed.domain);
    out["claimedAccounts"] = claimed.claimed_accounts;
    return json_response(200, out);
}

http::response remove(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::remove_domain(ctx, admin_call_of(req, p).request, p.at("name"));
    return no_content();
}

}  // namespace

void add_domain_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/domains";
    routes.add("POST", base, bind(ctx, add));
    routes.add("GET", base, bind(ctx, list));
    routes.add("GET", base + "/{name}", bind(ctx, show));
    routes.add("POST", base + "/{name}/verify", bind(ctx, verify));
    routes.add("POST", base + "/{name}/claim", bind(ctx, claim));
    routes.add("DELETE", base + "/{name}", bind(ctx, remove));
}

}  // namespace scim::admin
