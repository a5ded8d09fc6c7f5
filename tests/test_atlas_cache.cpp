// The glyph atlas kept on disk (kiosk/atlas_cache.h): restored, it is the atlas FreeType
// built, field for field and pixel for pixel; anything else in its place is refused by name
// and the atlas built again.
#include <imgui.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "atlas_cache.h"
#include "config.h"
#include "fonts.h"
#include "kiosk_errors.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

const char* kChars = "社会救助最低生活保障申请材料家庭经济状况核对授权书，。、；：？！（）…「」12345";

// Everything of the atlas a frame reads, copied out of ImGui.
struct AtlasSnapshot {
    int width = 0, height = 0;
    std::string coverage;
    std::vector<float> uvs;  // scale, white pixel, baked lines
    std::vector<std::string> rects;
    struct Font {
        float size, ascent, descent, fallback_advance;
        ImWchar fallback, ellipsis, dot;
        int surface;
        std::string glyphs;
        std::vector<float> advance;
        std::vector<ImWchar> lookup;
        std::string pages;
        long fallback_glyph;
        bool operator==(const Font&) const = default;
    };
    std::vector<Font> fonts;
    bool operator==(const AtlasSnapshot&) const = default;
};

AtlasSnapshot snapshot(const FontSet& set) {
    ImFontAtlas* a = ImGui::GetIO().Fonts;
    AtlasSnapshot s;
    s.width = a->TexWidth, s.height = a->TexHeight;
    REQUIRE(a->TexPixelsAlpha8);
    s.coverage.assign(reinterpret_cast<const char*>(a->TexPixelsAlpha8), static_cast<size_t>(s.width) * s.height);
    s.uvs = {a->TexUvScale.x, a->TexUvScale.y, a->TexUvWhitePixel.x, a->TexUvWhitePixel.y};
    for (const ImVec4& v : a->TexUvLines) s.uvs.insert(s.uvs.end(), {v.x, v.y, v.z, v.w});
    for (const ImFontAtlasCustomRect& r : a->CustomRects) {
        char line[128];
        std::snprintf(line, sizeof line, "%u %u %u %u %u %g %g %g", r.Width, r.Height, r.X, r.Y, r.GlyphID, r.GlyphAdvanceX,
                      r.GlyphOffset.x, r.GlyphOffset.y);
        s.rects.push_back(line);
    }
    for (const ImFont* f : {set.body, set.heading, set.display}) {
        AtlasSnapshot::Font out;
        out.size = f->FontSize, out.ascent = f->Ascent, out.descent = f->Descent, out.fallback_advance = f->FallbackAdvanceX;
        out.fallback = f->FallbackChar, out.ellipsis = f->EllipsisChar, out.dot = f->DotChar;
        out.surface = f->MetricsTotalSurface;
        out.glyphs.assign(reinterpret_cast<const char*>(f->Glyphs.Data), f->Glyphs.Size * sizeof(ImFontGlyph));
        out.advance.assign(f->IndexAdvanceX.begin(), f->IndexAdvanceX.end());
        out.lookup.assign(f->IndexLookup.begin(), f->IndexLookup.end());
        out.pages.assign(reinterpret_cast<const char*>(f->Used4kPagesMap), sizeof f->Used4kPagesMap);
        out.fallback_glyph = f->FallbackGlyph ? f->FallbackGlyph - f->Glyphs.Data : -1;
        s.fonts.push_back(std::move(out));
    }
    return s;
}

struct ImGuiContextScope {
    ImGuiContextScope() { ImGui::CreateContext(); }
    ~ImGuiContextScope() { ImGui::DestroyContext(); }
};

// Builds the test's atlas with a FontLibrary keeping atlases in `dir` ("": none).
Result<FontSet> build(const std::string& dir, FontLibrary::Source* source = nullptr, const char* chars = kChars,
                      FontSizes sizes = {}) {
    Config cfg;
    FontLibrary lib(cfg.font_regular, cfg.font_bold, cfg.font_face);
    lib.set_atlas_cache(dir);
    auto set = lib.build(chars, "社会救助", sizes, 0, 0);
    if (source) *source = lib.last_source();
    return set;
}

