#pragma once
// Text put into HTML: the verification pages and the HTML part of the mails.

#include <string>
#include <string_view>

namespace scim::core {

// `text` with &, <, >, " and ' as character references: safe in element content and in a
// quoted attribute value.
std::string html_escaped(std::string_view text);

}  // namespace scim::core
