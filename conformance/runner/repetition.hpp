#pragma once
// A step sent again until the server answers a given status (conformance/README.md, "Repeated
// steps"): how a case meets a limit the server enforces only after some requests, such as a rate
// limit's 429 (RFC 6585 §4). The last response is what the step's expectations check, so a
// server that never answers that status fails the step with the status it did answer.

#include <string>

#include "execution.hpp"

namespace scim::conformance {

struct repeated_response {
    http_response last;
    unsigned sent = 0;
};

// Sends `request` until a response has `until_status`, at most `times` times (at least once).
repeated_response send_until_status(transport const& send, http_request const& request, int until_status,
                                    unsigned times);

// A step's "atMost" with its variables substituted: a whole number from 1 to 100000; throws
// case_format_error otherwise.
unsigned repeat_times(std::string const& at_most, variables const& vars);

}  // namespace scim::conformance
