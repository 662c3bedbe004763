// The composition root: the only place that wires modules together.
//
//   scimd serve --db DSN [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE | --plain-http] ...
//   scimd bootstrap --db DSN --org NAME --directory NAME
//   scimd admin-token --db DSN --org NAME [--label TEXT]
//   scimd api-token --db DSN --email ADDRESS --label TEXT [--expires-days N]
//   scimd drain-outbox --db DSN [--limit N]
//   scimd migrate --db DSN
//   scimd ready [--listen HOST:PORT] [--plain-http] [--ready-timeout-seconds N]
//
// docs/command-line.md is the reference.

#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "scim/admin/routes.hpp"
#include "scim/api/routes.hpp"
#include "scim/core/command_line.hpp"
#include "scim/core/config.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/core/memory.hpp"
#include "scim/core/periodic_task.hpp"
#include "scim/core/readiness.hpp"
#include "scim/core/server_metrics.hpp"
#include "scim/core/text_rules.hpp"
#include "scim/http/message.hpp"
#include "scim/http/readiness_probe.hpp"
#include "scim/http/router.hpp"
#include "scim/http/server.hpp"
#include "scim/http/tls.hpp"
#include "scim/mail/message.hpp"
#include "scim/mail/smtp.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/service/console_sessions.hpp"
#include "scim/service/context.hpp"
#include "scim/service/devices.hpp"
#include "scim/service/directory_rate_limits.hpp"
#include "scim/service/listing_memory.hpp"
#include "scim/service/mail_delivery.hpp"
#include "scim/service/operations.hpp"
#include "scim/service/rate_limiter.hpp"
#include "scim/service/token_cache.hpp"
#include "scim/store/database.hpp"

namespace {

using namespace scim;

constexpr char const* usage = R"(usage:
  scimd serve --db DSN [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE | --plain-http]
              [--public-url URL] [--workers N] [--queue N] [--io-threads N] [--dns-server IP:PORT]
              [--deletion-sweep-seconds N] [--journal-retention-days N] [--max-concurrent-exports N] [--token-cache-ms N]
              [--console-session-seconds N] [--max-body-bytes N] [--max-group-members N] [--max-members-per-request N]
              [--max-devices-per-account N] [--device-retention-days N] [--sign-in-clock-skew-seconds N]
              [--max-members-shown N] [--max-patch-operations N] [--max-attribute-values N]
              [--bulk-max-operations N] [--bulk-max-payload-bytes N]
              [--statement-timeout-ms N] [--idle-in-transaction-timeout-ms N] [--db-transaction-pooling]
              [--max-connections N] [--max-connections-per-address N]
              [--max-header-bytes N] [--handshake-timeout-seconds N] [--read-timeout-seconds N]
              [--write-timeout-seconds N] [--idle-timeout-seconds N] [--shutdown-grace-seconds N]
              [--shutdown-delay-seconds N]
              [--rate-limit-default-rps N] [--rate-limit-default-burst N] [--rate-limit-journal-seconds N]
              [--log-level debug|info|warn|error] [--log-format text|json]
              [--smtp-url smtp://HOST[:PORT]|smtps://HOST[:PORT] --smtp-from ADDRESS [--smtp-from-name NAME]
               [--smtp-user NAME --smtp-password-file FILE] [--smtp-ca-file FILE] [--smtp-allow-plaintext]
               [--smtp-connect-timeout-seconds N] [--smtp-send-timeout-seconds N] [--smtp-batch-size N]
               [--smtp-poll-seconds N] [--smtp-retry-seconds N] [--smtp-max-attempts N]]
  scimd bootstrap --db DSN --org NAME --directory NAME [--patch-response default|minimal|representation]
                  [--public-url URL]
  scimd admin-token --db DSN --org NAME [--label TEXT]
  scimd api-token --db DSN --email ADDRESS --label TEXT [--expires-days N]
  scimd drain-outbox --db DSN [--limit N]
  scimd migrate --db DSN
  scimd ready [--listen HOST:PORT] [--plain-http] [--ready-timeout-seconds N]
DSN is a libpq connection string, keyword=value pairs ("host=/run/postgresql dbname=scimd") or a URI
("postgresql://u@h/db", "postgres://…"), several hosts for failover ("host=a,b port=5432,5432
target_session_attrs=read-write"). Every command that takes --db also takes --db-file FILE (the
DSN read from a file) and --db-password-file FILE (the password added to the DSN), and
--db-transaction-pooling when DSN names a pooler in transaction mode (PgBouncer pool_mode =
transaction; docs/database.md).
Every option is also an environment variable (--max-body-bytes N as SCIMD_MAX_BODY_BYTES=N, a flag as
SCIMD_PLAIN_HTTP=true|false) and a line of the file of --config FILE or SCIMD_CONFIG
("max-body-bytes = N"); the command line wins over the environment, the environment over the file.
`scimd <command> --help` lists the command's options with their variables.
)";