std::vector<std::filesystem::path> atlas_files(const std::string& dir) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".gka") out.push_back(e.path());
    return out;
}

// The file's layout (atlas_cache.h): magic 8, byte order 4, format 4, key 32, sum 32, size 8.
constexpr size_t kSumAt = 48, kPayloadAt = 88;

// Where the first font's first glyph starts: width, height, em ratio, white pixel, the line
// UVs (64 × 16 bytes), two pack ids, the custom rects (24 bytes each), then the font's size,
// ascent, descent, three characters, surface and glyph count.
size_t first_glyph_at(const std::string& file) {
    size_t at = kPayloadAt + 4 + 4 + 4 + 8 + 64 * 16 + 4 + 4;
    std::uint32_t rects = 0;
    std::memcpy(&rects, file.data() + at, 4);
    return at + 4 + rects * 24 + 12 + 6 + 4 + 4;
}

// Rewrites the payload's checksum, so a test reaches the checks behind it.
void reseal(std::string& file) {
    unsigned char sum[32];
    crypto_generichash(sum, sizeof sum, reinterpret_cast<const unsigned char*>(file.data() + kPayloadAt),
                       file.size() - kPayloadAt, nullptr, 0);
    std::memcpy(file.data() + kSumAt, sum, sizeof sum);
}

}  // namespace

TEST_CASE("a restored atlas is the atlas FreeType built, field for field and pixel for pixel", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    AtlasSnapshot fresh;
    {
        FontLibrary::Source source;
        auto set = build("", &source);
        REQUIRE(set);
        CHECK(source == FontLibrary::Source::Built);
        fresh = snapshot(*set);
        CHECK(atlas_files(dir.path.string()).empty());
    }
    FontLibrary::Source source;
    auto first = build(dir.path.string(), &source);
    REQUIRE(first);
    CHECK(source == FontLibrary::Source::Built);  // nothing kept yet: built, then kept
    CHECK(snapshot(*first) == fresh);
    REQUIRE(atlas_files(dir.path.string()).size() == 1);
    const char* text = "最低生活保障（低保）";
    const float width = first->body->CalcTextSizeA(first->body->FontSize, 1e9f, 0, text).x;
    const FontSet built = *first;

    ImGui::GetIO().Fonts->Clear();
    auto again = build(dir.path.string(), &source);
    REQUIRE(again);
    CHECK(source == FontLibrary::Source::Restored);
    const AtlasSnapshot restored = snapshot(*again);
    CHECK(restored.width == fresh.width);
    CHECK(restored.height == fresh.height);
    CHECK(restored.coverage == fresh.coverage);
    REQUIRE(restored.fonts.size() == 3);
    for (int i = 0; i < 3; i++) {
        INFO("font " << i);
        CHECK(restored.fonts[i].glyphs == fresh.fonts[i].glyphs);
        CHECK(restored.fonts[i].advance == fresh.fonts[i].advance);
        CHECK(restored.fonts[i].lookup == fresh.fonts[i].lookup);
        CHECK(restored.fonts[i] == fresh.fonts[i]);
    }
    CHECK(restored == fresh);
    CHECK(again->em_ratio == built.em_ratio);
    CHECK(again->glyphs == built.glyphs);
    CHECK(again->atlas_width == built.atlas_width);
    CHECK(again->atlas_height == built.atlas_height);
    // Text measures the same with either.
    CHECK(again->body->CalcTextSizeA(again->body->FontSize, 1e9f, 0, text).x == width);
}

