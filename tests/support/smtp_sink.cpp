#include "support/smtp_sink.hpp"

#include <strings.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/json/parse.hpp>

#include "support/free_port.hpp"

namespace scim::testing {
namespace {

namespace fs = std::filesystem;

std::string new_folder() {
    char const* tmpdir = std::getenv("TMPDIR");
    std::string pattern = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/scimd-smtp-sink.XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
    return pattern;
}

}  // namespace

unsigned short smtp_sink::free_port() { return free_loopback_port(SOCK_STREAM); }

smtp_sink::smtp_sink(unsigned short port, smtp_sink_options const& options) : folder_(new_folder()) {
    std::vector<std::string> args{
        "/usr/bin/python3", SCIMD_SMTP_SINK_SCRIPT, "--port", std::to_string(port), "--dir", folder_};
    if (!options.tls_cert_file.empty())
        args.insert(args.end(), {"--tls-cert", options.tls_cert_file, "--tls-key", options.tls_key_file});
    if (!options.user.empty()) args.insert(args.end(), {"--user", options.user, "--password", options.password});
    process_ = std::make_unique<child_process>(args, child_options{.output = child_output::stderr_only});
    auto const ready = [this] { return fs::exists(folder_ + "/ready"); };
    switch (wait_until(*process_, ready, std::chrono::seconds(15))) {
        case readiness::ready: return;
        case readiness::exited:
            throw std::runtime_error("the SMTP sink exited before listening (is python3-aiosmtpd installed?)");
        case readiness::timed_out: throw std::runtime_error("the SMTP sink did not listen in 15 s");
    }
}

smtp_sink::~smtp_sink() {
    process_.reset();
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

std::vector<boost::json::object> smtp_sink::messages() const {
    std::vector<std::string> names;
    for (auto const& entry : fs::directory_iterator(folder_)) {
        if (entry.path().extension() == ".json") names.push_back(entry.path().string());
    }
    std::sort(names.begin(), names.end());
    std::vector<boost::json::object> out;
    for (auto const& name : names) {
        std::ifstream in(name);
        std::stringstream text;
        text << in.rdbuf();
        out.push_back(boost::json::parse(text.str()).as_object());
    }
    return out;
}

std::vector<boost::json::object> smtp_sink::wait_for(std::size_t count, std::chrono::seconds timeout) const {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    auto got = messages();
    while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        got = messages();
    }
    return got;
}

std::string mail_part(boost::json::object const& message, std::string const& type) {
    for (auto const& part : message.at("parts").as_array()) {
        if (part.at("type").as_string() == type) return std::string(part.at("content").as_string());
    }
    return {};
}

std::string mail_header(boost::json::object const& message, std::string const& name) {
    for (auto const& [key, value] : message.at("headers").as_object()) {
        if (strcasecmp(std::string(key).c_str(), name.c_str()) == 0) return std::string(value.as_string());
    }
    return {};
}

}  // namespace scim::testing