std::pair<std::string, unsigned short> parse_listen(std::string const& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT");
    auto host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    auto digits = listen.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (host.empty() || ec != std::errc() || end != digits.data() + digits.size() || port > 65535) {
        throw std::invalid_argument("--listen must be HOST:PORT with a port from 0 to 65535");
    }
    return {host, static_cast<unsigned short>(port)};
}

// docs/command-line.md "Connections": the transport's limits and timeouts.
void read_connection_limits(core::command_line const& cl, core::http_limits& limits) {
    limits.max_body_bytes = cl.positive_number_or("max-body-bytes", limits.max_body_bytes);
    limits.max_header_bytes = cl.positive_number_or("max-header-bytes", limits.max_header_bytes);
    limits.max_connections = cl.positive_number_or("max-connections", limits.max_connections);
    limits.max_connections_per_address =
        cl.positive_number_or("max-connections-per-address", limits.max_connections_per_address);
    // A day at most: longer deadlines would overflow the clocks' arithmetic, and no client needs them.
    auto const seconds = [&cl](std::string const& name, std::chrono::seconds fallback) {
        auto const n = cl.positive_number_or(name, static_cast<std::size_t>(fallback.count()));
        if (n > 86400) throw std::invalid_argument("--" + name + " must be at most 86400");
        return std::chrono::seconds(n);
    };
    limits.handshake_timeout = seconds("handshake-timeout-seconds", limits.handshake_timeout);
    limits.read_timeout = seconds("read-timeout-seconds", limits.read_timeout);
    limits.write_timeout = seconds("write-timeout-seconds", limits.write_timeout);
    limits.idle_timeout = seconds("idle-timeout-seconds", limits.idle_timeout);
    limits.shutdown_grace = seconds("shutdown-grace-seconds", limits.shutdown_grace);
    // 0 is allowed: no delay, for a process no load balancer sends to.
    auto const delay = cl.number_or("shutdown-delay-seconds", static_cast<std::size_t>(limits.shutdown_delay.count()));
    if (delay > 3600) throw std::invalid_argument("--shutdown-delay-seconds must be at most 3600");
    limits.shutdown_delay = std::chrono::seconds(delay);
}

// docs/rate-limits.md: the limit of directories that have none of their own, and how often
// refusals are journaled.
std::vector<std::string> const rate_limit_value_options{"rate-limit-default-rps", "rate-limit-default-burst",
                                                        "rate-limit-journal-seconds"};

core::rate_limit_settings read_rate_limits(core::command_line const& cl) {
    core::rate_limit_settings limits;
    limits.default_per_second = cl.number_or("rate-limit-default-rps", limits.default_per_second);
    if (static_cast<double>(limits.default_per_second) > core::rate_limit_settings::max_per_second)
        throw std::invalid_argument("--rate-limit-default-rps must be at most 100000");
    limits.default_burst = cl.positive_number_or("rate-limit-default-burst", limits.default_burst);
    if (limits.default_burst > core::rate_limit_settings::max_burst)
        throw std::invalid_argument("--rate-limit-default-burst must be at most 1000000");
    limits.refusal_journal_interval = std::chrono::seconds(cl.positive_number_or(
        "rate-limit-journal-seconds", static_cast<std::size_t>(limits.refusal_journal_interval.count())));
    if (limits.refusal_journal_interval > std::chrono::hours(1))
        throw std::invalid_argument("--rate-limit-journal-seconds must be at most 3600");
    return limits;
}

