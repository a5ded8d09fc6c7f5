// The kiosk driven by real SDL finger and mouse events through its own loop.
#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "bundle.h"
#include "damaged_cache.h"
#include "kiosk_fixture.h"
#include "sqlite_db.h"
#include "synthetic.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("tapping a domain tile with a finger opens that domain", "[ui][touch]") {
    Kiosk k;
    CHECK(k.app->route().str() == "home");
    k.tap("domain/social-assistance");
    CHECK(k.app->route().str() == "domain/social-assistance");
    CHECK(k.app->frame().find_text("最低生活保障申请"));
}

TEST_CASE("a mouse click opens a domain as a tap does", "[ui][mouse]") {
    Kiosk k;
    k.click("domain/household-registration");
    CHECK(k.app->route().str() == "domain/household-registration");
}

TEST_CASE("a tap whose down and up arrive within one frame is not lost", "[ui][touch]") {
    Kiosk k;
    ImVec2 p = k.center_of("domain/employment");
    k.push_finger(SDL_FINGERDOWN, p);
    k.push_finger(SDL_FINGERUP, p);
    // Frame 1 shows ImGui the press, frame 2 the release: the button fires.
    k.app->step(false);
    k.app->step(false);
    CHECK(k.app->route().str() == "domain/employment");
}

TEST_CASE("tap an item, then Back returns to the domain and Home returns home", "[ui][touch]") {
    Kiosk k;
    k.tap("domain/social-assistance");
    k.tap("item/dibao-apply");
    CHECK(k.app->route().str() == "item/dibao-apply");
    CHECK(k.app->frame().find_text("办事要点"));
    k.tap("back");
    CHECK(k.app->route().str() == "domain/social-assistance");
    k.tap("item/dibao-apply");
    k.tap("home");
    CHECK(k.app->route().str() == "home");
    // Back at home stays home.
    k.tap("back");
    CHECK(k.app->route().str() == "home");
}

TEST_CASE("Back and Home are in the same place and at least 80x80 px on every screen", "[ui]") {
    Kiosk k;
    auto rects = [&] { return std::pair(*k.app->frame().find_target("back"), *k.app->frame().find_target("home")); };
    auto [back0, home0] = rects();
    for (auto& t : {back0, home0}) {
        CHECK(t.max.x - t.min.x >= 80);
        CHECK(t.max.y - t.min.y >= 80);
    }
    k.tap("domain/social-assistance");
    k.tap("item/dibao-apply");
    auto [back1, home1] = rects();
    CHECK(back1.min.x == back0.min.x);
    CHECK(back1.min.y == back0.min.y);
    CHECK(home1.min.x == home0.min.x);
    CHECK(home1.max.y == home0.max.y);
}

TEST_CASE("every tap target on the domain and item screens is at least 80 px high", "[ui]") {
    Kiosk k;
    k.tap("domain/social-insurance");
    for (auto& t : k.app->frame().targets) {
        INFO(t.id);
        // Targets cut by the screen's edge are only partly visible; whole ones must be large.
        if (t.min.y > 160 && t.max.y < k.h - 1) CHECK(t.max.y - t.min.y >= 80);
    }
}

TEST_CASE("dragging a list scrolls it by the finger's travel and does not tap what it started on", "[ui][touch][scroll]") {
    Kiosk k;
    k.tap("domain/social-insurance");
    // The second card on the page: below the bar and its toggles, clear of both.
    std::vector<std::string> cards;
    for (auto& t : k.app->frame().targets)
        if (t.id.starts_with("item/")) cards.push_back(t.id);
    REQUIRE(cards.size() >= 2);
    ImVec2 start = k.center_of(cards[1]);
    REQUIRE(k.app->scroll_y() == 0);
    // 600 px up in 30 slow moves, then a rest before lifting: a placement, no fling.
    k.drag(start, -600, 30, 12, 150);
    k.app->settle();
    CHECK(k.app->route().str() == "domain/social-insurance");
    // The first 28 px are the tap slop; from there the content follows the finger 1:1.
    CHECK(k.app->scroll_y() >= 600 - 28 - 20);
    CHECK(k.app->scroll_y() <= 600);
}

