#include "support/own_cluster.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "support/postgres_environment.hpp"

#ifndef SCIMD_PG_CLUSTER_SCRIPT
#error "SCIMD_PG_CLUSTER_SCRIPT must name tests/support/pg_cluster.sh (see tests/CMakeLists.txt)"
#endif

namespace scim::testing {
namespace {

std::string shell_quoted(std::string const& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void cluster_command(std::string const& args, std::string const& environment = {}) {
    auto const command = environment + " bash " + shell_quoted(SCIMD_PG_CLUSTER_SCRIPT) + " " + args;
    if (std::system(command.c_str()) != 0) throw std::runtime_error("pg_cluster.sh failed: " + args);
}

}  // namespace

own_cluster::own_cluster(std::string const& conf) {
    char dir[] = "/tmp/scimd-own-cluster.XXXXXX";
    if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
    state_dir_ = dir;
    // With our pid the script stops the cluster should this process die without unwinding.
    cluster_command("start " + shell_quoted(state_dir_) + " " + std::to_string(getpid()),
                    conf.empty() ? "" : "SCIMD_PG_CONF=" + shell_quoted(conf));
    std::ifstream in(std::filesystem::path(state_dir_) / "dsn");
    std::getline(in, dsn_);
    if (dsn_.empty()) throw std::runtime_error("pg_cluster.sh wrote no dsn in " + state_dir_);
}

own_cluster::~own_cluster() {
    try {
        cluster_command("stop " + shell_quoted(state_dir_));
    } catch (std::exception const& e) {
        std::cerr << "own_cluster: " << e.what() << "\n";
    }
    std::error_code ignored;
    std::filesystem::remove_all(state_dir_, ignored);
}

std::string own_cluster::new_database(std::string const& name) {
    run_sql(dsn_, "CREATE DATABASE " + name);
    return with_database(dsn_, name);
}

void own_cluster::halt(stop how) {
    cluster_command("halt " + shell_quoted(state_dir_) + (how == stop::crash ? " immediate" : " fast"));
}

void own_cluster::resume() { cluster_command("resume " + shell_quoted(state_dir_)); }

}  // namespace scim::testing