// docs/command-line.md "Mail": the SMTP sender's options, all or none of them with --smtp-url.
std::vector<std::string> const smtp_value_options{"smtp-url",
                                                  "smtp-from",
                                                  "smtp-from-name",
                                                  "smtp-user",
                                                  "smtp-password-file",
                                                  "smtp-ca-file",
                                                  "smtp-connect-timeout-seconds",
                                                  "smtp-send-timeout-seconds",
                                                  "smtp-batch-size",
                                                  "smtp-poll-seconds",
                                                  "smtp-retry-seconds",
                                                  "smtp-max-attempts"};

core::mail_settings read_mail_settings(core::command_line const& cl) {
    core::mail_settings m;
    auto const url = cl.value("smtp-url");
    if (!url) {
        for (auto const& name : smtp_value_options) {
            if (cl.value(name)) throw std::invalid_argument("--" + name + " needs --smtp-url");
        }
        if (cl.flag("smtp-allow-plaintext")) throw std::invalid_argument("--smtp-allow-plaintext needs --smtp-url");
        return m;
    }
    m.smtp_url = *url;
    bool const starttls = m.smtp_url.rfind("smtp://", 0) == 0;
    auto const host = m.smtp_url.substr(m.smtp_url.find("://") + 3);
    // Credentials go in --smtp-user and --smtp-password-file, never in a URL that logs and
    // process listings show.
    if ((!starttls && m.smtp_url.rfind("smtps://", 0) != 0) || host.empty() ||
        host.find_first_of("@/?# \t") != std::string::npos) {
        throw std::invalid_argument("--smtp-url must be smtp://HOST[:PORT] or smtps://HOST[:PORT]");
    }
    m.allow_plaintext = cl.flag("smtp-allow-plaintext");
    if (m.allow_plaintext && !starttls) throw std::invalid_argument("--smtp-allow-plaintext goes with smtp:// only");
    m.from_address = cl.required("smtp-from");
    if (!mail::is_plain_address(m.from_address))
        throw std::invalid_argument("--smtp-from must be a plain address, local@domain");
    m.from_name = cl.value_or("smtp-from-name", "");
    m.username = cl.value_or("smtp-user", "");
    m.password_file = cl.value_or("smtp-password-file", "");
    if (m.username.empty() != m.password_file.empty())
        throw std::invalid_argument("--smtp-user and --smtp-password-file go together");
    m.ca_file = cl.value_or("smtp-ca-file", "");
    // A day at most, as the connections' timeouts; and small enough for the claim's lease.
    auto const seconds = [&cl](std::string const& name, std::chrono::seconds fallback) {
        auto const n = cl.positive_number_or(name, static_cast<std::size_t>(fallback.count()));
        if (n > 86400) throw std::invalid_argument("--" + name + " must be at most 86400");
        return std::chrono::seconds(n);
    };
    m.connect_timeout = seconds("smtp-connect-timeout-seconds", m.connect_timeout);
    m.send_timeout = seconds("smtp-send-timeout-seconds", m.send_timeout);
    m.poll_interval = seconds("smtp-poll-seconds", m.poll_interval);
    m.retry_base = seconds("smtp-retry-seconds", m.retry_base);
    m.batch_size = cl.positive_number_or("smtp-batch-size", m.batch_size);
    if (m.batch_size > 1000) throw std::invalid_argument("--smtp-batch-size must be at most 1000");
    m.max_attempts = cl.positive_number_or("smtp-max-attempts", m.max_attempts);
    if (m.max_attempts > 100) throw std::invalid_argument("--smtp-max-attempts must be at most 100");
    return m;
}

