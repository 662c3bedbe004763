#include "scim/core/error.hpp"

#include <utility>

namespace scim::core {

// RFC 7644 §3.12: each scimType is tied to the status it travels with.
error_description describe(error_type type) noexcept {
    switch (type) {
        case error_type::invalid_filter: return {400, "invalidFilter"};
        case error_type::too_many: return {400, "tooMany"};
        case error_type::uniqueness: return {409, "uniqueness"};
        case error_type::mutability: return {400, "mutability"};
        case error_type::invalid_syntax: return {400, "invalidSyntax"};
        case error_type::invalid_path: return {400, "invalidPath"};
        case error_type::no_target: return {400, "noTarget"};
        case error_type::invalid_value: return {400, "invalidValue"};
        case error_type::invalid_version: return {400, "invalidVers"};
        case error_type::sensitive: return {400, "sensitive"};
        case error_type::invalid_cursor: return {400, "invalidCursor"};
        case error_type::expired_cursor: return {400, "expiredCursor"};
        case error_type::bad_request: return {400, ""};
        case error_type::unauthorized: return {401, ""};
        case error_type::forbidden: return {403, ""};
        case error_type::not_found: return {404, ""};
        case error_type::method_not_allowed: return {405, ""};
        case error_type::not_acceptable: return {406, ""};
        case error_type::conflict: return {409, ""};
        case error_type::precondition_failed: return {412, ""};
        case error_type::payload_too_large: return {413, ""};
        case error_type::unsupported_media_type: return {415, ""};
        case error_type::too_many_requests: return {429, ""};
        case error_type::headers_too_large: return {431, ""};
        case error_type::internal: return {500, ""};
        case error_type::not_implemented: return {501, ""};
        case error_type::service_unavailable: return {503, ""};
    }
    return {500, ""};
}

std::string_view name_of(error_type type) noexcept {
    switch (type) {
        case error_type::invalid_filter: return "invalid_filter";
        case error_type::too_many: return "too_many";
        case error_type::uniqueness: return "uniqueness";
        case error_type::mutability: return "mutability";
        case error_type::invalid_syntax: return "invalid_syntax";
        case error_type::invalid_path: return "invalid_path";
        case error_type::no_target: return "no_target";
        case error_type::invalid_value: return "invalid_value";
        case error_type::invalid_version: return "invalid_version";
        case error_type::sensitive: return "sensitive";
        case error_type::invalid_cursor: return "invalid_cursor";
        case error_type::expired_cursor: return "expired_cursor";
        case error_type::bad_request: return "bad_request";
        case error_type::unauthorized: return "unauthorized";
        case error_type::forbidden: return "forbidden";
        case error_type::not_found: return "not_found";
        case error_type::method_not_allowed: return "method_not_allowed";
        case error_type::not_acceptable: return "not_acceptable";
        case error_type::conflict: return "conflict";
        case error_type::precondition_failed: return "precondition_failed";
        case error_type::payload_too_large: return "payload_too_large";
        case error_type::unsupported_media_type: return "unsupported_media_type";
        case error_type::too_many_requests: return "too_many_requests";
        case error_type::headers_too_large: return "headers_too_large";
        case error_type::internal: return "internal";
        case error_type::not_implemented: return "not_implemented";
        case error_type::service_unavailable: return "service_unavailable";
    }
    return "internal";
}

error::error(error_type type, std::string detail) : type_(type), detail_(std::move(detail)) {}

error& error::retry_after(int seconds) noexcept {
    retry_after_ = seconds;
    return *this;
}

}  // namespace scim::core
