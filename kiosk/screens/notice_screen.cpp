// Notice: one notice in full, with the item it is about.
#include "screens.h"

namespace gongkai {

std::string notice_title(const UiStrings& str, const ScreenState&) { return str.notices; }

void notice_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    const Notice* notice = nullptr;
    for (auto& n : s.index.notices)
        if (n.id == s.route.id) notice = &n;
    if (!notice) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        return;
    }
    ui.title(notice->title, ui.theme().text);
    if (!notice->valid_from.empty() || !notice->valid_until.empty()) {
        ui.gap(8);
        ui.paragraph(notice->valid_from + ui.str().date_range + notice->valid_until, ui.theme().muted);
    }
    ui.gap(20);
    ui.paragraph(notice->body, ui.theme().text);
    draw_take_away(ui, take_away_url(s));  // the page on the resident's phone (take_away.cpp)
    if (!notice->item_id.empty()) {
        for (auto& item : s.index.items) {
            if (item.id != notice->item_id) continue;
            ui.heading(ui.str().related);
            ui.card(Route::item(item.id), item.title, ui.str().summary_line(item.kind == ItemKind::Directory, item.summary), item.kind == ItemKind::Guide ? ui.str().guide_tag : "");
        }
    }
}

}  // namespace gongkai
