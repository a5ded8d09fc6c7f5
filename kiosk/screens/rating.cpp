// 好差评 on screen (page_rating.h holds the state, docs/feedback.md the design): the piece at the
// end of every item and notice page, the keyboard under it while a comment is typed, the leave
// prompt over a page a resident is leaving, and the short thank-you on the page they go to.
// Functions of the RatingView they are given; taps are reported as UiEvents.
//
//   这条信息对您有帮助吗？                      ── Asking: five levels, one tap each
//   [☺ 非常满意][☺ 满意][☺ 基本满意][☹ 不满意][☹ 非常不满意]   (a row where every word fits
//                                                                on one line, else a column)
//   哪里不满意？可以点几项                       ── Reasons (after 不满意 / 非常不满意)
//   [看不懂][信息过时][找不到要办的事][材料说得不清][其他]   (chips: tap to choose, again to drop)
//   还想说点什么？（可以不写）
//   ⚠ 请勿填写姓名、身份证号、电话等个人信息
//   ┌ 点这里写字 ───────────────────────┐     (a tap opens the keyboard under the page)
//   └──────────────────────────────────┘
//   [              提交              ]
//   ✓ 谢谢您的评价。 评价不含个人信息，…       ── Thanked (after a low rating: 请工作人员帮忙)
#include <algorithm>
#include <array>
#include <cmath>

#include "page_rating.h"
#include "screens.h"