TEST_CASE("a flick keeps the page moving after the finger lifts, then it stops", "[ui][touch][scroll]") {
    Kiosk k;
    k.tap("domain/social-insurance");
    k.drag(ImVec2(540, 1500), -500, 10, 10, 0, false);  // 500 px in 100 ms: 5000 px/s
    float at_release = k.app->scroll_y();
    k.app->settle(200);
    CHECK(k.app->idle());
    CHECK(k.app->scroll_y() > at_release + 300);
    CHECK(k.app->route().str() == "domain/social-insurance");
}

TEST_CASE("a tap during a fling stops the page and opens nothing", "[ui][touch][scroll]") {
    Kiosk k;
    k.tap("domain/social-insurance");
    k.drag(ImVec2(540, 1500), -500, 10, 10, 0, false);
    k.app->step(false);
    k.app->step(false);
    ImVec2 p(540, 1000);
    k.push_finger(SDL_FINGERDOWN, p);
    k.push_finger(SDL_FINGERUP, p);
    k.app->settle(200);
    float stopped = k.app->scroll_y();
    CHECK(k.app->route().str() == "domain/social-insurance");
    k.app->settle(20);
    CHECK(k.app->scroll_y() == stopped);
}

// The cards a frame recorded as tap targets on a domain's list.
static std::vector<FrameRecord::Target> cards_drawn(const Kiosk& k) {
    std::vector<FrameRecord::Target> cards;
    for (auto& t : k.app->frame().targets)
        if (t.id.starts_with("item/")) cards.push_back(t);
    return cards;
}

TEST_CASE("a long list draws only the cards in view, each where a full layout puts it, and scrolls to its end", "[ui][scroll][list]") {
    Kiosk k;
    auto install = [&](int per_domain, std::int64_t version, unsigned salt) {
        auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
        REQUIRE(writer);
        REQUIRE_FALSE((*writer)->install(synthetic_catalogue(7 * per_domain, version, salt), "sync"));
        k.app->poll_catalogue_now();
        k.app->settle();
        REQUIRE(k.app->index().info.version == version);
    };
    install(3000, 2, 1);
    const Route list{"domain", "social-assistance"};
    k.app->navigate(list);
    k.app->settle();
    const auto drawn = cards_drawn(k);  // only the rows in view, placed from the kept layout
    const float drawn_max = k.app->scroll_max_y();
    // Opening the page again lays out every row anew: its first frame draws all 3,000.
    k.app->navigate(list);
    k.app->step(false);
    const auto laid_out = cards_drawn(k);
    k.app->step(false);  // ImGui sizes a page from the frame before: the one that drew every row
    CHECK(k.app->scroll_max_y() == drawn_max);
    REQUIRE(drawn.size() == laid_out.size());
    for (size_t i = 0; i < drawn.size(); i++) {
        CHECK(drawn[i].id == laid_out[i].id);
        CHECK(drawn[i].min.y == laid_out[i].min.y);
        CHECK(drawn[i].max.y == laid_out[i].max.y);
    }
    CHECK(drawn_max > 3000 * 120);  // a card is at least 120 px high
    CHECK(drawn.size() <= 1920 / 120 + 1);
    k.app->settle();

    SECTION("a card moves by exactly the scroll") {
        const FrameRecord::Target low = drawn.back();
        k.drag(ImVec2(540, 1500), -700, 30, 12, 150);
        k.app->settle();
        const float scrolled = k.app->scroll_y();
        REQUIRE(scrolled > 600);
        const FrameRecord::Target* moved = k.app->frame().find_target(low.id);
        REQUIRE(moved);
        CHECK(moved->min.y == Approx(low.min.y - scrolled).margin(1));  // its top: the bottom was clipped
    }
    SECTION("a list laid out for the old catalogue is laid out again for a new one of the same length") {
        const std::string first_before = drawn.front().id.substr(std::strlen("item/"));
        REQUIRE(k.app->items().find(first_before));
        const std::string before = k.app->items().find(first_before)->title;
        install(3000, 3, 2);  // the same ids, other titles
        const auto now_drawn = cards_drawn(k);
        REQUIRE_FALSE(now_drawn.empty());
        const std::string first_id = now_drawn.front().id.substr(std::strlen("item/"));
        const ItemSummary* first = k.app->items().find(first_id);
        REQUIRE(first);
        CHECK(k.app->items().find(first_before)->title != before);
        CHECK(k.app->frame().find_text(first->title));
    }
    SECTION("a short list's last card can be scrolled to and tapped") {
        install(40, 4, 3);
        k.app->settle();
        for (int i = 0; i < 20 && k.app->scroll_y() < k.app->scroll_max_y(); i++) {
            k.drag(ImVec2(540, 1500), -1000, 20, 8, 100);
            k.app->settle();
        }
        REQUIRE(k.app->scroll_y() == k.app->scroll_max_y());
        const auto at_end = cards_drawn(k);
        REQUIRE_FALSE(at_end.empty());
        std::string last_row;
        for (const ItemSummary& item : k.app->items().domain("social-assistance"))
            if (item.kind != ItemKind::Guide && item.guide_id.empty()) last_row = "item/" + item.id;
        CHECK(at_end.back().id == last_row);
        k.tap(last_row);
        CHECK(k.app->route().str() == last_row);
    }
}

