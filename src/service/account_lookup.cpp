#include "account_lookup.hpp"

#include "scim/core/error.hpp"

namespace scim::service {
namespace {

store::account_detail existing(store::session& s, std::string const& organization, std::string const& id,
                               bool for_update) {
    auto a = store::find_account(s, organization, id, for_update);
    if (!a) throw core::error(core::error_type::not_found, "no account " + id + " in this organization");
    return std::move(*a);
}

}  // namespace

store::account_detail visible_account(store::session& s, std::string const& organization, std::string const& id) {
    return existing(s, organization, id, false);
}

store::account_detail locked_account(store::session& s, std::string const& organization, std::string const& id) {
    return existing(s, organization, id, true);
}

std::optional<std::string> directory_lock(store::account_detail const& a) {
    if (!a.synced_by_directory_id) return std::nullopt;
    return a.synced_by_directory_name.value_or(*a.synced_by_directory_id);
}

}  // namespace scim::service
