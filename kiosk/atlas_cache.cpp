// See atlas_cache.h.
#include "atlas_cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <type_traits>
#include <vector>

#include "file_write.h"
#include "kiosk_errors.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Format and bounds
//-----------------------------------------------------------------------------

static constexpr char kMagic[8] = {'G', 'K', 'A', 'T', 'L', 'A', 'S', '1'};
static constexpr std::uint32_t kByteOrder = 0x01020304;  // reads back swapped on a foreign machine
// Bumped whenever the payload's layout or meaning changes; part of the key as well.
static constexpr std::uint32_t kFormat = 1;
static constexpr std::size_t kHeaderBytes = sizeof kMagic + 4 + 4 + 32 + 32 + 8;
// The largest atlas FontLibrary builds is 4096 × 16384 (fonts.cpp kMaxAtlasHeight): 64 MiB of
// coverage, which zstd stores in less (glyphs are mostly blank), plus three glyph tables of at
// most 65,535 × 40 bytes. A larger file is not an atlas this program wrote.
static constexpr std::uint64_t kMaxCoverageBytes = 64ull << 20;
static constexpr std::uint64_t kMaxFileBytes = kMaxCoverageBytes + (16ull << 20);
static constexpr int kMaxSide = 16384;         // the widest or tallest texture any renderer offers
static constexpr std::uint32_t kMaxGlyphs = 0xFFFE;  // ImGui indexes glyphs with 16 bits, 0xFFFF reserved
static constexpr std::uint32_t kMaxCustomRects = 64;  // ImGui adds 2 (white pixel + cursors, baked lines)
static constexpr int kLineUvs = IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1;
// zstd's fastest level: the coverage (4 MiB for the demo) compresses ~8× in ~10 ms and
// decompresses at ~1 GB/s; higher levels save little on mostly-blank bitmaps.
static constexpr int kZstdLevel = 1;
// The three fonts a FontSet holds, in file order: body, heading, display.
static constexpr int kFonts = 3;
// ImGui's size of a font (its line box, 1.448 em for Noto Sans CJK) as FontLibrary builds it:
// at least a 20-px body shrunk to fit (fonts.cpp) × 1.448 — 4 leaves room below; at most
// kMaxGlyphEmPx × 1.448 = 246 px.
static constexpr float kMinFontSize = 4.0f;
static constexpr float kMaxFontSize = 256.0f;
// How far from its pen position a glyph may reach, in line boxes: a CJK glyph and its
// metrics lie within one; 2 leaves room for any Latin or symbol glyph of the face.
static constexpr float kGlyphReach = 2.0f;
// The widest advance: ImGui's tab glyph is four spaces.
static constexpr float kTabAdvances = 4.0f;

// The glyph record is stored as ImGui lays it out (bit fields included); the key holds
// its size and ImGui's version, so a file from another build is a different key.
static_assert(std::is_trivially_copyable_v<ImFontGlyph>);

//-----------------------------------------------------------------------------
// [SECTION] Key
//-----------------------------------------------------------------------------

namespace {

struct Hasher {
    crypto_generichash_state state;
    Hasher() { crypto_generichash_init(&state, nullptr, 0, 32); }
    template <class T>
    void pod(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&v), sizeof v);
    }
    void bytes(const void* p, std::size_t n) {
        pod(static_cast<std::uint64_t>(n));  // length-prefixed: "ab"+"c" ≠ "a"+"bc"
        crypto_generichash_update(&state, static_cast<const unsigned char*>(p), n);
    }
    AtlasKey finish() {
        AtlasKey key{};
        crypto_generichash_final(&state, key.data(), key.size());
        return key;
    }
};

}  // namespace

static bool hash_font_file(Hasher& h, const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    h.bytes(path.data(), path.size());
    h.pod(static_cast<std::uint64_t>(st.st_dev));
    h.pod(static_cast<std::uint64_t>(st.st_ino));
    h.pod(static_cast<std::int64_t>(st.st_size));
    h.pod(static_cast<std::int64_t>(st.st_mtim.tv_sec));
    h.pod(static_cast<std::int64_t>(st.st_mtim.tv_nsec));
    return true;
}

