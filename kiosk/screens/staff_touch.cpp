// The touch test on the staff panel: the screen below the header is a grid of cells; every
// cell a finger touched lights up, every point the panel reported is a dot, and each finger's
// latest point a ring with a cross. A calibration that is off shows as a lit cell or a ring
// beside the finger, not under it; a dead zone as cells that never light.
#include <cmath>

#include "screens.h"
#include "staff.h"

namespace gongkai {

std::string staff_touch_title(const UiStrings& str, const ScreenState&) { return str.staff_touch; }

// 120 design px: 9 cells across a 1080-px screen, each ~19 mm on a 27" panel — a fingertip
// lights one or two, so an offset of half a finger shows.
static constexpr float kCellPx = 120;

void staff_touch_screen(Ui& ui, const ScreenState& s) {
    const Theme& th = ui.theme();
    const StaffView& v = *s.staff;
    const UiStrings& str = ui.str();
    staff_header(ui, str.staff_touch, true);
    const float width = ImGui::GetContentRegionAvail().x;
    const float clear_w = ui.px(200);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const float hint_h = ui.text_at(row, str.staff_touch_hint + " " + str.staff_touch_points + std::to_string(v.touches.size()), th.text, false, 0,
                                    width - clear_w - ui.px(24));
    ImGui::SetCursorScreenPos(ImVec2(row.x + width - clear_w, row.y));
    if (ui.button("staff.touch-clear", str.staff_touch_clear, ImVec2(clear_w, ui.px(100)), th.key, th.text)) ui.emit({UiEvent::Kind::Staff, {}, "touch-clear"});
    ImGui::GetWindowDrawList()->AddRect(ImVec2(row.x + width - clear_w, row.y), ImVec2(row.x + width, row.y + ui.px(100)), th.key_border,
                                        ui.px(14), 0, ui.px(2));
    ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + std::max(hint_h, ui.px(100)) + ui.px(16)));
    // The grid: from here to the bottom of the screen, edge to edge (the page's margins too:
    // a panel's edges are where calibration goes wrong first).
    ImGuiIO& io = ImGui::GetIO();
    const float top = ImGui::GetCursorScreenPos().y;
    const float cell = ui.px(kCellPx);
    const int cols = std::max(1, static_cast<int>(std::ceil(io.DisplaySize.x / cell)));
    const int rows = std::max(1, static_cast<int>(std::ceil((io.DisplaySize.y - top) / cell)));
    const float cw = io.DisplaySize.x / cols, ch = (io.DisplaySize.y - top) / rows;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(0, top), io.DisplaySize, false);
    std::vector<char> lit(static_cast<size_t>(cols * rows), 0);
    for (const StaffView::TouchPoint& p : v.touches) {
        if (p.y < top) continue;
        const int c = std::clamp(static_cast<int>(p.x / cw), 0, cols - 1), r = std::clamp(static_cast<int>((p.y - top) / ch), 0, rows - 1);
        lit[static_cast<size_t>(r * cols + c)] = 1;
    }
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            const ImVec2 a(c * cw, top + r * ch), b((c + 1) * cw, top + (r + 1) * ch);
            if (lit[static_cast<size_t>(r * cols + c)]) dl->AddRectFilled(a, b, th.highlight);
            dl->AddRect(a, b, th.card_border, 0, 0, ui.px(2));
        }
    for (const StaffView::TouchPoint& p : v.touches) dl->AddCircleFilled(ImVec2(p.x, p.y), ui.px(5), th.accent);
    // Each finger's latest point: the ring a fingertip should sit in.
    for (int finger = 0; finger < 10; finger++)
        for (auto it = v.touches.rbegin(); it != v.touches.rend(); ++it)
            if (it->finger == finger) {
                const ImVec2 c(it->x, it->y);
                dl->AddCircle(c, ui.px(40), th.text, 0, ui.px(4));
                dl->AddLine(ImVec2(c.x - ui.px(60), c.y), ImVec2(c.x + ui.px(60), c.y), th.text, ui.px(3));
                dl->AddLine(ImVec2(c.x, c.y - ui.px(60)), ImVec2(c.x, c.y + ui.px(60)), th.text, ui.px(3));
                break;
            }
    dl->PopClipRect();
    ImGui::Dummy(ImVec2(width, std::max(0.0f, io.DisplaySize.y - top - ui.px(2))));
}

}  // namespace gongkai
