// The on-screen keyboard every text field uses: the candidate bar, then the letter keys (拼音)
// or the handwriting pad (手写), then the row of the mode switch and 清空 / 空格 / 删除.
// A function of the TextInputView it is given (text_input.h); it reports taps as UiEvents and
// records the pad's rectangle as the tap target "pad", where the app captures strokes.
//
//   ┌──────────────────────────────────────────────┐
//   │ cand/0  cand/1  cand/2 …   (or a hint)        │  candidate bar, one key high
//   ├──────────────────────────────────────────────┤
//   │ 1 2 3 … / q w e … / a s d … / z x c …         │  拼音: four rows of keys (staff: + / : - .)
//   │   — or —  ┌──────┐  [ 重写 pad/clear ]        │  手写: the square pad, 重写, a hint
//   │           │ pad  │  hint                      │
//   ├──────────────────────────────────────────────┤
//   │ [拼音][手写]   [清空] [空格] [删除]            │  key/mode.pinyin, key/mode.handwriting,
//   └──────────────────────────────────────────────┘  key/clear, key/space, key/backspace
#include <algorithm>
#include <cmath>
#include <cstring>

#include "screens.h"
#include "text_input.h"

namespace gongkai {

// Keys: 10 to a row at 1080 px is 92 px each with 8-px gaps — above the 80-px floor. The
// candidate bar and the bottom row are one key high, so every target on the keyboard is too.
static constexpr float kKeyH = 96, kGap = 10;
// 24-px margins: ten keys still get ≥ 80 px when the keyboard has half a landscape screen.
static constexpr float kMargin = 24;
static constexpr int kLetterRows = 4;
static constexpr const char* kRows[kLetterRows] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
// Staff typing a hall's hours and windows ("9:00-17:00", "1-3号窗口") also needs these; the
// residents' keyboard stays letters and digits (a question needs no punctuation).
static constexpr const char* kStaffRows[kLetterRows] = {"1234567890", "qwertyuiop", "asdfghjkl/", "zxcvbnm:-."};

float keyboard_height(const Ui& ui) {
    return ui.px(kMargin) + ui.px(kKeyH) + ui.px(kGap) + kLetterRows * ui.px(kKeyH) + (kLetterRows - 1) * ui.px(kGap) +
           ui.px(kGap) + ui.px(kKeyH) + ui.px(kMargin);
}

// The largest size up to `size` at which `label` fits `width` on one line: a long English label at 1.5×
// text on a fifth of a 1080-px row would otherwise wrap out of its key.
static float fitting_size(const Ui& ui, std::string_view label, bool bold, float size, float width) {
    ImFont* f = bold ? ui.fonts().heading : ui.fonts().body;
    const float w = f->CalcTextSizeA(size, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
    return w <= width ? size : std::floor(size * width / w);
}

// A key with an outline: the outline is ≥ 3:1 on the key and on the keyboard (theme.h).
static bool key(Ui& ui, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size, bool selected = false,
                float font_size = 0) {
    const Theme& th = ui.theme();
    ImGui::SetCursorScreenPos(pos);
    const bool bold = true;
    if (font_size <= 0) font_size = fitting_size(ui, label, bold, ui.fonts().heading->FontSize, size.x - ui.px(24));
    const bool tapped = ui.button(id, label, size, selected ? th.accent : th.key, selected ? th.on_accent : th.text, bold, font_size);
    if (!selected)
        ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), th.key_border, ui.px(14), 0, ui.px(2));
    return tapped;
}

