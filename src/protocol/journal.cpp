#include "scim/protocol/journal.hpp"

#include <charconv>

#include <boost/json/array.hpp>

#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/date_time.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

bool is_secret(attribute const& a) { return a.mutability == mutability::write_only || a.returned == returned::never; }

// The schema a key or path starts with ("urn:…:User:password" → the User schema and
// "password"), else the core schema and the whole text.
std::pair<schema const*, std::string_view> split_urn(schema_registry const& registry, resource_type const& type,
                                                     std::string_view path) {
    auto const* core_schema = registry.find_schema(type.schema);
    std::vector<std::string_view> urns{type.schema};
    for (auto const& e : type.extensions) urns.emplace_back(e.schema);
    for (auto const urn : urns) {
        if (path.size() > urn.size() && path[urn.size()] == ':' && core::iequals(path.substr(0, urn.size()), urn)) {
            return {registry.find_schema(urn), path.substr(urn.size() + 1)};
        }
    }
    return {core_schema, path};
}

// Whether a path ("password", "urn:…:User:password", "name.givenName", "emails[…].value")
// starts at a secret attribute.
bool names_secret(schema_registry const& registry, resource_type const& type, std::string_view path) {
    auto const [owner, rest] = split_urn(registry, type, path);
    auto const name = rest.substr(0, rest.find_first_of(".["));
    auto const* a = owner ? owner->find_attribute(name) : nullptr;
    return a && is_secret(*a);
}

json::object redact_members(schema_registry const& registry, resource_type const& type, schema const* extension,
                            json::object members) {
    for (auto& member : members) {
        auto const key = std::string_view(member.key());
        auto const* named = extension ? nullptr : registry.find_schema(key);
        if (named && member.value().is_object()) {
            member.value() = redact_members(registry, type, named, std::move(member.value().as_object()));
            continue;
        }
        auto const* a = extension ? extension->find_attribute(key) : nullptr;
        if ((a && is_secret(*a)) || (!extension && names_secret(registry, type, key))) {
            member.value() = journal_redacted;
        }
    }
    return members;
}

json::value redacted_or_null(json::value const* v) { return v ? json::value(journal_redacted) : json::value(nullptr); }

void diff_members(json::object& out, std::string const& prefix, schema const* owner, json::object const& before,
                  json::object const& after, schema_registry const& registry);

// One path's change: objects member by member, anything else as a whole. `a` is the
// attribute at the path when it is a schema's own (secrets are top-level attributes).
void diff_value(json::object& out, std::string const& path, attribute const* a, json::value const* before,
                json::value const* after, schema_registry const& registry) {
    if (before && after && *before == *after) return;
    if (a && is_secret(*a)) {
        out[path] = json::object{{"before", redacted_or_null(before)}, {"after", redacted_or_null(after)}};
        return;
    }
    bool const nested = (!before || before->is_object()) && (!after || after->is_object());
    if (nested) {
        // An extension's members are named after its URN with ":"; a complex attribute's with ".".
        auto const* extension = registry.find_schema(path);
        json::object const empty;
        diff_members(out, extension ? path + ":" : path + ".", extension, before ? before->as_object() : empty,
                     after ? after->as_object() : empty, registry);
        return;
    }
    out[path] = json::object{{"before", before ? *before : json::value(nullptr)},
                             {"after", after ? *after : json::value(nullptr)}};
}

void diff_members(json::object& out, std::string const& prefix, schema const* owner, json::object const& before,
                  json::object const& after, schema_registry const& registry) {
    auto const attribute_of = [&](std::string_view key) { return owner ? owner->find_attribute(key) : nullptr; };
    for (auto const& member : before) {
        auto const key = std::string_view(member.key());
        diff_value(out, prefix + std::string(key), attribute_of(key), &member.value(), after.if_contains(key),
                   registry);
    }
    for (auto const& member : after) {
        auto const key = std::string_view(member.key());
        if (!before.contains(key)) {
            diff_value(out, prefix + std::string(key), attribute_of(key), nullptr, &member.value(), registry);
        }
    }
}

