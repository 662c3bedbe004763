#include "reports.hpp"

#include <cstdio>
#include <map>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/html.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;

char const* word(outcome o) {
    switch (o) {
        case outcome::passed: return "passed";
        case outcome::failed: return "failed";
        case outcome::skipped: return "skipped";
        case outcome::known_failure: return "known failure";
    }
    return "";
}

std::size_t count(std::vector<case_result> const& results, outcome o) {
    std::size_t n = 0;
    for (auto const& r : results) n += r.result == o;
    return n;
}

std::string seconds(double s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", s);
    return buffer;
}

std::string joined(std::vector<std::string> const& lines) {
    std::string out;
    for (auto const& l : lines) out += l + "\n";
    return out;
}

std::string text_report(std::vector<case_result> const& results) {
    std::string out;
    for (auto const& r : results) out += progress_line(r);
    return out + summary_line(results) + "\n";
}

std::string json_report(std::vector<case_result> const& results) {
    json::array cases;
    for (auto const& r : results) {
        json::object c{{"area", r.area},           {"id", r.id},          {"title", r.title}, {"cite", r.cite},
                       {"result", word(r.result)}, {"seconds", r.seconds}};
        if (!r.reason.empty()) c["reason"] = r.reason;
        json::array failures;
        for (auto const& f : r.failures) failures.push_back(json::string(f));
        c["failures"] = std::move(failures);
        cases.push_back(std::move(c));
    }
    json::object report{{"passed", count(results, outcome::passed)},
                        {"failed", count(results, outcome::failed)},
                        {"skipped", count(results, outcome::skipped)},
                        {"known_failures", count(results, outcome::known_failure)},
                        {"cases", std::move(cases)}};
    return json::serialize(report) + "\n";
}

// One <testsuite> per area, as JUnit consumers (CI dashboards) expect. A known failure is
// reported as skipped, with its reason, so that CI passes and shows it.
bool shown_as_skipped(case_result const& r) {
    return r.result == outcome::skipped || r.result == outcome::known_failure;
}

// Text goes into attributes and elements escaped by core::html_escaped: its five entities are
// XML's own too.
std::string junit_report(std::vector<case_result> const& results) {
    std::map<std::string, std::vector<case_result const*>> areas;
    std::vector<std::string> order;
    for (auto const& r : results) {
        if (!areas.contains(r.area)) order.push_back(r.area);
        areas[r.area].push_back(&r);
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scim-conformance\" tests=\"" +
                      std::to_string(results.size()) + "\" failures=\"" +
                      std::to_string(count(results, outcome::failed)) + "\" skipped=\"" +
                      std::to_string(count(results, outcome::skipped) + count(results, outcome::known_failure)) +
                      "\">\n";
    for (auto const& name : order) {
        auto const& cases = areas[name];
        std::size_t failed = 0, skipped = 0;
        for (auto const* r : cases) {
            failed += r->result == outcome::failed;
            skipped += shown_as_skipped(*r);
        }
        out += "  <testsuite name=\"" + core::html_escaped(name) + "\" tests=\"" + std::to_string(cases.size()) +
               "\" failures=\"" + std::to_string(failed) + "\" skipped=\"" + std::to_string(skipped) + "\">\n";
        for (auto const* r : cases) {
            out += "    <testcase classname=\"" + core::html_escaped(name) + "\" name=\"" + core::html_escaped(r->id) +
                   ": " + core::html_escaped(r->title) + " [" + core::html_escaped(r->cite) + "]\" time=\"" +
                   seconds(r->seconds) + "\"";
            if (r->result == outcome::passed) {
                out += "/>\n";
                continue;
            }
            out += ">\n";
            if (r->result == outcome::skipped) {
                out += "      <skipped message=\"" + core::html_escaped(r->reason) + "\"/>\n";
            } else if (r->result == outcome::known_failure) {
                out += "      <skipped message=\"known failure: " + core::html_escaped(r->reason) + "\">" +
                       core::html_escaped(joined(r->failures)) + "</skipped>\n";
            } else {
                out += "      <failure message=\"" + core::html_escaped(r->failures.front()) + "\">" +
                       core::html_escaped(joined(r->failures)) + "</failure>\n";
            }
            out += "    </testcase>\n";
        }
        out += "  </testsuite>\n";
    }
    return out + "</testsuites>\n";
}

}  // namespace

std::string progress_line(case_result const& r) {
    static char const* const labels[] = {"PASS", "FAIL", "SKIP", "KNOWN"};
    auto line = std::string(labels[static_cast<int>(r.result)]) + " " + r.area + "/" + r.id + "  " + r.title + " [" +
                r.cite + "]\n";
    if (r.result == outcome::skipped) return line + "     skipped: " + r.reason + "\n";
    if (r.result == outcome::known_failure) line += "     known failure: " + r.reason + "\n";
    for (auto const& f : r.failures) line += "     " + f + "\n";
    return line;
}

std::string summary_line(std::vector<case_result> const& results) {
    return std::to_string(count(results, outcome::passed)) + " passed, " +
           std::to_string(count(results, outcome::failed)) + " failed, " +
           std::to_string(count(results, outcome::skipped)) + " skipped, " +
           std::to_string(count(results, outcome::known_failure)) + " known failures";
}

std::string render_report(std::vector<case_result> const& results, report_format format) {
    switch (format) {
        case report_format::json: return json_report(results);
        case report_format::junit: return junit_report(results);
        case report_format::text: break;
    }
    return text_report(results);
}

}  // namespace scim::conformance
