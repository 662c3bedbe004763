#pragma once
// POST /Bulk (RFC 7644 §3.7): the operations of a planned BulkRequest (protocol/bulk_plan.hpp)
// run one by one through the same use cases as single requests (scim_users.hpp,
// scim_groups.hpp), each its own transaction and its own journal entry under the bulk's
// request id; bulkId references replaced by the ids their POSTs created (§3.7.2); stopped once
// failOnErrors operations failed (§3.7.3).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/core/error.hpp"
#include "scim/protocol/bulk_plan.hpp"
#include "scim/service/context.hpp"
#include "scim/service/scim_request.hpp"

namespace scim::service {

// What became of one operation.
struct bulk_result {
    std::size_t operation = 0;  // its index in the plan's operations
    int status = 0;             // as the single request would have answered
    // The resource it wrote or meant to write ("/Users/{id}"), when known: a failed POST has
    // none (§3.7.3), nor has an operation whose path names a bulkId that was not resolved.
    std::optional<std::string> resource_path;
    std::optional<std::int64_t> version;  // after a successful POST, PUT or PATCH
    std::optional<core::error> error;
};

// Runs `plan` in its order for the directory of `bulk`, whose token the caller has checked
// (check_directory_access); each operation checks it again, as every request does (a revoked
// token fails the rest). Answers the results in the order they were processed, ending after
// the failOnErrors-th failure.
std::vector<bulk_result> run_bulk(context const& ctx, scim_request const& bulk, protocol::bulk_plan const& plan);

}  // namespace scim::service
