#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (docs/fuzzing.md) to fuzz/corpus/<target>/.

Seeds come from three places: the examples of RFC 7644 (filters §3.4.2.2, PATCH §3.5.2, paths
§3.10), the request shapes identity providers send (/work/shared/design/IDP-BEHAVIOUR.md, kept
here as literals), and the conformance cases (conformance/cases/*.json: their query
parameters, bodies and requests). Run it again after adding conformance cases; it replaces the
seed files it wrote before and leaves nothing else behind.

    python3 fuzz/make_corpus.py
"""

import json
import pathlib
import re
import shutil
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"

# Values for the conformance cases' ${…} placeholders, so that seeds look like real requests.
PLACEHOLDERS = {"prefix": "cfk2x9q1ab-1"}
UUID = "2819c223-7f76-453a-919d-413861904646"

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

# RFC 7644 §3.4.2.2, the filter examples, and the shapes IDP-BEHAVIOUR.md lists.
RFC_FILTERS = [
    'userName eq "bjensen"',
    'name.familyName co "O\'Malley"',
    'userName sw "J"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    "title pr",
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'title pr and userType eq "Employee"',
    'title pr or userType eq "Intern"',
    'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'userType eq "Employee" and (emails.type eq "work")',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    'externalId eq "00u1dhhb1fkIGP7RL1d8"',
    'emails[type eq "work"].value eq "ryan@contoso.com"',
    'displayName eq "Sales"',
    'id eq "2819c223-7f76-453a-919d-413861904646" and members[value eq "902c246b-6245-4190-8e05-00816be7344a"]',
    'members[$ref eq "https://example.com/v2/Users/902c246b"]',
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr",
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"',
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr",
    "active eq True",
    'meta.created gt "0000-01-01T00:00:00Z"',
    'userName eq "caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" \\\\"',
    "emails.primary eq true and not (active eq false)",
    "((title pr))",
    "x eq 1.5e3 or y eq -0 or z eq null",
]


def deepest_precedence():
    """A filter at the nesting limit (16) whose canonical text adds the most parentheses."""
    text = "a pr or b pr and c pr"
    for _ in range(16):
        text = "x pr or y pr and (" + text + ")"
    return text


# RFC 7644 §3.5.2 Figure 7 paths, §3.10 attribute notation, and what identity providers send.
RFC_PATHS = [
    "members",
    "name.familyName",
    'addresses[type eq "work"]',
    'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
    'members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName',
    'emails[type eq "work"].value',
    'addresses[type eq "work"].formatted',
    'phoneNumbers[type eq "mobile"].value',
    'emails[type eq "work" and value ew "example.com"]',
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
    "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName",
    "meta.lastModified",
    "userName,emails.value,name",
    "displayName, members",
    "members[$ref pr].$ref",
    "password",
]


def op(kind, path=None, value=None):
    o = {"op": kind}
    if path is not None:
        o["path"] = path
    if value is not None:
        o["value"] = value
    return o


def patch_body(*operations):
    return {"schemas": [PATCH_OP], "Operations": list(operations)}


# RFC 7644 §3.5.2.1-3 examples and the PATCH shapes of IDP-BEHAVIOUR.md.
RFC_PATCHES = [
    patch_body(op("add", "members", [{"display": "Babs Jensen", "$ref": "https://example.com/v2/Users/" + UUID,
                                      "value": UUID}])),
    patch_body(op("add", value={"emails": [{"value": "babs@jensen.org", "type": "home"}], "nickname": "Babs"})),
    patch_body(op("remove", 'members[value eq "' + UUID + '"]')),
    patch_body(op("remove", "members")),
    patch_body(op("remove", 'emails[type eq "work" and value ew "example.com"]')),
    patch_body(op("remove", 'members[value eq "' + UUID + '"]'), op("add", "members", [{"value": UUID}])),
    patch_body(op("replace", "members", [{"value": UUID}, {"value": "902c246b-6245-4190-8e05-00816be7344a"}])),
    patch_body(op("replace", 'addresses[type eq "work"]',
                  {"type": "work", "streetAddress": "911 Universal City Plaza", "locality": "Hollywood",
                   "region": "CA", "postalCode": "91608", "country": "US", "primary": True})),
    patch_body(op("replace", 'addresses[type eq "work"].streetAddress', "1010 Broadway Ave")),
    patch_body(op("replace", value={"emails": [{"value": "bjensen@example.com", "type": "work", "primary": True}],
                                    "nickName": "Babs"})),
    # Entra
    patch_body(op("Replace", "active", "False")),
    patch_body(op("Add", 'emails[type eq "work"].value', "ryan@contoso.com")),
    patch_body(op("replace", value={"displayName": "x", "name.givenName": "y",
                                    ENTERPRISE + ":employeeNumber": "7"})),
    patch_body(op("Remove", "members", [{"value": UUID}])),
    patch_body(op("Add", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", UUID)),
    patch_body(op("Replace", 'phoneNumbers[type eq "mobile"].value', "+1 555 0100")),
    # Okta
    patch_body(op("replace", value={"active": False})),
    patch_body(op("replace", value={"id": UUID, "displayName": "Renamed"})),
    patch_body(op("add", "members", [{"value": UUID, "display": "dev@example.com"}])),
    # others
    patch_body(op("replace", "name", {"givenName": "Barbara", "familyName": "Jensen"})),
    patch_body(op("replace", ENTERPRISE, {"department": "Tour Operations", "manager": {"value": UUID}})),
    patch_body(op("remove", ENTERPRISE)),
    patch_body(op("add", "emails", {"value": "single@example.com", "type": "other", "primary": True})),
    patch_body(op("remove", "meta.created")),
    patch_body(op("add", "roles", [{"value": "admin", "primary": "True"}])),
]

# Request bodies of RFC 7643 §8 and of identity providers (Okta creates with password and
# groups: []; OneLogin still names the SCIM 1.1 schema).
RFC_BODIES = [
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen@example.com"},
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
     "userName": "bjensen@example.com", "externalId": "bjensen", "name": {"formatted": "Ms. Barbara J Jensen III",
     "familyName": "Jensen", "givenName": "Barbara"}, "emails": [{"value": "bjensen@example.com", "type": "work",
     "primary": True}], "phoneNumbers": [{"value": "555-555-8377", "type": "work"}], "active": True,
     "meta": {"resourceType": "User"}, "id": UUID,
     ENTERPRISE: {"employeeNumber": "701984", "manager": {"value": UUID}}},
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "okta.user@example.com",
     "name": {"givenName": "Okta", "familyName": "User"}, "emails": [{"primary": True, "value":
     "okta.user@example.com", "type": "work"}], "displayName": "Okta User", "locale": "en-US",
     "externalId": "00u1dhhb1fkIGP7RL1d8", "groups": [], "password": "1mz050nq", "active": True},
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:scim:schemas:core:1.0"],
     "userName": "onelogin@example.com"},
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Tour Guides", "members": []},
    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Entra Group",
     "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "members": [{"value": UUID}]},
    {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": 'userName sw "J"',
     "startIndex": 1, "count": 10, "attributes": ["userName"]},
]

CURSOR_SEP = "\x1f"
# flags (bit 0 forward, bit 1 sort key), alteration offset, sort key, id, fingerprint, key, token
CURSORS = [
    ["\x03\x05", "bjensen@example.com", UUID, "d1|User|userName sw \"b\"|userName", "k" * 32,
     "eyJ2IjoxfQ.AAAA"],
    ["\x00\x40", "", UUID, "d1|Group||", "0123456789abcdef", ""],
    ["\x01\xff", "2024-01-31T12:00:00Z", "902c246b-6245-4190-8e05-00816be7344a", "d2|User||meta.created",
     "key", "not a cursor"],
    ["\x03\x00", "caf\u00e9 \U0001F600 \"quoted\" \\", UUID, "fingerprint", "secret", "."],
    ["\x03\x05", "\u20ac" * 600, UUID, "d1|User||displayName", "key", ""],
]

CSV_RECORD = "\x1e"
CSV_FIELD = "\x1f"
CSV_VALUE = "\x1d"
CSVS = [
    [["userName", "displayName", "active", "created"],
     ["bjensen@example.com", "Babs Jensen", CSV_VALUE + "Yes", CSV_VALUE + "2024-01-31T12:00:00Z"]],
    [["=HYPERLINK(\"http://evil.example\",\"click\")", "+1 555", "-2", "@SUM(A1)", "\tx", "\rx"],
     [CSV_VALUE + "-2", CSV_VALUE + "=not defused"]],
    [["a,b", "say \"hi\"", "line\r\nbreak", "lf\nonly", "", "caf\u00e9"]],
    [[""], ["", ""], ["\"", "\"\"", ","]],
]

# Raw requests: what the session reads, including the malformed and the smuggling shapes.
HTTP_REQUESTS = [
    "GET /scim/v2/Users?filter=userName%20eq%20%22bjensen%22&startIndex=1&count=100 HTTP/1.1\r\n"
    "Host: scim.example.com\r\nAuthorization: Bearer t0ken\r\nAccept: application/scim+json\r\n\r\n",
    "POST /scim/v2/Users HTTP/1.1\r\nHost: scim.example.com\r\nContent-Type: application/scim+json\r\n"
    "Content-Length: 83\r\n\r\n"
    '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen@x.com"}',
    "PATCH /scim/v2/Groups/" + UUID + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n",
    "POST /scim/v2/Users HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
    "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    "GET /hello HTTP/1.0\r\n\r\n",
    "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /again HTTP/1.0\r\n\r\n",
    # CL.TE and TE.CL
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nSMUGGLED",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello",
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
    "GET / HTTP/1.1\r\nHost: a\r\nX-Folded: a\r\n b\r\n\r\n",
    "GET /%zz?x=%G1 HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET /" + "a" * 600 + " HTTP/1.1\r\nHost: a\r\n\r\n",
    "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000\r\n\r\n" + "b" * 2000,
    "NOT HTTP AT ALL\r\n\r\n",
    # Host (RFC 9112 §3.2): reflected in links unless refused
    "GET / HTTP/1.1\r\nHost: evil.example\"/<x>\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    "GET / HTTP/1.1\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: user@host:99999\r\n\r\n",
]


# RFC 7644 §3.7.1-§3.7.3: the BulkRequest examples, and the shapes POST /Bulk must refuse.
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
RFC_BULKS = [
    {"schemas": [BULK], "failOnErrors": 1, "Operations": [
        {"method": "POST", "path": "/Users", "bulkId": "qwerty",
         "data": {"schemas": [USER], "userName": "Alice"}},
        {"method": "PUT", "path": "/Users/b7c14771-226c-4d05-8860-134711653041", "version": "W/\"3694e05e9dff591\"",
         "data": {"schemas": [USER], "id": "b7c14771-226c-4d05-8860-134711653041", "userName": "Bob"}},
        {"method": "PATCH", "path": "/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc", "version": "W/\"edac3253e2c0ef2\"",
         "data": {"schemas": [PATCH_OP], "Operations": [{"op": "remove", "path": "nickName"},
                                                         {"op": "replace", "path": "userName", "value": "Dave"}]}},
        {"method": "DELETE", "path": "/Users/e9025315-6bea-44e1-899c-1e07454e468b", "version": "W/\"0ee8add0a938e1a\""}]},
    {"schemas": [BULK], "Operations": [
        {"method": "POST", "path": "/Users", "bulkId": "qwerty", "data": {"schemas": [USER], "userName": "Alice"}},
        {"method": "POST", "path": "/Groups", "bulkId": "ytrewq",
         "data": {"schemas": [GROUP], "displayName": "Tour Guides", "members": [{"type": "User", "value": "bulkId:qwerty"}]}}]},
    {"schemas": [BULK], "Operations": [
        {"method": "POST", "path": "/Groups", "bulkId": "qwerty",
         "data": {"schemas": [GROUP], "displayName": "Group A", "members": [{"type": "Group", "value": "bulkId:ytrewq"}]}},
        {"method": "POST", "path": "/Groups", "bulkId": "ytrewq",
         "data": {"schemas": [GROUP], "displayName": "Group B", "members": [{"type": "Group", "value": "bulkId:qwerty"}]}}]},
    {"schemas": [BULK], "Operations": [
        {"method": "POST", "path": "/Users", "bulkId": "a",
         "data": {"schemas": [USER, ENTERPRISE], "userName": "a", ENTERPRISE: {"manager": {"value": "bulkId:b"}}}},
        {"method": "POST", "path": "/Users", "bulkId": "b", "data": {"schemas": [USER], "userName": "b"}},
        {"method": "DELETE", "path": "/Users/bulkId:b"},
        {"method": "GET", "path": "/Users/x"}, {"method": "POST", "path": "/Users", "data": []},
        {"method": "POST", "path": "/Groups", "bulkId": "self",
         "data": {"schemas": [GROUP], "displayName": "s", "members": [{"value": "bulkId:self"}]}}]},
]


def fill(text):
    """The conformance cases' ${…} placeholders replaced by plausible values."""

    def value(match):
        name = match.group(1)
        return PLACEHOLDERS.get(name, UUID if name.endswith("id") else "W/\"1\"" if "etag" in name else "x")

    return re.sub(r"\$\{([A-Za-z0-9_]+)\}", value, text)


def conformance_steps():
    for case_file in sorted((ROOT / "conformance" / "cases").glob("*.json")):
        area = json.loads(case_file.read_text())
        for case in area["cases"]:
            for step in case.get("steps", []):
                yield case_file.stem, case["id"], step


def query_of(path):
    if "?" not in path:
        return []
    pairs = []
    for piece in path.split("?", 1)[1].split("&"):
        name, _, value = piece.partition("=")
        pairs.append((name, urllib.parse.unquote(value)))
    return pairs


def raw_request(step):
    body = json.dumps(step["body"]) if "body" in step else step.get("body_text")
    path = "/scim/v2" + fill(step["path"]).replace(" ", "%20").replace('"', "%22")
    lines = [f"{step['method']} {path} HTTP/1.1", "Host: localhost:8443", "Authorization: Bearer t0ken"]
    if body is not None:
        body = fill(body)
        lines += ["Content-Type: application/scim+json", f"Content-Length: {len(body.encode())}"]
    return "\r\n".join(lines) + "\r\n\r\n" + (body or "")


def write(target, seeds):
    folder = CORPUS / target
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    seen = set()
    for name, content in seeds:
        data = content.encode() if isinstance(content, str) else content
        if data in seen:
            continue
        seen.add(data)
        (folder / name).write_bytes(data)
    print(f"{target}: {len(seen)} seeds")


def numbered(source, items):
    return [(f"{source}-{i:03d}", item) for i, item in enumerate(items, 1)]


def main():
    steps = list(conformance_steps())
    filters, paths, bodies, patches, bulks = [], [], [], [], []
    for area, case, step in steps:
        for name, value in query_of(step["path"]):
            if name.lower() == "filter":
                filters.append(fill(value))
            elif name.lower() in ("sortby", "attributes", "excludedattributes"):
                paths.append(fill(value))
        body = step.get("body")
        if isinstance(body, dict):
            text = fill(json.dumps(body))
            (patches if step["method"] == "PATCH" else bodies).append(text)
            if step["path"].startswith("/Bulk"):
                bulks.append(text)
            if isinstance(body.get("filter"), str):
                filters.append(fill(body["filter"]))
            for operation in body.get("Operations", []) if isinstance(body.get("Operations"), list) else []:
                if isinstance(operation, dict) and isinstance(operation.get("path"), str):
                    paths.append(fill(operation["path"]))
        elif "body_text" in step:
            bodies.append(fill(step["body_text"]))

    write("filter", numbered("rfc7644", RFC_FILTERS) + numbered("conformance", filters)
          + numbered("shapes", [deepest_precedence()]))
    write("attribute_path", numbered("rfc7644", RFC_PATHS) + numbered("conformance", paths))
    write("patch", numbered("rfc7644", [json.dumps(p) for p in RFC_PATCHES]) + numbered("conformance", patches))
    rfc_bodies = [json.dumps(b) for b in RFC_BODIES]
    write("validation", numbered("rfc7643", rfc_bodies) + numbered("conformance", bodies))
    write("json_body", numbered("rfc7643", rfc_bodies) + numbered("conformance", bodies + patches)
          + numbered("syntax", ['{"a":1e400,"b":-0.0,"c":18446744073709551615,"d":"\\ud83d\\ude00"}',
                                '{"a":18446744073709551555555555555555555555555555555555555555555555555555615}',
                                '{"a":{"a":{"a":[[[[[]]]]]}}}', '{"k":1,"k":2}', '{"K":1,"k":2}', "[]", "{} {}"]))
    write("bulk_plan", numbered("rfc7644", [json.dumps(b) for b in RFC_BULKS]) + numbered("conformance", bulks))
    write("cursor", numbered("shapes", [CURSOR_SEP.join(c) for c in CURSORS]))
    write("csv", numbered("shapes", [CSV_RECORD.join(CSV_FIELD.join(r) for r in rows) for rows in CSVS]))
    # First byte: the piece size and the limits (http_request_fuzz.cpp).
    http = [bytes([0x0F]) + r.encode() for r in HTTP_REQUESTS] + [bytes([0x80]) + r.encode() for r in HTTP_REQUESTS]
    conformance_http = [bytes([0x3F]) + raw_request(s).encode() for _, _, s in steps]
    write("http_request", numbered("shapes", http) + numbered("conformance", conformance_http))


if __name__ == "__main__":
    main()
