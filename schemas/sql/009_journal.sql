-- scimd schema 9: the provisioning journal (DOMAIN.md "journal entry", docs/journal.md).
-- One row per SCIM write or account change, successful or not: who asked, what
-- was asked, what scimd made of it, what changed and how it ended. A successful write's row is
-- written in the write's own transaction; a failed write's row in one of its own afterwards.
CREATE TABLE journal_entries (
    id bigserial PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- The directory whose token made the request; NULL for admin entries. Kept when the
    -- directory goes, so that the log outlives it.
    directory_id uuid REFERENCES directories (id) ON DELETE SET NULL,
    -- 'account': the account's owner, confirming a change of its email address.
    actor text NOT NULL CHECK (actor IN ('directory', 'admin', 'account')),
    admin_token_id text,
    -- clock_timestamp(), not now(): entries of one transaction keep their order.
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    request_id text NOT NULL,
    method text NOT NULL,
    path text NOT NULL,
    resource_type text NOT NULL,
    resource_id text,
    -- The account behind a User, when there is one (accounts are never deleted as rows).
    account_id uuid,
    -- Passwords are redacted before they get here (protocol/journal.hpp); a body that is not
    -- JSON is recorded as its size and the parse error.
    request jsonb NOT NULL,
    normalized jsonb,
    diff jsonb NOT NULL DEFAULT '{}',
    status integer NOT NULL,
    scim_type text,
    detail text,
    CHECK ((actor = 'admin') = (admin_token_id IS NOT NULL))
);

-- The admin API's three filters, newest first, paged by (occurred_at, id).
CREATE INDEX journal_entries_organization ON journal_entries (organization_id, occurred_at DESC, id DESC);
CREATE INDEX journal_entries_directory ON journal_entries (directory_id, occurred_at DESC, id DESC);
CREATE INDEX journal_entries_account ON journal_entries (account_id, occurred_at DESC, id DESC)
    WHERE account_id IS NOT NULL;
-- Retention (--journal-retention-days) deletes by age alone.
CREATE INDEX journal_entries_age ON journal_entries (occurred_at);
