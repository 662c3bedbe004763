-- wrk script of bench/groups.sh: the requests identity providers send to one group.
--
--   wrk -tC -cC ... -s bench/groups.lua https://HOST:PORT/ -- TOKEN MODE GROUPS_PATH GROUP_ID FILE [THREADS]
--
-- wrk must run exactly one connection per thread (-t equal to -c): this script times each
-- request itself, from request() to response(), and that pairing, as well as the order of the
-- add and remove below, holds only when a thread has one request in flight at a time.
--
-- TOKEN        bearer token sent with every request.
-- MODE         patch   PATCH GROUPS_PATH/GROUP_ID, alternating, on each connection:
--                      {"op":"add","path":"members","value":[{"value":u}]} with u a random
--                      user of FILE, then {"op":"remove","path":"members[value eq \"u\"]"}
--                      of that same u, then a new u. Every add and every remove changes the
--                      group (the caller checks that with the group's version), and the group
--                      never holds more than THREADS users of FILE at once. Thread t of THREADS
--                      draws only from lines t, t + THREADS, … of FILE, so no two threads
--                      touch the same user. Expected answer: 204.
--              get     GET GROUPS_PATH/GROUP_ID?excludedAttributes=members. FILE unused.
--                      Expected answer: 200.
--              check   GET GROUPS_PATH?filter=id eq "GROUP_ID" and members[value eq "u"]
--                      &excludedAttributes=members (parameters percent-encoded), u a random
--                      line of FILE (members of the group). Expected answer: 200 with
--                      "totalResults":1.
-- FILE         user ids, one a line.
-- THREADS      wrk's -t (patch only).
--
-- done() prints one line per operation (add and remove for patch, one for the others), with
-- its latency percentiles in milliseconds, timed by this script:
--   RESULT op=… rps=… p50_ms=… p99_ms=… requests=… non2xx=… wrong=… socket_errors=… max_ms=…
--          run_p50_ms=… run_p99_ms=… run_max_ms=…
-- rps counts only that operation's answers (add and remove share a run: each gets about half
-- of it); non2xx counts answers outside 200..299; wrong counts 2xx answers of `check` without
-- "totalResults":1 (a membership check that finds nothing is not a measurement of one);
-- socket_errors are the whole run's (wrk's connect, read, write and timeout errors); max_ms is
-- the slowest answer. run_p50_ms, run_p99_ms and run_max_ms are wrk's own figures for the whole
-- run: its max matches this script's for get and check, but its percentiles are not the same
-- thing: wrk 4 "corrects" its histogram for coordinated omission before done() sees it (every
-- answer slower than twice the mean interval between requests of a connection adds synthetic
-- samples, as if requests had kept coming at a fixed rate), so a few stalls of a second lift its
-- p99 to hundreds of milliseconds. The p50 and p99 here are those of the answers as timed.
-- Then one request it sent, to replay with curl:
--   SAMPLE METHOD PATH [BODY]

local ffi = require("ffi")
ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } groups_bench_timespec;
    int clock_gettime(int clock, groups_bench_timespec *ts);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("groups_bench_timespec")
local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1e3 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}

