#pragma once
// CSV as RFC 4180 writes it, for the admin exports: fields separated by commas, records ended
// by CRLF (§2.1), a field quoted when it holds a comma, a double quote, CR or LF, with its
// quotes doubled (§2.5–2.7).
//
// Spreadsheet formula injection (OWASP "CSV Injection"): a spreadsheet that opens the file
// runs a cell starting with '=', '+', '-' or '@' as a formula (and a leading tab or CR can hide
// such a start), so text a user controls, like a display name "=HYPERLINK(...)", could run in
// the admin's spreadsheet. Such a text field gets a leading single quote, which spreadsheets
// read as "this is text". Values scimd writes itself (numbers, dates, yes/no) go through
// csv_value and are not changed, so a negative number stays a number.

#include <string>
#include <string_view>

namespace scim::core {

// Whether a field of text from outside needs the quote that defuses a formula.
bool starts_like_formula(std::string_view text) noexcept;

class csv_writer {
public:
    // A field of text that users or identity providers control: defused, then quoted as needed.
    csv_writer& text(std::string_view field);
    // A value scimd formats itself (a number, a date, "Yes"): quoted as needed, never defused.
    csv_writer& value(std::string_view field);
    // Ends the record (CRLF).
    csv_writer& end_record();

    std::string const& str() const noexcept { return out_; }
    // Hands over what was written and starts empty.
    std::string take();

private:
    void field(std::string_view text, bool defuse);
    std::string out_;
    bool record_started_ = false;
};

}  // namespace scim::core
