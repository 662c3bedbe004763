#include "account_values.hpp"

#include "scim/core/error.hpp"
#include "scim/protocol/account_profile.hpp"
#include "scim/store/time_zones.hpp"

namespace scim::service {

void check_time_zone(store::session& s, std::string const& field, std::string const& zone) {
    if (store::is_known_time_zone(s, zone)) return;
    throw core::error(core::error_type::invalid_value,
                      field + ": \"" + zone +
                          "\" is not a time zone of the IANA time zone database, like \"Europe/Paris\" or \"UTC\"");
}

void check_account_values(store::session& s, boost::json::object const& before, boost::json::object const& after) {
    protocol::check_account_address(before, after);
    if (auto const zone = protocol::changed_time_zone(before, after)) check_time_zone(s, "timezone", *zone);
}

}  // namespace scim::service
