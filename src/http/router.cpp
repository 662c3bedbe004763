#include "scim/http/router.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <stdexcept>

#include "scim/core/log.hpp"
#include "scim/core/text.hpp"

namespace scim::http {
namespace {

// "/a/b/" -> {"a", "b"}; "/" -> {}. One trailing slash is ignored, so "/Users/" is "/Users".
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    path.remove_prefix(1);
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return segments;
    for (;;) {
        auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) return segments;
        path.remove_prefix(slash + 1);
    }
}

bool is_placeholder(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string_view placeholder_name(std::string_view segment) { return segment.substr(1, segment.size() - 2); }

// What scimd hands out as identifiers: UUIDs, hex ids, numbers. Anything else in a path (a
// userName or an email a client put where an id belongs) may be personal data.
bool is_issued_identifier(std::string_view segment) {
    return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
    });
}

}  // namespace

std::string const& route_params::at(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::out_of_range("no route parameter " + std::string(name));
    return it->second;
}

std::string const* route_params::find(std::string_view name) const noexcept {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

router::router(error_renderer render_error) : render_error_(std::move(render_error)) {}

void router::add(std::string method, std::string pattern, handler h, route_options options, body_limit body) {
    std::vector<std::string> segments;
    for (auto s : split_path(pattern)) segments.emplace_back(s);
    routes_.push_back({std::move(method), std::move(segments), std::move(h), std::move(options), std::move(body)});
}

void router::literals_in_any_case_after(std::string pattern_prefix) {
    std::vector<std::string> segments;
    for (auto s : split_path(pattern_prefix)) segments.emplace_back(s);
    any_case_prefixes_.push_back(std::move(segments));
}

std::size_t router::any_case_from(route const& r) const noexcept {
    for (auto const& prefix : any_case_prefixes_) {
        if (prefix.size() <= r.segments.size() && std::equal(prefix.begin(), prefix.end(), r.segments.begin()))
            return prefix.size();
    }
    return r.segments.size();
}

std::optional<router::route_match> router::match(route const& r, std::vector<std::string_view> const& segments) const {
    if (r.segments.size() != segments.size()) return std::nullopt;
    auto const any_case = any_case_from(r);
    route_match m;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        auto const& declared = r.segments[i];
        if (is_placeholder(declared)) {
            if (segments[i].empty()) return std::nullopt;
            m.params.set(std::string(placeholder_name(declared)), std::string(segments[i]));
            continue;
        }
        ++m.literals;
        if (declared == segments[i]) continue;
        if (i < any_case || !core::iequals(declared, segments[i])) return std::nullopt;
        ++m.respelled;
        m.params.respelled(std::string(segments[i]), declared);
    }
    return m;
}

void router::errors_under(std::string prefix, error_renderer render_error) {
    prefixed_renderers_.emplace_back(std::move(prefix), std::move(render_error));
}

error_renderer const& router::renderer_for(std::string_view path) const noexcept {
    error_renderer const* best = &render_error_;
    std::size_t best_length = 0;
    for (auto const& [prefix, renderer] : prefixed_renderers_) {
        if (path.starts_with(prefix) && prefix.size() > best_length) {
            best = &renderer;
            best_length = prefix.size();
        }
    }
    return *best;
}

std::string router::loggable_path(std::string_view target) const {
    auto const path = target.substr(0, target.find('?'));
    if (path.empty() || path.front() != '/') return std::string(path);
    auto const segments = split_path(path);
    // The route the path names, whatever the method, as dispatch would choose it.
    route const* named = nullptr;
    std::size_t named_literals = 0;
    for (auto const& r : routes_) {
        auto const m = match(r, segments);
        if (m && (!named || m->literals > named_literals)) {
            named = &r;
            named_literals = m->literals;
        }
    }
    std::string shown;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        shown += "/";
        auto const segment = segments[i];
        if (!named) {
            shown += is_route_literal(segment) || is_issued_identifier(segment) ? segment : std::string_view("*");
            continue;
        }
        auto const& pattern = named->segments[i];
        if (!is_placeholder(pattern)) {
            shown += segment;
        } else if (placeholder_name(pattern) == named->options.secret_param) {
            shown += named->options.shown_as ? named->options.shown_as(segment) : "[redacted]";
        } else {
            shown += is_issued_identifier(segment) ? segment : std::string_view(pattern);
        }
    }
    return shown;
}

