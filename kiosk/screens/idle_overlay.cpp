// The idle countdown's box (app.cpp [SECTION] Idle reset): drawn over the page in its own
// window, so while it shows, a touch lands on it and not on the page beneath.
#include "screens.h"

namespace gongkai {

void idle_overlay(Ui& ui, int seconds_left) {
    const Theme& th = ui.theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ui.begin_overlay("idle", /*dimmed=*/true, /*takes_touch=*/true);
    const float w = std::min(io.DisplaySize.x - ui.px(80), ui.px(900)), pad = ui.px(40);
    const std::string count = std::to_string(seconds_left) + ui.str().idle_seconds;
    const float h = pad + Ui::line_height(ui.fonts().heading) + ui.px(16) + ui.text_height(count, false, 0, w - 2 * pad) +
                    ui.px(32) + ui.px(120) + pad;
    const ImVec2 pos((io.DisplaySize.x - w) * 0.5f, (io.DisplaySize.y - h) * 0.5f);
    ui.overlay_box(dl, pos, ImVec2(pos.x + w, pos.y + h), th.card_border);
    float y = pos.y + pad;
    ui.text_at(ImVec2(pos.x + pad, y), ui.str().idle_title, th.text, true, 0, w - 2 * pad);
    y += Ui::line_height(ui.fonts().heading) + ui.px(16);
    y += ui.text_at(ImVec2(pos.x + pad, y), count, th.text, false, 0, w - 2 * pad);
    y += ui.px(32);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    ui.button("idle.stay", ui.str().idle_stay, ImVec2(w - 2 * pad, ui.px(120)), th.accent, th.on_accent);
    ui.end_overlay();
}

}  // namespace gongkai
