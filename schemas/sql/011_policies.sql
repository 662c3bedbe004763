-- scimd schema 11: authentication policies (the managed accounts export's "Policy name, Policy
-- type, SAML single sign-on, Two-step verification, Password requirements, Idle session
-- duration"; seeds/users-vs-managed-accounts.txt).
--
-- Every organization has exactly one default policy; a managed account without an assignment
-- is under it. A policy applies only to the accounts the organization manages (DOMAIN.md
-- "Email change": when the claim is released "its org-level policies stop applying"), so every
-- reader joins an assignment through accounts.claimed_by = policies.organization_id.

CREATE TABLE policies (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name <> ''),
    type text NOT NULL CHECK (type IN ('billable', 'nonbillable')),
    is_default boolean NOT NULL DEFAULT false,
    saml_sso boolean NOT NULL DEFAULT false,
    two_step_required boolean NOT NULL DEFAULT false,
    password_min_length int NOT NULL DEFAULT 8,
    password_expiry_days int,  -- NULL: passwords never expire
    idle_session_minutes int NOT NULL DEFAULT 43200,
    created timestamptz(3) NOT NULL DEFAULT clock_timestamp()
);
CREATE UNIQUE INDEX policies_name_key ON policies (organization_id, lower(name));
CREATE UNIQUE INDEX policies_one_default ON policies (organization_id) WHERE is_default;

-- An account's policy. One row per account: an account is managed by one organization at a
-- time, and a row left by an organization that no longer manages the account is ignored by the
-- claimed_by join above until the new manager assigns a policy of its own.
CREATE TABLE policy_accounts (
    account_id uuid PRIMARY KEY REFERENCES accounts (id),
    policy_id uuid NOT NULL REFERENCES policies (id) ON DELETE CASCADE
);
CREATE INDEX policy_accounts_policy ON policy_accounts (policy_id);

-- The default policy comes with the organization, however the organization is created.
CREATE FUNCTION create_default_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO policies (id, organization_id, name, type, is_default)
    VALUES (gen_random_uuid(), NEW.id, 'Default policy', 'billable', true);
    RETURN NEW;
END $$;
CREATE TRIGGER organizations_default_policy AFTER INSERT ON organizations
    FOR EACH ROW EXECUTE FUNCTION create_default_policy();

INSERT INTO policies (id, organization_id, name, type, is_default)
SELECT gen_random_uuid(), id, 'Default policy', 'billable', true FROM organizations;

-- The managed accounts export reads them in email order (store/exports.cpp).
CREATE INDEX accounts_claimed_by_email ON accounts (claimed_by, (lower(email COLLATE "und-x-icu") COLLATE "C"), id);