Result<AtlasKey> atlas_key(const AtlasInputs& in) {
    Hasher h;
    h.bytes(kMagic, sizeof kMagic);
    h.pod(kFormat);
    h.pod(static_cast<int>(IMGUI_VERSION_NUM));
    h.pod(static_cast<int>(FREETYPE_MAJOR * 10000 + FREETYPE_MINOR * 100 + FREETYPE_PATCH));
    h.pod(sizeof(ImFontGlyph));
    h.pod(sizeof(ImWchar));
    if (!hash_font_file(h, in.regular_path)) return make_error(KioskError::FontUnavailable, in.regular_path);
    const bool bold = !in.bold_path.empty() && hash_font_file(h, in.bold_path);
    h.pod(bold);
    h.pod(in.face);
    h.pod(in.sizes.body);
    h.pod(in.sizes.heading);
    h.pod(in.sizes.display);
    h.pod(in.max_texture_width);
    h.pod(in.max_texture_height);
    for (const ImVector<ImWchar>* ranges : {in.all_ranges, in.display_ranges}) {
        if (ranges) h.bytes(ranges->Data, static_cast<std::size_t>(ranges->Size) * sizeof(ImWchar));
        else h.bytes(nullptr, 0);
    }
    return h.finish();
}

std::string default_atlas_dir() {
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v && *v == '/' ? std::string(v) : std::string();  // relative: unset, as the XDG spec says
    };
    if (std::string d = env("CACHE_DIRECTORY"); !d.empty()) return d.substr(0, d.find(':')) + "/atlas";
    if (std::string d = env("XDG_CACHE_HOME"); !d.empty()) return d + "/gongkai/atlas";
    if (std::string d = env("HOME"); !d.empty()) return d + "/.cache/gongkai/atlas";
    return {};
}

std::string atlas_file_path(const std::string& dir, const AtlasKey& key) {
    char hex[sizeof(AtlasKey) * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, key.data(), key.size());
    return dir + "/atlas-" + hex + ".gka";
}

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

namespace {

struct Writer {
    std::string out;
    template <class T>
    void pod(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void raw(const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }
};

}  // namespace

// An atlas file's name: "atlas-" + 64 lower-case hex digits + ".gka" (atlas_file_path).
static bool is_atlas_file_name(std::string_view name) {
    constexpr std::string_view prefix = "atlas-", suffix = ".gka";
    if (name.size() != prefix.size() + 64 + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix)) return false;
    for (char c : name.substr(prefix.size(), 64))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// Keeps `written` and the newest kAtlasFilesKept − 1 other atlas files of `dir` (by
// modification time; `written` is kept whatever its time says, since a clock that once ran
// ahead leaves files dated in the future).
static void prune_atlas_files(const std::string& dir, const std::string& written) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::pair<std::int64_t, std::string>> files;
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (!is_atlas_file_name(name)) continue;
        std::string path = dir + "/" + std::string(name);
        if (path == written) continue;
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        files.emplace_back(static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec, std::move(path));
    }
    ::closedir(d);
    const std::size_t others = kAtlasFilesKept - 1;
    if (files.size() <= others) return;
    std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t i = others; i < files.size(); i++) ::unlink(files[i].second.c_str());
}

