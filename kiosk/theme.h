// The kiosk's look, chosen at run time ([display] theme and text_scale in the config):
// every colour, the three type sizes and the spacing the screens share. Screens take
// colours and sizes from here and nowhere else, so a high-contrast or large-text mode is
// a different Theme value, not a code change.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct Theme {
    std::string name;

    // Colours. Contrast ratios are against the colour the text sits on (WCAG 2.1).
    ImU32 background = IM_COL32(0xF4, 0xF1, 0xEA, 0xFF);   // warm paper: less glare than white
    ImU32 text = IM_COL32(0x1B, 0x1B, 0x1B, 0xFF);         // 15:1 on background
    ImU32 muted = IM_COL32(0x45, 0x45, 0x45, 0xFF);        // 8.6:1: secondary lines stay readable
    ImU32 bar = IM_COL32(0x0E, 0x3F, 0x73, 0xFF);          // top bar, white text 10:1
    ImU32 on_bar = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    ImU32 bar_button = IM_COL32(0x1F, 0x6F, 0xC0, 0xFF);   // Back/Home: white text 5.1:1
    ImU32 bar_button_idle = IM_COL32(0x22, 0x4B, 0x78, 0xFF);  // on home, where Back and Home do nothing
    ImU32 on_bar_idle = IM_COL32(0xC8, 0xD5, 0xE4, 0xFF);      // 6.1:1: dimmed, still readable (was 4.37:1)
    ImU32 bar_toggle = IM_COL32(0x0A, 0x2E, 0x55, 0xFF);       // the display toggles' row under the bar: white 13:1
    ImU32 card = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    // The edge of a control is ≥ 3:1 against what is inside and outside it (WCAG 1.4.11):
    // 3.5:1 on white, 3.2:1 on the paper background (was 1.6:1).
    ImU32 card_border = IM_COL32(0x86, 0x7E, 0x70, 0xFF);
    ImU32 pressed = IM_COL32(0xDC, 0xE8, 0xF5, 0xFF);
    // Darkens a coloured button or tile while a finger is on it (25% black; tiles 31%,
    // because their colours are already deep and need more to show the press).
    ImU32 press_shade = IM_COL32(0, 0, 0, 0x40);
    ImU32 tile_press_shade = IM_COL32(0, 0, 0, 0x50);
    ImU32 accent = IM_COL32(0x0E, 0x5A, 0xA7, 0xFF);       // headings' rule, links: 6.6:1
    ImU32 on_accent = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);    // text on accent (step numbers, wide keys, a selected chip): 6.9:1
    ImU32 tag_bg = IM_COL32(0xE3, 0xEE, 0xE4, 0xFF);
    ImU32 tag_text = IM_COL32(0x1D, 0x5E, 0x2A, 0xFF);
    ImU32 warning_bg = IM_COL32(0xFF, 0xF1, 0xC7, 0xFF);
    ImU32 warning_text = IM_COL32(0x5C, 0x3B, 0x00, 0xFF);
    ImU32 table_label_bg = IM_COL32(0xEC, 0xE7, 0xDC, 0xFF);
    ImU32 highlight = IM_COL32(0xFF, 0xE0, 0x6B, 0xFF);    // matched characters: a marker-pen yellow under dark text
    ImU32 keyboard_bg = IM_COL32(0xE2, 0xDD, 0xD2, 0xFF);
    ImU32 key = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    ImU32 key_border = IM_COL32(0x6E, 0x68, 0x5C, 0xFF);   // ≥ 3:1 on the key and on the keyboard (was 2.3:1)
    ImU32 scrollbar = IM_COL32(0x73, 0x73, 0x73, 0x99);    // an indicator, not a control
    // Domain tiles, in display order: deep hues told apart by lightness as well as hue
    // (the common colour-vision deficiencies); white text on each is ≥ 5:1.
    std::array<ImU32, 7> domains = {
        IM_COL32(0x1F, 0x5F, 0xA8, 0xFF),  // blue
        IM_COL32(0xA8, 0x2A, 0x22, 0xFF),  // red
        IM_COL32(0x2A, 0x6E, 0x2E, 0xFF),  // green
        IM_COL32(0x5E, 0x3A, 0x93, 0xFF),  // purple
        IM_COL32(0x00, 0x69, 0x5E, 0xFF),  // teal
        IM_COL32(0x5D, 0x40, 0x37, 0xFF),  // brown
        IM_COL32(0x9A, 0x48, 0x00, 0xFF),  // orange
    };
    ImU32 domain_color(size_t index) const { return domains[index % domains.size()]; }
    // 好差评 faces, rating 5 (非常满意) … 1 (非常不满意): green through amber to red, each ≥ 4:1
    // against the card and the pressed card it sits on (WCAG 1.4.11 asks 3:1 of a graphic), with
    // eyes and mouth in rating_face_ink ≥ 5:1 on each. The mouth's curve and the word under it
    // say the level too: colour alone never does (the common colour-vision deficiencies).
    std::array<ImU32, 5> rating_faces = {
        IM_COL32(0x1E, 0x6B, 0x30, 0xFF),  // 5 green
        IM_COL32(0x3F, 0x7A, 0x1A, 0xFF),  // 4 leaf green
        IM_COL32(0x8A, 0x61, 0x00, 0xFF),  // 3 amber
        IM_COL32(0xB8, 0x4A, 0x0E, 0xFF),  // 2 orange
        IM_COL32(0xA6, 0x1E, 0x1E, 0xFF),  // 1 red
    };
    ImU32 rating_face_ink = IM_COL32(0xFF, 0xFF, 0xFF, 0xFF);
    ImU32 rating_face(int rating) const { return rating_faces[static_cast<size_t>(5 - std::clamp(rating, 1, 5))]; }

    // Type: em sizes in pixels (one CJK character is this wide) at a 1080-px short side.
    // Body ≥ 32 px and headings ≥ 44 px are the floor for residents reading at arm's
    // length; 34/46 leave a margin, and 60 is for the few words a resident must find
    // across the room. text_scale multiplies all three (large-text mode, staff setting).
    float body_px = 34.0f;
    float heading_px = 46.0f;
    float display_px = 60.0f;
    float text_scale = 1.0f;
    // 长辈版: text ≥ 1.4× and one column (home tiles, keyboard rows), fewer items per screen.
    bool large = false;

    // Spacing, in design pixels at a 1080-px short side.
    float page_margin = 40.0f;   // left and right of the scrolling content
    float bar_height = 150.0f;   // the 110-px buttons plus a margin that keeps a thumb off the screen's edge
    float tap_slop = 28.0f;      // a finger that moves further than this is dragging, not tapping
    float scrollbar_width = 14.0f;
};

