-- scimd schema 14: the admin API's managed-accounts list (docs/admin-api.md "Filtering managed
-- accounts") as 013_listing.sql made the SCIM listings: an exact count read, not counted, and a
-- btree for every column it sorts on, so that any page of 300,000 accounts costs what the first
-- page of 300 does (docs/paging.md "What a listing costs").

-- ---- tallies -------------------------------------------------------------------------------
-- The organization's listed accounts: claimed by it (the managed accounts of DOMAIN.md) and not
-- deleted. Kept as resource_tallies are (013_listing.sql): each statement appends its change,
-- store/resource_tallies.cpp folds them about once a second.
CREATE TABLE managed_account_tallies (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    live bigint NOT NULL,
    writes bigint NOT NULL
);
-- No foreign key, for the reason resource_tally_changes has none.
CREATE TABLE managed_account_tally_changes (
    organization_id uuid NOT NULL,
    live_delta bigint NOT NULL,
    writes bigint NOT NULL
);
CREATE INDEX managed_account_tally_changes_organization ON managed_account_tally_changes (organization_id);

-- An account moves between tallies when it is claimed or released and leaves one when it is
-- deleted, so an UPDATE counts its rows out (old) and in (new). One change row per statement
-- and organization; `writes` counts the rows an organization's list saw written.
CREATE FUNCTION managed_account_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO managed_account_tally_changes (organization_id, live_delta, writes)
        SELECT claimed_by, count(*) FILTER (WHERE lifecycle <> 'deleted'), count(*)
        FROM new_rows WHERE claimed_by IS NOT NULL GROUP BY claimed_by;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO managed_account_tally_changes (organization_id, live_delta, writes)
        SELECT claimed_by, -count(*) FILTER (WHERE lifecycle <> 'deleted'), count(*)
        FROM old_rows WHERE claimed_by IS NOT NULL GROUP BY claimed_by;
    ELSE
        INSERT INTO managed_account_tally_changes (organization_id, live_delta, writes)
        SELECT claimed_by, sum(CASE WHEN lifecycle <> 'deleted' THEN side ELSE 0 END), count(*) FILTER (WHERE side = 1)
        FROM (SELECT claimed_by, lifecycle, -1 AS side FROM old_rows
              UNION ALL SELECT claimed_by, lifecycle, 1 FROM new_rows) rows
        WHERE claimed_by IS NOT NULL GROUP BY claimed_by;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER accounts_tally_insert AFTER INSERT ON accounts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION managed_account_rows_changed();
CREATE TRIGGER accounts_tally_update AFTER UPDATE ON accounts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION managed_account_rows_changed();
CREATE TRIGGER accounts_tally_delete AFTER DELETE ON accounts REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION managed_account_rows_changed();

INSERT INTO managed_account_tallies (organization_id, live, writes)
SELECT claimed_by, count(*), 0 FROM accounts WHERE claimed_by IS NOT NULL AND lifecycle <> 'deleted'
GROUP BY claimed_by;

-- ---- sort indexes --------------------------------------------------------------------------
-- One per column the list sorts on, on exactly the expression store/filter_sql.cpp
-- sort_expression_for emits, over the listed accounts only. Each INCLUDEs the column it sorts
-- on: the planner counts an expression's column as needed, and with it in the index, the rows
-- a deep page skips are index entries only (an index-only scan), not table rows.
-- tests/store/managed_account_listing_pgtest.cpp checks every one's plan.
DROP INDEX accounts_claimed_by_email;
DO $$
DECLARE
    sortable record;
BEGIN
    FOR sortable IN SELECT * FROM (VALUES
        ('email'), ('pending_email'), ('display_name'), ('given_name'), ('family_name'), ('job_title'),
        ('department')
    ) AS s (name)
    LOOP
        EXECUTE format('CREATE INDEX %I ON accounts (claimed_by, (lower(%I COLLATE "und-x-icu") COLLATE "C"), id) '
                       'INCLUDE (%I) WHERE lifecycle <> ''deleted''',
                       'accounts_sort_' || sortable.name, sortable.name, sortable.name);
    END LOOP;
END $$;
-- lifecycle's values are the server's own, compared exactly (not folded).
CREATE INDEX accounts_sort_lifecycle ON accounts (claimed_by, (lifecycle COLLATE "C"), id) WHERE lifecycle <> 'deleted';
CREATE INDEX accounts_sort_last_active_at ON accounts (claimed_by, last_active_at, id) WHERE lifecycle <> 'deleted';
CREATE INDEX accounts_sort_created ON accounts (claimed_by, created, id) WHERE lifecycle <> 'deleted';
CREATE INDEX accounts_sort_id ON accounts (claimed_by, id) WHERE lifecycle <> 'deleted';
