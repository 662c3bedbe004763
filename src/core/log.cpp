#include "scim/core/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace scim::core::log {
namespace {

std::atomic<level> minimum_level{level::info};

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

}  // namespace

request_scope::request_scope(std::string_view request_id) noexcept : previous_(request_in_progress) {
    request_in_progress = request_id;
}

request_scope::~request_scope() { request_in_progress = previous_; }

std::string_view current_request() noexcept { return request_in_progress; }

void set_level(level minimum) noexcept { minimum_level = minimum; }

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
    std::string line;
    line.reserve(128);
    line += stamp;
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
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace scim::core::log