// The bar: as many candidates as fit, each at least a key square, best first from the left.
static void candidate_bar(Ui& ui, const TextInputView& v, ImVec2 pos, float width) {
    const Theme& th = ui.theme();
    const float h = ui.px(kKeyH);
    if (v.candidates.empty()) {
        if (v.mode == InputMode::Pinyin) {
            ImFont* f = ui.fonts().body;
            ui.text_at(ImVec2(pos.x + ui.px(8), pos.y + (h - Ui::line_height(f)) * 0.5f), ui.str().pinyin_hint, th.text, false, 0,
                       width - ui.px(16), 1);
        }
        return;
    }
    // The heading size: a candidate is what the resident is looking for, read at arm's length.
    const float size = std::min(ui.fonts().heading->FontSize, h * 0.8f);
    float x = pos.x;
    for (size_t i = 0; i < v.candidates.size(); i++) {
        const std::string& c = v.candidates[i];
        const float text_w = ui.fonts().heading->CalcTextSizeA(size, FLT_MAX, 0, c.c_str()).x;
        const float w = std::max(text_w + ui.px(48), h);
        if (x + w > pos.x + width) break;
        if (key(ui, "cand/" + std::to_string(i), c, ImVec2(x, pos.y), ImVec2(w, h), false, size))
            ui.emit({UiEvent::Kind::InputCandidate, {}, c});
        x += w + ui.px(kGap);
    }
}

static void letter_keys(Ui& ui, ImVec2 pos, float width, KeyboardKeys keys) {
    const float gap = ui.px(kGap), key_h = ui.px(kKeyH);
    const float key_w = (width - 9 * gap) / 10;
    // A letter's line box stays inside its key: at 1.5× text the heading size would push
    // descenders (g, j, p, q, y) across the key's border.
    const float key_font = std::min(ui.fonts().heading->FontSize, key_h * 0.8f);
    float y = pos.y;
    for (const char* row : keys == KeyboardKeys::WithSymbols ? kStaffRows : kRows) {
        const int n = static_cast<int>(std::strlen(row));
        float x = pos.x + (10 - n) * (key_w + gap) * 0.5f;
        for (int i = 0; i < n; i++) {
            std::string label(1, row[i]);
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            if (ui.button("key/" + label, label, ImVec2(key_w, key_h), ui.theme().key, ui.theme().text, false, key_font))
                ui.emit({UiEvent::Kind::SearchType, {}, label});
            ImGui::GetWindowDrawList()->AddRect(ImVec2(x, y), ImVec2(x + key_w, y + key_h), ui.theme().key_border, ui.px(14), 0,
                                                ui.px(2));
            x += key_w + gap;
        }
        y += key_h + gap;
    }
}

// The pad: a square with a 田字格 guide (the cross residents learnt to write in), the strokes
// as thick round-ended lines in the text colour, so they show on every theme.
static void pad(Ui& ui, const TextInputView& v, ImVec2 pos, float side) {
    const Theme& th = ui.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + side, pos.y + side);
    dl->AddRectFilled(pos, end, th.card, ui.px(8));
    // The guide: dashed, thin, in the card's border colour — seen, but not mistaken for ink.
    const float dash = side / 24, guide = std::max(1.0f, ui.px(2));
    for (float t = 0; t < side; t += 2 * dash) {
        const float a = t, b = std::min(t + dash, side);
        dl->AddLine(ImVec2(pos.x + a, pos.y + side / 2), ImVec2(pos.x + b, pos.y + side / 2), th.card_border, guide);
        dl->AddLine(ImVec2(pos.x + side / 2, pos.y + a), ImVec2(pos.x + side / 2, pos.y + b), th.card_border, guide);
    }
    dl->AddRect(pos, end, th.accent, ui.px(8), 0, ui.px(4));
    // 3.5 % of the side: 14 px on the 414-px portrait pad, a felt pen's line on a character
    // that fills the square; never under 3 px on the smallest screen.
    const float thick = std::max(3.0f, side * 0.035f);
    const float sx = v.pad_w > 0 ? side / static_cast<float>(v.pad_w) : 1, sy = v.pad_h > 0 ? side / static_cast<float>(v.pad_h) : 1;
    dl->PushClipRect(pos, end, true);
    std::vector<ImVec2> points;
    for (const HandwritingStroke& stroke : v.strokes) {
        points.clear();
        for (const HandwritingPoint& p : stroke)
            points.push_back(ImVec2(pos.x + static_cast<float>(p.x) * sx, pos.y + static_cast<float>(p.y) * sy));
        if (points.size() > 1) dl->AddPolyline(points.data(), static_cast<int>(points.size()), th.text, 0, thick);
        // Round joins and ends (AddPolyline's are square): a disc at every point.
        for (const ImVec2& p : points) dl->AddCircleFilled(p, thick * 0.5f, th.text, 12);
    }
    dl->PopClipRect();
    ui.record_target("pad", pos, end);
}

