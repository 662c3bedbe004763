// POST /.search at a directory's base URL (RFC 7644 §3.4.3): one search across Users and
// Groups. The result lists the matching Users, then the matching Groups, with index paging
// over that sequence. A filter names attributes of one type or the other; for the type that
// lacks an attribute the filter matches nothing of it (RFC 7644 §3.4.2.1 reads a missing
// attribute as having no value). sortBy and cursors need one order across types, which
// resources of different schemas do not have: they are refused here and supported on
// /Users/.search and /Groups/.search.

#include <memory>

#include <boost/json/array.hpp>

#include "scim/api/directory_tokens.hpp"
#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/groups.hpp"
#include "scim/store/user_listing.hpp"
#include "group_rendering.hpp"
#include "listing.hpp"
#include "scim_io.hpp"
#include "user_rendering.hpp"

namespace scim::api {
namespace {

// The plan for one resource type, or null when the filter names an attribute it lacks.
std::unique_ptr<listing_plan> plan_for(context const& ctx, protocol::resource_type const& type,
                                       std::string const& directory, protocol::list_query const& query) {
    try {
        return std::make_unique<listing_plan>(ctx, type, directory, query);
    } catch (core::error const& e) {
        if (e.type() != core::error_type::invalid_filter || !query.filter) throw;
        return nullptr;
    }
}

}  // namespace

void add_root_search_routes(http::router& routes, context& ctx) {
    routes.add("POST", "/scim/directory/{directory}/.search", [&ctx](http::request const& req,
                                                                     http::route_params const& p) {
        auto const& directory = p.at("directory");
        authenticate_directory(ctx.db, req, directory);
        auto const query = protocol::parse_search_request(read_json_body(ctx, req), ctx.config.scim);
        if (query.sort_by || query.cursor) {
            throw core::error(core::error_type::invalid_value,
                              "a search at the root lists Users, then Groups, without sortBy or cursors; "
                              "use /Users/.search or /Groups/.search for those");
        }
        // The Users' part first, then the Groups' part from where the Users end.
        auto users = plan_for(ctx, ctx.registry.user_type(), directory, query);
        auto groups = plan_for(ctx, ctx.registry.group_type(), directory, query);
        if (!users && !groups) {
            // Neither type has the attribute: the filter itself is wrong. Bind it again to say why.
            listing_plan const explain(ctx, ctx.registry.user_type(), directory, query);
        }

        store::listing<store::user_row> user_page;
        store::listing<store::group_row> group_page;
        std::optional<user_page_view> users_shown;
        std::vector<std::optional<std::vector<store::group_member>>> members;
        ctx.db.read([&](soci::session& s) {
            std::int64_t users_total = 0;
            if (users) {
                user_page = store::list_users(s, users->request());
                users_total = user_page.total;
                users_shown.emplace(ctx, s, users->projection(), user_page.rows);
            }
            if (!groups) return;
            auto request = groups->request();
            auto const wanted = query.count - static_cast<std::int64_t>(user_page.rows.size());
            request.offset = std::max<std::int64_t>(0, query.start_index - 1 - users_total);
            request.limit = wanted;
            group_page = store::list_groups(s, request);
            members = members_to_show(ctx, s, group_page.rows, groups->projection());
        });

        auto const base_url = directory_base_url(ctx, req, directory);
        boost::json::array resources;
        for (auto const& u : user_page.rows) resources.push_back(users_shown->render(base_url, u.row));
        for (std::size_t i = 0; i < group_page.rows.size(); ++i) {
            resources.push_back(render_group(ctx, base_url, group_page.rows[i].row, groups->projection(), members[i]));
        }
        return scim_json(200, protocol::list_response(user_page.total + group_page.total, query.start_index,
                                                      std::move(resources)));
    });
}

}  // namespace scim::api
