#include "support/pgbouncer_process.hpp"

#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include <libpq-fe.h>

#include "support/free_port.hpp"
#include "support/pg_connection.hpp"

namespace scim::testing {

pgbouncer_process::pgbouncer_process(std::string const& dsn, int server_connections) {
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
    // PgBouncer refuses to run as root; as root it runs as the cluster's owner.
    child_options options{.output = child_output::discarded};
    if (geteuid() == 0) {
        std::filesystem::permissions(dir_, std::filesystem::perms::all);
        options.user = "postgres";
    }
    // It logs to its logfile (log()) and to stderr, which would flood the test's output.
    process_ = std::make_unique<child_process>(std::vector<std::string>{"/usr/sbin/pgbouncer", dir_ + "/pgbouncer.ini"},
                                               options);
    // Ready once it answers a query.
    auto const answers = [this] {
        PGconn* c = PQconnectdb(dsn_through().c_str());
        bool const up = PQstatus(c) == CONNECTION_OK;
        PQfinish(c);
        return up;
    };
    if (wait_until(*process_, answers, std::chrono::seconds(10)) != readiness::ready)
        throw std::runtime_error("pgbouncer did not start:\n" + log());
}

pgbouncer_process::~pgbouncer_process() {
    process_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string pgbouncer_process::dsn_through() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=scimd user=postgres";
}

std::string pgbouncer_process::log() const {
    std::ifstream in(dir_ + "/pgbouncer.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace scim::testing
