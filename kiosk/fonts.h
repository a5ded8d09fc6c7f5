// The glyph atlas: Noto Sans CJK SC (face 2 of fonts-noto-cjk), built with FreeType from
// only the characters the catalogue and the UI use, and checked against the renderer's
// maximum texture size (an oversized atlas renders black with no error — PITFALLS.md).
#pragma once
#include <imgui.h>

#include <memory>
#include <string>
#include <string_view>

#include "errors.h"

namespace gongkai {

// Em sizes in pixels (the size a designer means: one CJK character is this wide) at a
// 1080-px-wide portrait screen (scale 1). ImGui sizes fonts by their ascent-to-descent
// box instead (FreeType's REAL_DIM request), which for Noto Sans CJK is 1.448 em:
// FontLibrary converts, so ImFont::FontSize is ~1.45× these numbers. Body ≥ 32 px and headings
// ≥ 44 px are the floor for residents reading at arm's length; 34/46 leave a
// margin, and 60 is for the few words a resident must find across the room.
inline constexpr float kBodyPx = 34.0f;
inline constexpr float kHeadingPx = 46.0f;
inline constexpr float kDisplayPx = 60.0f;

struct FontSet {
    ImFont* body = nullptr;      // regular, all characters
    ImFont* heading = nullptr;   // bold, all characters
    ImFont* display = nullptr;   // bold, only the characters of display_text
    int atlas_width = 0, atlas_height = 0;
    int glyphs = 0;
    float em_ratio = 1;          // ImFont::FontSize / em
};

class FontFile;  // a read-only mapping of a font collection, shared by every size

class FontLibrary {
public:
    FontLibrary(std::string regular_path, std::string bold_path, int face);
    ~FontLibrary();

    // Rebuilds io.Fonts for `charset` (catalogue) + the UI strings; display_text limits
    // the display font. max_texture_* of 0 means unlimited. On failure (fonts missing,
    // atlas too large even at reduced sizes) returns the error and leaves ImGui's
    // default font, so the screen still shows Latin text and the log says why.
    Result<FontSet> build(std::string_view charset, std::string_view display_text, float scale,
                          int max_texture_width, int max_texture_height);

private:
    std::string regular_path_, bold_path_;
    int face_;
    std::unique_ptr<FontFile> regular_, bold_;
};

}  // namespace gongkai
