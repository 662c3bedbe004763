// Authentication policies through the admin API (service/policies.hpp): create, list, show and
// edit an organization's policies, and put a managed account under one.

#include <cstdint>

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/service/policies.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object policy_json(store::policy_row const& p) {
    auto const& s = p.settings;
    return json::object{
        {"id", p.id},
        {"name", s.name},
        {"type", domain::to_string(s.type)},
        {"default", p.is_default},
        {"samlSso", s.saml_sso},
        {"twoStepRequired", s.two_step_required},
        {"passwordRequirements",
         json::object{
             {"minimumLength", s.password_min_length},
             {"expiryDays", s.password_expiry_days ? json::value(*s.password_expiry_days) : json::value(nullptr)}}},
        {"idleSessionMinutes", s.idle_session_minutes},
        {"created", p.created},
    };
}

bool boolean_member(json::value const& v, char const* name) {
    if (!v.is_bool())
        throw core::error(core::error_type::invalid_value, std::string("\"") + name + "\" must be a boolean");
    return v.as_bool();
}

int integer_member(json::value const& v, char const* name) {
    if (!v.is_int64() || v.as_int64() < INT32_MIN || v.as_int64() > INT32_MAX) {
        throw core::error(core::error_type::invalid_value, std::string("\"") + name + "\" must be an integer");
    }
    return static_cast<int>(v.as_int64());
}

// The settings `body` names, by the admin API's names (docs/admin-api.md); an unknown member
// is refused rather than ignored, so that a typo does not pass for a change.
service::policy_changes read_policy_changes(json::object const& body) {
    service::policy_changes p;
    for (auto const& m : body) {
        auto const key = std::string(m.key());
        auto const& v = m.value();
        if (key == "name") {
            if (!v.is_string()) throw core::error(core::error_type::invalid_value, "\"name\" must be a string");
            p.name = checked_text("name", v.as_string(), line_rule);
        } else if (key == "type") {
            auto const type = v.is_string() ? domain::parse_policy_type(v.as_string()) : std::nullopt;
            if (!type)
                throw core::error(core::error_type::invalid_value, "\"type\" must be \"billable\" or \"nonbillable\"");
            p.type = *type;
        } else if (key == "samlSso") {
            p.saml_sso = boolean_member(v, "samlSso");
        } else if (key == "twoStepRequired") {
            p.two_step_required = boolean_member(v, "twoStepRequired");
        } else if (key == "passwordRequirements") {
            if (!v.is_object())
                throw core::error(core::error_type::invalid_value, "\"passwordRequirements\" must be an object");
            auto const& requirements = v.as_object();
            if (auto const* n = requirements.if_contains("minimumLength"))
                p.password_min_length = integer_member(*n, "minimumLength");
            if (auto const* n = requirements.if_contains("expiryDays")) {
                p.password_expiry_days =
                    n->is_null() ? std::nullopt : std::optional<int>(integer_member(*n, "expiryDays"));
            }
        } else if (key == "idleSessionMinutes") {
            p.idle_session_minutes = integer_member(v, "idleSessionMinutes");
        } else {
            throw core::error(core::error_type::invalid_value, "\"" + key + "\" is not a policy setting");
        }
    }
    return p;
}

http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    if (!body.contains("name") || !body.contains("type")) {
        throw core::error(core::error_type::invalid_value, "a policy needs a \"name\" and a \"type\"");
    }
    return json_response(201, policy_json(service::create_policy(ctx, call.request, read_policy_changes(body))));
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    json::array policies;
    for (auto const& row : service::list_policies(ctx, admin_call_of(req, p).request))
        policies.push_back(policy_json(row));
    return json_response(200, json::object{{"policies", std::move(policies)}});
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200, policy_json(service::show_policy(ctx, admin_call_of(req, p).request, p.at("id"))));
}

// Changes the settings the body names; the others stay.
http::response edit(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const changes = read_policy_changes(read_json(ctx, req));
    return json_response(200, policy_json(service::edit_policy(ctx, call.request, p.at("id"), changes)));
}

http::response assign(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const policy = service::assign_policy(ctx, admin_call_of(req, p).request, p.at("id"), p.at("account"));
    return json_response(200, json::object{{"accountId", p.at("account")}, {"policy", policy_json(policy)}});
}

}  // namespace

void add_policy_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/policies";
    routes.add("POST", base, bind(ctx, create));
    routes.add("GET", base, bind(ctx, list));
    routes.add("GET", base + "/{id}", bind(ctx, show));
    routes.add("PATCH", base + "/{id}", bind(ctx, edit));
    routes.add("PUT", base + "/{id}/accounts/{account}", bind(ctx, assign));
}

}  // namespace scim::admin
