// See fonts.h.
#include "fonts.h"

#include <fcntl.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "atlas_cache.h"
#include "log.h"
#include "utf8.h"

namespace gongkai {

// The TTC is 19.5 MB per weight; ImGui's AddFontFromFileTTF would copy it once per
// size. A shared read-only mapping costs nothing until FreeType touches a page.
class FontFile {
public:
    static std::unique_ptr<FontFile> map(const std::string& path, Error* error) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) { *error = make_error(KioskError::FontUnavailable, path + " (install fonts-noto-cjk)"); return nullptr; }
        struct stat st {};
        if (fstat(fd, &st) != 0 || st.st_size == 0) {
            ::close(fd);
            *error = make_error(BaseError::FileUnreadable, path);
            return nullptr;
        }
        void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (p == MAP_FAILED) { *error = make_error(BaseError::FileUnreadable, path + ": mmap failed"); return nullptr; }
        auto f = std::unique_ptr<FontFile>(new FontFile);
        f->data_ = p;
        f->size_ = static_cast<size_t>(st.st_size);
        return f;
    }
    ~FontFile() { munmap(data_, size_); }
    // FreeType reads most of the collection while rasterising (~19 MB per weight, measured
    // in /proc/PID/smaps); once the atlas is built those pages are dead weight in RSS.
    // Dropping them is free: a rebuild faults them back from the page cache.
    void release_pages() { madvise(data_, size_, MADV_DONTNEED); }
    void* data() const { return data_; }
    int size() const { return static_cast<int>(size_); }

private:
    FontFile() = default;
    void* data_ = nullptr;
    size_t size_ = 0;
};

// (ascender − descender) / units_per_EM of the face: what ImGui's size means in ems.
static float box_per_em(const FontFile& file, int face_index) {
    FT_Library lib;
    if (FT_Init_FreeType(&lib) != 0) return 1.0f;
    FT_Face face;
    float ratio = 1.0f;
    if (FT_New_Memory_Face(lib, static_cast<const FT_Byte*>(file.data()), file.size(), face_index, &face) == 0) {
        if (face->units_per_EM > 0) ratio = float(face->ascender - face->descender) / face->units_per_EM;
        FT_Done_Face(face);
    }
    FT_Done_FreeType(lib);
    return ratio;
}

// Only what a glyph can be made of: code points 0x20–0xFFFF. A NUL in the text would
// end ImGui's glyph-range list early and no font would be built at all (a district name
// with a NUL aborted the kiosk); ImWchar is 16-bit in Debian's build, so a character
// beyond the BMP would be truncated to a wrong glyph.
static std::string drawable_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t start = i;
        char32_t cp = utf8::next(text, i);
        if (cp >= 0x20 && cp <= 0xFFFF && cp != 0xFFFD) out.append(text.substr(start, i - start));
    }
    return out;
}

// The tallest atlas built, whatever the renderer allows: ImGui's packer asserts (aborts)
// past 32768 rows, and 16384 is the limit of Mesa's llvmpipe and most GLES2-class GPUs
// (PITFALLS.md: a taller texture renders black). The software renderer reports no limit.
static constexpr int kMaxAtlasHeight = 16384;

// The atlas height a set of glyphs needs, estimated before ImGui packs them (it cannot
// fail gracefully): each glyph is at most its em square plus a pixel of padding; 0.8 of
// the area is used by the packer (measured: 0.83–0.88 on the demo catalogue).
static double estimated_atlas_height(int glyphs_all, int glyphs_display, const FontSizes& px, int width) {
    auto cell = [](float em) { return (em + 2.0) * (em + 2.0); };
    double area = glyphs_all * (cell(px.body) + cell(px.heading)) + glyphs_display * cell(px.display);
    return area / (0.8 * width);
}

FontLibrary::FontLibrary(std::string regular_path, std::string bold_path, int face)
    : regular_path_(std::move(regular_path)), bold_path_(std::move(bold_path)), face_(face) {}
FontLibrary::~FontLibrary() = default;

