// Domain: the items of one domain, grouped by 一级事项, guides first in their group.
#include "screens.h"

namespace gongkai {

std::string domain_title(const UiStrings& str, const ScreenState& s) {
    if (int i = s.index.domain_index(s.route.id); i >= 0) return s.index.domains[i].name;
    return home_title(str, s);
}

void domain_screen(Ui& ui, const ScreenState& s) {
    const int domain_index = s.index.domain_index(s.route.id);
    const Domain* domain = domain_index < 0 ? nullptr : &s.index.domains[domain_index];
    ui.gap(24);
    if (!domain) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        return;
    }
    // Coloured band with the domain's name, as on its home tile: the resident sees they
    // arrived where they tapped.
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    const float name_h = Ui::line_height(ui.fonts().heading);
    float band_h = ui.px(28) * 2 + name_h + Ui::line_height(ui.fonts().body);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + band_h), ui.theme().domain_color(domain_index), ui.px(18));
    ui.text_at(ImVec2(pos.x + ui.px(30), pos.y + ui.px(28)), domain->name, ui.theme().on_bar, true, 0, width);
    ui.text_at(ImVec2(pos.x + ui.px(30), pos.y + ui.px(28) + name_h), domain->summary, ui.theme().on_bar, false, 0,
               width - ui.px(60), 1);
    ImGui::Dummy(ImVec2(width, band_h));

    std::string group;
    for (auto& item : s.index.items) {
        if (item.domain_id != domain->id) continue;
        if (item.level1 != group) {
            group = item.level1;
            ui.heading(group);
        }
        ui.card(Route::item(item.id), item.title, ui.str().summary_line(item.kind == ItemKind::Directory, item.summary),
                item.kind == ItemKind::Guide ? ui.str().guide_tag : "");
    }
    ui.gap(40);
}

}  // namespace gongkai
