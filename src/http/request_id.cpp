#include "request_id.hpp"

#include <algorithm>

namespace scim::http {
namespace {

bool is_id_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':';
}

// Trace Context §3.2.2: lower-case hex only ("HEXDIGLC").
bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool all_zeros(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

}  // namespace

std::optional<std::string> well_formed_request_id(std::string_view value) {
    if (value.empty() || value.size() > max_request_id_length) return std::nullopt;
    if (!std::all_of(value.begin(), value.end(), is_id_character)) return std::nullopt;
    return std::string(value);
}

// W3C Trace Context (https://www.w3.org/TR/trace-context/) §3.2:
// traceparent = version "-" trace-id "-" parent-id "-" trace-flags, 2, 32, 16 and 2 hex digits.
std::optional<std::string> trace_id_of(std::string_view traceparent) {
    constexpr std::size_t length_00 = 55;
    if (traceparent.size() < length_00) return std::nullopt;
    auto const version = traceparent.substr(0, 2);
    auto const trace_id = traceparent.substr(3, 32);
    auto const parent_id = traceparent.substr(36, 16);
    auto const flags = traceparent.substr(53, 2);
    if (traceparent[2] != '-' || traceparent[35] != '-' || traceparent[52] != '-') return std::nullopt;
    if (!is_lower_hex(version) || !is_lower_hex(trace_id) || !is_lower_hex(parent_id) || !is_lower_hex(flags))
        return std::nullopt;
    if (version == "ff" || all_zeros(trace_id) || all_zeros(parent_id)) return std::nullopt;
    // §3.2.4: version 00 has exactly these fields; a later version may add some after a dash.
    if (traceparent.size() != length_00 && (version == "00" || traceparent[length_00] != '-')) return std::nullopt;
    return std::string(trace_id);
}

std::optional<std::string> request_id_from(request const& req) {
    if (req.has_header("x-request-id")) {
        if (auto id = well_formed_request_id(req.header("x-request-id"))) return id;
    }
    if (req.has_header("traceparent")) return trace_id_of(req.header("traceparent"));
    return std::nullopt;
}

}  // namespace scim::http
