#pragma once
// The files of schemas/scim/ and schemas/admin/, compiled into the library by the embed_files() step of the
// top-level CMakeLists.txt, so the binary serves exactly what the repository declares.

#include <string_view>
#include <utility>
#include <vector>

namespace scim::protocol {

// (file name, file content) for every schemas/scim/*.json, sorted by file name.
std::vector<std::pair<std::string_view, std::string_view>> embedded_schema_documents();

// The same for schemas/admin/*.json: the admin API's internal schemas, never served by /Schemas.
std::vector<std::pair<std::string_view, std::string_view>> embedded_admin_schema_documents();

}  // namespace scim::protocol
