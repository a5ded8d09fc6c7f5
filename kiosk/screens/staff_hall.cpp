// Hall details on the staff panel: the hall's name, address, opening hours, windows and help line, as
// home and help show them ([hall] in the config). A field tapped is typed into with the
// kiosk's on-screen keyboard (pinyin or handwriting; the app routes its keys here while the
// field is chosen), 保存 writes them to local.toml through config_layers.h — validated first,
// refused with the reason otherwise.
#include <algorithm>

#include "screens.h"
#include "staff.h"
#include "text_input.h"

namespace gongkai {

std::string staff_hall_title(const UiStrings& str, const ScreenState&) { return str.staff_hall; }

float staff_hall_keyboard_height(const Ui& ui, const ScreenState& s) {
    return s.staff && s.staff->hall_field >= 0 ? keyboard_height(ui) : 0;
}

void staff_hall_keyboard(Ui& ui, const ScreenState& s) { keyboard(ui, *s.input, KeyboardKeys::WithSymbols); }

void staff_hall_screen(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    const StaffView& v = *s.staff;
    const UiStrings& str = ui.str();
    staff_header(ui, str.staff_hall, true, {"staff.save-hall", v.saving ? &str.staff_saving : &str.staff_save, "save-hall", !v.saving});
    if (!v.message.empty()) {
        if (v.message_is_error) warning_box(ui, v.message);
        else ui.paragraph(v.message, th.tag_text, true);
        ui.gap(16);
    }
    const float width = ImGui::GetContentRegionAvail().x;
    for (int i = 0; i < static_cast<int>(v.hall.size()); i++) {
        const std::string label = i == 0                ? str.staff_hall_name
                                  : i == 1              ? str.staff_hall_address
                                  : i == 2              ? str.staff_hall_hours
                                  : i == kStaffHallHelp ? str.staff_hall_help
                                                        : str.staff_hall_window + std::to_string(i - kStaffHallFirstWindow + 1);
        ui.paragraph(label, th.text, true);
        ui.gap(6);
        // A field: the text, or a hint in the muted colour; the one being typed into is framed
        // in the accent and shows a caret after its last character.
        const bool editing = v.hall_field == i;
        const std::string& text = v.hall[i];
        const float pad = ui.px(20);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float h = std::max(ui.px(96), ui.text_height(text.empty() ? str.staff_tap_to_edit : text, false, 0, width - 2 * pad) + 2 * pad);
        ImGui::PushID(i);
        const bool tapped = ImGui::InvisibleButton("field", ImVec2(width, h));
        ImGui::PopID();
        ui.record_target("staff.field/" + std::to_string(i), pos, ImVec2(pos.x + width, pos.y + h));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.card, ui.px(10));
        dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), editing ? th.accent : th.card_border, ui.px(10), 0, ui.px(editing ? 5 : 2));
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad), text.empty() ? str.staff_tap_to_edit : text, text.empty() ? th.muted : th.text, false, 0,
                   width - 2 * pad);
        if (editing) {
            const ImVec2 end = ui.text_end(text, false, 0, width - 2 * pad);
            const float lh = Ui::line_height(ui.fonts().body);
            dl->AddRectFilled(ImVec2(pos.x + pad + end.x + ui.px(2), pos.y + pad + end.y), ImVec2(pos.x + pad + end.x + ui.px(6), pos.y + pad + end.y + lh),
                              th.accent);
        }
        if (tapped) ui.emit({UiEvent::Kind::Staff, {}, "field/" + std::to_string(i)});
        // Just chosen: its label and box scrolled into the page's window, above the keyboard
        // (the last fields would otherwise be typed into behind it).
        if (editing && v.hall_reveal) {
            const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
            // The last field brings the 保存 under it along.
            const float label_top = pos.y - ui.px(6) - Ui::line_height(ui.fonts().body);
            const float field_bottom = pos.y + h + ui.px(16) + (i + 1 == static_cast<int>(v.hall.size()) ? ui.px(8 + 110) : 0);
            // Down until its bottom shows, but never so far that its label's top goes under the
            // page's top edge.
            float shift = std::max(0.0f, field_bottom - bottom);
            if (label_top - shift < top) shift = label_top - top;
            if (shift != 0) ImGui::SetScrollY(ImGui::GetScrollY() + shift);
        }
        ui.gap(16);
    }
    // 保存 again under the last field: the header's has scrolled away by then.
    ui.gap(8);
    const bool enabled = !v.saving;
    if (ui.button("staff.save-hall-end", v.saving ? str.staff_saving : str.staff_save, ImVec2(width, ui.px(110)),
                  enabled ? th.tag_text : th.bar_button_idle, enabled ? th.on_bar : th.on_bar_idle) &&
        enabled)
        ui.emit({UiEvent::Kind::Staff, {}, "save-hall"});
    ui.gap(40);
}

}  // namespace gongkai