-- Runs in the main Lua state once per thread; `index` becomes a global of that thread's state.
function setup(thread)
    threads[#threads + 1] = thread
    thread:set("index", #threads)
end

local function encode(s)
    return (s:gsub("[^A-Za-z0-9%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- Per thread, globals so that done() can read them with thread:get: latency_<op> (milliseconds,
-- one per answer), non2xx_<op>, wrong_<op>. Flat on purpose: wrk's thread:get copies a table of
-- numbers, but crashes on a table of tables.
for _, op in ipairs({ "add", "remove", "get", "check" }) do
    _G["latency_" .. op] = {}
    _G["non2xx_" .. op] = 0
    _G["wrong_" .. op] = 0
end
sample = nil
mode = nil     -- also read by done(), which runs in the main state where init() never ran

local users = {}
local group_path, groups_path, group_id = nil, nil, nil
local pending_op, started = nil, nil   -- the request in flight (one per thread)
local member = nil                     -- patch: the user added last, removed next

local function patch_body(op)
    local operation
    if op == "add" then
        operation = '{"op":"add","path":"members","value":[{"value":"' .. member .. '"}]}'
    else
        operation = '{"op":"remove","path":"members[value eq \\"' .. member .. '\\"]"}'
    end
    return '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' .. operation .. ']}'
end

local function check_path(user)
    return groups_path .. "?filter=" .. encode('id eq "' .. group_id .. '" and members[value eq "' .. user .. '"]')
        .. "&excludedAttributes=members"
end

function init(args)
    math.randomseed(os.time() * 1000 + (index or 0))
    local usage = "usage: -- TOKEN patch|get|check GROUPS_PATH GROUP_ID FILE [THREADS]"
    local token = args[1] or error(usage)
    mode = args[2] or error(usage)
    groups_path = args[3] or error(usage)
    group_id = args[4] or error(usage)
    group_path = groups_path .. "/" .. group_id
    if mode == "patch" or mode == "check" then
        local file = args[5] or error(usage)
        local every = mode == "patch" and (tonumber(args[6]) or error("patch needs THREADS")) or 1
        local mine = mode == "patch" and (index or 1) or 1
        local line_no = 0
        for line in io.lines(file) do
            if line ~= "" then
                line_no = line_no + 1
                if (line_no - mine) % every == 0 then users[#users + 1] = line end
            end
        end
        if #users == 0 then error("no users for thread " .. mine .. " in " .. file) end
    elseif mode ~= "get" then
        error("unknown mode " .. mode .. "; " .. usage)
    end
    wrk.headers["Authorization"] = "Bearer " .. token
    wrk.headers["Content-Type"] = "application/scim+json"
    if mode == "patch" then
        member = users[math.random(#users)]
        sample = "PATCH " .. group_path .. " " .. patch_body("add")
        member = nil
    elseif mode == "get" then
        sample = "GET " .. group_path .. "?excludedAttributes=members"
    else
        sample = "GET " .. check_path(users[math.random(#users)])
    end
end

function request()
    local req
    if mode == "patch" then
        -- A new user after each remove; the remove that follows an add names the same user.
        -- (After a socket error wrk asks again without an answer: the sequence just goes on.)
        if pending_op == "add" then
            pending_op = "remove"
        else
            pending_op = "add"
            member = users[math.random(#users)]
        end
        req = wrk.format("PATCH", group_path, nil, patch_body(pending_op))
    elseif mode == "get" then
        pending_op = "get"
        req = wrk.format("GET", group_path .. "?excludedAttributes=members")
    else
        pending_op = "check"
        req = wrk.format("GET", check_path(users[math.random(#users)]))
    end
    started = now_ms()
    return req
end

function response(status, headers, body)
    local op = pending_op
    local list = _G["latency_" .. op]
    list[#list + 1] = now_ms() - started
    if status < 200 or status > 299 then
        _G["non2xx_" .. op] = _G["non2xx_" .. op] + 1
    elseif op == "check" and not body:find('"totalResults"%s*:%s*1[^0-9]') then
        wrong_check = wrong_check + 1
    end
end

local function percentile(sorted, p)
    if #sorted == 0 then return 0 end
    return sorted[math.max(1, math.ceil(#sorted * p / 100))]
end

function done(summary, latency, requests)
    local run_mode = threads[1] and threads[1]:get("mode")
    local ops = run_mode == "patch" and { "add", "remove" } or { run_mode }
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    for _, op in ipairs(ops) do
        local all, bad, wrong_answers = {}, 0, 0
        for _, t in ipairs(threads) do
            for _, v in ipairs(t:get("latency_" .. op)) do all[#all + 1] = v end
            bad = bad + t:get("non2xx_" .. op)
            wrong_answers = wrong_answers + t:get("wrong_" .. op)
        end
        table.sort(all)
        io.write(string.format("RESULT op=%s rps=%.2f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d wrong=%d socket_errors=%d"
            .. " max_ms=%.3f run_p50_ms=%.3f run_p99_ms=%.3f run_max_ms=%.3f\n",
            op, #all / (summary.duration / 1e6), percentile(all, 50), percentile(all, 99), #all, bad, wrong_answers,
            socket_errors, percentile(all, 100), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
            latency.max / 1000))
    end
    local s = threads[1] and threads[1]:get("sample")
    if s then io.write("SAMPLE " .. s .. "\n") end
end