TEST_CASE("other characters, sizes or fonts are another atlas, and a directory keeps the newest four", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    const std::string d = dir.path.string();
    REQUIRE(build(d));
    FontLibrary::Source source;
    REQUIRE(build(d, &source, "社会救助最低生活保障申请材料家庭经济状况核对授权书"));  // other characters
    CHECK(source == FontLibrary::Source::Built);
    FontSizes large{34.0f * 1.5f, 46.0f * 1.5f, 60.0f * 1.5f};
    REQUIRE(build(d, &source, kChars, large));  // 长辈版's sizes
    CHECK(source == FontLibrary::Source::Built);
    CHECK(atlas_files(d).size() == 3);
    REQUIRE(build(d, &source, kChars, large));
    CHECK(source == FontLibrary::Source::Restored);

    // Another font file (a copy has another inode and time) is another atlas.
    Config cfg;
    std::filesystem::copy_file(cfg.font_regular, dir.file("regular.ttc"));
    FontLibrary other(dir.file("regular.ttc"), cfg.font_bold, cfg.font_face);
    other.set_atlas_cache(d);
    REQUIRE(other.build(kChars, "社会救助", {}, 0, 0));
    CHECK(other.last_source() == FontLibrary::Source::Built);
    CHECK(atlas_files(d).size() == 4);

    // A fifth removes the oldest.
    REQUIRE(build(d, &source, "一二三四五六七八九十"));
    CHECK(atlas_files(d).size() == static_cast<size_t>(kAtlasFilesKept));
}

TEST_CASE("a damaged atlas file is refused by name and the atlas built and kept again", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    const std::string d = dir.path.string();
    auto good = build(d);
    REQUIRE(good);
    const AtlasSnapshot fresh = snapshot(*good);
    REQUIRE(atlas_files(d).size() == 1);
    const std::filesystem::path path = atlas_files(d).front();
    const std::string original = slurp(path);
    REQUIRE(original.size() > 1000);

    struct Damage {
        const char* what;
        std::function<void(std::string&)> apply;
        const char* says;
    };
    auto put_int = [](std::string& f, size_t at, int v) { std::memcpy(f.data() + at, &v, sizeof v); };
    const std::vector<Damage> damages = {
        {"empty", [](std::string& f) { f.clear(); }, "size 0 bytes"},
        {"cut inside the header", [](std::string& f) { f.resize(40); }, "size 40 bytes"},
        {"cut after the header", [](std::string& f) { f.resize(kPayloadAt); }, "payload is 0 bytes"},
        {"cut in the glyphs", [](std::string& f) { f.resize(f.size() / 3); }, "payload is"},
        {"cut at the end", [](std::string& f) { f.pop_back(); }, "payload is"},
        {"a byte flipped in the coverage", [](std::string& f) { f[f.size() - 100] ^= 0x40; }, "checksum mismatch"},
        {"a byte flipped in the glyphs", [](std::string& f) { f[kPayloadAt + 2000] ^= 1; }, "checksum mismatch"},
        {"another program's file", [](std::string& f) { f.replace(0, 8, "PK\x03\x04xxxx"); }, "not an atlas file"},
        {"another byte order", [](std::string& f) { std::swap(f[8], f[11]), std::swap(f[9], f[10]); }, "byte order"},
        {"another format", [](std::string& f) { f[12] = 9; }, "another format version"},
        {"another atlas's key", [](std::string& f) { f[20] ^= 1; }, "its key is not its name's"},
        {"a zero-wide texture, resealed", [&](std::string& f) { put_int(f, kPayloadAt, 0), reseal(f); }, "out of bounds"},
        {"a 65536-tall texture, resealed", [&](std::string& f) { put_int(f, kPayloadAt + 4, 65536), reseal(f); }, "out of bounds"},
        {"a texture of half the height, resealed (its glyphs no longer fit their boxes)",
         [&](std::string& f) { put_int(f, kPayloadAt + 4, 128), reseal(f); }, "out of bounds"},
        {"a glyph reaching 16384 px (it stalled the software renderer), resealed",
         [&](std::string& f) {
             const float far = 16384.0f;
             std::memcpy(f.data() + first_glyph_at(f) + 16, &far, 4);  // X1
             reseal(f);
         },
         "glyph 0 out of bounds"},
        {"a glyph that advances backwards, resealed",
         [&](std::string& f) {
             const float back = -10.0f;
             std::memcpy(f.data() + first_glyph_at(f) + 4, &back, 4);  // AdvanceX
             reseal(f);
         },
         "glyph 0 out of bounds"},
        {"a glyph box that is not its bitmap's size in the texture, resealed",
         [&](std::string& f) {
             float u1 = 0;
             std::memcpy(&u1, f.data() + first_glyph_at(f) + 32, 4);
             u1 = u1 > 0.5f ? u1 - 0.25f : u1 + 0.25f;  // 1024 texels off
             std::memcpy(f.data() + first_glyph_at(f) + 32, &u1, 4);
             reseal(f);
         },
         "glyph 0 out of bounds"},
        {"bytes after the coverage, resealed",
         [&](std::string& f) {
             f += "extra";
             const std::uint64_t payload = f.size() - kPayloadAt;
             std::memcpy(f.data() + kPayloadAt - 8, &payload, sizeof payload);
             reseal(f);
         },
         "bytes after the coverage"},
    };
    for (const Damage& dmg : damages) {
        DYNAMIC_SECTION(dmg.what) {
            std::string bytes = original;
            dmg.apply(bytes);
            write_file(path, bytes);
            AtlasKey key{};
            REQUIRE(sodium_hex2bin(key.data(), key.size(), path.stem().string().substr(6).c_str(), 64, nullptr, nullptr, nullptr) == 0);
            auto loaded = load_atlas(d, key);
            REQUIRE_FALSE(loaded);
            CHECK(loaded.error().code == KioskError::AtlasCacheDamaged);
            CHECK_THAT(loaded.error().detail, Catch::Contains(dmg.says));

            LogCatcher log;
            FontLibrary::Source source;
            auto rebuilt = build(d, &source);
            REQUIRE(rebuilt);
            CHECK(source == FontLibrary::Source::Built);
            CHECK(log.said("AtlasCacheDamaged"));
            CHECK(snapshot(*rebuilt) == fresh);
            CHECK(slurp(path) == original);  // kept again, whole
        }
    }
}

