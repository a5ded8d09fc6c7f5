// Interpretation (政策解读): a decision or policy in plain language — its title and date, then
// 变化了什么, 对谁有影响, 您需要做什么, each a heading a resident can find by eye, and last the
// services and notices it explains, as cards to tap. One past its end says so plainly, as an
// ended notice does; a link or QR code may still open it.
#include "screens.h"

namespace gongkai {

std::string interpretation_title(const UiStrings& str, const ScreenState&) { return str.interpretations; }

void interpretation_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    const Interpretation* in = find_interpretation(s.index, s.route.id);
    if (!in) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    const UiStrings& str = ui.str();
    std::time_t end;
    if (!in->valid_until.empty() && validity_end(in->valid_until, &end) && s.now >= end) {
        warning_box(ui, str.interpretation_ended);
        ui.gap(20);
    }
    if (str.untranslated("")) {  // the source gives interpretations in Chinese only
        ui.paragraph(str.untranslated_note, ui.theme().muted);
        ui.gap(12);
    }
    ui.title(str.catalogue(in->title, "", true), ui.theme().text);
    if (!in->published.empty()) {
        ui.gap(8);
        ui.paragraph(str.labelled(str.published_on, str.date(in->published)), ui.theme().muted);
    }
    page_tools(ui, s);  // 扫码带走 and 朗读 (take_away.cpp)
    for (auto [heading, text] : {std::pair{&str.what_changed, &in->what_changed}, {&str.who_affected, &in->who_affected},
                                 {&str.what_to_do, &in->what_to_do}}) {
        if (text->empty()) continue;
        ui.heading(*heading);
        paragraphs(ui, *text);
    }
    explained_cards(ui, s, in->items, in->notices);
    ui.gap(60);
}

}  // namespace gongkai
