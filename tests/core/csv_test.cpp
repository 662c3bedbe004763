// RFC 4180 fields and records, and the formula-injection defusing of text fields (OWASP
// "CSV Injection"), as tables of cases.

#include <gtest/gtest.h>

#include "scim/core/csv.hpp"

namespace scim::core {
namespace {

struct field_case {
    std::string_view input;
    std::string_view as_text;   // csv_writer::text: defused, then quoted
    std::string_view as_value;  // csv_writer::value: quoted only
};

TEST(csv, fields) {
    field_case const cases[] = {
        {"", "", ""},
        {"Liam", "Liam", "Liam"},
        {"Smith, Liam", "\"Smith, Liam\"", "\"Smith, Liam\""},
        {"the \"boss\"", "\"the \"\"boss\"\"\"", "\"the \"\"boss\"\"\""},
        {"two\nlines", "\"two\nlines\"", "\"two\nlines\""},
        {"cr\rhere", "\"cr\rhere\"", "\"cr\rhere\""},
        {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
         "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
        {"=1+2", "'=1+2", "=1+2"},
        {"+1 555", "'+1 555", "+1 555"},
        {"-42", "'-42", "-42"},
        {"@SUM(A1)", "'@SUM(A1)", "@SUM(A1)"},
        {"\t=1", "'\t=1", "\t=1"},
        {"\r=1", "\"'\r=1\"", "\"\r=1\""},
        {"a=b", "a=b", "a=b"},
        {"'quoted'", "'quoted'", "'quoted'"},
        {"Zoë 日本", "Zoë 日本", "Zoë 日本"},
    };
    for (auto const& c : cases) {
        csv_writer text;
        text.text(c.input);
        EXPECT_EQ(text.str(), c.as_text) << c.input;
        csv_writer value;
        value.value(c.input);
        EXPECT_EQ(value.str(), c.as_value) << c.input;
    }
}

TEST(csv, formula_starts) {
    for (std::string_view s : {"=", "+", "-", "@", "\t", "\r", "=A1"}) EXPECT_TRUE(starts_like_formula(s)) << s;
    for (std::string_view s : {"", " =A1", "A=1", "1-2", "'=A1"}) EXPECT_FALSE(starts_like_formula(s)) << s;
}

TEST(csv, records_end_with_crlf_and_take_starts_over) {
    csv_writer w;
    w.value("Name").value("Email").end_record();
    w.text("Liam").text("liam@acme.com").end_record();
    w.text("").value("-1").end_record();
    EXPECT_EQ(w.str(), "Name,Email\r\nLiam,liam@acme.com\r\n,-1\r\n");
    EXPECT_EQ(w.take(), "Name,Email\r\nLiam,liam@acme.com\r\n,-1\r\n");
    EXPECT_TRUE(w.str().empty());
    w.text("a").text("b").end_record();
    EXPECT_EQ(w.take(), "a,b\r\n");
}

}  // namespace
}  // namespace scim::core
