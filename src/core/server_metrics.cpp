#include "scim/core/server_metrics.hpp"

namespace scim::core::metrics {
namespace {

// Request latency in seconds: from a cached read (a few ms) to a large Bulk or a slow database.
std::vector<double> const latency_buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

}  // namespace

// Each family is made on first use and never destroyed: objects that outlive main() (a database
// pool held in a static, a test's shared server) still move their gauges while the process's
// statics are being destroyed, in whatever order that happens.

family& http_requests() {
    static family& f =
        *new family("scimd_http_requests_total",
                    "HTTP requests answered, by route template (\"unmatched\" when no route took the path), method "
                    "and status.",
                    kind::counter, {"route", "method", "status"});
    return f;
}

family& http_request_duration() {
    static family& f =
        *new family("scimd_http_request_duration_seconds",
                    "Time from a request's first byte to the end of its response, by route template and method.",
                    kind::histogram, {"route", "method"}, latency_buckets);
    return f;
}

family& http_requests_shed() {
    static family& f =
        *new family("scimd_http_requests_shed_total",
                    "Requests answered 503 because every worker was busy and the queue was full.", kind::counter, {});
    return f;
}

family& http_connections_open() {
    static family& f = *new family("scimd_http_connections_open", "Client connections open now.", kind::gauge, {});
    return f;
}

family& worker_queue_depth() {
    static family& f = *new family("scimd_worker_queue_depth", "Requests waiting for a worker now.", kind::gauge, {});
    return f;
}

family& workers_busy() {
    static family& f = *new family("scimd_workers_busy", "Workers running a request now.", kind::gauge, {});
    return f;
}

family& db_connections() {
    static family& f = *new family("scimd_db_connections", "Connections of the database pool.", kind::gauge, {});
    return f;
}

family& db_connections_in_use() {
    static family& f =
        *new family("scimd_db_connections_in_use", "Connections of the database pool leased now.", kind::gauge, {});
    return f;
}

family& db_connection_waits() {
    static family& f =
        *new family("scimd_db_connection_waits_total",
                    "Leases that found no free connection in the pool and waited for one.", kind::counter, {});
    return f;
}

family& db_connection_wait_seconds() {
    static family& f = *new family("scimd_db_connection_wait_seconds_total",
                                   "Time spent waiting for a free connection of the pool.", kind::counter, {});
    return f;
}

family& scim_writes() {
    static family& f =
        *new family("scimd_scim_writes_total",
                    "SCIM writes journaled, by directory, resource type and outcome (ok: 2xx; rejected: 4xx; "
                    "failed: 5xx).",
                    kind::counter, {"directory", "resource", "outcome"});
    return f;
}

family& rate_limit_refusals() {
    static family& f =
        *new family("scimd_rate_limit_refusals_total", "SCIM requests refused with 429 by the directory's rate limit.",
                    kind::counter, {"directory"});
    return f;
}

family& exports_running() {
    static family& f =
        *new family("scimd_exports_running", "CSV exports this process is streaming now.", kind::gauge, {});
    return f;
}

void declare_server_metrics() {
    for (auto* f : {&http_requests, &http_request_duration, &http_requests_shed, &http_connections_open,
                    &worker_queue_depth, &workers_busy, &db_connections, &db_connections_in_use, &db_connection_waits,
                    &db_connection_wait_seconds, &scim_writes, &rate_limit_refusals, &exports_running}) {
        f();
    }
    // Families without labels show their one series from the start, at zero.
    for (auto* f : {&http_requests_shed, &http_connections_open, &worker_queue_depth, &workers_busy, &db_connections,
                    &db_connections_in_use, &db_connection_waits, &db_connection_wait_seconds, &exports_running}) {
        f().add({}, 0);
    }
}

}  // namespace scim::core::metrics
