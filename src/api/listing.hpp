#pragma once
// Listing resources: GET /Users, GET /Groups and their .search share one path from the query
// parameters (RFC 7644 §3.4.2, §3.4.3) to the ListResponse, whatever the resource type.
//
//   listing_plan plan(ctx, type, directory, query);     // filter, sortBy, paging bound here
//   store::listing<store::user_row> page;
//   ctx.db.read([&](soci::session& s) { page = store::list_users(s, plan.request()); });
//   return plan.respond(page, [&](store::user_row const& row) { return <the resource>; });

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "scim/api/context.hpp"
#include "scim/http/message.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/store/listing.hpp"

namespace scim::api {

class listing_plan {
public:
    // Throws core::error for a filter, sortBy, cursor or projection the type cannot honour.
    listing_plan(context const& ctx, protocol::resource_type const& type, std::string directory_id,
                 protocol::list_query const& query);
    listing_plan(listing_plan const&) = delete;
    listing_plan& operator=(listing_plan const&) = delete;

    store::listing_request const& request() const noexcept { return request_; }
    protocol::projection const& projection() const noexcept { return projection_; }

    // The ListResponse of `page`, each row rendered by `render`.
    template <typename Row, typename Render>
    http::response respond(store::listing<Row> const& page, Render const& render) const {
        boost::json::array resources;
        for (auto const& r : page.rows) resources.push_back(render(r.row));
        std::optional<edge> first;
        std::optional<edge> last;
        if (!page.rows.empty()) {
            first = edge{page.rows.front().row.id, page.rows.front().sort_key};
            last = edge{page.rows.back().row.id, page.rows.back().sort_key};
        }
        return respond(page.total, page.more, std::move(resources), first, last);
    }

private:
    struct edge {
        std::string id;
        std::optional<std::string> sort_key;
    };
    http::response respond(std::int64_t total, bool more, boost::json::array resources, std::optional<edge> const& first,
                           std::optional<edge> const& last) const;

    context const& ctx_;
    bool cursor_paging_ = false;
    std::int64_t start_index_ = 1;
    protocol::projection projection_;
    std::optional<protocol::bound_filter> filter_;
    std::optional<protocol::bound_path> sort_by_;
    store::listing_request request_;
    std::string fingerprint_;
    std::chrono::system_clock::time_point now_;
};

}  // namespace scim::api
