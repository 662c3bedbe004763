-- scimd schema 5: per-directory settings.
--
-- patch_response: how PATCH answers when the client does not say (RFC 7240 Prefer, or an
-- attributes/excludedAttributes parameter): 'default' is 200 with the resource for Users and
-- 204 for Groups (what group pushes want, IDP-BEHAVIOUR.md); 'minimal' is 204 for both;
-- 'representation' is 200 with the resource for both.
ALTER TABLE directories
    ADD COLUMN patch_response text NOT NULL DEFAULT 'default'
        CHECK (patch_response IN ('default', 'minimal', 'representation'));
