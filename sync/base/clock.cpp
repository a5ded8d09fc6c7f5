// See clock.h.
#include "clock.h"

#include <cstdio>

namespace gongkai {

bool parse_rfc3339_utc(std::string_view s, std::time_t* out) {
    int y, mo, d, h, mi, sec;
    char z;
    if (s.size() != 20) return false;
    std::string str(s);
    if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 || z != 'Z') return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
    // A real day (not 2026-02-30), digits only, and not before the Unix epoch: every time
    // Gongkai reads was written by a clock of this century.
    CalendarDate date{};
    if (y < 1970 || !parse_calendar_date(s.substr(0, 10), &date)) return false;
    for (size_t i : {11u, 12u, 14u, 15u, 17u, 18u})
        if (s[i] < '0' || s[i] > '9') return false;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    *out = timegm(&tm);
    return true;
}

std::string format_rfc3339_utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string utc_now_rfc3339() { return format_rfc3339_utc(std::time(nullptr)); }

std::string local_date(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

bool parse_calendar_date(std::string_view s, CalendarDate* out) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto number = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; i++) v = v * 10 + (s[i] - '0');
        return v;
    };
    const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
    *out = {y, m, d};
    return true;
}

DistrictTime district_time(std::time_t t) {
    const std::time_t shifted = t + kDistrictUtcOffsetS;
    std::tm tm{};
    gmtime_r(&shifted, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (tm.tm_wday + 6) % 7};
}

std::string district_date(std::time_t t) {
    DistrictTime d = district_time(t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::time_t district_moment(int year, int month, int day, int hour, int minute, int second) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return timegm(&tm) - kDistrictUtcOffsetS;
}

bool parse_rfc3339(std::string_view s, std::time_t* out) {
    // YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)
    auto digits = [&](size_t at, size_t n, int* v) {
        if (at + n > s.size()) return false;
        *v = 0;
        for (size_t i = at; i < at + n; i++) {
            if (s[i] < '0' || s[i] > '9') return false;
            *v = *v * 10 + (s[i] - '0');
        }
        return true;
    };
    CalendarDate date{};
    int h, mi, sec = 0;
    if (s.size() < 17 || !parse_calendar_date(s.substr(0, 10), &date) || (s[10] != 'T' && s[10] != 't') ||
        !digits(11, 2, &h) || s[13] != ':' || !digits(14, 2, &mi) || h > 23 || mi > 59)
        return false;
    size_t at = 16;
    if (at < s.size() && s[at] == ':') {
        if (!digits(at + 1, 2, &sec) || sec > 59) return false;
        at += 3;
    }
    int offset_s = 0;
    if (at + 1 == s.size() && (s[at] == 'Z' || s[at] == 'z')) {
        offset_s = 0;
    } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':') {
        int oh, om;
        if (!digits(at + 1, 2, &oh) || !digits(at + 4, 2, &om) || oh > 14 || om > 59) return false;
        offset_s = (oh * 3600 + om * 60) * (s[at] == '-' ? -1 : 1);
    } else {
        return false;
    }
    if (date.year < 1970) return false;
    *out = district_moment(date.year, date.month, date.day, h, mi, sec) + kDistrictUtcOffsetS - offset_s;
    return true;
}

std::string chinese_date(std::string_view iso) {
    CalendarDate d{};
    if (!parse_calendar_date(iso, &d)) return std::string(iso);
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

}  // namespace gongkai