namespace gongkai {

namespace {

// Between the levels, and between chips: a finger aimed at one never lands on its neighbour.
constexpr float kGap = 14;
// A level in a row: a face 88 px across over its word; in a column a 110-px row (the size of
// the page's other main buttons) with a 72-px face beside its word.
constexpr float kTileFace = 88, kRowHeight = 110, kRowFace = 72;
// Inside a level: 18 px above and below; a word needs 10 px clear of each side of its tile.
constexpr float kTilePad = 18, kLabelMargin = 10;
// Chips are one keyboard key high (96 px): well above the 80-px floor for a tap.
constexpr float kChipHeight = 96;
// 提交 and 跳过: the height of the next-steps buttons (shared_pieces.cpp).
constexpr float kActionHeight = 110;

struct Level {
    int rating;
    const std::string* label;
};

std::array<Level, kRatingLevels> levels(const UiStrings& str) {
    return {{{5, &str.rate_very_satisfied},
             {4, &str.rate_satisfied},
             {3, &str.rate_fairly_satisfied},
             {2, &str.rate_dissatisfied},
             {1, &str.rate_very_dissatisfied}}};
}

const std::string& reason_label(const UiStrings& str, FeedbackReason r) {
    switch (r) {
    case FeedbackReason::HardToUnderstand: return str.reason_unclear;
    case FeedbackReason::OutOfDate: return str.reason_outdated;
    case FeedbackReason::CannotFindService: return str.reason_not_found;
    case FeedbackReason::MaterialsUnclear: return str.reason_materials;
    case FeedbackReason::Other: return str.reason_other;
    }
    return str.reason_other;
}

// The five levels across `width`: in a row when every word fits its fifth of the width on one
// line (a face over each word, as the national 好差评 devices show them), else one under the
// other (长辈版, English, a narrow screen) — a word is never cut or wrapped inside a level.
// In a row the words are set at the heading size where they fit, else at the body size.
struct LevelsLayout {
    bool row = false;
    float tile_w = 0, tile_h = 0, height = 0;
    float label_size = 0;  // in a row
};

LevelsLayout layout_levels(const Ui& ui, float width) {
    LevelsLayout out;
    const float gap = ui.px(kGap);
    const float tile_w = (width - (kRatingLevels - 1) * gap) / kRatingLevels;
    for (float size : {ui.fonts().heading->FontSize, ui.fonts().body->FontSize}) {
        float widest = 0;
        for (const Level& l : levels(ui.str()))
            widest = std::max(widest, ui.fonts().heading->CalcTextSizeA(size, FLT_MAX, 0, l.label->c_str()).x);
        if (widest + 2 * ui.px(kLabelMargin) > tile_w) continue;
        out.row = true;
        out.label_size = size;
        out.tile_w = tile_w;
        out.tile_h = ui.px(kTilePad) + ui.px(kTileFace) + ui.px(10) + Ui::line_height_for(size) + ui.px(kTilePad);
        out.height = out.tile_h;
        return out;
    }
    {
        out.tile_w = width;
        out.tile_h = std::max(ui.px(kRowHeight), Ui::line_height(ui.fonts().heading) + ui.px(24));
        out.height = kRatingLevels * out.tile_h + (kRatingLevels - 1) * gap;
    }
    return out;
}

// One level: a card (a chosen one: the pressed colour with a thick accent edge) with its face
// and word. Returns true when tapped.
bool level_button(Ui& ui, const std::string& id, const Level& level, bool chosen, const LevelsLayout& layout, ImVec2 pos) {
    const Theme& th = ui.theme();
    ImGui::SetCursorScreenPos(pos);
    const ImVec2 size(layout.tile_w, layout.tile_h);
    const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
    const bool active = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, end, chosen || active ? th.pressed : th.card, ui.px(14));
    if (chosen) dl->AddRect(pos, end, th.accent, ui.px(14), 0, ui.px(6));
    else dl->AddRect(pos, end, th.card_border, ui.px(14), 0, ui.px(2));
    const ImU32 face = th.rating_face(level.rating);
    if (layout.row) {
        const float face_px = ui.px(kTileFace), label_size = layout.label_size;
        draw_icon_face(dl, ImVec2(pos.x + size.x * 0.5f, pos.y + ui.px(kTilePad) + face_px * 0.5f), face_px, level.rating, face,
                       th.rating_face_ink);
        const float w = ui.fonts().heading->CalcTextSizeA(label_size, FLT_MAX, 0, level.label->c_str()).x;
        ui.text_at(ImVec2(pos.x + (size.x - w) * 0.5f, pos.y + ui.px(kTilePad) + face_px + ui.px(10)), *level.label, th.text, true,
                   label_size, w + 2, 1);
    } else {
        const float face_px = std::min(ui.px(kRowFace), size.y - ui.px(16));
        const float face_x = pos.x + ui.px(24);
        draw_icon_face(dl, ImVec2(face_x + face_px * 0.5f, pos.y + size.y * 0.5f), face_px, level.rating, face, th.rating_face_ink);
        const float text_x = face_x + face_px + ui.px(28);
        ImFont* f = ui.fonts().heading;
        ui.text_at(ImVec2(text_x, pos.y + (size.y - Ui::line_height(f)) * 0.5f), *level.label, th.text, true, 0,
                   std::max(1.0f, end.x - text_x - ui.px(16)), 1);
    }
    if (chosen) {
        // A tick in the corner as well as the edge: "this one" without relying on colour.
        const float r = ui.px(22);
        const ImVec2 c(end.x - r - ui.px(10), pos.y + r + ui.px(10));
        dl->AddCircleFilled(c, r, th.accent, 24);
        draw_icon_check(dl, c, r * 1.2f, th.on_accent);
    }
    ui.record_target(id, pos, end);
    return tapped;
}

// The five levels at the cursor, best first; `chosen`: the level to mark (0: none). Emits Rate.
void level_buttons(Ui& ui, const std::string& id_prefix, int chosen, float width) {
    const LevelsLayout layout = layout_levels(ui, width);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui.px(kGap);
    int i = 0;
    for (const Level& level : levels(ui.str())) {
        const ImVec2 pos = layout.row ? ImVec2(origin.x + i * (layout.tile_w + gap), origin.y)
                                      : ImVec2(origin.x, origin.y + i * (layout.tile_h + gap));
        if (level_button(ui, id_prefix + std::to_string(level.rating), level, chosen == level.rating, layout, pos))
            ui.emit({UiEvent::Kind::Rate, {}, std::to_string(level.rating)});
        i++;
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width, layout.height));
}

