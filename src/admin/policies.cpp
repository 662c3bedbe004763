// Authentication policies through the admin API: create, list, show and edit an
// organization's policies, and put a managed account under one. An account without an
// assignment is under the organization's default policy, which every organization has from
// its creation (schemas/sql/011_policies.sql). Only managed accounts get a policy: a policy
// is an organization-level setting, which DOMAIN.md lets an organization apply only to the
// accounts it manages (domain::require_managed).

#include <cstdint>

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/policies.hpp"
#include "scim/store/managed_accounts.hpp"
#include "scim/store/policies.hpp"
#include "admin_requests.hpp"

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
        {"passwordRequirements", json::object{{"minimumLength", s.password_min_length},
                                              {"expiryDays", s.password_expiry_days ? json::value(*s.password_expiry_days)
                                                                                    : json::value(nullptr)}}},
        {"idleSessionMinutes", s.idle_session_minutes},
        {"created", p.created},
    };
}

bool boolean_member(json::value const& v, char const* name) {
    if (!v.is_bool()) throw core::error(core::error_type::invalid_value, std::string("\"") + name + "\" must be a boolean");
    return v.as_bool();
}

int integer_member(json::value const& v, char const* name) {
    if (!v.is_int64() || v.as_int64() < INT32_MIN || v.as_int64() > INT32_MAX) {
        throw core::error(core::error_type::invalid_value, std::string("\"") + name + "\" must be an integer");
    }
    return static_cast<int>(v.as_int64());
}

// Applies the members `body` names to `p` (the admin API's names, see docs/admin-api.md);
// an unknown member is refused rather than ignored, so that a typo does not pass for a change.
void apply(json::object const& body, domain::policy_settings& p) {
    for (auto const& m : body) {
        auto const key = std::string(m.key());
        auto const& v = m.value();
        if (key == "name") {
            if (!v.is_string()) throw core::error(core::error_type::invalid_value, "\"name\" must be a string");
            p.name = std::string(v.as_string());
        } else if (key == "type") {
            auto const type = v.is_string() ? domain::parse_policy_type(v.as_string()) : std::nullopt;
            if (!type) throw core::error(core::error_type::invalid_value, "\"type\" must be \"billable\" or \"nonbillable\"");
            p.type = *type;
        } else if (key == "samlSso") {
            p.saml_sso = boolean_member(v, "samlSso");
        } else if (key == "twoStepRequired") {
            p.two_step_required = boolean_member(v, "twoStepRequired");
        } else if (key == "passwordRequirements") {
            if (!v.is_object()) throw core::error(core::error_type::invalid_value, "\"passwordRequirements\" must be an object");
            auto const& requirements = v.as_object();
            if (auto const* n = requirements.if_contains("minimumLength")) p.password_min_length = integer_member(*n, "minimumLength");
            if (auto const* n = requirements.if_contains("expiryDays")) {
                p.password_expiry_days = n->is_null() ? std::nullopt : std::optional<int>(integer_member(*n, "expiryDays"));
            }
        } else if (key == "idleSessionMinutes") {
            p.idle_session_minutes = integer_member(v, "idleSessionMinutes");
        } else {
            throw core::error(core::error_type::invalid_value, "\"" + key + "\" is not a policy setting");
        }
    }
    domain::validate(p);
}

store::policy_row existing_policy(soci::session& s, std::string const& organization, std::string const& id, bool for_update) {
    auto p = store::find_policy(s, organization, id, for_update);
    if (!p) throw core::error(core::error_type::not_found, "no policy " + id + " in this organization");
    return *p;
}

}  // namespace

void add_policy_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/policies";

    routes.add("POST", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        if (!body.contains("name") || !body.contains("type")) {
            throw core::error(core::error_type::invalid_value, "a policy needs a \"name\" and a \"type\"");
        }
        domain::policy_settings settings;
        apply(body, settings);
        store::policy_row created;
        ctx.db.transact([&](soci::session& s) { created = store::create_policy(s, organization, settings); });
        return json_response(201, policy_json(created));
    });

    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        std::vector<store::policy_row> rows;
        ctx.db.read([&](soci::session& s) { rows = store::list_policies(s, organization); });
        json::array policies;
        for (auto const& row : rows) policies.push_back(policy_json(row));
        return json_response(200, json::object{{"policies", std::move(policies)}});
    });

    routes.add("GET", base + "/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        store::policy_row row;
        ctx.db.read([&](soci::session& s) { row = existing_policy(s, organization, p.at("id"), false); });
        return json_response(200, policy_json(row));
    });

    // Changes the settings the body names; the others stay.
    routes.add("PATCH", base + "/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        store::policy_row after;
        ctx.db.transact([&](soci::session& s) {
            auto row = existing_policy(s, organization, p.at("id"), true);
            apply(body, row.settings);
            store::update_policy(s, row.id, row.settings);
            after = existing_policy(s, organization, row.id, false);
        });
        return json_response(200, policy_json(after));
    });

    routes.add("PUT", base + "/{id}/accounts/{account}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        store::policy_row policy;
        ctx.db.transact([&](soci::session& s) {
            policy = existing_policy(s, organization, p.at("id"), false);
            auto const account = store::find_account(s, organization, p.at("account"), true);
            if (!account) throw core::error(core::error_type::not_found, "no account " + p.at("account") + " in this organization");
            domain::require_managed(account->type, "assign an authentication policy");
            store::assign_policy(s, account->id, policy.id);
        });
        return json_response(200, json::object{{"accountId", p.at("account")}, {"policy", policy_json(policy)}});
    });
}

}  // namespace scim::admin
