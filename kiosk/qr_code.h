// QR codes on the kiosk's screen: a text (a web address) encoded with libqrencode into a
// matrix of modules, and drawn with ImGui's draw list as sharp dark squares on a white
// quiet zone — dark on light whatever the theme, because phone scanners look for that.
//
// How big, and why (the numbers below):
//   A resident scans from about 40 cm (phone at chest height, screen at arm's length).
//   A phone's scanner works on its preview frame, ~1280 px across a ~56 cm field at
//   40 cm with a ~70° lens: 0.44 mm per camera pixel. A decoder needs ~2 camera pixels a
//   module, so a module should be ≥ 1 mm; and the printing rule of thumb (code side ≥
//   distance / 10) asks for a code ≥ 40 mm.
//   The finest panel expected at a 1080-px short side is a 21.5-inch 1080×1920 (0.248 mm
//   pixels, ~102 dpi); the usual 32–55-inch kiosks have 0.37–0.63 mm pixels, so every
//   size below only grows there. On the finest panel 1 mm is 4 px and 40 mm is 161 px.
#pragma once
#include <imgui.h>

#include <string_view>
#include <vector>

#include "errors.h"
#include "kiosk_errors.h"

namespace gongkai {

// Longest text encoded, in bytes. A page address is at most 236 ([site] base_url ≤ 160,
// config.h, plus "notice/<64-byte id>.html"); 256 at level M is a version-12 code of 65
// modules — 260 px at the 4-px minimum module, still a fifth of a portrait screen's width.
inline constexpr size_t kMaxQrTextBytes = 256;

// White modules on every side of the code: the QR standard's (ISO/IEC 18004) minimum; a
// scanner finds the finder patterns by the light border around them.
inline constexpr int kQrQuietModules = 4;

// Design pixels (at a 1080-px short side, Ui::px) for the code without its quiet zone:
// 200 px is 50 mm on the finest panel, above the 40 mm of the distance/10 rule with room
// for glare on the glass. A typical address (~60 bytes, version 4–5, 33–37 modules) gets
// 5–6-px modules.
inline constexpr float kQrTargetDesignPx = 200.0f;
// Smallest module, in design pixels: 4 px is 1 mm on the finest panel (see above).
inline constexpr float kQrMinModuleDesignPx = 4.0f;

struct QrCode {
    int modules = 0;          // modules a side, without the quiet zone (21 for version 1 … 177)
    std::vector<bool> dark;   // modules × modules, row by row
    bool is_dark(int x, int y) const { return dark[static_cast<size_t>(y) * modules + x]; }
};

// Encodes `text` at error-correction level M (15 % of the code may be lost: glare,
// a fingerprint) in the smallest version that holds it. QrTextTooLong for an empty text,
// one holding a NUL, or one over kMaxQrTextBytes; QrEncodeFailed when libqrencode fails
// (out of memory), with its errno in the detail.
Result<QrCode> encode_qr(std::string_view text);

// Whole pixels a module for a code of `modules` at design scale `scale` (Ui::px(1)):
// kQrTargetDesignPx / modules, rounded down, at least kQrMinModuleDesignPx, at least 1.
// Whole pixels so no module straddles a pixel: no blur, no grey seams between modules.
int qr_module_px(int modules, float scale);
// The drawn square's side, quiet zone included, in pixels.
inline int qr_side_px(const QrCode& code, int module_px) { return (code.modules + 2 * kQrQuietModules) * module_px; }

// Paints the code with its quiet zone at `top_left` (rounded down to a whole pixel):
// one white square, then each run of dark modules in a row as one black rectangle.
void draw_qr(ImDrawList* draw_list, ImVec2 top_left, const QrCode& code, int module_px);

}  // namespace gongkai