TEST_CASE("a second finger while one is down is ignored", "[ui][touch]") {
    Kiosk k;
    ImVec2 a = k.center_of("domain/employment"), b = k.center_of("domain/health");
    k.push_finger(SDL_FINGERDOWN, a, 1);
    k.push_finger(SDL_FINGERDOWN, b, 2);
    k.push_finger(SDL_FINGERUP, b, 2);
    k.push_finger(SDL_FINGERUP, a, 1);
    k.app->settle();
    CHECK(k.app->route().str() == "domain/employment");
}

TEST_CASE("a running kiosk shows a newly installed catalogue without restarting, new characters included", "[ui][cache]") {
    Kiosk k;
    k.tap("domain/social-assistance");
    REQUIRE_FALSE(k.app->fonts().body->FindGlyphNoFallback(u'鑫'));  // not in the demo catalogue
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = 5;
    for (auto& item : cat->items)
        if (item.id == "dibao-apply") item.summary = "新版本的说明：低保每月发放到本人账户（鑫）。";
    {
        // gongkai-sync's write path: another connection, one transaction.
        auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
        REQUIRE(writer);
        REQUIRE_FALSE((*writer)->install(*cat, "sync"));
    }
    k.app->poll_catalogue_now();
    k.app->settle();
    CHECK(k.app->index().info.version == 5);
    CHECK(k.app->route().str() == "domain/social-assistance");
    CHECK(k.app->frame().find_text("新版本的说明"));
    // The glyph atlas was rebuilt from the new catalogue's characters.
    CHECK(k.app->fonts().body->FindGlyphNoFallback(u'鑫'));
}

TEST_CASE("an idle kiosk draws no frames", "[ui][idle]") {
    Kiosk k;
    int drawn = k.app->frames_drawn();
    for (int i = 0; i < 5; i++) k.app->step(false);
    CHECK(k.app->frames_drawn() == drawn);
}

TEST_CASE("a catalogue past its signed expiry shows a visible out-of-date notice on every screen", "[ui][sync]") {
    Kiosk k;
    CHECK_FALSE(k.app->frame().find_text("可能不是最新"));
    {
        auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
        REQUIRE_FALSE((*writer)->set_state(kStateCatalogueExpires, "2026-01-01T00:00:00Z"));
    }
    k.app->poll_catalogue_now();
    k.app->settle();
    CHECK(k.app->frame().find_text("可能不是最新"));
    k.tap("domain/health");
    CHECK(k.app->frame().find_text("可能不是最新"));
}

