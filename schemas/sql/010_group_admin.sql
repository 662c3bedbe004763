-- scimd schema 10: an organization's groups through the admin API (docs/admin-api.md "Groups"):
-- both kinds, synced (pushed by a directory) and admin-kept (directory_id NULL, 008_sites.sql).

-- What the group is for, in the admin's words. SCIM Groups have no such attribute (RFC 7643
-- §4.2), so an identity provider never sets it and any group may have one.
ALTER TABLE scim_groups ADD COLUMN description text;

-- The organization's groups by displayName, whichever kind: the admin listing's order, and its
-- displayName prefix (a LIKE 'prefix%' on a "C"-collated key is a range of this index).
CREATE INDEX scim_groups_organization_display_name
    ON scim_groups (organization_id, (lower(display_name COLLATE "und-x-icu") COLLATE "C"), id);

-- DOMAIN.md: a deleted account's memberships are gone. Erasing an account (lifecycle becoming
-- 'deleted') takes it out of admin-kept groups, whatever erases it; its memberships of synced
-- groups go with its SCIM records (scim_group_members cascades). The member count follows by
-- the triggers of 008_sites.sql.
CREATE FUNCTION accounts_erased_leave_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM group_account_members WHERE account_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER accounts_erased_leave_groups
    AFTER UPDATE OF lifecycle ON accounts
    FOR EACH ROW WHEN (NEW.lifecycle = 'deleted' AND OLD.lifecycle <> 'deleted')
    EXECUTE FUNCTION accounts_erased_leave_groups();
