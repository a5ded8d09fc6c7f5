// Notice: one notice in full, with its validity in words and the item it is about. A
// notice past its last day is not on home any more, but a link or QR code may still open
// it: it says plainly that it has expired. It ends with the question residents rate it by
// (好差评, rating.cpp).
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
        next_steps(ui, s);
        return;
    }
    if (notice_has_ended(*notice, s.now)) {
        warning_box(ui, ui.str().notice_expired);
        ui.gap(20);
    }
    if (ui.str().untranslated(notice->body_en)) {
        ui.paragraph(ui.str().untranslated_note, ui.theme().muted);
        ui.gap(12);
    }
    ui.title(ui.str().catalogue(notice->title, notice->title_en), ui.theme().text);
    if (std::string validity = ui.str().validity(notice->valid_from, notice->valid_until); !validity.empty()) {
        ui.gap(8);
        ui.paragraph(validity, ui.theme().muted);
    }
    page_tools(ui, s);  // 扫码带走 and 朗读 (take_away.cpp)
    ui.gap(20);
    ui.paragraph(ui.str().catalogue(notice->body, notice->body_en), ui.theme().text);
    if (!notice->item_id.empty()) {
        for (auto& item : s.index.items) {
            if (item.id != notice->item_id) continue;
            ui.heading(ui.str().related);
            ui.card(Route::item(item.id), ui.str().catalogue(item.display_title, item.title_en, true),
                    ui.str().summary_line(item.kind == ItemKind::Directory, ui.str().catalogue(item.summary, item.summary_en)), item.kind == ItemKind::Guide ? ui.str().guide_tag : "");
        }
    }
    rating_piece(ui, s);  // 这条信息对您有帮助吗？ (rating.cpp)
    ui.gap(60);
}

}  // namespace gongkai
