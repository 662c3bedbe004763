#include "scim/store/devices.hpp"

#include <string>

#include "identifiers.hpp"
#include "policy_sql.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

// The RFC 3339 renderings are named apart from their columns (last_signed_in, not
// last_sign_in), so that an ORDER BY names the timestamps.
constexpr char const* device_columns =
    "d.id::text AS id, d.device_id, d.user_agent, host(d.last_address) AS last_address, "
    SCIMD_SQL_RFC3339("d.first_sign_in") " AS first_signed_in, " SCIMD_SQL_RFC3339("d.last_sign_in")
    " AS last_signed_in, d.sign_ins, " SCIMD_SQL_RFC3339("d.signed_out_at") " AS signed_out";

device_row to_device(sql_row const& r) {
    device_row d;
    d.id = r.text("id");
    d.device_id = r.text("device_id");
    d.user_agent = r.nullable_text("user_agent");
    d.last_address = r.text("last_address");
    d.first_sign_in = r.text("first_signed_in");
    d.last_sign_in = r.text("last_signed_in");
    d.sign_ins = r.number("sign_ins");
    d.signed_out_at = r.nullable_text("signed_out");
    return d;
}

// "now() - <days> days" with `days` bound.
void append_retention_start(sql_text& sql, int days) {
    sql << "now() - make_interval(days => CAST(";
    sql.bind_number(days) << " AS integer))";
}

}  // namespace

sign_in_time place_sign_in_time(session& s, std::string const& time, std::chrono::seconds skew, int retention_days) {
    sql_text sql("WITH t AS (SELECT CAST(");
    sql.bind(time) << " AS timestamptz) AS at) SELECT t.at > now() + make_interval(secs => CAST(";
    sql.bind_number(skew.count()) << " AS double precision)) AS ahead, t.at < ";
    append_retention_start(sql, retention_days);
    sql << " AS too_old FROM t";
    sign_in_time out;
    for (auto const& r : s.run(sql)) {
        out.ahead = r.flag("ahead");
        out.too_old = r.flag("too_old");
    }
    return out;
}

bool in_future(session& s, std::string const& time) {
    sql_text sql("SELECT CAST(");
    sql.bind(time) << " AS timestamptz) > now() AS future";
    return s.run(sql).front().flag("future");
}

device_row record_sign_in(session& s, std::string const& account_id, sign_in const& report, std::size_t max_devices) {
    // One time for both statements: the reported one, or now.
    sql_text sql("WITH t AS (SELECT CAST(coalesce(CAST(");
    sql.bind_nullable(report.time) << " AS timestamptz), now()) AS timestamptz(3)) AS at), "
                                      "moved AS (UPDATE accounts SET last_active_at = greatest(last_active_at, "
                                      "(SELECT at FROM t)) WHERE id = CAST(";
    auto const account = sql.parameter(account_id);
    sql << account << " AS uuid)) "
        << "INSERT INTO account_devices AS d (id, account_id, device_id, user_agent, last_address, first_sign_in, "
           "last_sign_in) SELECT gen_random_uuid(), CAST("
        << account << " AS uuid), ";
    sql.bind(report.device_id) << ", ";
    sql.bind_nullable(report.user_agent) << ", CAST(";
    sql.bind(report.address) << " AS inet), t.at, t.at FROM t "
                                "ON CONFLICT (account_id, device_id) DO UPDATE SET sign_ins = d.sign_ins + 1, "
                                "first_sign_in = least(d.first_sign_in, EXCLUDED.first_sign_in), "
                                // The latest sign-in says what the device is now; a late report of an
                                // earlier one only counts.
                                "user_agent = CASE WHEN EXCLUDED.last_sign_in >= d.last_sign_in THEN "
                                "EXCLUDED.user_agent ELSE d.user_agent END, "
                                "last_address = CASE WHEN EXCLUDED.last_sign_in >= d.last_sign_in THEN "
                                "EXCLUDED.last_address ELSE d.last_address END, "
                                "last_sign_in = greatest(d.last_sign_in, EXCLUDED.last_sign_in) RETURNING "
                             << device_columns;
    device_row out = to_device(s.run(sql).front());

    sql_text cap("DELETE FROM account_devices WHERE id IN (SELECT id FROM account_devices WHERE account_id = CAST(");
    cap.bind(account_id) << " AS uuid) ORDER BY last_sign_in DESC, id OFFSET CAST(";
    cap.bind_number(static_cast<std::int64_t>(max_devices)) << " AS bigint))";
    s.run(cap);
    return out;
}

