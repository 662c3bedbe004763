-- scimd schema 15: claiming a domain's accounts is a step of its own (DOMAIN.md "Managed vs
-- external", docs/accounts.md "Domains: verified, then claimed").
--
-- A domain goes unverified → verified → claimed. Verifying proves the organization owns it;
-- claiming, an explicit act of an admin, makes the accounts on it managed, and from then on the
-- accounts that appear on it are claimed as they appear. Until the claim, accounts on a
-- verified domain are external users.

ALTER TABLE domains ADD COLUMN claimed_at timestamptz;

-- The checks of 006_accounts.sql, under the names PostgreSQL gave them.
ALTER TABLE domains DROP CONSTRAINT domains_state_check, DROP CONSTRAINT domains_check;
DROP INDEX domains_verified_once;

-- Before this schema, verifying a domain claimed the accounts on it there and then: every
-- verified domain has done what claiming does now, and stays as it behaves.
UPDATE domains SET state = 'claimed', claimed_at = verified_at WHERE state = 'verified';

ALTER TABLE domains
    ADD CONSTRAINT domains_state_check CHECK (state IN ('unverified', 'verified', 'claimed')),
    -- A claimed domain is a verified one: it keeps its verified_at.
    ADD CONSTRAINT domains_verified_at_check CHECK ((state <> 'unverified') = (verified_at IS NOT NULL)),
    ADD CONSTRAINT domains_claimed_at_check CHECK ((state = 'claimed') = (claimed_at IS NOT NULL));
-- A domain is verified (claimed or not) by one organization at most.
CREATE UNIQUE INDEX domains_verified_once ON domains (name) WHERE state <> 'unverified';

-- The accounts an organization manages on one domain, found by the address's domain (the
-- expression of accounts_unclaimed_domain, 007_admin_tokens.sql): what a domain shows as its
-- managed accounts, and what removing it releases.
CREATE INDEX accounts_claimed_domain ON accounts (claimed_by, lower(substring(email from '@([^@]*)$')))
    WHERE claimed_by IS NOT NULL AND lifecycle <> 'deleted';
