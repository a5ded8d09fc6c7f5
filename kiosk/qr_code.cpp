// See qr_code.h. libqrencode (Debian's libqrencode-dev) does the encoding; this file
// bounds its input, copies its matrix out and frees it, and paints the matrix.
#include "qr_code.h"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

namespace gongkai {

Result<QrCode> encode_qr(std::string_view text) {
    if (text.empty()) return make_error(KioskError::QrTextTooLong, "the text is empty");
    if (text.size() > kMaxQrTextBytes)
        return make_error(KioskError::QrTextTooLong,
                          std::to_string(text.size()) + " bytes, at most " + std::to_string(kMaxQrTextBytes));
    if (text.find('\0') != std::string_view::npos) return make_error(KioskError::QrTextTooLong, "the text holds a NUL");
    const std::string terminated(text);  // libqrencode takes a C string
    errno = 0;
    // Version 0: the smallest that holds the text. QR_MODE_8 with case sensitivity: the
    // text is split into numeric, alphanumeric and byte runs as suits it, bytes kept as
    // they are (UTF-8 passes through; zbarimg reads it back intact, PITFALLS.md).
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, /*casesensitive=*/1), &QRcode_free);
    if (!qr) {
        const int err = errno;
        return make_error(KioskError::QrEncodeFailed,
                          std::string("QRcode_encodeString: ") + (err ? std::strerror(err) : "no reason given"));
    }
    QrCode code;
    code.modules = qr->width;
    code.dark.resize(static_cast<size_t>(qr->width) * qr->width);
    // Bit 0 of each byte is the module's colour (1 = dark); the other bits say what the
    // module is part of (finder, timing, data …), which drawing does not need.
    for (size_t i = 0; i < code.dark.size(); i++) code.dark[i] = qr->data[i] & 1;
    return code;
}

int qr_module_px(int modules, float scale) {
    if (modules <= 0) return 1;
    const int fit = static_cast<int>(std::floor(kQrTargetDesignPx * scale / static_cast<float>(modules)));
    const int floor_px = static_cast<int>(std::floor(kQrMinModuleDesignPx * scale));
    return std::max({fit, floor_px, 1});
}

void draw_qr(ImDrawList* draw_list, ImVec2 top_left, const QrCode& code, int module_px) {
    // Fixed black on white, never theme colours: the high-contrast theme is light on dark,
    // and many scanners do not read an inverted code.
    const ImU32 light = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF), dark = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    const float x0 = std::floor(top_left.x), y0 = std::floor(top_left.y);
    const float side = static_cast<float>(qr_side_px(code, module_px)), m = static_cast<float>(module_px);
    // Axis-aligned, unrounded rectangles on whole pixels: ImGui fills them without an
    // anti-aliased fringe, so every module edge is sharp.
    draw_list->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + side, y0 + side), light);
    const float cx = x0 + kQrQuietModules * m, cy = y0 + kQrQuietModules * m;
    for (int y = 0; y < code.modules; y++) {
        for (int x = 0; x < code.modules;) {
            if (!code.is_dark(x, y)) { x++; continue; }
            int end = x;
            while (end < code.modules && code.is_dark(end, y)) end++;
            draw_list->AddRectFilled(ImVec2(cx + x * m, cy + y * m), ImVec2(cx + end * m, cy + (y + 1) * m), dark);
            x = end;
        }
    }
}

}  // namespace gongkai
