// GET /Groups/{id}/members: every member of a group, a page at a time, in a ListResponse
// (RFC 7644 §3.4.2) with index paging or RFC 9865 cursors. A Group response shows at most
// --max-members-shown members and points here (membersLocation) when the group has more, so
// that no client has to take a truncated list for the whole (docs/groups.md).

#include <chrono>

#include <boost/json/array.hpp>

#include "scim/api/directory_tokens.hpp"
#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/cursor.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/groups.hpp"
#include "group_rendering.hpp"
#include "resource_requests.hpp"
#include "scim_io.hpp"

namespace scim::api {

void add_group_member_routes(http::router& routes, context& ctx) {
    std::string const base = "/scim/directory/{directory}";

    routes.add("GET", base + "/Groups/{id}/members", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& directory = p.at("directory");
        auto const& id = p.at("id");
        authenticate_directory(ctx.db, req, directory);
        auto const query = protocol::parse_list_query(http::query_parameters(req.query), ctx.config.scim);
        if (query.filter || query.sort_by || query.attributes || query.excluded_attributes) {
            throw core::error(core::error_type::invalid_value,
                              "the member listing takes count, startIndex and cursor only; to test one member, "
                              "GET /Groups?filter=id eq \"<group>\" and members[value eq \"<user>\"]");
        }
        // RFC 9865: the cursor names the last member shown, in member id order, and is bound
        // to this directory's group.
        auto const fingerprint = directory + "\nmembers\n" + id;
        auto const now = std::chrono::system_clock::now();
        std::optional<std::string> after;
        if (query.cursor && !query.cursor->empty()) {
            auto const position = protocol::decode_cursor(*query.cursor, fingerprint, ctx.cursor_key, now,
                                                          ctx.config.scim.cursor_timeout);
            if (!position.forward) throw core::error(core::error_type::invalid_cursor, "member cursors go forward only");
            after = position.id;
        }
        auto const offset = query.cursor ? 0 : query.start_index - 1;

        std::optional<store::group_row> group;
        std::vector<store::group_member> members;
        ctx.db.read([&](soci::session& s) {
            group = store::find_group(s, directory, id);
            // One more than asked tells whether there are more.
            if (group && query.count > 0) members = store::list_members(s, id, after, offset, query.count + 1);
        });
        if (!group) resource_not_found("Group", id);
        bool const more = static_cast<std::int64_t>(members.size()) > query.count;
        if (more) members.pop_back();

        auto const base_url = directory_base_url(ctx, req, directory);
        boost::json::array resources;
        for (auto const& m : members) resources.push_back(member_json(base_url, m));
        if (!query.cursor) return scim_json(200, protocol::list_response(group->member_count, query.start_index, std::move(resources)));
        auto body = protocol::list_response(group->member_count, 1, std::move(resources));
        body.erase("startIndex");
        if (more) body["nextCursor"] = protocol::encode_cursor({true, std::nullopt, members.back().user_id}, fingerprint, ctx.cursor_key, now);
        return scim_json(200, body);
    });
}

}  // namespace scim::api
