#pragma once
// A real DNS server for tests: dnsmasq (Debian package dnsmasq-base) in the foreground on a
// loopback UDP port, authoritative for one zone: the TXT records given, NXDOMAIN for every
// other name in it.
//
//   auto port = dns_server::free_port();                  // before scimd starts: --dns-server
//   dns_server dns("acme.test", {{"_scimd-challenge.acme.test", "scimd-verification=…"}}, port);

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.hpp"

namespace scim::testing {

class dns_server {
public:
    // Throws std::runtime_error when dnsmasq is missing or does not start listening in 10 s.
    dns_server(std::string const& zone, std::vector<std::pair<std::string, std::string>> const& txt_records,
               unsigned short port);
    ~dns_server();  // SIGTERM, then waits
    dns_server(dns_server const&) = delete;
    dns_server& operator=(dns_server const&) = delete;

    // A loopback UDP port nobody uses now.
    static unsigned short free_port();

private:
    std::unique_ptr<child_process> process_;
};

}  // namespace scim::testing