TEST_CASE("an atlas file that is not a plain file is not read", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    const std::string d = dir.path.string();
    REQUIRE(build(d));
    const std::filesystem::path path = atlas_files(d).front();
    AtlasKey key{};
    REQUIRE(sodium_hex2bin(key.data(), key.size(), path.stem().string().substr(6).c_str(), 64, nullptr, nullptr, nullptr) == 0);

    SECTION("a symlink to another file") {
        std::filesystem::rename(path, dir.file("elsewhere"));
        std::filesystem::create_symlink(dir.file("elsewhere"), path);
        auto loaded = load_atlas(d, key);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == KioskError::AtlasCacheDamaged);
    }
    SECTION("a FIFO: refused at once, never waited on for a writer") {
        std::filesystem::remove(path);
        REQUIRE(::mkfifo(path.c_str(), 0644) == 0);
        auto loaded = load_atlas(d, key);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == KioskError::AtlasCacheDamaged);
        CHECK_THAT(loaded.error().detail, Catch::Contains("not a regular file"));
    }
    SECTION("a directory") {
        std::filesystem::remove(path);
        std::filesystem::create_directory(path);
        auto loaded = load_atlas(d, key);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == KioskError::AtlasCacheDamaged);
    }
    SECTION("a file larger than any atlas (sparse)") {
        REQUIRE(::truncate(path.c_str(), 1ll << 30) == 0);
        auto loaded = load_atlas(d, key);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == KioskError::AtlasCacheDamaged);
        CHECK_THAT(loaded.error().detail, Catch::Contains("outside"));
    }
    SECTION("no file") {
        std::filesystem::remove(path);
        auto loaded = load_atlas(d, key);
        REQUIRE_FALSE(loaded);
        CHECK(loaded.error().code == KioskError::AtlasCacheMissing);
    }
}

TEST_CASE("a directory the kiosk cannot write costs only the keeping: the atlas is built", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    write_file(dir.file("file"), "not a directory");
    LogCatcher log;
    FontLibrary::Source source;
    auto set = build(dir.file("file") + "/atlas", &source);
    REQUIRE(set);
    CHECK(source == FontLibrary::Source::Built);
    CHECK(log.said("atlas not kept: FileWriteFailed"));
}

