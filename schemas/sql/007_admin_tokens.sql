-- scimd schema 7: organization admin tokens for the admin API (docs/admin-api.md).
-- `scimdadmin_<id>_<secret>`; as for directory tokens, only SHA-256(secret) is kept.
CREATE TABLE admin_tokens (
    id text PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    created timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX admin_tokens_organization ON admin_tokens (organization_id);

-- Verifying a domain claims the unclaimed accounts on it (store/domains.cpp): found by the
-- address's domain, not by reading every account.
CREATE INDEX accounts_unclaimed_domain ON accounts (lower(substring(email from '@([^@]*)$')))
    WHERE claimed_by IS NULL AND lifecycle <> 'deleted';