// The password: the file's first line, without its line end.
std::string read_password_file(std::string const& file) {
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line)) throw std::invalid_argument("--smtp-password-file: cannot read " + file);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// docs/database.md "PgBouncer": the connections go through a pooler in transaction mode. Every
// command that connects takes it, for each runs its migrations first.
constexpr char const* transaction_pooling_flag = "db-transaction-pooling";

// The database of a one-shot command: one connection.
store::database one_connection(core::command_line const& cl) {
    store::connection_settings settings;
    settings.transaction_pooling = cl.flag(transaction_pooling_flag);
    return store::database(cl.required("db"), 1, settings);
}

core::log::level parse_level(std::string const& name) {
    if (name == "debug") return core::log::level::debug;
    if (name == "info") return core::log::level::info;
    if (name == "warn") return core::log::level::warn;
    if (name == "error") return core::log::level::error;
    throw std::invalid_argument("--log-level must be debug, info, warn or error");
}

core::log::format parse_log_format(std::string const& name) {
    if (name == "text") return core::log::format::text;
    if (name == "json") return core::log::format::json;
    throw std::invalid_argument("--log-format must be text or json");
}

int serve(std::vector<std::string> const& args) {
    std::set<std::string> value_options{"db",
                                        "listen",
                                        "tls-cert",
                                        "tls-key",
                                        "public-url",
                                        "workers",
                                        "queue",
                                        "io-threads",
                                        "max-body-bytes",
                                        "dns-server",
                                        "deletion-sweep-seconds",
                                        "max-group-members",
                                        "max-members-per-request",
                                        "max-members-shown",
                                        "log-level",
                                        "journal-retention-days",
                                        "max-concurrent-exports",
                                        "token-cache-ms",
                                        "statement-timeout-ms",
                                        "idle-in-transaction-timeout-ms",
                                        "max-patch-operations",
                                        "max-attribute-values",
                                        "max-connections",
                                        "max-connections-per-address",
                                        "max-header-bytes",
                                        "handshake-timeout-seconds",
                                        "read-timeout-seconds",
                                        "write-timeout-seconds",
                                        "idle-timeout-seconds",
                                        "shutdown-grace-seconds",
                                        "shutdown-delay-seconds",
                                        "log-format",
                                        "max-devices-per-account",
                                        "device-retention-days",
                                        "sign-in-clock-skew-seconds",
                                        "bulk-max-operations",
                                        "bulk-max-payload-bytes",
                                        "console-session-seconds"};
    value_options.insert(smtp_value_options.begin(), smtp_value_options.end());
    value_options.insert(rate_limit_value_options.begin(), rate_limit_value_options.end());
    core::command_line cl(args, value_options, {"plain-http", "smtp-allow-plaintext", transaction_pooling_flag});
    core::log::set_level(parse_level(cl.value_or("log-level", "info")));
    core::log::set_format(parse_log_format(cl.value_or("log-format", "text")));
    // docs/command-line.md "Environment and configuration file": a misspelt setting would
    // otherwise go unnoticed; only its name is logged, never its value.
    for (auto const& name : cl.ignored_settings()) core::log::warn("setting ignored: no such option", {{"name", name}});
    core::metrics::declare_server_metrics();
    core::config config;
    config.database_dsn = cl.required("db");
    std::tie(config.listen_host, config.listen_port) = parse_listen(cl.value_or("listen", "127.0.0.1:8443"));
    config.plain_http = cl.flag("plain-http");
    config.tls_cert_file = cl.value_or("tls-cert", "");
    config.tls_key_file = cl.value_or("tls-key", "");
    if (config.plain_http && !(config.tls_cert_file.empty() && config.tls_key_file.empty())) {
        throw std::invalid_argument("--plain-http cannot be combined with --tls-cert/--tls-key");
    }
    if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
        throw std::invalid_argument("--tls-cert and --tls-key go together");
    }
    if (auto const url = cl.value("public-url")) config.public_url = http::public_url_option(*url);
    config.dns_server = cl.value_or("dns-server", "");
    config.deletion_sweep_interval = std::chrono::seconds(cl.positive_number_or(
        "deletion-sweep-seconds", static_cast<std::size_t>(config.deletion_sweep_interval.count())));
    config.journal_retention_days = cl.number_or("journal-retention-days", config.journal_retention_days);
    if (config.journal_retention_days > 36500)
        throw std::invalid_argument("--journal-retention-days must be at most 36500");
    config.max_concurrent_exports = cl.positive_number_or("max-concurrent-exports", config.max_concurrent_exports);
    config.token_cache_lifetime = std::chrono::milliseconds(
        cl.number_or("token-cache-ms", static_cast<std::size_t>(config.token_cache_lifetime.count())));
    // docs/authentication.md: a revocation must reach every replica within a second.
    if (config.token_cache_lifetime > std::chrono::seconds(1))
        throw std::invalid_argument("--token-cache-ms must be at most 1000");
    // docs/console.md "Security": a minute to a week.
    config.console_session_lifetime = std::chrono::seconds(cl.positive_number_or(
        "console-session-seconds", static_cast<std::size_t>(config.console_session_lifetime.count())));
    if (config.console_session_lifetime > std::chrono::days(7))
        throw std::invalid_argument("--console-session-seconds must be at most 604800");
    // docs/login-hook.md: the devices the login service reports, and how long they are kept.
    config.devices.max_devices_per_account =
        cl.positive_number_or("max-devices-per-account", config.devices.max_devices_per_account);
    if (config.devices.max_devices_per_account > 1000)
        throw std::invalid_argument("--max-devices-per-account must be at most 1000");
    config.devices.device_retention_days =
        cl.positive_number_or("device-retention-days", config.devices.device_retention_days);
    if (config.devices.device_retention_days > 36500)
        throw std::invalid_argument("--device-retention-days must be at most 36500");
    config.devices.sign_in_clock_skew = std::chrono::seconds(cl.number_or(
        "sign-in-clock-skew-seconds", static_cast<std::size_t>(config.devices.sign_in_clock_skew.count())));
    if (config.devices.sign_in_clock_skew > std::chrono::hours(24))
        throw std::invalid_argument("--sign-in-clock-skew-seconds must be at most 86400");
    config.workers.threads = cl.positive_number_or("workers", config.workers.threads);
    config.workers.queue_length = cl.positive_number_or("queue", config.workers.queue_length);
    config.io_threads = cl.positive_number_or("io-threads", config.io_threads);
    read_connection_limits(cl, config.http);
    config.scim.max_group_members = cl.positive_number_or("max-group-members", config.scim.max_group_members);
    config.scim.max_members_per_request =
        cl.positive_number_or("max-members-per-request", config.scim.max_members_per_request);
    config.scim.max_members_shown = cl.positive_number_or("max-members-shown", config.scim.max_members_shown);
    config.scim.max_patch_operations = cl.positive_number_or("max-patch-operations", config.scim.max_patch_operations);
    config.scim.max_attribute_values = cl.positive_number_or("max-attribute-values", config.scim.max_attribute_values);
    // docs/bulk.md: both are declared in /ServiceProviderConfig (RFC 7644 §3.7.4).
    config.bulk.max_operations = cl.positive_number_or("bulk-max-operations", config.bulk.max_operations);
    config.bulk.max_payload_bytes = cl.positive_number_or("bulk-max-payload-bytes", config.bulk.max_payload_bytes);
    config.database.statement_timeout = std::chrono::milliseconds(cl.positive_number_or(
        "statement-timeout-ms", static_cast<std::size_t>(config.database.statement_timeout.count())));
    config.database.idle_in_transaction_timeout = std::chrono::milliseconds(
        cl.positive_number_or("idle-in-transaction-timeout-ms",
                              static_cast<std::size_t>(config.database.idle_in_transaction_timeout.count())));
    // PostgreSQL keeps both settings as a 32-bit count of milliseconds.
    constexpr std::chrono::milliseconds longest_timeout{2147483647};
    if (config.database.statement_timeout > longest_timeout)
        throw std::invalid_argument("--statement-timeout-ms must be at most 2147483647");
    if (config.database.idle_in_transaction_timeout > longest_timeout)
        throw std::invalid_argument("--idle-in-transaction-timeout-ms must be at most 2147483647");

    config.rate_limits = read_rate_limits(cl);
    config.mail = read_mail_settings(cl);
    // Read before serving: a missing file stops the start, not the first message.
    auto const smtp_password = config.mail.password_file.empty() ? "" : read_password_file(config.mail.password_file);

    auto registry = protocol::schema_registry::builtin();
    // One session per worker: a worker never waits for a connection.
    store::database db(config.database_dsn, config.workers.threads,
                       {config.database, config.workers.retry_after_seconds, cl.flag(transaction_pooling_flag)});
    service::migrate(db);

    // Entries for this many tokens at most: far more directories than one scimd serves.
    constexpr std::size_t token_cache_capacity = 10000;
    service::token_cache tokens(config.token_cache_lifetime, token_cache_capacity);
    // Page ends and counts of this many listings each: more than the identity providers that
    // import at once.
    constexpr std::size_t listing_memory_capacity = 4096;
    service::listing_memory listings(listing_memory_capacity);
    // Buckets of this many directories at most (full ones are forgotten first): far more
    // directories than one scimd serves.
    constexpr std::size_t rate_limiter_capacity = 10000;
    service::rate_limiter rate_limits(rate_limiter_capacity);
    core::readiness readiness;
    service::context const ctx{db,     registry, config,      service::cursor_signing_key(db),
                               tokens, listings, rate_limits, readiness};
    http::router routes(api::render_error);
    api::add_routes(routes, ctx);
    admin::add_routes(routes, ctx);

    http::server_options options;
    options.host = config.listen_host;
    options.port = config.listen_port;
    options.io_threads = config.io_threads;
    options.limits = config.http;
    options.workers = config.workers;
    options.on_shutdown_requested = [&readiness] { readiness.withdraw(); };
    if (!config.plain_http) {
        options.tls = config.tls_cert_file.empty() ? http::self_signed_localhost()
                                                   : http::load_tls_material(config.tls_cert_file, config.tls_key_file);
    }
    http::server server(std::move(options), routes);
    server.bind();
    // The one line on stdout: scripts and test harnesses wait for it.
    std::cout << "scimd listening on " << server.base_url() << std::endl;
    core::log::info("serving", {{"url", server.base_url()}});
    // DOMAIN.md: an account pending deletion is erased when its grace period ends.
    core::periodic_task deletion_sweep("deletion sweep", config.deletion_sweep_interval, [&db] {
        auto const erased = service::erase_due_accounts(db);
        if (erased > 0) core::log::info("accounts erased", {{"count", std::to_string(erased)}});
    });
    // docs/journal.md: journal entries older than --journal-retention-days go (0 keeps them all).
    core::periodic_task journal_retention("journal retention", config.deletion_sweep_interval, [&db, &config] {
        if (config.journal_retention_days == 0) return;
        auto const erased = service::erase_journal_older_than(db, static_cast<int>(config.journal_retention_days));
        if (erased > 0) core::log::info("journal entries erased", {{"count", std::to_string(erased)}});
    });
    // docs/login-hook.md: devices unused, and sign-outs made, more than --device-retention-days ago go.
    core::periodic_task device_retention("device retention", config.deletion_sweep_interval, [&db, &config] {
        auto const erased =
            service::erase_devices_older_than(db, static_cast<int>(config.devices.device_retention_days));
        if (erased > 0) core::log::info("devices erased", {{"count", std::to_string(erased)}});
    });
    // docs/console.md "Security": console sessions ended or expired more than a day ago go.
    core::periodic_task console_session_sweep("console session sweep", config.deletion_sweep_interval, [&db] {
        auto const erased = service::erase_old_console_sessions(db);
        if (erased > 0) core::log::info("console sessions erased", {{"count", std::to_string(erased)}});
    });
    // docs/paging.md: the tallies that listings read for totalResults take in the writes'
    // changes, so that reading a tally stays one lookup and a few unfolded changes.
    core::periodic_task tally_fold("tally fold", std::chrono::seconds(1),
                                   [&db] { service::fold_resource_tallies(db); });
    // docs/mail.md: with --smtp-url, this process sends the outbox; its claims carry a random
    // name of its own, so that replicas sharing the database never send one message twice.
    std::unique_ptr<mail::smtp_sender> smtp;
    std::unique_ptr<core::periodic_task> mail_delivery;
    if (!config.mail.smtp_url.empty()) {
        smtp = std::make_unique<mail::smtp_sender>(config.mail, smtp_password);
        mail_delivery = std::make_unique<core::periodic_task>(
            "mail delivery", config.mail.poll_interval, [&db, &smtp, claimant = core::random_token(12)] {
                auto const round = service::deliver_outbox(db, *smtp, claimant);
                if (round.sent + round.retrying + round.failed > 0) {
                    core::log::info("mail round", {{"sent", std::to_string(round.sent)},
                                                   {"retrying", std::to_string(round.retrying)},
                                                   {"failed", std::to_string(round.failed)}});
                }
            });
    }
    // docs/rate-limits.md: refused requests are journaled as one entry per directory per interval.
    core::periodic_task refusal_journal("rate-limit refusals", config.rate_limits.refusal_journal_interval,
                                        [&db, &rate_limits] { service::journal_rate_limit_refusals(db, rate_limits); });
    // Memory freed after a burst (connections, large requests) goes back to the system.
    core::periodic_task memory_release("memory release", std::chrono::seconds(10), [] { core::release_free_memory(); });
    server.run();
    // The last interval's refusals, before the process ends.
    service::journal_rate_limit_refusals(db, rate_limits);
    core::log::info("stopped");
    return 0;
}

