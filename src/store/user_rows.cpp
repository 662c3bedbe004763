#include "user_rows.hpp"

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

user_row to_user(soci::row const& r) {
    user_row u;
    u.id = r.get<std::string>(0);
    u.directory_id = r.get<std::string>(1);
    u.user_name = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) u.external_id = r.get<std::string>(3);
    u.active = r.get<int>(4) != 0;
    u.attributes_json = r.get<std::string>(5);
    u.version = r.get<long long>(6);
    u.created = r.get<std::string>(7);
    u.last_modified = r.get<std::string>(8);
    if (r.get_indicator(9) == soci::i_ok) u.account = to_account_facts(r.get<std::string>(9));
    return u;
}

}  // namespace scim::store
