#pragma once
// GET /metrics (docs/metrics.md): the Prometheus exposition as an organization's admin may see it.

#include <string>

#include "scim/service/context.hpp"

namespace scim::service {

// The exposition for the admin token `authorization` presents (any organization's; otherwise
// core::error(unauthorized)): every server-wide series, the series labelled with a directory
// of the token's organization only, and that organization's journal and mail outbox backlog.
std::string scrape_metrics(context const& ctx, std::string const& authorization);

}  // namespace scim::service
