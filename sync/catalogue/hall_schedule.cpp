// See hall_schedule.h.
#include "hall_schedule.h"

#include <algorithm>
#include <cstdio>

#include "clock.h"

namespace gongkai {

static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "08:30" → 510; "24:00" → 1440 (a span may end at midnight); -1 otherwise.
static int parse_hhmm(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return -1;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (s[i] < '0' || s[i] > '9') return -1;
    const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
    return h * 60 + m;
}

std::string parse_open_spans(std::string_view text, std::vector<OpenSpan>* out) {
    out->clear();
    text = trim(text);
    if (text.empty()) return "needs hours such as 08:30-17:00";
    while (true) {
        size_t comma = text.find(',');
        std::string_view part = trim(text.substr(0, comma));
        if (part.empty()) return "has an empty span (a stray comma?)";
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        size_t dash = part.find('-');
        if (dash == std::string_view::npos) return "\"" + std::string(part) + "\" is not HH:MM-HH:MM";
        const int from = parse_hhmm(trim(part.substr(0, dash))), to = parse_hhmm(trim(part.substr(dash + 1)));
        if (from < 0 || to < 0) return "\"" + std::string(part) + "\" is not HH:MM-HH:MM (00:00 to 24:00)";
        if (from >= to) return "\"" + std::string(part) + "\" closes before it opens (a span may not cross midnight)";
        out->push_back({from, to});
        if (comma == std::string_view::npos) break;
    }
    std::sort(out->begin(), out->end(), [](const OpenSpan& a, const OpenSpan& b) { return a.from_min < b.from_min; });
    for (size_t i = 1; i < out->size(); i++)
        if ((*out)[i].from_min < (*out)[i - 1].to_min) return "has overlapping hours";
    if (out->size() > 8) return "has more than 8 spans in a day";
    return {};
}

static int weekday_of(std::string_view s) {
    static const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int i = 0; i < 7; i++)
        if (s == kDays[i]) return i;
    return -1;
}

std::string HallSchedule::add_weekly(std::string_view entry) {
    entry = trim(entry);
    size_t space = entry.find(' ');
    if (space == std::string_view::npos) return "\"" + std::string(entry) + "\" needs days and hours, e.g. \"mon-fri 08:30-17:00\"";
    std::string_view days = entry.substr(0, space);
    bool on[7] = {};
    while (!days.empty()) {
        size_t comma = days.find(',');
        std::string_view part = days.substr(0, comma);
        days = comma == std::string_view::npos ? std::string_view() : days.substr(comma + 1);
        size_t dash = part.find('-');
        const int a = weekday_of(part.substr(0, dash)), b = dash == std::string_view::npos ? a : weekday_of(part.substr(dash + 1));
        if (a < 0 || b < 0 || b < a) return "\"" + std::string(part) + "\" is not a day or range of days (mon tue wed thu fri sat sun, e.g. mon-fri)";
        for (int d = a; d <= b; d++) on[d] = true;
    }
    std::vector<OpenSpan> spans;
    if (std::string why = parse_open_spans(entry.substr(space + 1), &spans); !why.empty()) return why;
    for (int d = 0; d < 7; d++) {
        if (!on[d]) continue;
        if (!weekly_[d].empty()) return "names a day twice (each weekday once)";
        weekly_[d] = spans;
    }
    has_weekly_ = true;
    return {};
}

std::string HallSchedule::add_closed(std::string_view entry) {
    entry = trim(entry);
    size_t dots = entry.find("..");
    std::string first(entry.substr(0, dots)), last(dots == std::string_view::npos ? entry : entry.substr(dots + 2));
    CalendarDate a{}, b{};
    if (!parse_calendar_date(first, &a) || !parse_calendar_date(last, &b))
        return "\"" + std::string(entry) + "\" is not a date (2027-01-01) or a range (2027-02-16..2027-02-22)";
    const std::time_t ta = district_moment(a.year, a.month, a.day), tb = district_moment(b.year, b.month, b.day);
    if (tb < ta) return "\"" + std::string(entry) + "\" ends before it starts";
    if ((tb - ta) / 86400 >= kMaxClosedRangeDays) return "\"" + std::string(entry) + "\" is longer than a year";
    closed_.push_back({first, last});
    return {};
}

std::string HallSchedule::add_open_date(std::string_view entry) {
    entry = trim(entry);
    CalendarDate d{};
    size_t space = entry.find(' ');
    if (space == std::string_view::npos || !parse_calendar_date(entry.substr(0, space), &d))
        return "\"" + std::string(entry) + "\" needs a date and hours, e.g. \"2027-02-14 08:30-17:00\"";
    OpenDate od{std::string(entry.substr(0, space)), {}};
    for (const OpenDate& other : open_dates_)
        if (other.date == od.date) return "names " + od.date + " twice";
    if (std::string why = parse_open_spans(entry.substr(space + 1), &od.spans); !why.empty()) return why;
    open_dates_.push_back(std::move(od));
    return {};
}

std::vector<OpenSpan> HallSchedule::spans_on(std::time_t t) const {
    const std::string date = district_date(t);
    for (const OpenDate& od : open_dates_)
        if (od.date == date) return od.spans;
    for (const DateRange& r : closed_)
        if (date >= r.first && date <= r.last) return {};  // ISO dates compare as strings
    // No weekly hours: open all day, every day not named above.
    if (!has_weekly_) return {{0, 1440}};
    return weekly_[district_time(t).weekday];
}

bool HallSchedule::open_at(std::time_t t) const {
    if (always_open()) return true;
    const int minute = district_time(t).minute_of_day();
    for (const OpenSpan& s : spans_on(t))
        if (minute >= s.from_min && minute < s.to_min) return true;
    return false;
}

std::time_t HallSchedule::next_change(std::time_t t) const {
    const bool now_open = open_at(t);
    // Changes happen only on whole minutes: step to each span edge of this day and the next eight.
    const DistrictTime dt = district_time(t);
    const std::time_t midnight = district_moment(dt.year, dt.month, dt.day);
    for (int day = 0; day <= 8; day++) {
        const std::time_t start = midnight + day * 86400;  // district time has no DST: days are 86,400 s
        std::vector<std::time_t> edges = {start};
        for (const OpenSpan& s : spans_on(start)) {
            edges.push_back(start + s.from_min * 60);
            edges.push_back(start + s.to_min * 60);
        }
        std::sort(edges.begin(), edges.end());
        for (std::time_t e : edges)
            if (e > t && open_at(e) != now_open) return e;
    }
    return t + 8 * 86400;
}

}  // namespace gongkai
