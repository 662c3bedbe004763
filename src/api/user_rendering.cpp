#include "user_rendering.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/protocol/rendering.hpp"

namespace scim::api {

bool shows_groups(context const& ctx, protocol::projection const& projection) {
    auto const* groups = ctx.registry.find_schema(ctx.registry.user_type().schema)->find_attribute("groups");
    return groups && protocol::returns_attribute(projection, *groups, "");
}

boost::json::object render_user(context const& ctx, std::string const& base_url, store::user_row const& row,
                                protocol::projection const& projection,
                                std::vector<store::group_reference> const& groups) {
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    if (!groups.empty()) {
        // Every membership is direct: members are Users only (no nested groups).
        boost::json::array shown;
        for (auto const& g : groups) {
            shown.push_back(boost::json::object{{"value", g.group_id},
                                                {"$ref", base_url + "/Groups/" + g.group_id},
                                                {"display", g.display_name},
                                                {"type", "direct"}});
        }
        attributes["groups"] = std::move(shown);
    }
    protocol::resource_meta meta{row.created, row.last_modified, base_url + "/Users/" + row.id, row.version};
    auto const& type = ctx.registry.user_type();
    return protocol::apply_projection(ctx.registry, type, protocol::render_resource(ctx.registry, type, row.id, attributes, meta),
                                      projection);
}

}  // namespace scim::api
