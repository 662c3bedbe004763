#include "admin_requests.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/store/tenants.hpp"
#include "scim/admin/endpoints.hpp"

namespace scim::admin {
std::string issue_admin_token(soci::session& s, std::string const& organization_id) {
    auto minted = core::mint_token(core::admin_token_prefix);
    store::insert_admin_token(s, {minted.id, organization_id, minted.secret_hash});
    return minted.token;
}

std::string authenticate_admin(context const& ctx, http::request const& req, std::string const& organization_id) {
    auto refuse = [] {
        throw core::error(core::error_type::unauthorized, "a valid admin token for this organization is required");
    };
    auto const presented = core::read_bearer(req.header("authorization"), core::admin_token_prefix);
    if (!presented) refuse();
    std::optional<store::admin_token_row> row;
    ctx.db.read([&](soci::session& s) { row = store::find_active_admin_token(s, presented->id); });
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored) || row->organization_id != organization_id) refuse();
    return row->id;
}

boost::json::object read_json(context const& ctx, http::request const& req) {
    auto const type = core::to_lower_ascii(req.header("content-type"));
    if (!type.empty() && type.rfind("application/json", 0) != 0) {
        throw core::error(core::error_type::unsupported_media_type, "the admin API takes application/json");
    }
    return protocol::parse_request_object(req.body, ctx.config.scim.max_json_depth);
}

http::response json_response(int status, boost::json::value const& body) {
    http::response res;
    res.status = status;
    res.set_header("Content-Type", "application/json");
    res.body = boost::json::serialize(body);
    return res;
}

void put_optional(boost::json::object& o, char const* name, std::optional<std::string> const& v) {
    o[name] = v ? boost::json::value(*v) : boost::json::value(nullptr);
}

namespace {

std::int64_t integer_parameter(http::request const& req, std::string_view name, std::int64_t fallback) {
    for (auto const& [key, value] : http::query_parameters(req.query)) {
        if (!core::iequals(key, name)) continue;
        try {
            std::size_t used = 0;
            auto const n = std::stoll(value, &used);
            if (used == value.size() && n >= 0) return n;
        } catch (std::exception const&) {
        }
        throw core::error(core::error_type::invalid_value, std::string(name) + " must be a non-negative integer");
    }
    return fallback;
}

}  // namespace

page_request read_page(context const& ctx, http::request const& req) {
    return {std::max<std::int64_t>(1, integer_parameter(req, "startIndex", 1)),
            std::min<std::int64_t>(integer_parameter(req, "count", 100),
                                   static_cast<std::int64_t>(ctx.config.scim.max_page_size))};
}

}  // namespace scim::admin
