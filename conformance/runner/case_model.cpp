#include "case_model.hpp"

#include <set>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace scim::conformance {
namespace {

namespace json = boost::json;

[[noreturn]] void fail(std::string const& where, std::string const& why) {
    throw case_format_error(where + ": " + why);
}

// Members other than `known` are typos that would silently turn a check off.
void only_known(json::object const& o, std::set<std::string> const& known, std::string const& where) {
    for (auto const& [key, value] : o) {
        if (!known.contains(std::string(key))) fail(where, "unknown field \"" + std::string(key) + "\"");
    }
}

json::object const& object_of(json::value const& v, std::string const& where) {
    if (!v.is_object()) fail(where, "expected an object");
    return v.get_object();
}

std::string text(json::object const& o, char const* key, std::string const& where, bool required = true) {
    auto const* v = o.if_contains(key);
    if (!v) {
        if (required) fail(where, std::string("missing \"") + key + "\"");
        return {};
    }
    if (!v->is_string()) fail(where, std::string("\"") + key + "\" must be a string");
    return std::string(v->get_string());
}

std::vector<std::string> texts(json::object const& o, char const* key, std::string const& where) {
    std::vector<std::string> out;
    auto const* v = o.if_contains(key);
    if (!v) return out;
    if (!v->is_array()) fail(where, std::string("\"") + key + "\" must be an array of strings");
    for (auto const& e : v->get_array()) {
        if (!e.is_string()) fail(where, std::string("\"") + key + "\" must be an array of strings");
        out.emplace_back(e.get_string());
    }
    return out;
}

std::vector<int> statuses(json::value const& v, std::string const& where) {
    std::vector<int> out;
    auto add = [&](json::value const& s) {
        if (!s.is_int64()) fail(where, "\"status\" must be a number or an array of numbers");
        out.push_back(static_cast<int>(s.get_int64()));
    };
    if (v.is_array()) {
        for (auto const& s : v.get_array()) add(s);
    } else {
        add(v);
    }
    return out;
}

std::vector<header_expectation> header_expectations(json::value const& v, std::string const& where) {
    std::vector<header_expectation> out;
    for (auto const& [name, rule] : object_of(v, where + " headers")) {
        header_expectation e;
        e.name = std::string(name);
        if (rule.is_bool()) {
            e.present = rule.get_bool();
        } else if (rule.is_string()) {
            e.pattern = std::string(rule.get_string());
        } else {
            fail(where, "header \"" + e.name + "\" must be true, false or a regex string");
        }
        out.push_back(std::move(e));
    }
    return out;
}

json_expectation json_check(json::value const& v, std::string const& where) {
    using check = json_expectation::check;
    static std::vector<std::pair<char const*, check>> const kinds{
        {"equals", check::equals},     {"equalsIfPresent", check::equals_if_present},
        {"exists", check::exists},     {"absent", check::absent},
        {"contains", check::contains}, {"matches", check::matches},
        {"length", check::length},     {"type", check::type}};
    auto const& o = object_of(v, where);
    json_expectation e;
    e.path = text(o, "path", where);
    int found = 0;
    for (auto const& [key, kind] : kinds) {
        auto const* value = o.if_contains(key);
        if (!value) continue;
        ++found;
        e.kind = kind;
        e.expected = *value;
    }
    if (found != 1 || o.size() != 2) {
        fail(where,
             "a json check is {\"path\": ..., and one of "
             "equals/equalsIfPresent/exists/absent/contains/matches/length/type}, not " +
                 json::serialize(v));
    }
    if ((e.kind == check::exists || e.kind == check::absent) && e.expected != json::value(true)) {
        fail(where, "exists and absent take true");
    }
    if (e.kind == check::matches && !e.expected.is_string()) fail(where, "matches takes a regex string");
    if (e.kind == check::length && !e.expected.is_int64()) fail(where, "length takes a number");
    static std::set<std::string> const types{"string", "integer", "number", "boolean", "object", "array"};
    if (e.kind == check::type && !(e.expected.is_string() && types.contains(std::string(e.expected.get_string())))) {
        fail(where, "type takes string, integer, number, boolean, object or array");
    }
    return e;
}

repeat_rule repeat_of(json::value const& v, std::string const& where) {
    auto const& o = object_of(v, where + " repeat");
    only_known(o, {"untilStatus", "atMost"}, where + " repeat");
    auto const* until = o.if_contains("untilStatus");
    auto const* at_most = o.if_contains("atMost");
    if (!until || !until->is_int64() || until->as_int64() < 100 || until->as_int64() > 599) {
        fail(where, "repeat.untilStatus is an HTTP status");
    }
    repeat_rule r{static_cast<int>(until->as_int64()), ""};
    if (at_most && at_most->is_int64() && at_most->as_int64() >= 1) {
        r.at_most = std::to_string(at_most->as_int64());
    } else if (at_most && at_most->is_string()) {
        r.at_most = std::string(at_most->get_string());
    } else {
        fail(where, "repeat.atMost is a number above 0 or a \"${variable}\" holding one");
    }
    return r;
}

// {"claim": "bulk.maxOperations", "plus": 1}
claimed_size claimed(json::value const& v, std::string const& where) {
    auto const& o = object_of(v, where);
    only_known(o, {"claim", "plus"}, where);
    claimed_size size;
    size.claim = text(o, "claim", where);
    if (auto const* plus = o.if_contains("plus")) {
        if (!plus->is_int64()) fail(where, "plus is a whole number");
        size.plus = plus->get_int64();
    }
    return size;
}

// {"into": "Operations", "count": {"claim": …}, "item": {…}}
array_fill fill_of(json::value const& v, std::string const& where) {
    auto const& o = object_of(v, where);
    only_known(o, {"into", "count", "item"}, where);
    array_fill r;
    r.into = text(o, "into", where);
    auto const* count = o.if_contains("count");
    if (!count) fail(where, "missing \"count\"");
    r.count = claimed(*count, where + " count");
    auto const* item = o.if_contains("item");
    if (!item) fail(where, "missing \"item\"");
    r.item = *item;
    return r;
}

step parse_step(json::value const& v, std::string const& where) {
    auto const& o = object_of(v, where);
    only_known(o,
               {"title", "method", "path", "headers", "body", "body_text", "fillArray", "padTo", "auth", "expect",
                "capture", "repeat"},
               where);
    step s;
    s.title = text(o, "title", where, false);
    s.method = text(o, "method", where);
    s.path = text(o, "path", where);
    if (auto const* h = o.if_contains("headers")) {
        for (auto const& [name, value] : object_of(*h, where + " headers")) {
            if (!value.is_string()) fail(where, "request header values are strings");
            s.headers.emplace_back(std::string(name), std::string(value.get_string()));
        }
    }
    if (auto const* b = o.if_contains("body")) s.body = *b;
    if (o.contains("body_text")) s.body_text = text(o, "body_text", where);
    if (s.body && s.body_text) fail(where, "body and body_text exclude each other");
    if (auto const* f = o.if_contains("fillArray")) s.fill = fill_of(*f, where + " fillArray");
    if (auto const* p = o.if_contains("padTo")) s.pad_to = claimed(*p, where + " padTo");
    if ((s.fill || s.pad_to) && !(s.body && s.body->is_object()))
        fail(where, "fillArray and padTo build on a body that is a JSON object");
    auto auth = text(o, "auth", where, false);
    if (auth == "none") {
        s.auth = authentication::none;
    } else if (auth == "invalid") {
        s.auth = authentication::invalid;
    } else if (!auth.empty() && auth != "token") {
        fail(where, "auth is token, none or invalid");
    }
    if (auto const* e = o.if_contains("expect")) {
        auto const& expect = object_of(*e, where + " expect");
        only_known(expect, {"status", "headers", "json"}, where + " expect");
        if (auto const* st = expect.if_contains("status")) s.statuses = statuses(*st, where);
        if (auto const* h = expect.if_contains("headers")) s.expect_headers = header_expectations(*h, where);
        if (auto const* j = expect.if_contains("json")) {
            if (!j->is_array()) fail(where, "expect.json is an array of checks");
            for (auto const& check : j->get_array()) s.expect_json.push_back(json_check(check, where));
        }
    }
    if (auto const* c = o.if_contains("capture")) {
        for (auto const& [name, from] : object_of(*c, where + " capture")) {
            if (!from.is_string()) fail(where, "a capture is \"$.path\" or \"header:Name\"");
            s.captures.emplace_back(std::string(name), std::string(from.get_string()));
        }
    }
    if (auto const* r = o.if_contains("repeat")) s.repeat = repeat_of(*r, where);
    return s;
}

std::vector<step> steps(json::object const& o, char const* key, std::string const& where, bool required) {
    std::vector<step> out;
    auto const* v = o.if_contains(key);
    if (!v) {
        if (required) fail(where, std::string("missing \"") + key + "\"");
        return out;
    }
    if (!v->is_array()) fail(where, std::string("\"") + key + "\" is an array of requests");
    auto const& array = v->get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
        out.push_back(parse_step(array[i], where + " " + key + "[" + std::to_string(i) + "]"));
    }
    return out;
}