Error save_atlas(const std::string& dir, const AtlasKey& key, const FontSet& set) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const ImFont* fonts[kFonts] = {set.body, set.heading, set.display};
    if (!atlas->TexPixelsAlpha8 || atlas->TexWidth <= 0 || atlas->TexHeight <= 0)
        return make_error(BaseError::FileWriteFailed, "atlas cache: no coverage to store");
    for (const ImFont* f : fonts)
        if (!f || f->ContainerAtlas != atlas) return make_error(BaseError::FileWriteFailed, "atlas cache: fonts not from the atlas");
    for (const ImFontAtlasCustomRect& r : atlas->CustomRects)
        if (r.Font) return make_error(BaseError::FileWriteFailed, "atlas cache: custom glyphs are not stored");

    Writer w;
    w.pod(atlas->TexWidth);
    w.pod(atlas->TexHeight);
    w.pod(set.em_ratio);
    w.pod(atlas->TexUvWhitePixel);
    for (const ImVec4& uv : atlas->TexUvLines) w.pod(uv);
    w.pod(atlas->PackIdMouseCursors);
    w.pod(atlas->PackIdLines);
    w.pod(static_cast<std::uint32_t>(atlas->CustomRects.Size));
    for (const ImFontAtlasCustomRect& r : atlas->CustomRects) {
        w.pod(r.Width), w.pod(r.Height), w.pod(r.X), w.pod(r.Y);
        w.pod(r.GlyphID), w.pod(r.GlyphAdvanceX), w.pod(r.GlyphOffset);
    }
    for (const ImFont* f : fonts) {
        w.pod(f->FontSize), w.pod(f->Ascent), w.pod(f->Descent);
        w.pod(f->FallbackChar), w.pod(f->EllipsisChar), w.pod(f->DotChar);
        w.pod(f->MetricsTotalSurface);
        w.pod(static_cast<std::uint32_t>(f->Glyphs.Size));
        w.raw(f->Glyphs.Data, static_cast<std::size_t>(f->Glyphs.Size) * sizeof(ImFontGlyph));
    }
    const std::size_t coverage = static_cast<std::size_t>(atlas->TexWidth) * static_cast<std::size_t>(atlas->TexHeight);
    std::string packed(ZSTD_compressBound(coverage), '\0');
    const std::size_t n = ZSTD_compress(packed.data(), packed.size(), atlas->TexPixelsAlpha8, coverage, kZstdLevel);
    if (ZSTD_isError(n)) return make_error(BaseError::FileWriteFailed, std::string("atlas cache: zstd: ") + ZSTD_getErrorName(n));
    w.pod(static_cast<std::uint64_t>(n));
    w.raw(packed.data(), n);
    packed = {};

    Writer file;
    file.raw(kMagic, sizeof kMagic);
    file.pod(kByteOrder);
    file.pod(kFormat);
    file.raw(key.data(), key.size());
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, reinterpret_cast<const unsigned char*>(w.out.data()), w.out.size(), nullptr, 0);
    file.raw(sum, sizeof sum);
    file.pod(static_cast<std::uint64_t>(w.out.size()));
    file.out += w.out;
    w.out = {};

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error(BaseError::FileWriteFailed, "mkdir " + dir + ": " + ec.message());
    const std::string path = atlas_file_path(dir, key);
    if (Error e = stage_file(path, file.out, 0644)) return e;
    if (Error e = commit_staged(path)) return e;
    prune_atlas_files(dir, path);
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Reading
//-----------------------------------------------------------------------------

namespace {

// Reads PODs from a byte span; a read past the end sets `short_` and yields zeros.
struct Reader {
    const char* p;
    std::size_t left;
    bool short_ = false;
    template <class T>
    T pod() {
        static_assert(std::is_trivially_copyable_v<T>);
        T v{};
        if (left < sizeof v) { short_ = true; left = 0; return v; }
        std::memcpy(&v, p, sizeof v);
        p += sizeof v, left -= sizeof v;
        return v;
    }
    const char* take(std::size_t n) {
        if (left < n) { short_ = true; left = 0; return nullptr; }
        const char* at = p;
        p += n, left -= n;
        return at;
    }
};

}  // namespace

static Error damaged(const std::string& path, const std::string& why) {
    return make_error(KioskError::AtlasCacheDamaged, path + ": " + why);
}

static bool finite(float v) { return std::isfinite(v); }
static bool unit(float v) { return v >= 0.0f && v <= 1.0f; }
static bool unit(const ImVec2& v) { return unit(v.x) && unit(v.y); }
static bool unit(const ImVec4& v) { return unit(v.x) && unit(v.y) && unit(v.z) && unit(v.w); }

// The whole file, at most kMaxFileBytes; AtlasCacheMissing when it does not exist.
static Result<std::string> read_atlas_file(const std::string& path) {
    // O_NONBLOCK: a FIFO planted at the path would block open() until a writer came (a kiosk
    // hung at start, deaf to SIGTERM); non-blocking, fstat below refuses it.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) return make_error(KioskError::AtlasCacheMissing, path);
        return damaged(path, std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { ::close(fd); return damaged(path, "not a regular file"); }
    if (static_cast<std::uint64_t>(st.st_size) > kMaxFileBytes || static_cast<std::size_t>(st.st_size) < kHeaderBytes) {
        ::close(fd);
        return damaged(path, "size " + std::to_string(st.st_size) + " bytes is outside " + std::to_string(kHeaderBytes) + "–" +
                                 std::to_string(kMaxFileBytes));
    }
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        ssize_t r = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += static_cast<std::size_t>(r);
    }
    ::close(fd);
    if (got != bytes.size()) return damaged(path, "short read");
    return bytes;
}

