#pragma once
// scimd's own mail sender (docs/mail.md): a periodic task of `scimd serve` runs one round at a
// time, sending the outbox's due messages over SMTP. A message that cannot be sent is tried
// again with exponential back-off (mail/retry.hpp) and, out of attempts or refused for good,
// marked failed, which the admin API shows and can retry. Every replica may run a sender: the
// store's claim gives each message to one of them (store/mail_outbox.hpp).

#include <cstddef>
#include <string>

#include "scim/mail/smtp.hpp"
#include "scim/store/database.hpp"

namespace scim::service {

struct delivery_round {
    std::size_t sent = 0;
    std::size_t retrying = 0;  // failed this time, tried again later
    std::size_t failed = 0;    // failed for good
};

// Claims up to the sender's batch_size due messages for `claimant` (this process's own random
// name) and sends them on one SMTP connection, marking each as it goes. Logs each failure by
// message id, never an address or a body.
delivery_round deliver_outbox(store::database& db, mail::smtp_sender const& sender, std::string const& claimant);

}  // namespace scim::service
