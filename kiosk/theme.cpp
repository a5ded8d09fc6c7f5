// See theme.h.
#include "theme.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace gongkai {

Theme standard_theme() {
    Theme t;
    t.name = "standard";
    return t;
}

Theme high_contrast_theme() {
    Theme t;
    t.name = "high-contrast";
    t.background = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    t.text = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);            // 21:1
    t.muted = IM_COL32(0xE6, 0xE6, 0xE6, 0xFF);           // 16:1
    t.bar = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    t.on_bar = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    t.bar_button = IM_COL32(0x00, 0x33, 0x80, 0xFF);      // white 12.6:1
    t.bar_button_idle = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
    t.on_bar_idle = IM_COL32(0xB0, 0xB0, 0xB0, 0xFF);     // 8.3:1: dimmed, above 7:1
    t.bar_toggle = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    t.card = IM_COL32(0x10, 0x10, 0x10, 0xFF);
    t.card_border = IM_COL32(0xFF, 0xD8, 0x00, 0xFF);     // yellow outlines: every target shows its edge
    t.pressed = IM_COL32(0x33, 0x33, 0x00, 0xFF);
    t.press_shade = IM_COL32(0xFF, 0xFF, 0xFF, 0x40);
    t.tile_press_shade = IM_COL32(0xFF, 0xFF, 0xFF, 0x50);
    t.accent = IM_COL32(0xFF, 0xD8, 0x00, 0xFF);          // 14.9:1 on black
    t.on_accent = IM_COL32(0x00, 0x00, 0x00, 0xFF);       // black on yellow: 14.9:1 (white was 1.39:1)
    t.tag_bg = IM_COL32(0xFF, 0xD8, 0x00, 0xFF);
    t.tag_text = IM_COL32(0x00, 0x00, 0x00, 0xFF);        // 14.9:1
    t.warning_bg = IM_COL32(0xFF, 0xD8, 0x00, 0xFF);
    t.warning_text = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    t.table_label_bg = IM_COL32(0x26, 0x26, 0x26, 0xFF);  // white 15.9:1
    t.highlight = IM_COL32(0x66, 0x4C, 0x00, 0xFF);       // a dark amber marker: white text 8.1:1 (above 7:1)
    t.keyboard_bg = IM_COL32(0x1A, 0x1A, 0x1A, 0xFF);
    t.key = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    t.key_border = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    t.scrollbar = IM_COL32(0xFF, 0xD8, 0x00, 0xCC);
    // Faces in the outline yellow with black eyes and mouth (14.9:1): the curve of the mouth
    // and the word tell the levels apart here, as they must anyway.
    t.rating_faces.fill(IM_COL32(0xFF, 0xD8, 0x00, 0xFF));
    t.rating_face_ink = IM_COL32(0x00, 0x00, 0x00, 0xFF);
    // Darker tiles: white text ≥ 9:1 on each.
    t.domains = {IM_COL32(0x0B, 0x3A, 0x73, 0xFF), IM_COL32(0x74, 0x12, 0x0D, 0xFF), IM_COL32(0x14, 0x47, 0x17, 0xFF),
                 IM_COL32(0x3D, 0x1F, 0x66, 0xFF), IM_COL32(0x00, 0x42, 0x3A, 0xFF), IM_COL32(0x3B, 0x27, 0x20, 0xFF),
                 IM_COL32(0x66, 0x2E, 0x00, 0xFF)};
    return t;
}

static double relative_luminance(ImU32 c) {
    auto channel = [](unsigned v) {
        double x = v / 255.0;
        return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c & 0xFF) + 0.7152 * channel((c >> 8) & 0xFF) + 0.0722 * channel((c >> 16) & 0xFF);
}

double contrast_ratio(ImU32 a, ImU32 b) {
    double la = relative_luminance(a), lb = relative_luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

std::vector<ColourPair> text_colour_pairs(const Theme& t) {
    std::vector<ColourPair> pairs = {
        {"text on background", t.text, t.background},   {"muted on background", t.muted, t.background},
        {"text on card", t.text, t.card},               {"muted on card", t.muted, t.card},
        {"text on pressed card", t.text, t.pressed},    {"on_bar on bar", t.on_bar, t.bar},
        {"on_bar on bar_button", t.on_bar, t.bar_button}, {"on_accent on accent", t.on_accent, t.accent},
        {"tag_text on tag_bg", t.tag_text, t.tag_bg},   {"warning_text on warning_bg", t.warning_text, t.warning_bg},
        {"text on table_label_bg", t.text, t.table_label_bg}, {"text on highlight", t.text, t.highlight},
        {"text on key", t.text, t.key},                 {"accent on background", t.accent, t.background},
        {"on_bar_idle on bar_button_idle", t.on_bar_idle, t.bar_button_idle}, {"on_bar on bar_toggle", t.on_bar, t.bar_toggle},
        {"muted on table_label_bg", t.muted, t.table_label_bg},
    };
    for (ImU32 d : t.domains) pairs.push_back({"on_bar on a domain tile", t.on_bar, d});
    return pairs;
}

double minimum_text_contrast(const Theme& t) { return t.name == "high-contrast" ? 7.0 : 4.5; }

std::vector<ColourPair> edge_colour_pairs(const Theme& t) {
    std::vector<ColourPair> pairs = {
        {"card_border on background", t.card_border, t.background}, {"card_border on card", t.card_border, t.card},
        {"key_border on keyboard_bg", t.key_border, t.keyboard_bg}, {"key_border on key", t.key_border, t.key},
        {"accent (search box edge) on background", t.accent, t.background},
        {"accent (search box edge) on card", t.accent, t.card},
        {"accent (a chosen level's or reason's edge) on pressed", t.accent, t.pressed},
    };
    for (ImU32 face : t.rating_faces) {
        pairs.push_back({"a rating face on card", face, t.card});
        pairs.push_back({"a rating face on pressed (a chosen level)", face, t.pressed});
        pairs.push_back({"rating_face_ink on a rating face", t.rating_face_ink, face});
    }
    return pairs;
}

bool parse_theme_name(std::string_view name, Look* look) {
    if (name == "standard") { look->large = false; look->contrast = false; return true; }
    if (name == "large") { look->large = true; look->contrast = false; return true; }
    if (name == "high-contrast" || name == "contrast") { look->large = false; look->contrast = true; return true; }
    return false;
}

Theme theme_for(const Look& look, float text_scale) {
    Theme t = look.contrast ? high_contrast_theme() : standard_theme();
    t.text_scale = std::clamp(text_scale, kMinTextScale, kMaxTextScale);
    if (look.large) {
        t.large = true;
        t.text_scale = std::max(t.text_scale, kLargeTextScale);
    }
    return t;
}

}  // namespace gongkai
