#include "organization_group_lookup.hpp"

#include "scim/core/error.hpp"

namespace scim::service {
namespace {

[[noreturn]] void no_such_group(std::string const& id) {
    throw core::error(core::error_type::not_found, "no group " + id + " in this organization");
}

}  // namespace

store::organization_group group_of(store::session& s, admin_request const& req, std::string const& group_id) {
    auto g = store::find_organization_group(s, req.organization_id, group_id);
    if (!g) no_such_group(group_id);
    return std::move(*g);
}

store::organization_group_head group_head_of(store::session& s, admin_request const& req, std::string const& group_id,
                                             bool for_update) {
    auto g = store::find_organization_group_head(s, req.organization_id, group_id, for_update);
    if (!g) no_such_group(group_id);
    return std::move(*g);
}

std::optional<std::string> directory_lock(std::optional<store::syncing_directory> const& synced_by) {
    if (!synced_by) return std::nullopt;
    return synced_by->name;
}

}  // namespace scim::service
