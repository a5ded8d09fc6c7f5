// The staff PIN pad (staff.h): rows "staff-pin" — the PIN that opens the panel, or, with no PIN
// set, how a technician sets one — and "staff-new-pin" — 修改密码, the new PIN twice. Digits
// show as dots; while locked out the keys are grey and the pad counts down; the Argon2id
// check runs on a worker, the pad says 正在核对 meanwhile. Also the staff screens' header.
//
//   ┌ 员工入口 ───────────────── [关闭] ┐
//   │  请输入员工密码                    │
//   │  ● ● ● ○                          │  one dot a digit typed
//   │  [ 1 ][ 2 ][ 3 ]                  │  staff.key/1 …
//   │  [ 4 ][ 5 ][ 6 ]                  │
//   │  [ 7 ][ 8 ][ 9 ]                  │
//   │  [删除][ 0 ][确定]                │  staff.key/del, staff.key/0, staff.key/ok
//   └───────────────────────────────────┘
#include <algorithm>

#include "screens.h"
#include "staff.h"

namespace gongkai {

void staff_header(Ui& ui, std::string_view title, bool back_to_panel, const StaffHeaderAction& action) {
    const Theme& th = ui.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    const float margin_x = ImGui::GetStyle().WindowPadding.x;
    const float width = ImGui::GetContentRegionAvail().x + 2 * margin_x;
    origin.x -= margin_x;
    const float height = ui.px(th.bar_height);
    // Edge to edge: the page's margins are outside the child window's clip rectangle.
    dl->PushClipRect(ImVec2(origin.x, origin.y), ImVec2(origin.x + width, origin.y + height), false);
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), th.bar);
    dl->PopClipRect();
    const std::string& label = back_to_panel ? ui.str().staff_back : ui.str().staff_close;
    // 250 wide like Back and Home; wider for 返回面板 in a large type.
    ImFont* f = ui.fonts().heading;
    const float button_w = std::max(ui.px(250), f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x + ui.px(60));
    const ImVec2 button(button_w, ui.px(110));
    const float y = origin.y + (height - button.y) * 0.5f;
    // The screen's own action (保存) left of it, in the accent's white-on-green so it is not
    // taken for the way out.
    float action_w = 0;
    if (action.label) action_w = std::max(ui.px(220), f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, action.label->c_str()).x + ui.px(60));
    const float title_w = width - button.x - (action_w > 0 ? action_w + ui.px(20) : 0) - 3 * ui.px(20) - margin_x;
    ui.text_at(ImVec2(origin.x + margin_x, origin.y + (height - Ui::line_height(f)) * 0.5f), title, th.on_bar, true, 0, title_w, 1);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + width - button.x - ui.px(20), y));
    if (ui.button("staff.close", label, button, th.bar_button, th.on_bar)) ui.emit({UiEvent::Kind::Staff, {}, "close"});
    if (action.label) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + width - button.x - action_w - 2 * ui.px(20), y));
        if (ui.button(action.id, *action.label, ImVec2(action_w, button.y), action.enabled ? th.tag_text : th.bar_button_idle,
                      action.enabled ? th.on_bar : th.on_bar_idle) &&
            action.enabled)
            ui.emit({UiEvent::Kind::Staff, {}, action.action});
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + margin_x, origin.y + height));
    ui.gap(24);
}

std::string staff_pin_title(const UiStrings& str, const ScreenState& s) {
    return s.route.is("staff-new-pin") ? str.staff_change_pin : str.staff_pin_title;
}

// A message box: the refusal in the warning colours, what was done in the card's.
static void staff_message(Ui& ui, const StaffView& v) {
    if (v.message.empty()) return;
    const Theme& th = ui.theme();
    if (v.message_is_error) {
        warning_box(ui, v.message);
    } else {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(24);
        const float h = ui.text_height(v.message, true, 0, width - 2 * pad) + 2 * pad;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.tag_bg, ui.px(14));
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad), v.message, th.tag_text, true, 0, width - 2 * pad);
        ImGui::Dummy(ImVec2(width, h));
    }
    ui.gap(16);
}

