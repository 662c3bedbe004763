#pragma once
// A stored User as clients see it: its attributes, "groups" computed from group membership
// (RFC 7643 §4.1.2, readOnly), the account extension with its siteMemberships, meta, and the
// projection the request asked for (RFC 7644 §3.9).

#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/api/context.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/listing.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/users.hpp"

namespace soci {
class session;
}

namespace scim::api {

// Whether a response shaped by `projection` shows "groups": when it does not, nobody reads them.
bool shows_groups(context const& ctx, protocol::projection const& projection);

// What a User shows that other tables hold: its groups, and the siteMemberships of the
// account extension (the memberships of the account in the directory's organization's sites).
struct user_relations {
    std::vector<store::group_reference> groups;
    std::vector<store::site_membership_reference> site_memberships;
};

// The relations of one user that a response shaped by `projection` shows (each costs a query).
user_relations read_relations(context const& ctx, soci::session& s, protocol::projection const& projection,
                              std::string const& user_id);

boost::json::object render_user(context const& ctx, std::string const& base_url, store::user_row const& row,
                                protocol::projection const& projection, user_relations const& relations);

// The users of one listing page with their relations, each kind read in one query for the
// page (none when the page does not show it): render each with render().
class user_page_view {
public:
    user_page_view(context const& ctx, soci::session& s, protocol::projection const& projection,
              std::vector<store::listed<store::user_row>> const& rows);
    boost::json::object render(std::string const& base_url, store::user_row const& row) const;

private:
    context const& ctx_;
    protocol::projection const& projection_;
    std::map<std::string, std::vector<store::group_reference>> groups_;
    std::map<std::string, std::vector<store::site_membership_reference>> site_memberships_;
};

}  // namespace scim::api