std::vector<device_row> list_devices(session& s, std::string const& account_id, int retention_days,
                                     std::size_t max_devices) {
    std::vector<device_row> out;
    if (!is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT " << device_columns << " FROM account_devices d WHERE d.account_id = CAST(";
    sql.bind(account_id) << " AS uuid) AND d.last_sign_in > ";
    append_retention_start(sql, retention_days);
    sql << " ORDER BY d.last_sign_in DESC, d.id LIMIT CAST(";
    sql.bind_number(static_cast<std::int64_t>(max_devices)) << " AS bigint)";
    for (auto const& r : s.run(sql)) out.push_back(to_device(r));
    return out;
}

std::optional<device_row> sign_out_device(session& s, std::string const& organization_id, std::string const& account_id,
                                          std::string const& device, std::string const& admin_token_id,
                                          int retention_days) {
    std::optional<device_row> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id) || !is_uuid(device)) return out;
    sql_text sign_out("WITH d AS (UPDATE account_devices SET signed_out_at = now() WHERE id = CAST(");
    auto const device_parameter = sign_out.parameter(device);
    auto const account_parameter = sign_out.parameter(account_id);
    sign_out << device_parameter << " AS uuid) AND account_id = CAST(" << account_parameter
             << " AS uuid) AND (signed_out_at IS NULL OR signed_out_at < last_sign_in) AND last_sign_in > ";
    append_retention_start(sign_out, retention_days);
    sign_out << " RETURNING id, account_id, device_id, signed_out_at) "
                "INSERT INTO device_sign_outs (organization_id, account_id, device, device_id, signed_out_at, "
                "signed_out_by) SELECT CAST(";
    sign_out.bind(organization_id) << " AS uuid), account_id, id, device_id, signed_out_at, ";
    sign_out.bind(admin_token_id) << " FROM d";
    s.run(sign_out);

    sql_text read;
    read << "SELECT " << device_columns << " FROM account_devices d WHERE d.id = CAST(";
    read.bind(device) << " AS uuid) AND d.account_id = CAST(";
    read.bind(account_id) << " AS uuid) AND d.last_sign_in > ";
    append_retention_start(read, retention_days);
    for (auto const& r : s.run(read)) out = to_device(r);
    return out;
}

sign_out_page read_sign_outs(session& s, std::string const& organization_id,
                             std::optional<domain::sign_out_cursor> const& after, std::size_t limit,
                             int retention_days) {
    sign_out_page page;
    auto const from = after.value_or(domain::sign_out_cursor{});
    // Every transaction older than this one has finished: its sign-outs are all visible to the
    // statement below, which runs later (docs/login-hook.md "Reading the sign-outs").
    auto const horizon = std::stoull(
        s.run(sql_text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon")).front().text("horizon"));
    page.next = from;
    if (!is_uuid(organization_id)) return page;

    sql_text sql;
    sql << "SELECT o.id, o.txid::text AS txid, o.account_id::text AS account_id, o.device::text AS device, "
           "o.device_id, " SCIMD_SQL_RFC3339("o.signed_out_at") " AS signed_out FROM device_sign_outs o "
           "WHERE o.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND (o.txid, o.id) > (CAST(";
    sql.bind(std::to_string(from.txid)) << " AS xid8), CAST(";
    sql.bind_number(from.id) << " AS bigint)) AND o.txid < CAST(";
    sql.bind(std::to_string(horizon)) << " AS xid8) AND o.signed_out_at > ";
    append_retention_start(sql, retention_days);
    sql << " ORDER BY o.txid, o.id LIMIT CAST(";
    sql.bind_number(static_cast<std::int64_t>(limit) + 1) << " AS bigint)";
    auto const rows = s.run(sql);
    for (auto const& r : rows) {
        if (page.sign_outs.size() == limit) {
            page.more = true;
            break;
        }
        page.sign_outs.push_back({r.text("account_id"), r.text("device"), r.text("device_id"), r.text("signed_out")});
        page.next = {std::stoull(r.text("txid")), r.number("id")};
    }
    // Everything before the horizon is read: the next read starts there (never going back).
    if (!page.more && horizon > from.txid) page.next = {horizon, 0};
    return page;
}

two_step_state read_two_step_state(session& s, std::string const& account_id) {
    two_step_state out;
    if (!is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT a.two_step_enrolled, " SCIMD_SQL_RFC3339("a.two_step_excluded_until")
           " AS two_step_excluded_until, coalesce(a.two_step_excluded_until > now(), false) AS excluded_now, "
           "p.two_step_required AS policy_two_step_required, p.name AS policy_name FROM accounts a "
        << account_policy_join << " WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    for (auto const& r : s.run(sql)) {
        out.enrolled = r.flag("two_step_enrolled");
        out.excluded_until = r.nullable_text("two_step_excluded_until");
        out.excluded_now = r.flag("excluded_now");
        out.policy_requires = r.flag("policy_two_step_required");
        out.policy_name = r.text("policy_name");
    }
    return out;
}

void set_two_step_enrolled(session& s, std::string const& account_id, bool enrolled) {
    sql_text sql("UPDATE accounts SET two_step_enrolled = ");
    sql.bind_flag(enrolled) << " WHERE id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    s.run(sql);
}

std::int64_t erase_devices_older_than(session& s, int days) {
    sql_text devices("DELETE FROM account_devices WHERE last_sign_in < ");
    append_retention_start(devices, days);
    sql_text sign_outs("DELETE FROM device_sign_outs WHERE signed_out_at < ");
    append_retention_start(sign_outs, days);
    return s.run(devices).affected_rows() + s.run(sign_outs).affected_rows();
}

}  // namespace scim::store
