#pragma once
// The one error type that ends a request. Every failure a client can cause is a
// `scim::core::error`; the router is the single place that turns it into a response.

#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace scim::core {

// The error kinds scimd reports. The first group are the scimType values of
// RFC 7644 §3.12 Table 9; the rest are plain HTTP outcomes that carry no scimType.
enum class error_type {
    invalid_filter,
    too_many,
    uniqueness,
    mutability,
    invalid_syntax,
    invalid_path,
    no_target,
    invalid_value,
    invalid_version,
    sensitive,
    invalid_cursor,  // RFC 9865 §4
    expired_cursor,  // RFC 9865 §4
    bad_request,
    unauthorized,
    forbidden,
    not_found,
    method_not_allowed,
    not_acceptable,
    conflict,
    precondition_failed,
    payload_too_large,
    headers_too_large,
    unsupported_media_type,
    too_many_requests,
    internal,
    not_implemented,
    service_unavailable,
};

// HTTP status and scimType (empty when none applies) of an error kind.
struct error_description {
    int status;
    std::string_view scim_type;
};

error_description describe(error_type type) noexcept;

// The kind's name as APIs other than SCIM show it ("invalid_filter", "uniqueness", "not_found").
std::string_view name_of(error_type type) noexcept;

class error : public std::exception {
public:
    error(error_type type, std::string detail);

    // For 503/429: how long the client should wait (RFC 7231 §7.1.3 Retry-After).
    error& retry_after(int seconds) noexcept;

    error_type type() const noexcept { return type_; }
    std::string const& detail() const noexcept { return detail_; }
    std::optional<int> retry_after_seconds() const noexcept { return retry_after_; }
    int status() const noexcept { return describe(type_).status; }
    char const* what() const noexcept override { return detail_.c_str(); }

private:
    error_type type_;
    std::string detail_;
    std::optional<int> retry_after_;
};

}  // namespace scim::core
