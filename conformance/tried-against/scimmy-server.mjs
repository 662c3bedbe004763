// A small in-memory SCIM 2.0 server built from SCIMMY + scimmy-routers (npm), to run
// scimd-conformance against a server that is not scimd (conformance/README.md, "Tried against").
// Base /scim/v2 on 127.0.0.1:PORT (default 28880); a bearer token, or HTTP Basic with AUTH=basic.
// Storage, uniqueness of userName and the call to SCIMMY's filter matcher are this file's;
// everything else (parsing, PATCH, projection, sorting, paging, errors) is SCIMMY's.
import express from "express";
import crypto from "node:crypto";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";

// AUTH=basic: HTTP Basic with BASIC_USER:BASIC_PASSWORD; otherwise a bearer token. PORT picks the port.
const AUTH = process.env.AUTH ?? "bearer";
const TOKEN = process.env.SCIM_TOKEN ?? "conformance-token";
const BASIC = Buffer.from(`${process.env.BASIC_USER ?? "admin"}:${process.env.BASIC_PASSWORD ?? "secret"}`).toString("base64");
const PORT = Number(process.env.PORT ?? 28880);
const stores = {User: new Map(), Group: new Map()};

function makeHandlers(kind, uniqueAttr) {
    const store = stores[kind];
    return {
        egress: async (resource) => {
            if (resource.id) {
                const found = store.get(resource.id);
                if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
                return found;
            }
            const all = [...store.values()];
            return resource.filter ? resource.filter.match(all) : all;
        },
        ingress: async (resource, instance) => {
            const value = instance[uniqueAttr];
            if (uniqueAttr === "userName") {
                for (const [id, other] of store)
                    if (id !== resource.id && String(other.userName).toLowerCase() === String(value).toLowerCase())
                        throw new SCIMMY.Types.Error(409, "uniqueness", `userName ${value} is already taken`);
            }
            const now = new Date().toISOString();
            if (resource.id) {
                const old = store.get(resource.id);
                if (!old) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
                const updated = {...JSON.parse(JSON.stringify(instance)), id: resource.id,
                                 meta: {created: old.meta.created, lastModified: now}};
                store.set(resource.id, updated);
                return updated;
            }
            const id = crypto.randomUUID();
            const created = {...JSON.parse(JSON.stringify(instance)), id, meta: {created: now, lastModified: now}};
            store.set(id, created);
            return created;
        },
        degress: async (resource) => {
            if (!store.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        },
    };
}

SCIMMY.Resources.declare(SCIMMY.Resources.User, makeHandlers("User", "userName"));
SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
SCIMMY.Resources.declare(SCIMMY.Resources.Group, makeHandlers("Group", "displayName"));
SCIMMY.Config.set({patch: true, filter: 200, sort: true, bulk: 100});

const app = express();
app.use("/scim/v2", new SCIMMYRouters({
    type: AUTH,
    docUri: "https://example.com/help/bearer.html",
    handler: (request) => {
        const expected = AUTH === "basic" ? `Basic ${BASIC}` : `Bearer ${TOKEN}`;
        if (request.header("Authorization") !== expected) throw new Error("Authorization failed");
        return "conformance-client";
    },
}));
app.listen(PORT, "127.0.0.1", () => console.log(`SCIMMY test server (${AUTH}) on http://127.0.0.1:${PORT}/scim/v2`));
