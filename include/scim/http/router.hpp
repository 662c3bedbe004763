#pragma once
// Maps method + path to a handler, and is the one catch site of the server: whatever a
// handler throws becomes a response here. Knows nothing of SCIM: error bodies come from
// an error_renderer that the composition root supplies.

#include <functional>
#include <map>
#include <string>
#include <string_view>
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

private:
    std::map<std::string, std::string, std::less<>> values_;
};

using handler = std::function<response(request const&, route_params const&)>;
using error_renderer = std::function<response(core::error const&, request const*)>;

class router {
public:
    explicit router(error_renderer render_error);

    // pattern: literal segments and `{name}` segments, e.g. "/scim/directory/{directory}/Users/{id}".
    // Literal segments match case-sensitively; a trailing slash in the request is ignored.
    // Where several routes match, the one with more literal segments wins.
    void add(std::string method, std::string pattern, handler h);

    // Never throws: unknown paths are 404, a known path with another method is 405 (with
    // Allow), core::error becomes its response, anything else a generic 500 and a log line.
    response dispatch(request const& req) const noexcept;

    error_renderer const& render_error() const noexcept { return render_error_; }

    // The rendered response for an error the server raises itself (413, 431, 503, ...);
    // never throws: should the renderer fail, a bare status line goes out and is logged.
    response error_response(core::error const& e, request const* req) const noexcept;

private:
    struct route {
        std::string method;
        std::vector<std::string> segments;  // "{name}" marks a placeholder
        handler h;
    };
    std::vector<route> routes_;
    error_renderer render_error_;
};

}  // namespace scim::http
