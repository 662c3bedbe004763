#pragma once
// PgBouncer (Debian's 1.18) as a child process in front of one database of a test cluster:
// pool_mode = transaction, as docs/database.md configures it (deploy/pgbouncer.ini), with fewer
// server connections than scimd opens, so that scimd's connections take turns on them and
// anything a session kept beyond a transaction would surface on another one.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <libpq-fe.h>

#include "support/free_port.hpp"
#include "support/pg_connection.hpp"

extern char** environ;

namespace scim::testing {

class pgbouncer_process {
public:
    // Serves the database of `dsn` (a test cluster's, keyword form, unix socket) as "scimd" on
    // 127.0.0.1 at a free port, with `server_connections` server connections at most.
    explicit pgbouncer_process(std::string const& dsn, int server_connections = 2) {
        pg_connection target(dsn);
        auto const socket_dir = target.value("SELECT current_setting('unix_socket_directories')");
        auto const server_port = target.value("SELECT current_setting('port')");
        auto const database = target.value("SELECT current_database()");
        char dir[] = "/tmp/scimd-pgbouncer.XXXXXX";
        if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
        dir_ = dir;
        port_ = free_loopback_port(SOCK_STREAM);
        std::ofstream(dir_ + "/pgbouncer.ini")
            << "[databases]\n"
            << "scimd = host=" << socket_dir << " port=" << server_port << " dbname=" << database << " user=postgres\n"
            << "[pgbouncer]\n"
            << "listen_addr = 127.0.0.1\nlisten_port = " << port_ << "\nunix_socket_dir =\n"
            << "auth_type = any\npool_mode = transaction\n"
            << "default_pool_size = " << server_connections << "\nmin_pool_size = 0\nreserve_pool_size = 0\n"
            << "max_client_conn = 200\nlogfile = " << dir_ << "/pgbouncer.log\n"
            << "pidfile = " << dir_ << "/pgbouncer.pid\n";
        // PgBouncer refuses to run as root; as root it runs as the cluster's owner. setpriv
        // (util-linux) also has the kernel kill it when the spawning thread ends.
        std::vector<std::string> args{"/usr/bin/setpriv"};
        if (geteuid() == 0) {
            std::filesystem::permissions(dir_, std::filesystem::perms::all);
            args.insert(args.end(), {"--reuid=postgres", "--regid=postgres", "--init-groups"});
        }
        args.insert(args.end(), {"--pdeathsig", "KILL", "--", "/usr/sbin/pgbouncer", dir_ + "/pgbouncer.ini"});
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        // It logs to its logfile (log()) and to stderr, which would flood the test's output.
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        int const rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start pgbouncer");
        // Ready once it answers a query.
        for (int i = 0;; ++i) {
            PGconn* c = PQconnectdb(dsn_through().c_str());
            bool const up = PQstatus(c) == CONNECTION_OK;
            PQfinish(c);
            if (up) break;
            if (i == 100) throw std::runtime_error("pgbouncer did not start:\n" + log());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    ~pgbouncer_process() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    pgbouncer_process(pgbouncer_process const&) = delete;
    pgbouncer_process& operator=(pgbouncer_process const&) = delete;

    // The connection string of the database through PgBouncer.
    std::string dsn_through() const {
        return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=scimd user=postgres";
    }
    std::string log() const {
        std::ifstream in(dir_ + "/pgbouncer.log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::string dir_;
    unsigned short port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace scim::testing
