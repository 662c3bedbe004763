// scimd-conformance: runs the SCIM 2.0 conformance cases of conformance/cases/ against any
// server (conformance/README.md). Exit status 0 when no case failed, 1 when one did, 2 when
// the run could not start (bad options, unreadable cases, no discovery documents).

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <boost/json/parse.hpp>

#include "client/https_client.hpp"
#include "command_line.hpp"
#include "execution.hpp"
#include "known_failures.hpp"
#include "reports.hpp"

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace scim::conformance;

struct setup_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

json::value read_json_file(fs::path const& file) {
    std::ifstream in(file);
    if (!in) throw setup_error("cannot read " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    try {
        return json::parse(text.str());
    } catch (std::exception const& e) {
        throw setup_error(file.string() + ": " + e.what());
    }
}

// Every *.json of the directory, in file name order (the files are numbered in the order
// the areas build on each other).
std::vector<area> load_areas(fs::path const& directory) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto const& entry : fs::directory_iterator(directory, ec)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    if (ec) throw setup_error("cannot read the case directory " + directory.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<area> areas;
    for (auto const& file : files) {
        try {
            areas.push_back(parse_area(read_json_file(file)));
        } catch (case_format_error const& e) {
            throw setup_error(file.string() + ": " + e.what());
        }
    }
    return areas;
}

// A prefix no earlier run used, so that names never clash with data already on the server.
std::string run_prefix() {
    std::random_device random;
    static char const digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string out = "cf";
    for (int i = 0; i < 8; ++i) out += digits[random() % 36];
    return out;
}

// GET of one discovery document; they are what the skips rest on, so without them nothing runs.
json::value discover(transport const& send, target_server const& server, std::string const& path) {
    http_request r{"GET",
                   server.base_path + path,
                   {{"Authorization", authorization(server.login)}, {"Accept", "application/scim+json"}},
                   ""};
    auto response = send(r);
    if (response.status != 200) {
        throw setup_error("GET " + r.target + " answered " + std::to_string(response.status) + ": " +
                          response.body.substr(0, 300));
    }
    try {
        return json::parse(response.body);
    } catch (std::exception const& e) {
        throw setup_error("GET " + r.target + " did not answer JSON: " + e.what());
    }
}

int run(options const& o) {
    auto areas = load_areas(o.cases_directory);
    known_failures known;
    if (!o.known_failures_file.empty()) {
        try {
            known = parse_known_failures(read_json_file(o.known_failures_file));
        } catch (case_format_error const& e) {
            throw setup_error(o.known_failures_file + ": " + e.what());
        }
    }
    scim::testing::client_options client_options;
    client_options.tls = o.server.tls;
    client_options.verify_certificate = !o.insecure;
    client_options.timeout = std::chrono::seconds(o.timeout_seconds);
    scim::testing::https_client client(o.server.host, o.server.port, client_options);
    transport send = [&client](http_request const& r) {
        auto reply = client.request(r.method, r.target, r.body, r.headers);
        return http_response{reply.status, std::move(reply.headers), std::move(reply.body)};
    };
    target_server server{o.server.path, o.login};
    auto const service_provider_config = discover(send, server, "/ServiceProviderConfig");
    auto const schemas = discover(send, server, "/Schemas");
    auto claims = read_claims(service_provider_config, schemas, discover(send, server, "/ResourceTypes"));
    if (o.rate_limit_burst > 0) claims.features.insert("rateLimited");

    // The report goes to standard output unless a file is named; the per-case lines then go
    // to standard error when the report is not text, so that the report stays parseable.
    bool report_on_stdout = o.output.empty();
    std::ostream& progress = report_on_stdout && o.report != report_format::text ? std::cerr : std::cout;
    auto const run_id = run_prefix();
    progress << "scimd-conformance: run " << run_id << " against " << (o.server.tls ? "https://" : "http://")
             << o.server.host << ":" << o.server.port << o.server.path << "\n";
    std::vector<case_result> results;
    for (auto const& a : areas) {
        for (auto const& c : a.cases) {
            if (!selected(o, a.name, c.id)) continue;
            variables vars{{"run", run_id},
                           {"prefix", run_id + "-" + std::to_string(results.size() + 1)},
                           {"auth_scheme", scheme_name(o.login.scheme)}};
            // The request by which a server told --rate-limit-burst N must have refused.
            if (o.rate_limit_burst > 0) vars["rate_limit_attempts"] = std::to_string(o.rate_limit_burst + 1);
            results.push_back(run_case(a, c, claims, std::move(vars), server, send));
            apply_known_failures(results.back(), known);
            progress << progress_line(results.back()) << std::flush;
        }
    }
    if (results.empty()) throw setup_error("--only selected no case");
    if (!report_on_stdout) {
        std::ofstream out(o.output);
        out << render_report(results, o.report);
        if (!out) throw setup_error("cannot write the report to " + o.output);
    } else if (o.report != report_format::text) {
        std::cout << render_report(results, o.report);
    }
    progress << summary_line(results) << std::endl;
    return std::any_of(results.begin(), results.end(), [](auto const& r) { return r.result == outcome::failed; }) ? 1
                                                                                                                  : 0;
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    try {
        auto environment = [](char const* name) -> std::string {
            char const* value = std::getenv(name);
            return value ? value : "";
        };
        o = parse_command_line(std::vector<std::string>(argv + 1, argv + argc),
                               {environment("SCIM_TOKEN"), environment("SCIM_BASIC")}, SCIMD_CONFORMANCE_CASES);
    } catch (usage_error const& e) {
        std::cerr << "scimd-conformance: " << e.what() << "\n" << usage;
        return 2;
    }
    try {
        return run(o);
    } catch (std::exception const& e) {
        std::cerr << "scimd-conformance: " << e.what() << "\n";
        return 2;
    }
}