TEST_CASE("gongkai-kiosk keeps its atlas in the user's cache directory and draws the same picture from it", "[fonts][atlas][cli]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    auto shot = [&](const std::string& name) {
        return run("env -u CACHE_DIRECTORY XDG_CACHE_HOME=" + dir.file("xdg") + " SDL_VIDEODRIVER=dummy " + GONGKAI_KIOSK_BINARY,
                   "--config " + dir.file("c.toml") + " --screenshot " + dir.file(name) + " --route item/dibao-apply --size 540x960");
    };
    Run first = shot("first.png");
    REQUIRE(first.status == 0);
    CHECK_THAT(first.err, Catch::Contains("built in"));
    const std::string atlas_dir = dir.file("xdg/gongkai/atlas");
    REQUIRE(atlas_files(atlas_dir).size() == 1);

    Run second = shot("second.png");
    REQUIRE(second.status == 0);
    CHECK_THAT(second.err, Catch::Contains("restored in"));
    CHECK(slurp(dir.file("second.png")) == slurp(dir.file("first.png")));

    // A torn file (a power cut while it was written): refused, built again, the same picture.
    const std::filesystem::path path = atlas_files(atlas_dir).front();
    std::string torn = slurp(path);
    torn.resize(torn.size() / 2);
    write_file(path, torn);
    Run third = shot("third.png");
    REQUIRE(third.status == 0);
    CHECK_THAT(third.err, Catch::Contains("AtlasCacheDamaged"));
    CHECK_THAT(third.err, Catch::Contains("built in"));
    CHECK(slurp(dir.file("third.png")) == slurp(dir.file("first.png")));
    CHECK(shot("fourth.png").err.find("restored in") != std::string::npos);
}

TEST_CASE("keeping a new atlas never removes it, whatever the other files' dates, and touches only atlas files", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    const std::string d = dir.path.string();
    // Four atlases dated in the future (a clock that once ran ahead), and files that are not atlases.
    for (char c : std::string("0123")) {
        const std::string name = dir.file("atlas-" + std::string(64, c) + ".gka");
        write_file(name, "old");
        std::filesystem::last_write_time(name, std::filesystem::file_time_type::clock::now() + std::chrono::hours(24 * 365));
    }
    write_file(dir.file("atlas-1.gka"), "not an atlas name");
    write_file(dir.file("notes.txt"), "staff's");
    std::filesystem::create_symlink(dir.file("notes.txt"), dir.file("atlas-" + std::string(64, 'f') + ".gka"));

    FontLibrary::Source source;
    REQUIRE(build(d, &source));
    CHECK(source == FontLibrary::Source::Built);
    REQUIRE(build(d, &source));
    CHECK(source == FontLibrary::Source::Restored);  // the new one was kept
    // The newest three of the others stay beside it; the symlink and the other names are not touched.
    CHECK(atlas_files(d).size() == 6);  // 4 kept (1 new + 3 dated) + atlas-1.gka + the symlink
    CHECK(std::filesystem::exists(dir.file("atlas-1.gka")));
    CHECK(std::filesystem::is_symlink(dir.file("atlas-" + std::string(64, 'f') + ".gka")));
    CHECK(slurp(dir.file("notes.txt")) == "staff's");
}

TEST_CASE("an atlas restored without glyphs it was built for is removed, so the next start builds it", "[fonts][atlas]") {
    TempDir dir;
    ImGuiContextScope imgui;
    const std::string d = dir.path.string();
    REQUIRE(build(d));
    Config cfg;
    FontLibrary lib(cfg.font_regular, cfg.font_bold, cfg.font_face);
    lib.set_atlas_cache(d);
    REQUIRE(lib.build(kChars, "社会救助", {}, 0, 0));
    REQUIRE(lib.last_source() == FontLibrary::Source::Restored);
    lib.discard_restored({0x9F98});  // 龘: not a character it was built for — the atlas is right to lack it
    CHECK(atlas_files(d).size() == 1);
    lib.discard_restored({0x4F4E});  // 低: one it was built for
    CHECK(atlas_files(d).empty());

    // A build with the session's own characters neither restores nor keeps.
    REQUIRE(build(d));
    REQUIRE(atlas_files(d).size() == 1);
    REQUIRE(lib.build(std::string(kChars) + "龘", "社会救助", {}, 0, 0, FontLibrary::Kept::Ignore));
    CHECK(lib.last_source() == FontLibrary::Source::Built);
    CHECK(atlas_files(d).size() == 1);
}
