// Domain: what a resident can do here first (the domain's service guides), then the rest
// of its published directory grouped by 一级事项. A row a guide already shows (linked) is
// not listed again: the guide stands for it.
#include "screens.h"

namespace gongkai {

std::string domain_title(const UiStrings& str, const ScreenState& s) {
    if (int i = s.index.domain_index(s.route.id); i >= 0) return str.catalogue(s.index.domains[i].name, s.index.domains[i].name_en);
    return home_title(str, s);
}

void domain_screen(Ui& ui, const ScreenState& s) {
    const int domain_index = s.index.domain_index(s.route.id);
    const Domain* domain = domain_index < 0 ? nullptr : &s.index.domains[domain_index];
    ui.gap(24);
    if (!domain) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    // Coloured band with the domain's name, as on its home tile: the resident sees they
    // arrived where they tapped.
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    const float name_h = Ui::line_height(ui.fonts().heading);
    float band_h = ui.px(28) * 2 + name_h + Ui::line_height(ui.fonts().body);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + band_h), ui.theme().domain_color(domain_index), ui.px(18));
    ui.text_at(ImVec2(pos.x + ui.px(30), pos.y + ui.px(28)), ui.str().catalogue(domain->name, domain->name_en), ui.theme().on_bar, true, 0, width);
    ui.text_at(ImVec2(pos.x + ui.px(30), pos.y + ui.px(28) + name_h), ui.str().catalogue(domain->summary, domain->summary_en), ui.theme().on_bar, false, 0,
               width - ui.px(60), 1);
    ImGui::Dummy(ImVec2(width, band_h));

    bool any_guide = false;
    for (auto& item : s.index.items) {
        if (item.domain_id != domain->id || item.kind != ItemKind::Guide) continue;
        if (!any_guide) ui.heading(ui.str().services);
        any_guide = true;
        ui.card(Route::item(item.id), ui.str().catalogue(item.display_title, item.title_en, true),
                ui.str().catalogue(item.summary, item.summary_en), ui.str().guide_tag);
    }
    std::string group;
    bool any_row = false;
    for (auto& item : s.index.items) {
        if (item.domain_id != domain->id || item.kind == ItemKind::Guide || !item.guide_id.empty()) continue;
        if (!any_row && any_guide) {
            ui.gap(24);
            ui.paragraph(ui.str().more_info, ui.theme().muted, true);
        }
        any_row = true;
        if (item.level1 != group) {
            group = item.level1;
            ui.heading(group);
        }
        ui.card(Route::item(item.id), ui.str().catalogue(item.display_title, item.title_en, true),
                ui.str().summary_line(true, ui.str().catalogue(item.summary, item.summary_en)), "");
    }
    ui.gap(40);
}

}  // namespace gongkai
