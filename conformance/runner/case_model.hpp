#pragma once
// The case file format (conformance/README.md, "Case files"): one JSON file per area, each
// case a sequence of requests with captures and expectations, plus cleanup requests that
// run even when the case fails.

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include "sized_body.hpp"

namespace scim::conformance {

struct case_format_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// "headers": {"ETag": true} must be present, false must be absent, "regex" must match.
struct header_expectation {
    std::string name;
    bool present = true;
    std::optional<std::string> pattern;
};

// {"path": "$.userName", "equals": "x"}: exactly one of the checks below.
struct json_expectation {
    // equals_if_present: what equals checks, when the path selects anything at all — for
    // members the RFC makes OPTIONAL but defines the value of (scimType, RFC 7644 §3.12).
    enum class check { equals, equals_if_present, exists, absent, contains, matches, length, type };
    std::string path;
    check kind = check::exists;
    // the value for equals/equalsIfPresent/contains, the regex for matches, the count for length, and for
    // type one of string, integer, number, boolean, object, array
    boost::json::value expected;
};

// How a step authenticates: the run's bearer token, none at all, or a token the server never issued.
enum class authentication { token, none, invalid };

// "repeat": {"untilStatus": 429, "atMost": "${rate_limit_attempts}"}: the request is sent again
// until the status comes, at most atMost times (a number, or a string of one after substitution).
struct repeat_rule {
    int until_status = 0;
    std::string at_most;
};

struct step {
    std::string title;  // "what this request does", for failure messages
    std::string method;
    std::string path;  // relative to the base URL, with ${variables}
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<boost::json::value> body;  // sent as JSON
    std::optional<std::string> body_text;    // sent as it is (malformed bodies)
    // A body built to a size the server claims (sized_body.hpp): items added to one of its
    // arrays, and white space up to a number of bytes.
    std::optional<array_fill> fill;
    std::optional<claimed_size> pad_to;
    authentication auth = authentication::token;
    std::vector<int> statuses;  // any of these; empty: not checked
    std::vector<header_expectation> expect_headers;
    std::vector<json_expectation> expect_json;
    // variable -> "$.json.path" or "header:Name"
    std::vector<std::pair<std::string, std::string>> captures;
    std::optional<repeat_rule> repeat;  // repetition.hpp
};

struct test_case {
    std::string id;  // unique within the area, used by --only area/id
    std::string title;
    std::string cite;  // the RFC section or IdP behaviour checked
    std::vector<std::string> required_features;
    std::vector<step> steps;
    std::vector<step> cleanup;  // always run; their outcome is not asserted
};

struct area {
    std::string name;
    std::string description;
    std::vector<std::string> required_features;  // apply to every case of the area
    std::vector<test_case> cases;
};

// Throws case_format_error naming the case and field that is wrong.
area parse_area(boost::json::value const& document);

}  // namespace scim::conformance
