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

// A real day written YYYY-MM-DD (2026-02-30 is not one): its year, month and day.
struct CalendarDate { int year, month, day; };
bool parse_calendar_date(std::string_view iso, CalendarDate* out);
// "2026-11-01" → "2026年11月1日" (the day without a leading zero); anything else as written.
std::string chinese_date(std::string_view iso);

}  // namespace gongkai
