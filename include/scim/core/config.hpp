#pragma once
// Every limit scimd enforces has its name and default here, in one place; they are
// applied where input enters (http/ for transport limits, protocol/ for SCIM ones).

#include <chrono>
#include <cstddef>
#include <string>

namespace scim::core {

// docs/command-line.md "Connections": each has its --option.
struct http_limits {
    std::size_t max_body_bytes = 1024 * 1024;    // larger bodies get 413
    std::size_t max_header_bytes = 16 * 1024;    // larger header blocks get 431
    std::chrono::seconds read_timeout{30};       // to read one whole request
    std::chrono::seconds write_timeout{30};      // to write one whole response
    std::chrono::seconds idle_timeout{60};       // between keep-alive requests
    std::chrono::seconds handshake_timeout{10};  // TLS handshake
    std::chrono::seconds shutdown_grace{30};     // SIGTERM: time left for in-flight work
    // SIGTERM: how long /readyz answers 503 while requests are still served, before the listener
    // closes, so that a load balancer's health check stops sending new ones (docs/command-line.md).
    std::chrono::seconds shutdown_delay{5};
    // Open connections in all, and from one client address (an IPv6 /64). A connection
    // beyond either takes the place of the longest-idle one the limit counts; when all of
    // those are busy, it is closed at once.
    std::size_t max_connections = 1024;
    std::size_t max_connections_per_address = 256;
};

struct worker_limits {
    std::size_t threads = 8;         // request handlers; also the database pool size
    std::size_t queue_length = 256;  // waiting requests beyond the busy workers; then 503
    int retry_after_seconds = 2;     // what a 503 tells the client to wait
};

struct scim_limits {
    std::size_t default_page_size = 100;  // RFC 7644 §3.4.2.4 count when the client sends none
    std::size_t max_page_size = 1000;     // a larger count is capped to this
    std::size_t max_json_depth = 32;      // nesting of request bodies
    // Filters (RFC 7644 §3.4.2.2) are bounded before parsing and while parsing, so that no
    // filter can exhaust the stack or compile to pathological SQL.
    std::size_t max_filter_length = 4096;  // bytes
    std::size_t max_filter_depth = 16;     // nesting of "(", "not (" and "["
    std::size_t max_filter_terms = 64;     // comparisons and "pr" expressions
    // How long an RFC 9865 cursor stays valid (advertised as cursorTimeout).
    std::chrono::seconds cursor_timeout{3600};
    // Groups (DOMAIN.md: where other services cap groups silently, these limits answer with
    // an error, and a response that shows fewer members than a group has says so).
    std::size_t max_group_members = 200000;       // members one group may hold; more → 400
    std::size_t max_members_per_request = 10000;  // member values in one POST, PUT or PATCH; more → 413
    std::size_t max_members_shown = 10000;        // members in one Group response; the rest by paging
    // Work per request is bounded by the request's size (docs/errors.md "Limits").
    std::size_t max_patch_operations = 1000;  // operations in one PATCH; more → 413
    std::size_t max_attribute_values = 100;  // values of one multi-valued attribute (Group members aside); more → 400
};

// docs/bulk.md: POST /Bulk (RFC 7644 §3.7), both declared in /ServiceProviderConfig's "bulk";
// a request over either is refused whole with 413 (§3.7.4). The payload limit replaces
// http_limits::max_body_bytes for /Bulk: it is the only limit a Bulk body meets.
struct bulk_limits {
    std::size_t max_operations = 1000;            // operations in one Bulk request
    std::size_t max_payload_bytes = 1024 * 1024;  // bytes of one Bulk request body
};

// The longest string values, in UTF-8 bytes (docs/errors.md "Limits"; core/text_rules.hpp says
// which code points they may hold). Fixed rather than options: every indexed value must fit a
// PostgreSQL B-tree entry (2704 bytes) after lower(), which can make UTF-8 text half as long
// again ("İ", 2 bytes, becomes "i̇", 3), and two indexes hold two values each: department with
// name.familyName, and emails.type with emails.value (schemas/sql/013_listing.sql, 002_query.sql).
struct text_limits {
    static constexpr std::size_t label_bytes = 256;          // every "type", locale, timezone, preferredLanguage
    static constexpr std::size_t name_part_bytes = 512;      // name.givenName, name.familyName, ...
    static constexpr std::size_t line_bytes = 1024;          // every other one-line value: names, ids, references
    static constexpr std::size_t text_bytes = 4096;          // multi-line text: addresses, descriptions
    static constexpr std::size_t photo_bytes = 8192;         // photos.value, an image's URL
    static constexpr std::size_t certificate_bytes = 16384;  // x509Certificates.value, base64 DER
};

// PostgreSQL settings of every pooled connection (docs/command-line.md).
struct database_limits {
    // A statement that runs longer is cancelled, its transaction rolled back, and its request
    // answered 503 with Retry-After: no request holds a worker and a connection for ever.
    std::chrono::milliseconds statement_timeout{30000};
    // PostgreSQL closes a connection left idle inside a transaction this long, releasing its
    // locks. Longer than http_limits::write_timeout: a streamed export keeps its transaction
    // open while each chunk is written.
    std::chrono::milliseconds idle_in_transaction_timeout{60000};
};

// docs/login-hook.md: what the login service's reports may hold, and how long scimd keeps the
// devices they name. Each device is one row per account (the seed's "recently used devices"),
// not one per sign-in, so an account costs at most max_devices_per_account rows.
struct device_limits {
    static constexpr std::size_t device_id_bytes = 128;   // the login service's identifier of a device
    static constexpr std::size_t user_agent_bytes = 512;  // a User-Agent as the browser sent it
    std::size_t max_devices_per_account = 20;             // beyond, the least recently used device goes
    // A device not used for this long goes, and so does a sign-out older than this; checked
    // every --deletion-sweep-seconds and never shown meanwhile.
    std::size_t device_retention_days = 90;
    // How far ahead of scimd's clock a reported sign-in may lie (the two clocks differ).
    std::chrono::seconds sign_in_clock_skew{300};
};

// docs/mail.md: scimd delivers its outbox over SMTP when smtp_url is set; each has its
// --smtp-… option (docs/command-line.md "Mail").
struct mail_settings {
    // smtp://host[:port] (submission, STARTTLS required) or smtps://host[:port] (implicit TLS);
    // empty: no sender runs, and messages wait for `scimd drain-outbox`.
    std::string smtp_url;
    bool allow_plaintext = false;              // smtp:// may go on without STARTTLS (a relay on this host)
    std::string username;                      // AUTH when set
    std::string password_file;                 // the password, the file's first line
    std::string ca_file;                       // trusted roots for the server's certificate; empty: the system's
    std::string from_address;                  // envelope sender and From
    std::string from_name;                     // From's display name; may be empty
    std::chrono::seconds connect_timeout{10};  // TCP and TLS connect, each try
    std::chrono::seconds send_timeout{60};     // one whole message, connect included
    std::size_t batch_size = 20;               // messages claimed per round (one connection)
    std::chrono::seconds poll_interval{5};     // between rounds
    std::chrono::seconds retry_base{60};       // first retry after this, doubling each time
    std::size_t max_attempts = 8;              // then the message is failed
};

// docs/rate-limits.md: every authenticated SCIM request costs one token of its directory's
// bucket (RFC 6585 §4: 429 with Retry-After when it is empty). A directory without a limit of
// its own (admin API) has this one; each has its --rate-limit-… option.
struct rate_limit_settings {
    // Requests per second and burst. Generous: Microsoft asks SCIM services to take 25 requests a
    // second from one Entra job, a Bulk of 1,000 operations costs 1,001 tokens, and a limiter that
    // refuses too often puts an Entra job in quarantine. 0 per second: not limited by default.
    std::size_t default_per_second = 100;
    std::size_t default_burst = 3000;
    // Refused requests are journaled as one entry per directory per this interval, with their
    // count, so that a flood of refusals costs no flood of writes.
    std::chrono::seconds refusal_journal_interval{10};
    // Bounds for the server's options and the admin API's per-directory limits.
    static constexpr double min_per_second = 0.01;
    static constexpr double max_per_second = 100000;
    static constexpr std::size_t max_burst = 1000000;
};

struct config {
    std::string database_dsn;
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 8443;
    bool plain_http = false;
    std::string tls_cert_file;
    std::string tls_key_file;
    // Absolute base used in meta.location and Location headers. Empty: derived from
    // the scheme and the request's Host header.
    std::string public_url;
    std::size_t io_threads = 2;
    // The name server that domain verification asks for TXT records, as IPv4 HOST:PORT;
    // empty: the system's resolver (/etc/resolv.conf).
    std::string dns_server;
    // DOMAIN.md: a deleted account stays pending deletion, cancellable, this many days.
    int account_deletion_grace_days = 14;
    // How often accounts whose grace period ended are erased.
    std::chrono::seconds deletion_sweep_interval{300};
    // docs/journal.md: journal entries are kept this many days (0: forever), checked with the
    // deletion sweep.
    std::size_t journal_retention_days = 90;
    // docs/authentication.md "Token cache": how long a directory token read from the database is
    // trusted without reading it again (0: never); a revocation on another replica takes effect
    // here within this time.
    std::chrono::milliseconds token_cache_lifetime{1000};
    // docs/exports.md: each running export holds one of the database pool's connections
    // (workers.threads) until its last row, so only this many run at once; more → 503.
    std::size_t max_concurrent_exports = 2;
    // docs/console.md "Security": how long an admin console session lasts from its sign-in
    // (8 hours: a working day); the cookie's Max-Age.
    std::chrono::seconds console_session_lifetime{28800};
    http_limits http;
    worker_limits workers;
    database_limits database;
    scim_limits scim;
    bulk_limits bulk;
    device_limits devices;
    mail_settings mail;
    rate_limit_settings rate_limits;
};

}  // namespace scim::core
