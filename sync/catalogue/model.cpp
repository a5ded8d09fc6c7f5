// Small queries over the in-memory model.
#include "model.h"

#include "clock.h"

#include <algorithm>
#include <map>
#include <set>

namespace gongkai {

const Domain* Catalogue::find_domain(std::string_view id) const {
    auto it = std::find_if(domains.begin(), domains.end(), [&](const Domain& d) { return d.id == id; });
    return it == domains.end() ? nullptr : &*it;
}

const Item* Catalogue::find_item(std::string_view id) const {
    auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
    return it == items.end() ? nullptr : &*it;
}

std::vector<ItemNames> item_names(const Catalogue& catalogue) {
    std::vector<ItemNames> names;
    names.reserve(catalogue.items.size());
    for (const Item& item : catalogue.items) names.push_back({item.title, item.level1, item.terms});
    return names;
}

const char* to_string(ItemKind kind) {
    switch (kind) {
    case ItemKind::Directory: return "directory";
    case ItemKind::Guide: return "guide";
    }
    return "directory";
}

std::optional<ItemKind> item_kind_from_string(std::string_view s) {
    if (s == "directory") return ItemKind::Directory;
    if (s == "guide") return ItemKind::Guide;
    return std::nullopt;
}

// ISO dates compare correctly as strings. A bound may be a minute ("2026-12-01T18:00"):
// by days, only its date counts — a notice in force at any moment of a day is current
// that day (compared whole, "2026-12-01" < "2026-12-01T09:00" would hide it all day).
static std::string_view day_of(std::string_view bound) { return bound.substr(0, 10); }

bool notice_is_current(const Notice& notice, std::string_view today) {
    if (!notice.valid_from.empty() && today < day_of(notice.valid_from)) return false;
    if (!notice.valid_until.empty() && today > day_of(notice.valid_until)) return false;
    return true;
}

bool notice_has_expired(const Notice& notice, std::string_view today) {
    return !notice.valid_until.empty() && today > day_of(notice.valid_until);
}

const char* category_name(DisclosureCategory c) {
    switch (c) {
    case DisclosureCategory::Unset: return "";
    case DisclosureCategory::Decision: return "决策公开";
    case DisclosureCategory::Execution: return "执行公开";
    case DisclosureCategory::Management: return "管理公开";
    case DisclosureCategory::Service: return "服务公开";
    case DisclosureCategory::Result: return "结果公开";
    }
    return "";
}

const char* category_id(DisclosureCategory c) {
    switch (c) {
    case DisclosureCategory::Unset: return "";
    case DisclosureCategory::Decision: return "decision";
    case DisclosureCategory::Execution: return "execution";
    case DisclosureCategory::Management: return "management";
    case DisclosureCategory::Service: return "service";
    case DisclosureCategory::Result: return "result";
    }
    return "";
}

std::optional<DisclosureCategory> category_from_string(std::string_view s) {
    for (DisclosureCategory c : kDisclosureCategories) {
        std::string_view name = category_name(c);
        if (s == category_id(c) || s == name || s == name.substr(0, 6)) return c;  // 6 bytes: 决策
    }
    return std::nullopt;
}

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM": the date, and the minute of day or -1 for a date.
static bool parse_validity(std::string_view s, CalendarDate* date, int* minute_of_day) {
    if (!parse_calendar_date(s.substr(0, 10), date)) return false;
    if (s.size() == 10) {
        *minute_of_day = -1;
        return true;
    }
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return false;
    for (size_t i : {11u, 12u, 14u, 15u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int h = (s[11] - '0') * 10 + (s[12] - '0'), m = (s[14] - '0') * 10 + (s[15] - '0');
    if (h > 23 || m > 59) return false;
    *minute_of_day = h * 60 + m;
    return true;
}

bool validity_start(std::string_view from, std::time_t* out) {
    CalendarDate d{};
    int minute = 0;
    if (!parse_validity(from, &d, &minute)) return false;
    *out = district_moment(d.year, d.month, d.day, 0, 0) + (minute < 0 ? 0 : minute * 60);
    return true;
}

bool validity_end(std::string_view until, std::time_t* out) {
    CalendarDate d{};
    int minute = 0;
    if (!parse_validity(until, &d, &minute)) return false;
    // A date's day ends at the next midnight: timegm normalises day 32 into the next month.
    *out = minute < 0 ? district_moment(d.year, d.month, d.day + 1, 0, 0) : district_moment(d.year, d.month, d.day, 0, 0) + minute * 60;
    return true;
}

bool in_force(std::string_view valid_from, std::string_view valid_until, std::time_t now) {
    std::time_t t;
    if (!valid_from.empty() && (!validity_start(valid_from, &t) || now < t)) return false;
    if (!valid_until.empty() && (!validity_end(valid_until, &t) || now >= t)) return false;
    return true;
}

bool notice_in_force(const Notice& notice, std::time_t now) { return in_force(notice.valid_from, notice.valid_until, now); }

bool notice_has_ended(const Notice& notice, std::time_t now) {
    std::time_t end;
    return !notice.valid_until.empty() && (!validity_end(notice.valid_until, &end) || now >= end);
}

bool notice_targets(const Notice& notice, const DeviceTarget& device) {
    if (notice.halls.empty() && notice.groups.empty()) return true;
    for (const std::string& h : notice.halls)
        if ((!device.hall_id.empty() && h == device.hall_id) || (!device.hall_name.empty() && h == device.hall_name)) return true;
    for (const std::string& g : notice.groups)
        if (std::find(device.groups.begin(), device.groups.end(), g) != device.groups.end()) return true;
    return false;
}

std::string mask_person_name(std::string_view name) {
    // Split into UTF-8 characters.
    std::vector<std::string_view> chars;
    for (size_t i = 0; i < name.size();) {
        unsigned char c = static_cast<unsigned char>(name[i]);
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        n = std::min(n, name.size() - i);
        chars.push_back(name.substr(i, n));
        i += n;
    }
    // Spaces and the middle dot of transliterated names (阿依·买买提) are not characters of the name.
    std::vector<std::string_view> kept;
    for (std::string_view c : chars)
        if (c != " " && c != "\u3000" && c != "·" && c != "•" && c != "・" && c != "‧" && c != "．" && c != ".")
            kept.push_back(c);
    if (kept.empty()) return {};
    if (kept.size() == 1) return "*";
    if (kept.size() == 2) return std::string(kept[0]) + "*";
    return std::string(kept.front()) + "*" + std::string(kept.back());
}

bool title_names_document_kind(std::string_view title) {
    // The kinds of document the 标准目录 guides list as 二级事项 of a service (the seven
    // pilot domains' directories use these; a department's own wording is caught by the
    // "same title under another 一级事项" rule in display_titles).
    static const std::set<std::string_view> kKinds = {
        "办事指南", "服务指南", "审批信息", "审核信息", "审核审批信息", "审批结果", "审核结果",
        "政策法规文件", "政策文件", "法规文件", "政策法规", "监督检查", "结果公开", "工作流程",
        "办事流程", "政策解读", "咨询服务", "投诉举报", "申请条件", "办理结果"};
    // "办事指南（多项救助合并）": the bracketed tail qualifies the kind, it does not name a service.
    for (std::string_view open : {"（", "("})
        if (size_t at = title.find(open); at != std::string_view::npos && at > 0) title = title.substr(0, at);
    return kKinds.count(title) > 0;
}

std::vector<std::string> display_titles(const std::vector<TitleParts>& rows) {
    // Which 一级事项 each (domain, title) appears under.
    std::map<std::pair<std::string_view, std::string_view>, std::set<std::string_view>> groups;
    for (const TitleParts& r : rows) groups[{r.domain_id, r.title}].insert(r.level1);
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const TitleParts& r : rows) {
        const bool ambiguous = title_names_document_kind(r.title) || groups[{r.domain_id, r.title}].size() > 1;
        // A title that already begins with its group ("公共就业服务专项活动") needs nothing.
        const bool says_group = r.level1.empty() || r.title.substr(0, r.level1.size()) == r.level1;
        out.push_back(ambiguous && !says_group ? std::string(r.level1) + std::string(r.title) : std::string(r.title));
    }
    return out;
}

std::vector<std::string> display_titles(const std::vector<Item>& items) {
    std::vector<TitleParts> rows;
    rows.reserve(items.size());
    for (const Item& i : items) rows.push_back({i.domain_id, i.level1, i.title});
    return display_titles(rows);
}

}  // namespace gongkai
