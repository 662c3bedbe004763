#include "value_formats.hpp"

#include "scim/protocol/date_time.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

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

// The fields of an xsd:dateTime; nullopt when the text is not one. `year` holds the last
// four digits of the year (enough for the calendar), `year_digits` how many there are.
struct date_time_fields {
    bool negative_year = false;
    std::size_t year_digits = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int zone_minutes = 0;  // east of UTC
};

std::optional<date_time_fields> parse_date_time(std::string_view text) noexcept {
    date_time_fields f;
    scanner s{text};
    f.negative_year = s.literal('-');
    // yearFrag: at least four digits, and no leading zero when there are more.
    auto const year_start = s.at;
    while (!s.done() && is_digit(text[s.at])) ++s.at;
    f.year_digits = s.at - year_start;
    if (f.year_digits < 4 || (f.year_digits > 4 && text[year_start] == '0')) return std::nullopt;
    scanner last_four{text, s.at - 4};
    last_four.digits(4, f.year);

    if (!s.literal('-') || !s.digits(2, f.month) || !s.literal('-') || !s.digits(2, f.day) || !s.literal('T') ||
        !s.digits(2, f.hour) || !s.literal(':') || !s.digits(2, f.minute) || !s.literal(':') ||
        !s.digits(2, f.second)) {
        return std::nullopt;
    }
    bool zero_fraction = true;
    if (s.literal('.')) {
        auto const fraction_start = s.at;
        for (; !s.done() && is_digit(text[s.at]); ++s.at) zero_fraction = zero_fraction && text[s.at] == '0';
        if (s.at == fraction_start) return std::nullopt;
    }
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > days_in_month(f.month, f.year)) return std::nullopt;
    // endOfDayFrag: 24:00:00 is midnight at the end of the day.
    bool const end_of_day = f.hour == 24 && f.minute == 0 && f.second == 0 && zero_fraction;
    if ((f.hour > 23 && !end_of_day) || f.minute > 59 || f.second > 59) return std::nullopt;

    if (s.done()) return f;
    if (s.literal('Z')) return s.done() ? std::optional(f) : std::nullopt;
    bool const east = s.literal('+');
    if (!east && !s.literal('-')) return std::nullopt;
    int zone_hours = 0, zone_minutes = 0;
    if (!s.digits(2, zone_hours) || !s.literal(':') || !s.digits(2, zone_minutes)) return std::nullopt;
    // timezoneFrag ranges from -14:00 to +14:00.
    if (zone_minutes > 59 || zone_hours > 14 || (zone_hours == 14 && zone_minutes != 0)) return std::nullopt;
    f.zone_minutes = (east ? 1 : -1) * (zone_hours * 60 + zone_minutes);
    return s.done() ? std::optional(f) : std::nullopt;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept {
    year -= month <= 2;
    std::int64_t const era = (year >= 0 ? year : year - 399) / 400;
    std::int64_t const year_of_era = year - era * 400;
    std::int64_t const day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    std::int64_t const day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

}  // namespace

bool is_xsd_date_time(std::string_view text) noexcept { return parse_date_time(text).has_value(); }

bool is_storable_date_time(std::string_view text) noexcept {
    auto const f = parse_date_time(text);
    if (!f || f->negative_year || f->year_digits != 4 || f->year < 1) return false;
    // The minute in UTC, against the first minute of year 1 and the first of year 10000.
    std::int64_t const minute =
        days_from_civil(f->year, f->month, f->day) * 1440 + f->hour * 60 + f->minute - f->zone_minutes;
    return minute >= days_from_civil(1, 1, 1) * 1440 && minute < days_from_civil(10000, 1, 1) * 1440;
}

bool is_rfc3339_date_time(std::string_view text) noexcept {
    // RFC 3339 is xsd:dateTime with a four-digit year, a zone always, and no 24:00.
    if (text.size() < 20 || text[4] != '-' || text.substr(11, 2) == "24") return false;
    auto const zone_sign = text[text.size() - 6];
    return (text.back() == 'Z' || zone_sign == '+' || zone_sign == '-') && is_storable_date_time(text);
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
