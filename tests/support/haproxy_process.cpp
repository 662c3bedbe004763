#include "support/haproxy_process.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scim::testing {
namespace {

constexpr char const* haproxy = "/usr/sbin/haproxy";

std::string read_file(std::string const& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

haproxy_process::haproxy_process(std::string const& config_file,
                                 std::vector<std::pair<std::string, std::string>> environment, unsigned short port)
    : port_(port) {
    if (access(haproxy, X_OK) != 0) throw std::runtime_error("haproxy is missing (apt install haproxy)");
    char name[] = "/tmp/scimd-haproxy-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) throw std::runtime_error("cannot make a file for haproxy's output");
    close(fd);
    output_file_ = name;

    child_options const options{
        .output = child_output::file, .output_file = output_file_, .environment = std::move(environment)};
    if (run_child({haproxy, "-c", "-q", "-f", config_file}, options) != 0)
        throw std::runtime_error("haproxy -c refuses " + config_file + ":\n" + output());

    // -db: in the foreground, so that its pid is HAProxy's and SIGTERM stops it.
    process_ = std::make_unique<child_process>(std::vector<std::string>{haproxy, "-db", "-f", config_file}, options);
    switch (wait_until(
        *process_, [port] { return loopback_tcp_accepts(port); }, std::chrono::seconds(10))) {
        case readiness::ready: return;
        case readiness::exited: throw std::runtime_error("haproxy exited before listening:\n" + output());
        case readiness::timed_out: throw std::runtime_error("haproxy did not listen in 10 s:\n" + output());
    }
}

haproxy_process::~haproxy_process() {
    process_.reset();
    if (!output_file_.empty()) unlink(output_file_.c_str());
}

std::string haproxy_process::output() const { return read_file(output_file_); }

}  // namespace scim::testing
