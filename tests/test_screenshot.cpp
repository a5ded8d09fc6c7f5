// Screenshots at both orientations: Chinese glyphs really drew, in Noto Sans CJK's SC
// face — compared, run by run, with FreeType's own rendering of the same text in the
// SC face (2) and the JP face (0), which draws 门, 户, 说 … with Japanese shapes.
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stb/stb_image.h>

#include <cmath>
#include <set>

#include "kiosk_fixture.h"
#include "utf8.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;
    float luminance(int x, int y) const {
        if (x < 0 || y < 0 || x >= w || y >= h) return 255;
        const unsigned char* p = &rgba[(static_cast<size_t>(y) * w + x) * 4];
        return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
    }
};

Image load_png(const std::string& path) {
    Image img;
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), &img.w, &img.h, &n, 4);
    REQUIRE(data);
    img.rgba.assign(data, data + static_cast<size_t>(img.w) * img.h * 4);
    stbi_image_free(data);
    return img;
}


// Ink mask (true = dark) of `text` as FreeType draws it the way ImGui's FreeType
// builder does: REAL_DIM size request, light hinting, pen snapped to whole pixels.
struct Mask {
    int w, h;
    std::vector<bool> ink;
};

Mask render_reference(FT_Library lib, const char* path, int face_index, float imgui_size, std::string_view text, int w, int h) {
    FT_Face face;
    REQUIRE(FT_New_Face(lib, path, face_index, &face) == 0);
    FT_Size_RequestRec req{FT_SIZE_REQUEST_TYPE_REAL_DIM, 0, static_cast<FT_Long>(imgui_size * 64), 0, 0};
    FT_Request_Size(face, &req);
    Mask m{w, h, std::vector<bool>(static_cast<size_t>(w) * h)};
    int baseline = static_cast<int>(std::ceil(face->size->metrics.ascender / 64.0));
    float pen = 0;
    for (char32_t cp : utf8::decode(text)) {
        FT_UInt glyph = FT_Get_Char_Index(face, cp);
        if (FT_Load_Glyph(face, glyph, FT_LOAD_TARGET_LIGHT) != 0) continue;
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL);
        const FT_Bitmap& bm = face->glyph->bitmap;
        int ox = static_cast<int>(pen) + face->glyph->bitmap_left, oy = baseline - face->glyph->bitmap_top;
        for (unsigned y = 0; y < bm.rows; y++)
            for (unsigned x = 0; x < bm.width; x++) {
                int px = ox + static_cast<int>(x), py = oy + static_cast<int>(y);
                if (px >= 0 && py >= 0 && px < w && py < h && bm.buffer[y * bm.pitch + x] >= 128)
                    m.ink[static_cast<size_t>(py) * w + px] = true;
            }
        pen += std::round(face->glyph->advance.x / 64.0f);
    }
    FT_Done_Face(face);
    return m;
}

// Best intersection-over-union of the screenshot's ink in `box` with the mask, over
// shifts of up to ±3 px (hinting and rounding may differ by a pixel).
float best_iou(const Image& img, ImVec2 origin, const Mask& m) {
    float best = 0;
    for (int dy = -3; dy <= 3; dy++)
        for (int dx = -3; dx <= 3; dx++) {
            int both = 0, either = 0;
            for (int y = 0; y < m.h; y++)
                for (int x = 0; x < m.w; x++) {
                    bool a = img.luminance(static_cast<int>(origin.x) + x + dx, static_cast<int>(origin.y) + y + dy) < 128;
                    bool b = m.ink[static_cast<size_t>(y) * m.w + x];
                    both += a && b;
                    either += a || b;
                }
            if (either > 0) best = std::max(best, static_cast<float>(both) / either);
        }
    return best;
}

struct GlyphCheck {
    int runs = 0, sc_clearly_better = 0;
    float worst_sc = 1;
};

// Checks every regular-weight run of dark text with 4+ Chinese characters on screen.
GlyphCheck check_glyphs(const FrameRecord& frame, const Image& img) {
    Config cfg;
    FT_Library lib;
    REQUIRE(FT_Init_FreeType(&lib) == 0);
    GlyphCheck out;
    for (auto& run : frame.texts) {
        if (run.bold) continue;
        auto cps = utf8::decode(run.text);
        if (std::count_if(cps.begin(), cps.end(), [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }) < 4) continue;
        ImVec2 mid((run.min.x + run.max.x) / 2, (run.min.y + run.max.y) / 2);
        if (img.luminance((int)run.min.x - 2, (int)mid.y) < 200) continue;  // light background only
        if (run.max.y + 4 > img.h || run.max.x + 4 > img.w) continue;        // cut by the screen's edge
        int w = static_cast<int>(run.max.x - run.min.x) + 8, h = static_cast<int>(run.max.y - run.min.y) + 8;
        Mask sc = render_reference(lib, cfg.font_regular.c_str(), 2, run.size, run.text, w, h);
        Mask jp = render_reference(lib, cfg.font_regular.c_str(), 0, run.size, run.text, w, h);
        float iou_sc = best_iou(img, run.min, sc), iou_jp = best_iou(img, run.min, jp);
        INFO(run.text << ": IoU with SC " << iou_sc << ", with JP " << iou_jp);
        if (std::getenv("GONGKAI_TEST_VERBOSE")) std::fprintf(stderr, "%s SC %.3f JP %.3f at %.0f,%.0f\n", run.text.c_str(), iou_sc, iou_jp, run.min.x, run.min.y);
        CHECK(iou_sc >= iou_jp - 0.005f);
        out.worst_sc = std::min(out.worst_sc, iou_sc);
        out.sc_clearly_better += iou_sc > iou_jp + 0.03f;
        out.runs++;
    }
    FT_Done_FreeType(lib);
    return out;
}

