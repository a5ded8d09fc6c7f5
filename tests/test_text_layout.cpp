// Chinese line breaking (libunibreak) with the real Noto Sans CJK SC glyph metrics.
#include <imgui.h>

#include <catch2/catch.hpp>

#include "config.h"
#include "fonts.h"
#include "kiosk_fixture.h"
#include "support.h"
#include "text_layout.h"
#include "utf8.h"

using namespace gongkai;

namespace {

// An ImGui context with the kiosk's fonts; no window is needed to measure text.
struct FontFixture {
    FontSet fonts;
    FontFixture() {
        ImGui::CreateContext();
        Config cfg;
        FontLibrary lib(cfg.font_regular, cfg.font_bold, cfg.font_face);
        std::string chars =
            "社会救助最低生活保障申请材料家庭经济状况核对授权书需要成员签字后提交，。、；：？！）」到户籍所在地的"
            "区事务受理服务中心提出也可以在一网通办上市民热线咨询审核结果居村委公示天";
        auto built = lib.build(chars, "", FontSizes{}, 0, 0);
        REQUIRE(built);
        fonts = *built;
    }
    ~FontFixture() { ImGui::DestroyContext(); }
};


}  // namespace

TEST_CASE("no wrapped line starts with closing punctuation, at any width", "[text]") {
    FontFixture f;
    const std::string text =
        "到户籍所在地的社区事务受理服务中心提出申请，也可以在“一网通办”网上申请。审核结果在居（村）委会公示7天。"
        "申请材料：身份证、户口簿；家庭经济状况核对授权书（家庭成员签字）！有问题吗？请拨打12345市民服务热线。";
    const float size = f.fonts.body->FontSize, em = f.fonts.body->GetCharAdvance(u'中');
    int checked = 0;
    for (float width = 5 * em; width <= 30 * em; width += em * 0.5f) {
        auto lines = wrap_text(f.fonts.body, size, text, width);
        REQUIRE(lines.size() >= 2);
        for (size_t i = 0; i < lines.size(); i++) {
            std::string_view line(text.data() + lines[i].begin, lines[i].end - lines[i].begin);
            REQUIRE_FALSE(line.empty());
            INFO("width " << width << " line " << i << ": " << line);
            CHECK_FALSE(is_line_start_forbidden(utf8::decode(line)[0]));
            CHECK(lines[i].width <= width + 0.5f);
            checked++;
        }
        // Nothing lost or duplicated: consecutive lines tile the text.
        for (size_t i = 1; i < lines.size(); i++) CHECK(lines[i].begin >= lines[i - 1].end);
    }
    CHECK(checked > 100);
}

TEST_CASE("a Chinese run after a space fills the line instead of jumping whole to the next", "[text]") {
    FontFixture f;
    const float size = f.fonts.body->FontSize, em = f.fonts.body->GetCharAdvance(u'中');
    const std::string text = "申请材料 家庭经济状况核对授权书需要家庭成员签字后提交";
    // 10.5 characters wide: ImGui's TextWrapped would put only "申请材料" on line 1.
    auto lines = wrap_text(f.fonts.body, size, text, 10.5f * em);
    REQUIRE(lines.size() == 3);
    std::string_view first(text.data() + lines[0].begin, lines[0].end - lines[0].begin);
    CHECK(first == "申请材料 家庭经济状况");
}

TEST_CASE("numbers and Latin words are not split when they fit on a line", "[text]") {
    FontFixture f;
    const float size = f.fonts.body->FontSize, em = f.fonts.body->GetCharAdvance(u'中');
    const std::string text = "有问题请拨打12345市民服务热线咨询";
    for (float width = 6 * em; width <= 16 * em; width += 4) {
        auto lines = wrap_text(f.fonts.body, size, text, width);
        bool whole = false;
        for (auto& l : lines) whole |= std::string_view(text.data() + l.begin, l.end - l.begin).find("12345") != std::string::npos;
        INFO("width " << width);
        CHECK(whole);
    }
}

TEST_CASE("a newline in the text always starts a new line", "[text]") {
    FontFixture f;
    const std::string text = "审核结果\n公示7天";
    auto lines = wrap_text(f.fonts.body, f.fonts.body->FontSize, text, 1000.0f);
    REQUIRE(lines.size() == 2);
    CHECK(std::string_view(text.data() + lines[1].begin, lines[1].end - lines[1].begin) == "公示7天");
}

