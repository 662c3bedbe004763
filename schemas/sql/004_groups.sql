-- scimd schema 4: SCIM Groups and their members (RFC 7643 §4.2).
--
-- Members live in their own table, one row per (group, user), so that adding or removing
-- one member is one indexed row whatever the size of the group: a group's member list is
-- never read to change it. The group row keeps a member count (for the member limit and
-- for responses that leave members out) and is written, with a new version, whenever its
-- members change.

CREATE TABLE scim_groups (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- The directory that pushes this group; groups are visible under its base URL only.
    directory_id uuid NOT NULL REFERENCES directories (id) ON DELETE CASCADE,
    display_name text NOT NULL,
    external_id text,
    -- The validated resource without id, meta, schemas and members.
    attributes jsonb NOT NULL,
    member_count bigint NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    version bigint NOT NULL DEFAULT 1,
    created timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    last_modified timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
    -- As for scim_users (003_search_document.sql): "eq" on attributes kept only in JSONB.
    search_document jsonb GENERATED ALWAYS AS (lower(attributes::text COLLATE "und-x-icu")::jsonb) STORED
);

-- DOMAIN.md: displayName is unique per organization, ignoring case (the same fold as the
-- filters, 002_query.sql), whichever directory pushes the group.
CREATE UNIQUE INDEX scim_groups_display_name_key
    ON scim_groups (organization_id, lower(display_name COLLATE "und-x-icu"));
-- "displayName eq" within a directory (Okta and Entra match groups by it).
CREATE INDEX scim_groups_display_name
    ON scim_groups (directory_id, lower(display_name COLLATE "und-x-icu"));
-- displayName "sw", ordering comparisons and sortBy=displayName.
CREATE INDEX scim_groups_display_name_order
    ON scim_groups (directory_id, (lower(display_name COLLATE "und-x-icu") COLLATE "C"), id);
CREATE INDEX scim_groups_listing ON scim_groups (directory_id, created, id);
CREATE INDEX scim_groups_external_id ON scim_groups (directory_id, external_id);
CREATE INDEX scim_groups_last_modified ON scim_groups (directory_id, last_modified, id);
CREATE INDEX scim_groups_search_document ON scim_groups USING gin (search_document jsonb_path_ops);

-- Set semantics: the primary key makes adding an existing member a no-op (ON CONFLICT DO
-- NOTHING) and serves "is u in g" (members[value eq] with id eq). Deleting a user or a group
-- removes its memberships in the same statement.
CREATE TABLE scim_group_members (
    group_id uuid NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES scim_users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
-- A user's groups (User "groups", groups[value eq], and the cleanup when a user goes).
CREATE INDEX scim_group_members_user ON scim_group_members (user_id, group_id);

-- The member count and the group's version follow every change of its members, whatever
-- makes it: a PATCH, a PUT, or a user's deletion cascading here. Statement triggers see the
-- rows each statement really added or removed (ON CONFLICT DO NOTHING adds none for an
-- existing member), so the count stays exact, and a statement that changed nothing leaves
-- the version alone.
CREATE FUNCTION scim_group_members_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scim_groups g
    SET member_count = g.member_count + d.n, version = g.version + 1, last_modified = clock_timestamp()
    FROM (SELECT group_id, count(*) AS n FROM added GROUP BY group_id) d
    WHERE g.id = d.group_id;
    RETURN NULL;
END
$$;

CREATE FUNCTION scim_group_members_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scim_groups g
    SET member_count = g.member_count - d.n, version = g.version + 1, last_modified = clock_timestamp()
    FROM (SELECT group_id, count(*) AS n FROM removed GROUP BY group_id) d
    WHERE g.id = d.group_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER scim_group_members_added
    AFTER INSERT ON scim_group_members REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION scim_group_members_added();
CREATE TRIGGER scim_group_members_removed
    AFTER DELETE ON scim_group_members REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION scim_group_members_removed();
