// The hall's opening hours (config [hall] opening_hours, closed_dates, open_dates): when a
// board shows notices and when it blanks its screen. All in district time (clock.h).
//
//   opening_hours = ["mon-fri 08:30-11:30,13:00-17:00", "sat 09:00-12:00"]
//   closed_dates  = ["2027-01-01", "2027-02-16..2027-02-22"]   # holidays: closed all day
//   open_dates    = ["2027-02-14 08:30-17:00"]                 # 调休: a weekend day worked
//
// A date in open_dates opens with its own hours whatever its weekday; a date in
// closed_dates is closed; any other day follows its weekday — or, with no opening_hours,
// is open all day (a board in a lobby that never closes, dark only on its closed dates).
#pragma once
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct OpenSpan {
    int from_min = 0, to_min = 0;  // minutes of the day, from < to ≤ 1440
    bool operator==(const OpenSpan&) const = default;
};

class HallSchedule {
public:
    // Each parser returns "" or what is wrong with `entry`, for the config's problem line.
    std::string add_weekly(std::string_view entry);       // "mon-fri 08:30-17:00"
    std::string add_closed(std::string_view entry);       // "2027-01-01" or "A..B"
    std::string add_open_date(std::string_view entry);    // "2027-02-14 08:30-17:00"

    bool always_open() const { return !has_weekly_ && closed_.empty() && open_dates_.empty(); }
    // Open at `t`.
    bool open_at(std::time_t t) const;
    // The first moment after `t` (at most 8 days on) where open_at changes; t + 8 days if it never does.
    std::time_t next_change(std::time_t t) const;
    // The spans of the district day holding `t`.
    std::vector<OpenSpan> spans_on(std::time_t t) const;

    // Limits: a week of entries, a year of holidays.
    static constexpr size_t kMaxEntries = 64;
    static constexpr int kMaxClosedRangeDays = 366;

private:
    struct DateRange { std::string first, last; };  // YYYY-MM-DD, inclusive
    struct OpenDate { std::string date; std::vector<OpenSpan> spans; };
    std::vector<OpenSpan> weekly_[7];  // Monday first
    bool has_weekly_ = false;
    std::vector<DateRange> closed_;
    std::vector<OpenDate> open_dates_;
};

// "08:30-11:30,13:00-17:00" → spans; "" on success, else why not.
std::string parse_open_spans(std::string_view text, std::vector<OpenSpan>* out);

}  // namespace gongkai
