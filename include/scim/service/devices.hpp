#pragma once
// Sign-ins, devices and two-step enrolment (docs/login-hook.md; seeds/users-vs-managed-accounts.txt
// "View and administer recently used devices", "Check the status of Two-step verification").
//
// The product's login service is the hook's caller, with an admin token of the organization
// that manages the account, like the site activity hook (service/site_users.hpp): it reports
// each sign-in and each change of two-step enrolment, and reads the devices admins signed out.
// The admins list an account's recently used devices and sign one out. Only the managing
// organization does any of it (domain::require_managed: 403 for an external user).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/sign_ins.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/database.hpp"
#include "scim/store/devices.hpp"

namespace scim::service {

// What the login service needs to know of an account's two-step verification after a report:
// whether it enrolled, its exclusion, and whether its next sign-in must ask for a second step
// (domain::second_step_required).
struct two_step_status {
    bool enrolled = false;
    std::optional<std::string> excluded_until;  // RFC 3339
    bool required = false;
};

struct sign_in_answer {
    store::device_row device;
    two_step_status two_step;
};
// Records a sign-in of the active managed account (domain::check_sign_in). A reported time
// more than config devices.sign_in_clock_skew ahead of now, or older than the retention
// window, is core::error(invalid_value).
sign_in_answer report_sign_in(context const& ctx, admin_request const& req, std::string const& account_id,
                              store::sign_in const& report);

// The login service's word that the account enrolled in two-step verification (or removed it).
two_step_status report_two_step_enrolment(context const& ctx, admin_request const& req, std::string const& account_id,
                                          bool enrolled);

// The account's recently used devices, the most recent first.
std::vector<store::device_row> list_devices(context const& ctx, admin_request const& req,
                                            std::string const& account_id);

// Signs the device (scimd's id) out, recording which admin token did; core::error(not_found)
// for a device the account does not have (or no longer has).
store::device_row sign_out_device(context const& ctx, admin_request const& req, std::string const& account_id,
                                  std::string const& device);

// The organization's sign-outs after `after`, at most `limit` (store::read_sign_outs).
store::sign_out_page read_sign_outs(context const& ctx, admin_request const& req,
                                    std::optional<domain::sign_out_cursor> const& after, std::size_t limit);

// The periodic retention: devices unused, and sign-outs made, more than `days` ago go; once
// across the replicas, as erase_due_accounts (operations.hpp).
std::int64_t erase_devices_older_than(store::database& db, int days);

}  // namespace scim::service
