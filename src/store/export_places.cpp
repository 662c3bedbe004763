#include "export_places.hpp"

#include "scim/core/error.hpp"
#include "session.hpp"

namespace scim::store {

void take_export_place(session& s, std::size_t places) {
    // The places are tried in order and the first free one is kept: LIMIT 1 stops the scan at
    // the first lock taken, so an export never holds two places.
    sql_text sql("SELECT place FROM generate_series(0, CAST(");
    sql.bind_number(static_cast<std::int64_t>(places))
        << " AS integer) - 1) AS place WHERE pg_try_advisory_xact_lock(hashtext('scimd.exports'), place) LIMIT 1";
    if (s.run(sql).empty()) {
        throw core::error(core::error_type::service_unavailable, "too many exports are running; try again shortly")
            .retry_after(10);
    }
}

}  // namespace scim::store
