// Notice: one notice in full, with its category, its validity in words and the item it is
// about. A notice past its end is not on home any more, but a link or QR code may still open
// it: it says plainly that it has ended — and a result list (结果公开) then shows no names,
// because its legal window (公示期) is over. A result list in force is shown one card per
// row, the name large, each other column as "label：value" — a wide table would not fit a
// portrait screen at a size an elderly reader can read. It ends with the interpretations and
// responses that name it, and the question residents rate it by (好差评, rating.cpp).
#include "screens.h"

namespace gongkai {

std::string notice_title(const UiStrings& str, const ScreenState&) { return str.notices; }

// One row of a result list: the first column (the masked name) in the heading font, the
// others under it. Off-screen rows keep their height but draw nothing: a district's list can
// be thousands of rows (bundle.h kMaxResultRows).
static void result_row_card(Ui& ui, const ResultList& list, const std::vector<std::string>& row) {
    const UiStrings& str = ui.str();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(28), line_gap = ui.px(6);
    const float inner = width - 2 * pad;
    std::vector<std::string> lines;
    for (size_t c = 1; c < row.size() && c < list.columns.size(); c++)
        if (!row[c].empty()) lines.push_back(str.labelled(list.columns[c], row[c]));
    const std::string& name = row.empty() ? std::string() : row[0];
    float h = pad + ui.text_height(name, true, 0, inner);
    for (auto& l : lines) h += line_gap + ui.text_height(l, false, 0, inner);
    h += pad;
    if (ImGui::IsRectVisible(pos, ImVec2(pos.x + width, pos.y + h))) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), ui.theme().card, ui.px(14));
        dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), ui.theme().card_border, ui.px(14), 0, ui.px(2));
        float y = pos.y + pad;
        y += ui.text_at(ImVec2(pos.x + pad, y), name, ui.theme().text, true, 0, inner);
        for (auto& l : lines) y += line_gap + ui.text_at(ImVec2(pos.x + pad, y + line_gap), l, ui.theme().text, false, 0, inner);
    }
    ImGui::Dummy(ImVec2(width, h));
    ui.gap(14);
}

static void result_list(Ui& ui, const Notice& notice, bool ended, bool not_yet) {
    const UiStrings& str = ui.str();
    const ResultList& list = *notice.results;
    // Names only within the 公示期: none before it (a link or QR code reaches the page early), none after.
    if (ended || not_yet) {
        warning_box(ui, ended ? str.result_ended : str.result_not_yet);
        return;
    }
    ui.heading(str.result_list + str.parenthesised(str.result_count(list.rows.size())));
    ui.paragraph(str.result_privacy, ui.theme().muted);
    ui.gap(16);
    for (const auto& row : list.rows) result_row_card(ui, list, row);
}

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
    const UiStrings& str = ui.str();
    const bool ended = notice_has_ended(*notice, s.now);
    if (ended && !notice->results) {
        warning_box(ui, str.notice_expired);
        ui.gap(20);
    }
    if (str.untranslated(notice->body_en)) {
        ui.paragraph(str.untranslated_note, ui.theme().muted);
        ui.gap(12);
    }
    if (std::string tag = category_tag(str, notice->category); !tag.empty()) {
        ui.paragraph(tag, ui.theme().accent, true);
        ui.gap(4);
    }
    ui.title(str.catalogue(notice->title, notice->title_en), ui.theme().text);
    // A result list's window is its 公示期, said as the rules say it; other notices' 有效期.
    std::string validity = notice->results ? str.public_period_of(notice->valid_from, notice->valid_until) : std::string();
    if (validity.empty()) validity = str.validity(notice->valid_from, notice->valid_until);
    if (!validity.empty()) {
        ui.gap(8);
        // 公示期 in bold at the body size: what a resident checks first, under the title, not a second title.
        if (notice->results) ui.paragraph(validity, ui.theme().text, true, ui.fonts().body->FontSize);
        else ui.paragraph(validity, ui.theme().muted);
    }
    page_tools(ui, s);  // 扫码带走 and 朗读 (take_away.cpp)
    ui.gap(20);
    ui.paragraph(str.catalogue(notice->body, notice->body_en), ui.theme().text);
    if (notice->results) result_list(ui, *notice, ended, !ended && !notice_in_force(*notice, s.now));
    if (!notice->item_id.empty()) {
        if (const ItemSummary* found = s.items.find(notice->item_id)) {
            const ItemSummary& item = *found;
            ui.heading(str.related);
            ui.card(Route::item(item.id), str.catalogue(item.display_title, item.title_en, true),
                    str.summary_line(item.kind == ItemKind::Directory, str.catalogue(item.summary, item.summary_en)), item.kind == ItemKind::Guide ? str.guide_tag : "");
        }
    }
    explanations_of(ui, s, /*notice=*/true, notice->id);
    rating_piece(ui, s);  // 这条信息对您有帮助吗？ (rating.cpp)
    ui.gap(60);
}

}  // namespace gongkai