// The reason chips, wrapping like the search screen's domain chips. A chosen chip is filled
// in the accent colour with a tick before its word (the tick, not only the colour, says so).
void reason_chips(Ui& ui, const RatingView& v) {
    const Theme& th = ui.theme();
    const float avail = ImGui::GetContentRegionAvail().x, h = ui.px(kChipHeight), gap = ui.px(kGap);
    const float x0 = ImGui::GetCursorScreenPos().x;
    float x = x0, y = ImGui::GetCursorScreenPos().y;
    ImFont* f = ui.fonts().body;
    const float tick = ui.px(34), pad = ui.px(24);
    for (FeedbackReason r : kAllFeedbackReasons) {
        const std::string& label = reason_label(ui.str(), r);
        const bool chosen = v.has(r);
        const float text_w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x;
        // Every chip has room for the tick, chosen or not: choosing one does not reflow the rest.
        const float w = std::min(avail, std::max(ui.px(140), pad + tick + ui.px(12) + text_w + pad));
        if (x > x0 && x + w > x0 + avail) {
            x = x0;
            y += h + gap;
        }
        const ImVec2 pos(x, y), end(x + w, y + h);
        ImGui::SetCursorScreenPos(pos);
        const std::string id = std::string("reason/") + to_string(r);
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(w, h))) ui.emit({UiEvent::Kind::RateReason, {}, to_string(r)});
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const bool active = ImGui::IsItemActive();
        dl->AddRectFilled(pos, end, chosen ? th.accent : active ? th.pressed : th.card, ui.px(14));
        if (active && chosen) dl->AddRectFilled(pos, end, th.press_shade, ui.px(14));
        if (!chosen) dl->AddRect(pos, end, th.card_border, ui.px(14), 0, ui.px(2));
        const ImU32 ink = chosen ? th.on_accent : th.text;
        if (chosen) draw_icon_check(dl, ImVec2(pos.x + pad + tick * 0.5f, pos.y + h * 0.5f), tick, ink);
        else dl->AddRect(ImVec2(pos.x + pad, pos.y + (h - tick) * 0.5f), ImVec2(pos.x + pad + tick, pos.y + (h + tick) * 0.5f), th.text,
                         ui.px(4), 0, ui.px(3));  // an empty box: "you may tick this"
        const float text_x = pos.x + pad + tick + ui.px(12);
        ui.text_at(ImVec2(text_x, pos.y + (h - Ui::line_height(f)) * 0.5f), label, ink, false, 0, std::max(1.0f, end.x - text_x - ui.px(8)), 1);
        ui.record_target(id, pos, end);
        x += w + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(x0, y + h));
    ImGui::Dummy(ImVec2(avail, 1));
}

// The privacy note: a yellow box in body-size bold, right above the box it is about.
void privacy_note(Ui& ui) {
    const Theme& th = ui.theme();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(20);
    const float size = ui.fonts().body->FontSize;
    const float h = ui.text_height(ui.str().rate_privacy, true, size, width - 2 * pad) + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.warning_bg, ui.px(12));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), th.warning_text, ui.px(12), 0, ui.px(2));
    ui.text_at(ImVec2(pos.x + pad, pos.y + pad), ui.str().rate_privacy, th.warning_text, true, size, width - 2 * pad);
    ImGui::Dummy(ImVec2(width, h));
}

// The comment box: the text as typed, wrapped, growing with it (200 characters are about eight
// lines); a placeholder that says to tap it while empty; an accent edge and a caret while the
// keyboard types into it.
void comment_box(Ui& ui, const RatingView& v) {
    const Theme& th = ui.theme();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(24);
    const float lh = Ui::line_height(ui.fonts().body), inner = width - 2 * pad;
    const bool empty = v.comment.empty();
    const std::string& shown = empty ? ui.str().rate_comment_placeholder : v.comment;
    const float h = std::max(2 * lh, ui.text_height(shown, false, 0, inner)) + 2 * pad;
    if (ImGui::InvisibleButton("rate.comment", ImVec2(width, h))) ui.emit({UiEvent::Kind::RateComment, {}});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + h);
    dl->AddRectFilled(pos, end, ImGui::IsItemActive() ? th.pressed : th.card, ui.px(14));
    if (v.editing_comment) dl->AddRect(pos, end, th.accent, ui.px(14), 0, ui.px(4));
    else dl->AddRect(pos, end, th.card_border, ui.px(14), 0, ui.px(2));
    ui.text_at(ImVec2(pos.x + pad, pos.y + pad), shown, empty ? th.muted : th.text, false, 0, inner);
    if (v.editing_comment) {
        // The caret after the last character (at the start while empty, before the placeholder).
        const ImVec2 at = empty ? ImVec2(0, 0) : ui.text_end(v.comment, false, 0, inner);
        const float cx = std::min(pos.x + pad + at.x + ui.px(4), end.x - ui.px(12)), cy = pos.y + pad + at.y;
        dl->AddRectFilled(ImVec2(empty ? pos.x + pad - ui.px(10) : cx, cy + lh * 0.12f),
                          ImVec2((empty ? pos.x + pad - ui.px(10) : cx) + ui.px(4), cy + lh * 0.88f), th.accent);
    }
    ui.record_target("rate.comment", pos, end);
}

