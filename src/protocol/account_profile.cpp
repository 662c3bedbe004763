#include "scim/protocol/account_profile.hpp"

#include "scim/core/error.hpp"
#include "scim/domain/profile_values.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

constexpr char const* enterprise_urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

std::optional<std::string> text(json::object const& o, char const* name) {
    auto const* v = o.if_contains(name);
    if (!v || !v->is_string() || v->as_string().empty()) return std::nullopt;
    return std::string(v->as_string());
}

std::optional<std::string> text_in(json::object const& o, char const* object, char const* name) {
    auto const* v = o.if_contains(object);
    return v && v->is_object() ? text(v->as_object(), name) : std::nullopt;
}

std::optional<std::string> primary_email(json::object const& user) {
    auto const* emails = user.if_contains("emails");
    if (!emails || !emails->is_array()) return std::nullopt;
    std::optional<std::string> first;
    for (auto const& e : emails->as_array()) {
        if (!e.is_object()) continue;
        auto value = text(e.as_object(), "value");
        if (!value) continue;
        auto const* primary = e.as_object().if_contains("primary");
        if (primary && primary->is_bool() && primary->as_bool()) return value;
        if (!first) first = value;
    }
    return first;
}

}  // namespace

domain::account_profile account_profile_of(json::object const& user) {
    domain::account_profile p;
    p.email = primary_email(user);
    if (!p.email) {
        auto user_name = text(user, "userName");
        if (user_name && domain::is_email_address(*user_name)) p.email = user_name;
    }
    p.display_name = text(user, "displayName");
    p.given_name = text_in(user, "name", "givenName");
    p.family_name = text_in(user, "name", "familyName");
    p.job_title = text(user, "title");
    p.department = text_in(user, enterprise_urn, "department");
    p.organization_name = text_in(user, enterprise_urn, "organization");
    p.timezone = text(user, "timezone");
    p.preferred_language = text(user, "preferredLanguage");
    if (auto const* active = user.if_contains("active"); active && active->is_bool()) p.active = active->as_bool();
    return p;
}

void check_account_address(json::object const& before, json::object const& after) {
    auto const address = primary_email(after);
    // Kept as it was: a User stored before this rule can still be deactivated or renamed.
    if (!address || address == primary_email(before) || domain::is_email_address(*address)) return;
    throw core::error(core::error_type::invalid_value,
                      "emails: \"" + *address +
                          "\" is not an email address (like jane@acme.com), and the primary email (else the first) "
                          "becomes the address of the user's account; send an address, or no emails at all");
}

std::optional<std::string> changed_time_zone(json::object const& before, json::object const& after) {
    auto zone = text(after, "timezone");
    if (zone == text(before, "timezone")) return std::nullopt;
    return zone;
}

}  // namespace scim::protocol
