// Look and language chosen at run time, the screen registry, and the kiosk's writes
// going through its writer thread — each through the real app loop on a real cache.
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>

#include "kiosk_fixture.h"
#include "screens/screens.h"
#include "ui_strings.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("every strings table names every text, and the languages it answers to", "[look][strings]") {
    for (const char* language : {"zh-CN", "zh", "zh-Hans", "en"}) {
        INFO(language);
        const UiStrings* s = find_ui_strings(language);
        REQUIRE(s);
        CHECK(s->missing().empty());
    }
    CHECK(find_ui_strings("fr") == nullptr);
    CHECK(default_ui_strings().app_title("徐汇区") == "徐汇区政务公开");
    CHECK(default_ui_strings().labelled("负责", "街道") == "负责：街道");
    CHECK(default_ui_strings().parenthesised("时限：5个工作日") == "（时限：5个工作日）");
}

TEST_CASE("the config's theme, text scale, language and district change the screen without a rebuild", "[look][ui]") {
    Kiosk k(1080, 1920, [](Config& c) {
        c.theme = "high-contrast";
        c.text_scale = 1.5;
        c.language = "en";
        c.district = "Xuhui";
    });
    CHECK(k.app->theme().name == "high-contrast");
    CHECK(k.app->theme().background == IM_COL32(0, 0, 0, 0xFF));
    // The atlas is built at the scaled sizes: one CJK character is 34 × 1.5 px wide.
    CHECK(k.app->fonts().body->GetCharAdvance(u'中') == Approx(51).margin(1));
    CHECK(k.app->fonts().heading->GetCharAdvance(u'中') == Approx(69).margin(1));
    CHECK(k.app->frame().find_text("Back"));
    CHECK(k.app->frame().find_text("Xuhui Public"));  // the title, cut to the bar at 1.5×
    CHECK_FALSE(k.app->frame().find_text("返回"));
    // Both bar labels whole and inside their buttons, even at 1.5× in English.
    for (const char* id : {"back", "home"}) {
        const auto* button = k.app->frame().find_target(id);
        const auto* label = k.app->frame().find_text(id == std::string("back") ? "Back" : "Home");
        REQUIRE(button);
        REQUIRE(label);
        CHECK(label->text.find("…") == std::string::npos);
        CHECK(label->max.x <= button->max.x);
    }
    // Large text: the domain tiles drop to one column so no name is cut.
    const auto* a = k.app->frame().find_target("domain/employment");
    const auto* b = k.app->frame().find_target("domain/social-assistance");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(b->min.y > a->max.y);
}

TEST_CASE("an unknown theme or language starts the kiosk on the defaults and says so", "[look][ui]") {
    LogCatcher log;
    Kiosk k(1080, 1920, [](Config& c) {
        c.theme = "neon";
        c.language = "fr";
    });
    CHECK(k.app->theme().name == "standard");
    CHECK(k.app->strings().language == "zh-CN");
    CHECK(log.said("unknown [display] theme \"neon\" (known: standard, large, high-contrast); using standard"));
    CHECK(log.said("unknown [display] language \"fr\" (known: zh-CN, en); using zh-CN"));
    CHECK(k.app->frame().find_text("返回"));
}

TEST_CASE("every screen in the registry parses its own route, and nothing else parses", "[look][registry]") {
    for (const ScreenSpec& spec : screen_registry()) {
        INFO(spec.name);
        REQUIRE(spec.draw);
        REQUIRE(spec.title);
        REQUIRE((spec.panel_height == nullptr) == (spec.draw_panel == nullptr));
        const std::string route = spec.takes_id ? std::string(spec.name) + "/x" : std::string(spec.name);
        if (!spec.deep_link) {
            // The staff panel's screens: reachable only from inside the kiosk (staff.h).
            CHECK(spec.staff);
            CHECK_FALSE(Route::parse(route));
            CHECK_FALSE(Route::parse(std::string(spec.name) + "/x"));
            continue;
        }
        CHECK_FALSE(spec.staff);
        auto parsed = Route::parse(route);
        REQUIRE(parsed);
        CHECK(parsed->screen == spec.name);
        CHECK(parsed->str() == route);
        CHECK(&screen_spec(spec.name) == &spec);
        if (spec.takes_id && !spec.id_optional) CHECK_FALSE(Route::parse(spec.name));
        if (!spec.takes_id) CHECK_FALSE(Route::parse(std::string(spec.name) + "/x"));
    }
    CHECK_FALSE(Route::parse("nowhere"));
    CHECK_FALSE(Route::parse("nowhere/x"));
    CHECK(Route::parse("")->is("home"));
    CHECK(Route::parse("search/低保")->id == "低保");
}