void thanks(Ui& ui, const RatingView& v) {
    const Theme& th = ui.theme();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(28), icon = ui.px(72);
    const float text_x = pos.x + pad + icon + ui.px(24), text_w = pos.x + width - pad - text_x;
    const float title_h = ui.text_height(ui.str().rate_thanks, true, 0, text_w);
    const float next_h = ui.text_height(ui.str().rate_next, false, 0, text_w);
    const float h = std::max(icon, title_h + ui.px(8) + next_h) + 2 * pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th.card, ui.px(14));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), th.card_border, ui.px(14), 0, ui.px(2));
    const ImVec2 c(pos.x + pad + icon * 0.5f, pos.y + pad + icon * 0.5f);
    dl->AddCircleFilled(c, icon * 0.5f, th.accent, 32);
    draw_icon_check(dl, c, icon * 0.6f, th.on_accent);
    float y = pos.y + pad;
    y += ui.text_at(ImVec2(text_x, y), ui.str().rate_thanks, th.text, true, 0, text_w) + ui.px(8);
    ui.text_at(ImVec2(text_x, y), ui.str().rate_next, th.text, false, 0, text_w);
    ImGui::Dummy(ImVec2(width, h));
    // Someone this unhappy with the page may still need the answer today: a person is one tap away.
    if (v.rating <= kRatingAsksReason) {
        ui.gap(16);
        if (ui.button("rate.help", ui.str().ask_staff, ImVec2(width, ui.px(kActionHeight)), th.accent, th.on_accent))
            ui.emit({UiEvent::Kind::Navigate, Route::help()});
    }
}

// After a low rating or the comment box's tap, the part that appeared is scrolled into view:
// its end at the bottom of the page's window, but never further than puts its start at the
// top (a part taller than the window shows its start).
void reveal(float from_y, float to_y) {
    const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
    float delta = std::min(to_y - bottom, from_y - top);
    // ImGui clamps the target to the content on the next frame.
    if (delta > 0) ImGui::SetScrollY(ImGui::GetScrollY() + delta);
}

}  // namespace

void rating_piece(Ui& ui, const ScreenState& s) {
    if (!s.rating || !(s.rating->page == s.route)) return;
    const RatingView& v = *s.rating;
    const Theme& th = ui.theme();
    ui.gap(24);
    ui.heading(ui.str().rate_question);
    const float width = ImGui::GetContentRegionAvail().x;
    if (v.step == RatingView::Step::Thanked) {
        thanks(ui, v);
        return;
    }
    level_buttons(ui, "rate/", v.step == RatingView::Step::Reasons ? v.rating : 0, width);
    if (v.step != RatingView::Step::Reasons) return;
    const float reasons_y = ImGui::GetCursorScreenPos().y;
    ui.gap(20);
    ui.paragraph(ui.str().rate_reasons, th.text, true);
    ui.gap(12);
    reason_chips(ui, v);
    ui.gap(28);
    const float comment_y = ImGui::GetCursorScreenPos().y;
    ui.paragraph(ui.str().rate_comment, th.text, true);
    ui.gap(12);
    privacy_note(ui);
    ui.gap(12);
    comment_box(ui, v);
    ui.gap(24);
    if (ui.button("rate.submit", ui.str().rate_submit, ImVec2(width, ui.px(kActionHeight)), th.accent, th.on_accent))
        ui.emit({UiEvent::Kind::RateSubmit, {}});
    const float end_y = ImGui::GetCursorScreenPos().y + ui.px(16);
    if (v.reveal == RatingView::Reveal::Reasons) reveal(reasons_y, end_y);
    if (v.reveal == RatingView::Reveal::Comment) reveal(comment_y, end_y);
}

float rating_keyboard_height(const Ui& ui, const ScreenState& s) {
    return s.rating && s.rating->editing_comment && s.input ? keyboard_height(ui) : 0;
}

void rating_keyboard(Ui& ui, const ScreenState& s) {
    if (s.input) keyboard(ui, *s.input);
}

