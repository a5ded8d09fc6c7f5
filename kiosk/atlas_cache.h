// The glyph atlas, kept on disk once built: a kiosk that starts again with the same fonts,
// sizes and characters restores it instead of rasterising ~2,300 glyphs at three sizes
// with FreeType (48–110 ms and ~19 MiB of font pages at start-up, docs/performance.md).
//
// One file per atlas, `<dir>/atlas-<key>.gka`, where the key is a BLAKE2b hash of all a
// build depends on (AtlasInputs). Nothing in the file is trusted: it is bounded by size,
// checked by a BLAKE2b sum over its whole payload, and every field is range-checked before
// ImGui sees it. A damaged, truncated or foreign file is a named error; the caller then
// builds the atlas with FreeType as if there were no file, and writes a new one.
//
//   file    = header payload
//   header  = "GKATLAS1" u32:0x01020304 (byte order) u32:format key[32] sum[32] u64:payload bytes
//   payload = i32 width, height; f32 em ratio; f32×2 white pixel UV; f32×4×(lines+1) line UVs;
//             i32 pack ids (cursors, lines); u32 n, n × custom rect;
//             3 × font { f32 size, ascent, descent; u16 fallback, ellipsis, dot; i32 surface;
//                        u32 n, n × ImFontGlyph };
//             u64 n, n bytes of zstd frame holding width × height coverage bytes
#pragma once
#include <imgui.h>

#include <array>
#include <cstdint>
#include <string>

#include "errors.h"
#include "fonts.h"

namespace gongkai {

// The atlas files a directory keeps: the newest 4 (a kiosk switches between standard and
// 长辈版 sizes and between two catalogues' charsets during an update); older ones are
// removed when a new one is written. One is 0.5–3 MiB.
inline constexpr int kAtlasFilesKept = 4;

// What a built atlas depends on. Font files are named by identity (path, device, inode,
// size, modification time), not by content: hashing 2 × 19.5 MB would cost more than it saves.
struct AtlasInputs {
    std::string regular_path, bold_path;  // bold_path empty: the regular face draws headings too
    int face = 0;
    FontSizes sizes;                      // after clamping (kMaxGlyphEmPx)
    int max_texture_width = 0, max_texture_height = 0;
    const ImVector<ImWchar>* all_ranges = nullptr;      // body and heading characters
    const ImVector<ImWchar>* display_ranges = nullptr;  // display characters
};

using AtlasKey = std::array<unsigned char, 32>;

// The user's cache directory for atlases: $CACHE_DIRECTORY/atlas (systemd's CacheDirectory=,
// /var/cache/gongkai-kiosk on a device), else $XDG_CACHE_HOME/gongkai/atlas, else
// $HOME/.cache/gongkai/atlas; "" when none of them is set. Created when first written.
std::string default_atlas_dir();

// The key of `inputs`, or FontUnavailable when a font file cannot be stat()ed.
Result<AtlasKey> atlas_key(const AtlasInputs& inputs);

// `<dir>/atlas-<64 hex digits>.gka`.
std::string atlas_file_path(const std::string& dir, const AtlasKey& key);

// Replaces io.Fonts's content with the atlas stored for `key` in `dir` and returns its
// fonts (FontSet::body/heading/display), with the coverage in TexPixelsAlpha8 as Build()
// leaves it. AtlasCacheMissing when there is no file; AtlasCacheDamaged naming the check
// that failed otherwise, with io.Fonts cleared.
Result<FontSet> load_atlas(const std::string& dir, const AtlasKey& key);

// Writes the atlas io.Fonts holds now (built by FontLibrary: three fonts in `set`'s order,
// coverage still in TexPixelsAlpha8) for `key`: staged beside the target and renamed over
// it, then the oldest files beyond kAtlasFilesKept removed. Not synced to disk — a file
// a power cut tore fails its sum and is rebuilt. FileWriteFailed on any step.
Error save_atlas(const std::string& dir, const AtlasKey& key, const FontSet& set);

}  // namespace gongkai