TEST_CASE("search by on-screen keys: typing pinyin shows matching items, tapping one opens it", "[ui][search]") {
    Kiosk k;
    k.tap("search");
    CHECK(k.app->route().str() == "search");
    CHECK(k.app->frame().find_target("key/q"));
    for (const char* key : {"key/d", "key/i", "key/b", "key/a", "key/o"}) k.tap(key);
    CHECK(k.app->search_view().query == "dibao");
    REQUIRE_FALSE(k.app->search_view().rows.empty());
    CHECK(k.app->search_view().rows[0].title == "最低生活保障申请");
    k.tap("key/backspace");
    CHECK(k.app->search_view().query == "diba");
    k.tap("key/o");
    k.tap("item/dibao-apply");
    CHECK(k.app->route().str() == "item/dibao-apply");
    // Back returns to the search with its query.
    k.tap("back");
    CHECK(k.app->route().is("search"));
}

TEST_CASE("every on-screen key is at least 80x80 px, in portrait and in landscape", "[ui][search]") {
    auto [w, h] = GENERATE(std::pair{1080, 1920}, std::pair{1920, 1080});
    Kiosk k(w, h);
    k.tap("search");
    int keys = 0;
    for (auto& t : k.app->frame().targets) {
        if (t.id.rfind("key/", 0) != 0) continue;
        keys++;
        INFO(t.id);
        CHECK(t.max.x - t.min.x >= 80);
        CHECK(t.max.y - t.min.y >= 80);
    }
    CHECK(keys == 10 + 10 + 9 + 7 + 3 + 2);  // and the two mode keys, 拼音 and 手写
}

TEST_CASE("a physical keyboard or IME types into the search (SDL text input)", "[ui][search]") {
    Kiosk k;
    k.tap("search");
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    std::strcpy(e.text.text, "身份证");
    SDL_PushEvent(&e);
    k.app->settle();
    CHECK(k.app->search_view().query == "身份证");
    REQUIRE_FALSE(k.app->search_view().rows.empty());
    CHECK(k.app->frame().find_text("身份证"));
}

TEST_CASE("a domain chip filters the results to that domain", "[ui][search]") {
    Kiosk k;
    k.tap("search");
    for (const char* key : {"key/s", "key/h", "key/e", "key/n", "key/q", "key/i", "key/n", "key/g"}) k.tap(key);
    size_t all = k.app->search_view().rows.size();
    k.tap("chip/health");
    CHECK(k.app->search_view().domain_id == "health");
    CHECK(k.app->search_view().rows.size() < all);
    for (auto& r : k.app->search_view().rows) CHECK(r.domain == "医疗卫生");
}

TEST_CASE("a search that found little is counted per day, query and count only", "[ui][search]") {
    Kiosk k;
    k.tap("search");
    for (const char* key : {"key/x", "key/q", "key/z", "key/x"}) k.tap(key);
    CHECK(k.app->search_view().rows.empty());
    k.tap("home");
    auto cache = Cache::open(k.dir.file("cache.db"), CacheMode::ReadOnly);
    REQUIRE(cache);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2((*cache)->handle(), "SELECT query, count, results FROM search_misses", -1, &st, nullptr);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "xqzx");
    CHECK(sqlite3_column_int(st, 1) == 1);
    CHECK(sqlite3_column_int(st, 2) == 0);
    sqlite3_finalize(st);
}

TEST_CASE("a cache file replaced under a running kiosk is read anew, and a removed one keeps the last catalogue shown",
          "[ui][cache][hostile]") {
    Kiosk k;
    k.tap("domain/social-assistance");
    // A restore from backup: another file, with another catalogue, renamed over the cache.
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = 7;
    {
        auto other = Cache::open(k.dir.file("restored.db"), CacheMode::ReadWrite);
        REQUIRE(other);
        REQUIRE_FALSE((*other)->install(*cat, "sync"));
    }
    std::filesystem::rename(k.dir.file("restored.db"), k.dir.file("cache.db"));
    std::filesystem::remove(k.dir.file("cache.db-wal"));
    std::filesystem::remove(k.dir.file("cache.db-shm"));
    LogCatcher log;
    k.app->poll_catalogue_now();
    k.app->settle();
    CHECK(k.app->index().info.version == 7);
    CHECK(log.said("was replaced or created; reading it"));
    CHECK(k.app->frame().find_text("最低生活保障申请"));
    // Removed: the screen keeps what it shows, and says so once.
    std::filesystem::remove(k.dir.file("cache.db"));
    k.app->poll_catalogue_now();
    k.app->settle();
    CHECK(k.app->index().info.version == 7);
    CHECK(log.said("was removed; still showing the catalogue read from it"));
    k.tap("item/dibao-apply");
    CHECK(k.app->route().str() == "item/dibao-apply");
}

