#include "txt_lookup.hpp"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <charconv>
#include <cstring>

#include "scim/core/error.hpp"

namespace scim::service {
namespace {

[[noreturn]] void unavailable(std::string const& detail) {
    throw core::error(core::error_type::service_unavailable, detail).retry_after(5);
}

// "127.0.0.1:5353" → the IPv4 name server to ask.
sockaddr_in name_server_address(std::string const& host_port) {
    auto const colon = host_port.rfind(':');
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    unsigned port = 53;
    std::string host = host_port;
    if (colon != std::string::npos) {
        host = host_port.substr(0, colon);
        auto const text = std::string_view(host_port).substr(colon + 1);
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
        if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) {
            unavailable("the configured DNS server \"" + host_port + "\" is not HOST:PORT");
        }
    }
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        unavailable("the configured DNS server \"" + host_port + "\" is not an IPv4 address");
    }
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    return addr;
}

// One resolver state per lookup: res_n* functions are thread-safe on their own state.
class resolver {
public:
    resolver() {
        std::memset(&state_, 0, sizeof state_);
        if (res_ninit(&state_) != 0) unavailable("the DNS resolver could not start");
        // A few seconds at most: an admin is waiting.
        state_.retrans = 2;
        state_.retry = 2;
    }
    ~resolver() { res_nclose(&state_); }
    resolver(resolver const&) = delete;
    resolver& operator=(resolver const&) = delete;

    void use_only(sockaddr_in const& server) {
        state_.nsaddr_list[0] = server;
        state_.nscount = 1;
    }
    struct __res_state* get() {
        return &state_;
    }

private:
    struct __res_state state_;
};

}  // namespace

std::vector<std::string> txt_records(std::string const& name, std::string const& name_server) {
    resolver r;
    if (!name_server.empty()) r.use_only(name_server_address(name_server));
    unsigned char answer[NS_MAXMSG];
    int const length = res_nquery(r.get(), name.c_str(), ns_c_in, ns_t_txt, answer, sizeof answer);
    if (length < 0) {
        auto const why = r.get()->res_h_errno;
        if (why == HOST_NOT_FOUND || why == NO_DATA) return {};
        unavailable("no DNS server answered for " + name + "; try again");
    }
    ns_msg message;
    if (ns_initparse(answer, length, &message) < 0) unavailable("the DNS answer for " + name + " could not be read");
    std::vector<std::string> records;
    for (int i = 0; i < ns_msg_count(message, ns_s_an); ++i) {
        ns_rr rr;
        if (ns_parserr(&message, ns_s_an, i, &rr) < 0 || ns_rr_type(rr) != ns_t_txt) continue;
        // RFC 1035 §3.3.14: one or more <character-string>s, each a length octet then that many octets.
        auto const* data = ns_rr_rdata(rr);
        auto const size = static_cast<std::size_t>(ns_rr_rdlen(rr));
        std::string record;
        for (std::size_t pos = 0; pos < size;) {
            std::size_t const n = data[pos];
            std::size_t const take = std::min(n, size - pos - 1);
            record.append(reinterpret_cast<char const*>(data + pos + 1), take);
            pos += 1 + n;
        }
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace scim::service
