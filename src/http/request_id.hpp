#pragma once
// The id a request is known by in logs, in the journal and in its response's X-Request-Id
// (docs/logging.md "Request ids"): the caller's, when it sent a well-formed one, so that a
// request can be followed from a load balancer or a tracing client into scimd.

#include <optional>
#include <string>
#include <string_view>

#include "scim/http/message.hpp"

namespace scim::http {

// Longest X-Request-Id taken: a UUID or a trace id fits; longer ones only bloat every line.
inline constexpr std::size_t max_request_id_length = 64;

// `value` when it is a usable X-Request-Id: 1 to 64 characters from A-Z a-z 0-9 and - _ . : —
// nothing a log line or the journal would have to quote or escape.
std::optional<std::string> well_formed_request_id(std::string_view value);

// The trace id of a well-formed W3C Trace Context `traceparent` (version-trace_id-parent_id-flags,
// lower-case hex; version ff invalid, trace and parent ids not all zeros; version 00 exactly
// 55 characters, later versions may append "-..." fields), or nullopt.
std::optional<std::string> trace_id_of(std::string_view traceparent);

// The request's X-Request-Id when well-formed, else the trace id of its traceparent when
// well-formed, else nullopt (the server makes a new id).
std::optional<std::string> request_id_from(request const& req);

}  // namespace scim::http
