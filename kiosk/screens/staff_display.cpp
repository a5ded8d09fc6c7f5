// Display defaults and read-aloud's volume on the staff panel: orientation, the picture's
// rotation (a panel mounted another way round), look (标准版 /
// 长辈版 / 高对比), text size, language, the idle reset and the volume. Choices are a draft
// until 应用; then a change of look, text, language or orientation waits for 保留 on the
// confirm dialog (staff_confirm.cpp) and comes undone without it; the idle reset and the
// volume are saved as they are (应用 is in the header). A value the config refuses (an idle reset of 10 s) is
// refused with its reason, and nothing is written.
#include <cstdio>

#include "screens.h"
#include "staff.h"

namespace gongkai {

std::string staff_display_title(const UiStrings& str, const ScreenState&) { return str.staff_display; }

// A row of choices: the one in force drawn in the accent. Each ≥ 200 × 110 design px.
static void choices(Ui& ui, const std::string& label, const char* key,
                    const std::vector<std::pair<std::string, std::string>>& options, const std::string& chosen) {
    const Theme& th = ui.theme();
    ui.paragraph(label, th.text, true);
    ui.gap(8);
    const float avail = ImGui::GetContentRegionAvail().x, gap = ui.px(16);
    const float w = (avail - gap * (options.size() - 1)) / options.size(), h = ui.px(110);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    for (size_t i = 0; i < options.size(); i++) {
        const auto& [value, text] = options[i];
        const bool on = value == chosen;
        const ImVec2 p(origin.x + i * (w + gap), origin.y);
        ImGui::SetCursorScreenPos(p);
        if (ui.button(std::string("staff.set/") + key + "/" + value, text, ImVec2(w, h), on ? th.accent : th.key, on ? th.on_accent : th.text))
            ui.emit({UiEvent::Kind::Staff, {}, std::string("set/") + key + "/" + value});
        if (!on) ImGui::GetWindowDrawList()->AddRect(p, ImVec2(p.x + w, p.y + h), th.key_border, ui.px(14), 0, ui.px(2));
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
    ui.gap(28);
}

// − value +: the value between two 160-px buttons; `extra` (从不) after them.
static void stepper(Ui& ui, const std::string& label, const char* key, const std::string& shown, const std::string& minus,
                    const std::string& plus, const std::string& extra_value = {}, const std::string& extra_label = {}) {
    const Theme& th = ui.theme();
    ui.paragraph(label, th.text, true);
    ui.gap(8);
    const float bw = ui.px(160), h = ui.px(110), gap = ui.px(16);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float vw = std::max(ui.px(200), avail - 2 * bw - 2 * gap - (extra_label.empty() ? 0 : bw * 1.4f + gap));
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto key_button = [&](const std::string& id, const std::string& text, const std::string& value, ImVec2 p, float w) {
        ImGui::SetCursorScreenPos(p);
        if (ui.button(id, text, ImVec2(w, h), th.key, th.text, true, ui.fonts().display->FontSize))
            ui.emit({UiEvent::Kind::Staff, {}, std::string("set/") + key + "/" + value});
        dl->AddRect(p, ImVec2(p.x + w, p.y + h), th.key_border, ui.px(14), 0, ui.px(2));
    };
    key_button(std::string("staff.minus/") + key, "−", minus, o, bw);
    dl->AddRectFilled(ImVec2(o.x + bw + gap, o.y), ImVec2(o.x + bw + gap + vw, o.y + h), th.card, ui.px(14));
    ImFont* f = ui.fonts().heading;
    const float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, shown.c_str()).x;
    ui.text_at(ImVec2(o.x + bw + gap + (vw - tw) * 0.5f, o.y + (h - Ui::line_height(f)) * 0.5f), shown, th.text, true, 0, vw);
    key_button(std::string("staff.plus/") + key, "+", plus, ImVec2(o.x + bw + 2 * gap + vw, o.y), bw);
    if (!extra_label.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(o.x + 2 * bw + 3 * gap + vw, o.y));
        if (ui.button(std::string("staff.set/") + key + "/" + extra_value, extra_label, ImVec2(bw * 1.4f, h), th.key, th.text))
            ui.emit({UiEvent::Kind::Staff, {}, std::string("set/") + key + "/" + extra_value});
        const ImVec2 p(o.x + 2 * bw + 3 * gap + vw, o.y);
        dl->AddRect(p, ImVec2(p.x + bw * 1.4f, p.y + h), th.key_border, ui.px(14), 0, ui.px(2));
    }
    ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + h));
    ui.gap(28);
}

void staff_display_screen(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    const StaffView& v = *s.staff;
    const StaffView::Display& d = v.display;
    const UiStrings& str = ui.str();
    const bool changed = !(d == v.display_running);
    // 应用 in the header: in reach on a landscape screen, where the choices fill the page.
    staff_header(ui, str.staff_display, true,
                 {"staff.apply-display", v.saving ? &str.staff_saving : &str.staff_apply, "apply-display", changed && !v.saving});
    ui.paragraph(str.staff_display_note, th.muted);
    ui.gap(16);
    if (!v.message.empty()) {
        if (v.message_is_error) warning_box(ui, v.message);
        else ui.paragraph(v.message, th.tag_text, true);
        ui.gap(16);
    }
    choices(ui, str.staff_orientation, "orientation", {{"portrait", str.staff_portrait}, {"landscape", str.staff_landscape}}, d.orientation);
    choices(ui, str.staff_rotation, "rotation", {{"0", "0°"}, {"90", "90°"}, {"180", "180°"}, {"270", "270°"}}, std::to_string(d.rotation));
    choices(ui, str.staff_theme, "theme",
            {{"standard", str.staff_theme_standard}, {"large", str.staff_theme_large}, {"high-contrast", str.staff_theme_contrast}}, d.theme);
    char scale[16], less[16], more[16];
    std::snprintf(scale, sizeof scale, "%.1f×", d.text_scale);
    std::snprintf(less, sizeof less, "%.1f", d.text_scale - 0.1);
    std::snprintf(more, sizeof more, "%.1f", d.text_scale + 0.1);
    stepper(ui, str.staff_text_scale, "text_scale", scale, less, more);
    choices(ui, str.staff_language, "language", {{"zh-CN", str.staff_language_zh}, {"en", str.staff_language_en}}, d.language);
    // 10-s steps; the config decides what is allowed (0, or 20 to 3600 s) and says so.
    const std::string idle = d.idle_reset_s == 0 ? str.staff_never : std::to_string(d.idle_reset_s) + str.staff_seconds;
    stepper(ui, str.staff_idle_reset, "idle_reset_s", idle, std::to_string(std::max(d.idle_reset_s - 10, 0)),
            std::to_string(d.idle_reset_s + 10), "0", str.staff_never);
    stepper(ui, str.staff_volume, "volume", std::to_string(d.volume) + "%", std::to_string(std::max(d.volume - 10, 0)),
            std::to_string(std::min(d.volume + 10, 100)));
    ui.gap(40);
}

}  // namespace gongkai
