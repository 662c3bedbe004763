#include "scim/service/metrics.hpp"

#include "admin_authentication.hpp"
#include "scim/core/metrics.hpp"
#include "scim/store/database.hpp"
#include "scim/store/metrics_readings.hpp"

namespace scim::service {

std::string scrape_metrics(context const& ctx, std::string const& authorization) {
    store::organization_readings readings;
    ctx.db.acquire().read([&](store::session& s) {
        auto const caller = authenticate_admin_token(s, authorization);
        readings = store::read_organization_readings(s, caller.organization_id);
    });
    // Tenancy: a directory's series are its organization's business alone.
    auto text = core::metrics::render([&readings](std::string_view label, std::string_view value) {
        return label != "directory" || readings.directory_ids.contains(std::string(value));
    });
    text += core::metrics::gauge_text(
        "scimd_journal_oldest_entry_age_seconds",
        "Age of the organization's oldest journal entry (0: none); above --journal-retention-days, retention "
        "lags.",
        static_cast<double>(readings.oldest_journal_entry_seconds.value_or(0)));
    text += core::metrics::gauge_text("scimd_mail_outbox_pending_messages",
                                      "The organization's messages queued to be mailed.",
                                      static_cast<double>(readings.outbox_pending));
    text += core::metrics::gauge_text("scimd_mail_outbox_failed_messages",
                                      "The organization's messages the sender gave up on (docs/mail.md).",
                                      static_cast<double>(readings.outbox_failed));
    text += core::metrics::gauge_text("scimd_mail_outbox_oldest_pending_age_seconds",
                                      "Age of the organization's oldest message queued to be mailed (0: none).",
                                      static_cast<double>(readings.oldest_pending_message_seconds.value_or(0)));
    return text;
}

}  // namespace scim::service
