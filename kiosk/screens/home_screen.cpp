// Home: the search entry, the seven domain tiles, and the notices strip — the notices in
// force, with chips that filter them by the five disclosures (决策/执行/管理/服务/结果公开).
#include <algorithm>

#include "screens.h"

namespace gongkai {

std::string home_title(const UiStrings& str, const ScreenState& s) { return str.app_title(s.district); }

static void search_entry(Ui& ui) {
    const Theme& th = ui.theme();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x;
    ImVec2 size(width, ui.px(120));
    bool pressed = ImGui::InvisibleButton("search", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, end, ImGui::IsItemActive() ? th.pressed : th.card, ui.px(60));
    dl->AddRect(pos, end, th.accent, ui.px(60), 0, ui.px(4));
    draw_icon_search(dl, ImVec2(pos.x + ui.px(70), pos.y + size.y * 0.5f), ui.px(56), th.accent);
    ui.text_at(ImVec2(pos.x + ui.px(120), pos.y + (size.y - Ui::line_height(ui.fonts().body)) * 0.5f), ui.str().search_prompt,
               th.muted, false, 0, width - ui.px(160), 1);
    ui.record_target("search", pos, end);
    if (pressed) ui.emit({UiEvent::Kind::Navigate, Route::search()});
}

// A domain's name on its tile: in the display size on one line when it fits; otherwise
// (a long English name at 1.4×, one column already) in the heading size on up to two
// lines, cut with "…" only past that — never drawn over the tile's edge.
static bool name_fits(const Ui& ui, const std::string& name, float width) {
    ImFont* display = ui.fonts().display;
    return display->CalcTextSizeA(display->FontSize, FLT_MAX, 0, name.c_str()).x <= width;
}

static float tile_name_height(Ui& ui, const std::string& name, float width) {
    if (name_fits(ui, name, width)) return ui.fonts().display->FontSize * 1.05f;
    return ui.text_height(name, true, 0, width, 2);
}

static void domain_tile(Ui& ui, const Domain& d, size_t index, size_t items, ImVec2 size) {
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::string id = "domain/" + d.id;
    bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, end, ui.theme().domain_color(index), ui.px(18));
    if (ImGui::IsItemActive()) dl->AddRectFilled(pos, end, ui.theme().tile_press_shade, ui.px(18));
    const float pad = ui.px(30);
    const ImU32 white = ui.theme().on_bar;
    ImFont* display = ui.fonts().display;
    const std::string name = ui.str().catalogue(d.name, d.name_en);
    const bool fits = name_fits(ui, name, size.x - 2 * pad);
    if (fits) dl->AddText(display, display->FontSize, ImVec2(pos.x + pad, pos.y + pad), white, name.c_str());
    else ui.text_at(ImVec2(pos.x + pad, pos.y + pad), name, white, true, 0, size.x - 2 * pad, 2);
    const float name_h = tile_name_height(ui, name, size.x - 2 * pad);
    ui.text_at(ImVec2(pos.x + pad, pos.y + pad + name_h), ui.str().catalogue(d.summary, d.summary_en), white, false, 0,
               size.x - 2 * pad, 2);
    // The count sits top-right, level with the name, so a two-line summary never meets it.
    std::string count = std::to_string(items) + " " + ui.str().items_suffix;
    float cw = ui.fonts().body->CalcTextSizeA(ui.fonts().body->FontSize, FLT_MAX, 0, count.c_str()).x;
    float count_y = pos.y + pad + (display->FontSize - ui.fonts().body->FontSize) * 0.5f;
    float name_w = display->CalcTextSizeA(display->FontSize, FLT_MAX, 0, name.c_str()).x;
    if (fits && pad + name_w + ui.px(24) + cw + pad <= size.x)  // a long name on a narrow tile wins over the count
        ui.text_at(ImVec2(end.x - pad - cw, count_y), count, white, false, 0, cw + 2);
    ui.record_target(id, pos, end);
    if (pressed) ui.emit({UiEvent::Kind::Navigate, Route::domain(d.id)});
}

// The category chips over the notices: 全部 and each of the five disclosures that has a
// notice in force, as large as search's domain chips (84 px, above the 80-px floor). The
// chosen one is filled; a choice whose last notice ended meanwhile falls back to 全部.
static void category_chips(Ui& ui, const std::vector<DisclosureCategory>& present, const std::string& chosen) {
    const Theme& th = ui.theme();
    const float avail = ImGui::GetContentRegionAvail().x, h = ui.px(84), spacing = ui.px(14);
    const float x0 = ImGui::GetCursorScreenPos().x;
    float x = x0, y = ImGui::GetCursorScreenPos().y;
    auto chip = [&](const std::string& id, const std::string& label) {
        ImFont* f = ui.fonts().body;
        const float w = std::max(ui.px(130), f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x + ui.px(56));
        if (x + w > x0 + avail) { x = x0; y += h + spacing; }
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const bool selected = chosen == id;
        if (ui.button("notice-chip/" + (id.empty() ? std::string("all") : id), label, ImVec2(w, h), selected ? th.accent : th.card,
                      selected ? th.on_accent : th.text, false))
            ui.emit({UiEvent::Kind::NoticeFilter, {}, id});
        if (!selected) ImGui::GetWindowDrawList()->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), th.card_border, ui.px(14), 0, ui.px(2));
        x += w + spacing;
    };
    chip("", ui.str().category_all);
    for (DisclosureCategory c : present) chip(category_id(c), ui.str().category(c));
    ImGui::SetCursorScreenPos(ImVec2(x0, y + h));
    ImGui::Dummy(ImVec2(avail, ui.px(10)));
}

