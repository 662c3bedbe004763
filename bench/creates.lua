-- wrk script of bench/goals.sh: POST /Users, each request a user no other request sends (the
-- thread's number, a random run number and a counter in its userName and email address).
--
--   wrk ... -s bench/creates.lua URL -- TOKEN PATH
--
-- TOKEN is sent as a bearer token ("" sends none); PATH is the Users endpoint. done() prints
--   RESULT rps=… p50_ms=… p99_ms=… requests=… non2xx=… socket_errors=…

local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
    thread:set("seed", #threads)
end

local path
local run
local counter = 0

function init(args)
    math.randomseed(os.time() * 1000 + (seed or 0))
    local token = args[1] or ""
    path = args[2] or error("usage: -- TOKEN PATH")
    run = math.random(1, 1000000000)
    wrk.headers["Content-Type"] = "application/scim+json"
    if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
    counter = counter + 1
    local name = string.format("load-%d-%d-%d@example.com", seed or 0, run, counter)
    local body = string.format(
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",'
            .. '"name":{"givenName":"Load","familyName":"User %d"},'
            .. '"emails":[{"value":"%s","type":"work","primary":true}],"active":true}',
        name, counter, name)
    return wrk.format("POST", path, nil, body)
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.2f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
