#include "audit_fields.hpp"

#include <boost/json/array.hpp>

#include "scim/domain/accounts.hpp"
#include "scim/domain/policies.hpp"
#include "scim/domain/sites.hpp"

namespace scim::service {
namespace {

namespace json = boost::json;

json::value optional_json(std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); }

json::array texts(std::vector<std::string> const& values) { return json::array(values.begin(), values.end()); }

}  // namespace

json::object audit_fields(store::account_detail const& a) {
    auto const& p = a.profile;
    return {{"email", optional_json(a.email)},
            {"pendingEmail", optional_json(a.pending_email)},
            {"displayName", optional_json(p.display_name)},
            {"givenName", optional_json(p.given_name)},
            {"familyName", optional_json(p.family_name)},
            {"jobTitle", optional_json(p.job_title)},
            {"department", optional_json(p.department)},
            {"organizationName", optional_json(p.organization_name)},
            {"timezone", optional_json(p.timezone)},
            {"preferredLanguage", optional_json(p.preferred_language)},
            {"location", optional_json(a.location)},
            {"pictureUrl", optional_json(a.picture_url)},
            {"lifecycle", domain::to_string(a.lifecycle)},
            {"deletionDueAt", optional_json(a.deletion_due_at)},
            {"passwordResetRequired", a.password_reset_required},
            {"twoStepExcludedUntil", optional_json(a.two_step_excluded_until)}};
}

json::object audit_fields(store::domain_row const& d) {
    return {{"name", d.name}, {"state", d.state}, {"verifiedAt", optional_json(d.verified_at)}};
}

json::object audit_fields(store::site_row const& site) {
    return {{"name", site.name}, {"url", site.url}, {"products", texts(site.products)}};
}

json::object audit_fields(store::site_user const& u) {
    std::vector<std::string> direct;
    for (auto const& access : u.products) {
        if (access.direct) direct.push_back(access.product);
    }
    return {{"status", domain::to_string(u.status)}, {"products", texts(direct)}};
}

json::object audit_fields(store::organization_group const& g) {
    std::vector<std::string> grants;
    for (auto const& grant : g.product_grants) grants.push_back(grant.site_id + "/" + grant.product);
    return {{"displayName", g.display_name},
            {"description", optional_json(g.description)},
            {"productGrants", texts(grants)}};
}

json::object audit_fields(store::policy_row const& p) {
    auto const& s = p.settings;
    return {{"name", s.name},
            {"type", domain::to_string(s.type)},
            {"samlSso", s.saml_sso},
            {"twoStepRequired", s.two_step_required},
            {"passwordRequirements.minimumLength", s.password_min_length},
            {"passwordRequirements.expiryDays",
             s.password_expiry_days ? json::value(*s.password_expiry_days) : json::value(nullptr)},
            {"idleSessionMinutes", s.idle_session_minutes}};
}

json::object audit_fields(directory_view const& d) {
    std::vector<std::string> tokens;
    for (auto const& t : d.tokens) {
        if (!t.revoked_at) tokens.push_back(t.id);
    }
    return {{"name", d.directory.name}, {"paused", d.directory.paused}, {"tokens", texts(tokens)}};
}

json::object audit_fields(store::admin_token_info const& t) {
    return {{"label", t.label}, {"expires", optional_json(t.expires)}, {"revoked", t.revoked.has_value()}};
}

}  // namespace scim::service
