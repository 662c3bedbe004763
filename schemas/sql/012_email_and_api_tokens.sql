-- scimd schema 12: email changes with their verification outbox, and accounts' API tokens
-- (DOMAIN.md "Email change", entity "API token"; docs/accounts.md).

-- The outbox of verification messages. A mailer drains it (`scimd drain-outbox`): the body,
-- which holds the link with the token, is kept only until the message is handed over; the
-- token itself is never stored, only SHA-256 of its secret, found by its id.
CREATE TABLE email_verifications (
    id text PRIMARY KEY,
    -- The organization that asked for the change: the claim confirming may release is its.
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    to_address text NOT NULL,
    -- email_change: confirms a new address; address_verification: proves the owner reads the
    -- current one (the seed: an unverified managed account cannot be changed until then).
    kind text NOT NULL CHECK (kind IN ('email_change', 'address_verification')),
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    body text,
    created timestamptz NOT NULL DEFAULT clock_timestamp(),
    expires timestamptz NOT NULL,
    sent_at timestamptz,
    consumed_at timestamptz,
    -- A resend, a cancellation or a newer change makes an unused message worthless.
    invalidated_at timestamptz,
    -- The body (with the link) exists only while the message waits to be sent and is usable.
    CHECK (body IS NULL OR (sent_at IS NULL AND consumed_at IS NULL AND invalidated_at IS NULL))
);
CREATE INDEX email_verifications_organization ON email_verifications (organization_id, created);
-- A new change invalidates the account's unused messages; erasing the account removes them all.
CREATE INDEX email_verifications_account ON email_verifications (account_id);
CREATE INDEX email_verifications_unsent ON email_verifications (created) WHERE body IS NOT NULL;

-- `scimdapi_<id>_<secret>`: the account's own tokens for product APIs; only SHA-256(secret)
-- is kept.
CREATE TABLE api_tokens (
    id text PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label text NOT NULL,
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    created timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    last_used timestamptz,
    expires timestamptz,
    revoked_at timestamptz
);
CREATE INDEX api_tokens_account ON api_tokens (account_id, created);
