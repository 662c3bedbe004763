-- scimd schema 13: listings that cost the same at a million resources as at a thousand
-- (docs/paging.md): an exact count of a directory's Users and Groups that is read, not
-- counted, and a btree for every attribute a listing can be sorted on.

-- ---- tallies -------------------------------------------------------------------------------
-- RFC 7644 §3.4.2 asks every list response for totalResults. count(*) over a directory's rows
-- reads every row (an index-only scan still visits a million entries); the tally is read in
-- one lookup. Writers do not update the tally row itself, which would serialize every create
-- and delete of a directory on one row lock: each statement appends its change to
-- resource_tally_changes, and the server folds those into resource_tallies about once a second
-- (store/resource_tallies.cpp). tally + unfolded changes, read in one snapshot, is exactly
-- count(*) in that snapshot, since a change commits with its rows and a fold moves changes in
-- one transaction.
--
-- `writes` counts every row written (created, replaced, deleted): a directory's write stamp.
-- While it stays the same, no row of that type changed, so an index page may start where the
-- previous page of the same listing ended instead of skipping rows (service/listing_memory.hpp).
CREATE TABLE resource_tallies (
    directory_id uuid NOT NULL REFERENCES directories (id) ON DELETE CASCADE,
    resource_type text NOT NULL CHECK (resource_type IN ('User', 'Group')),
    live bigint NOT NULL,
    writes bigint NOT NULL,
    PRIMARY KEY (directory_id, resource_type)
);

-- No foreign key: a directory's deletion cascades to its rows, whose DELETE trigger then writes
-- a change for a directory that is gone; the fold drops those.
CREATE TABLE resource_tally_changes (
    directory_id uuid NOT NULL,
    resource_type text NOT NULL,
    live_delta bigint NOT NULL,
    writes bigint NOT NULL
);
CREATE INDEX resource_tally_changes_directory ON resource_tally_changes (directory_id, resource_type);

-- A statement trigger with a transition table (PostgreSQL 10+): one change row per statement
-- and directory, however many rows the statement wrote. TG_ARGV[0] is the resource type.
-- Groups without a directory (admin-kept, 008_sites.sql) are not listed through SCIM.
CREATE FUNCTION resource_tally_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO resource_tally_changes (directory_id, resource_type, live_delta, writes)
    SELECT directory_id, TG_ARGV[0],
           CASE TG_OP WHEN 'INSERT' THEN count(*) WHEN 'DELETE' THEN -count(*) ELSE 0 END, count(*)
    FROM changed WHERE directory_id IS NOT NULL GROUP BY directory_id;
    RETURN NULL;
END $$;

CREATE TRIGGER scim_users_tally_insert AFTER INSERT ON scim_users REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION resource_tally_rows_changed('User');
CREATE TRIGGER scim_users_tally_update AFTER UPDATE ON scim_users REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION resource_tally_rows_changed('User');
CREATE TRIGGER scim_users_tally_delete AFTER DELETE ON scim_users REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION resource_tally_rows_changed('User');
CREATE TRIGGER scim_groups_tally_insert AFTER INSERT ON scim_groups REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION resource_tally_rows_changed('Group');
CREATE TRIGGER scim_groups_tally_update AFTER UPDATE ON scim_groups REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION resource_tally_rows_changed('Group');
CREATE TRIGGER scim_groups_tally_delete AFTER DELETE ON scim_groups REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION resource_tally_rows_changed('Group');

-- A row's directory never changes (no statement of the server updates directory_id), so an
-- UPDATE moves no row between tallies; this refuses one that would.
CREATE FUNCTION resource_directory_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the directory of a % does not change', TG_ARGV[0];
END $$;
CREATE TRIGGER scim_users_directory_fixed BEFORE UPDATE OF directory_id ON scim_users FOR EACH ROW
    WHEN (OLD.directory_id IS DISTINCT FROM NEW.directory_id) EXECUTE FUNCTION resource_directory_is_fixed('User');
