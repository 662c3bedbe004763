-- scimd schema 3: one index for "eq" on every attribute kept only in the JSONB document.
--
-- search_document is the attribute document with every string case-folded (the same fold as
-- 002_query.sql; the keys fold too, and jsonb::text writes non-ASCII characters as they are,
-- so folding the text keeps it valid JSON). A GIN index over it answers containment
-- (@>), which the filter compiler (src/store/filter_sql.cpp) adds in front of an exact
-- comparison: `department eq "Sales"` becomes
--   search_document @> '{"urn:…:user": {"department": "sales"}}' AND <the exact comparison>
-- so that the index narrows the rows and the exact test (caseExact, types) decides.
ALTER TABLE scim_users
    ADD COLUMN search_document jsonb
    GENERATED ALWAYS AS (lower(attributes::text COLLATE "und-x-icu")::jsonb) STORED;

CREATE INDEX scim_users_search_document ON scim_users USING gin (search_document jsonb_path_ops);
