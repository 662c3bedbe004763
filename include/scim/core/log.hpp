#pragma once
// One log line per event to stderr (docs/logging.md): `time level message key=value ...` as
// text, or one JSON object with the same fields (--log-format json). Thread-safe: a line is
// written with a single call so lines from different threads never interleave.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace scim::core::log {

enum class level { debug, info, warn, error };
enum class format { text, json };

using field = std::pair<std::string_view, std::string_view>;

void set_level(level minimum) noexcept;
void set_format(format f) noexcept;
void write(level lvl, std::string_view message, std::initializer_list<field> fields = {});

// The X-Request-Id of the request the calling thread works for, so that lines written far from
// the request (the store's SQL failures) name it: set for the time of a handler by the router.
class request_scope {
public:
    explicit request_scope(std::string_view request_id) noexcept;
    ~request_scope();
    request_scope(request_scope const&) = delete;
    request_scope& operator=(request_scope const&) = delete;

private:
    std::string_view previous_;
};

// "" outside a request_scope.
std::string_view current_request() noexcept;

// The line write() puts out, without its line end; `time` as written (ISO 8601, UTC).
std::string format_line(format f, std::string_view time, level lvl, std::string_view message,
                        std::initializer_list<field> fields);

inline void debug(std::string_view m, std::initializer_list<field> f = {}) { write(level::debug, m, f); }
inline void info(std::string_view m, std::initializer_list<field> f = {}) { write(level::info, m, f); }
inline void warn(std::string_view m, std::initializer_list<field> f = {}) { write(level::warn, m, f); }
inline void error(std::string_view m, std::initializer_list<field> f = {}) { write(level::error, m, f); }

}  // namespace scim::core::log
