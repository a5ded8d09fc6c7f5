// "Take it home": the QR code of this page on the resident's phone — the page gongkai-publish
// wrote at <[site] base_url>item/<id>.html or notice/<id>.html (sync/catalogue/site_writer.h)
// — with a one-line caption beside it. A widget the item and notice screens place with one
// call; it draws nothing when no base_url is configured.
//
//   ┌ gap 24 ──────────────────────────────────────────────┐
//   │ ┌──────────┐                                         │
//   │ │ ▀▄ QR ▄▀ │  28  扫码带走这一页   (heading font,     │
//   │ │ ▄▀▄▀▄▀▄▀ │      vertically centred, theme's text)  │
//   │ └──────────┘                                         │
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

std::string take_away_url(const ScreenState& s) {
    if (s.site_base_url.empty() || !page_id_problem(s.route.id).empty()) return {};
    if (s.route.is("item")) return s.site_base_url + item_page_path(s.route.id);
    if (s.route.is("notice")) return s.site_base_url + notice_page_path(s.route.id);
    return {};
}

float take_away_height(const Ui& ui, std::string_view url) {
    const QrCode* code = code_for(url);
    if (!code) return 0;
    return ui.px(kTopGap) + static_cast<float>(qr_side_px(*code, qr_module_px(code->modules, ui.px(1))));
}

void draw_take_away(Ui& ui, std::string_view url) {
    const QrCode* code = code_for(url);
    if (!code) return;
    ui.gap(kTopGap);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float side = static_cast<float>(qr_side_px(*code, qr_module_px(code->modules, ui.px(1))));
    draw_qr(ImGui::GetWindowDrawList(), pos, *code, qr_module_px(code->modules, ui.px(1)));
    const float caption_x = pos.x + side + ui.px(kCaptionGap), caption_w = std::max(1.0f, pos.x + width - caption_x);
    const float caption_h = ui.text_height(ui.str().take_away, true, 0, caption_w);
    ui.text_at(ImVec2(caption_x, pos.y + std::max(0.0f, (side - caption_h) * 0.5f)), ui.str().take_away, ui.theme().text,
               true, 0, caption_w);
    ImGui::Dummy(ImVec2(width, std::max(side, caption_h)));
}

}  // namespace gongkai