Result<FontSet> load_atlas(const std::string& dir, const AtlasKey& key) {
    const std::string path = atlas_file_path(dir, key);
    auto file = read_atlas_file(path);
    if (!file) return file.error();

    Reader h{file->data(), file->size()};
    if (std::memcmp(h.take(sizeof kMagic), kMagic, sizeof kMagic) != 0) return damaged(path, "not an atlas file");
    if (h.pod<std::uint32_t>() != kByteOrder) return damaged(path, "written on a machine of another byte order");
    if (h.pod<std::uint32_t>() != kFormat) return damaged(path, "another format version");
    if (std::memcmp(h.take(key.size()), key.data(), key.size()) != 0) return damaged(path, "its key is not its name's");
    const unsigned char* sum = reinterpret_cast<const unsigned char*>(h.take(32));
    const std::uint64_t payload_bytes = h.pod<std::uint64_t>();
    if (payload_bytes != h.left) return damaged(path, "payload is " + std::to_string(h.left) + " bytes, header says " + std::to_string(payload_bytes));
    unsigned char actual[32];
    crypto_generichash(actual, sizeof actual, reinterpret_cast<const unsigned char*>(h.p), h.left, nullptr, 0);
    if (sodium_memcmp(actual, sum, sizeof actual) != 0) return damaged(path, "checksum mismatch (torn or altered)");

    // Everything below was written by save_atlas on this machine; it is still checked,
    // because a checksum says only that the file is whole.
    Reader r{h.p, h.left};
    const int width = r.pod<int>(), height = r.pod<int>();
    if (width < 1 || width > kMaxSide || height < 1 || height > kMaxSide ||
        static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) > kMaxCoverageBytes)
        return damaged(path, "texture " + std::to_string(width) + "x" + std::to_string(height) + " is out of bounds");
    const float em_ratio = r.pod<float>();
    if (!finite(em_ratio) || em_ratio <= 0.0f || em_ratio > 4.0f) return damaged(path, "em ratio out of bounds");
    const ImVec2 white = r.pod<ImVec2>();
    ImVec4 lines[kLineUvs];
    for (ImVec4& uv : lines) uv = r.pod<ImVec4>();
    const int pack_cursors = r.pod<int>(), pack_lines = r.pod<int>();
    const std::uint32_t rect_count = r.pod<std::uint32_t>();
    if (!unit(white) || !std::all_of(std::begin(lines), std::end(lines), [](const ImVec4& v) { return unit(v); }))
        return damaged(path, "texture coordinates out of bounds");
    if (rect_count > kMaxCustomRects) return damaged(path, std::to_string(rect_count) + " custom rects");
    if (pack_cursors < -1 || pack_cursors >= static_cast<int>(rect_count) || pack_lines < -1 || pack_lines >= static_cast<int>(rect_count))
        return damaged(path, "custom rect ids out of bounds");
    ImVector<ImFontAtlasCustomRect> rects;
    rects.resize(static_cast<int>(rect_count));
    for (ImFontAtlasCustomRect& rect : rects) {
        rect.Width = r.pod<unsigned short>(), rect.Height = r.pod<unsigned short>();
        rect.X = r.pod<unsigned short>(), rect.Y = r.pod<unsigned short>();
        rect.GlyphID = r.pod<unsigned int>(), rect.GlyphAdvanceX = r.pod<float>(), rect.GlyphOffset = r.pod<ImVec2>();
        rect.Font = nullptr;
        if (rect.IsPacked() && (rect.X + rect.Width > width || rect.Y + rect.Height > height))
            return damaged(path, "a custom rect lies outside the texture");
    }
    struct FontData {
        float size, ascent, descent;
        ImWchar fallback, ellipsis, dot;
        int surface;
        std::uint32_t glyph_count;
        const char* glyphs;
    } fonts[kFonts];
    for (FontData& f : fonts) {
        f.size = r.pod<float>(), f.ascent = r.pod<float>(), f.descent = r.pod<float>();
        f.fallback = r.pod<ImWchar>(), f.ellipsis = r.pod<ImWchar>(), f.dot = r.pod<ImWchar>();
        f.surface = r.pod<int>();
        f.glyph_count = r.pod<std::uint32_t>();
        if (!finite(f.size) || f.size < kMinFontSize || f.size > kMaxFontSize || !finite(f.ascent) || !finite(f.descent) ||
            std::fabs(f.ascent) > kGlyphReach * f.size || std::fabs(f.descent) > kGlyphReach * f.size)
            return damaged(path, "font metrics out of bounds");
        if (f.glyph_count == 0 || f.glyph_count > kMaxGlyphs) return damaged(path, std::to_string(f.glyph_count) + " glyphs in a font");
        f.glyphs = r.take(static_cast<std::size_t>(f.glyph_count) * sizeof(ImFontGlyph));
        if (!f.glyphs) return damaged(path, "truncated glyph table");
        for (std::uint32_t i = 0; i < f.glyph_count; i++) {
            ImFontGlyph g;
            std::memcpy(&g, f.glyphs + i * sizeof g, sizeof g);
            // A glyph stays near its line box; its box is its bitmap's size in the texture (no
            // oversampling, fonts.cpp). A box of 16384 px passed bounds of the texture's size
            // and stalled the software renderer on every frame.
            const float reach = kGlyphReach * f.size;
            const bool coords = finite(g.AdvanceX) && finite(g.X0) && finite(g.Y0) && finite(g.X1) && finite(g.Y1) &&
                                g.AdvanceX >= 0.0f && g.AdvanceX <= kTabAdvances * reach && std::fabs(g.X0) <= reach &&
                                std::fabs(g.X1) <= reach && std::fabs(g.Y0) <= reach && std::fabs(g.Y1) <= reach &&
                                g.X1 >= g.X0 && g.Y1 >= g.Y0;
            const bool texels = unit(g.U0) && unit(g.V0) && unit(g.U1) && unit(g.V1) &&
                                std::fabs((g.U1 - g.U0) * width - (g.X1 - g.X0)) <= 1.0f &&
                                std::fabs((g.V1 - g.V0) * height - (g.Y1 - g.Y0)) <= 1.0f;
            if (g.Codepoint > 0xFFFF || !coords || !texels) return damaged(path, "glyph " + std::to_string(i) + " out of bounds");
        }
    }
    const std::uint64_t packed_bytes = r.pod<std::uint64_t>();
    const char* packed = r.take(static_cast<std::size_t>(std::min<std::uint64_t>(packed_bytes, kMaxFileBytes)));
    if (r.short_ || !packed || packed_bytes > kMaxFileBytes) return damaged(path, "truncated");
    if (r.left != 0) return damaged(path, std::to_string(r.left) + " bytes after the coverage");
    const std::size_t coverage = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (ZSTD_getFrameContentSize(packed, packed_bytes) != coverage) return damaged(path, "coverage is not width × height bytes");

    // Checked: now ImGui's atlas is replaced.
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    auto* pixels = static_cast<unsigned char*>(IM_ALLOC(coverage));
    const std::size_t n = ZSTD_decompress(pixels, coverage, packed, packed_bytes);
    if (ZSTD_isError(n) || n != coverage) {
        IM_FREE(pixels);
        return damaged(path, std::string("coverage does not decompress: ") + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "short"));
    }
    // ImFontAtlas::Clear() frees fonts and config data together; configs first, so the
    // fonts' pointers into the vector stay valid.
    for (const FontData& f : fonts) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // no font data: the atlas is never rebuilt from these
        cfg.SizePixels = f.size;
        std::snprintf(cfg.Name, sizeof cfg.Name, "Noto Sans CJK, %.1f px (cached atlas)", f.size);
        atlas->ConfigData.push_back(cfg);
    }
    FontSet set;
    ImFont** slots[kFonts] = {&set.body, &set.heading, &set.display};
    for (int i = 0; i < kFonts; i++) {
        const FontData& f = fonts[i];
        ImFont* font = IM_NEW(ImFont);
        font->ContainerAtlas = atlas;
        font->ConfigData = &atlas->ConfigData[i];
        font->ConfigDataCount = 1;
        font->FontSize = f.size;
        font->Ascent = f.ascent;
        font->Descent = f.descent;
        font->FallbackChar = f.fallback;
        font->EllipsisChar = f.ellipsis;
        font->DotChar = f.dot;
        font->Glyphs.resize(static_cast<int>(f.glyph_count));
        std::memcpy(font->Glyphs.Data, f.glyphs, f.glyph_count * sizeof(ImFontGlyph));
        font->BuildLookupTable();  // index, fallback glyph and 4K-page map, as Build() ends
        font->MetricsTotalSurface = f.surface;
        atlas->Fonts.push_back(font);
        *slots[i] = font;
        set.glyphs += font->Glyphs.Size;
    }
    atlas->CustomRects = rects;
    atlas->PackIdMouseCursors = pack_cursors;
    atlas->PackIdLines = pack_lines;
    atlas->TexPixelsAlpha8 = pixels;
    atlas->TexWidth = width;
    atlas->TexHeight = height;
    atlas->TexUvScale = ImVec2(1.0f / static_cast<float>(width), 1.0f / static_cast<float>(height));
    atlas->TexUvWhitePixel = white;
    std::copy(std::begin(lines), std::end(lines), atlas->TexUvLines);
    atlas->TexPixelsUseColors = false;
    atlas->TexReady = true;
    set.atlas_width = width;
    set.atlas_height = height;
    set.em_ratio = em_ratio;
    return set;
}

}  // namespace gongkai
