#include "support/postgres_environment.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <libpq-fe.h>

#ifndef SCIMD_PG_CLUSTER_SCRIPT
#error "SCIMD_PG_CLUSTER_SCRIPT must name tests/support/pg_cluster.sh (see tests/CMakeLists.txt)"
#endif

namespace scim::testing {
namespace {

std::string shell_quote(std::string const& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string read_trimmed(std::filesystem::path const& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::stringstream ss;
    ss << in.rdbuf();
    auto text = ss.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    if (text.empty()) throw std::runtime_error(path.string() + " is empty");
    return text;
}

std::string random_suffix() {
    static constexpr char digits[] = "0123456789abcdef";
    std::random_device rd;
    std::string s;
    for (int i = 0; i < 16; ++i) s += digits[rd() % 16];
    return s;
}

// The private cluster, when this process started one. Stopped at exit, but only by the
// process that started it (a forked child, e.g. a gtest death test, must not stop it).
std::string private_state_dir;
pid_t private_owner = 0;

void stop_private_cluster() {
    if (private_state_dir.empty() || getpid() != private_owner) return;
    auto cmd = "bash " + shell_quote(SCIMD_PG_CLUSTER_SCRIPT) + " stop " + shell_quote(private_state_dir);
    if (std::system(cmd.c_str()) != 0) std::cerr << "postgres_environment: stopping the private cluster failed\n";
    std::error_code ignored;
    std::filesystem::remove_all(private_state_dir, ignored);
}

std::string start_private_cluster() {
    if (!std::filesystem::exists(SCIMD_PG_CLUSTER_SCRIPT)) {
        throw std::runtime_error(std::string("no test database: set SCIMD_TEST_DB, or restore ") +
                                 SCIMD_PG_CLUSTER_SCRIPT);
    }
    char dir[] = "/tmp/scimd-test-state.XXXXXX";
    if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
    // With our pid the script also stops the cluster if we die without running atexit handlers.
    auto cmd =
        "bash " + shell_quote(SCIMD_PG_CLUSTER_SCRIPT) + " start " + shell_quote(dir) + " " + std::to_string(getpid());
    std::cerr << "postgres_environment: starting a private PostgreSQL cluster (set SCIMD_TEST_DB to use yours)\n";
    if (std::system(cmd.c_str()) != 0) {
        std::filesystem::remove_all(dir);
        throw std::runtime_error("could not start a PostgreSQL cluster with " + std::string(SCIMD_PG_CLUSTER_SCRIPT) +
                                 " (see its output above)");
    }
    private_state_dir = dir;
    private_owner = getpid();
    std::atexit(stop_private_cluster);
    return read_trimmed(std::filesystem::path(dir) / "dsn");
}

struct connection_deleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using connection = std::unique_ptr<PGconn, connection_deleter>;

connection connect(std::string const& dsn) {
    connection c(PQconnectdb(dsn.c_str()));
    if (!c || PQstatus(c.get()) != CONNECTION_OK) {
        throw std::runtime_error("cannot connect to the test cluster (" + dsn +
                                 "): " + (c ? PQerrorMessage(c.get()) : "out of memory"));
    }
    return c;
}

void execute(PGconn* c, std::string const& sql) {
    PGresult* r = PQexec(c, sql.c_str());
    auto ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string message = ok ? "" : PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error(sql + ": " + message);
}

// Databases made on a server the developer runs (SCIMD_TEST_DB) are dropped at exit so they
// do not pile up; the throwaway clusters are deleted whole instead.
std::mutex created_mutex;
std::vector<std::string> created;
pid_t created_owner = 0;

void drop_created_databases() {
    if (getpid() != created_owner) return;
    std::lock_guard lock(created_mutex);
    try {
        auto c = connect(database_dsn());
        for (auto const& name : created) {
            PGresult* r = PQexec(c.get(), ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str());
            PQclear(r);
        }
    } catch (std::exception const& e) {
        std::cerr << "postgres_environment: could not drop test databases: " << e.what() << "\n";
    }
    created.clear();
}

}  // namespace

std::string const& database_dsn() {
    static std::string const dsn = [] {
        if (char const* env = std::getenv("SCIMD_TEST_DB"); env && *env) return std::string(env);
        if (char const* file = std::getenv("SCIMD_TEST_DB_FILE"); file && *file) return read_trimmed(file);
        return start_private_cluster();
    }();
    return dsn;
}

void run_sql(std::string const& dsn, std::string const& sql) {
    auto c = connect(dsn);
    execute(c.get(), sql);
}

std::string fresh_database_dsn() {
    auto const& dsn = database_dsn();
    auto name = "scimd_test_" + random_suffix();
    auto c = connect(dsn);
    execute(c.get(), "CREATE DATABASE " + name);
    if (char const* env = std::getenv("SCIMD_TEST_DB"); env && *env) {
        std::lock_guard lock(created_mutex);
        if (created_owner == 0) {
            created_owner = getpid();
            std::atexit(drop_created_databases);
        }
        created.push_back(name);
    }
    return with_database(dsn, name);
}

std::string with_database(std::string const& dsn, std::string const& dbname) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &error);
    if (!options) {
        std::string message = error ? error : "out of memory";
        PQfreemem(error);
        throw std::invalid_argument("bad connection string '" + dsn + "': " + message);
    }
    auto quote = [](std::string const& v) {
        std::string out = "'";
        for (char ch : v) {
            if (ch == '\'' || ch == '\\') out += '\\';
            out += ch;
        }
        return out + "'";
    };
    std::string out;
    for (auto* o = options; o->keyword; ++o) {
        if (std::string(o->keyword) == "dbname" || !o->val) continue;
        out += std::string(o->keyword) + "=" + quote(o->val) + " ";
    }
    PQconninfoFree(options);
    return out + "dbname=" + quote(dbname);
}

}  // namespace scim::testing
