-- Seeds users :lo .. :hi of one directory for bench/query.sh, straight into scim_users (the
-- trigger of schemas/sql/002_query.sql fills scim_user_emails). Rows look like what
-- src/api/users.cpp stores for a valid POST /Users: `attributes` is the validated resource
-- without id, meta and schemas, names spelt as the schema spells them, the enterprise extension
-- under its URN; user_name, external_id and active mirror their attributes.
--
-- psql variables: dir (directory id), lo, hi (user numbers), depts (a text[] literal).
-- Names are a pure function of the user number (hashint4extended), so runs are comparable:
-- givenName one of 100, familyName one of 100 x 50 = 5000 (about N/5000 users share each, so
-- sorting on it has ties), department one of the :depts.

INSERT INTO scim_users (id, directory_id, user_name, external_id, active, attributes)
SELECT gen_random_uuid(), CAST(:'dir' AS uuid), u.user_name, u.external_id, true,
       jsonb_build_object(
           'userName', u.user_name,
           'externalId', u.external_id,
           'active', true,
           'name', jsonb_build_object('givenName', u.given, 'familyName', u.family),
           'displayName', u.given || ' ' || u.family,
           'emails', jsonb_build_array(
               jsonb_build_object('value', u.user_name, 'type', 'work', 'primary', true),
               jsonb_build_object('value', 'u' || u.i || '@home.example.net', 'type', 'home')),
           'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
           jsonb_build_object('department', u.department, 'employeeNumber', u.i::text))
FROM (
    SELECT i,
           'user' || i || '@example.com' AS user_name,
           'ext-' || i AS external_id,
           (ARRAY['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David',
                  'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah',
                  'Charles', 'Karen', 'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony',
                  'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily',
                  'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian',
                  'Dorothy', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Edward',
                  'Rebecca', 'Jason', 'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia', 'Jacob', 'Kathleen',
                  'Gary', 'Amy', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Anna', 'Stephen',
                  'Brenda', 'Larry', 'Pamela', 'Justin', 'Emma', 'Scott', 'Nicole', 'Brandon', 'Helen',
                  'Benjamin', 'Samantha', 'Samuel', 'Katherine', 'Gregory', 'Christine', 'Alexander', 'Debra',
                  'Frank', 'Rachel', 'Patrick', 'Carolyn', 'Raymond', 'Janet', 'Jack', 'Catherine', 'Dennis',
                  'Maria', 'Jerry', 'Heather'])[1 + abs(hashint4extended(i, 1) % 100)] AS given,
           (ARRAY['Ander', 'Bar', 'Black', 'Brad', 'Brook', 'Cal', 'Car', 'Chat', 'Clay', 'Craw', 'Dal',
                  'Dun', 'East', 'Ed', 'Ells', 'Fair', 'Farn', 'Fitz', 'Ful', 'Gar', 'Glad', 'Gold', 'Gray',
                  'Green', 'Hal', 'Ham', 'Har', 'Haw', 'Hol', 'Hunt', 'Ing', 'Jack', 'Jen', 'Kel', 'Ken',
                  'King', 'Lang', 'Law', 'Lind', 'Lock', 'Mad', 'Man', 'Mar', 'Mid', 'Mil', 'Mor', 'Nel',
                  'New', 'Nor', 'Oak', 'Old', 'Pal', 'Pem', 'Pen', 'Per', 'Rad', 'Ral', 'Red', 'Rich', 'Rob',
                  'Ros', 'Rut', 'Sal', 'Sand', 'Shel', 'Sher', 'Stan', 'Stock', 'Stone', 'Sum', 'Sut',
                  'Tal', 'Thorn', 'Tom', 'Up', 'Van', 'Wal', 'War', 'Wat', 'Well', 'West', 'Whit', 'Wil',
                  'Win', 'Wood', 'Wy', 'Yar', 'York', 'Ab', 'Ash', 'Bel', 'Bram', 'Cold', 'Den', 'Els',
                  'Hart', 'Lev', 'Mel', 'Ov', 'Pres'])[1 + abs(hashint4extended(i, 2) % 5000) / 50]
           || (ARRAY['son', 'ton', 'ley', 'ford', 'field', 'wood', 'well', 'worth', 'by', 'man', 'er',
                     'ing', 'ard', 'stead', 'more', 'dale', 'burn', 'brook', 'ridge', 'land', 'holm', 'wick',
                     'bury', 'combe', 'cott', 'den', 'don', 'ham', 'hurst', 'lock', 'low', 'mont', 'ney',
                     'marsh', 'rick', 'sby', 'shaw', 'side', 'stone', 'thorpe', 'vale', 'ville', 'way',
                     'win', 'wright', 'bourne', 'castle', 'cliffe', 'gate', 'hill'])[1 + abs(hashint4extended(i, 2) % 5000) % 50]
               AS family,
           (CAST(:'depts' AS text[]))[1 + abs(hashint4extended(i, 3) % cardinality(CAST(:'depts' AS text[])))]
               AS department
    FROM generate_series(CAST(:'lo' AS integer), CAST(:'hi' AS integer)) AS i
) AS u;
