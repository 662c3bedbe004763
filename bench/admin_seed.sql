-- Benchmark seed: N managed accounts of organization ORG (psql -v org=… -v n=…), with policies,
-- sites, memberships, product access and an admin-kept group, as bench/exports.sh describes.
-- Profiles vary so that every sortable column orders differently: names from a scrambled
-- number, twelve departments, twenty job titles, a tenth never active.
INSERT INTO accounts (id, email, display_name, given_name, family_name, job_title, department, claimed_by,
                      two_step_enrolled, email_verified, last_active_at, created)
SELECT md5('bench' || i)::uuid, 'user' || i || '@bench.example', 'User ' || i,
       'Given ' || (i * 7919 % 1000), 'Family ' || (i * 104729 % :n), 'Title ' || (i % 20),
       'Department ' || (i % 12), CAST(:'org' AS uuid), i % 10 = 0, i % 3 <> 0,
       CASE WHEN i % 10 <> 7 THEN now() - make_interval(mins => (i * 7 % :n)::int) END,
       now() - make_interval(secs => i)
FROM generate_series(1::bigint, :n) AS i;
INSERT INTO policies (id, organization_id, name, type, saml_sso, two_step_required)
VALUES (gen_random_uuid(), CAST(:'org' AS uuid), 'SSO', 'billable', true, true);
INSERT INTO policy_accounts (account_id, policy_id)
SELECT md5('bench' || i)::uuid, (SELECT id FROM policies WHERE name = 'SSO' AND organization_id = CAST(:'org' AS uuid))
FROM generate_series(5, :n, 5) AS i;
INSERT INTO sites (id, organization_id, name, url)
SELECT md5('site' || s)::uuid, CAST(:'org' AS uuid), 'Site ' || s, 'site' || s || '.bench.example' FROM generate_series(1, 3) AS s;
INSERT INTO site_products (site_id, product)
SELECT md5('site' || s)::uuid, p FROM generate_series(1, 3) AS s, unnest(ARRAY['confluence', 'jira', 'trello']) AS p;
-- Site 1: everyone, a seventh still invited and an eleventh of the others suspended (the Users
-- page's status filter then selects a part of the list).
INSERT INTO site_memberships (site_id, account_id, status, joined_at)
SELECT md5('site1')::uuid, md5('bench' || i)::uuid,
       CASE WHEN i % 7 = 0 THEN 'invited' WHEN i % 11 = 0 THEN 'suspended' ELSE 'active' END,
       CASE WHEN i % 7 <> 0 THEN now() END
FROM generate_series(1, :n) AS i;
INSERT INTO site_product_access (site_id, account_id, product)
SELECT md5('site1')::uuid, md5('bench' || i)::uuid, 'jira' FROM generate_series(1, :n) AS i;
INSERT INTO site_memberships (site_id, account_id, status, joined_at)
SELECT md5('site2')::uuid, md5('bench' || i)::uuid, 'active', now() FROM generate_series(3, :n, 3) AS i;
INSERT INTO scim_groups (id, organization_id, directory_id, display_name, attributes)
VALUES (md5('group')::uuid, CAST(:'org' AS uuid), NULL, 'Writers', '{}');
INSERT INTO group_account_members (group_id, account_id)
SELECT md5('group')::uuid, md5('bench' || i)::uuid FROM generate_series(3, :n, 3) AS i;
INSERT INTO group_product_grants (group_id, site_id, product) VALUES (md5('group')::uuid, md5('site2')::uuid, 'confluence');
