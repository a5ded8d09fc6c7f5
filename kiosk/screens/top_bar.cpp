// The top bar: Back on the left, Home on the right, the page's name between, and the
// display toggles (长辈版, 高对比, 中文/English) — beside the title in landscape, on a row
// of their own under it in portrait, where the title leaves no room. All are drawn on
// every screen (Back and Home disabled-looking on home) so a resident's hand learns one
// place for them.
#include <array>

#include "screens.h"

namespace gongkai {

// 96: an 80-px toggle (the smallest target the kiosk draws) with 8 px above and below.
static constexpr float kToggleRowHeight = 96.0f, kToggleHeight = 80.0f;

float top_bar_height(const Ui& ui) {
    return ui.px(ui.theme().bar_height + (ui.landscape() ? 0.0f : kToggleRowHeight));
}

// Each toggle says what tapping it does: "长辈版" in the standard look, "标准版" in the
// large one — no state to decode, and the way back is always where the way in was.
struct Toggle { const char* id; const std::string* label; UiEvent::Kind event; };

static std::array<Toggle, 3> toggles(const Ui& ui) {
    const UiStrings& str = ui.str();
    const bool contrast = ui.theme().name == "high-contrast";
    return {{{"look.large", ui.theme().large ? &str.mode_standard : &str.mode_large, UiEvent::Kind::ToggleLarge},
             {"look.contrast", contrast ? &str.mode_contrast_off : &str.mode_contrast, UiEvent::Kind::ToggleContrast},
             {"look.language", &str.language_switch, UiEvent::Kind::ToggleLanguage}}};
}

// The toggles' type: the heading size, but within 55% of the 80-px toggle so a label
// set large (长辈版) still sits inside it with a margin.
static float toggle_font_size(const Ui& ui) { return std::min(ui.fonts().heading->FontSize, ui.px(kToggleHeight) * 0.55f); }

static void draw_toggle(Ui& ui, const Toggle& t, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    const float size_px = toggle_font_size(ui);
    if (ui.button(t.id, *t.label, size, ui.theme().bar_button, ui.theme().on_bar, true, size_px)) ui.emit({t.event, {}});
}

// Width a toggle needs for its label at `size_px`, with 24 px each side.
static float toggle_width(const Ui& ui, const std::string& label) {
    ImFont* f = ui.fonts().heading;
    const float size_px = toggle_font_size(ui);
    return f->CalcTextSizeA(size_px, FLT_MAX, 0, label.c_str()).x + ui.px(48);
}

void top_bar(Ui& ui, const ScreenState& s, std::string_view title) {
    const float height = ui.px(ui.theme().bar_height);
    const Theme& th = ui.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float width = ImGui::GetContentRegionAvail().x + ImGui::GetStyle().WindowPadding.x * 2;
    origin.x -= ImGui::GetStyle().WindowPadding.x;
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + top_bar_height(ui)), th.bar);

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

    // Display toggles: in landscape, right of the title before Home; in portrait, a row
    // of three equal buttons across the screen under the bar.
    const auto list = toggles(ui);
    float toggles_w = 0;
    if (ui.landscape()) {
        const float gap = ui.px(12), toggle_h = ui.px(kToggleHeight);
        float x = origin.x + width - margin - button.x - ui.px(20);
        for (auto it = list.rbegin(); it != list.rend(); ++it) {
            const float w = std::max(ui.px(150), toggle_width(ui, *it->label));
            x -= w;
            draw_toggle(ui, *it, ImVec2(x, origin.y + (height - toggle_h) * 0.5f), ImVec2(w, toggle_h));
            x -= gap;
        }
        toggles_w = origin.x + width - margin - button.x - ui.px(20) - x;
    } else {
        const float gap = ui.px(16), toggle_h = ui.px(kToggleHeight);
        const float y_row = origin.y + height + (ui.px(kToggleRowHeight) - toggle_h) * 0.5f - ui.px(8);
        const float w = (width - 2 * margin - 2 * gap) / 3;
        for (size_t i = 0; i < list.size(); i++)
            draw_toggle(ui, list[i], ImVec2(origin.x + margin + i * (w + gap), y_row), ImVec2(w, toggle_h));
    }

    // Title, centred between the buttons (and the toggles, in landscape), one line.
    const float left = origin.x + margin + button.x + ui.px(20);
    const float right = origin.x + width - margin - button.x - ui.px(20) - toggles_w;
    const float title_w = std::max(0.0f, right - left);
    ImFont* f = ui.fonts().heading;
    std::string t(title);
    float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str()).x;
    float x = left + (title_w - std::min(tw, title_w)) * 0.5f;
    ui.text_at(ImVec2(x, origin.y + (height - Ui::line_height(f)) * 0.5f), t, th.on_bar, true, 0, title_w, 1);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ImGui::GetStyle().WindowPadding.x, origin.y + top_bar_height(ui)));
}

}  // namespace gongkai

namespace gongkai {

void warning_box(Ui& ui, std::string_view text) {
    const Theme& th = ui.theme();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(24);
    const float h = ui.text_height(text, true, 0, width - 2 * pad) + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.warning_bg, ui.px(14));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), th.warning_text, ui.px(14), 0, ui.px(3));
    ui.text_at(ImVec2(pos.x + pad, pos.y + pad), text, th.warning_text, true, 0, width - 2 * pad);
    ImGui::Dummy(ImVec2(width, h));
}

void stale_notice(Ui& ui) {
    ui.gap(16);
    warning_box(ui, ui.str().stale);
}

}  // namespace gongkai
