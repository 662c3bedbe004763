-- scimd schema 8: sites, who may use them (the seed's "Users page"), product access, and the
-- groups an admin keeps next to the ones identity providers push (DOMAIN.md).
--
-- Product access is configured per site membership, directly or through a group's grant;
-- access is in force only while the membership is, so removing an account from a site
-- (deleting its membership) revokes both kinds there, and suspending keeps them configured.

CREATE TABLE sites (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name <> ''),
    -- Where the site is reached, e.g. acme.example.net; lower case, one site per host name.
    url text NOT NULL CHECK (url = lower(url) AND url <> ''),
    created timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (organization_id, name)
);
CREATE UNIQUE INDEX sites_url_key ON sites (url);

-- The products a site offers (e.g. "jira", "confluence"); access rows and group grants name
-- one of these.
CREATE TABLE site_products (
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    product text NOT NULL CHECK (product <> ''),
    PRIMARY KEY (site_id, product)
);

CREATE TABLE site_memberships (
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    -- Accounts are never deleted as rows (their id is never reused); erasing one removes its
    -- memberships first.
    account_id uuid NOT NULL REFERENCES accounts (id),
    status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'suspended')),
    invited_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    -- When the invitation was first used; a restored membership is active again when it had
    -- been, invited otherwise.
    joined_at timestamptz(3),
    last_active_at timestamptz(3),
    -- The directory whose SCIM `active: false` suspended the membership of an external user
    -- (its `active: true` restores exactly those); NULL when an admin suspended it.
    suspended_by_directory uuid REFERENCES directories (id) ON DELETE SET NULL,
    PRIMARY KEY (site_id, account_id),
    CHECK (status = 'suspended' OR suspended_by_directory IS NULL),
    CHECK (status <> 'active' OR joined_at IS NOT NULL)
);
-- An account's memberships (the SCIM extension's siteMemberships, suspension by SCIM).
CREATE INDEX site_memberships_account ON site_memberships (account_id, site_id);
-- A site's Users page: by status, then the newest invitations first.
CREATE INDEX site_memberships_listing ON site_memberships (site_id, status, invited_at, account_id);

-- Product access granted directly to a site member.
CREATE TABLE site_product_access (
    site_id uuid NOT NULL,
    account_id uuid NOT NULL,
    product text NOT NULL,
    granted_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (site_id, account_id, product),
    FOREIGN KEY (site_id, account_id) REFERENCES site_memberships (site_id, account_id) ON DELETE CASCADE,
    FOREIGN KEY (site_id, product) REFERENCES site_products (site_id, product) ON DELETE CASCADE
);

-- Groups an admin creates are not synced: no directory pushes them, SCIM never shows them,
-- and their members are accounts. displayName stays unique per organization across both
-- kinds (scim_groups_display_name_key).
ALTER TABLE scim_groups ALTER COLUMN directory_id DROP NOT NULL;

CREATE TABLE group_account_members (
    group_id uuid NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX group_account_members_account ON group_account_members (account_id, group_id);

-- The same count and version upkeep as scim_group_members (004_groups.sql).
CREATE TRIGGER group_account_members_added
    AFTER INSERT ON group_account_members REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION scim_group_members_added();
CREATE TRIGGER group_account_members_removed
    AFTER DELETE ON group_account_members REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION scim_group_members_removed();

-- A group grants its members a product on a site; only members of the site use the grant.
CREATE TABLE group_product_grants (
    group_id uuid NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
    site_id uuid NOT NULL,
    product text NOT NULL,
    granted_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (group_id, site_id, product),
    FOREIGN KEY (site_id, product) REFERENCES site_products (site_id, product) ON DELETE CASCADE
);
CREATE INDEX group_product_grants_site ON group_product_grants (site_id, product);
