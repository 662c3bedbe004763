#include "scim/core/csv.hpp"

#include <utility>

namespace scim::core {

bool starts_like_formula(std::string_view text) noexcept {
    if (text.empty()) return false;
    switch (text.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r': return true;
        default: return false;
    }
}

void csv_writer::field(std::string_view text, bool defuse) {
    if (record_started_) out_ += ',';
    record_started_ = true;
    bool const prefixed = defuse && starts_like_formula(text);
    bool const quoted = text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quoted) out_ += '"';
    if (prefixed) out_ += '\'';
    for (char c : text) {
        if (c == '"') out_ += '"';
        out_ += c;
    }
    if (quoted) out_ += '"';
}

csv_writer& csv_writer::text(std::string_view field_text) {
    field(field_text, true);
    return *this;
}

csv_writer& csv_writer::value(std::string_view field_text) {
    field(field_text, false);
    return *this;
}

csv_writer& csv_writer::end_record() {
    out_ += "\r\n";
    record_started_ = false;
    return *this;
}

std::string csv_writer::take() {
    record_started_ = false;
    return std::exchange(out_, {});
}

}  // namespace scim::core
