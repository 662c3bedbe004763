#include "user_rows.hpp"

namespace scim::store {

user_row to_user(soci::row const& r) {
    user_row u;
    u.id = r.get<std::string>(0);
    u.directory_id = r.get<std::string>(1);
    u.user_name = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) u.external_id = r.get<std::string>(3);
    u.active = r.get<int>(4) != 0;
    u.attributes_json = r.get<std::string>(5);
    u.version = r.get<long long>(6);
    u.created = r.get<std::string>(7);
    u.last_modified = r.get<std::string>(8);
    return u;
}

}  // namespace scim::store
