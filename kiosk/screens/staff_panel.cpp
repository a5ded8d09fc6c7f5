// The staff panel (staff.h): what a technician checks first — the catalogue, the last sync
// and its named error, what waits for the office, disk, uptime, addresses, the version —
// then the actions as large buttons. Status comes from StaffView::status, which the app reads
// every 2 s while the panel shows (the same cache keys as gongkai-sync status --json).
//
//   ┌ 员工面板 ───────────────── [关闭] ┐
//   │ 设备状态   目录版本 | v12 (sync) … │  the status table
//   │ 操作  [立即同步]   [大厅信息]      │  staff.sync, staff.open/staff-hall
//   │       [显示和音量] [触摸测试]      │  staff.open/staff-display, staff.open/staff-touch
//   │       [修改密码]   [重新启动]      │  staff.open/staff-new-pin, staff.restart
//   └───────────────────────────────────┘
#include <cstdio>

#include "clock.h"
#include "screens.h"
#include "staff.h"

namespace gongkai {

std::string staff_panel_title(const UiStrings& str, const ScreenState&) { return str.staff_panel_title; }

static void staff_actions(Ui& ui, int columns);

static std::string bytes_text(std::uint64_t bytes) {
    char buf[32];
    const double gib = bytes / 1073741824.0;
    if (gib >= 1) std::snprintf(buf, sizeof buf, "%.1f GiB", gib);
    else std::snprintf(buf, sizeof buf, "%.0f MiB", bytes / 1048576.0);
    return buf;
}

// "3 天 4 小时", "4 小时 12 分", "12 分": a duration in words — "16:43:57" reads as a time of day.
static std::string duration_text(const UiStrings& str, std::int64_t s) {
    const std::int64_t days = s / 86400, hours = s % 86400 / 3600, minutes = s % 3600 / 60;
    if (days > 0) return std::to_string(days) + str.staff_days + std::to_string(hours) + str.staff_hours;
    if (hours > 0) return std::to_string(hours) + str.staff_hours + std::to_string(minutes) + str.staff_minutes;
    return std::to_string(minutes) + str.staff_minutes;
}

// "2026-11-26 17:00（3 小时前）": a stored RFC 3339 UTC moment in district time (the hall's
// clock, what a technician reads on their phone), and its age on the kiosk's clock.
static std::string moment_text(const UiStrings& str, const std::string& rfc3339, std::int64_t now_s) {
    if (rfc3339.empty()) return str.staff_none;
    std::time_t t = 0;
    if (!parse_rfc3339_utc(rfc3339, &t)) return rfc3339;
    const DistrictTime d = district_time(t);
    char when[32];
    std::snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", d.year, d.month, d.day, d.hour, d.minute);
    const std::int64_t age = now_s - static_cast<std::int64_t>(t);
    std::string ago;
    if (age >= 86400) ago = std::to_string(age / 86400) + str.staff_ago_days;
    else if (age >= 3600) ago = std::to_string(age / 3600) + str.staff_ago_hours;
    else if (age >= 0) ago = std::to_string(age / 60) + str.staff_ago_minutes;
    return ago.empty() ? std::string(when) : when + str.open_paren + ago + str.close_paren;
}

void staff_panel_screen(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    const StaffView& v = *s.staff;
    const StaffStatus& st = v.status;
    const UiStrings& str = ui.str();
    staff_header(ui, str.staff_panel_title, false);
    if (!v.message.empty()) {
        if (v.message_is_error) warning_box(ui, v.message);
        else ui.paragraph(v.message, th.tag_text, true);
        ui.gap(16);
    }
    // Landscape: the actions first, three to a row, so they are on the first screen; portrait
    // has the height for the status above them.
    if (ui.landscape()) staff_actions(ui, 3);
    ui.heading(str.staff_status);
    std::vector<std::pair<std::string, std::vector<std::string>>> rows;
    if (st.catalogue) {
        std::string line = "v" + std::to_string(st.catalogue_version) + str.middle_dot + std::to_string(st.catalogue_items) + str.items_suffix;
        if (st.catalogue_source == "demo") line += str.middle_dot + str.staff_catalogue_demo;
        std::vector<std::string> values{line, str.staff_installed + " " + moment_text(str, st.catalogue_installed_at, v.now_s)};
        if (st.stale) values.push_back(str.staff_catalogue_stale);
        rows.push_back({str.staff_catalogue, values});
    } else {
        rows.push_back({str.staff_catalogue, {st.catalogue_error}});
    }
    rows.push_back({str.staff_last_success, {moment_text(str, st.last_success, v.now_s)}});
    std::vector<std::string> attempt{moment_text(str, st.last_attempt, v.now_s)};
    if (v.sync_requested) attempt.push_back(str.staff_sync_waiting);
    rows.push_back({str.staff_last_attempt, attempt});
    rows.push_back({str.staff_last_error, {st.last_error.empty() ? str.staff_none : st.last_error}});
    rows.push_back({str.staff_outbox, {st.outbox_records >= 0 ? std::to_string(st.outbox_records) : st.outbox_error}});
    rows.push_back({str.staff_disk, {st.disk_error.empty() ? bytes_text(st.disk_free_bytes) + str.staff_of_total + bytes_text(st.disk_total_bytes)
                                                           : st.disk_error}});
    std::string uptime = str.staff_uptime_kiosk + duration_text(str, v.kiosk_uptime_s);
    if (st.system_uptime_s >= 0) uptime += str.staff_uptime_system + duration_text(str, st.system_uptime_s);
    rows.push_back({str.staff_uptime, {uptime}});
    rows.push_back({str.staff_addresses, st.addresses.empty() ? std::vector<std::string>{str.staff_none} : st.addresses});
    rows.push_back({str.staff_version, {"gongkai " + st.version}});
    ui.standard_table(rows);
    ui.gap(24);
    if (!ui.landscape()) staff_actions(ui, 2);
    ui.gap(40);
}

// The actions as buttons `columns` to a row, 150 px high: each as big as a home tile's row,
// far above the 80-px floor.
static void staff_actions(Ui& ui, int columns) {
    const Theme& th = ui.theme();
    const UiStrings& str = ui.str();
    ui.heading(str.staff_actions);
    struct Action { const char* id; const std::string* label; const char* action; };
    const Action actions[] = {
        {"staff.sync", &str.staff_sync_now, "sync"},
        {"staff.open/staff-hall", &str.staff_hall, "open/staff-hall"},
        {"staff.open/staff-display", &str.staff_display, "open/staff-display"},
        {"staff.open/staff-touch", &str.staff_touch, "open/staff-touch"},
        {"staff.open/staff-new-pin", &str.staff_change_pin, "open/staff-new-pin"},
        {"staff.restart", &str.staff_restart, "restart"},
    };
    const float avail = ImGui::GetContentRegionAvail().x, gap = ui.px(24);
    const float bw = (avail - gap * (columns - 1)) / columns, bh = ui.px(150);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    int i = 0;
    for (const Action& a : actions) {
        const ImVec2 p(origin.x + (i % columns) * (bw + gap), origin.y + (i / columns) * (bh + gap));
        ImGui::SetCursorScreenPos(p);
        // 重新启动 in white with a frame: not one more blue button to tap by habit.
        const bool restart = std::string(a.action) == "restart";
        if (ui.button(a.id, *a.label, ImVec2(bw, bh), restart ? th.key : th.accent, restart ? th.text : th.on_accent))
            ui.emit({UiEvent::Kind::Staff, {}, a.action});
        if (restart) ImGui::GetWindowDrawList()->AddRect(p, ImVec2(p.x + bw, p.y + bh), th.key_border, ui.px(14), 0, ui.px(3));
        i++;
    }
    const int rows = (i + columns - 1) / columns;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + rows * bh + (rows - 1) * gap));
    ImGui::Dummy(ImVec2(avail, 1));
    ui.gap(16);
    ui.paragraph(str.staff_restart_note, th.muted);
    ui.gap(24);
}

}  // namespace gongkai
