// Urgent notices (Notice::urgent) on the kiosk, while in force and meant for this device:
// a red banner under the top bar on every screen that opens the notice, and on home a
// full page the resident reads first and puts away with 知道了 (until the idle reset
// brings it back for the next resident).
#include "screens.h"

namespace gongkai {

float urgent_banner_height(const Ui& ui) { return ui.px(112); }

void urgent_banner(Ui& ui, const ScreenState& s) {
    if (s.urgent.empty()) return;
    const Notice& n = *s.urgent.front();
    const Theme& t = ui.theme();
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = urgent_banner_height(ui), margin = t.page_margin * ui.px(1);
    const ImVec2 size(io.DisplaySize.x, h);
    ImGui::SetCursorScreenPos(ImVec2(0, pos.y));
    const bool pressed = ImGui::InvisibleButton("urgent-banner", size);
    const bool active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(size.x, pos.y + h);
    dl->AddRectFilled(ImVec2(0, pos.y), end, t.domains[1]);  // the red of the tiles: white text 7:1
    if (active) dl->AddRectFilled(ImVec2(0, pos.y), end, t.press_shade);
    // Bold words at the body's size: the heading face drawn smaller, so each fits its line.
    const float body_px = ui.fonts().body->FontSize;
    const float lh = Ui::line_height(ui.fonts().body);
    const float y = pos.y + std::round((h - lh) / 2);
    // "紧急通知" in a white pill, then the title, then "查看详情 ›" at the right.
    const float label_w = ui.text_end(ui.str().urgent_label, true, body_px, 1e6f).x + ui.px(28);
    dl->AddRectFilled(ImVec2(margin, y - ui.px(4)), ImVec2(margin + label_w, y + lh + ui.px(4)), t.on_accent, ui.px(10));
    ui.text_at(ImVec2(margin + ui.px(14), y), ui.str().urgent_label, t.domains[1], true, body_px, label_w, 1);
    const float open_w = ui.text_end(ui.str().urgent_open, true, body_px, 1e6f).x;
    const float chevron = ui.px(36);
    const float open_x = size.x - margin - chevron - open_w;
    ui.text_at(ImVec2(open_x, y), ui.str().urgent_open, t.on_accent, true, body_px, open_w + 4, 1);
    draw_icon_chevron(dl, ImVec2(size.x - margin - chevron / 2, y + lh / 2), ui.px(26), t.on_accent);
    std::string title = ui.str().catalogue(n.title, n.title_en);
    if (s.urgent.size() > 1) title += " (+" + std::to_string(s.urgent.size() - 1) + ")";
    const float title_x = margin + label_w + ui.px(20);
    ui.text_at(ImVec2(title_x, y), title, t.on_accent, true, body_px, open_x - title_x - ui.px(20), 1);
    ui.record_target("urgent-banner", ImVec2(0, pos.y), end);
    if (pressed) ui.emit({UiEvent::Kind::Navigate, Route::notice(n.id), {}});
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h));
}

void urgent_page(Ui& ui, const ScreenState& s) {
    const Theme& t = ui.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float width = ImGui::GetContentRegionAvail().x;
    ui.gap(32);
    for (const Notice* n : s.urgent) {
        // A red frame around each: the label, the title, until when, the text.
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const float pad = ui.px(32);
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
        ImGui::BeginGroup();
        const float inner = width - 2 * pad;
        const ImVec2 label_pos = ImGui::GetCursorScreenPos();
        const float body_px = ui.fonts().body->FontSize;
        const float lh = Ui::line_height(ui.fonts().body) + ui.px(16);
        const float label_w = ui.text_end(ui.str().urgent_label, true, body_px, 1e6f).x + ui.px(32);
        dl->AddRectFilled(label_pos, ImVec2(label_pos.x + label_w, label_pos.y + lh), t.domains[1], ui.px(10));
        ui.text_at(ImVec2(label_pos.x + ui.px(16), label_pos.y + ui.px(8)), ui.str().urgent_label, t.on_accent, true, body_px, label_w, 1);
        ImGui::Dummy(ImVec2(inner, lh));
        ui.gap(16);
        ui.title(ui.str().catalogue(n->title, n->title_en), t.domains[1]);
        if (!n->valid_until.empty()) {
            ui.gap(8);
            ui.paragraph(ui.str().labelled(ui.str().urgent_until, ui.str().moment(n->valid_until)), t.muted, false, 0, inner);
        }
        ui.gap(16);
        ui.paragraph(ui.str().catalogue(n->body, n->body_en), t.text, false, 0, inner);
        ImGui::EndGroup();
        const ImVec2 end(top.x + width, ImGui::GetItemRectMax().y + pad);
        dl->ChannelsSetCurrent(0);
        dl->AddRectFilled(top, end, t.card, ui.px(16));
        dl->AddRect(top, end, t.domains[1], ui.px(16), 0, ui.px(6));
        dl->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(top.x, end.y));
        ImGui::Dummy(ImVec2(width, 1));
        ui.gap(24);
    }
    // One big button: the resident has read it and goes on to the home screen.
    if (ui.button("urgent-dismiss", ui.str().urgent_dismiss, ImVec2(width, ui.px(120)), t.accent, t.on_accent, true))
        ui.emit({UiEvent::Kind::UrgentDismiss, {}, {}});
    ui.gap(40);
}

}  // namespace gongkai
