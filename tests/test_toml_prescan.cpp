// What toml++ must never see: characters outside quotes (undefined behaviour in toml++
// 3.3.0, found by fuzzing) and a byte-order mark. Each is refused, or dropped, before the
// parser runs — for the device config and for every catalogue source file alike.
#include <catch2/catch.hpp>

#include "config.h"
#include "support.h"
#include "toml_source.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("a character outside quotes is a syntax error at its line and column, before toml++ parses", "[toml][hostile]") {
    TempDir dir;
    struct Case { const char* text; int line, column; const char* shown; };
    for (const Case c : {Case{"〕", 1, 1, "〕"},                                   // the fuzzer's reproducer
                         Case{"title = \"低保\"\n\xE3\x80\x80x = 1\n", 2, 1, "\xE3\x80\x80"},  // a full-width space
                         Case{"[guide]\nid = 1 〔2012〕\n", 2, 8, "〔"},
                         Case{"名称 = \"x\"\n", 1, 1, "名"},                       // TOML keys are ASCII
                         Case{"y=1\"。\n", 1, 5, "。"},                              // a quote inside a bare value
                         Case{"q=1['「\n", 1, 6, "「"},                              // a bracket inside a bare value
                         Case{"x = \"\"\"a\"\"\"\"\"·\n", 1, 14, "·"}}) {          // after a string's closing quotes
        INFO(c.text);
        write_file(dir.file("g.toml"), c.text);
        TextPosition where;
        auto r = read_toml("", dir.file("g.toml"), "g.toml", false, &where);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == CatalogueError::SourceSyntax);
        CHECK(r.error().detail == "g.toml:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": 引号外的字符“" +
                                      c.shown + "”：中文只能写在 \"…\" 里，或 # 注释之后");
        CHECK(where.line == c.line);
        CHECK(where.column == c.column);
    }
}

TEST_CASE("Chinese inside strings and comments passes the pre-scan and parses", "[toml]") {
    TempDir dir;
    write_file(dir.file("g.toml"), "# 说明：〔2012〕45号\ntitle = \"最低生活保障申请\"\nnote = '''\n　全角空格也可以\n'''\n"
                                   "list = [\"一\",\"二\"]\ntable = {a=\"三\", b = '四'}\n\"键\".x = \"五\"\n"
                                   "mixed = [1,\"六\",2.5,{c=\"七\"}]\n");
    auto r = read_toml("", dir.file("g.toml"), "g.toml", false, nullptr);
    REQUIRE(r);
    CHECK(r->root["title"].value_or(std::string()) == "最低生活保障申请");
}

TEST_CASE("a config saved with a byte-order mark loads, and one that is only a mark gives the defaults", "[toml][config]") {
    TempDir dir;
    write_file(dir.file("bom.toml"), "\xEF\xBB\xBF[display]\norientation = \"landscape\"\n");
    auto cfg = load_config(dir.file("bom.toml"));
    REQUIRE(cfg);
    CHECK(cfg->orientation == Orientation::Landscape);
    write_file(dir.file("only.toml"), "\xEF\xBB\xBF");  // the fuzzer's reproducer: UB in toml++ before
    auto defaults = load_config(dir.file("only.toml"));
    REQUIRE(defaults);
    CHECK(defaults->orientation == Orientation::Portrait);
}

TEST_CASE("a backslash before a non-ASCII character in a \"…\" string is refused at its position", "[toml][hostile]") {
    TempDir dir;
    for (const char* text : {"x = \"a\\·\"\n", "x = \"\"\"\na\\·\n\"\"\"\n"}) {
        INFO(text);
        write_file(dir.file("g.toml"), text);
        auto r = read_toml("", dir.file("g.toml"), "g.toml", false, nullptr);
        REQUIRE_FALSE(r);
        CHECK(r.error().detail.find("反斜杠后的字符“·”") != std::string::npos);
    }
    // A literal string has no escapes: a backslash there is text.
    write_file(dir.file("g.toml"), "x = 'C:\\路径'\n");
    CHECK(read_toml("", dir.file("g.toml"), "g.toml", false, nullptr));
}

TEST_CASE("after a line-ending backslash, only a character toml++ can test is let through", "[toml][hostile]") {
    // The code points toml++ 3.3.0's whitespace test is undefined for, at each edge.
    struct Case { char32_t c; bool undefined; };
    for (const Case c : {Case{0x9F, false}, Case{0xA0, false}, Case{0xA1, true}, Case{0x499, true}, Case{0x49A, false},
                         Case{0x4E2D, false} /* 中 */, Case{0x3000, false}, Case{0x3001, true} /* 、 */,
                         Case{0x2C5E, true}, Case{0x3057, true}, Case{0x3058, false}, Case{0x2000, false},
                         Case{0xFB26, true}, Case{0xFE7F, true}, Case{0xFEFF, false}, Case{0xFF0C, false} /* ， */}) {
        INFO(std::hex << static_cast<unsigned>(c.c));
        CHECK(toml_whitespace_test_undefined(c.c) == c.undefined);
    }
    TempDir dir;
    write_file(dir.file("ok.toml"), "x = \"\"\"\\\n   中文\"\"\"\n");  // valid, and safe for toml++
    auto ok = read_toml("", dir.file("ok.toml"), "ok.toml", false, nullptr);
    REQUIRE(ok);
    CHECK(ok->root["x"].value_or(std::string()) == "中文");
    write_file(dir.file("bad.toml"), "x = \"\"\"\\\n  、\"\"\"\n");   // valid TOML, undefined in toml++ 3.3.0
    auto bad = read_toml("", dir.file("bad.toml"), "bad.toml", false, nullptr);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().detail.find("bad.toml:2:3: 反斜杠后的字符“、”") != std::string::npos);
}

TEST_CASE("toml++ never sees a code point its whitespace test is undefined for, and strings come back unchanged",
          "[toml][hostile]") {
    TempDir dir;
    // 、。「」〔〕 (U+3001…), · é я (U+00B7, U+00E9, U+044F), ﹐ (U+FE50): each swapped for a
    // Private Use Area code point before parsing and swapped back after.
    const std::string text = "、。「」〔〕·éя﹐ and 中文";
    write_file(dir.file("g.toml"), "a = \"" + text + "\"\nb = ['" + text + "']\n[t]\nc = \"\"\"\n" + text + "\"\"\"\n");
    auto r = read_toml("", dir.file("g.toml"), "g.toml", false, nullptr);
    REQUIRE(r);
    CHECK(r->root["a"].value_or(std::string()) == text);
    CHECK(r->root["b"][0].value_or(std::string()) == text);
    CHECK(r->root["t"]["c"].value_or(std::string()) == text);
    write_file(dir.file("p.toml"), "a = \"\xEE\x80\x80\"\n");  // U+E000
    auto pua = read_toml("", dir.file("p.toml"), "p.toml", false, nullptr);
    REQUIRE_FALSE(pua);
    CHECK(pua.error().detail == "p.toml:1:6: a Private Use Area character (U+E000–U+F8FF): no catalogue text uses one");
}
