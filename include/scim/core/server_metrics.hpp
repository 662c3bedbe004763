#pragma once
// Every metric family scimd keeps, in one place (docs/metrics.md lists them with their labels).
// Names follow Prometheus' conventions: `scimd_` prefix, base units, `_total` for counters.
// A label named "directory" holds a directory id: a scrape shows such a series only to an
// admin of that directory's organization (service/metrics.hpp).

#include "scim/core/metrics.hpp"

namespace scim::core::metrics {

// HTTP, by route template (the router's pattern, never the raw path), method and status.
family& http_requests();          // scimd_http_requests_total{route,method,status}
family& http_request_duration();  // scimd_http_request_duration_seconds{route,method}
family& http_requests_shed();     // scimd_http_requests_shed_total: 503, workers and queue full
family& http_connections_open();  // scimd_http_connections_open
family& worker_queue_depth();     // scimd_worker_queue_depth
family& workers_busy();           // scimd_workers_busy

// The database pool.
family& db_connections();              // scimd_db_connections
family& db_connections_in_use();       // scimd_db_connections_in_use
family& db_connection_waits();         // scimd_db_connection_waits_total
family& db_connection_wait_seconds();  // scimd_db_connection_wait_seconds_total

// SCIM and the admin API's work.
family& scim_writes();          // scimd_scim_writes_total{directory,resource,outcome}
family& rate_limit_refusals();  // scimd_rate_limit_refusals_total{directory}
family& exports_running();      // scimd_exports_running

// Registers every family above, so that a scrape shows each one before it is first used.
void declare_server_metrics();

}  // namespace scim::core::metrics
