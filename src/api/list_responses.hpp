#pragma once
// ListResponse (RFC 7644 §3.4.2) of a page: startIndex for index paging; for RFC 9865 cursor
// paging no startIndex, and nextCursor / previousCursor when the page has neighbours.

#include <boost/json/array.hpp>

#include "scim/protocol/rendering.hpp"
#include "scim/service/listed_page.hpp"
#include "scim_call.hpp"

namespace scim::api {

template <typename Item, typename Render>
http::response list_response(service::listed_page<Item> const& page, Render const& render) {
    boost::json::array resources;
    for (auto const& item : page.items) resources.push_back(render(item));
    if (!page.cursor_paging)
        return scim_json(200, protocol::list_response(page.total, page.start_index, std::move(resources)));
    auto body = protocol::list_response(page.total, 1, std::move(resources));
    body.erase("startIndex");
    if (page.next_cursor) body["nextCursor"] = *page.next_cursor;
    if (page.previous_cursor) body["previousCursor"] = *page.previous_cursor;
    return scim_json(200, body);
}

}  // namespace scim::api