size_t distinct_colors(const Image& img) {
    std::set<uint32_t> colors;
    for (size_t i = 0; i < img.rgba.size() && colors.size() < 1000; i += 4 * 7)
        colors.insert(img.rgba[i] | img.rgba[i + 1] << 8 | img.rgba[i + 2] << 16);
    return colors.size();
}

}  // namespace

TEST_CASE("portrait screenshots show real Chinese glyphs in the SC face", "[screenshot][fonts]") {
    Kiosk k(1080, 1920);
    for (std::string route : {"item/dibao-apply", "item/residence-permit", "home"}) {
        if (route != "home") k.app->navigate(*Route::parse(route));
        else k.tap("home");
        k.app->settle();
        std::string png = k.dir.file("shot.png");
        REQUIRE_FALSE(k.app->save_screenshot(png));
        Image img = load_png(png);
        CHECK(img.w == 1080);
        CHECK(img.h == 1920);
        CHECK(distinct_colors(img) > 50);  // not blank, not a single colour
        GlyphCheck g = check_glyphs(k.app->frame(), img);
        INFO(route << ": " << g.runs << " runs, worst IoU with SC " << g.worst_sc);
        CHECK(g.runs >= 3);
        // Tofu boxes or blank text would share almost no ink with the real glyphs.
        CHECK(g.worst_sc > 0.8f);
        if (route == "item/dibao-apply") CHECK(g.sc_clearly_better >= 1);  // 门, 户 … differ from JP
    }
}

TEST_CASE("landscape screenshots lay out for 1920x1080 and show real glyphs", "[screenshot][fonts]") {
    Kiosk k(1920, 1080);
    std::string png = k.dir.file("land.png");
    REQUIRE_FALSE(k.app->save_screenshot(png));
    Image img = load_png(png);
    CHECK(img.w == 1920);
    CHECK(img.h == 1080);
    // Four tiles to a row: 就业创业 and 户籍管理 share a row.
    auto a = k.app->frame().find_target("domain/employment"), b = k.app->frame().find_target("domain/household-registration");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->min.y == b->min.y);
    k.app->navigate(*Route::parse("item/dibao-apply"));
    k.app->settle();
    REQUIRE_FALSE(k.app->save_screenshot(png));
    img = load_png(png);
    GlyphCheck g = check_glyphs(k.app->frame(), img);
    CHECK(g.runs >= 3);
    CHECK(g.worst_sc > 0.8f);
}

TEST_CASE("body text is at least 32 px and headings at least 44 px (one CJK character's width)", "[screenshot][fonts]") {
    Kiosk k;
    CHECK(k.app->fonts().body->GetCharAdvance(u'中') >= 32);
    CHECK(k.app->fonts().heading->GetCharAdvance(u'中') >= 44);
}

// A picture (--screenshot) is drawn with AppOptions::picture (only the frame nothing follows
// is rasterised) and with the atlas restored from disk when one is kept; the kiosk in this
// process draws every frame and builds its atlas: the two must agree, pixel for pixel.
TEST_CASE("a picture taken with --screenshot is, pixel for pixel, the frame the running kiosk shows", "[screenshot][cli]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    const char* routes[] = {"home", "item/dibao-apply", "domain/social-assistance", "help", "search"};
    Kiosk k(540, 960, [&](Config& cfg) { cfg.cache_path = dir.file("cache.db"); });
    for (const char* route : routes) {
        INFO(route);
        for (int take = 0; take < 2; take++) {  // the atlas built and kept, then restored
            const std::string png = dir.file(std::string("shot") + std::to_string(take) + ".png");
            Run r = run("env -u CACHE_DIRECTORY XDG_CACHE_HOME=" + dir.file("xdg") + " SDL_VIDEODRIVER=dummy " + GONGKAI_KIOSK_BINARY,
                        "--config " + dir.file("c.toml") + " --screenshot " + png + " --route " + route + " --size 540x960");
            REQUIRE(r.status == 0);
            const Image picture = load_png(png);

            auto parsed = Route::parse(route);
            REQUIRE(parsed);
            k.app->navigate(*parsed);
            k.app->settle();
            std::vector<unsigned char> shown;
            int w = 0, h = 0;
            REQUIRE_FALSE(k.app->read_pixels(&shown, &w, &h));
            REQUIRE(picture.w == w);
            REQUIRE(picture.h == h);
            size_t differing = 0;
            for (size_t i = 0; i < shown.size(); i++) differing += shown[i] != picture.rgba[i];
            CHECK(differing == 0);
        }
    }
}
