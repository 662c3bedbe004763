#include "group_rendering.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/protocol/rendering.hpp"

namespace scim::api {

std::optional<std::vector<store::group_member>> members_to_show(context const& ctx, soci::session& s,
                                                                 store::group_row const& row,
                                                                 protocol::projection const& projection) {
    auto const* members = ctx.registry.find_schema(ctx.registry.group_type().schema)->find_attribute("members");
    if (!members || !protocol::returns_attribute(projection, *members, "")) return std::nullopt;
    auto const limit = static_cast<std::int64_t>(ctx.config.scim.max_members_shown);
    return store::list_members(s, row.id, std::nullopt, 0, std::min(limit, row.member_count));
}

std::vector<std::optional<std::vector<store::group_member>>> members_to_show(
    context const& ctx, soci::session& s, std::vector<store::listed<store::group_row>> const& rows,
    protocol::projection const& projection) {
    std::vector<std::optional<std::vector<store::group_member>>> out;
    for (auto const& g : rows) out.push_back(members_to_show(ctx, s, g.row, projection));
    return out;
}

boost::json::object member_json(std::string const& base_url, store::group_member const& member) {
    return {{"value", member.user_id},
            {"$ref", base_url + "/Users/" + member.user_id},
            {"display", member.display},
            {"type", "User"}};
}

boost::json::object render_group(context const& ctx, std::string const& base_url, store::group_row const& row,
                                 protocol::projection const& projection,
                                 std::optional<std::vector<store::group_member>> const& members) {
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    auto const location = base_url + "/Groups/" + row.id;
    boost::json::object extension{{"memberCount", row.member_count}, {"membersLocation", location + "/members"}};
    if (members) {
        boost::json::array shown;
        for (auto const& m : *members) shown.push_back(member_json(base_url, m));
        if (!shown.empty()) attributes["members"] = std::move(shown);
        // Never a silent truncation: a client that wrote this list back with PUT would remove
        // the members left out.
        extension["membersComplete"] = static_cast<std::int64_t>(members->size()) >= row.member_count;
    }
    attributes[group_extension_urn] = std::move(extension);
    protocol::resource_meta meta{row.created, row.last_modified, location, row.version};
    auto const& type = ctx.registry.group_type();
    return protocol::apply_projection(ctx.registry, type, protocol::render_resource(ctx.registry, type, row.id, attributes, meta),
                                      projection);
}

}  // namespace scim::api
