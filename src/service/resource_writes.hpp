#pragma once
// What the use cases of single resources share: preconditions (RFC 7644 §3.14), the answer a
// PATCH gives (RFC 7240), the errors for a resource that is not there, and the log of what
// scimd reinterpreted in a request.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scim/service/scim_request.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {

// If-Match makes a write conditional on the version the client last saw. Call it with the row
// locked, and repeat the version condition in the write, so that nobody can slip in between.
void require_if_match(scim_request const& req, std::int64_t version, std::string_view resource_type);

// Whether If-None-Match names the current version (the client's copy is current: 304).
bool not_modified(scim_request const& req, std::int64_t version);

// Whether a PATCH answers 200 with the resource (else 204 with the ETag): what the client asks
// for (Prefer: return=minimal or return=representation, RFC 7240; an attributes or
// excludedAttributes parameter), else the directory's patch_response setting, else `by_default`
// (Users true; Groups false, what group pushes want).
bool patch_answers_with_body(scim_request const& req, store::directory_settings const& directory, bool by_default);

[[noreturn]] void resource_not_found(std::string_view resource_type, std::string const& id);

// The row is locked before it is written, so this only happens if that lock was lost.
[[noreturn]] void changed_while_written(std::string_view resource_type, std::string const& id);

// The row of a resource about to be written, locked by `find_for_update`, once If-Match allows
// the write.
template <typename FindForUpdate>
auto lock_for_write(scim_request const& req, std::string_view resource_type, std::string const& id,
                    FindForUpdate const& find_for_update) {
    auto existing = find_for_update();
    if (!existing) resource_not_found(resource_type, id);
    require_if_match(req, existing->version, resource_type);
    return *existing;
}

// That scimd reinterpreted a request, and how many times: one log line, so that an operator
// finds the request whose journal entry lists the rules (IDP-BEHAVIOUR.md). The rules quote
// values, so the line does not. `resource_key` is the log key for the id ("user", "group").
void log_normalizations(scim_request const& req, std::string const& resource_key, std::string const& id,
                        std::vector<std::string> const& rules);

}  // namespace scim::service
