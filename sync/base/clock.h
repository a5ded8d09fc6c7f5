// Wall-clock text formats shared by every program: the local calendar date (notice
// validity, daily counts of search misses). RFC 3339 UTC lives in manifest.h for now.
#pragma once
#include <ctime>
#include <string>
#include <string_view>

namespace gongkai {

// The device's local date, "YYYY-MM-DD": a notice valid "until 2026-11-30" ends at the hall's midnight.
std::string local_date(std::time_t t);

}  // namespace gongkai
