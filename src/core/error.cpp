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

error::error(error_type type, std::string detail) : type_(type), detail_(std::move(detail)) {}

error& error::retry_after(int seconds) noexcept {
    retry_after_ = seconds;
    return *this;
}

}  // namespace scim::core
