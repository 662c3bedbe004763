-- Benchmark seed: :n journal entries of directory :dir of organization :org (psql -v org=… -v dir=…
-- -v n=… -v accounts=…), as bench/console_lists.sh describes: spread evenly over the last 48
-- hours, newest last; about one in 20 refused (409 uniqueness or 400 invalidValue), one in
-- three with tolerance rules (Entra's "Replace" and "False"), one in 50 an admin's and one in
-- 2,000 an account owner's, every entry about one of the bench accounts (admin_seed.sql's
-- md5('bench' || i) ids, i in 1..:accounts).
INSERT INTO journal_entries (organization_id, directory_id, actor, admin_token_id, occurred_at, request_id, method,
                             path, resource_type, resource_id, account_id, request, normalized, diff, status,
                             scim_type, detail, action, error, normalization_kinds)
SELECT CAST(:'org' AS uuid),
       CASE WHEN kind = 'directory' THEN CAST(:'dir' AS uuid) END,
       kind,
       CASE WHEN kind = 'admin' THEN 'benchtoken' END,
       now() - make_interval(secs => (:n - i) * 172800.0 / :n),
       'bench' || i, 'PATCH', '/scim/directory/' || :'dir' || '/Users/' || md5('user' || i),
       CASE WHEN kind = 'directory' THEN 'User' ELSE 'Account' END,
       md5('user' || i),
       md5('bench' || (1 + i % :accounts))::uuid,
       jsonb_build_object('schemas', jsonb_build_array('urn:ietf:params:scim:api:messages:2.0:PatchOp'),
                          'Operations', jsonb_build_array(jsonb_build_object('op', 'Replace', 'path', 'title',
                                                                             'value', 'Title ' || i))),
       CASE WHEN i % 3 = 0 THEN jsonb_build_object('Operations', '[]'::jsonb, 'normalizations',
            jsonb_build_array('op in another case: "Replace" read as "replace"',
                              'string "False" for boolean "active" read as false')) END,
       CASE WHEN i % 20 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('title', jsonb_build_object('before', 'Title ' || (i - 1), 'after', 'Title ' || i)) END,
       CASE WHEN i % 40 = 0 THEN 409 WHEN i % 20 = 0 THEN 400 ELSE 200 END,
       CASE WHEN kind <> 'directory' THEN NULL WHEN i % 40 = 0 THEN 'uniqueness' WHEN i % 20 = 0 THEN 'invalidValue' END,
       CASE WHEN i % 20 = 0 THEN 'userName "user' || i || '@bench.example" is already in use in this directory' END,
       CASE WHEN kind = 'admin' THEN 'account.edit' WHEN kind = 'account' THEN 'account.email.confirm' END,
       CASE WHEN kind = 'admin' AND i % 20 = 0 THEN 'conflict' END,
       CASE WHEN kind = 'directory' AND i % 3 = 0 THEN ARRAY['op-case', 'boolean-string'] END
FROM (SELECT i, CASE WHEN i % 2000 = 7 THEN 'account' WHEN i % 50 = 1 THEN 'admin' ELSE 'directory' END AS kind
      FROM generate_series(1::bigint, :n) AS i) AS e;
