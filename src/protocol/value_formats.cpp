#include "value_formats.hpp"

#include <cstddef>

namespace scim::protocol {
namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

struct scanner {
    std::string_view text;
    std::size_t at = 0;

    bool done() const noexcept { return at == text.size(); }

    bool literal(char c) noexcept {
        if (at < text.size() && text[at] == c) {
            ++at;
            return true;
        }
        return false;
    }

    bool digits(std::size_t n, int& out) noexcept {
        if (text.size() - at < n) return false;
        out = 0;
        for (std::size_t k = 0; k < n; ++k) {
            char c = text[at + k];
            if (!is_digit(c)) return false;
            out = out * 10 + (c - '0');
        }
        at += n;
        return true;
    }
};

// Proleptic Gregorian calendar with a year zero, as XML Schema 1.1 uses. A year's remainder
// by 400 depends only on its last four digits, so years of any length need no big numbers.
int days_in_month(int month, int year_mod_10000) noexcept {
    bool leap = year_mod_10000 % 400 == 0 || (year_mod_10000 % 4 == 0 && year_mod_10000 % 100 != 0);
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

bool is_xsd_date_time(std::string_view text) noexcept {
    scanner s{text};
    s.literal('-');
    // yearFrag: at least four digits, and no leading zero when there are more.
    auto const year_start = s.at;
    while (!s.done() && is_digit(text[s.at])) ++s.at;
    auto const year_length = s.at - year_start;
    if (year_length < 4 || (year_length > 4 && text[year_start] == '0')) return false;
    scanner last_four{text, s.at - 4};
    int year = 0;
    last_four.digits(4, year);

    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!s.literal('-') || !s.digits(2, month) || !s.literal('-') || !s.digits(2, day) || !s.literal('T') ||
        !s.digits(2, hour) || !s.literal(':') || !s.digits(2, minute) || !s.literal(':') || !s.digits(2, second)) {
        return false;
    }
    bool zero_fraction = true;
    if (s.literal('.')) {
        auto const fraction_start = s.at;
        for (; !s.done() && is_digit(text[s.at]); ++s.at) zero_fraction = zero_fraction && text[s.at] == '0';
        if (s.at == fraction_start) return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(month, year)) return false;
    // endOfDayFrag: 24:00:00 is midnight at the end of the day.
    bool const end_of_day = hour == 24 && minute == 0 && second == 0 && zero_fraction;
    if ((hour > 23 && !end_of_day) || minute > 59 || second > 59) return false;

    if (s.done()) return true;
    if (s.literal('Z')) return s.done();
    if (!s.literal('+') && !s.literal('-')) return false;
    int zone_hours = 0, zone_minutes = 0;
    if (!s.digits(2, zone_hours) || !s.literal(':') || !s.digits(2, zone_minutes)) return false;
    // timezoneFrag ranges from -14:00 to +14:00.
    if (zone_minutes > 59 || zone_hours > 14 || (zone_hours == 14 && zone_minutes != 0)) return false;
    return s.done();
}

bool is_base64(std::string_view text) noexcept {
    if (text.size() % 4 != 0) return false;
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
    for (std::size_t i = 0; i < text.size() - padding; ++i) {
        char c = text[i];
        bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '+' || c == '/';
        if (!alphabet) return false;
    }
    return true;
}

}  // namespace scim::protocol
