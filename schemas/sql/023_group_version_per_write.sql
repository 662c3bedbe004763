-- scimd schema 23: one write, one version of a group (RFC 7643 §3.1).
--
-- The member triggers of 004_groups.sql moved a group's version and lastModified for every
-- statement that changed its members. A write that also wrote the group row itself — a POST
-- that inserts the group and then its members, a PUT that updates the row and then replaces
-- its members — thus made two versions in one transaction: a group created with members was
-- W/"2", with a lastModified after its created, a modification it never had.
--
-- A row's xmin is the transaction that wrote its current version. When that is the running
-- transaction, the row already carries this write's new version and lastModified, and the
-- member change is part of the same modification: only the count moves. Otherwise (a PATCH
-- of members alone, a user's deletion cascading here) the members are the modification, and
-- the version moves as before. scimd's transactions use no savepoints, so the running
-- transaction's id is the one its writes carry.

CREATE OR REPLACE FUNCTION scim_group_members_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scim_groups g
    SET member_count = g.member_count + d.n,
        version = CASE WHEN g.xmin = pg_current_xact_id()::xid THEN g.version ELSE g.version + 1 END,
        last_modified = CASE WHEN g.xmin = pg_current_xact_id()::xid THEN g.last_modified ELSE clock_timestamp() END
    FROM (SELECT group_id, count(*) AS n FROM added GROUP BY group_id) d
    WHERE g.id = d.group_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION scim_group_members_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scim_groups g
    SET member_count = g.member_count - d.n,
        version = CASE WHEN g.xmin = pg_current_xact_id()::xid THEN g.version ELSE g.version + 1 END,
        last_modified = CASE WHEN g.xmin = pg_current_xact_id()::xid THEN g.last_modified ELSE clock_timestamp() END
    FROM (SELECT group_id, count(*) AS n FROM removed GROUP BY group_id) d
    WHERE g.id = d.group_id;
    RETURN NULL;
END
$$;
