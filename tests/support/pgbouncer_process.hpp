#pragma once
// PgBouncer (Debian's 1.18) as a child process in front of one database of a test cluster:
// pool_mode = transaction, as docs/database.md configures it (deploy/pgbouncer.ini), with fewer
// server connections than scimd opens, so that scimd's connections take turns on them and
// anything a session kept beyond a transaction would surface on another one.

#include <memory>
#include <string>

#include "support/child_process.hpp"

namespace scim::testing {

class pgbouncer_process {
public:
    // Serves the database of `dsn` (a test cluster's, keyword form, unix socket) as "scimd" on
    // 127.0.0.1 at a free port, with `server_connections` server connections at most.
    explicit pgbouncer_process(std::string const& dsn, int server_connections = 2);
    ~pgbouncer_process();
    pgbouncer_process(pgbouncer_process const&) = delete;
    pgbouncer_process& operator=(pgbouncer_process const&) = delete;

    // The connection string of the database through PgBouncer.
    std::string dsn_through() const;
    std::string log() const;

private:
    std::string dir_;
    unsigned short port_ = 0;
    std::unique_ptr<child_process> process_;
};

}  // namespace scim::testing
