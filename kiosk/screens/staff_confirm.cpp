// The display settings' confirm dialog (staff.h, app_staff.cpp): after 应用 changes the look,
// the language or the window, "保留这些显示设置吗？ N 秒后恢复原来的设置" with 保留 and 恢复,
// over whatever screen shows — like a desktop's display settings. No answer: the old settings
// come back. In its own window over the page, so a touch lands on it and nothing beneath.
#include <algorithm>

#include "screens.h"

namespace gongkai {

void staff_confirm_overlay(Ui& ui, int seconds_left) {
    const Theme& th = ui.theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ui.begin_overlay("staff-confirm", /*dimmed=*/true, /*takes_touch=*/true);
    const float w = std::min(io.DisplaySize.x - ui.px(80), ui.px(900)), pad = ui.px(40);
    const std::string count = std::to_string(seconds_left) + ui.str().staff_confirm_seconds;
    const float title_h = ui.text_height(ui.str().staff_confirm_title, true, 0, w - 2 * pad);
    const float button_h = ui.px(130);
    const float h = pad + title_h + ui.px(16) + ui.text_height(count, false, 0, w - 2 * pad) + ui.px(40) + button_h + pad;
    const ImVec2 pos((io.DisplaySize.x - w) * 0.5f, (io.DisplaySize.y - h) * 0.5f);
    ui.overlay_box(dl, pos, ImVec2(pos.x + w, pos.y + h), th.accent, 4);
    float y = pos.y + pad;
    y += ui.text_at(ImVec2(pos.x + pad, y), ui.str().staff_confirm_title, th.text, true, 0, w - 2 * pad);
    y += ui.px(16);
    y += ui.text_at(ImVec2(pos.x + pad, y), count, th.text, false, 0, w - 2 * pad);
    y += ui.px(40);
    // 保留 on the left and in the accent: the answer of someone who can read this.
    const float bw = (w - 2 * pad - ui.px(24)) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    if (ui.button("staff.keep", ui.str().staff_keep, ImVec2(bw, button_h), th.accent, th.on_accent)) ui.emit({UiEvent::Kind::Staff, {}, "keep"});
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad + bw + ui.px(24), y));
    if (ui.button("staff.revert", ui.str().staff_revert, ImVec2(bw, button_h), th.key, th.text)) ui.emit({UiEvent::Kind::Staff, {}, "revert"});
    dl->AddRect(ImVec2(pos.x + pad + bw + ui.px(24), y), ImVec2(pos.x + pad + 2 * bw + ui.px(24), y + button_h), th.key_border, ui.px(14), 0, ui.px(2));
    ui.end_overlay();
}

}  // namespace gongkai