void FontLibrary::discard_restored(const std::set<unsigned>& missing) {
    if (last_source_ != Source::Restored || restored_path_.empty()) return;
    auto built_for = [this](unsigned cp) {
        for (int i = 0; i + 1 < restored_ranges_.Size && restored_ranges_[i]; i += 2)
            if (cp >= restored_ranges_[i] && cp <= restored_ranges_[i + 1]) return true;
        return false;
    };
    if (std::none_of(missing.begin(), missing.end(), built_for)) return;
    if (::unlink(restored_path_.c_str()) == 0) log_warn("fonts", "removed " + restored_path_ + ": glyphs were missing from it");
    restored_path_.clear();
}

Result<FontSet> FontLibrary::build(std::string_view charset, std::string_view display_text, FontSizes sizes,
                                   int max_texture_width, int max_texture_height, Kept kept) {
    for (float* px : {&sizes.body, &sizes.heading, &sizes.display}) {
        if (*px > kMaxGlyphEmPx) {
            log_warn("fonts", "type size " + std::to_string(static_cast<int>(*px)) + " px clamped to " +
                                  std::to_string(static_cast<int>(kMaxGlyphEmPx)) + " px (the glyph rasteriser's limit)");
            *px = kMaxGlyphEmPx;
        }
    }
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImVector<ImWchar> all_ranges, display_ranges;
    {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(atlas->GetGlyphRangesDefault());  // Basic Latin + Latin-1
        const std::string text = drawable_text(charset);
        b.AddText(text.data(), text.data() + text.size());
        b.BuildRanges(&all_ranges);
    }
    {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(atlas->GetGlyphRangesDefault());
        const std::string text = drawable_text(display_text);
        b.AddText(text.data(), text.data() + text.size());
        b.BuildRanges(&display_ranges);
    }

    // A kiosk that built this atlas before restores it: no FreeType, no font pages.
    Result<AtlasKey> key = make_error(KioskError::AtlasCacheMissing);
    if (!atlas_dir_.empty() && kept == Kept::Use) {
        const std::string bold_path = ::access(bold_path_.c_str(), R_OK) == 0 ? bold_path_ : std::string();
        key = atlas_key(AtlasInputs{regular_path_, bold_path, face_, sizes, max_texture_width, max_texture_height, &all_ranges,
                                    &display_ranges});
        if (key) {
            auto start = std::chrono::steady_clock::now();
            auto restored = load_atlas(atlas_dir_, *key);
            if (restored) {
                last_source_ = Source::Restored;
                restored_path_ = atlas_file_path(atlas_dir_, *key);
                restored_ranges_ = all_ranges;
                double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
                log_info("fonts", "atlas " + std::to_string(restored->atlas_width) + "x" + std::to_string(restored->atlas_height) + ", " +
                                      std::to_string(restored->glyphs) + " glyphs, restored in " + std::to_string((int)ms) + " ms");
                return restored;
            }
            if (restored.error().code != KioskError::AtlasCacheMissing) log_warn("fonts", restored.error().describe());
        }
    }
    auto built = rasterise(all_ranges, display_ranges, sizes, max_texture_width, max_texture_height);
    if (built) {
        last_source_ = Source::Built;
        restored_path_.clear();
        if (key) {
            if (Error e = save_atlas(atlas_dir_, *key, *built)) log_warn("fonts", "atlas not kept: " + e.describe());
        }
    }
    return built;
}

