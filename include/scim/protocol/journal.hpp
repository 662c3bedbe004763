#pragma once
// What the provisioning journal (DOMAIN.md "journal entry", docs/journal.md) records of a
// SCIM write, computed without a database: the request with its secrets redacted, what the
// write changed per attribute path, member changes bounded whatever the group's size, and the
// journal's paging cursor and time filters.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {

// What a redacted value reads as.
inline constexpr std::string_view journal_redacted = "[redacted]";

// How many member ids a journal entry lists for each of "added" and "removed"; beyond that
// it gives the count only, so that replacing 100,000 members writes a small entry.
inline constexpr std::size_t journal_listed_ids = 100;

// A resource body (POST, PUT) with the value of every attribute that is writeOnly or never
// returned (RFC 7643 §7; the User's password, §4.1.1) replaced by journal_redacted, at the
// top level, under an extension URN, or named with the URN ("urn:…:User:password").
boost::json::object redact_resource(schema_registry const& registry, resource_type const& type,
                                    boost::json::object body);

// A PatchOp body (RFC 7644 §3.5.2) with the same attributes redacted: the value of an
// operation whose path names one, and such keys of a path-less value.
boost::json::object redact_patch(schema_registry const& registry, resource_type const& type,
                                 boost::json::object patch_op);

// A PATCH as scimd applied it, for the journal's normalized form: {"Operations": the
// operations, redacted, with "op" in lower case; "normalizations": the tolerance rules the
// PATCH engine applied (patch_result::normalizations)}.
boost::json::object applied_patch(schema_registry const& registry, resource_type const& type,
                                  boost::json::object const& patch_op, std::vector<std::string> const& normalizations);

// What a write changed in a stored resource (validation.hpp's form): one member per attribute
// path whose value differs, {"before": v, "after": v} with null for an absent value. Objects
// (complex single-valued attributes, extensions) are compared member by member, with paths as
// RFC 7644 §3.10 spells them ("name.givenName", "urn:…:enterprise:2.0:User:department");
// multi-valued attributes as a whole. Redacted attributes show journal_redacted.
boost::json::object attribute_diff(schema_registry const& registry, resource_type const& type,
                                   boost::json::object const& before, boost::json::object const& after);

// Members a write added or removed: how many, and the first journal_listed_ids of their ids.
struct member_tally {
    std::int64_t count = 0;
    std::vector<std::string> ids;

    // Counts `n` more members, listing those of `some_ids` that still fit.
    void record(std::int64_t n, std::vector<std::string> const& some_ids);
};

struct member_delta {
    member_tally added;
    member_tally removed;
};

// {"added": {"count", "ids", "truncated"}, "removed": {…}} for the journal's "members" path;
// empty when nothing changed.
boost::json::object member_diff(member_delta const& delta);

// A list of member ids as the journal keeps it: {"count", "ids" (the first
// journal_listed_ids), "truncated"}.
boost::json::object listed_members(std::vector<std::string> const& ids);

// What the journal keeps of a body that is not JSON: never its bytes, only their number and
// why they were refused.
boost::json::object unparsed_request(std::size_t bytes, std::string_view error);

// A place in the journal, newest first: the entry's time (RFC 3339 with microseconds, UTC)
// and id.
struct journal_position {
    std::string time;
    std::int64_t id = 0;
};

// An opaque cursor for the entries after `position`, and back. decode throws
// core::error(invalid_value) for anything encode did not produce.
std::string encode_journal_cursor(journal_position const& position);
journal_position decode_journal_cursor(std::string_view cursor);

}  // namespace scim::protocol
