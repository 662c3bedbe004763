#pragma once
// The audit trail through the admin API (docs/journal.md "Admin actions", docs/admin-api.md
// "Audit"): the organization's admin writes, newest first, filtered by admin token, action and
// time, paged like the journal; and the same entries as a streamed CSV export.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/journal.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/service/exports.hpp"
#include "scim/service/journal.hpp"
#include "scim/store/journal.hpp"

namespace scim::service {

// What the audit asks for, checked by the caller before anything is read.
struct audit_filter {
    std::optional<std::string> actor;   // an admin token's id
    std::optional<std::string> action;  // "account.deactivate"
    std::optional<std::string> since;   // RFC 3339, inclusive
    std::optional<std::string> until;   // RFC 3339, exclusive
};

journal_page list_audit(context const& ctx, admin_request const& req, audit_filter const& filter,
                        std::optional<protocol::journal_position> const& after, std::int64_t count);

// The entries of `filter`, newest first, from one snapshot.
class audit_export {
public:
    explicit audit_export(std::unique_ptr<store::journal_export> reader) : reader_(std::move(reader)) {}
    std::vector<store::journal_entry> next_batch(std::size_t batch_rows) { return reader_->next_batch(batch_rows); }

private:
    std::unique_ptr<store::journal_export> reader_;
    running_export counted_;
};
audit_export open_audit_export(context const& ctx, admin_request const& req, audit_filter const& filter);

}  // namespace scim::service
