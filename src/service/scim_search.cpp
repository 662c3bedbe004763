#include "scim/service/scim_search.hpp"

#include <memory>

#include "directory_authentication.hpp"
#include "group_members_shown.hpp"
#include "listing_plan.hpp"
#include "scim/core/error.hpp"
#include "scim/store/database.hpp"
#include "scim/store/scim_groups.hpp"
#include "scim/store/scim_users.hpp"
#include "user_relations.hpp"

namespace scim::service {
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

search_page search_directory(context const& ctx, scim_request const& req, protocol::list_query const& query) {
    search_page page;
    page.start_index = query.start_index;
    ctx.db.acquire().read([&](store::session& s) {
        authenticate_directory(ctx, s, req);
        if (query.sort_by || query.cursor) {
            throw core::error(core::error_type::invalid_value,
                              "a search at the root lists Users, then Groups, without sortBy or cursors; "
                              "use /Users/.search or /Groups/.search for those");
        }
        // The Users' part first, then the Groups' part from where the Users end.
        auto users = plan_for(ctx, ctx.registry.user_type(), req.directory_id, query);
        auto groups = plan_for(ctx, ctx.registry.group_type(), req.directory_id, query);
        if (!users && !groups) {
            // Neither type has the attribute: the filter itself is wrong. Bind it again to say why.
            listing_plan const explain(ctx, ctx.registry.user_type(), req.directory_id, query);
        }
        std::int64_t users_total = 0;
        std::size_t users_shown = 0;
        if (users) {
            auto const rows = store::list_users(s, users->request(), relations_shown(ctx, users->projection()));
            users_total = rows.total;
            users_shown = rows.rows.size();
            for (auto const& r : rows.rows) page.users.push_back(r.row);
            page.user_projection = users->projection();
        }
        page.total = users_total;
        if (!groups) return;
        auto request = groups->request();
        request.offset = std::max<std::int64_t>(0, query.start_index - 1 - users_total);
        request.limit = query.count - static_cast<std::int64_t>(users_shown);
        auto const rows = store::list_groups(s, request);
        page.total += rows.total;
        for (auto const& r : rows.rows) page.groups.push_back(group_view{r.row, std::nullopt});
        read_members_shown(ctx, s, groups->projection(), page.groups);
        page.group_projection = groups->projection();
    });
    return page;
}

}  // namespace scim::service
