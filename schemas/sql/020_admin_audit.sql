-- scimd schema 20: admin tokens an admin can manage (a label, an expiry, the last use) and the
-- audit trail of the admins' own writes in the journal (docs/admin-api.md "Admin tokens" and
-- "Audit", docs/journal.md "Admin actions").

-- Tokens minted before labels existed came from `scimd admin-token`, whose default label this is.
ALTER TABLE admin_tokens
    ADD COLUMN label text NOT NULL DEFAULT 'scimd admin-token',
    -- NULL: never expires. An expired token is refused like an unknown one.
    ADD COLUMN expires timestamptz,
    -- Written at most once a minute per token (store/tenants.cpp), so that reading the admin API
    -- costs no write per request.
    ADD COLUMN last_used timestamptz;
ALTER TABLE admin_tokens ALTER COLUMN label DROP DEFAULT;

-- What an admin did, by name ("account.deactivate", docs/journal.md "Admin actions"), and the
-- admin API's error word of a refused write ("forbidden", docs/admin-api.md "Errors"). A
-- directory's entry has neither: its action is its method and path, its error a scimType.
ALTER TABLE journal_entries
    ADD COLUMN action text,
    ADD COLUMN error text;
-- The entries written before: the email change's steps, the only admin and account entries.
UPDATE journal_entries SET action = CASE
        WHEN actor = 'account' THEN 'account.email.confirm'
        WHEN method = 'DELETE' THEN 'account.email.cancel'
        ELSE 'account.email.change' END
    WHERE actor <> 'directory';
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_action_named CHECK ((actor = 'directory') = (action IS NULL));

-- The audit's filters (the admins' entries; by token; by action), newest first, paged by
-- (occurred_at, id) like the journal's, so that every page is an index range however many SCIM
-- entries lie between the admins' ones.
CREATE INDEX journal_entries_admin ON journal_entries (organization_id, occurred_at DESC, id DESC)
    WHERE actor = 'admin';
CREATE INDEX journal_entries_admin_token ON journal_entries (admin_token_id, occurred_at DESC, id DESC)
    WHERE admin_token_id IS NOT NULL;
CREATE INDEX journal_entries_admin_action ON journal_entries (organization_id, action, occurred_at DESC, id DESC)
    WHERE actor = 'admin';