test_case parse_case(json::value const& v, std::string const& where) {
    auto const& o = object_of(v, where);
    only_known(o, {"id", "title", "cite", "requires", "steps", "cleanup"}, where);
    test_case c;
    c.id = text(o, "id", where);
    auto here = where + " (" + c.id + ")";
    c.title = text(o, "title", here);
    c.cite = text(o, "cite", here);
    c.required_features = texts(o, "requires", here);
    c.steps = steps(o, "steps", here, true);
    c.cleanup = steps(o, "cleanup", here, false);
    return c;
}

}  // namespace

area parse_area(json::value const& document) {
    auto const& o = object_of(document, "area file");
    only_known(o, {"area", "description", "requires", "cases"}, "area file");
    area a;
    a.name = text(o, "area", "area file");
    a.description = text(o, "description", a.name, false);
    a.required_features = texts(o, "requires", a.name);
    auto const* cases = o.if_contains("cases");
    if (!cases || !cases->is_array()) fail(a.name, "\"cases\" is an array");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < cases->get_array().size(); ++i) {
        auto c = parse_case(cases->get_array()[i], a.name + " cases[" + std::to_string(i) + "]");
        if (!ids.insert(c.id).second) fail(a.name, "two cases have the id " + c.id);
        a.cases.push_back(std::move(c));
    }
    return a;
}

}  // namespace scim::conformance
