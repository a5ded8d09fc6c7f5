// The page's tools, under an item's or notice's title: "take it home" — the QR code of this
// page on the resident's phone, the page gongkai-publish wrote at <[site] base_url>item/<id>.html
// or notice/<id>.html (sync/catalogue/site_writer.h) — and "hear it" (朗读: play, pause,
// stop). Without a base_url there is no code and the read-aloud buttons take the row.
//
//   ┌ gap 24 ──────────────────────────────────────────────┐
//   │ ┌──────────┐  28  扫码带走这一页   (heading font)      │
//   │ │ ▀▄ QR ▄▀ │      ┌──────────┐ ┌──────────┐          │
//   │ │ ▄▀▄▀▄▀▄▀ │      │ 🔊 朗读  │ │ (停止)   │  100 px  │
//   │ └──────────┘      └──────────┘ └──────────┘          │
//   └──────────────────────────────────────────────────────┘
#include <algorithm>
#include <optional>
#include <string>

#include "log.h"
#include "qr_code.h"
#include "screens.h"
#include "site_writer.h"

namespace gongkai {

namespace {

// Space above the code, design px: as much as a heading leaves (Ui::heading's gap 28 less
// a little), so the code reads as its own block, not part of the paragraph above.
constexpr float kTopGap = 24;
// Between the code's quiet zone and the caption, design px: a card's inner padding.
constexpr float kCaptionGap = 28;

// The code of the last address asked for. Encoding costs little, but a page is drawn
// every frame while it scrolls, and a failure is logged once, not every frame. Only the
// frame thread draws; one page at a time shows a code.
const QrCode* code_for(std::string_view url) {
    static std::string memo_url;
    static std::optional<QrCode> memo_code;
    if (url != memo_url) {
        memo_url = url;
        auto encoded = encode_qr(url);
        if (encoded) memo_code = std::move(*encoded);
        else {
            memo_code.reset();
            log_warn("qr", "no QR code for " + memo_url + ": " + encoded.error().describe());
        }
    }
    return url.empty() ? nullptr : memo_code ? &*memo_code : nullptr;
}

}  // namespace

const QrCode* take_away_code(const std::string& url) { return code_for(url); }

std::string take_away_url(const ScreenState& s) {
    if (s.site_base_url.empty() || !page_id_problem(s.route.id).empty()) return {};
    if (s.route.is("item")) return s.site_base_url + item_page_path(s.route.id);
    if (s.route.is("notice")) return s.site_base_url + notice_page_path(s.route.id);
    // The website writes these pages beside item/ and notice/ (gongkai-publish build, issue 11).
    if (s.route.is("interpretation") || s.route.is("response")) return s.site_base_url + s.route.screen + "/" + s.route.id + ".html";
    return {};
}

// 100 px: a read-aloud button is a main action, larger than the 80-px floor. Its width
// follows its label (朗读, "Read aloud" at 1.4×), at least 320 px, at most the room there is;
// a label too long for that room is set smaller, never wrapped or drawn past the edge.
constexpr float kReadButtonHeight = 100, kReadButtonWidth = 320, kButtonGap = 16;

// The type size that fits `label` (plus `extra` px) in `room` px: the heading size, or less.
static float fitting_size(const Ui& ui, const std::string& label, float extra, float room) {
    ImFont* f = ui.fonts().heading;
    const float natural = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x + extra;
    if (natural <= room) return f->FontSize;
    return std::max(ui.fonts().body->FontSize * 0.6f, f->FontSize * (room - extra) / (natural - extra) * 0.97f);  // 3%: glyph rounding
}

// The read-aloud buttons at `pos` within `width`; returns the height used.
static float read_controls(Ui& ui, const ScreenState& s, ImVec2 pos, float width) {
    const Theme& th = ui.theme();
    const ReadingView* r = s.reading;
    if (!r) return 0;
    if (!r->available) return ui.text_at(pos, ui.str().read_unavailable, th.muted, false, 0, width);
    const bool here = r->route == s.route && r->state != PlayerState::Idle && r->state != PlayerState::Finished;
    const float h = std::max(ui.px(kReadButtonHeight), Ui::line_height(ui.fonts().heading) + ui.px(16));
    const float pad = ui.px(24);
    ImFont* f = ui.fonts().heading;
    if (!here) {
        const float icon = ui.px(44), icon_gap = ui.px(16);
        const std::string& label = ui.str().read_aloud;
        const float natural = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x + icon + icon_gap + 2 * pad;
        const float w = std::min(width, std::max(ui.px(kReadButtonWidth), natural));
        const float size = fitting_size(ui, label, icon + icon_gap + 2 * pad, w);
        const float label_w = f->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x;
        ImGui::SetCursorScreenPos(pos);
        if (ui.button("read.start", "", ImVec2(w, h), th.accent, th.on_accent)) ui.emit({UiEvent::Kind::ReadStart, {}});
        // Icon and label centred together in the button.
        const float x0 = pos.x + (w - (icon + icon_gap + label_w)) * 0.5f;
        draw_icon_speaker(ImGui::GetWindowDrawList(), ImVec2(x0 + icon * 0.5f, pos.y + h * 0.5f), icon, th.on_accent);
        ui.text_at(ImVec2(x0 + icon + icon_gap, pos.y + (h - Ui::line_height_for(size)) * 0.5f), label, th.on_accent, true, size,
                   label_w + 2, 1);
        return h;
    }
    const bool playing = r->state == PlayerState::Playing;
    const std::string& first = playing ? ui.str().read_pause : ui.str().read_resume;
    const float w = std::min(std::max(ui.px(kReadButtonWidth) * 0.8f, std::max(f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, first.c_str()).x,
                                                                               f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, ui.str().read_stop.c_str()).x) +
                                                                          2 * pad),
                             (width - ui.px(kButtonGap)) * 0.5f);
    const float size = std::min(fitting_size(ui, first, 2 * pad, w), fitting_size(ui, ui.str().read_stop, 2 * pad, w));
    ImGui::SetCursorScreenPos(pos);
    if (ui.button(playing ? "read.pause" : "read.resume", first, ImVec2(w, h), th.accent, th.on_accent, true, size))
        ui.emit({playing ? UiEvent::Kind::ReadPause : UiEvent::Kind::ReadResume, {}});
    ImGui::SetCursorScreenPos(ImVec2(pos.x + w + ui.px(kButtonGap), pos.y));
    if (ui.button("read.stop", ui.str().read_stop, ImVec2(w, h), th.bar_button, th.on_bar, true, size))
        ui.emit({UiEvent::Kind::ReadStop, {}});
    return h;
}

void page_tools(Ui& ui, const ScreenState& s) {
    const std::string url = take_away_url(s);
    const QrCode* code = code_for(url);
    ui.gap(kTopGap);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    float side = 0, right_x = pos.x, y = pos.y;
    if (code) {
        const int module = qr_module_px(code->modules, ui.px(1));
        side = static_cast<float>(qr_side_px(*code, module));
        draw_qr(ImGui::GetWindowDrawList(), pos, *code, module);
        right_x = pos.x + side + ui.px(kCaptionGap);
        const float caption_w = std::max(1.0f, pos.x + width - right_x);
        y += ui.text_at(ImVec2(right_x, y + ui.px(8)), ui.str().take_away, ui.theme().text, true, 0, caption_w) + ui.px(24);
    }
    y += read_controls(ui, s, ImVec2(right_x, y), std::max(1.0f, pos.x + width - right_x));
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(width, std::max(side, y - pos.y)));
}

}  // namespace gongkai
