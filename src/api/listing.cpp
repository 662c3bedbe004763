#include "listing.hpp"

#include <chrono>
#include <optional>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/cursor.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/store/user_listing.hpp"
#include "scim_io.hpp"

namespace scim::api {
namespace {

protocol::filter_limits filter_limits_of(core::scim_limits const& limits) {
    return {limits.max_filter_length, limits.max_filter_depth, limits.max_filter_terms};
}

// sortBy names one attribute (RFC 7644 §3.4.2.3): an attribute path, no value filter.
protocol::bound_path bind_sort_by(context const& ctx, std::string const& text) {
    protocol::patch_path parsed;
    try {
        parsed = protocol::parse_path(text, filter_limits_of(ctx.config.scim));
    } catch (core::error const& e) {
        throw core::error(core::error_type::invalid_value, "sortBy: " + e.detail());
    }
    if (parsed.value_filter) {
        throw core::error(core::error_type::invalid_value, "sortBy \"" + text + "\" must name an attribute, not a value filter");
    }
    return protocol::bind_path(parsed.attribute, ctx.registry, ctx.registry.user_type(), core::error_type::invalid_value,
                               "sortBy");
}

boost::json::object render_listed(context const& ctx, std::string const& base_url, store::user_row const& row,
                                  protocol::projection const& projection) {
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    protocol::resource_meta meta{row.created, row.last_modified, base_url + "/Users/" + row.id, row.version};
    auto const& type = ctx.registry.user_type();
    return protocol::apply_projection(ctx.registry, type,
                                      protocol::render_resource(ctx.registry, type, row.id, attributes, meta), projection);
}

}  // namespace

protocol::projection requested_projection(context const& ctx, http::request const& req) {
    std::optional<std::string> attributes;
    std::optional<std::string> excluded;
    for (auto const& [name, value] : http::query_parameters(req.query)) {
        if (core::iequals(name, "attributes")) attributes = value;
        if (core::iequals(name, "excludedAttributes")) excluded = value;
    }
    return protocol::parse_projection(attributes, excluded, ctx.registry, ctx.registry.user_type());
}

http::response list_users(context const& ctx, http::request const& req, std::string const& directory_id,
                          protocol::list_query const& query) {
    auto const& type = ctx.registry.user_type();
    auto const projection = protocol::parse_projection(query.attributes, query.excluded_attributes, ctx.registry, type);

    std::optional<protocol::bound_filter> filter;
    std::string canonical_filter;
    if (query.filter) {
        auto const parsed = protocol::parse_filter(*query.filter, filter_limits_of(ctx.config.scim));
        canonical_filter = protocol::to_string(parsed);
        filter = protocol::bind_filter(parsed, ctx.registry, type);
    }
    std::optional<protocol::bound_path> sort_by;
    if (query.sort_by) sort_by = bind_sort_by(ctx, *query.sort_by);
    bool const descending = query.order == protocol::sort_order::descending;

    store::user_listing_request request;
    request.directory_id = directory_id;
    request.filter = filter ? &*filter : nullptr;
    request.sort_by = sort_by ? &*sort_by : nullptr;
    request.descending = descending;
    request.limit = query.count;

    // RFC 9865: a cursor is bound to the directory and to everything that shapes the
    // listing, so that it cannot be replayed against another query.
    std::string const fingerprint = directory_id + "\n" + type.name + "\n" + canonical_filter + "\n" +
                                    (sort_by ? protocol::to_string(*sort_by) : "") + "\n" + (descending ? "d" : "a");
    auto const now = std::chrono::system_clock::now();
    if (query.cursor && !query.cursor->empty()) {
        auto const position = protocol::decode_cursor(*query.cursor, fingerprint, ctx.cursor_key, now,
                                                      ctx.config.scim.cursor_timeout);
        request.boundary = store::keyset_boundary{position.forward, position.sort_key, position.id};
    } else if (!query.cursor) {
        request.offset = query.start_index - 1;
    }

    store::user_listing listing;
    ctx.db.read([&](soci::session& s) { listing = store::list_users(s, request); });

    auto const base_url = directory_base_url(ctx, req, directory_id);
    boost::json::array resources;
    for (auto const& u : listing.rows) resources.push_back(render_listed(ctx, base_url, u.row, projection));
    if (!query.cursor) {
        return scim_json(200, protocol::list_response(listing.total, query.start_index, std::move(resources)));
    }

    // RFC 9865 §2.2: nextCursor when rows follow this page, previousCursor when rows precede it.
    auto body = protocol::list_response(listing.total, 1, std::move(resources));
    body.erase("startIndex");
    if (!listing.rows.empty()) {
        bool const forward = !request.boundary || request.boundary->forward;
        bool const has_next = forward ? listing.more : true;
        bool const has_previous = forward ? request.boundary.has_value() : listing.more;
        auto cursor = [&](bool next, store::listed_user const& edge) {
            return protocol::encode_cursor({next, edge.sort_key, edge.row.id}, fingerprint, ctx.cursor_key, now);
        };
        if (has_next) body["nextCursor"] = cursor(true, listing.rows.back());
        if (has_previous) body["previousCursor"] = cursor(false, listing.rows.front());
    }
    return scim_json(200, body);
}

}  // namespace scim::api
