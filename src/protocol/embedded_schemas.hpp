#pragma once
// The files of schemas/scim/, compiled into the library by the embed_files() step of the
// top-level CMakeLists.txt, so the binary serves exactly what the repository declares.

#include <string_view>
#include <utility>
#include <vector>

namespace scim::protocol {

// (file name, file content) for every schemas/scim/*.json, sorted by file name.
std::vector<std::pair<std::string_view, std::string_view>> embedded_schema_documents();

}  // namespace scim::protocol