TEST_CASE("the font is Noto Sans CJK and the atlas holds every requested character", "[text][fonts]") {
    FontFixture f;
    for (ImWchar c : {u'社', u'救', u'，', u'。', u'）'}) CHECK(f.fonts.body->FindGlyphNoFallback(c) != nullptr);
    // Sizes are ems: one CJK character is FontSizes::body wide (ImGui's FontSize is the taller line box).
    CHECK(f.fonts.body->GetCharAdvance(u'中') == Approx(FontSizes{}.body).margin(1));
    CHECK(f.fonts.heading->GetCharAdvance(u'中') == Approx(FontSizes{}.heading).margin(1));
    CHECK(f.fonts.body->ConfigData->FontNo == 2);  // the SC face
}

TEST_CASE("an atlas that would exceed the renderer's texture limit is shrunk to fit, and refused if it cannot", "[fonts]") {
    ImGui::CreateContext();
    Config cfg;
    FontLibrary lib(cfg.font_regular, cfg.font_bold, cfg.font_face);
    // 3,000 distinct CJK characters need more than 1,024 rows of 4,096 px at full size.
    std::string chars;
    for (unsigned cp = 0x4E00; cp < 0x4E00 + 3000; cp++) {
        utf8::append(chars, cp);
    }
    gongkai::test::LogCatcher log;
    auto full = lib.build(chars, "", FontSizes{}, 4096, 0);
    REQUIRE(full);
    int full_height = full->atlas_height;
    auto limited = lib.build(chars, "", FontSizes{}, 4096, full_height - 512);
    REQUIRE(limited);
    CHECK(limited->atlas_height <= full_height - 512);
    CHECK(log.said("; shrinking glyphs"));
    auto impossible = lib.build(chars, "", FontSizes{}, 4096, 64);
    REQUIRE_FALSE(impossible);
    CHECK(impossible.error().code == KioskError::FontAtlasTooLarge);
    ImGui::DestroyContext();
}

TEST_CASE("text no glyph can be made of (a NUL, a control character, beyond the BMP) never stops the atlas build", "[fonts][hostile]") {
    // A NUL in [hall] district ended ImGui's glyph-range list and aborted the kiosk.
    ImGui::CreateContext();
    Config cfg;
    FontLibrary lib(cfg.font_regular, cfg.font_bold, cfg.font_face);
    const std::string text = std::string("徐汇") + '\0' + "\x01区\r\n" + "\xF0\xA0\x80\x80";  // 𠀀 (U+20000)
    auto built = lib.build(text, text, FontSizes{}, 4096, 0);
    REQUIRE(built);
    CHECK(built->body->FindGlyphNoFallback(u'徐'));
    CHECK(built->display->FindGlyphNoFallback(u'区'));
    ImGui::DestroyContext();
}

TEST_CASE("an atlas ImGui's packer could not hold is refused before packing, never aborted", "[fonts][hostile]") {
    // 20,000 distinct characters at 170 px: ImGui's packer asserted (SIGABRT) past 32,768 rows.
    ImGui::CreateContext();
    Config cfg;
    FontLibrary lib(cfg.font_regular, cfg.font_bold, cfg.font_face);
    std::string chars;
    for (unsigned cp = 0x4E00; cp < 0x4E00 + 20000; cp++) utf8::append(chars, cp);
    gongkai::test::LogCatcher log;
    auto built = lib.build(chars, chars, FontSizes{170, 170, 170}, 0, 0);
    if (built) CHECK(built->atlas_height <= 16384);
    else CHECK(built.error().code == KioskError::FontAtlasTooLarge);
    CHECK(log.said("would need an atlas taller than 16384"));
    ImGui::DestroyContext();
}

TEST_CASE("a small screen gets small type, not a font without Chinese", "[fonts][ui]") {
    // At a 320-px short side the body is 10 px: below the shrinking floor, but drawn.
    gongkai::test::Kiosk k(320, 480);
    CHECK(k.app->fonts().body->FindGlyphNoFallback(u'社'));
    CHECK(k.app->fonts().body->GetCharAdvance(u'社') == Approx(34.0f * 320 / 1080).margin(1));
}