int bootstrap(std::vector<std::string> const& args) {
    core::command_line cl(args, {"db", "org", "directory", "patch-response", "public-url"}, {transaction_pooling_flag});
    auto const patch_response = cl.value("patch-response");
    if (patch_response && *patch_response != "default" && *patch_response != "minimal" &&
        *patch_response != "representation") {
        throw std::invalid_argument("--patch-response must be default, minimal or representation");
    }
    auto db = one_connection(cl);
    service::migrate(db);
    auto const made = service::bootstrap(db, cl.required("org"), cl.required("directory"), patch_response);
    boost::json::object out{{"organization_id", made.organization_id},
                            {"directory_id", made.directory_id},
                            {"base_path", "/scim/directory/" + made.directory_id},
                            {"token", made.token}};
    // With the URL clients reach scimd at (serve's --public-url), the SCIM base URL ready to
    // paste into an identity provider.
    if (auto const url = cl.value("public-url"))
        out["base_url"] = http::public_url_option(*url) + "/scim/directory/" + made.directory_id;
    std::cout << boost::json::serialize(out) << std::endl;
    return 0;
}

// Prints {"organization_id", "id", "label", "token"}: a new admin token for the organization
// (created when it does not exist), labelled "scimd admin-token" unless --label says otherwise,
// shown once. The organization's first token comes from here; the admin API mints the others.
int admin_token(std::vector<std::string> const& args) {
    core::command_line cl(args, {"db", "org", "label"}, {transaction_pooling_flag});
    auto const label = cl.value_or("label", "scimd admin-token");
    if (label.empty()) throw std::invalid_argument("--label must not be empty");
    if (auto const problem = core::text_problem(label, {core::text_limits::label_bytes}))
        throw std::invalid_argument("--label " + *problem);
    auto db = one_connection(cl);
    service::migrate(db);
    auto const issued = service::issue_admin_token(db, cl.required("org"), label);
    std::cout << boost::json::serialize(boost::json::object{{"organization_id", issued.organization_id},
                                                            {"id", issued.info.id},
                                                            {"label", issued.info.label},
                                                            {"token", issued.token}})
              << std::endl;
    return 0;
}

