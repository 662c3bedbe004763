-- scimd schema 24: the admin console's sessions (docs/console.md "Security"). Signing in with an
-- admin token starts one; the browser holds `scimdsession_<id>_<secret>` in an HttpOnly cookie,
-- and only SHA-256(secret) is kept, as for tokens. A session works while it has not ended, has
-- not expired, and the admin token it came from is usable: revoking the token ends it.
CREATE TABLE console_sessions (
    id text PRIMARY KEY,
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    admin_token_id text NOT NULL REFERENCES admin_tokens (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created timestamptz NOT NULL DEFAULT now(),
    expires timestamptz NOT NULL,
    ended timestamptz
);
CREATE INDEX console_sessions_admin_token ON console_sessions (admin_token_id);
-- The sweep that forgets sessions long over (store::erase_console_sessions_over).
CREATE INDEX console_sessions_expires ON console_sessions (expires);
