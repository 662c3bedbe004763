#include "scim/protocol/managed_account_schema.hpp"

#include "embedded_schemas.hpp"

namespace scim::protocol {

schema_registry const& managed_account_registry() {
    static schema_registry const registry = [] {
        std::vector<std::string_view> documents;
        for (auto const& [file_name, content] : embedded_admin_schema_documents()) documents.push_back(content);
        return schema_registry::from_documents(documents);
    }();
    return registry;
}

resource_type const& managed_account_type() {
    static resource_type const& type = *managed_account_registry().find_resource_type("ManagedAccount");
    return type;
}

}  // namespace scim::protocol
