// The admin console's files (docs/console.md): GET and HEAD /console/<path> answer the embedded
// file of that path; a path whose last segment has no extension is one of the client's own
// routes (/console/accounts/3f0c…) and answers index.html, whose script routes by the path.
// `/` and `/console` redirect to `/console/`.

#include <map>
#include <string>
#include <string_view>

#include "admin_routes.hpp"
#include "console_files.hpp"
#include "console_http.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::admin {
namespace {

// The deepest path under /console/ a route takes ("js/pages/accounts.js" is 3 segments,
// "directories/{id}" 2): deeper ones are unknown (404).
constexpr int max_console_segments = 5;

std::map<std::string_view, embedded_file> const& console_files() {
    static auto const files = [] {
        std::map<std::string_view, embedded_file> by_path;
        for (auto const& f : embedded_console_files()) by_path.emplace(f.path, f);
        return by_path;
    }();
    return files;
}

// The media type of a file by its extension (RFC 9239 for JavaScript); text in UTF-8.
std::string content_type_of(std::string_view path) {
    auto const dot = path.rfind('.');
    auto const extension = core::to_lower_ascii(dot == std::string_view::npos ? "" : path.substr(dot + 1));
    static std::map<std::string, std::string, std::less<>> const types{
        {"html", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"txt", "text/plain; charset=utf-8"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"webp", "image/webp"},
        {"ico", "image/vnd.microsoft.icon"},
        {"woff2", "font/woff2"},
    };
    auto const it = types.find(extension);
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// RFC 9110 §13.1.2: whether If-None-Match (a list of entity tags, or "*") names `etag`; the
// comparison is weak (a W/ tag matches its strong twin).
bool none_match_names(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        auto const comma = if_none_match.find(',');
        auto tag = trimmed(if_none_match.substr(0, comma));
        if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
        if (tag == "*") return true;
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag == etag) return true;
    }
    return false;
}

http::response redirect_to_console() {
    http::response res;
    // RFC 9110 §15.4.4: 303 See Other, a GET of the target. Relative (RFC 3986 §5.2), so that
    // a path prefix in front of scimd (a proxy's) stays: from "/" and from "/console" alike,
    // "console/" is "/console/".
    res.status = 303;
    res.set_header("Location", "console/");
    add_console_headers(res);
    return res;
}

http::response serve_file(http::request const& req, embedded_file const& file) {
    http::response res;
    // The content's hash: any change to a file is a new tag, and nothing else is.
    auto const etag = "\"" + std::string(file.sha256.substr(0, 32)) + "\"";
    res.set_header("ETag", etag);
    // Cached, but revalidated on every use (RFC 9111 §5.2.2.4): a new scimd's files show at once.
    res.set_header("Cache-Control", "no-cache");
    add_console_headers(res);
    if (none_match_names(req.header("if-none-match"), etag)) {
        res.status = 304;
        return res;
    }
    res.set_header("Content-Type", content_type_of(file.path));
    res.body = std::string(file.content);
    return res;
}

http::response console_page(http::request const& req, http::route_params const&) {
    if (req.path == "/" || req.path == "/console") return redirect_to_console();
    std::string_view path(req.path);
    path.remove_prefix(std::string_view("/console").size());
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) path = "index.html";
    auto const& files = console_files();
    if (auto const it = files.find(path); it != files.end()) return serve_file(req, it->second);
    auto const last_segment = path.substr(path.rfind('/') + 1);
    if (last_segment.find('.') != std::string_view::npos)
        throw core::error(core::error_type::not_found, "the console has no such file");
    auto const index = files.find("index.html");
    if (index == files.end()) throw core::error(core::error_type::not_found, "the console has no such file");
    return serve_file(req, index->second);
}

}  // namespace

void add_console_asset_routes(http::router& routes) {
    std::string pattern = "/console";
    for (int depth = 0; depth <= max_console_segments; ++depth) {
        if (depth > 0) pattern += "/{p" + std::to_string(depth) + "}";
        for (auto const* method : {"GET", "HEAD"}) routes.add(method, pattern, console_page);
    }
    for (auto const* method : {"GET", "HEAD"}) routes.add(method, "/", console_page);
}

}  // namespace scim::admin