json::object tally_json(member_tally const& tally) {
    json::array ids;
    for (auto const& id : tally.ids) ids.emplace_back(id);
    return {{"count", tally.count},
            {"ids", std::move(ids)},
            {"truncated", tally.count > static_cast<std::int64_t>(tally.ids.size())}};
}

[[noreturn]] void bad_cursor() {
    throw core::error(core::error_type::invalid_value, "cursor is not one this journal gave out");
}

}  // namespace

json::object redact_resource(schema_registry const& registry, resource_type const& type, json::object body) {
    return redact_members(registry, type, nullptr, std::move(body));
}

json::object redact_patch(schema_registry const& registry, resource_type const& type, json::object patch_op) {
    auto* operations = patch_op.if_contains("Operations");
    if (!operations || !operations->is_array()) return patch_op;
    for (auto& operation : operations->as_array()) {
        if (!operation.is_object()) continue;
        auto& o = operation.as_object();
        auto* value = o.if_contains("value");
        if (!value) continue;
        auto const* path = o.if_contains("path");
        if (path && path->is_string()) {
            if (names_secret(registry, type, path->as_string())) *value = journal_redacted;
        } else if (value->is_object()) {
            *value = redact_resource(registry, type, std::move(value->as_object()));
        }
    }
    return patch_op;
}

json::object applied_patch(schema_registry const& registry, resource_type const& type, json::object const& patch_op,
                           std::vector<std::string> const& normalizations) {
    auto redacted = redact_patch(registry, type, patch_op);
    json::array operations;
    if (auto* given = redacted.if_contains("Operations"); given && given->is_array())
        operations = std::move(given->as_array());
    for (auto& operation : operations) {
        auto* op = operation.is_object() ? operation.as_object().if_contains("op") : nullptr;
        if (op && op->is_string()) *op = core::to_lower_ascii(op->as_string());
    }
    json::array rules;
    for (auto const& rule : normalizations) rules.emplace_back(rule);
    return {{"Operations", std::move(operations)}, {"normalizations", std::move(rules)}};
}

json::object attribute_diff(schema_registry const& registry, resource_type const& type, json::object const& before,
                            json::object const& after) {
    json::object out;
    diff_members(out, "", registry.find_schema(type.schema), before, after, registry);
    return out;
}

void member_tally::record(std::int64_t n, std::vector<std::string> const& some_ids) {
    count += n;
    for (auto const& id : some_ids) {
        if (ids.size() == journal_listed_ids) break;
        ids.push_back(id);
    }
}

json::object member_diff(member_delta const& delta) {
    json::object out;
    if (delta.added.count > 0) out["added"] = tally_json(delta.added);
    if (delta.removed.count > 0) out["removed"] = tally_json(delta.removed);
    return out;
}

json::object listed_members(std::vector<std::string> const& ids) {
    member_tally tally;
    tally.record(static_cast<std::int64_t>(ids.size()), ids);
    return tally_json(tally);
}

json::object unparsed_request(std::size_t bytes, std::string_view error) {
    return {{"unparsed", true}, {"bytes", bytes}, {"error", error}};
}

std::string encode_journal_cursor(journal_position const& position) {
    return core::base64url_encode("j1|" + position.time + "|" + std::to_string(position.id));
}

journal_position decode_journal_cursor(std::string_view cursor) {
    auto const text = core::base64url_decode(cursor);
    if (!text || !text->starts_with("j1|")) bad_cursor();
    auto const rest = std::string_view(*text).substr(3);
    auto const bar = rest.find('|');
    if (bar == std::string_view::npos) bad_cursor();
    journal_position p{std::string(rest.substr(0, bar)), 0};
    auto const digits = rest.substr(bar + 1);
    auto const [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p.id);
    if (ec != std::errc() || end != digits.data() + digits.size() || p.id <= 0 || !is_rfc3339_date_time(p.time)) {
        bad_cursor();
    }
    return p;
}

}  // namespace scim::protocol
