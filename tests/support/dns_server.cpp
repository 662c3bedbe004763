#include "support/dns_server.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "support/free_port.hpp"

namespace scim::testing {
namespace {

constexpr char const* dnsmasq = "/usr/sbin/dnsmasq";

}  // namespace

unsigned short dns_server::free_port() { return free_loopback_port(SOCK_DGRAM); }

dns_server::dns_server(std::string const& zone, std::vector<std::pair<std::string, std::string>> const& txt_records,
                       unsigned short port) {
    if (access(dnsmasq, X_OK) != 0) throw std::runtime_error("dnsmasq is missing (apt install dnsmasq-base)");
    std::vector<std::string> args{dnsmasq, "--keep-in-foreground", "--port=" + std::to_string(port),
                                  "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                                  "--conf-file=/dev/null", "--pid-file=", "--log-facility=/dev/null",
                                  // Authoritative for the zone: names without a record are NXDOMAIN.
                                  "--local=/" + zone + "/"};
    // dnsmasq drops to "nobody" when started as root; it needs no privilege on a high port.
    if (geteuid() == 0) args.push_back("--user=root");
    // The values must hold no comma: dnsmasq splits a record's strings at commas.
    for (auto const& [name, value] : txt_records) args.push_back("--txt-record=" + name + "," + value);
    process_ = std::make_unique<child_process>(args, child_options{.output = child_output::stderr_only});
    switch (wait_until(
        *process_, [port] { return loopback_udp_bound(port); }, std::chrono::seconds(10))) {
        case readiness::ready: return;
        case readiness::exited:
            throw std::runtime_error("dnsmasq exited before listening on port " + std::to_string(port));
        case readiness::timed_out: throw std::runtime_error("dnsmasq did not listen in 10 s");
    }
}

dns_server::~dns_server() = default;

}  // namespace scim::testing
