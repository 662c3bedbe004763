#include "listing_plan.hpp"

#include "scim/core/error.hpp"
#include "scim/protocol/cursor.hpp"
#include "scim/protocol/filter.hpp"

namespace scim::service {

listing_plan::listing_plan(context const& ctx, protocol::resource_type const& type, std::string directory_id,
                           protocol::list_query const& query)
    : ctx_(ctx), cursor_paging_(query.cursor.has_value()), start_index_(query.start_index),
      projection_(protocol::parse_projection(query.attributes, query.excluded_attributes, ctx.registry, type)),
      now_(std::chrono::system_clock::now()) {
    std::string canonical_filter;
    auto const limits = protocol::filter_limits_of(ctx.config.scim);
    if (query.filter) {
        auto const parsed = protocol::parse_filter(*query.filter, limits);
        canonical_filter = protocol::to_string(parsed);
        filter_ = protocol::bind_filter(parsed, ctx.registry, type);
    }
    if (query.sort_by) sort_by_ = protocol::bind_sort_by(*query.sort_by, limits, ctx.registry, type);
    bool const descending = query.order == protocol::sort_order::descending;

    request_.owner_id = directory_id;
    request_.filter = filter_ ? &*filter_ : nullptr;
    request_.sort_by = sort_by_ ? &*sort_by_ : nullptr;
    request_.descending = descending;
    request_.limit = query.count;

    // RFC 9865: a cursor is bound to the directory and to everything that shapes the
    // listing, so that it cannot be replayed against another query.
    fingerprint_ = directory_id + "\n" + type.name + "\n" + canonical_filter + "\n" +
                   (sort_by_ ? protocol::to_string(*sort_by_) : "") + "\n" + (descending ? "d" : "a");
    if (query.cursor && !query.cursor->empty()) {
        auto const position =
            protocol::decode_cursor(*query.cursor, fingerprint_, ctx.cursor_key, now_, ctx.config.scim.cursor_timeout);
        request_.boundary = store::keyset_boundary{position.forward, position.sort_key, position.id};
    } else if (!query.cursor) {
        request_.offset = query.start_index - 1;
        if (!filter_ && request_.offset > 0) request_.resume = ctx.listings.find_end(fingerprint_, request_.offset);
    }
    if (filter_) request_.counted = ctx.listings.find_total(fingerprint_);
}

void listing_plan::remember(std::optional<std::int64_t> stamp, std::int64_t total, bool more, std::int64_t shown,
                            std::optional<edge> const& last) const {
    std::optional<store::keyset_boundary> next_after;
    if (!cursor_paging_ && more && last) next_after = store::keyset_boundary{true, last->sort_key, last->id};
    ctx_.listings.remember_page(fingerprint_, filter_.has_value(), stamp, total, request_.offset + shown, next_after);
}

void listing_plan::paging(std::int64_t& start_index, bool& cursor_paging, std::optional<std::string>& next,
                          std::optional<std::string>& previous, bool more, std::optional<edge> const& first,
                          std::optional<edge> const& last) const {
    cursor_paging = cursor_paging_;
    start_index = cursor_paging_ ? 1 : start_index_;
    if (!cursor_paging_ || !first || !last) return;
    // RFC 9865 §2.2: nextCursor when rows follow this page, previousCursor when rows precede it.
    bool const forward = !request_.boundary || request_.boundary->forward;
    bool const has_next = forward ? more : true;
    bool const has_previous = forward ? request_.boundary.has_value() : more;
    auto cursor = [&](bool to_next, edge const& e) {
        return protocol::encode_cursor({to_next, e.sort_key, e.id}, fingerprint_, ctx_.cursor_key, now_);
    };
    if (has_next) next = cursor(true, *last);
    if (has_previous) previous = cursor(false, *first);
}

}  // namespace scim::service
