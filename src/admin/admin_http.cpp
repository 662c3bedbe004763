#include "admin_http.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

#include "console_http.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/json_body.hpp"

namespace scim::admin {

std::optional<std::string> admin_call::parameter(std::string_view name) const {
    for (auto const& [key, value] : parameters) {
        if (core::iequals(key, name)) return value;
    }
    return std::nullopt;
}

admin_call admin_call_of(http::request const& req, http::route_params const& p,
                         std::optional<std::string> journal_path) {
    admin_call call;
    call.request.id = req.request_id;
    call.request.method = req.method;
    call.request.path = journal_path ? std::move(*journal_path) : req.path;
    if (auto const* organization = p.find("organization")) call.request.organization_id = *organization;
    call.request.authorization = std::string(req.header("authorization"));
    call.request.session_cookie = console_cookie(req);
    call.request.csrf_token = std::string(req.header("x-csrf-token"));
    call.request.origin = std::string(req.header("origin"));
    call.request.sec_fetch_site = std::string(req.header("sec-fetch-site"));
    call.request.own_origin = (req.secure ? "https://" : "http://") + std::string(req.header("host"));
    if (req.method != "GET") call.request.body = req.body;
    call.parameters = http::query_parameters(req.query);
    for (auto const& [name, value] : call.parameters) {
        if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
            throw core::error(core::error_type::invalid_value,
                              "a query parameter holds U+0000 (NUL), which no name or value may hold");
        }
    }
    return call;
}

boost::json::object read_json(service::context const& ctx, http::request const& req) {
    auto const type = core::to_lower_ascii(req.header("content-type"));
    if (!type.empty() && type.rfind("application/json", 0) != 0) {
        throw core::error(core::error_type::unsupported_media_type, "the admin API takes application/json");
    }
    return protocol::parse_request_object(req.body, ctx.config.scim.max_json_depth);
}

std::string checked_text(std::string_view name, std::string_view text, core::text_rule rule) {
    if (auto const problem = core::text_problem(text, rule))
        throw core::error(core::error_type::invalid_value, "\"" + std::string(name) + "\" " + *problem);
    return std::string(text);
}

http::response json_response(int status, boost::json::value const& body) {
    http::response res;
    res.status = status;
    res.set_header("Content-Type", "application/json");
    res.body = boost::json::serialize(body);
    return res;
}

http::response no_content() {
    http::response res;
    res.status = 204;
    return res;
}

boost::json::value json_or_null(std::optional<std::string> const& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

void put_optional(boost::json::object& o, char const* name, std::optional<std::string> const& v) {
    o[name] = json_or_null(v);
}

namespace {

std::int64_t integer_parameter(admin_call const& call, std::string_view name, std::int64_t fallback) {
    auto const value = call.parameter(name);
    if (!value) return fallback;
    try {
        std::size_t used = 0;
        auto const n = std::stoll(*value, &used);
        if (used == value->size() && n >= 0) return n;
    } catch (std::exception const&) {}
    throw core::error(core::error_type::invalid_value, std::string(name) + " must be a non-negative integer");
}

}  // namespace

page_request read_page(service::context const& ctx, admin_call const& call) {
    return {std::max<std::int64_t>(1, integer_parameter(call, "startIndex", 1)),
            std::min<std::int64_t>(integer_parameter(call, "count", 100),
                                   static_cast<std::int64_t>(ctx.config.scim.max_page_size))};
}

}  // namespace scim::admin
