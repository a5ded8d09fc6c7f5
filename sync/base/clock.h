// Wall-clock text formats shared by every program: RFC 3339 UTC timestamps (manifests,
// install times, sync state, heartbeats) and the local calendar date (notice validity,
// daily counts of search misses).
#pragma once
#include <ctime>
#include <string>
#include <string_view>

namespace gongkai {

// "2026-11-26T01:18:28Z".
std::string format_rfc3339_utc(std::time_t t);
// Now, as format_rfc3339_utc.
std::string utc_now_rfc3339();
// Accepts exactly "YYYY-MM-DDTHH:MM:SSZ"; false on anything else (no zones, no fractions).
bool parse_rfc3339_utc(std::string_view s, std::time_t* out);

// The device's local date, "YYYY-MM-DD": a notice valid "until 2026-11-30" ends at the hall's midnight.
std::string local_date(std::time_t t);

// District time: the catalogue's validity windows, the hall's opening hours and the
// board's schedule are all in Asia/Shanghai time, UTC+8 all year (no daylight saving
// since 1991), whatever time zone the device's system was left in — a terminal installed
// with Debian's default UTC still opens its board at 08:30 in the hall.
inline constexpr int kDistrictUtcOffsetS = 8 * 3600;
struct DistrictTime {
    int year, month, day;     // 2026, 1–12, 1–31
    int hour, minute, second;
    int weekday;              // 0 = Monday … 6 = Sunday
    int minute_of_day() const { return hour * 60 + minute; }
};
DistrictTime district_time(std::time_t t);
// "2026-12-01", in district time.
std::string district_date(std::time_t t);
// The moment a district-time date and time name (a real date, 0 ≤ h < 24, 0 ≤ m < 60).
std::time_t district_moment(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);
// "2026-12-01T10:00:00+08:00" (the --now contract), also with Z or another ±HH:MM offset,
// and without seconds; false on anything else.
bool parse_rfc3339(std::string_view s, std::time_t* out);

// A real day written YYYY-MM-DD (2026-02-30 is not one): its year, month and day.
struct CalendarDate { int year, month, day; };
bool parse_calendar_date(std::string_view iso, CalendarDate* out);
// "2026-11-01" → "2026年11月1日" (the day without a leading zero); anything else as written.
std::string chinese_date(std::string_view iso);

}  // namespace gongkai
