#pragma once
// What the `scimd` subcommands and the server's periodic tasks do besides answering requests
// (docs/command-line.md), each one use case in one transaction. They take the database itself:
// they run before (or beside) the request-serving context.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/store/admin_tokens.hpp"
#include "scim/store/api_tokens.hpp"
#include "scim/store/email_changes.hpp"

namespace scim::store {
class database;
}

namespace scim::service {

// Applies the migrations not applied yet (schemas/sql/, in order; one process at a time).
void migrate(store::database& db);

// The key that signs RFC 9865 cursors, the same on every replica.
std::string cursor_signing_key(store::database& db);

// `scimd bootstrap`: the organization and its directory (created when missing), the
// directory's patch_response setting when given, and a new token of the directory.
struct bootstrapped {
    std::string organization_id;
    std::string directory_id;
    std::string token;  // shown once
};
bootstrapped bootstrap(store::database& db, std::string const& organization, std::string const& directory,
                       std::optional<std::string> const& patch_response);

// `scimd admin-token`: a new admin token of the organization (created when missing), labelled
// `label`, never expiring, shown once.
store::minted_admin_token issue_admin_token(store::database& db, std::string const& organization,
                                            std::string const& label);

// `scimd api-token`: a new API token of the account with that address (any case), expiring after
// `expires_in_days` when given, shown once; core::error(not_found) naming the address when no
// account has it.
store::issued_api_token issue_api_token(store::database& db, std::string const& email, std::string const& label,
                                        std::optional<int> expires_in_days);

// `scimd drain-outbox`: the queued messages, their bodies forgotten once handed over.
std::vector<store::drained_message> drain_outbox(store::database& db, std::int64_t limit);

// The periodic tasks: accounts whose deletion grace period ended are erased (DOMAIN.md), and
// journal entries older than the retention period go (docs/journal.md). Each answers how many.
// Each round runs once across the replicas sharing the database: a replica whose round
// another one holds does nothing and answers 0 (store::hold_round, docs/replicas.md).
std::int64_t erase_due_accounts(store::database& db);
std::int64_t erase_journal_older_than(store::database& db, int days);
// Listings' tallies catch up with the writes since the last fold (docs/paging.md), one
// replica at a time in the same way.
std::int64_t fold_resource_tallies(store::database& db);

}  // namespace scim::service
