#include "scim/service/directory_rate_limits.hpp"

#include <boost/json/object.hpp>

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "rate_limit_times.hpp"
#include "scim/core/error.hpp"

namespace scim::service {
namespace {

directory_view view_of(store::session& s, admin_request const& req, std::string const& directory_id) {
    auto d = store::find_directory(s, directory_id);
    if (!d || d->organization_id != req.organization_id) {
        throw core::error(core::error_type::not_found, "this organization has no directory " + directory_id);
    }
    auto tokens = store::list_tokens(s, d->id);
    return {std::move(*d), std::move(tokens)};
}

// The setting as the audit records it (what the admin chose, not what it resolves to).
boost::json::value audit_value(store::directory_rate_limit const& limit) {
    boost::json::object out{{"source", limit.source}};
    if (limit.source == "directory") {
        out["requestsPerSecond"] = limit.per_second;
        out["burst"] = limit.burst;
    }
    return out;
}

directory_detail detail_of(context const& ctx, store::session& s, directory_view view) {
    directory_detail out;
    out.effective_rate_limit = effective_rate_limit(ctx.config.rate_limits, view.directory.rate_limit);
    out.refusals = recent_refusals(ctx, s, view.directory.id);
    out.view = std::move(view);
    return out;
}

}  // namespace

store::rate_limit_refusals recent_refusals(context const& ctx, store::session& s, std::string const& directory_id) {
    auto out = store::recent_rate_limit_refusals(s, directory_id);
    if (auto const pending = ctx.rate_limits.pending_refusals(directory_id)) {
        out.count += pending->count;
        auto const last = rfc3339_utc(pending->last_at);
        if (!out.last || *out.last < last) out.last = last;
    }
    return out;
}

std::optional<rate_limit> effective_rate_limit(core::rate_limit_settings const& defaults,
                                               store::directory_rate_limit const& own) {
    if (own.source == "off") return std::nullopt;
    if (own.source == "directory") return rate_limit{own.per_second, own.burst};
    if (defaults.default_per_second == 0) return std::nullopt;
    return rate_limit{static_cast<double>(defaults.default_per_second),
                      static_cast<std::int64_t>(defaults.default_burst)};
}

directory_detail get_directory(context const& ctx, admin_request const& req, std::string const& directory_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        directory_detail out;
        lease.read([&](store::session& s) { out = detail_of(ctx, s, view_of(s, req, directory_id)); });
        return out;
    });
}

directory_detail set_directory_rate_limit(context const& ctx, admin_request const& req, std::string const& directory_id,
                                          store::directory_rate_limit const& limit) {
    return audited_admin_write(ctx, req, {"directory.rateLimit", "Directory", 200}, directory_id,
                               [&](admin_write& write) {
                                   directory_detail out;
                                   write.transact([&](store::session& s) {
                                       auto const before = view_of(s, req, directory_id).directory.rate_limit;
                                       store::set_directory_rate_limit(s, req.organization_id, directory_id, limit);
                                       out = detail_of(ctx, s, view_of(s, req, directory_id));
                                       write.changed("rateLimit", audit_value(before), audit_value(limit));
                                   });
                                   // The token cache holds the directory's settings with its tokens.
                                   ctx.tokens.forget_directory(directory_id);
                                   return out;
                               });
}

}  // namespace scim::service
