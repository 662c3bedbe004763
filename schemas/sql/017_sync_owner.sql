-- scimd schema 17: which directory a synced account follows (docs/accounts.md "Several
-- directories on one account").
--
-- accounts.synced_by names the directory whose pushes change what an identity provider owns of
-- the account (its profile, its address, whether it is active). The rule: of the directories of
-- the organization that manages the account (claimed_by), the one whose SCIM user links it
-- first; it stays the owner while its link does, and when it goes the next one takes over. Every
-- other link — another directory of the same organization, or a directory of an organization for
-- which the account is an external user — is recorded as its SCIM user, and changes nothing the
-- identity provider owns. An unclaimed account follows no directory: nobody
-- manages it but its owner.
--
-- The column named the first directory of any organization that linked the account, and kept
-- naming it: an account claimed by Acme could so be locked by a directory of Globex, whose pushes
-- do not change it (an external user to Globex), while no directory of Acme linked it: an account
-- nobody could change. Triggers now keep it equal to account_sync_owner() whenever a link comes or
-- goes or the claim changes, so that every way the claim moves (linking, domain claims, a
-- confirmed address that releases it) and every way a link goes (DELETE /Users, an erased
-- account, a deleted directory) keeps it true. The server still writes it where it links an
-- account (the value the triggers come to), so that the statement inserting the link, whose
-- RETURNING shows the account, already sees it.

-- The owner of `account` claimed by `claimant` whose owner is `present_owner`: that one while its
-- link stays (an owner is never displaced by a link that sorts before it, such as two links
-- created in the same millisecond), otherwise the claimant's first link.
CREATE FUNCTION account_sync_owner(account uuid, claimant uuid, present_owner uuid) RETURNS uuid
LANGUAGE sql STABLE AS $$
    SELECT u.directory_id FROM scim_users u JOIN directories d ON d.id = u.directory_id
    WHERE u.account_id = account AND d.organization_id = claimant
    ORDER BY u.directory_id IS NOT DISTINCT FROM present_owner DESC, u.created, u.id LIMIT 1
$$;

-- A claim that comes, goes or moves picks the owner among the new claimant's directories. The
-- statement that claims an account as a directory's new user links it (store::adopt_account)
-- names that directory, whose link it inserts right after: kept when no link of the claimant's
-- exists yet and it is one of the claimant's directories.
CREATE FUNCTION accounts_sync_owner_follows_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.synced_by := coalesce(account_sync_owner(NEW.id, NEW.claimed_by, NEW.synced_by),
                              (SELECT d.id FROM directories d
                               WHERE d.id = NEW.synced_by AND d.organization_id = NEW.claimed_by));
    RETURN NEW;
END $$;
CREATE TRIGGER accounts_sync_owner_follows_claim BEFORE UPDATE OF claimed_by ON accounts FOR EACH ROW
    WHEN (OLD.claimed_by IS DISTINCT FROM NEW.claimed_by) EXECUTE FUNCTION accounts_sync_owner_follows_claim();

-- A link that comes or goes: one UPDATE per statement for the accounts it touched (a deleted
-- directory takes all its users in one statement). `changed` is the statement's transition table.
CREATE FUNCTION scim_users_sync_owner_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts a SET synced_by = account_sync_owner(a.id, a.claimed_by, a.synced_by)
    WHERE a.id IN (SELECT account_id FROM changed WHERE account_id IS NOT NULL)
      AND a.synced_by IS DISTINCT FROM account_sync_owner(a.id, a.claimed_by, a.synced_by);
    RETURN NULL;
END $$;
CREATE TRIGGER scim_users_sync_owner_insert AFTER INSERT ON scim_users REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scim_users_sync_owner_refresh();
CREATE TRIGGER scim_users_sync_owner_delete AFTER DELETE ON scim_users REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION scim_users_sync_owner_refresh();

-- A link never moves to another account (the server sets account_id when it inserts the user and
-- never after), so an UPDATE changes no owner; this refuses one that would.
CREATE FUNCTION scim_users_account_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the account of a SCIM user does not change';
END $$;
CREATE TRIGGER scim_users_account_fixed BEFORE UPDATE OF account_id ON scim_users FOR EACH ROW
    WHEN (OLD.account_id IS DISTINCT FROM NEW.account_id) EXECUTE FUNCTION scim_users_account_is_fixed();

-- Existing accounts take the rule.
UPDATE accounts SET synced_by = account_sync_owner(id, claimed_by, synced_by)
WHERE synced_by IS DISTINCT FROM account_sync_owner(id, claimed_by, synced_by);