// The standard look: dark text on warm paper.
Theme standard_theme();
// White and yellow on black, for low vision: every text ≥ 12:1 (WCAG AAA is 7:1).
Theme high_contrast_theme();
// What a resident may change on any screen (the toggles under the top bar), and what the
// device starts with and returns to when left alone ([display] theme, language).
struct Look {
    bool large = false;     // 长辈版
    bool contrast = false;  // white and yellow on black
    std::string language = "zh-CN";
    bool operator==(const Look&) const = default;
};
// A theme name: "standard", "large" (长辈版), "high-contrast" (also "contrast", as the
// command line spells it). Sets look->large and look->contrast; false for an unknown name.
bool parse_theme_name(std::string_view name, Look* look);
inline constexpr const char* kThemeNames = "standard, large, high-contrast";
// The theme a look draws with. `text_scale`: the device's standard scale (config).
Theme theme_for(const Look& look, float text_scale);
// 长辈版's text scale: "text ≥ 1.4× standard" (issue 8), within kMaxTextScale.
inline constexpr float kLargeTextScale = 1.4f;

// WCAG 2.1 contrast ratio of two colours (alpha ignored): 1 to 21.
double contrast_ratio(ImU32 a, ImU32 b);
// Every pair of foreground and background colours the screens draw text with, named:
// the contrast test checks each against 4.5:1 (WCAG AA for body text).
struct ColourPair { const char* name; ImU32 fg, bg; };
std::vector<ColourPair> text_colour_pairs(const Theme& t);
// The text contrast a theme promises: 4.5:1 (WCAG AA), 7:1 in high contrast (AAA).
double minimum_text_contrast(const Theme& t);
// Every control edge against what lies inside and outside it: each must be ≥ 3:1
// (WCAG 1.4.11, non-text contrast).
std::vector<ColourPair> edge_colour_pairs(const Theme& t);

// Text scales a staff member may choose: below 1.0 body text falls under the 32-px floor;
// above 1.5 a two-character label no longer fits the 250-px Back and Home buttons.
inline constexpr float kMinTextScale = 1.0f;
inline constexpr float kMaxTextScale = 1.5f;

}  // namespace gongkai
