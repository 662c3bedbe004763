#pragma once
// What the audit compares of each kind of target (docs/journal.md "Admin actions"): the fields
// an admin can change or cares to see changed, as flat JSON objects whose member names are the
// admin API's. admin_write::compare records the members that differ. Secrets are never among
// them (a domain's verification token is published in DNS, not secret, but is not a change an
// admin makes: it is left out too).

#include <boost/json/object.hpp>

#include "scim/service/directories.hpp"
#include "scim/store/admin_tokens.hpp"
#include "scim/store/domains.hpp"
#include "scim/store/managed_accounts.hpp"
#include "scim/store/organization_groups.hpp"
#include "scim/store/policies.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/sites.hpp"

namespace scim::service {

// The profile (personal data: docs/journal.md says how long it is kept), the lifecycle and the
// settings an admin changes.
boost::json::object audit_fields(store::account_detail const& a);
boost::json::object audit_fields(store::domain_row const& d);
boost::json::object audit_fields(store::site_row const& site);
// A site member: its status and the products it has directly on the site.
boost::json::object audit_fields(store::site_user const& u);
// The group's own fields and its product grants ("site id/product"); members are recorded one
// by one by the writes that change them.
boost::json::object audit_fields(store::organization_group const& g);
boost::json::object audit_fields(store::policy_row const& p);
// The directory and the ids of its usable tokens.
boost::json::object audit_fields(directory_view const& d);
boost::json::object audit_fields(store::admin_token_info const& t);

}  // namespace scim::service
