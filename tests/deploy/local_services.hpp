#pragma once
// What the compose file and the systemd unit tests share: a temp folder, a shell command's
// output, and `scimd serve --help`'s list of variables (the names scimd reads).

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "support/scimd_process.hpp"

namespace scim::testing {

// A folder of the test's own, removed with everything in it.
class temp_folder {
public:
    temp_folder() {
        char pattern[] = "/tmp/scimd-deploy.XXXXXX";
        if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~temp_folder() { std::filesystem::remove_all(path_); }
    temp_folder(temp_folder const&) = delete;
    temp_folder& operator=(temp_folder const&) = delete;
    std::string const& path() const { return path_; }

private:
    std::string path_;
};

struct shell_result {
    int exit_status = -1;
    std::string output;  // stdout and stderr
};

inline shell_result run_shell(std::string const& command) {
    shell_result result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed: " + command);
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.output.append(buffer, n);
    int const status = pclose(pipe);
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

inline std::string read_text(std::string const& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The variables `scimd serve` reads, from its --help: each SCIMD_… word of the option table.
inline std::set<std::string> serve_variables() {
    auto const help = run_scimd({"serve", "--help"});
    if (help.exit_status != 0) throw std::runtime_error("scimd serve --help failed:\n" + help.stderr_text);
    std::set<std::string> names;
    std::istringstream words(help.stdout_text);
    for (std::string word; words >> word;) {
        if (word.rfind("SCIMD_", 0) == 0) names.insert(word.substr(0, word.find('=')));
    }
    return names;
}

}  // namespace scim::testing
