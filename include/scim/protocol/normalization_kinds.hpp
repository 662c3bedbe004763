#pragma once
// The kinds of tolerance rule scimd applies to what identity providers send (docs/patch.md
// "What identity providers send and what scimd makes of it"). A journal entry lists each rule
// it applied as one line of text naming the values involved (normalized.normalizations,
// docs/journal.md); its kind is the rule without them, so that a directory's health can say
// which rules its identity provider needs most (docs/admin-api.md "Directory health") without
// reading or showing any value.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace scim::protocol {

struct normalization_kind {
    std::string_view id;           // "op-case", "boolean-string", …; "other" for a line of no known rule
    std::string_view description;  // what the rule does, for the admin
};

// Every kind, "other" last.
std::span<normalization_kind const> normalization_kinds();

// The kind of one line of a journal entry's normalizations.
normalization_kind const& normalization_kind_of(std::string_view line);

// The kinds of an entry's normalized form (the lines of its "normalizations" member), each once,
// in the order they first appear; empty when it has none.
std::vector<std::string> normalization_kinds_of(boost::json::value const& normalized);

// The kind whose id is `id`, or "other".
normalization_kind const& normalization_kind_named(std::string_view id);

}  // namespace scim::protocol
