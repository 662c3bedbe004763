#include "support/dns_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "support/free_port.hpp"

extern char** environ;

namespace scim::testing {
namespace {

constexpr char const* dnsmasq = "/usr/sbin/dnsmasq";

// Whether 127.0.0.1:port can be bound for UDP (false once dnsmasq listens there).
bool udp_port_free(unsigned short port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool const free = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return free;
}

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
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    int const rc = posix_spawn(&pid_, dnsmasq, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error(std::string("posix_spawn dnsmasq: ") + std::strerror(rc));
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (udp_port_free(port)) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("dnsmasq exited before listening on port " + std::to_string(port));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
            pid_ = -1;
            throw std::runtime_error("dnsmasq did not listen in 10 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

dns_server::~dns_server() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
}

}  // namespace scim::testing