Result<FontSet> FontLibrary::rasterise(const ImVector<ImWchar>& all_ranges, const ImVector<ImWchar>& display_ranges,
                                       FontSizes sizes, int max_texture_width, int max_texture_height) {
    Error error;
    if (!regular_ && !(regular_ = FontFile::map(regular_path_, &error))) return error;
    if (!bold_ && !(bold_ = FontFile::map(bold_path_, &error))) {
        log_warn("fonts", error.describe() + "; headings use the regular weight");
        bold_.reset();
    }
    FontFile* bold = bold_ ? bold_.get() : regular_.get();
    const float em = box_per_em(*regular_, face_);

    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    auto count = [](const ImVector<ImWchar>& ranges) {
        int n = 0;
        for (int i = 0; i + 1 < ranges.Size && ranges[i]; i += 2) n += ranges[i + 1] - ranges[i] + 1;
        return n;
    };
    const int glyphs_all = count(all_ranges), glyphs_display = count(display_ranges);
    const int height_cap = max_texture_height > 0 ? std::min(max_texture_height, kMaxAtlasHeight) : kMaxAtlasHeight;

    // Try the full sizes first (however small the screen makes them); if the atlas would
    // exceed the height cap, shrink the glyphs 10% at a time (at scale 1, still ≥ 32 px
    // body down to 0.9) and say so in the log. Shrinking stops at a 20-px body: smaller
    // text is not worth showing, and the build is refused.
    static constexpr float kSmallestBodyPx = 20.0f;
    auto start = std::chrono::steady_clock::now();
    for (float shrink = 1.0f; shrink == 1.0f || sizes.body * shrink >= kSmallestBodyPx; shrink -= 0.1f) {
        const int width = max_texture_width > 0 ? std::min(max_texture_width, 4096) : 4096;
        const FontSizes shrunk{sizes.body * shrink, sizes.heading * shrink, sizes.display * shrink};
        if (estimated_atlas_height(glyphs_all, glyphs_display, shrunk, width) > height_cap) {
            log_warn("fonts", std::to_string(glyphs_all) + " glyphs at " + std::to_string(static_cast<int>(shrunk.body)) +
                                  " px would need an atlas taller than " + std::to_string(height_cap) + "; shrinking glyphs");
            continue;
        }
        atlas->Clear();
        atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
        atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
        // 4096 is the widest texture every GLES2-class GPU accepts; wider if allowed.
        atlas->TexDesiredWidth = max_texture_width > 0 ? std::min(max_texture_width, 4096) : 4096;
        ImFontConfig cfg;
        // ImGui 1.86's AddFont copies font data the atlas does not own, once per size, and keeps
        // the copies as long as the atlas: 3 × 19.5 MB of heap for what is already mapped. Told
        // it owns the mapping, it copies nothing; `add` then takes ownership back at once,
        // so Clear() never frees the mapping (it frees only data the atlas owns).
        cfg.FontDataOwnedByAtlas = true;
        cfg.FontNo = face_;
        cfg.OversampleH = cfg.OversampleV = 1;  // FreeType ignores oversampling; keeps stb's path small too
        cfg.PixelSnapH = true;
        auto add = [atlas, &cfg](const FontFile& file, float px, const ImWchar* ranges) {
            ImFont* font = atlas->AddFontFromMemoryTTF(file.data(), file.size(), px, &cfg, ranges);
            if (!atlas->ConfigData.empty() && atlas->ConfigData.back().FontData == file.data())
                atlas->ConfigData.back().FontDataOwnedByAtlas = false;
            return font;
        };
        FontSet set;
        set.body = add(*regular_, sizes.body * em * shrink, all_ranges.Data);
        set.heading = add(*bold, sizes.heading * em * shrink, all_ranges.Data);
        set.display = add(*bold, sizes.display * em * shrink, display_ranges.Data);
        if (!set.body || !set.heading || !set.display || !atlas->Build()) {
            atlas->Clear();
            atlas->AddFontDefault();
            return make_error(KioskError::FontUnavailable, "FreeType could not build the atlas from " + regular_path_);
        }
        set.em_ratio = em;
        set.atlas_width = atlas->TexWidth;
        set.atlas_height = atlas->TexHeight;
        for (ImFont* f : {set.body, set.heading, set.display}) set.glyphs += f->Glyphs.Size;
        if (atlas->TexHeight <= height_cap) {
            regular_->release_pages();
            if (bold_) bold_->release_pages();
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            log_info("fonts", "atlas " + std::to_string(set.atlas_width) + "x" + std::to_string(set.atlas_height) + ", " +
                                  std::to_string(set.glyphs) + " glyphs, built in " + std::to_string((int)ms) + " ms" +
                                  (shrink < 1.0f ? " (sizes reduced to fit the GPU's texture limit)" : ""));
            return set;
        }
        log_warn("fonts", "atlas " + std::to_string(atlas->TexWidth) + "x" + std::to_string(atlas->TexHeight) +
                              " exceeds the texture height limit " + std::to_string(height_cap) +
                              "; shrinking glyphs");
    }
    atlas->Clear();
    atlas->AddFontDefault();
    return make_error(KioskError::FontAtlasTooLarge, std::to_string(glyphs_all) + " glyphs do not fit a " +
                                                         std::to_string(height_cap) + "-px-tall atlas at a body size of " +
                                                         std::to_string(static_cast<int>(kSmallestBodyPx)) + " px or more");
}

}  // namespace gongkai
