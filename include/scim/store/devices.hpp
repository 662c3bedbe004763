#pragma once
// The devices accounts sign in on and the admins' sign-outs of them
// (schemas/sql/019_devices.sql, docs/login-hook.md), and an account's two-step verification
// state as the login service needs it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/sign_ins.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

struct device_row {
    std::string id;         // scimd's
    std::string device_id;  // the login service's
    std::optional<std::string> user_agent;
    std::string last_address;
    std::string first_sign_in;  // RFC 3339
    std::string last_sign_in;   // RFC 3339
    std::int64_t sign_ins = 0;
    std::optional<std::string> signed_out_at;  // RFC 3339
};

// One sign-in, its values checked: device_id by domain::is_device_id, address canonical,
// time an RFC 3339 date-time (none: now).
struct sign_in {
    std::string device_id;
    std::optional<std::string> user_agent;
    std::string address;
    std::optional<std::string> time;
};

// Where `time` lies: more than `skew` after now, or before the retention window.
struct sign_in_time {
    bool ahead = false;
    bool too_old = false;
};
sign_in_time place_sign_in_time(session& s, std::string const& time, std::chrono::seconds skew, int retention_days);

// Whether the RFC 3339 date-time `time` lies after now.
bool in_future(session& s, std::string const& time);

// Records the sign-in on its device (created on the first one; its user agent and address are
// the latest sign-in's, a late report of an older one only counts), moves the account's
// lastActive, then drops the account's least recently used devices beyond `max_devices`.
// Answers the device as written.
device_row record_sign_in(session& s, std::string const& account_id, sign_in const& report, std::size_t max_devices);

// The account's devices used within the retention window, the most recently used first, at
// most `max_devices`.
std::vector<device_row> list_devices(session& s, std::string const& account_id, int retention_days,
                                     std::size_t max_devices);

// Signs the account's device `device` (scimd's id) out: signed_out_at becomes now and the
// feed gets the sign-out, by the admin token `admin_token_id` — unless the device was signed
// out after its last sign-in already, when nothing changes. Nothing when the account has no
// such device within the retention window.
std::optional<device_row> sign_out_device(session& s, std::string const& organization_id, std::string const& account_id,
                                          std::string const& device, std::string const& admin_token_id,
                                          int retention_days);

struct sign_out_entry {
    std::string account_id;
    std::string device;     // scimd's id
    std::string device_id;  // the login service's
    std::string signed_out_at;
};
struct sign_out_page {
    std::vector<sign_out_entry> sign_outs;
    domain::sign_out_cursor next;  // where the next read resumes
    bool more = false;             // whether more are ready to be read at once
};
// The organization's sign-outs after `after` (none: the oldest kept), in commit-safe order, at
// most `limit`: only those of transactions older than every transaction still running, so a
// sign-out committed late is never skipped.
sign_out_page read_sign_outs(session& s, std::string const& organization_id,
                             std::optional<domain::sign_out_cursor> const& after, std::size_t limit,
                             int retention_days);

struct two_step_state {
    bool enrolled = false;
    std::optional<std::string> excluded_until;  // RFC 3339
    bool excluded_now = false;                  // excluded_until lies in the future
    bool policy_requires = false;               // the account's policy enforces two-step verification
    std::string policy_name;
};
// The state of a managed account (its policy is its managing organization's).
two_step_state read_two_step_state(session& s, std::string const& account_id);
void set_two_step_enrolled(session& s, std::string const& account_id, bool enrolled);

// Drops the devices unused and the sign-outs made more than `days` ago; answers how many rows.
std::int64_t erase_devices_older_than(session& s, int days);

}  // namespace scim::store
