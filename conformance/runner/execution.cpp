#include "execution.hpp"

#include <chrono>
#include <exception>

#include <boost/json/serialize.hpp>

#include "repetition.hpp"
#include "scim/core/text.hpp"

namespace scim::conformance {
namespace {

// The body of a step: as written, its variables substituted, then built to the sizes the
// server claims (sized_body.hpp).
std::string body_of(step const& s, variables const& vars, server_claims const& claims) {
    if (!s.body) return s.body_text ? substitute(*s.body_text, vars) : std::string();
    auto body = substitute_json(*s.body, vars);
    if (s.fill) fill_array(body.as_object(), *s.fill, size_of(s.fill->count, claims), vars);
    auto text = boost::json::serialize(body);
    if (s.pad_to) text = padded(std::move(text), static_cast<std::size_t>(size_of(*s.pad_to, claims)));
    return text;
}

http_request build_request(step const& s, variables const& vars, target_server const& server,
                           server_claims const& claims) {
    http_request r;
    r.method = s.method;
    r.target = server.base_path + encode_target(substitute(s.path, vars));
    if (s.auth == authentication::token) r.headers.emplace_back("Authorization", authorization(server.login));
    if (s.auth == authentication::invalid) {
        r.headers.emplace_back("Authorization", authorization(invalid_credentials(server.login.scheme)));
    }
    r.headers.emplace_back("Accept", "application/scim+json");
    r.body = body_of(s, vars, claims);
    if (!r.body.empty()) r.headers.emplace_back("Content-Type", "application/scim+json");
    // Not a structured binding: Clang 14 cannot capture one in a lambda.
    for (auto const& header : s.headers) {
        std::erase_if(r.headers, [&](auto const& h) { return core::iequals(h.first, header.first); });
        r.headers.emplace_back(header.first, substitute(header.second, vars));
    }
    return r;
}

std::string describe(step const& s, std::size_t index, http_request const& r) {
    return "step " + std::to_string(index + 1) + (s.title.empty() ? "" : " (" + s.title + ")") + ": " + r.method + " " +
           r.target;
}

}  // namespace

case_result run_case(area const& a, test_case const& c, server_claims const& claims, variables vars,
                     target_server const& server, transport const& send) {
    case_result result;
    result.area = a.name;
    result.id = c.id;
    result.title = c.title;
    result.cite = c.cite;
    auto requirements = a.required_features;
    requirements.insert(requirements.end(), c.required_features.begin(), c.required_features.end());
    if (auto reason = unmet_requirement(claims, requirements)) {
        result.result = outcome::skipped;
        result.reason = *reason;
        return result;
    }
    auto const started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < c.steps.size() && result.failures.empty(); ++i) {
        auto const& s = c.steps[i];
        std::string where = "step " + std::to_string(i + 1);
        try {
            auto request = build_request(s, vars, server, claims);
            where = describe(s, i, request);
            auto response = s.repeat ? send_until_status(send, request, s.repeat->until_status,
                                                         repeat_times(s.repeat->at_most, vars))
                                           .last
                                     : send(request);
            // Captured even from a response that fails its checks, so that cleanup can
            // remove what a wrongly successful request created.
            for (auto const& [name, from] : s.captures) {
                if (auto value = capture(from, response)) vars[name] = *value;
            }
            for (auto const& failure : check_response(s, response, vars))
                result.failures.push_back(where + ": " + failure);
            if (!result.failures.empty())
                result.failures.push_back(where + ": response body: " + response.body.substr(0, 500));
        } catch (std::exception const& e) {
            result.failures.push_back(where + ": " + e.what());
        }
    }
    result.result = result.failures.empty() ? outcome::passed : outcome::failed;
    // Cleanup requests whose variables were never captured have nothing to remove.
    for (auto const& s : c.cleanup) {
        try {
            send(build_request(s, vars, server, claims));
        } catch (unknown_variable const&) {
        } catch (std::exception const& e) {
            result.failures.push_back("cleanup " + s.method + " " + s.path + ": " + e.what());
        }
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace scim::conformance
