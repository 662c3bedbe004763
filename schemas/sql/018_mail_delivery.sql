-- scimd schema 18: the outbox is delivered by scimd itself over SMTP (docs/mail.md), and holds
-- notices besides verification messages: site invitations and password resets.

-- Two kinds of notice, which carry no one-time link and so no secret.
ALTER TABLE email_verifications DROP CONSTRAINT email_verifications_kind_check;
ALTER TABLE email_verifications ADD CONSTRAINT email_verifications_kind_check
    CHECK (kind IN ('email_change', 'address_verification', 'site_invitation', 'password_reset'));
ALTER TABLE email_verifications ALTER COLUMN secret_hash DROP NOT NULL;
ALTER TABLE email_verifications ADD CONSTRAINT email_verifications_secret_of_links
    CHECK ((secret_hash IS NOT NULL) = (kind IN ('email_change', 'address_verification')));

-- The message as it is mailed: a subject and an HTML part besides the plain text (body), both
-- forgotten with the body once the message is handed over.
ALTER TABLE email_verifications ADD COLUMN subject text;
ALTER TABLE email_verifications ADD COLUMN html_body text;
UPDATE email_verifications SET subject = CASE kind
    WHEN 'email_change' THEN 'Confirm your new email address'
    ELSE 'Confirm your email address' END
    WHERE body IS NOT NULL;
ALTER TABLE email_verifications ADD CONSTRAINT email_verifications_mailable
    CHECK (body IS NULL OR subject IS NOT NULL);
ALTER TABLE email_verifications ADD CONSTRAINT email_verifications_html_with_body
    CHECK (html_body IS NULL OR body IS NOT NULL);

-- Delivery: how often it was tried, when it may be tried next, why the last try failed, and
-- when the sender gave up (a failed message keeps its body, so that an admin can retry it).
ALTER TABLE email_verifications ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE email_verifications ADD COLUMN next_attempt timestamptz NOT NULL DEFAULT clock_timestamp();
ALTER TABLE email_verifications ADD COLUMN last_error text;
ALTER TABLE email_verifications ADD COLUMN failed_at timestamptz;
-- One sender across replicas: a sender claims a batch (FOR UPDATE SKIP LOCKED) and holds it,
-- outside any transaction while it talks SMTP, until claimed_until; only the claimant marks it
-- sent or failed.
ALTER TABLE email_verifications ADD COLUMN claimed_by text;
ALTER TABLE email_verifications ADD COLUMN claimed_until timestamptz;

CREATE INDEX email_verifications_deliverable ON email_verifications (next_attempt)
    WHERE body IS NOT NULL AND failed_at IS NULL;
