#include "scim/service/operations.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/database.hpp"
#include "scim/store/journal.hpp"
#include "scim/store/managed_accounts.hpp"
#include "scim/store/migrations.hpp"
#include "scim/store/periodic_rounds.hpp"
#include "scim/store/resource_tallies.hpp"
#include "scim/store/server_secrets.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {

void migrate(store::database& db) {
    auto lease = db.acquire();
    store::apply_migrations(lease.connection(), store::builtin_migrations());
}

std::string cursor_signing_key(store::database& db) {
    std::string key;
    db.transact([&](store::session& s) { key = store::server_secret(s, "cursor-signing"); });
    return key;
}

bootstrapped bootstrap(store::database& db, std::string const& organization, std::string const& directory,
                       std::optional<std::string> const& patch_response) {
    bootstrapped out;
    db.transact([&](store::session& s) {
        auto const org = store::find_or_create_organization(s, organization);
        auto const dir = store::find_or_create_directory(s, org.id, directory);
        if (patch_response) store::set_patch_response(s, dir.id, *patch_response);
        out = {org.id, dir.id, store::issue_directory_token(s, dir.id)};
    });
    return out;
}

store::minted_admin_token issue_admin_token(store::database& db, std::string const& organization,
                                            std::string const& label) {
    store::minted_admin_token out;
    db.transact([&](store::session& s) {
        auto const org = store::find_or_create_organization(s, organization);
        // Without an expiry, a token is always minted.
        out = store::mint_admin_token(s, org.id, label, std::nullopt).value();
    });
    return out;
}

store::issued_api_token issue_api_token(store::database& db, std::string const& email, std::string const& label,
                                        std::optional<int> expires_in_days) {
    std::optional<store::issued_api_token> issued;
    db.transact([&](store::session& s) { issued = store::issue_api_token(s, email, label, expires_in_days); });
    if (!issued) throw core::error(core::error_type::not_found, "no account has the address " + email);
    return std::move(*issued);
}

std::vector<store::drained_message> drain_outbox(store::database& db, std::int64_t limit) {
    std::vector<store::drained_message> messages;
    db.transact([&](store::session& s) { messages = store::drain_outbox(s, limit); });
    return messages;
}

std::int64_t erase_due_accounts(store::database& db) {
    std::int64_t erased = 0;
    db.transact([&](store::session& s) {
        if (store::hold_round(s, store::periodic_round::deletion_sweep)) erased = store::erase_due_accounts(s);
    });
    return erased;
}

std::int64_t erase_journal_older_than(store::database& db, int days) {
    std::int64_t erased = 0;
    db.transact([&](store::session& s) {
        if (store::hold_round(s, store::periodic_round::journal_retention))
            erased = store::erase_journal_older_than(s, days);
    });
    return erased;
}

std::int64_t fold_resource_tallies(store::database& db) {
    std::int64_t folded = 0;
    db.transact([&](store::session& s) {
        if (store::hold_round(s, store::periodic_round::tally_fold)) folded = store::fold_resource_tallies(s);
    });
    return folded;
}

}  // namespace scim::service
