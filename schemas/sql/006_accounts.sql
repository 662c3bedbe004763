-- scimd schema 6: the administration model's accounts and verified domains (DOMAIN.md).
--
-- An account is one person's identity, independent of any organization. An organization
-- manages an account when it claimed it (claimed_by), which it may only do for an email
-- domain it verified. A SCIM user record links one account (scim_users.account_id); the
-- directory that created or linked it marks it synced (synced_by).

CREATE TABLE domains (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name = lower(name) AND name <> ''),
    state text NOT NULL DEFAULT 'unverified' CHECK (state IN ('unverified', 'verified')),
    -- Published by the organization as a DNS TXT record to prove it owns the domain.
    verification_token text NOT NULL,
    verified_at timestamptz,
    created timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, name),
    CHECK ((state = 'verified') = (verified_at IS NOT NULL))
);
-- A domain is verified by one organization at most.
CREATE UNIQUE INDEX domains_verified_once ON domains (name) WHERE state = 'verified';

CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    email text,
    display_name text,
    given_name text,
    family_name text,
    job_title text,
    department text,
    organization_name text,
    location text,
    timezone text,
    preferred_language text,
    picture_url text,
    lifecycle text NOT NULL DEFAULT 'active'
        CHECK (lifecycle IN ('active', 'deactivated', 'pending_deletion', 'deleted')),
    -- When a scheduled deletion takes effect (lifecycle pending_deletion).
    deletion_due_at timestamptz,
    claimed_by uuid REFERENCES organizations (id) ON DELETE SET NULL,
    synced_by uuid REFERENCES directories (id) ON DELETE SET NULL,
    email_verified boolean NOT NULL DEFAULT false,
    pending_email text,
    password_reset_required boolean NOT NULL DEFAULT false,
    two_step_enrolled boolean NOT NULL DEFAULT false,
    two_step_excluded_until timestamptz,
    last_active_at timestamptz,
    created timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    CHECK ((lifecycle = 'pending_deletion') = (deletion_due_at IS NOT NULL))
);
-- One account per email address, ignoring case (the fold of 002_query.sql); a deleted
-- account's address is free again, its id never is.
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email COLLATE "und-x-icu")) WHERE lifecycle <> 'deleted';
CREATE INDEX accounts_claimed_by ON accounts (claimed_by, lifecycle);

ALTER TABLE scim_users ADD COLUMN account_id uuid REFERENCES accounts (id);
-- DOMAIN.md: an account is linked once per directory.
CREATE UNIQUE INDEX scim_users_account ON scim_users (directory_id, account_id);
CREATE INDEX scim_users_account_id ON scim_users (account_id);