TEST_CASE("a write lock held by another process does not freeze the screen, and the write lands when it is released",
          "[ui][cache][writer]") {
    Kiosk k;
    k.tap("search");
    for (const char* key : {"key/q", "key/x", "key/z"}) k.tap(key);
    REQUIRE(k.app->search_view().rows.empty());

    // Another connection holds the write lock, as gongkai-sync does while installing.
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(k.dir.file("cache.db").c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

    // Leaving search queues the miss; the tap is answered at once (the write would wait
    // up to the 10-s busy timeout on the frame loop).
    ImVec2 p = k.center_of("home");
    k.push_finger(SDL_FINGERDOWN, p);
    k.push_finger(SDL_FINGERUP, p);
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 6; i++) k.app->step(false);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(k.app->route().is("home"));
    CHECK(seconds < 2.0);
    CHECK_FALSE(k.app->idle());  // the write is still queued behind the lock

    REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
    k.app->settle();
    CHECK(k.app->idle());
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(other, "SELECT query, count FROM search_misses", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "qxz");
    sqlite3_finalize(st);
    sqlite3_close(other);
}

TEST_CASE("a 5000x5000 screenshot renders: type sizes beyond the glyph rasteriser's limit are clamped", "[cli][fonts]") {
    // ImGui 1.86's FreeType builder overran its 256-KiB glyph buffer here (heap corruption
    // in FT_Load_Glyph under ASan) before sizes were clamped to kMaxGlyphEmPx.
    TempDir dir;
    write_file(dir.file("g.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    Run r = kiosk_cli("--config " + dir.file("g.toml") + " --screenshot " + dir.file("big.png") + " --size 5000x5000");
    REQUIRE(r.status == 0);
    CHECK(r.err.find("clamped to 170 px") != std::string::npos);
    std::string png = slurp(dir.file("big.png"));
    REQUIRE(png.size() > 24);
    CHECK(png.substr(1, 3) == "PNG");
}

TEST_CASE("a screenshot that cannot be written is FileWriteFailed, with the path and the reason", "[cli]") {
    TempDir dir;
    write_file(dir.file("g.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    Run r = kiosk_cli("--config " + dir.file("g.toml") + " --screenshot " + dir.file("no/such/dir/x.png"));
    CHECK(r.status == 1);
    CHECK(r.err.find("FileWriteFailed: a file could not be written (" + dir.file("no/such/dir/x.png") +
                   ": No such file or directory)") != std::string::npos);
}

TEST_CASE("a screenshot whose write fails leaves the path as it was: a symlink is not removed", "[cli]") {
    TempDir dir;
    write_file(dir.file("g.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    // /dev/full takes the open and refuses every write (ENOSPC), as a full disk would.
    std::filesystem::create_symlink("/dev/full", dir.file("full.png"));
    Run r = kiosk_cli("--config " + dir.file("g.toml") + " --screenshot " + dir.file("full.png") + " --size 320x320");
    CHECK(r.status == 1);
    CHECK(r.err.find("FileWriteFailed") != std::string::npos);
    CHECK(std::filesystem::is_symlink(dir.file("full.png")));
    CHECK(std::filesystem::exists("/dev/full"));
}

TEST_CASE("a directory row's summary is stored as its content elements and labelled by the kiosk in its language",
          "[look][strings]") {
    for (const char* language : {"zh-CN", "en"}) {
        INFO(language);
        Kiosk k(1080, 1920, [&](Config& c) { c.language = language; });
        k.app->navigate(Route::domain("social-assistance"));
        k.app->settle();
        const ItemSummary* row = nullptr;
        for (auto& it : k.app->items().domain("social-assistance"))
            if (it.kind == ItemKind::Directory && !row) row = &it;
        REQUIRE(row);
        CHECK(row->summary.find("公开内容") == std::string::npos);  // data, not a label
        const std::string label = std::string(language) == "en" ? "Published: " : "公开内容：";
        CHECK(k.app->frame().find_text(label + row->summary.substr(0, row->summary.find("、"))));
    }
}

TEST_CASE("every colour pair the screens draw text with is at least 4.5:1 in every theme", "[look][theme]") {
    CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == Approx(21.0));
    CHECK(contrast_ratio(IM_COL32(0xFF, 0xFF, 0xFF, 255), IM_COL32(0xFF, 0xD8, 0x00, 255)) == Approx(1.39).margin(0.01));  // what the keys had before
    for (const Theme& theme : {standard_theme(), high_contrast_theme()}) {
        for (const ColourPair& pair : text_colour_pairs(theme)) {
            INFO(theme.name << ": " << pair.name << " " << contrast_ratio(pair.fg, pair.bg));
            CHECK(contrast_ratio(pair.fg, pair.bg) >= 4.5);
        }
    }
}