TEST_CASE("a cache damaged where the first frame does not read is found after it, moved aside, and the demo shown", "[ui][cache][hostile]") {
    TempDir dir;
    const std::string path = dir.file("cache.db");
    install_synced_demo(path);
    // The root page of the search text, which home never reads.
    damage_page(path, std::stoll(ask(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'search_docs'")));

    LogCatcher log;
    {
        // Opened as the kiosk opens it, the file shows its catalogue on the first frame …
        auto opened = open_cache_with_fallback(path, demo_bundle(), CacheCheck::Later);
        REQUIRE(opened);
        CHECK_FALSE(opened->recovered_from_damage);
        CHECK(opened->cache->load_index()->info.version == 100);
        // … which the whole-file check at open would have refused.
        auto checked = Cache::open(path, CacheMode::ReadOnly);
        REQUIRE(checked);
        CHECK((*checked)->check_integrity().code == CatalogueError::CacheCorrupt);
    }
    CHECK_FALSE(log.said("CacheCorrupt"));
    // The running kiosk checks after its first frame: the file goes aside, the demo comes.
    Kiosk k(1080, 1920, [&](Config& c) { c.cache_path = path; });
    for (int i = 0; i < 500 && (!k.app->cache_checked() || k.app->index().info.source != "demo"); i++) {
        k.app->step(false);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(k.app->cache_checked());
    CHECK(log.said("cache: CacheCorrupt:"));
    CHECK(log.said("moved the damaged cache to " + path + ".corrupt-"));
    CHECK(k.app->index().info.source == "demo");
    bool aside = false;
    for (auto& e : std::filesystem::directory_iterator(dir.path))
        if (e.path().filename().string().starts_with("cache.db.corrupt-") && !e.path().filename().string().ends_with("-shm") &&
            !e.path().filename().string().ends_with("-wal")) aside = true;
    CHECK(aside);
    k.app->settle();
    CHECK(k.app->frame().find_target("domain/social-assistance"));
}

TEST_CASE("a sound cache passes the check after the first frame and stays", "[ui][cache]") {
    LogCatcher log;
    Kiosk k;
    for (int i = 0; i < 500 && !k.app->cache_checked(); i++) {
        k.app->step(false);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(k.app->cache_checked());
    CHECK_FALSE(log.said("CacheCorrupt"));
    CHECK_FALSE(log.said("moved the damaged cache"));
    CHECK(std::filesystem::exists(k.dir.file("cache.db")));
}

TEST_CASE("a domain whose list cannot be read says so and offers the next steps, not a blank page", "[ui][cache][hostile]") {
    LogCatcher log;
    Kiosk k;
    {
        // A guide's stored JSON broken by hand under the running kiosk (the catalogue's
        // identity unchanged, so it keeps the index it has): no domain's rows can be read.
        auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
        REQUIRE(writer);
        REQUIRE(sqlite3_exec((*writer)->handle(), "UPDATE items SET body = '{\"links\": [' WHERE id = 'dibao-apply'", nullptr, nullptr,
                             nullptr) == SQLITE_OK);
    }
    k.app->navigate(Route::domain("health"));
    k.app->settle();
    CHECK(k.app->frame().find_text(k.app->strings().list_unavailable));
    CHECK(k.app->frame().find_target("next.help"));
    CHECK(k.app->frame().find_target("next.home"));
    CHECK(log.said("could not read the items of health"));
    // With GONGKAI_SCREENSHOT_DIR set, writes what a resident sees (docs/screenshots/list-unavailable.png).
    if (const char* dir = std::getenv("GONGKAI_SCREENSHOT_DIR"); dir && *dir)
        REQUIRE_FALSE(k.app->save_screenshot((std::filesystem::path(dir) / "list-unavailable.png").string()));
}
