#pragma once
// Listing resources: GET /Users, GET /Groups and their .search share one path from the list
// parameters (RFC 7644 §3.4.2, §3.4.3) to the page, whatever the resource type: the filter and
// sortBy bound against the type, index paging or an RFC 9865 cursor decoded, and the next and
// previous cursors of the page read.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/service/context.hpp"
#include "scim/service/listed_page.hpp"
#include "scim/store/listing_query.hpp"

namespace scim::service {

class listing_plan {
public:
    // Throws core::error for a filter, sortBy, cursor or projection the type cannot honour.
    listing_plan(context const& ctx, protocol::resource_type const& type, std::string directory_id,
                 protocol::list_query const& query);
    listing_plan(listing_plan const&) = delete;
    listing_plan& operator=(listing_plan const&) = delete;

    store::listing_request const& request() const noexcept { return request_; }
    protocol::projection const& projection() const noexcept { return projection_; }

    // The page of `rows`, with `items` (one per row, in order) as its resources.
    template <typename Row, typename Item>
    listed_page<Item> page(store::listing<Row> const& rows, std::vector<Item> items) const {
        listed_page<Item> out;
        out.total = rows.total;
        out.items = std::move(items);
        std::optional<edge> first;
        std::optional<edge> last;
        if (!rows.rows.empty()) {
            first = edge{rows.rows.front().row.id, rows.rows.front().sort_key};
            last = edge{rows.rows.back().row.id, rows.rows.back().sort_key};
        }
        paging(out.start_index, out.cursor_paging, out.next_cursor, out.previous_cursor, rows.more, first, last);
        remember(rows.stamp, rows.total, rows.more, static_cast<std::int64_t>(rows.rows.size()), last);
        out.projection = projection_;
        return out;
    }

private:
    struct edge {
        std::string id;
        std::optional<std::string> sort_key;
    };
    // What the next page of this listing can reuse (listing_memory.hpp): the total of a filtered
    // listing, or where an index page of an unfiltered one ended, with the stamp read with them.
    void remember(std::optional<std::int64_t> stamp, std::int64_t total, bool more, std::int64_t shown,
                  std::optional<edge> const& last) const;
    void paging(std::int64_t& start_index, bool& cursor_paging, std::optional<std::string>& next,
                std::optional<std::string>& previous, bool more, std::optional<edge> const& first,
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

}  // namespace scim::service
