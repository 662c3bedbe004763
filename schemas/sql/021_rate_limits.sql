-- scimd schema 21: per-directory rate limits (docs/rate-limits.md). Every authenticated SCIM
-- request costs one token of its directory's bucket; the bucket itself lives in each replica's
-- memory, only its size and refill rate are stored.
--
-- rate_limit: 'default' follows the server's --rate-limit-default-rps and -burst; 'directory'
-- is the directory's own limit, in the two columns below; 'off' is never limited.
ALTER TABLE directories
    ADD COLUMN rate_limit text NOT NULL DEFAULT 'default' CHECK (rate_limit IN ('default', 'directory', 'off')),
    ADD COLUMN rate_limit_per_second double precision,
    ADD COLUMN rate_limit_burst integer,
    -- The admin API's bounds (core::rate_limit_settings), so that no other writer stores a limit
    -- the server would not take.
    ADD CONSTRAINT directories_rate_limit_numbers CHECK (
        CASE WHEN rate_limit = 'directory'
             THEN coalesce(rate_limit_per_second BETWEEN 0.01 AND 100000 AND rate_limit_burst BETWEEN 1 AND 1000000, false)
             ELSE rate_limit_per_second IS NULL AND rate_limit_burst IS NULL END);
