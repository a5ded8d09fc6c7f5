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
                                   "list = [\"一\",\"二\"]\ntable = {a=\"三\", b = '四'}\n\"键\".x = \"五\"\n");
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
