#include "scim_user_columns.hpp"

#include <boost/json/parse.hpp>

namespace scim::store {
namespace {

std::optional<std::string> optional_text(boost::json::object const& o, char const* name) {
    auto const* v = o.if_contains(name);
    return v && v->is_string() ? std::optional<std::string>(std::string(v->as_string())) : std::nullopt;
}

account_facts to_account_facts(std::string const& json) {
    auto const o = boost::json::parse(json).as_object();
    account_facts a;
    a.id = std::string(o.at("id").as_string());
    a.type = o.at("managed").as_bool() ? domain::account_type::managed : domain::account_type::external;
    a.lifecycle = domain::parse_lifecycle(o.at("lifecycle").as_string()).value_or(domain::lifecycle::active);
    a.synced_by = optional_text(o, "synced_by");
    a.email_verified = o.at("email_verified").as_bool();
    a.last_active = optional_text(o, "last_active");
    a.two_step_enrolled = o.at("two_step_enrolled").as_bool();
    a.two_step_excluded_until = optional_text(o, "two_step_excluded_until");
    return a;
}

}  // namespace

user_row to_user(sql_row const& r) {
    user_row u;
    u.id = r.text("id");
    u.directory_id = r.text("directory_id");
    u.user_name = r.text("user_name");
    u.external_id = r.nullable_text("external_id");
    u.active = r.flag("active");
    u.attributes_json = r.text("attributes");
    u.version = r.number("version");
    u.created = r.text("created");
    u.last_modified = r.text("last_modified");
    if (auto const account = r.nullable_text("account")) u.account = to_account_facts(*account);
    return u;
}

}  // namespace scim::store
