#pragma once
// The --db connection string as SOCI must be given it. libpq reads two forms, keyword=value
// pairs and postgresql:// (or postgres://) URIs (PostgreSQL manual §34.1.1); SOCI 4.0.3 reads
// the first only and turns a URI without "=" into a database named "…=". libpq parses either
// form here and the result goes on in keyword form.

#include <string>
#include <string_view>

namespace scim::store {

// What scimd sets unless `dsn` (or, for connect_timeout, PGCONNECT_TIMEOUT) does, so that a
// database host that stops answering costs a request seconds, not the minutes of TCP: a
// connection attempt gives up after 5 s; an open connection whose host went silent (a statement
// waiting for its answer included) is found dead by TCP keepalives after 30 s of silence and
// 3 probes 10 s apart, and data left unacknowledged for 60 s ends it (TCP_USER_TIMEOUT).
// libpq applies the last four to TCP connections only, not to unix sockets.
struct connection_default {
    std::string_view keyword;
    std::string_view value;
};
inline constexpr connection_default connection_defaults[] = {
    {"connect_timeout", "5"},  {"keepalives_idle", "30"},     {"keepalives_interval", "10"},
    {"keepalives_count", "3"}, {"tcp_user_timeout", "60000"},
};

// `dsn` in keyword=value form, with connection_defaults added. Throws std::invalid_argument
// when libpq cannot parse `dsn`; its message never quotes the text, which may hold a password.
std::string keyword_connection_string(std::string const& dsn);

}  // namespace scim::store
