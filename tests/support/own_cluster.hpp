#pragma once
// A PostgreSQL cluster of one test's own (tests/support/pg_cluster.sh), which the test may halt
// and resume with the same data and the same socket: outage tests must not stop the cluster
// that every other test shares.
//
//   own_cluster pg("synchronous_commit = on");
//   scimd_process server(pg.new_database());
//   pg.halt(own_cluster::stop::crash);  ... pg.resume();

#include <string>

namespace scim::testing {

class own_cluster {
public:
    // Starts it, with `conf` appended to its postgresql.conf (SCIMD_PG_CONF). Throws
    // std::runtime_error when it cannot.
    explicit own_cluster(std::string const& conf = {});
    ~own_cluster();  // stops it and deletes it
    own_cluster(own_cluster const&) = delete;
    own_cluster& operator=(own_cluster const&) = delete;

    // The maintenance database's connection string.
    std::string const& dsn() const noexcept { return dsn_; }
    // Creates an empty database and answers its connection string.
    std::string new_database(std::string const& name);

    // How the server goes down: as after `kill -9` (connections cut, crash recovery on
    // resume) or as `pg_ctl stop -m fast` does (sessions terminated, 57P01).
    enum class stop { crash, fast };
    void halt(stop how);
    void resume();

private:
    std::string state_dir_;
    std::string dsn_;
};

}  // namespace scim::testing
