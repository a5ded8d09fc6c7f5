// The glyph atlas: Noto Sans CJK SC (face 2 of fonts-noto-cjk), built with FreeType from
// only the characters the catalogue and the UI use, and checked against the renderer's
// maximum texture size (an oversized atlas renders black with no error — PITFALLS.md).
#pragma once
#include <imgui.h>

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "kiosk_errors.h"

namespace gongkai {

// Em sizes in pixels of the three faces (one CJK character is this wide), as built:
// the theme's sizes times its text scale times the screen's scale (theme.h).
struct FontSizes {
    float body = 34.0f, heading = 46.0f, display = 60.0f;
};

// The largest em FontLibrary builds. ImGui 1.86's FreeType builder rasterises each glyph
// into 256 KiB chunks of RGBA (4 bytes a pixel) and only asserts (compiled out) that a
// glyph fits: a larger one overruns the heap (a 5000×5000 screenshot crashed in
// FT_Load_Glyph). A glyph stays inside its line box, 1.448 em square for Noto Sans CJK,
// so (1.448 × 170)² × 4 = 242 KB < 256 KiB. Larger sizes are clamped, with a log line.
inline constexpr float kMaxGlyphEmPx = 170.0f;

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

    // Rebuilds io.Fonts for `charset` (the catalogue's and the UI strings' characters);
    // display_text limits the display font. max_texture_* of 0 means unlimited. On failure (fonts missing,
    // atlas too large even at reduced sizes) returns the error and leaves ImGui's
    // default font, so the screen still shows Latin text and the log says why.
    // `kept`: Use restores an atlas kept on disk (set_atlas_cache) or builds and keeps one;
    // Ignore builds and keeps nothing — an atlas grown by a session's characters (pinyin
    // candidates, missing glyphs) would push the start-up atlas out of the directory.
    enum class Kept { Use, Ignore };
    Result<FontSet> build(std::string_view charset, std::string_view display_text, FontSizes sizes,
                          int max_texture_width, int max_texture_height, Kept kept = Kept::Use);

    // Where built atlases are kept and restored from (atlas_cache.h); "" keeps none.
    void set_atlas_cache(std::string dir) { atlas_dir_ = std::move(dir); }
    // How the last successful build() got its atlas.
    enum class Source { Built, Restored };
    Source last_source() const { return last_source_; }
    // Removes the file the last build() restored its atlas from, if it did and one of
    // `missing` (code points drawn but not in the atlas) is a character it was built for:
    // then it is not what it claims, and the next start builds afresh.
    void discard_restored(const std::set<unsigned>& missing);

private:
    Result<FontSet> rasterise(const ImVector<ImWchar>& all_ranges, const ImVector<ImWchar>& display_ranges, FontSizes sizes,
                              int max_texture_width, int max_texture_height);

    std::string regular_path_, bold_path_;
    std::string atlas_dir_;
    Source last_source_ = Source::Built;
    std::string restored_path_;         // the file last_source_ == Restored came from
    ImVector<ImWchar> restored_ranges_;  // the characters it was built for
    int face_;
    std::unique_ptr<FontFile> regular_, bold_;
};

}  // namespace gongkai
