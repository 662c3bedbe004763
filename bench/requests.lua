-- wrk script of the benchmarks in bench/ (run through bench_wrk in bench/lib.sh):
--
--   wrk ... -s bench/requests.lua https://HOST:PORT/ -- TOKEN PATH [OPTION | NAME=VALUE]...
--
-- TOKEN   bearer token sent with every request; "" sends none (/healthz).
-- PATH    the request path, sent as given apart from its placeholders.
-- NAME=VALUE
--         a query parameter, appended in the order given; name and value are percent-encoded
--         (everything but A-Z a-z 0-9 - . _ ~), after the placeholders are filled in.
-- Options:
--   --ids=FILE    ids, one a line, for {id}
--   --depts=FILE  values, one a line, for {dept}
--   --n=N         the number of seeded users, for {i} and {k}
--
-- Placeholders, drawn again for every request:
--   {id}     a random line of the --ids file
--   {i}      a random integer in 1..N
--   {k}      a random integer two digits shorter than N (10^(d-3) .. 10^(d-2)-1 for a d-digit
--            N, 1..9 below 100): "{k}@" in "user<i>@example.com" then matches the users whose
--            number ends in k, 10 of them when N is a power of ten (user{k}, user1{k} …
--            user9{k}), up to 100 otherwise
--   {start}  a random integer in 1..min(1000, N)
--   {dept}   a random line of the --depts file
--
-- done() prints one line for the caller to parse (latency percentiles in milliseconds),
--   RESULT rps=… p50_ms=… p99_ms=… requests=… non2xx=… socket_errors=…
-- where non2xx is wrk's count of responses with a status of 400 or more, and one path the
-- first thread generated, to replay with curl:
--   SAMPLE /scim/directory/…

local threads = {}

-- Runs in the main Lua state once per thread; `seed` becomes a global of that thread's state.
function setup(thread)
    threads[#threads + 1] = thread
    thread:set("seed", #threads)
end

local function encode(s)
    return (s:gsub("[^A-Za-z0-9%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function read_lines(file)
    local lines = {}
    for line in io.lines(file) do
        if line ~= "" then lines[#lines + 1] = line end
    end
    if #lines == 0 then error("no lines in " .. file) end
    return lines
end

local ids, depts = nil, nil
local n = nil
local k_low, k_high = nil, nil
local parts = {}   -- strings and functions; the request path is their concatenation

local placeholders = {
    id = function()
        if not ids then error("{id} needs --ids=FILE") end
        return function() return ids[math.random(#ids)] end
    end,
    dept = function()
        if not depts then error("{dept} needs --depts=FILE") end
        return function() return depts[math.random(#depts)] end
    end,
    i = function()
        if not n then error("{i} needs --n=N") end
        return function() return tostring(math.random(n)) end
    end,
    k = function()
        if not n then error("{k} needs --n=N") end
        return function() return tostring(math.random(k_low, k_high)) end
    end,
    start = function()
        if not n then error("{start} needs --n=N") end
        local last = math.min(1000, n)
        return function() return tostring(math.random(last)) end
    end,
}

-- Appends `template` to parts: literal text (percent-encoded when `escape`) and placeholders.
-- Placeholder values are digits, ids and pre-encoded departments: nothing left to encode.
local function compile(template, escape)
    local pos = 1
    while true do
        local from, to, name = template:find("{(%a+)}", pos)
        local literal = from and template:sub(pos, from - 1) or template:sub(pos)
        if literal ~= "" then parts[#parts + 1] = escape and encode(literal) or literal end
        if from == nil then return end
        local make = placeholders[name]
        if not make then error("unknown placeholder {" .. name .. "}") end
        parts[#parts + 1] = make()
        pos = to + 1
    end
end

local function make_path()
    local out = {}
    for j = 1, #parts do
        local p = parts[j]
        out[j] = type(p) == "function" and p() or p
    end
    return table.concat(out)
end

function init(args)
    math.randomseed(os.time() * 1000 + (seed or 0))
    local token = args[1]
    local path = args[2] or error("usage: -- TOKEN PATH [--ids=FILE] [--depts=FILE] [--n=N] [NAME=VALUE]...")
    local params = {}
    for j = 3, #args do
        local a = args[j]
        local option, value = a:match("^%-%-(%a+)=(.*)$")
        if option == "ids" then
            ids = read_lines(value)
        elseif option == "depts" then
            depts = read_lines(value)
            for d = 1, #depts do depts[d] = encode(depts[d]) end
        elseif option == "n" then
            n = tonumber(value) or error("--n needs a number")
        elseif option then
            error("unknown option --" .. option)
        else
            local name, v = a:match("^([^=]+)=(.*)$")
            if not name then error("not NAME=VALUE: " .. a) end
            params[#params + 1] = { name, v }
        end
    end
    if n then
        local digits = #tostring(n)
        if digits >= 3 then
            k_low = tonumber("1" .. string.rep("0", digits - 3))
            k_high = k_low * 10 - 1
        else
            k_low, k_high = 1, math.min(9, n)
        end
    end

    compile(path, false)
    for j, p in ipairs(params) do
        parts[#parts + 1] = (j == 1 and "?" or "&") .. encode(p[1]) .. "="
        compile(p[2], true)
    end
    if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
    sample = make_path()
end

function request()
    return wrk.format("GET", make_path())
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.2f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
    local s = threads[1] and threads[1]:get("sample")
    if s then io.write("SAMPLE " .. s .. "\n") end
end
