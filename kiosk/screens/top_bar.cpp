// The top bar: Back on the left, Home on the right, the page's name between. Both
// buttons are drawn on every screen (disabled-looking on home) so a resident's hand
// learns one place for them.
#include "screens.h"

namespace gongkai {

void top_bar(Ui& ui, const ScreenState& s, std::string_view title, float height) {
    const Theme& th = ui.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x + ImGui::GetStyle().WindowPadding.x * 2;
    origin.x -= ImGui::GetStyle().WindowPadding.x;
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), th.bar);

    // 250×110: wide enough for icon + two characters at 46 px, and far above 80×80.
    const ImVec2 button(ui.px(250), ui.px(110));
    const float margin = ui.px(20), y = origin.y + (height - button.y) * 0.5f;
    const bool at_home = s.route.is("home");
    const ImU32 button_bg = at_home ? th.bar_button_idle : th.bar_button;
    const ImU32 fg = at_home ? th.on_bar_idle : th.on_bar;

    auto bar_button = [&](const char* id, const std::string& label, float x, bool icon_home) {
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        ImVec2 p = ImGui::GetCursorScreenPos();
        bool pressed = ui.button(id, "", button, button_bg, fg);
        const float icon = ui.px(44);
        ImVec2 c(p.x + ui.px(30) + icon * 0.5f, p.y + button.y * 0.5f);
        if (icon_home) draw_icon_home(dl, c, icon, fg);
        else draw_icon_back(dl, c, icon, fg);
        // The label gets what the icon leaves of the button. A label too long for the
        // heading size (English at a large text scale) is set smaller until it fits, down
        // to 60% of the body size, and only then cut — never drawn past the button's edge.
        const float label_x = c.x + icon * 0.5f + ui.px(20);
        const float label_w = p.x + button.x - ui.px(14) - label_x;
        ImFont* heading = ui.fonts().heading;
        const float natural = heading->CalcTextSizeA(heading->FontSize, FLT_MAX, 0, label.c_str()).x;
        const float size = natural <= label_w ? heading->FontSize
                                              : std::max(ui.fonts().body->FontSize * 0.6f, heading->FontSize * label_w / natural * 0.97f);  // 3%: glyph rounding
        ui.text_at(ImVec2(label_x, p.y + (button.y - Ui::line_height_for(size)) * 0.5f), label, fg, true, size, label_w, 1);
        return pressed && !at_home;
    };
    if (bar_button("back", ui.str().back, origin.x + margin, false)) ui.emit({UiEvent::Kind::Back, {}});
    if (bar_button("home", ui.str().home, origin.x + width - margin - button.x, true)) ui.emit({UiEvent::Kind::Home, {}});

    // Title, centred between the buttons, one line.
    const float title_w = width - 2 * (margin + button.x + ui.px(20));
    ImFont* f = ui.fonts().heading;
    std::string t(title);
    float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x;
    float x = origin.x + (width - std::min(tw, title_w)) * 0.5f;
    ui.text_at(ImVec2(x, origin.y + (height - Ui::line_height(f)) * 0.5f), t, th.on_bar, true, 0, title_w, 1);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ImGui::GetStyle().WindowPadding.x, origin.y + height));
}

}  // namespace gongkai

namespace gongkai {

void stale_notice(Ui& ui) {
    const Theme& th = ui.theme();
    ui.gap(16);
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(24);
    const float h = ui.text_height(ui.str().stale, true, 0, width - 2 * pad) + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.warning_bg, ui.px(14));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), th.warning_text, ui.px(14), 0, ui.px(3));
    ui.text_at(ImVec2(pos.x + pad, pos.y + pad), ui.str().stale, th.warning_text, true, 0, width - 2 * pad);
    ImGui::Dummy(ImVec2(width, h));
}

}  // namespace gongkai
