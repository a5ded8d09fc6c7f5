// Search: a placeholder until the search issue lands (on-screen keyboard, pinyin,
// same-sound matching). It says so plainly and offers the domains instead.
#include "screens.h"
#include "strings.h"

namespace gongkai {

void search_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    ui.paragraph(text::kSearchComing, ui.theme().text);
    ui.gap(20);
    for (auto& d : s.index.domains) ui.card(Route::domain(d.id), d.name, d.summary, "");
}

}  // namespace gongkai