// The prompt has its own window over everything, as the idle box has: while it shows, a touch
// lands on it. The page stays dimmed behind, so the resident sees where they still are.
void leave_prompt(Ui& ui, const RatingView& v) {
    const Theme& th = ui.theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ui.begin_overlay("leave-prompt", /*dimmed=*/true, /*takes_touch=*/true);
    // The screen's width less a margin that shows the page is still there, up to 1600 px: on a
    // landscape screen the five levels then stand in one row and the box stays low.
    const float w = std::min(io.DisplaySize.x - ui.px(60), ui.px(1600)), pad = ui.px(36);
    const float inner = w - 2 * pad;
    const std::string auto_close = ui.str().rate_auto_before + std::to_string(std::max(v.prompt_seconds_left, 0)) + ui.str().rate_auto_after;
    const LevelsLayout layout = layout_levels(ui, inner);
    const float title_h = ui.text_height(ui.str().rate_question, true, 0, inner);
    const float auto_h = ui.text_height(auto_close, false, 0, inner);
    const float h = pad + title_h + ui.px(24) + layout.height + ui.px(28) + ui.px(kActionHeight) + ui.px(16) + auto_h + pad;
    const ImVec2 pos((io.DisplaySize.x - w) * 0.5f, std::max(0.0f, (io.DisplaySize.y - h) * 0.5f));
    const ImVec2 end(pos.x + w, pos.y + h);
    ui.overlay_box(dl, pos, end, th.card_border);
    float y = pos.y + pad;
    y += ui.text_at(ImVec2(pos.x + pad, y), ui.str().rate_question, th.text, true, 0, inner) + ui.px(24);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    level_buttons(ui, "prompt.rate/", 0, inner);
    y += layout.height + ui.px(28);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    // 跳过 in the top bar's button colours: the way on, as plain as 返回 and 首页 are.
    if (ui.button("prompt.skip", ui.str().rate_skip, ImVec2(inner, ui.px(kActionHeight)), th.bar_button, th.on_bar))
        ui.emit({UiEvent::Kind::RateSkip, {}});
    y += ui.px(kActionHeight) + ui.px(16);
    ui.text_at(ImVec2(pos.x + pad, y), auto_close, th.muted, false, 0, inner);
    // A tap that began outside the box (the dimmed 返回 again, anywhere) is a resident on their
    // way: it skips, as 跳过 does. A press that began in the box and slid out is not.
    if (ImGui::IsMouseReleased(0)) {
        const ImVec2 at = io.MouseClickedPos[0];
        if (at.x < pos.x || at.x > end.x || at.y < pos.y || at.y > end.y) ui.emit({UiEvent::Kind::RateSkip, {}});
    }
    ui.end_overlay();
}

// Under the top bar, in a window that takes no input: taps reach the page as if it were not there.
void thanks_toast(Ui& ui) {
    const Theme& th = ui.theme();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ui.begin_overlay("thanks", /*dimmed=*/false, /*takes_touch=*/false);
    ImFont* f = ui.fonts().heading;
    const std::string& text = ui.str().rate_thanks;
    const float pad = ui.px(28), icon = ui.px(56);
    const float max_w = io.DisplaySize.x - ui.px(80);
    const float text_w = std::min(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, text.c_str()).x, max_w - 2 * pad - icon - ui.px(20));
    const float w = 2 * pad + icon + ui.px(20) + text_w;
    const float h = std::max(icon, ui.text_height(text, true, 0, text_w + 2)) + 2 * pad;
    const ImVec2 pos((io.DisplaySize.x - w) * 0.5f, top_bar_height(ui) + ui.px(24));
    // A soft shadow lifts it off the page it sits on for a moment.
    dl->AddRectFilled(ImVec2(pos.x + ui.px(6), pos.y + ui.px(8)), ImVec2(pos.x + w + ui.px(6), pos.y + h + ui.px(8)),
                      IM_COL32(0, 0, 0, 0x40), ui.px(18));
    ui.overlay_box(dl, pos, ImVec2(pos.x + w, pos.y + h), th.accent, 4);
    const ImVec2 c(pos.x + pad + icon * 0.5f, pos.y + h * 0.5f);
    dl->AddCircleFilled(c, icon * 0.5f, th.accent, 32);
    draw_icon_check(dl, c, icon * 0.6f, th.on_accent);
    ui.text_at(ImVec2(pos.x + pad + icon + ui.px(20), pos.y + pad), text, th.text, true, 0, text_w + 2);
    ui.end_overlay();
}

}  // namespace gongkai
