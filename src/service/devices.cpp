#include "scim/service/devices.hpp"

#include "account_lookup.hpp"
#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/domain/two_step.hpp"
#include "scim/store/periodic_rounds.hpp"

namespace scim::service {
namespace {

int retention_days(context const& ctx) { return static_cast<int>(ctx.config.devices.device_retention_days); }

two_step_status status_of(store::session& s, std::string const& account_id) {
    auto const state = store::read_two_step_state(s, account_id);
    return {state.enrolled, state.excluded_until,
            domain::second_step_required(state.policy_requires, state.excluded_now)};
}

// A reported time must be one scimd would keep: not ahead of its clock by more than the skew
// allowed, not older than the devices it keeps.
void check_reported_time(context const& ctx, store::session& s, std::string const& time) {
    auto const& limits = ctx.config.devices;
    auto const place = store::place_sign_in_time(s, time, limits.sign_in_clock_skew, retention_days(ctx));
    if (place.ahead) {
        throw core::error(
            core::error_type::invalid_value,
            "\"time\" lies more than " + std::to_string(limits.sign_in_clock_skew.count()) + " seconds in the future");
    }
    if (place.too_old) {
        throw core::error(
            core::error_type::invalid_value,
            "\"time\" is older than the " + std::to_string(limits.device_retention_days) + " days devices are kept");
    }
}

}  // namespace

sign_in_answer report_sign_in(context const& ctx, admin_request const& req, std::string const& account_id,
                              store::sign_in const& report) {
    // Audited like the site activity hook, by the device only: the address and user agent stay
    // in the devices, under their own retention.
    return audited_admin_write(ctx, req, {"account.sign-in", "Account", 200}, account_id, [&](admin_write& write) {
        write.withhold_request();
        sign_in_answer out;
        write.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            write.account(a.id);
            domain::require_managed(a.type, "record its sign-ins");
            domain::check_sign_in(a.lifecycle);
            if (report.time) check_reported_time(ctx, s, *report.time);
            out.device = store::record_sign_in(s, a.id, report, ctx.config.devices.max_devices_per_account);
            write.changed("device", nullptr, boost::json::value(out.device.device_id));
            out.two_step = status_of(s, a.id);
        });
        return out;
    });
}

two_step_status report_two_step_enrolment(context const& ctx, admin_request const& req, std::string const& account_id,
                                          bool enrolled) {
    return audited_admin_write(ctx, req, {"account.two-step-enrolment", "Account", 200}, account_id,
                               [&](admin_write& write) {
                                   two_step_status out;
                                   write.transact([&](store::session& s) {
                                       auto const a = locked_account(s, req.organization_id, account_id);
                                       write.account(a.id);
                                       domain::require_managed(a.type, "record its two-step verification");
                                       auto const before = status_of(s, a.id).enrolled;
                                       store::set_two_step_enrolled(s, a.id, enrolled);
                                       out = status_of(s, a.id);
                                       write.changed("twoStepEnrolled", before, out.enrolled);
                                   });
                                   return out;
                               });
}

std::vector<store::device_row> list_devices(context const& ctx, admin_request const& req,
                                            std::string const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::device_row> out;
        lease.read([&](store::session& s) {
            auto const a = visible_account(s, req.organization_id, account_id);
            domain::require_managed(a.type, "see its devices");
            out = store::list_devices(s, a.id, retention_days(ctx), ctx.config.devices.max_devices_per_account);
        });
        return out;
    });
}

store::device_row sign_out_device(context const& ctx, admin_request const& req, std::string const& account_id,
                                  std::string const& device) {
    return audited_admin_write(
        ctx, req, {"account.device.sign-out", "Account", 200}, account_id, [&](admin_write& write) {
            store::device_row out;
            write.transact([&](store::session& s) {
                auto const a = locked_account(s, req.organization_id, account_id);
                write.account(a.id);
                domain::require_managed(a.type, "sign its devices out");
                auto signed_out = store::sign_out_device(s, req.organization_id, a.id, device, write.admin_token_id(),
                                                         retention_days(ctx));
                if (!signed_out) throw core::error(core::error_type::not_found, "this account has no device " + device);
                write.changed("signedOutDevice", nullptr, boost::json::value(device));
                out = std::move(*signed_out);
            });
            return out;
        });
}

store::sign_out_page read_sign_outs(context const& ctx, admin_request const& req,
                                    std::optional<domain::sign_out_cursor> const& after, std::size_t limit) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::sign_out_page out;
        lease.read([&](store::session& s) {
            out = store::read_sign_outs(s, req.organization_id, after, limit, retention_days(ctx));
        });
        return out;
    });
}

std::int64_t erase_devices_older_than(store::database& db, int days) {
    std::int64_t erased = 0;
    db.transact([&](store::session& s) {
        if (store::hold_round(s, store::periodic_round::device_retention))
            erased = store::erase_devices_older_than(s, days);
    });
    return erased;
}

}  // namespace scim::service
