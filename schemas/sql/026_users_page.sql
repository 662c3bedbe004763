-- scimd schema 26: the organization's Users page (docs/sites.md "The Users page") at any size.
-- The page lists every account on the organization's sites once, with one status over them,
-- ordered by email (store/organization_users.cpp). Computed from the memberships, each page
-- grouped all of them: seconds at 300,000 accounts. This keeps the page's rows where an index
-- reads them in order, so any page and its counts are index ranges:
--   - organization_users: one row per account and organization, its memberships counted by
--     status, kept by the memberships' triggers below;
--   - site_memberships.email_key: one site's page (?site=) in the same order;
--   - user_tallies: the page's counts by status, of the organization's users and of each site's,
--     read rather than counted, kept as 013_listing.sql keeps resource_tallies.

-- The order of the page: the folded address, as accounts' sort index folds it
-- (014_managed_account_listing.sql), compared byte by byte.
CREATE FUNCTION account_email_key(email text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lower(email COLLATE "und-x-icu");

ALTER TABLE site_memberships ADD COLUMN email_key text COLLATE "C";
UPDATE site_memberships m SET email_key = account_email_key(a.email) FROM accounts a WHERE a.id = m.account_id;
-- Each INCLUDEs the status the page shows, so that a deep page skips index entries only.
CREATE INDEX site_memberships_by_email ON site_memberships (site_id, email_key, account_id) INCLUDE (status);
CREATE INDEX site_memberships_status_by_email ON site_memberships (site_id, status, email_key, account_id);

-- The user's status on the page: active when active on any of the organization's sites, else
-- invited when invited to any, else suspended (store/organization_users.hpp).
CREATE TABLE organization_users (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    active integer NOT NULL,
    invited integer NOT NULL,
    suspended integer NOT NULL,
    status text NOT NULL GENERATED ALWAYS AS (
        CASE WHEN active > 0 THEN 'active' WHEN invited > 0 THEN 'invited' ELSE 'suspended' END) STORED,
    email_key text COLLATE "C",
    PRIMARY KEY (organization_id, account_id)
);
CREATE INDEX organization_users_by_email ON organization_users (organization_id, email_key, account_id) INCLUDE (status);
CREATE INDEX organization_users_status_by_email ON organization_users (organization_id, status, email_key, account_id);
-- The account's rows, when its address changes.
CREATE INDEX organization_users_account ON organization_users (account_id);

INSERT INTO organization_users (organization_id, account_id, active, invited, suspended, email_key)
SELECT st.organization_id, m.account_id, count(*) FILTER (WHERE m.status = 'active'),
       count(*) FILTER (WHERE m.status = 'invited'), count(*) FILTER (WHERE m.status = 'suspended'), min(m.email_key)
FROM site_memberships m JOIN sites st ON st.id = m.site_id
GROUP BY st.organization_id, m.account_id;

-- A new membership's sort key. FOR SHARE: an address being changed (a row lock taken by that
-- UPDATE) is waited for and read as committed, so the key cannot be the old address written
-- after the change's trigger below has run.
CREATE FUNCTION site_membership_email_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.email_key := (SELECT account_email_key(a.email) FROM accounts a WHERE a.id = NEW.account_id FOR SHARE);
    RETURN NEW;
END $$;
CREATE TRIGGER site_memberships_email_key BEFORE INSERT ON site_memberships
    FOR EACH ROW EXECUTE FUNCTION site_membership_email_key();

-- An address changed: the account's sort keys follow.
CREATE FUNCTION account_email_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE site_memberships SET email_key = account_email_key(NEW.email) WHERE account_id = NEW.id;
    UPDATE organization_users SET email_key = account_email_key(NEW.email) WHERE account_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER accounts_email_key AFTER UPDATE OF email ON accounts
    FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION account_email_key_changed();

