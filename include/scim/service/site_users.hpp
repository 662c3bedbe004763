#pragma once
// A site's users through the admin API (the seed's "Users page", DOMAIN.md "site membership"):
// invite by account id or email, list with status and product access, suspend, restore,
// remove, grant and revoke product access, and the activity hook a product site calls when an
// account uses it. The transitions are domain/sites.hpp's. For an external user the
// organization manages exactly this (DOMAIN.md), so nothing here needs the account managed.
// A site of another organization is not found (core::error(not_found)), and so is an account
// that is not on the site.

#include <cstdint>
#include <optional>
#include <string>

#include "scim/domain/sites.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::service {

// Whom an invitation names: exactly one of an account the organization sees, by its id, and an
// email address.
struct invitee_name {
    std::optional<std::string> account_id;
    std::optional<std::string> email;
};

// The new membership, invited. An unknown address gets a new account (claimed when the
// organization claimed its domain, external otherwise); core::error(invalid_value) for an
// address that is none, core::error(not_found) for an account id the organization does not see,
// core::error(conflict) for a deleted account or one already on the site.
store::site_user invite_site_user(context const& ctx, admin_request const& req, std::string const& site_id,
                                  invitee_name const& invitee);

// The site's users (of `status` when given), the newest invitations first, `offset` skipped, at
// most `limit`.
store::site_user_page list_site_users(context const& ctx, admin_request const& req, std::string const& site_id,
                                      std::optional<domain::membership_status> status, std::int64_t offset,
                                      std::int64_t limit);

store::site_user show_site_user(context const& ctx, admin_request const& req, std::string const& site_id,
                                std::string const& account_id);

// Suspend and restore (an admin's), and use: the site reports that the account used it, which
// turns an invitation into an active membership (domain::apply; core::error(conflict) for an
// action the membership's state does not allow).
store::site_user change_site_membership(context const& ctx, admin_request const& req, std::string const& site_id,
                                        std::string const& account_id, domain::membership_action action);

// DOMAIN.md: removal revokes the site's product access, direct and through groups; the account
// itself is untouched.
void remove_site_user(context const& ctx, admin_request const& req, std::string const& site_id,
                      std::string const& account_id);

// Direct product access, of a product the site offers (core::error(invalid_value) otherwise);
// a suspended membership keeps it configured. Granting twice changes nothing; revoking what
// was not granted directly is core::error(not_found). Both lock the site so that the product
// stays offered until the change is in.
store::site_user grant_product_access(context const& ctx, admin_request const& req, std::string const& site_id,
                                      std::string const& account_id, std::string const& product);
store::site_user revoke_product_access(context const& ctx, admin_request const& req, std::string const& site_id,
                                       std::string const& account_id, std::string const& product);

}  // namespace scim::service
