#include "connection_string.hpp"

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string_view>

#include <libpq-fe.h>

namespace scim::store {
namespace {

struct options_deleter {
    void operator()(PQconninfoOption* o) const noexcept { PQconninfoFree(o); }
};

// libpq's complaint with what it quotes of the text left out: `invalid percent-encoded token:
// "p%zz"` may be a piece of a password.
std::string without_quotes(std::string_view message) {
    std::string out;
    bool quoted = false;
    for (char c : message) {
        if (c == '"') {
            if (!quoted) out += "\"…\"";
            quoted = !quoted;
        } else if (!quoted && c != '\n') {
            out += c;
        }
    }
    return out;
}

// A value as libpq's keyword form quotes it: single quotes, with \ and ' escaped.
std::string quoted(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string keyword_connection_string(std::string const& dsn) {
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, options_deleter> options(PQconninfoParse(dsn.c_str(), &error));
    if (!options) {
        std::string const reason = error ? without_quotes(error) : "out of memory";
        PQfreemem(error);
        throw std::invalid_argument(
            "the database connection string is neither keyword=value pairs nor a "
            "postgresql:// URI that libpq reads (" +
            reason + ")");
    }
    std::string out;
    auto given = [&](std::string_view keyword) {
        if (keyword == "connect_timeout" && std::getenv("PGCONNECT_TIMEOUT")) return true;
        for (auto const* o = options.get(); o->keyword; ++o) {
            if (o->val && o->keyword == keyword) return true;
        }
        return false;
    };
    for (auto const* o = options.get(); o->keyword; ++o) {
        if (o->val) out += std::string(o->keyword) + "=" + quoted(o->val) + " ";
    }
    for (auto const& d : connection_defaults) {
        if (!given(d.keyword)) out.append(d.keyword).append("=").append(d.value).append(" ");
    }
    out.pop_back();
    return out;
}

}  // namespace scim::store