// Prints {"account_id", "id", "label", "expires", "token"}: a new API token of the account
// with that address, shown once (users create theirs in the products; this is for operators
// and tests).
int api_token(std::vector<std::string> const& args) {
    core::command_line cl(args, {"db", "email", "label", "expires-days"}, {transaction_pooling_flag});
    std::optional<int> expires_in_days;
    if (cl.value("expires-days")) expires_in_days = static_cast<int>(cl.positive_number_or("expires-days", 1));
    auto db = one_connection(cl);
    service::migrate(db);
    auto const issued = service::issue_api_token(db, cl.required("email"), cl.required("label"), expires_in_days);
    boost::json::object out{{"account_id", issued.account_id},
                            {"id", issued.row.id},
                            {"label", issued.row.label},
                            {"expires", issued.row.expires ? boost::json::value(*issued.row.expires) : nullptr},
                            {"token", issued.token}};
    std::cout << boost::json::serialize(out) << std::endl;
    return 0;
}

// The mailer's hook where scimd sends no mail itself (no --smtp-url): prints the queued
// messages, one JSON object a line ({"id", "to", "kind", "subject", "body"}), and forgets their
// bodies, so that each link exists in clear only until it is handed over (docs/mail.md).
int drain_outbox(std::vector<std::string> const& args) {
    core::command_line cl(args, {"db", "limit"}, {transaction_pooling_flag});
    auto const limit = static_cast<std::int64_t>(cl.positive_number_or("limit", 100));
    auto db = one_connection(cl);
    service::migrate(db);
    auto const messages = service::drain_outbox(db, limit);
    for (auto const& m : messages) {
        std::cout << boost::json::serialize(boost::json::object{
                         {"id", m.id}, {"to", m.to}, {"kind", m.kind}, {"subject", m.subject}, {"body", m.body}})
                  << "\n";
    }
    std::cout.flush();
    return 0;
}

