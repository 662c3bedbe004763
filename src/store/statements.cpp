#include "statements.hpp"

namespace scim::store {

long long execute(soci::session& s, sql_text const& sql) {
    soci::statement st(s);
    for (auto const& value : sql.values()) st.exchange(soci::use(value));
    st.alloc();
    st.prepare(sql.text());
    st.define_and_bind();
    st.execute(true);
    return st.get_affected_rows();
}

std::string uuid_array(std::vector<std::string> const& ids) {
    std::string out = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    return out + "}";
}

}  // namespace scim::store
