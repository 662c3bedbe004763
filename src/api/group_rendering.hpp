#pragma once
// A stored Group as clients see it: its attributes, its members up to the configured number
// shown (--max-members-shown), the scimd group extension that says how many members there
// are, whether the response shows them all and where to page through them (docs/groups.md),
// meta, and the projection the request asked for (RFC 7644 §3.9).

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/api/context.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/groups.hpp"
#include "scim/store/listing.hpp"

namespace soci {
class session;
}

namespace scim::api {

inline constexpr char const* group_extension_urn = "urn:scimd:params:scim:schemas:extension:group:2.0:Group";

// The members a response shaped by `projection` shows, read from the member table; nullopt
// (and no query at all) when it shows none, as with excludedAttributes=members.
std::optional<std::vector<store::group_member>> members_to_show(context const& ctx, soci::session& s,
                                                                 store::group_row const& row,
                                                                 protocol::projection const& projection);

boost::json::object render_group(context const& ctx, std::string const& base_url, store::group_row const& row,
                                 protocol::projection const& projection,
                                 std::optional<std::vector<store::group_member>> const& members);

// The members each group of one listing page shows, in page order.
std::vector<std::optional<std::vector<store::group_member>>> members_to_show(
    context const& ctx, soci::session& s, std::vector<store::listed<store::group_row>> const& rows,
    protocol::projection const& projection);

// {"value", "$ref", "display", "type"} of one member (RFC 7643 §4.2).
boost::json::object member_json(std::string const& base_url, store::group_member const& member);

}  // namespace scim::api