int migrate_command(std::vector<std::string> const& args) {
    core::command_line cl(args, {"db"}, {transaction_pooling_flag});
    auto db = one_connection(cl);
    service::migrate(db);
    return 0;
}

// docs/command-line.md "scimd ready": a container's health check. It reads --listen and
// --plain-http from the same sources as serve, so that the service's environment (or --config)
// is all it needs; serve's other settings there are none of its business and pass unremarked.
// Exit status 0 when /readyz answers 200, else 1 — also for a bad setting, since Docker reserves
// a health check's exit status 2.
int ready_command(std::vector<std::string> const& args) {
    try {
        core::command_line cl(args, {"listen", "ready-timeout-seconds"}, {"plain-http"});
        http::probe_target target;
        std::tie(target.host, target.port) = parse_listen(cl.value_or("listen", "127.0.0.1:8443"));
        target.tls = !cl.flag("plain-http");
        auto const seconds = cl.positive_number_or("ready-timeout-seconds", 3);
        if (seconds > 60) throw std::invalid_argument("--ready-timeout-seconds must be at most 60");
        target.timeout = std::chrono::seconds(seconds);
        auto const outcome = http::probe_readiness(target);
        (outcome.ready ? std::cout : std::cerr) << "scimd ready: " << outcome.summary << "\n";
        return outcome.ready ? 0 : 1;
    } catch (std::invalid_argument const& e) {
        std::cerr << "scimd ready: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "help") {
        std::fputs(usage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    auto command = args.front();
    args.erase(args.begin());
    try {
        if (command == "serve") return serve(args);
        if (command == "bootstrap") return bootstrap(args);
        if (command == "admin-token") return admin_token(args);
        if (command == "api-token") return api_token(args);
        if (command == "drain-outbox") return drain_outbox(args);
        if (command == "migrate") return migrate_command(args);
        if (command == "ready") return ready_command(args);
        std::cerr << "unknown command: " << command << "\n" << usage;
        return 2;
    } catch (scim::core::help_requested const& help) {
        std::cout << usage << help.what();
        return 0;
    } catch (std::invalid_argument const& e) {
        std::cerr << "scimd: " << e.what() << "\n" << usage;
        return 2;
    } catch (scim::core::error const& e) {
        std::cerr << "scimd: " << e.detail() << "\n";
        return 1;
    } catch (std::exception const& e) {
        std::cerr << "scimd: " << e.what() << "\n";
        return 1;
    }
}
