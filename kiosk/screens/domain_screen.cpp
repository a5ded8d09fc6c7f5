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

    // Guides first, then the rows no guide stands for, in catalogue order: found once per
    // catalogue (the list is kept with its layout), then only the rows in view are drawn.
    ListLayouts::List& list = ui.list("domain/" + domain->id);
    // Read before this frame (App::load_route_data); else the next frame has it (item_shelf.h).
    const std::vector<ItemSummary>& items = s.items.domain(domain->id);
    const ItemShelf::Shelved shelved = s.items.state(domain->id);
    if (shelved == ItemShelf::Shelved::Unreadable) {
        // The cache failed this read (it is tried again when the resident next touches the
        // screen), or a catalogue is being installed: say so, and offer a way on.
        ui.gap(24);
        ui.paragraph(ui.str().list_unavailable, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    if (!list.have_rows && shelved == ItemShelf::Shelved::Read) {
        for (int guides = 1; guides >= 0; guides--)
            for (size_t i = 0; i < items.size(); i++) {
                const ItemSummary& item = items[i];
                if ((item.kind == ItemKind::Guide) != (guides == 1)) continue;
                if (!guides && !item.guide_id.empty()) continue;
                list.rows.push_back(static_cast<std::uint32_t>(i));
            }
        list.have_rows = true;
    }
    ui.rows(list, [&](size_t row) {
        if (list.rows[row] >= items.size()) return;  // (rows are found again whenever the shelf is set)
        const ItemSummary& item = items[list.rows[row]];
        const ItemSummary* before = row > 0 ? &items[list.rows[row - 1]] : nullptr;
        const bool before_guide = before && before->kind == ItemKind::Guide;
        if (item.kind == ItemKind::Guide) {
            if (!before) ui.heading(ui.str().services);
            ui.card(Route::item(item.id), ui.str().catalogue(item.display_title, item.title_en, true),
                    ui.str().catalogue(item.summary, item.summary_en), ui.str().guide_tag);
            return;
        }
        if (before_guide) {
            ui.gap(24);
            ui.paragraph(ui.str().more_info, ui.theme().muted, true);
        }
        // Rows are grouped by 一级事项: a heading where the group changes.
        if (item.level1 != (before && !before_guide ? before->level1 : std::string())) ui.heading(item.level1);
        ui.card(Route::item(item.id), ui.str().catalogue(item.display_title, item.title_en, true),
                ui.str().summary_line(true, ui.str().catalogue(item.summary, item.summary_en)), "");
    });
    ui.gap(40);
}

}  // namespace gongkai
