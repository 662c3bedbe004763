#pragma once
// The runner's output: one line per case while it runs, and a closing report as text,
// JSON or JUnit XML (which CI systems display), ending in
// "N passed, N failed, N skipped, N known failures".

#include <string>
#include <vector>

#include "execution.hpp"

namespace scim::conformance {

enum class report_format { text, json, junit };

// "PASS users/create-minimal  Create a user ... [RFC 7644 §3.3]" and, for failures and
// skips, the reasons on indented lines.
std::string progress_line(case_result const& r);

// "12 passed, 1 failed, 3 skipped, 0 known failures"
std::string summary_line(std::vector<case_result> const& results);

std::string render_report(std::vector<case_result> const& results, report_format format);

}  // namespace scim::conformance
