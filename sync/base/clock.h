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

}  // namespace gongkai