-- Memberships written: each statement adds its new rows' counts by status to
-- organization_users and takes away its old rows', then drops the rows left with none. Adding
-- counts, unlike recomputing a status from what the statement sees, stays right when two
-- transactions change one account's memberships at once: the upsert or update applies to the
-- row as the other left it. New rows are written in key order, so that two inserting
-- statements lock them in the same order. Only an insert adds rows: an update or a delete
-- changes rows its memberships made (and so cannot make one for an organization being
-- deleted). A deleted site's memberships go first (below), while the site still names its
-- organization.
-- The rows a statement trigger's operation `op` (TG_OP) changed, as SQL over its transition
-- tables: `columns` of each row and `side`, 1 for a row as written (new_rows), -1 for a row as
-- it was (old_rows); an UPDATE has both. Shared by the two trigger functions below.
CREATE FUNCTION changed_rows_sql(op text, columns text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN CASE op
        WHEN 'INSERT' THEN 'SELECT ' || columns || ', 1 AS side FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT ' || columns || ', -1 AS side FROM old_rows'
        ELSE 'SELECT ' || columns || ', 1 AS side FROM new_rows UNION ALL SELECT ' || columns || ', -1 FROM old_rows'
    END;

CREATE FUNCTION organization_users_follow_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text := changed_rows_sql(TG_OP, 'site_id, account_id, status, email_key');
    -- (organization_id, account_id, active, invited, suspended, email_key): the changes by status.
    deltas text := format(
        'SELECT * FROM (SELECT st.organization_id, c.account_id, '
        'coalesce(sum(c.side) FILTER (WHERE c.status = ''active''), 0) AS active, '
        'coalesce(sum(c.side) FILTER (WHERE c.status = ''invited''), 0) AS invited, '
        'coalesce(sum(c.side) FILTER (WHERE c.status = ''suspended''), 0) AS suspended, '
        'max(c.email_key) AS email_key '
        'FROM (%s) c JOIN sites st ON st.id = c.site_id GROUP BY st.organization_id, c.account_id) d '
        'WHERE d.active <> 0 OR d.invited <> 0 OR d.suspended <> 0', changed);
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE 'INSERT INTO organization_users AS u (organization_id, account_id, active, invited, suspended, '
                'email_key) ' || deltas || ' ORDER BY d.organization_id, d.account_id '
                'ON CONFLICT (organization_id, account_id) DO UPDATE SET active = u.active + EXCLUDED.active, '
                'invited = u.invited + EXCLUDED.invited, suspended = u.suspended + EXCLUDED.suspended';
    ELSE
        EXECUTE 'UPDATE organization_users u SET active = u.active + d.active, invited = u.invited + d.invited, '
                'suspended = u.suspended + d.suspended FROM (' || deltas || ') d '
                'WHERE u.organization_id = d.organization_id AND u.account_id = d.account_id';
        EXECUTE 'DELETE FROM organization_users u USING (' || deltas || ') d '
                'WHERE u.organization_id = d.organization_id AND u.account_id = d.account_id '
                'AND u.active = 0 AND u.invited = 0 AND u.suspended = 0';
    END IF;
    RETURN NULL;
END $$;

-- A site deleted (store::delete_site, or its organization's deletion): its memberships are
-- deleted before it, so that organization_users_follow_memberships still finds their
-- organization; the cascade of 008_sites.sql then finds none.
CREATE FUNCTION site_deleted_memberships_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM site_memberships WHERE site_id = OLD.id;
    RETURN OLD;
END $$;
CREATE TRIGGER sites_memberships_first BEFORE DELETE ON sites
    FOR EACH ROW EXECUTE FUNCTION site_deleted_memberships_first();

-- ---- counts --------------------------------------------------------------------------------
-- The users by status of a scope: an organization (its organization_users rows) or a site (its
-- memberships); organization and site ids are both UUIDs, never the same. Each statement that
-- writes either table appends its change (one row per scope and status, so concurrent writers
-- never wait on each other); store/resource_tallies.cpp folds them about once a second, and a
-- reader adds the changes not folded yet, in its snapshot. No foreign key: a scope is one of
-- two tables, and a change may outlive its site (a deleted site's counts are zero). `writes`
-- counts the rows of the scope ever written (a status, an address, a last use): the scope's
-- write stamp, as resource_tallies keeps a directory's (docs/paging.md), so that the next page
-- of the Users page can start where the last one ended while it has not moved.
CREATE TABLE user_tallies (
    scope_id uuid NOT NULL,
    status text NOT NULL,
    live bigint NOT NULL,
    writes bigint NOT NULL,
    PRIMARY KEY (scope_id, status)
);
CREATE TABLE user_tally_changes (
    scope_id uuid NOT NULL,
    status text NOT NULL,
    live_delta bigint NOT NULL,
    writes bigint NOT NULL
);
CREATE INDEX user_tally_changes_scope ON user_tally_changes (scope_id);

-- TG_ARGV[0]: the column naming the rows' scope (organization_id or site_id).
CREATE FUNCTION user_tallies_follow_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text := changed_rows_sql(TG_OP, format('%I AS scope_id, status', TG_ARGV[0]));
BEGIN
    EXECUTE 'INSERT INTO user_tally_changes (scope_id, status, live_delta, writes) '
            'SELECT scope_id, status, sum(side), count(*) FROM (' || changed || ') c GROUP BY scope_id, status';
    RETURN NULL;
END $$;

-- The statement triggers of the two functions above, each with the transition tables its
-- operation has: the memberships keep organization_users, and both tables keep the tallies.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('site_memberships', 'organization_users', 'organization_users_follow_memberships()'),
        ('site_memberships', 'tally', 'user_tallies_follow_rows(''site_id'')'),
        ('organization_users', 'tally', 'user_tallies_follow_rows(''organization_id'')')
    ) AS v (tab, purpose, call)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %s', t.tab || '_' || t.purpose || '_insert', t.tab, t.call);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %s', t.tab || '_' || t.purpose || '_update', t.tab, t.call);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %s', t.tab || '_' || t.purpose || '_delete', t.tab, t.call);
    END LOOP;
END $$;

INSERT INTO user_tallies (scope_id, status, live, writes)
SELECT organization_id, status, count(*), 0 FROM organization_users GROUP BY organization_id, status
UNION ALL
SELECT site_id, status, count(*), 0 FROM site_memberships GROUP BY site_id, status;
