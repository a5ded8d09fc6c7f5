// Response (回应关切): a question the public raised, in the resident's own words, then the
// office's 答复, when it was answered and where the question came from, and the services and
// notices it is about, as cards to tap.
#include "screens.h"

namespace gongkai {

std::string response_title(const UiStrings& str, const ScreenState&) { return str.responses; }

void response_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    const Response* r = find_response(s.index, s.route.id);
    if (!r) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    const UiStrings& str = ui.str();
    if (str.untranslated("")) {  // the source gives responses in Chinese only
        ui.paragraph(str.untranslated_note, ui.theme().muted);
        ui.gap(12);
    }
    ui.paragraph(str.question_label, ui.theme().muted);
    ui.gap(4);
    ui.title(str.catalogue(r->question, "", true), ui.theme().text);
    std::string about;
    if (!r->answered.empty()) about = str.labelled(str.answered_on, str.date(r->answered));
    if (!r->asked_via.empty()) about += (about.empty() ? "" : str.middle_dot) + str.labelled(str.asked_via, r->asked_via);
    if (!about.empty()) {
        ui.gap(8);
        ui.paragraph(about, ui.theme().muted);
    }
    page_tools(ui, s);  // 扫码带走 and 朗读 (take_away.cpp)
    ui.heading(str.answer);
    paragraphs(ui, r->answer);
    explained_cards(ui, s, r->items, r->notices);
    ui.gap(60);
}

}  // namespace gongkai
