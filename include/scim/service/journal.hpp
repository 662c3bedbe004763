#pragma once
// The provisioning journal through the admin API (DOMAIN.md "journal entry", docs/journal.md):
// an organization's entries, newest first, filtered by account, directory, actor, outcome and
// time, paged with a keyset position. Only the organization's own entries are ever read, so a directory or
// account of another organization simply matches nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/journal.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/journal.hpp"

namespace scim::service {

// What the listing asks for, checked by the caller before anything is read.
struct journal_filter {
    std::optional<std::string> account_id;
    std::optional<std::string> directory_id;
    std::optional<store::journal_actor> actor;
    std::optional<store::journal_outcome> outcome;
    std::optional<std::string> since;                 // RFC 3339, inclusive
    std::optional<std::string> until;                 // RFC 3339, exclusive
    std::optional<protocol::journal_position> after;  // the previous page's last entry
    std::int64_t count = 50;                          // at least 1
};

struct journal_page {
    std::vector<store::journal_entry> entries;
    // The last entry, when more follow it: where the next page starts.
    std::optional<protocol::journal_position> next;
};

journal_page list_journal(context const& ctx, admin_request const& req, journal_filter const& filter);

}  // namespace scim::service