bool router::is_route_literal(std::string_view segment) const {
    return std::any_of(routes_.begin(), routes_.end(), [segment](route const& r) {
        return std::find(r.segments.begin(), r.segments.end(), segment) != r.segments.end();
    });
}

response router::error_response(core::error const& e, request const* req) const noexcept {
    try {
        return renderer_for(req ? std::string_view(req->path) : std::string_view())(e, req);
    } catch (std::exception const& failure) {
        core::log::error("error renderer failed", {{"error", failure.what()}});
    } catch (...) {
        core::log::error("error renderer failed");
    }
    response bare;
    bare.status = e.status();
    return bare;
}

body_limit router::body_limit_for(std::string_view method, std::string_view target) const {
    std::string path;
    try {
        path = percent_decode(target.substr(0, target.find('?')), false);
    } catch (core::error const&) {
        return {};  // answered 400 once read; the server's limit bounds what is read
    }
    if (path.empty() || path.front() != '/') return {};
    auto const segments = split_path(path);
    route const* best = nullptr;
    std::optional<route_match> best_match;
    for (auto const& r : routes_) {
        if (r.method != method) continue;
        auto m = match(r, segments);
        // As dispatch chooses: more literal segments win, then literals spelled as declared.
        if (m && (!best || m->literals > best_match->literals ||
                  (m->literals == best_match->literals && m->respelled < best_match->respelled))) {
            best = &r;
            best_match = std::move(m);
        }
    }
    return best ? best->body : body_limit{};
}

router::route const* router::best_route(std::string_view method, std::string_view path,
                                        std::optional<route_match>& best_match,
                                        std::vector<std::string_view>* allowed) const {
    auto segments = split_path(path);
    route const* best = nullptr;
    for (auto const& r : routes_) {
        auto m = match(r, segments);
        if (!m) continue;
        if (r.method != method) {
            if (allowed && std::find(allowed->begin(), allowed->end(), r.method) == allowed->end())
                allowed->push_back(r.method);
            continue;
        }
        // A literal segment beats a placeholder ("/Users/.search" over "/Users/{id}"),
        // whatever the order the routes were added in; then literals spelled as declared.
        if (!best || m->literals > best_match->literals ||
            (m->literals == best_match->literals && m->respelled < best_match->respelled)) {
            best = &r;
            best_match = std::move(m);
        }
    }
    return best;
}

std::string router::route_pattern(std::string_view method, std::string_view path) const {
    if (path.empty() || path.front() != '/') return {};
    std::optional<route_match> found;
    auto const* r = best_route(method, path, found, nullptr);
    if (!r) return {};
    std::string pattern;
    for (auto const& segment : r->segments) pattern += "/" + segment;
    return pattern.empty() ? "/" : pattern;
}

response router::dispatch(request const& req) const noexcept {
    if (req.path.empty() || req.path.front() != '/') {
        return error_response(core::error(core::error_type::not_found, "no such resource"), &req);
    }
    std::vector<std::string_view> allowed;  // RFC 9110 §15.5.6: a 405 lists the resource's methods
    std::optional<route_match> best_match;
    auto const* best = best_route(req.method, req.path, best_match, &allowed);
    if (best) {
        // The one catch site (ARCHITECTURE.md, Errors): core::error is the client's fault and
        // is rendered as RFC 7644 §3.12 says; anything else is ours, so its text stays in the log.
        core::log::request_scope scope(req.request_id);
        try {
            return best->h(req, best_match->params);
        } catch (core::error const& e) {
            return error_response(e, &req);
        } catch (std::exception const& e) {
            core::log::error("handler failed", {{"id", req.request_id},
                                                {"method", req.method},
                                                {"path", loggable_path(req.target)},
                                                {"error", e.what()}});
        } catch (...) {
            core::log::error("handler failed",
                             {{"id", req.request_id}, {"method", req.method}, {"path", loggable_path(req.target)}});
        }
        return error_response(core::error(core::error_type::internal, "internal server error"), &req);
    }
    if (allowed.empty()) return error_response(core::error(core::error_type::not_found, "no such resource"), &req);
    std::string allow;
    for (auto method : allowed) allow += (allow.empty() ? "" : ", ") + std::string(method);
    auto res = error_response(core::error(core::error_type::method_not_allowed, "method not allowed"), &req);
    res.set_header("Allow", std::move(allow));
    return res;
}

}  // namespace scim::http
