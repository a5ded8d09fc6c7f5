// Search: what the resident typed, domain chips, results with the matched characters
// highlighted; the on-screen keyboard sits below, outside the scrolling area.
#include "screens.h"
#include "search_controller.h"

namespace gongkai {

std::string search_title(const UiStrings& str, const ScreenState&) { return str.search_title; }

// Arriving at search/<query> prefills the query; leaving counts a query that found little.
void search_enter(SearchController& search, const Route& route) { search.enter(route.id); }
void search_leave(SearchController& search) { search.leave(); }

static void query_box(Ui& ui, const SearchView& v) {
    const Theme& th = ui.theme();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, h = ui.px(110);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.card, ui.px(55));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), th.accent, ui.px(55), 0, ui.px(4));
    draw_icon_search(dl, ImVec2(pos.x + ui.px(64), pos.y + h * 0.5f), ui.px(50), th.accent);
    const bool empty = v.query.empty();
    ImFont* f = empty ? ui.fonts().body : ui.fonts().heading;
    float text_x = pos.x + ui.px(110);
    ui.text_at(ImVec2(text_x, pos.y + (h - Ui::line_height(f)) * 0.5f), empty ? ui.str().search_placeholder : v.query,
               empty ? th.muted : th.text, !empty, 0, width - ui.px(150), 1);
    // A caret after the text: the resident sees where the next letter goes.
    float tw = empty ? 0 : f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, v.query.c_str()).x;
    float cx = std::min(text_x + tw + ui.px(6), pos.x + width - ui.px(40));
    dl->AddRectFilled(ImVec2(cx, pos.y + h * 0.22f), ImVec2(cx + ui.px(4), pos.y + h * 0.78f), th.accent);
    ImGui::Dummy(ImVec2(width, h));
}

static void domain_chips(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    const float avail = ImGui::GetContentRegionAvail().x, h = ui.px(84), spacing = ui.px(14);
    float x0 = ImGui::GetCursorScreenPos().x, x = x0, y = ImGui::GetCursorScreenPos().y;
    auto chip = [&](const std::string& id, const std::string& label) {
        ImFont* f = ui.fonts().body;
        float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x + ui.px(48);
        w = std::max(w, ui.px(110));
        if (x + w > x0 + avail) { x = x0; y += h + spacing; }
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        bool selected = s.search->domain_id == id;
        if (ui.button("chip/" + (id.empty() ? std::string("all") : id), label, ImVec2(w, h), selected ? th.accent : th.card,
                      selected ? th.on_accent : th.text, false))
            ui.emit({UiEvent::Kind::SearchFilter, {}, id});
        if (!selected)
            ImGui::GetWindowDrawList()->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), th.card_border, ui.px(14), 0, ui.px(2));
        x += w + spacing;
    };
    chip("", ui.str().all_domains);
    for (auto& d : s.index.domains) chip(d.id, ui.str().catalogue(d.name, d.name_en));
    ImGui::SetCursorScreenPos(ImVec2(x0, y + h));
    ImGui::Dummy(ImVec2(avail, 1));
}

void search_screen(Ui& ui, const ScreenState& s) {
    ui.gap(20);
    const SearchView& v = *s.search;
    query_box(ui, v);
    ui.gap(18);
    domain_chips(ui, s);
    ui.gap(22);
    if (v.query.empty()) {
        ui.paragraph(ui.str().search_hint, ui.theme().muted);
        return;
    }
    // "When are you open?" is the hall's question: its card first, whatever else is found.
    if (v.asks_hall_hours) {
        hall_card(ui, s);
        if (v.rows.empty()) {
            next_steps(ui, s);
            return;
        }
    }
    if (v.unavailable) {
        ui.paragraph(ui.str().search_unavailable, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    if (v.rows.empty()) {
        ui.paragraph(ui.str().search_none, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    for (auto& r : v.rows) ui.result_card(r.route, r.title, r.highlight_begin, r.highlight_end, r.domain, r.line);
    ui.gap(20);
}

// The keyboard is the input method's (keyboard.cpp), typing into the query.
float search_keyboard_height(const Ui& ui, const ScreenState&) { return keyboard_height(ui); }

void search_keyboard(Ui& ui, const ScreenState& s) { keyboard(ui, *s.input); }

}  // namespace gongkai
