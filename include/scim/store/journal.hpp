#pragma once
// The provisioning journal (schemas/sql/009_journal.sql, 020_admin_audit.sql, docs/journal.md):
// one entry per SCIM write or admin change, appended in the transaction of the write it records
// (or, for a write that failed, in one of its own), read back by the admin API (the admins' own
// entries also as the audit, and as a CSV export), and forgotten after the retention period.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace scim::store {

class session;  // scim/store/database.hpp
class lease;
class batch_cursor;

// What happened, whoever did it. Bodies are stored as given: redact them first
// (protocol/journal.hpp).
struct journal_record {
    std::string request_id;  // X-Request-Id
    std::string method;
    std::string path;
    std::string resource_type;  // "User", "Group", "Account", …
    std::optional<std::string> resource_id;
    std::optional<std::string> account_id;  // the account concerned, when there is one
    boost::json::value request;             // the body, redacted
    boost::json::value normalized;          // what scimd made of it; null when it got no further
    boost::json::object diff;               // what changed (protocol::attribute_diff, …)
    int status = 0;                         // the HTTP status answered
    std::optional<std::string> scim_type;   // RFC 7644 §3.12, for a SCIM error
    std::optional<std::string> detail;      // the error's detail
    // An admin's or an account owner's entry: what was done ("account.deactivate",
    // docs/journal.md "Admin actions"), and for a refused write the admin API's error word.
    std::optional<std::string> action;
    std::optional<std::string> error;
};

// A SCIM write by a directory; its organization is the directory's.
void append_directory_entry(session& s, std::string const& directory_id, journal_record const& record);

// A change made through the admin API with the admin token `admin_token_id`.
void append_admin_entry(session& s, std::string const& organization_id, std::string const& admin_token_id,
                        journal_record const& record);

// A change the account's owner made (confirming a new email address), in the organization
// that manages or managed the account.
void append_account_entry(session& s, std::string const& organization_id, journal_record const& record);

struct journal_entry {
    std::int64_t id = 0;
    std::string time;   // RFC 3339, UTC, microseconds
    std::string actor;  // "directory", "admin" or "account"
    std::optional<std::string> directory_id;
    std::optional<std::string> admin_token_id;
    std::optional<std::string> admin_token_label;  // the label of admin_token_id
    journal_record record;
};

// Who wrote an entry (the `actor` column): a directory's SCIM request, an admin API request, or
// the account's owner confirming a new email address.
enum class journal_actor { directory, admin, account };

// How a request ended: success is a status below 400, failure 400 or more (rate-limit
// refusals included).
enum class journal_outcome { success, failure };

// One organization's entries, newest first, filtered by the fields that are set.
struct journal_query {
    std::string organization_id;
    std::optional<std::string> directory_id;
    std::optional<std::string> account_id;
    // The audit sets admin, optionally with one admin token and one action.
    std::optional<journal_actor> actor;
    std::optional<journal_outcome> outcome;
    std::optional<std::string> admin_token_id;
    std::optional<std::string> action;
    std::optional<std::string> since;  // RFC 3339, inclusive
    std::optional<std::string> until;  // RFC 3339, exclusive
    // Entries strictly older than this (time, id), for the next page.
    std::optional<std::string> before_time;
    std::optional<std::int64_t> before_id;
    std::int64_t limit = 100;
};

// Up to limit entries; another organization's entries are never among them. An id filter that
// is no UUID matches nothing.
std::vector<journal_entry> list_journal(session& s, journal_query const& query);

// The plan of list_journal's statement for `query` (EXPLAIN): which index each filter reads.
std::string explain_list_journal(session& s, journal_query const& query);

// The entries of `query` (its limit and position aside), newest first, read in batches from one
// snapshot on `connection` (store/batch_cursor.hpp): the audit's CSV export. The organization id
// must be a UUID (the one an admin token authenticated for). It holds one of the `places`
// export places as managed_accounts_export does (store/exports.hpp).
class journal_export {
public:
    journal_export(lease connection, journal_query const& query, std::size_t places);
    ~journal_export();
    journal_export(journal_export const&) = delete;
    journal_export& operator=(journal_export const&) = delete;
    // The next entries, at most `batch_rows`; none when the export is complete.
    std::vector<journal_entry> next_batch(std::size_t batch_rows);

private:
    std::unique_ptr<batch_cursor> cursor_;
};

// Deletes the entries older than `days` days; answers how many went.
std::int64_t erase_journal_older_than(session& s, int days);

}  // namespace scim::store