static void handwriting_area(Ui& ui, const TextInputView& v, ImVec2 pos, float width, float height) {
    const Theme& th = ui.theme();
    const float gap = ui.px(kGap);
    // The pad is as tall as the four rows of keys it replaces, and leaves at least 40 % of the
    // width for 重写 and the hint beside it.
    const float side = std::min(height, width * 0.6f);
    const float col_x = pos.x + side + 2 * gap, col_w = pos.x + width - col_x;
    if (v.handwriting == TextInputView::Engine::Failed) {
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), th.card, ui.px(8));
        ui.text_at(ImVec2(pos.x + ui.px(24), pos.y + ui.px(24)), ui.str().handwriting_unavailable, th.text, true, 0,
                   width - ui.px(48), 3);
        return;
    }
    pad(ui, v, pos, side);
    if (key(ui, "pad/clear", ui.str().pad_clear, ImVec2(col_x, pos.y), ImVec2(col_w, ui.px(kKeyH))))
        ui.emit({UiEvent::Kind::PadClear, {}, {}});
    const float hint_y = pos.y + ui.px(kKeyH) + 2 * gap;
    const int lines = static_cast<int>((pos.y + height - hint_y) / Ui::line_height(ui.fonts().body));
    if (lines > 0) ui.text_at(ImVec2(col_x, hint_y), ui.str().pad_hint, th.text, false, 0, col_w, lines);
}

void keyboard(Ui& ui, const TextInputView& v, KeyboardKeys key_set) {
    const Theme& th = ui.theme();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float side = ui.px(kMargin), gap = ui.px(kGap), key_h = ui.px(kKeyH);
    const float width = ImGui::GetContentRegionAvail().x, inner = width - 2 * side;
    ImGui::GetWindowDrawList()->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + keyboard_height(ui)), th.keyboard_bg);
    float y = origin.y + side;
    candidate_bar(ui, v, ImVec2(origin.x + side, y), inner);
    y += key_h + gap;
    const float area_h = kLetterRows * key_h + (kLetterRows - 1) * gap;
    if (v.mode == InputMode::Pinyin) letter_keys(ui, ImVec2(origin.x + side, y), inner, key_set);
    else handwriting_area(ui, v, ImVec2(origin.x + side, y), inner, area_h);
    y += area_h + gap;

    // Bottom row: the two modes side by side (the current one filled), then clear, space,
    // delete — five keys with words, not symbols, a fifth of the row each.
    const float w = (inner - 4 * gap) / 5;
    float x = origin.x + side;
    for (InputMode mode : {InputMode::Pinyin, InputMode::Handwriting}) {
        const std::string& label = mode == InputMode::Pinyin ? ui.str().mode_pinyin : ui.str().mode_handwriting;
        if (key(ui, std::string("key/mode.") + input_mode_name(mode), label, ImVec2(x, y), ImVec2(w, key_h), v.mode == mode))
            ui.emit({UiEvent::Kind::InputMode, {}, input_mode_name(mode)});
        x += w + gap;
    }
    struct Wide { const char* id; const std::string& label; UiEvent::Kind kind; const char* text; };
    const Wide keys[] = {{"key/clear", ui.str().key_clear, UiEvent::Kind::SearchClear, ""},
                         {"key/space", ui.str().key_space, UiEvent::Kind::SearchType, " "},
                         {"key/backspace", ui.str().key_backspace, UiEvent::Kind::SearchBackspace, ""}};
    for (const Wide& k : keys) {
        if (key(ui, k.id, k.label, ImVec2(x, y), ImVec2(w, key_h))) ui.emit({k.kind, {}, k.text});
        x += w + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + keyboard_height(ui)));
}

}  // namespace gongkai
