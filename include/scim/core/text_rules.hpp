#pragma once
// What a string value from a client may hold (docs/errors.md "Limits"): a length in UTF-8
// bytes and the code points it must not contain. SCIM attributes and admin API fields alike
// are checked with these rules before anything reaches the database, so that no value is
// truncated (libpq passes text as C strings) or refused by PostgreSQL (NUL is not a character
// of its text type, and an index entry has a size limit).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace scim::core {

struct text_rule {
    std::size_t max_bytes = 0;
    // One-line values (names, identifiers, addresses, references) hold no C0 control
    // (U+0000-U+001F) nor DEL (U+007F); multi-line text may hold TAB, LF and CR. NUL never.
    bool multiline = false;
};

// What is wrong with `text` under `rule`, as a phrase that follows the value's name
// ("is 3000 bytes long; at most 1024 are allowed", "holds U+0007, a control character"), or
// nullopt when it is fine. The phrase never quotes the text.
std::optional<std::string> text_problem(std::string_view text, text_rule rule);

}  // namespace scim::core
