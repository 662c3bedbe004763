#include "user_relations.hpp"

namespace scim::service {
namespace {

constexpr char const* account_extension_urn = "urn:scimd:params:scim:schemas:extension:account:2.0:User";

}  // namespace

store::user_relations relations_shown(context const& ctx, protocol::projection const& projection) {
    store::user_relations out;
    auto const* groups = ctx.registry.find_schema(ctx.registry.user_type().schema)->find_attribute("groups");
    out.groups = groups && protocol::returns_attribute(projection, *groups, "");
    auto const* extension = ctx.registry.find_schema(account_extension_urn);
    auto const* memberships = extension ? extension->find_attribute("siteMemberships") : nullptr;
    out.site_memberships = memberships && protocol::returns_attribute(projection, *memberships, account_extension_urn);
    return out;
}

}  // namespace scim::service
