// Help (需要帮忙): the hall the device stands in — its name, address, opening hours,
// which window does what, how to get a member of staff — and the 12345 hotline. Reached
// from home's hall card and from every "nothing here" page's next steps.
#include "screens.h"

namespace gongkai {

std::string help_title(const UiStrings& str, const ScreenState&) { return str.help_title; }

void help_screen(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    ui.gap(24);
    if (const Config* hall = s.device) {
        if (!hall->hall_name.empty()) ui.title(hall->hall_name, th.text);
        if (!hall->hall_help.empty()) {
            ui.heading(ui.str().hall_help);
            ui.paragraph(hall->hall_help, th.text, true);
        }
        if (!hall->hall_hours.empty()) {
            ui.heading(ui.str().hall_hours);
            ui.paragraph(hall->hall_hours, th.text);
        }
        if (!hall->hall_windows.empty()) {
            ui.heading(ui.str().hall_windows);
            ui.bullets(hall->hall_windows);
        }
        if (!hall->hall_address.empty()) {
            ui.heading(ui.str().hall_address);
            ui.paragraph(hall->hall_address, th.text);
        }
    }
    ui.heading(ui.str().hotline);
    ui.paragraph(ui.str().hotline_line, th.text);
    ui.gap(32);
    const float width = ImGui::GetContentRegionAvail().x;
    if (ui.button("help.home", ui.str().go_home, ImVec2(width, ui.px(120)), th.accent, th.on_accent))
        ui.emit({UiEvent::Kind::Home, {}});
    ui.gap(40);
}

}  // namespace gongkai
