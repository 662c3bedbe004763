#include "scim/service/organization_groups.hpp"

#include <algorithm>

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "organization_group_lookup.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/groups.hpp"
#include "scim/domain/sites.hpp"
#include "scim/domain/sync_lock.hpp"
#include "scim/store/organization_group_grants.hpp"
#include "scim/store/sites.hpp"

namespace scim::service {
namespace {

// DOMAIN.md: displayName is unique in the organization ignoring case, across synced and
// admin-kept groups (index scim_groups_display_name_key).
[[noreturn]] void name_taken(std::string const& display_name) {
    throw core::error(core::error_type::uniqueness,
                      "displayName \"" + display_name + "\" is already used by a group of this organization");
}

// The product of a grant, which the organization's site must offer (DOMAIN.md "product access":
// a grant names a product of the site). Not locked: the grant's foreign key to the site's
// product keeps them together.
std::string granted_product(store::session& s, admin_request const& req, std::string const& site_id,
                            std::string const& named) {
    auto const product = domain::normalize_product(named);
    auto const site = store::find_site(s, req.organization_id, site_id);
    if (!site) throw core::error(core::error_type::not_found, "this organization has no site " + site_id);
    if (std::find(site->products.begin(), site->products.end(), product) == site->products.end()) {
        throw core::error(core::error_type::invalid_value,
                          "the site \"" + site->name + "\" does not offer the product \"" + product + "\"");
    }
    return product;
}

// Grants or revokes, on the group locked, audited as `audited`.
template <typename Change>
void change_grant(context const& ctx, admin_request const& req, std::string const& group_id, std::string const& site_id,
                  std::string const& product, admin_action const& audited, Change const& change) {
    audited_admin_write(ctx, req, audited, group_id, [&](admin_write& write) {
        write.transact([&](store::session& s) {
            auto const g = group_head_of(s, req, group_id, true);
            domain::check_group_edit(directory_lock(g.synced_by), domain::group_change::product_grants);
            auto const before = audit_fields(group_of(s, req, g.id));
            change(s, g.id, site_id, granted_product(s, req, site_id, product));
            write.compare(before, audit_fields(group_of(s, req, g.id)));
        });
    });
}

}  // namespace

store::organization_group create_group(context const& ctx, admin_request const& req, std::string const& display_name,
                                       std::optional<std::string> const& description) {
    return audited_admin_write(ctx, req, {"group.create", "Group", 201}, std::nullopt, [&](admin_write& write) {
        auto const name = domain::normalize_group_name(display_name);
        store::organization_group out;
        write.transact([&](store::session& s) {
            auto created = store::create_admin_group(s, req.organization_id, name, description);
            if (!created) name_taken(name);
            write.target(created->id);
            write.compare({}, audit_fields(*created));
            out = std::move(*created);
        });
        return out;
    });
}

store::organization_group_page list_groups(context const& ctx, admin_request const& req,
                                           std::string const& display_name_prefix, std::int64_t offset,
                                           std::int64_t limit) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::organization_group_page out;
        lease.read([&](store::session& s) {
            out = store::list_organization_groups(s, req.organization_id, display_name_prefix, offset, limit);
        });
        return out;
    });
}

store::organization_group show_group(context const& ctx, admin_request const& req, std::string const& group_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::organization_group out;
        lease.read([&](store::session& s) { out = group_of(s, req, group_id); });
        return out;
    });
}

store::organization_group change_group(context const& ctx, admin_request const& req, std::string const& group_id,
                                       store::group_details_change change) {
    return audited_admin_write(ctx, req, {"group.edit", "Group", 200}, group_id, [&](admin_write& write) {
        if (change.display_name) change.display_name = domain::normalize_group_name(*change.display_name);
        store::organization_group out;
        write.transact([&](store::session& s) {
            auto const g = group_head_of(s, req, group_id, true);
            if (change.display_name) domain::check_group_edit(directory_lock(g.synced_by), domain::group_change::name);
            auto const before = audit_fields(group_of(s, req, g.id));
            if (!store::change_group_details(s, g.id, change)) name_taken(*change.display_name);
            out = group_of(s, req, g.id);
            write.compare(before, audit_fields(out));
        });
        return out;
    });
}

void delete_group(context const& ctx, admin_request const& req, std::string const& group_id) {
    audited_admin_write(ctx, req, {"group.delete", "Group", 204}, group_id, [&](admin_write& write) {
        write.transact([&](store::session& s) {
            auto const g = group_head_of(s, req, group_id, true);
            domain::check_group_edit(directory_lock(g.synced_by), domain::group_change::deletion);
            auto const before = group_of(s, req, g.id);
            store::delete_admin_group(s, g.id);
            auto removed = audit_fields(before);
            removed["memberCount"] = before.member_count;
            write.compare(removed, {});
        });
    });
}

std::vector<store::product_grant> list_group_product_grants(context const& ctx, admin_request const& req,
                                                            std::string const& group_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::product_grant> out;
        lease.read([&](store::session& s) { out = group_of(s, req, group_id).product_grants; });
        return out;
    });
}

void grant_group_product(context const& ctx, admin_request const& req, std::string const& group_id,
                         std::string const& site_id, std::string const& product) {
    change_grant(ctx, req, group_id, site_id, product, {"group.product.grant", "Group", 204},
                 store::grant_group_product);
}

void revoke_group_product(context const& ctx, admin_request const& req, std::string const& group_id,
                          std::string const& site_id, std::string const& product) {
    change_grant(ctx, req, group_id, site_id, product, {"group.product.revoke", "Group", 204},
                 store::revoke_group_product);
}

}  // namespace scim::service
