#pragma once
// Maps method + path to a handler, and is the one catch site of the server: whatever a
// handler throws becomes a response here. Knows no application: error bodies come from the
// error_renderers the composition root supplies (one per path prefix), and what a path segment
// must not show in logs is the route's own declaration (route_options).

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"

namespace scim::http {

// Path segments captured by `{name}` placeholders of a route pattern.
class route_params {
public:
    void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
    // Throws std::out_of_range for a name the pattern does not declare (a programming error).
    std::string const& at(std::string_view name) const;
    // Null for a name the pattern does not declare.
    std::string const* find(std::string_view name) const noexcept;

    // The literal segments the request spelled in another letter case than its route declares
    // (router::literals_in_any_case_after), as {given, declared}, in path order.
    void respelled(std::string given, std::string declared) {
        respelled_.emplace_back(std::move(given), std::move(declared));
    }
    std::vector<std::pair<std::string, std::string>> const& respelled() const noexcept { return respelled_; }

private:
    std::map<std::string, std::string, std::less<>> values_;
    std::vector<std::pair<std::string, std::string>> respelled_;
};

using handler = std::function<response(request const&, route_params const&)>;
using error_renderer = std::function<response(core::error const&, request const*)>;

// A route's own limit on request bodies, in place of the server's --max-body-bytes: a larger
// body is refused with 413 and `too_large` as its detail, before the handler runs.
struct body_limit {
    std::size_t bytes = 0;  // 0: the server's limit applies
    std::string too_large;
};

struct route_options {
    // A placeholder whose value is a credential (a one-time link's token): logs show
    // `shown_as(value)` in its place, or "[redacted]" when shown_as is not set.
    std::string secret_param;
    std::function<std::string(std::string_view)> shown_as;
};

class router {
public:
    // `render_error` renders the errors of every path no errors_under prefix claims.
    explicit router(error_renderer render_error);

    // pattern: literal segments and `{name}` segments, e.g. "/scim/directory/{directory}/Users/{id}".
    // Literal segments match case-sensitively (but see literals_in_any_case_after); a trailing
    // slash in the request is ignored. Where several routes match, the one with more literal
    // segments wins, then the one whose literals the request spelled exactly.
    // `body`: the route's own limit on request bodies (body_limit_for).
    void add(std::string method, std::string pattern, handler h, route_options options = {}, body_limit body = {});

    // The literal segments that follow `pattern_prefix` (its own segments, placeholders
    // included, as routes spell them: "/scim/directory/{directory}") in the routes that start
    // with it match in any ASCII letter case: "/users" reaches "/Users", whatever routes are
    // added under the prefix. Placeholders keep the values as sent; route_params::respelled
    // says which literals were spelled otherwise, for the handler to record.
    void literals_in_any_case_after(std::string pattern_prefix);

    // Errors of requests whose path starts with `prefix` (the longest such prefix wins),
    // unknown paths and server-raised errors included, are rendered by `render_error`.
    void errors_under(std::string prefix, error_renderer render_error);

    // Never throws: unknown paths are 404, a known path with another method is 405 (with
    // Allow), core::error becomes its response, anything else a generic 500 and a log line.
    response dispatch(request const& req) const noexcept;

    // The rendered response for an error the server raises itself (413, 431, 503, ...);
    // never throws: should the renderer fail, a bare status line goes out and is logged.
    response error_response(core::error const& e, request const* req) const noexcept;

    // A raw request target as logs show it: the path without the query (it may carry personal
    // data), the secret segment of the route it names as the route says (route_options), and
    // every other segment that fills a placeholder only when it is an identifier scimd issues
    // (UUID, hex, number), else the placeholder's `{name}`. Of a path no route names, the
    // segments that are neither a route's literal nor such an identifier show as `*`.
    std::string loggable_path(std::string_view target) const;

    // The body limit of the route a request names (its method and raw target), when that route
    // declares one (route_options::body); else bytes is 0. Asked once the header is read, so
    // that the body is read under it.
    body_limit body_limit_for(std::string_view method, std::string_view target) const;

    // The pattern of the route dispatch() would run for this method and decoded path, as added
    // ("/scim/directory/{directory}/Users/{id}"); "" when none. Metrics label requests with it:
    // a raw path would make a series per resource id.
    std::string route_pattern(std::string_view method, std::string_view path) const;

private:
    struct route {
        std::string method;
        std::vector<std::string> segments;  // "{name}" marks a placeholder
        handler h;
        route_options options;
        body_limit body;
    };
    // How a request path matches a route: its literal segments, how many of them only in another
    // letter case, and the placeholders' values.
    struct route_match {
        std::size_t literals = 0;
        std::size_t respelled = 0;
        route_params params;
    };
    std::optional<route_match> match(route const& r, std::vector<std::string_view> const& segments) const;
    // The route for `method` and `path` (null when none), its match in `best_match`; the methods
    // of the routes that match the path with another method go to `allowed` when given.
    route const* best_route(std::string_view method, std::string_view path, std::optional<route_match>& best_match,
                            std::vector<std::string_view>* allowed) const;
    // The index of the first segment of `r` whose literal may match in any case.
    std::size_t any_case_from(route const& r) const noexcept;
    error_renderer const& renderer_for(std::string_view path) const noexcept;
    bool is_route_literal(std::string_view segment) const;
    std::vector<route> routes_;
    error_renderer render_error_;
    std::vector<std::pair<std::string, error_renderer>> prefixed_renderers_;
    std::vector<std::vector<std::string>> any_case_prefixes_;
};

}  // namespace scim::http
