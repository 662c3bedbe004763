-- scimd schema 2: what SCIM filters, sorting and cursors need (RFC 7644 §3.4.2, RFC 9865).
--
-- Case-insensitive comparisons (RFC 7643 §2.1, caseExact false) fold both sides with
-- lower(x COLLATE "und-x-icu"): the ICU root locale lower-cases all of Unicode, where lower()
-- under a "C" database locale only folds ASCII. Every index below is on exactly the
-- expression the filter compiler (src/store/filter_sql.cpp) emits, so that the planner can
-- match them. Ordering and prefix matches use COLLATE "C": code-point order, which is what
-- RFC 7644 §3.4.2.3 asks for ("Unicode alphabetic sort order with no specific locale") and
-- what lets a btree serve LIKE 'prefix%'.

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Its
-- trigram indexes serve "co" and "ew" (LIKE '%x%'), which no btree can.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Timestamps at the precision SCIM shows them (milliseconds, RFC 3339): a client that
-- filters "meta.lastModified gt" with the value it was shown must not get the same row back.
ALTER TABLE scim_users
    ALTER COLUMN created TYPE timestamptz(3),
    ALTER COLUMN last_modified TYPE timestamptz(3);

-- userName: equality (and uniqueness) on the Unicode case fold.
DROP INDEX scim_users_user_name_key;
CREATE UNIQUE INDEX scim_users_user_name_key
    ON scim_users (directory_id, lower(user_name COLLATE "und-x-icu"));
-- userName: "sw", "gt"/"lt", and sortBy=userName.
CREATE INDEX scim_users_user_name_order
    ON scim_users (directory_id, (lower(user_name COLLATE "und-x-icu") COLLATE "C"), id);
-- userName: "co" and "ew".
CREATE INDEX scim_users_user_name_trigram
    ON scim_users USING gin (lower(user_name COLLATE "und-x-icu") gin_trgm_ops);

-- externalId is caseExact (RFC 7643 §3.1): plain equality.
CREATE INDEX scim_users_external_id ON scim_users (directory_id, external_id);
-- meta.lastModified: the "what changed since" query identity providers and admins run.
CREATE INDEX scim_users_last_modified ON scim_users (directory_id, last_modified, id);

-- emails, one row per element of the multi-valued attribute, so that "emails.value eq" and
-- "emails[type eq "work"].value eq" find users through an index instead of reading every
-- JSONB document. The trigger below keeps it equal to scim_users.attributes->'emails'
-- whatever writes the row.
CREATE TABLE scim_user_emails (
    user_id uuid NOT NULL REFERENCES scim_users (id) ON DELETE CASCADE,
    directory_id uuid NOT NULL,
    position integer NOT NULL,
    value text,
    type text,
    display text,
    is_primary boolean NOT NULL DEFAULT false,
    PRIMARY KEY (user_id, position)
);
CREATE INDEX scim_user_emails_value
    ON scim_user_emails (directory_id, lower(value COLLATE "und-x-icu"));
CREATE INDEX scim_user_emails_type_value
    ON scim_user_emails (directory_id, lower(type COLLATE "und-x-icu"), lower(value COLLATE "und-x-icu"));
CREATE INDEX scim_user_emails_value_trigram
    ON scim_user_emails USING gin (lower(value COLLATE "und-x-icu") gin_trgm_ops);

CREATE FUNCTION scim_users_sync_emails() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.attributes -> 'emails' IS NOT DISTINCT FROM OLD.attributes -> 'emails' THEN
            RETURN NEW;
        END IF;
        DELETE FROM scim_user_emails WHERE user_id = NEW.id;
    END IF;
    IF jsonb_typeof(NEW.attributes -> 'emails') = 'array' THEN
        INSERT INTO scim_user_emails (user_id, directory_id, position, value, type, display, is_primary)
        SELECT NEW.id, NEW.directory_id, e.position, e.item ->> 'value', e.item ->> 'type',
               e.item ->> 'display', coalesce((e.item -> 'primary') = 'true'::jsonb, false)
        FROM jsonb_array_elements(NEW.attributes -> 'emails') WITH ORDINALITY AS e (item, position)
        WHERE jsonb_typeof(e.item) = 'object';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER scim_users_sync_emails
    AFTER INSERT OR UPDATE OF attributes ON scim_users
    FOR EACH ROW EXECUTE FUNCTION scim_users_sync_emails();

INSERT INTO scim_user_emails (user_id, directory_id, position, value, type, display, is_primary)
SELECT u.id, u.directory_id, e.position, e.item ->> 'value', e.item ->> 'type', e.item ->> 'display',
       coalesce((e.item -> 'primary') = 'true'::jsonb, false)
FROM scim_users u
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(u.attributes -> 'emails') = 'array' THEN u.attributes -> 'emails' ELSE '[]' END
) WITH ORDINALITY AS e (item, position)
WHERE jsonb_typeof(e.item) = 'object';

-- Keys the server signs with (RFC 9865 cursors). Kept in the database so that every replica
-- signs and verifies with the same key; created on first use.
CREATE TABLE server_secrets (
    name text PRIMARY KEY,
    secret bytea NOT NULL CHECK (length(secret) >= 32),
    created timestamptz NOT NULL DEFAULT now()
);