// 公告: the notices in force now (notice_in_force at s.now), filtered by the chosen category.
static void notices_strip(Ui& ui, const ScreenState& s) {
    std::vector<const Notice*> current;
    std::vector<DisclosureCategory> present;
    for (auto& n : s.index.notices) {
        if (!notice_in_force(n, s.now)) continue;
        current.push_back(&n);
        if (n.category != DisclosureCategory::Unset && std::find(present.begin(), present.end(), n.category) == present.end())
            present.push_back(n.category);
    }
    if (current.empty()) return;
    // In the five disclosures' order, whatever order the notices come in.
    std::vector<DisclosureCategory> ordered;
    for (DisclosureCategory c : kDisclosureCategories)
        if (std::find(present.begin(), present.end(), c) != present.end()) ordered.push_back(c);
    std::string chosen = s.notice_category;
    if (!chosen.empty() && std::none_of(ordered.begin(), ordered.end(), [&](DisclosureCategory c) { return chosen == category_id(c); }))
        chosen.clear();
    ui.heading(ui.str().notices);
    if (!ordered.empty()) category_chips(ui, ordered, chosen);
    for (const Notice* n : current) {
        if (!chosen.empty() && chosen != category_id(n->category)) continue;
        ui.card(Route::notice(n->id), ui.str().catalogue(n->title, n->title_en, true), ui.str().catalogue(n->body, n->body_en),
                category_tag(ui.str(), n->category));
    }
}

void home_screen(Ui& ui, const ScreenState& s) {
    // An urgent notice in force: the resident reads it first (urgent.cpp).
    if (!s.urgent.empty() && !s.urgent_dismissed) {
        urgent_page(ui, s);
        return;
    }
    ui.gap(24);
    search_entry(ui);
    ui.gap(30);
    ui.paragraph(ui.str().home_hint, ui.theme().muted);
    ui.gap(16);

    const auto& domains = s.index.domains;
    // Four columns in landscape, two in portrait — fewer when the longest domain name
    // would not fit a tile (a larger text scale): a name is never cut.
    const float spacing = ui.px(24), pad = ui.px(30);
    const float width = ImGui::GetContentRegionAvail().x;
    ImFont* display = ui.fonts().display;
    // The room a name needs: its display-size width, or — for a name of several words
    // (English) — half its heading-size width, as it may take two lines (never less than
    // its longest word).
    float longest_name = 0;
    ImFont* heading = ui.fonts().heading;
    for (auto& d : domains) {
        const std::string name = ui.str().catalogue(d.name, d.name_en);
        float need = display->CalcTextSizeA(display->FontSize, FLT_MAX, 0, name.c_str()).x;
        if (name.find(' ') != std::string::npos) {
            float word = 0;
            for (size_t b = 0; b < name.size();) {
                size_t e = std::min(name.find(' ', b), name.size());
                word = std::max(word, heading->CalcTextSizeA(heading->FontSize, FLT_MAX, 0, name.data() + b, name.data() + e).x);
                b = e + 1;
            }
            need = std::min(need, std::max(word, heading->CalcTextSizeA(heading->FontSize, FLT_MAX, 0, name.c_str()).x * 0.55f));
        }
        longest_name = std::max(longest_name, need);
    }
    // 长辈版: one column in portrait (two in landscape), fewer and larger targets per screen.
    size_t columns = ui.theme().large ? (ui.landscape() ? 2 : 1) : (ui.landscape() ? 4 : 2);
    while (columns > 1 && (width - spacing * (columns - 1)) / columns < longest_name + 2 * pad) columns--;
    const float tile_w = (width - spacing * (columns - 1)) / columns;
    // Name, two summary lines, padding (half below: the summary's leading already adds
    // some): 240 px at the standard sizes, short enough that the notices start above the
    // fold; taller when the text is larger.
    float name_h = display->FontSize * 1.05f;
    for (auto& d : domains) name_h = std::max(name_h, tile_name_height(ui, ui.str().catalogue(d.name, d.name_en), tile_w - 2 * pad));
    const float tile_h = std::max(ui.px(ui.landscape() ? 230 : 240), 1.5f * pad + name_h + 2 * Ui::line_height(ui.fonts().body));
    for (size_t i = 0; i < domains.size(); i++) {
        size_t col = i % columns;
        bool last_alone = i == domains.size() - 1 && col == 0 && columns == 2;
        if (col > 0) ImGui::SameLine(0, spacing);
        // What the domain screen lists: a row shown inside its guide is not counted twice.
        const size_t count = i < s.index.listed.size() ? static_cast<size_t>(s.index.listed[i]) : 0;
        domain_tile(ui, domains[i], i, count, ImVec2(last_alone ? width : tile_w, tile_h));
        if (col == columns - 1 || i == domains.size() - 1) ImGui::Dummy(ImVec2(1, spacing - ImGui::GetStyle().ItemSpacing.y));
    }

    notices_strip(ui, s);
    ui.gap(8);
    hall_card(ui, s);
    ui.gap(40);
}

}  // namespace gongkai
