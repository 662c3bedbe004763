#include "scim/core/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace scim::core::log {
namespace {

std::atomic<level> minimum_level{level::info};
std::atomic<format> line_format{format::text};

// A handler runs on one worker thread from start to end (http/worker_pool).
thread_local std::string_view request_in_progress;

char const* name_of(level lvl) {
    switch (lvl) {
        case level::debug: return "DEBUG";
        case level::info: return "INFO";
        case level::warn: return "WARN";
        case level::error: return "ERROR";
    }
    return "INFO";
}

// Values with spaces, quotes or control characters are quoted so a line stays one
// line and stays parseable, whatever a client put into it.
void append_value(std::string& out, std::string_view value) {
    bool needs_quotes = value.empty();
    for (char c : value) {
        if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) needs_quotes = true;
    }
    if (!needs_quotes) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    out += '"';
}

// A JSON string (RFC 8259 §7) of any bytes: control characters escaped, and each byte that is
// not part of well-formed UTF-8 (RFC 3629 §4) replaced by U+FFFD, so that a client's bytes
// never make a line that a log pipeline cannot parse.
void append_json_string(std::string& out, std::string_view value) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < value.size();) {
        auto const c = static_cast<unsigned char>(value[i]);
        if (c < 0x80) {
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c == 0x7f) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        // The length the lead byte announces, and the range its first continuation byte must
        // be in (no overlong forms, no surrogates, nothing above U+10FFFF).
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3;
            if (c == 0xe0) low = 0xa0;
            if (c == 0xed) high = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4;
            if (c == 0xf0) low = 0x90;
            if (c == 0xf4) high = 0x8f;
        }
        bool valid = length != 0 && i + length <= value.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            auto const b = static_cast<unsigned char>(value[i + k]);
            valid = k == 1 ? (b >= low && b <= high) : (b >= 0x80 && b <= 0xbf);
        }
        if (valid) {
            out.append(value.substr(i, length));
            i += length;
        } else {
            out += "\\ufffd";
            ++i;
        }
    }
    out += '"';
}

}  // namespace

std::string format_line(format f, std::string_view time, level lvl, std::string_view message,
                        std::initializer_list<field> fields) {
    std::string line;
    line.reserve(160);
    if (f == format::json) {
        line += "{\"time\":";
        append_json_string(line, time);
        line += ",\"level\":";
        append_json_string(line, name_of(lvl));
        line += ",\"message\":";
        append_json_string(line, message);
        for (auto const& [key, value] : fields) {
            line += ',';
            append_json_string(line, key);
            line += ':';
            append_json_string(line, value);
        }
        line += '}';
        return line;
    }
    line += time;
    line += ' ';
    line += name_of(lvl);
    line += ' ';
    append_value(line, message);
    for (auto const& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        append_value(line, value);
    }
    return line;
}

request_scope::request_scope(std::string_view request_id) noexcept : previous_(request_in_progress) {
    request_in_progress = request_id;
}

request_scope::~request_scope() { request_in_progress = previous_; }

std::string_view current_request() noexcept { return request_in_progress; }

void set_level(level minimum) noexcept { minimum_level = minimum; }

void set_format(format f) noexcept { line_format = f; }

void write(level lvl, std::string_view message, std::initializer_list<field> fields) {
    if (lvl < minimum_level.load()) return;
    auto now = std::chrono::system_clock::now();
    auto seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    auto line = format_line(line_format.load(), stamp, lvl, message, fields);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace scim::core::log
