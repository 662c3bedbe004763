#include "repetition.hpp"

#include <charconv>

namespace scim::conformance {

repeated_response send_until_status(transport const& send, http_request const& request, int until_status,
                                    unsigned times) {
    repeated_response out;
    do {
        out.last = send(request);
        ++out.sent;
    } while (out.last.status != until_status && out.sent < times);
    return out;
}

unsigned repeat_times(std::string const& at_most, variables const& vars) {
    auto const text = substitute(at_most, vars);
    unsigned n = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 100000) {
        throw case_format_error("repeat.atMost must be a whole number from 1 to 100000, not \"" + text + "\"");
    }
    return n;
}

}  // namespace scim::conformance
