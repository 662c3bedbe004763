#pragma once
// The admin console's files (console/ at the top of the source tree), compiled into scimd by
// cmake/embed_tree.cmake: each with its path under console/ ("js/pages/accounts.js"), its bytes
// and their SHA-256 in hex, which is its ETag.

#include <string_view>
#include <vector>

namespace scim::admin {

struct embedded_file {
    std::string_view path;
    std::string_view content;
    std::string_view sha256;
};

// Sorted by path (generated).
std::vector<embedded_file> embedded_console_files();

}  // namespace scim::admin
