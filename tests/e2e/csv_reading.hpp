#pragma once
// CSV files as the admin exports write them (docs/exports.md "The file"), read back strictly by
// the end-to-end tests: RFC 4180, every record ended by CRLF.

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace scim::testing {

using csv_rows = std::vector<std::vector<std::string>>;

// RFC 4180 read strictly: every record ends with CRLF; a quoted field may hold anything.
inline csv_rows parse_csv(std::string const& text) {
    csv_rows rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::exchange(field, {}));
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(std::exchange(field, {}));
            rows.push_back(std::exchange(row, {}));
            ++i;
        } else {
            EXPECT_NE(c, '\n') << "a bare LF outside quotes at byte " << i;
            field += c;
        }
    }
    EXPECT_TRUE(row.empty() && field.empty() && !quoted) << "the last record does not end with CRLF";
    return rows;
}

// Records by the value of their `key` column, each as column name → value.
inline std::map<std::string, std::map<std::string, std::string>> by_column(csv_rows const& rows,
                                                                           std::string const& key) {
    std::map<std::string, std::map<std::string, std::string>> out;
    if (rows.empty()) return out;
    auto const& header = rows.front();
    for (std::size_t r = 1; r < rows.size(); ++r) {
        EXPECT_EQ(rows[r].size(), header.size()) << "record " << r;
        std::map<std::string, std::string> record;
        for (std::size_t i = 0; i < header.size() && i < rows[r].size(); ++i) record[header[i]] = rows[r][i];
        out[record[key]] = record;
    }
    return out;
}

}  // namespace scim::testing
