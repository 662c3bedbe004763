-- scimd schema 25: what the admin console asks of the journal and of the managed accounts
-- (docs/admin-api.md "Journal", "Directory health", "Filtering managed accounts", "Summary"),
-- each from an index however many rows lie between the ones it wants.

-- The kinds of tolerance rule a directory's write needed (protocol/normalization_kinds.hpp:
-- "op-case", "boolean-string", …), each once; NULL when none. The rules themselves stay in
-- normalized.normalizations, with the values they name; the kinds name no value, so that the
-- health's "most common normalizations" counts them from an index alone.
ALTER TABLE journal_entries ADD COLUMN normalization_kinds text[];

-- GET /journal?outcome=failure, and the health's failures of one directory in the last 24 hours.
-- A rate-limit refusal's entry (status 429) is a failure too; the health counts it apart.
CREATE INDEX journal_entries_failures ON journal_entries (organization_id, occurred_at DESC, id DESC)
    WHERE status >= 400;
CREATE INDEX journal_entries_directory_failures ON journal_entries (directory_id, occurred_at DESC, id DESC)
    INCLUDE (status, scim_type) WHERE status >= 400;
-- GET /journal?actor=account: the account owners' confirmations, rare among the writes.
-- (actor=admin has journal_entries_admin, 020_admin_audit.sql; actor=directory is most entries.)
CREATE INDEX journal_entries_account_owner ON journal_entries (organization_id, occurred_at DESC, id DESC)
    WHERE actor = 'account';
-- The health's normalizations of one directory in the last 24 hours.
CREATE INDEX journal_entries_directory_normalizations ON journal_entries (directory_id, occurred_at DESC)
    INCLUDE (normalization_kinds) WHERE normalization_kinds IS NOT NULL;

-- The Managed accounts page's search box (docs/admin-api.md "Filtering managed accounts"):
-- `email co "x" or displayName co "x"` from trigram indexes on the fold filter_sql.cpp emits,
-- as 002_query.sql has for userName, instead of reading every account of the organization.
CREATE INDEX accounts_search_email ON accounts USING gin (lower(email COLLATE "und-x-icu") gin_trgm_ops)
    WHERE lifecycle <> 'deleted';
CREATE INDEX accounts_search_display_name ON accounts USING gin (lower(display_name COLLATE "und-x-icu") gin_trgm_ops)
    WHERE lifecycle <> 'deleted';
-- The summary's accounts enrolled in two-step verification, counted from the index alone
-- (store/managed_accounts.cpp summarize_managed_accounts).
CREATE INDEX accounts_two_step_enrolled ON accounts (claimed_by) WHERE two_step_enrolled AND lifecycle <> 'deleted';
