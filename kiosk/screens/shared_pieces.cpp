// Pieces several screens share (screens.h [SECTION] Pieces several screens share).
#include "screens.h"

namespace gongkai {

std::vector<std::string> hall_windows_for(const Config& device, std::string_view domain_name) {
    std::vector<std::string> named;
    for (const std::string& line : device.hall_windows)
        if (!domain_name.empty() && line.find(domain_name) != std::string::npos) named.push_back(line);
    return named.empty() ? device.hall_windows : named;
}

std::string listed_title(const UiStrings& str, const ItemShelf& items, std::string_view id, std::string_view title) {
    if (const ItemSummary* i = items.find(id); i && !i->display_title.empty()) return str.catalogue(i->display_title, i->title_en, true);
    return str.catalogue(title, "", true);
}

// How many services the next steps offer: one per domain up to four keeps the list
// within one portrait screen under the message, with the help and home buttons.
static constexpr size_t kNextStepServices = 4;

void next_steps(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    ui.heading(ui.str().next_steps);
    const float width = ImGui::GetContentRegionAvail().x;
    // Help first: a resident who found nothing most needs a person.
    if (ui.button("next.help", ui.str().ask_staff, ImVec2(width, ui.px(110)), th.accent, th.on_accent))
        ui.emit({UiEvent::Kind::Navigate, Route::help()});
    ui.gap(16);
    if (ui.button("next.home", ui.str().go_home, ImVec2(width, ui.px(110)), th.bar_button, th.on_bar))
        ui.emit({UiEvent::Kind::Home, {}});
    ui.gap(16);
    // The hotline as a button too: a kiosk cannot dial, so it opens help, where the number
    // is written large beside the hall's own staff.
    if (ui.button("next.hotline", ui.str().hotline_line, ImVec2(width, ui.px(110)), th.card, th.text, false))
        ui.emit({UiEvent::Kind::Navigate, Route::help()});
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), th.card_border, ui.px(14), 0, ui.px(2));
    // The first service guide of each domain, in the office's order: what most residents
    // come for (低保, 失业登记, 社保卡 …), one tap away.
    std::vector<const ItemSummary*> services;
    std::string last_domain;
    for (const GuideRef& g : s.index.guides) {
        if (services.size() == kNextStepServices) break;
        if (g.domain_id == last_domain) continue;
        last_domain = g.domain_id;
        if (const ItemSummary* i = s.items.find(g.id)) services.push_back(i);
    }
    if (!services.empty()) {
        ui.heading(ui.str().services);
        for (const ItemSummary* i : services)
            ui.card(Route::item(i->id), ui.str().catalogue(i->display_title, i->title_en, true),
                    ui.str().catalogue(i->summary, i->summary_en), ui.str().guide_tag);
    }
}

// The hall card: where the resident is, when it is open, and that a person will help —
// tapping it opens the help screen with the windows and the hotline. Without any [hall]
// text in the config it is only the help button.
void hall_card(Ui& ui, const ScreenState& s) {
    const Config* hall = s.device;
    std::string title = hall && !hall->hall_name.empty() ? hall->hall_name : ui.str().need_help;
    std::vector<std::string> lines;
    if (hall && !hall->hall_hours.empty()) lines.push_back(ui.str().labelled(ui.str().hall_hours, hall->hall_hours));
    lines.push_back(hall && !hall->hall_help.empty() ? hall->hall_help : ui.str().ask_staff);
    std::string subtitle;
    for (auto& l : lines) subtitle += (subtitle.empty() ? "" : "\n") + l;
    ui.card(Route::help(), title, subtitle, title == ui.str().need_help ? "" : ui.str().need_help);
}

}  // namespace gongkai
