#pragma once
// Which text rule (core/text_rules.hpp) each string of the built-in schemas meets: its
// length in UTF-8 bytes (core::text_limits) and whether it may hold line breaks.

#include <string_view>

#include "scim/core/text_rules.hpp"

namespace scim::protocol {

// `attribute_path` as validation names it: "userName", "name.givenName", "emails.type", or an
// extension attribute after its URN ("urn:…:enterprise:2.0:User:manager.value").
core::text_rule text_rule_of(std::string_view attribute_path);

}  // namespace scim::protocol
