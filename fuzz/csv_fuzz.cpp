// The CSV writer of the admin exports (core::csv_writer, RFC 4180). The input is records
// separated by 0x1E, each of fields separated by 0x1F; a field that starts with 0x1D is
// written as a value scimd formats itself (csv_writer::value, the marker dropped), any
// other as text from outside (csv_writer::text).
//
// Invariants, beyond not crashing: the output is what RFC 4180 §2 describes (records ended
// by CRLF, fields quoted when they hold a comma, a double quote, CR or LF, quotes doubled),
// and read back by an RFC 4180 reader it gives the same records and fields, except that a
// text field that a spreadsheet would take for a formula (core::starts_like_formula) comes
// back with the leading single quote that defuses it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/core/csv.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;

using records = std::vector<std::vector<std::string>>;

constexpr char record_separator = '\x1e';
constexpr char field_separator = '\x1f';
constexpr char value_marker = '\x1d';

// RFC 4180 §2 read strictly: nullopt for anything the grammar does not allow.
std::optional<records> read_csv(std::string_view text) {
    records out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::vector<std::string> record;
        for (;;) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                ++i;
                for (;;) {
                    if (i == text.size()) return std::nullopt;  // unterminated quote
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field += text[i++];
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"') return std::nullopt;  // a quote inside an unquoted field
                    field += text[i++];
                }
            }
            record.push_back(std::move(field));
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            break;
        }
        if (text.substr(i, 2) != "\r\n") return std::nullopt;  // every record ends with CRLF
        i += 2;
        out.push_back(std::move(record));
    }
    return out;
}

std::string show(records const& r) {
    std::string out;
    for (auto const& record : r) {
        for (auto const& field : record) out += "[" + field + "]";
        out += "\n";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const input = fuzz::text_of(data, size);
    if (input.empty()) return 0;
    core::csv_writer writer;
    records expected;
    for (auto const record : fuzz::split(input, record_separator)) {
        auto& fields = expected.emplace_back();
        for (auto field : fuzz::split(record, field_separator)) {
            if (!field.empty() && field.front() == value_marker) {
                field.remove_prefix(1);
                writer.value(field);
                fields.emplace_back(field);
            } else {
                writer.text(field);
                fields.push_back(core::starts_like_formula(field) ? "'" + std::string(field) : std::string(field));
            }
        }
        writer.end_record();
    }
    auto const written = writer.take();
    fuzz::require(writer.str().empty(), "take() leaves the writer empty");
    auto const read = read_csv(written);
    fuzz::require(read.has_value(), "the output is RFC 4180 CSV", written);
    fuzz::require(*read == expected, "the output reads back as the fields written",
                  written + "\nread:\n" + show(*read) + "expected:\n" + show(expected));
    return 0;
}
