-- scimd schema 1: tenants, SCIM directories with their bearer tokens, SCIM users.

CREATE TABLE organizations (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));

-- One SCIM connection from one identity provider; its id is part of the SCIM base URL.
CREATE TABLE directories (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name text NOT NULL,
    paused boolean NOT NULL DEFAULT false,
    created timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name)
);

-- Bearer tokens: `scimd_<id>_<secret>`. Only SHA-256(secret) is kept; the id finds the row.
CREATE TABLE directory_tokens (
    id text PRIMARY KEY,
    directory_id uuid NOT NULL REFERENCES directories (id) ON DELETE CASCADE,
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    created timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX directory_tokens_directory ON directory_tokens (directory_id);

-- SCIM User records. Columns hold what is queried; `attributes` holds the rest of the
-- validated resource (without id, meta and schemas).
CREATE TABLE scim_users (
    id uuid PRIMARY KEY,
    directory_id uuid NOT NULL REFERENCES directories (id) ON DELETE CASCADE,
    user_name text NOT NULL,
    external_id text,
    active boolean NOT NULL DEFAULT true,
    attributes jsonb NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_modified timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- RFC 7643 §4.1: userName is unique and not case-exact, so uniqueness ignores case.
CREATE UNIQUE INDEX scim_users_user_name_key ON scim_users (directory_id, lower(user_name));
-- The stable listing order (RFC 7644 §3.4.2.4 needs pages that neither overlap nor skip).
CREATE INDEX scim_users_listing ON scim_users (directory_id, created, id);