void staff_pin_screen(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    const StaffView& v = *s.staff;
    const bool new_pin = s.route.is("staff-new-pin");
    staff_header(ui, staff_pin_title(ui.str(), s), new_pin);
    if (!new_pin && v.stage == StaffView::Stage::NoPin) {
        ui.title(ui.str().staff_no_pin_title, th.text);
        ui.gap(16);
        ui.paragraph(ui.str().staff_no_pin_text, th.text);
        ui.gap(16);
        // As the kiosk's own user, so local.toml stays writable by the panel. One option a
        // line: wrapped as prose, "--set-pin" broke after its "--" and read as two words.
        ui.paragraph("sudo -u gongkai gongkai-kiosk", th.accent, true);
        ui.paragraph("  --config " + v.config_path, th.accent, true);
        ui.paragraph("  --set-pin", th.accent, true);
        ui.gap(16);
        ui.paragraph("docs/deploy.md: Staff panel", th.muted);
        return;
    }
    const bool locked = !new_pin && v.lock_left_s > 0;
    const bool busy = (!new_pin && v.verifying) || v.saving;
    ui.title(new_pin ? (v.new_pin_repeat ? ui.str().staff_new_pin_repeat : ui.str().staff_new_pin) : ui.str().staff_pin_prompt, th.text);
    ui.gap(24);
    // The dots: one per digit typed, hollow up to the shortest PIN, so the count is plain.
    {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float d = ui.px(44), step = ui.px(70);
        const size_t shown = std::max(v.digits.size(), kPinMinDigits);
        for (size_t i = 0; i < shown; i++) {
            const ImVec2 c(pos.x + d * 0.5f + i * step, pos.y + d * 0.5f);
            if (i < v.digits.size()) dl->AddCircleFilled(c, d * 0.5f, th.text);
            else dl->AddCircle(c, d * 0.5f - ui.px(2), th.muted, 0, ui.px(4));
        }
        ImGui::Dummy(ImVec2(step * shown, d));
    }
    ui.gap(24);
    if (locked) {
        warning_box(ui, ui.str().staff_pin_locked + " " + std::to_string(v.lock_left_s) + ui.str().staff_seconds);
        ui.gap(16);
    } else if (busy) {
        ui.paragraph(v.saving ? ui.str().staff_saving : ui.str().staff_pin_checking, th.text, true);
        ui.gap(16);
    } else {
        staff_message(ui, v);
    }
    if (!new_pin && v.failures > 0 && !locked) {
        ui.paragraph(ui.str().staff_failures + std::to_string(v.failures), th.muted);
        ui.gap(16);
    }
    // 3 × 4 keys, each ≥ 200 × 150 design px: a thumb's width and more at arm's length.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = ui.px(20);
    const float key_w = std::min((avail - 2 * gap) / 3, ui.px(260)), key_h = ui.px(150);
    const float left = ImGui::GetCursorScreenPos().x + (avail - (3 * key_w + 2 * gap)) * 0.5f;
    const float top = ImGui::GetCursorScreenPos().y;
    static const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"};
    const bool keys_off = locked || busy;
    for (int i = 0; i < 12; i++) {
        const std::string k = kKeys[i];
        const std::string label = k == "del" ? ui.str().staff_delete : k == "ok" ? ui.str().staff_ok : k;
        ImGui::SetCursorScreenPos(ImVec2(left + (i % 3) * (key_w + gap), top + (i / 3) * (key_h + gap)));
        const ImU32 bg = keys_off ? th.keyboard_bg : k == "ok" ? th.accent : th.key;
        const ImU32 fg = keys_off ? th.muted : k == "ok" ? th.on_accent : th.text;
        const float size = k.size() == 1 ? ui.fonts().display->FontSize : 0;
        if (ui.button("staff.key/" + k, label, ImVec2(key_w, key_h), bg, fg, true, size) && !keys_off)
            ui.emit({UiEvent::Kind::Staff, {}, "key/" + k});
        if (!keys_off && k != "ok") {
            const ImVec2 p = ImVec2(left + (i % 3) * (key_w + gap), top + (i / 3) * (key_h + gap));
            ImGui::GetWindowDrawList()->AddRect(p, ImVec2(p.x + key_w, p.y + key_h), th.key_border, ui.px(14), 0, ui.px(2));
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, top + 4 * key_h + 3 * gap));
    ImGui::Dummy(ImVec2(avail, 1));
    ui.gap(40);
}

}  // namespace gongkai
