-- scimd schema 16: removal from a site takes the account out of the admin-kept groups it holds
-- through that site (docs/sites.md "Removing a user"), and site names are unique ignoring case,
-- like group names (004_groups.sql).

-- Sites whose names differ only in case get their id's first characters appended (the first
-- created keeps its name), so that the unique index below can be built on any database.
UPDATE sites st SET name = st.name || ' (' || left(st.id::text, 8) || ')'
FROM (SELECT id, row_number() OVER (PARTITION BY organization_id, lower(name COLLATE "und-x-icu")
                                    ORDER BY created, id) AS nth
      FROM sites) d
WHERE d.id = st.id AND d.nth > 1;

ALTER TABLE sites DROP CONSTRAINT sites_organization_id_name_key;
-- The same fold as group names and the filters (002_query.sql).
CREATE UNIQUE INDEX sites_name_key ON sites (organization_id, lower(name COLLATE "und-x-icu"));

-- The seed (users-vs-managed-accounts.txt): "Removing an account from site revokes product
-- access and group membership … it needs to be invited back". An organization's groups are
-- not a site's: a group is tied to a site by the products it grants there
-- (group_product_grants). So a removed membership takes the account out of each admin-kept
-- group that grants a product on that site, unless the group also grants a product on another
-- site the account is still on (it holds the membership through that site too, and removing
-- it would revoke access there). Groups that grant nothing on the site stay as they are.
-- group_account_members holds admin-kept groups only: synced groups' members are the
-- identity provider's (scim_group_members), and removal leaves them to it (docs/sites.md).
-- Whatever removes memberships (an admin, SCIM's DELETE of an external user, an erasure) does
-- this, in the same statement's transaction; the member counts follow by the triggers of
-- 008_sites.sql.
CREATE FUNCTION site_memberships_removed_leave_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM group_account_members ga
    USING removed r
    WHERE ga.account_id = r.account_id
      AND EXISTS (SELECT 1 FROM group_product_grants gp WHERE gp.group_id = ga.group_id AND gp.site_id = r.site_id)
      AND NOT EXISTS (SELECT 1 FROM group_product_grants gp
                      JOIN site_memberships m ON m.site_id = gp.site_id AND m.account_id = ga.account_id
                      WHERE gp.group_id = ga.group_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER site_memberships_removed_leave_groups
    AFTER DELETE ON site_memberships REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION site_memberships_removed_leave_groups();
