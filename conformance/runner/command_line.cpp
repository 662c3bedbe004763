#include "command_line.hpp"

#include <charconv>

namespace scim::conformance {

char const* const usage =
    "usage: scimd-conformance --base-url URL [--token TOKEN | --basic USER:PASSWORD] [--insecure]\n"
    "                         [--timeout SECONDS] [--only AREA[/CASE]]...\n"
    "                         [--report text|json|junit] [--output FILE] [--cases DIR]\n"
    "                         [--known-failures FILE] [--rate-limit-burst N]\n"
    "  --base-url  the SCIM base URL, e.g. https://scim.example.com/scim/v2\n"
    "  --token     the bearer token (or set SCIM_TOKEN)\n"
    "  --basic     HTTP Basic credentials instead of a token (or set SCIM_BASIC)\n"
    "  --insecure  do not verify the server's TLS certificate (self-signed test servers)\n"
    "  --timeout   seconds to wait for each connect, write and read (default 20)\n"
    "  --only      run only this area or case; repeat or separate with commas\n"
    "  --report    the closing report's format (default text)\n"
    "  --output    write the report to FILE instead of standard output\n"
    "  --cases     the directory of case files (default: the source tree's conformance/cases)\n"
    "  --known-failures  cases this server is known to fail, with reasons (conformance/known-failures/)\n"
    "  --rate-limit-burst  the server answers 429 once N requests came in quick succession: runs the\n"
    "              cases that need a rate limit (run them alone: --only rate-limits)\n";

base_url parse_base_url(std::string const& url) {
    base_url out;
    std::string_view rest = url;
    if (rest.starts_with("https://")) {
        rest.remove_prefix(8);
    } else if (rest.starts_with("http://")) {
        out.tls = false;
        out.port = 80;
        rest.remove_prefix(7);
    } else {
        throw usage_error("the base URL must start with https:// or http://: " + url);
    }
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) out.path = std::string(rest.substr(slash));
    while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
    // An IPv6 literal is bracketed (RFC 3986 §3.2.2); its colons are not the port's.
    auto host_end = authority.starts_with("[") ? authority.find(']') + 1 : authority.find(':');
    if (host_end == 0) throw usage_error("unterminated [ in the base URL: " + url);
    out.host = std::string(authority.substr(0, host_end));
    if (out.host.starts_with("[")) out.host = out.host.substr(1, out.host.size() - 2);
    if (host_end < authority.size()) {
        if (authority[host_end] != ':') throw usage_error("bad host in the base URL: " + url);
        auto port_text = authority.substr(host_end + 1);
        unsigned port = 0;
        auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
            throw usage_error("bad port in the base URL: " + url);
        }
        out.port = static_cast<unsigned short>(port);
    }
    if (out.host.empty()) throw usage_error("no host in the base URL: " + url);
    return out;
}

options parse_command_line(std::vector<std::string> const& args, secrets_from_environment const& environment,
                           std::string const& default_cases_directory) {
    options o;
    std::string token;
    std::string basic;
    o.cases_directory = default_cases_directory;
    bool have_url = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& a = args[i];
        auto value = [&]() -> std::string const& {
            if (i + 1 >= args.size()) throw usage_error(a + " needs a value");
            return args[++i];
        };
        if (a == "--base-url") {
            o.server = parse_base_url(value());
            have_url = true;
        } else if (a == "--token") {
            token = value();
        } else if (a == "--basic") {
            basic = value();
        } else if (a == "--insecure") {
            o.insecure = true;
        } else if (a == "--timeout") {
            auto const& text = value();
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), o.timeout_seconds);
            if (ec != std::errc{} || end != text.data() + text.size() || o.timeout_seconds == 0) {
                throw usage_error("--timeout takes a number of seconds above 0, not " + text);
            }
        } else if (a == "--rate-limit-burst") {
            auto const& text = value();
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), o.rate_limit_burst);
            if (ec != std::errc{} || end != text.data() + text.size() || o.rate_limit_burst == 0 ||
                o.rate_limit_burst > 99999) {
                throw usage_error("--rate-limit-burst takes a number of requests from 1 to 99999, not " + text);
            }
        } else if (a == "--only") {
            std::string_view list = value();
            for (std::size_t start = 0; start <= list.size();) {
                auto comma = std::min(list.find(',', start), list.size());
                if (comma > start) o.only.emplace_back(list.substr(start, comma - start));
                start = comma + 1;
            }
        } else if (a == "--report") {
            auto const& format = value();
            if (format == "text") {
                o.report = report_format::text;
            } else if (format == "json") {
                o.report = report_format::json;
            } else if (format == "junit") {
                o.report = report_format::junit;
            } else {
                throw usage_error("--report is text, json or junit, not " + format);
            }
        } else if (a == "--output") {
            o.output = value();
        } else if (a == "--cases") {
            o.cases_directory = value();
        } else if (a == "--known-failures") {
            o.known_failures_file = value();
        } else {
            throw usage_error("unknown option " + a);
        }
    }
    if (!have_url) throw usage_error("--base-url is required");
    if (!token.empty() && !basic.empty()) throw usage_error("--token and --basic exclude each other");
    if (token.empty() && basic.empty()) {
        token = environment.token;
        basic = environment.basic;
        if (!token.empty() && !basic.empty()) throw usage_error("both SCIM_TOKEN and SCIM_BASIC are set: pick one");
    }
    if (!basic.empty()) {
        // RFC 7617 §2: the user-id cannot contain a colon, so the first one separates them.
        if (basic.find(':') == std::string::npos) throw usage_error("--basic takes USER:PASSWORD");
        o.login = {auth_scheme::basic, basic};
    } else if (!token.empty()) {
        o.login = {auth_scheme::bearer, token};
    } else {
        throw usage_error("credentials are required: --token (or SCIM_TOKEN) or --basic (or SCIM_BASIC)");
    }
    return o;
}

bool selected(options const& o, std::string const& area, std::string const& case_id) {
    if (o.only.empty()) return true;
    for (auto const& only : o.only) {
        if (only == area || only == area + "/" + case_id) return true;
    }
    return false;
}

}  // namespace scim::conformance