CREATE TRIGGER scim_groups_directory_fixed BEFORE UPDATE OF directory_id ON scim_groups FOR EACH ROW
    WHEN (OLD.directory_id IS DISTINCT FROM NEW.directory_id) EXECUTE FUNCTION resource_directory_is_fixed('Group');

INSERT INTO resource_tallies (directory_id, resource_type, live, writes)
SELECT directory_id, 'User', count(*), 0 FROM scim_users GROUP BY directory_id;
INSERT INTO resource_tallies (directory_id, resource_type, live, writes)
SELECT directory_id, 'Group', count(*), 0 FROM scim_groups WHERE directory_id IS NOT NULL GROUP BY directory_id;

-- ---- sort indexes --------------------------------------------------------------------------
-- sortBy (RFC 7644 §3.4.2.3) on any attribute the registry offers is a range of one of these,
-- read in order and stopped after the page, at any size of directory, and so is a cursor's or
-- a deep page's seek (store/resource_listing.cpp). Each is on exactly the expression that
-- src/store/filter_sql.cpp sort_expression_for emits (the case fold in code-point order), so the
-- planner matches them; "eq" on these attributes is emitted on the same expression
-- (resource_table::sort_indexed), so one index serves a filter and its sort together.
-- tests/store/scim_user_index_pgtest.cpp checks every sortable attribute's plan.
DO $$
DECLARE
    sortable record;
BEGIN
    FOR sortable IN SELECT * FROM (VALUES
        ('name_formatted', '{name,formatted}'),
        ('name_family_name', '{name,familyName}'),
        ('name_given_name', '{name,givenName}'),
        ('name_middle_name', '{name,middleName}'),
        ('name_honorific_prefix', '{name,honorificPrefix}'),
        ('name_honorific_suffix', '{name,honorificSuffix}'),
        ('display_name', '{displayName}'),
        ('nick_name', '{nickName}'),
        ('profile_url', '{profileUrl}'),
        ('title', '{title}'),
        ('user_type', '{userType}'),
        ('preferred_language', '{preferredLanguage}'),
        ('locale', '{locale}'),
        ('timezone', '{timezone}'),
        ('employee_number', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,employeeNumber}'),
        ('cost_center', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,costCenter}'),
        ('organization', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,organization}'),
        ('division', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,division}'),
        ('department', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,department}'),
        ('manager_value', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,manager,value}'),
        ('manager_ref', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,manager,$ref}'),
        ('manager_display_name', '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,manager,displayName}')
    ) AS s (name, path)
    LOOP
        EXECUTE format('CREATE INDEX %I ON scim_users (directory_id, '
                       '(lower(((attributes #> %L::text[]) #>> ''{}'') COLLATE "und-x-icu") COLLATE "C"), id)',
                       'scim_users_sort_' || sortable.name, sortable.path);
    END LOOP;
END $$;

-- The people of a department by name: what an admin console and an HR export list most. With
-- the department equal, this index is already in name order.
CREATE INDEX scim_users_sort_department_family_name ON scim_users (directory_id,
    (lower(((attributes #> '{urn:ietf:params:scim:schemas:extension:enterprise:2.0:User,department}'::text[])
        #>> '{}') COLLATE "und-x-icu") COLLATE "C"),
    (lower(((attributes #> '{name,familyName}'::text[]) #>> '{}') COLLATE "und-x-icu") COLLATE "C"), id);

-- Columns: externalId (caseExact, so not folded), id and active. userName, meta.created and
-- meta.lastModified have theirs (002_query.sql).
CREATE INDEX scim_users_sort_external_id ON scim_users (directory_id, (external_id COLLATE "C"), id);
CREATE INDEX scim_users_sort_id ON scim_users (directory_id, id);
CREATE INDEX scim_users_sort_active ON scim_users (directory_id, active, id);
CREATE INDEX scim_groups_sort_external_id ON scim_groups (directory_id, (external_id COLLATE "C"), id);
CREATE INDEX scim_groups_sort_id ON scim_groups (directory_id, id);
