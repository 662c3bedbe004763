#include "scim/service/mail_delivery.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <vector>

#include "scim/core/log.hpp"
#include "scim/mail/message.hpp"
#include "scim/mail/retry.hpp"
#include "scim/store/mail_outbox.hpp"

namespace scim::service {

delivery_round deliver_outbox(store::database& db, mail::smtp_sender const& sender, std::string const& claimant) {
    auto const& settings = sender.settings();
    // Long enough for every message of the batch to use its whole send timeout (libcurl's
    // timeout covers the connection too), and a minute more: the claim must outlive the round,
    // or another replica could take a message this one is still sending.
    auto const lease = settings.send_timeout * static_cast<long>(settings.batch_size) + std::chrono::seconds(60);
    std::vector<store::deliverable_message> claimed;
    db.transact([&](store::session& s) {
        claimed = store::claim_deliverable(s, claimant, static_cast<std::int64_t>(settings.batch_size), lease);
    });
    delivery_round round;
    if (claimed.empty()) return round;
    mail::smtp_sender::session smtp(sender);
    // Once the server is out of reach, the rest of the batch is not tried: each message would
    // wait out the same timeouts. They count the attempt and back off like the first.
    std::optional<mail::delivery> unavailable;
    for (auto const& m : claimed) {
        mail::delivery result;
        if (unavailable) {
            result = *unavailable;
        } else {
            try {
                auto const data = mail::render({settings.from_address, settings.from_name, m.to, m.subject, m.text,
                                                m.html, m.id, std::chrono::system_clock::now()});
                result = smtp.send(m.to, data);
            } catch (std::invalid_argument const& e) {
                // An address SMTP cannot carry as it is: no server will take it later either.
                result = {false, true, false, e.what()};
            }
            if (result.server_unavailable) unavailable = result;
        }
        auto const attempts = static_cast<std::size_t>(m.attempts);
        auto const retry = result.permanent ? std::nullopt : mail::retry_delay(settings, attempts);
        db.transact([&](store::session& s) {
            if (result.delivered) {
                store::mark_sent(s, m.id, claimant);
            } else if (retry) {
                store::mark_retry(s, m.id, claimant, *retry, result.detail);
            } else {
                store::mark_failed(s, m.id, claimant, result.detail);
            }
        });
        if (result.delivered) {
            ++round.sent;
            continue;
        }
        auto const tries = std::to_string(attempts);
        if (retry) {
            ++round.retrying;
            core::log::warn("mail not sent, will retry", {{"message", m.id},
                                                          {"attempts", tries},
                                                          {"retry_in_seconds", std::to_string(retry->count())},
                                                          {"detail", result.detail}});
        } else {
            ++round.failed;
            core::log::error("mail failed", {{"message", m.id}, {"attempts", tries}, {"detail", result.detail}});
        }
    }
    return round;
}

}  // namespace scim::service
