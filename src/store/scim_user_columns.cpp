#include "scim_user_columns.hpp"

#include <boost/json/parse.hpp>

#include "site_sql.hpp"

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

std::vector<group_reference> to_groups(std::string const& json) {
    std::vector<group_reference> out;
    auto const parsed = boost::json::parse(json);
    for (auto const& g : parsed.as_array()) {
        out.push_back({std::string(g.at("id").as_string()), std::string(g.at("display").as_string())});
    }
    return out;
}

std::vector<site_membership_reference> to_site_memberships(std::string const& json) {
    std::vector<site_membership_reference> out;
    auto const parsed = boost::json::parse(json);
    for (auto const& m : parsed.as_array()) {
        site_membership_reference ref;
        ref.site_id = std::string(m.at("site").as_string());
        ref.site_name = std::string(m.at("siteName").as_string());
        ref.status =
            domain::parse_membership_status(m.at("status").as_string()).value_or(domain::membership_status::invited);
        for (auto const& p : m.at("products").as_array()) ref.products.emplace_back(p.as_string());
        out.push_back(std::move(ref));
    }
    return out;
}

}  // namespace

std::string user_select_list(user_relations relations) {
    std::string list = user_columns;
    if (relations.groups) {
        // Every membership is direct: members are Users only.
        list +=
            ", (SELECT json_agg(json_build_object('id', ug.id, 'display', ug.display_name) ORDER BY ug.display_name, "
            "ug.id) "
            "FROM scim_group_members ugm JOIN scim_groups ug ON ug.id = ugm.group_id WHERE ugm.user_id = u.id)::text "
            "AS groups";
    }
    if (relations.site_memberships) {
        // The sites of the directory's organization only (DOMAIN.md: another organization's
        // sites are none of this directory's business); products reached directly or through
        // a group (site_sql.hpp).
        list +=
            ", (SELECT json_agg(json_build_object('site', st.id, 'siteName', st.name, 'status', sm.status, "
            "'products', (SELECT coalesce(json_agg(DISTINCT x.product ORDER BY x.product), '[]'::json) FROM (" +
            access_of_membership("sm") +
            ") x)) ORDER BY st.name, st.id) FROM directories sd JOIN site_memberships sm ON sm.account_id = "
            "u.account_id "
            "JOIN sites st ON st.id = sm.site_id AND st.organization_id = sd.organization_id "
            "WHERE sd.id = u.directory_id)::text AS site_memberships";
    }
    return list;
}

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
    if (r.has("groups")) {
        if (auto const groups = r.nullable_text("groups")) u.groups = to_groups(*groups);
    }
    if (r.has("site_memberships")) {
        if (auto const memberships = r.nullable_text("site_memberships"))
            u.site_memberships = to_site_memberships(*memberships);
    }
    return u;
}

}  // namespace scim::store
