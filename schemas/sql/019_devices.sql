-- scimd schema 19: the devices accounts sign in on, as the product's login service reports
-- them (docs/login-hook.md), and the admins' sign-outs of them (the seed's "View and
-- administer recently used devices").
--
-- One row per device of an account, not one per sign-in: the seed needs the recently used
-- devices, and that is all scimd keeps (first and last sign-in, how many, the last address and
-- user agent). At most --max-devices-per-account rows per account; a device unused for
-- --device-retention-days goes.

CREATE TABLE account_devices (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    -- The login service's identifier of the device (its device cookie's id, say): never a secret.
    device_id text NOT NULL,
    user_agent text,
    last_address inet NOT NULL,
    first_sign_in timestamptz(3) NOT NULL,
    last_sign_in timestamptz(3) NOT NULL,
    sign_ins bigint NOT NULL DEFAULT 1,
    -- The last time an admin signed the device out: the login service ends every session of
    -- the device that began before it.
    signed_out_at timestamptz(3),
    UNIQUE (account_id, device_id)
);
CREATE INDEX account_devices_recent ON account_devices (account_id, last_sign_in DESC, id);
CREATE INDEX account_devices_unused ON account_devices (last_sign_in);

-- Every sign-out an admin made, for the login service to read in order (GET /device-sign-outs).
-- txid orders the feed so that a reader never skips a sign-out committed late: it reads only
-- the sign-outs of transactions older than every transaction still running
-- (pg_snapshot_xmin), which are all finished, and resumes from there.
CREATE TABLE device_sign_outs (
    id bigserial PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts (id),
    device uuid NOT NULL,     -- account_devices.id, which may be gone since
    device_id text NOT NULL,  -- the login service's identifier
    signed_out_at timestamptz(3) NOT NULL DEFAULT now(),
    -- The admin token that signed the device out.
    signed_out_by text NOT NULL,
    txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX device_sign_outs_feed ON device_sign_outs (organization_id, txid, id);
CREATE INDEX device_sign_outs_age ON device_sign_outs (signed_out_at);
CREATE INDEX device_sign_outs_account ON device_sign_outs (account_id);
