#pragma once
// A stored User as clients see it: its attributes, "groups" computed from group membership
// (RFC 7643 §4.1.2, readOnly), meta, and the projection the request asked for (RFC 7644 §3.9).

#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/api/context.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/listing.hpp"
#include "scim/store/users.hpp"

namespace soci {
class session;
}

namespace scim::api {

// Whether a response shaped by `projection` shows "groups": when it does not, nobody reads them.
bool shows_groups(context const& ctx, protocol::projection const& projection);

boost::json::object render_user(context const& ctx, std::string const& base_url, store::user_row const& row,
                                protocol::projection const& projection,
                                std::vector<store::group_reference> const& groups);

// The users of one listing page with their groups, read in one query (none when the page
// does not show groups): render each with render().
class user_page_view {
public:
    user_page_view(context const& ctx, soci::session& s, protocol::projection const& projection,
              std::vector<store::listed<store::user_row>> const& rows);
    boost::json::object render(std::string const& base_url, store::user_row const& row) const;

private:
    context const& ctx_;
    protocol::projection const& projection_;
    std::map<std::string, std::vector<store::group_reference>> groups_;
};

}  // namespace scim::api
