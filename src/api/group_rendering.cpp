#include "group_rendering.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/protocol/rendering.hpp"

namespace scim::api {
namespace {

constexpr char const* group_extension_urn = "urn:scimd:params:scim:schemas:extension:group:2.0:Group";

}  // namespace

boost::json::object member_json(std::string const& base_url, store::group_member const& member) {
    return {{"value", member.user_id},
            {"$ref", base_url + "/Users/" + member.user_id},
            {"display", member.display},
            {"type", "User"}};
}

boost::json::object render_group(protocol::schema_registry const& registry, std::string const& base_url,
                                 service::group_view const& group, protocol::projection const& projection) {
    auto const& row = group.row;
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    auto const location = base_url + "/Groups/" + row.id;
    boost::json::object extension{{"memberCount", row.member_count}, {"membersLocation", location + "/members"}};
    if (group.members) {
        boost::json::array shown;
        for (auto const& m : *group.members) shown.push_back(member_json(base_url, m));
        if (!shown.empty()) attributes["members"] = std::move(shown);
        // Never a silent truncation: a client that wrote this list back with PUT would remove
        // the members left out.
        extension["membersComplete"] = static_cast<std::int64_t>(group.members->size()) >= row.member_count;
    }
    attributes[group_extension_urn] = std::move(extension);
    protocol::resource_meta meta{row.created, row.last_modified, location, row.version};
    auto const& type = registry.group_type();
    return protocol::apply_projection(registry, type,
                                      protocol::render_resource(registry, type, row.id, attributes, meta), projection);
}

}  // namespace scim::api
