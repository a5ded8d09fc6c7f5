// Board mode (公示栏, kiosk/board.h) on the real app: a scripted week stepped through the
// kiosk's wall clock a minute at a time — what is on screen at every minute is what the
// hall's hours and the notices' windows say, across midnight, a holiday, a worked Sunday
// and the change of year — and the rotation's dwell, paging and touch pause.
//
// With GONGKAI_SCREENSHOT_DIR set, [screenshots] tests write what they show there
// (docs/board.md: how docs/screenshots/board-*.png were made).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "bundle.h"
#include "clock.h"
#include "kiosk_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// 2026-12-28T00:00:00+08:00, a Monday, written out (python: datetime(2026,12,28,tzinfo=+8).timestamp()):
// the week's times below are this plus whole minutes, not computed by the code under test.
constexpr std::time_t kWeekStart = 1798387200;
constexpr std::time_t at(int day, int hour, int minute) { return kWeekStart + day * 86400 + hour * 3600 + minute * 60; }

// The hall: mornings and afternoons on weekdays with a lunch break, Saturday morning, New
// Year's Day (Friday) a holiday, and Sunday 3 January worked (调休).
void hall(Config& cfg) {
    cfg.mode = DeviceMode::Board;
    for (const char* e : {"mon-fri 08:30-11:30,13:00-17:00", "sat 09:00-12:00"}) REQUIRE(cfg.hall_schedule.add_weekly(e).empty());
    REQUIRE(cfg.hall_schedule.add_closed("2027-01-01").empty());
    REQUIRE(cfg.hall_schedule.add_open_date("2027-01-03 09:00-17:00").empty());
}

// The oracle for the hall's hours, written as a table of the week.
bool expected_open(std::time_t t) {
    const int day = static_cast<int>((t - kWeekStart) / 86400), minute = static_cast<int>((t - kWeekStart) % 86400 / 60);
    auto in = [&](int h0, int m0, int h1, int m1) { return minute >= h0 * 60 + m0 && minute < h1 * 60 + m1; };
    switch (day) {
    case 0: case 1: case 2: case 3: return in(8, 30, 11, 30) || in(13, 0, 17, 0);  // Mon 28 – Thu 31 Dec
    case 4: return false;                                                          // Fri 1 Jan: holiday
    case 5: return in(9, 0, 12, 0);                                                // Sat 2 Jan
    case 6: return in(9, 0, 17, 0);                                                // Sun 3 Jan, worked
    default: return false;
    }
}

Notice notice(std::string id, std::string title, std::string from, std::string until, std::string body = "本通知的正文。") {
    Notice n;
    n.id = std::move(id);
    n.title = std::move(title);
    n.body = std::move(body);
    n.valid_from = std::move(from);
    n.valid_until = std::move(until);
    return n;
}

// The week's notices and, for each, when it is in force (the oracle, in kWeekStart minutes).
struct Expected { std::string id; std::time_t from, until; };
std::vector<Notice> week_notices() {
    return {
        notice("standing", "本屏信息免费查阅", "", ""),
        notice("two-days", "12月29日至30日停水通知", "2026-12-29", "2026-12-30"),
        notice("lunchtime", "12月31日中午系统升级", "2026-12-31T10:00", "2026-12-31T14:30"),
        notice("new-year", "元旦假期安排", "2027-01-01", "2027-01-03"),
        notice("expired", "已经结束的通知", "", "2026-12-27"),
        notice("future", "下周的通知", "2027-01-04", ""),
    };
}
std::vector<Expected> week_windows() {
    const std::time_t never = at(100, 0, 0);
    return {
        {"standing", 0, never},
        {"two-days", at(1, 0, 0), at(3, 0, 0)},
        {"lunchtime", at(3, 10, 0), at(3, 14, 30)},
        {"new-year", at(4, 0, 0), at(7, 0, 0)},
        {"expired", 0, 0},
        {"future", at(7, 0, 0), never},
    };
}

void install(Kiosk& k, std::vector<Notice> notices, std::vector<Interpretation> interpretations = {}) {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = 11;
    cat->notices = std::move(notices);
    cat->interpretations = std::move(interpretations);
    {
        auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
        REQUIRE(writer);
        REQUIRE_FALSE((*writer)->install(*cat, "sync"));
    }
    k.app->poll_catalogue_now();
    k.app->settle();
    REQUIRE(k.app->index().info.version == 11);
}

void show(Kiosk& k, std::time_t t) {
    k.app->set_wall_clock(static_cast<std::int64_t>(t) * 1000);
    k.app->settle();
}

int count_lines(const std::string& path, const std::string& line) {
    std::ifstream in(path);
    int n = 0;
    for (std::string l; std::getline(in, l);) n += l == line;
    return n;
}

}  // namespace

TEST_CASE("a board stepped through a scripted week a minute at a time shows exactly what is in force while the hall is open, and nothing otherwise", "[board]") {
    TempDir out;
    const std::string power_log = out.file("power.log");
    Kiosk k(1920, 1080, [&](Config& cfg) {
        hall(cfg);
        cfg.board_display_off_command = "echo off >> " + power_log;
        cfg.board_display_on_command = "echo on >> " + power_log;
    }, kWeekStart);
    REQUIRE(k.app->route().is("board"));
    CHECK(std::string(k.app->display_power().method()) == "command");
    install(k, week_notices());
    const auto windows = week_windows();

    bool was_on = true;  // the display starts on; the kiosk switches it off at 00:00 Monday
    int offs = 0, ons = 0, minutes_open = 0;
    std::set<std::string> seen;
    for (std::time_t t = kWeekStart; t < at(7, 0, 0); t += 60) {
        k.app->set_wall_clock(static_cast<std::int64_t>(t) * 1000);
        const BoardView& v = k.app->board();
        const bool open = expected_open(t);
        INFO("at " << district_date(t) << " minute " << (t - kWeekStart) % 86400 / 60);
        REQUIRE(v.open == open);
        if (open != was_on) (open ? ons : offs)++;
        was_on = open;
        if (!open) {
            REQUIRE_FALSE(v.has_slide);
            continue;
        }
        minutes_open++;
        REQUIRE(v.has_slide);
        std::set<std::string> in_force;
        for (const Expected& e : windows)
            if (t >= e.from && t < e.until) in_force.insert(e.id);
        REQUIRE(in_force.count(v.slide.id) == 1);
        REQUIRE(v.count == static_cast<int>(in_force.size()));
        seen.insert(v.slide.id);
        // Every hour on the hour, a frame: its title is what the screen shows.
        if (t % 3600 == 0) {
            k.app->settle();
            const Notice* shown = nullptr;
            for (const Notice& n : k.app->index().notices)
                if (n.id == v.slide.id) shown = &n;
            REQUIRE(shown);
            CHECK(k.app->frame().find_text(shown->title));
        }
    }
    CHECK(minutes_open == (4 * 7 * 60 + 3 * 60 + 8 * 60));
    // Each notice in force during opening hours came round; the others never did.
    CHECK(seen == std::set<std::string>{"standing", "two-days", "lunchtime", "new-year"});
    // The display was switched off at each closing and on at each opening, by the commands:
    // off at Monday 00:00, then on/off twice a day Monday to Thursday (the lunch break),
    // once on Saturday and once on the worked Sunday.
    CHECK(offs == 1 + 4 * 2 + 1 + 1);
    CHECK(ons == 4 * 2 + 1 + 1);
    for (int i = 0; i < 100 && count_lines(power_log, "off") + count_lines(power_log, "on") < offs + ons; i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(count_lines(power_log, "off") == offs);
    CHECK(count_lines(power_log, "on") == ons);
}

TEST_CASE("the board rotates every notice in catalogue order, dwells longer on longer pages within the bounds, pages a long notice, and a touch holds the page", "[board]") {
    Kiosk k(1920, 1080, hall, at(0, 10, 0));
    std::string long_body;
    for (int i = 1; i <= 14; i++)
        long_body += "第" + std::to_string(i) + "段：按照本区政务公开标准化规范化工作要求，本栏目公开的事项均以原文为准，如有疑问请咨询窗口工作人员。\n";
    install(k, {notice("a", "短通知甲", "", "", "请带身份证。"), notice("b", "短通知乙", "", "", "周六上午照常办理。"),
                notice("long", "一份很长的通知", "", "", long_body),
                notice("c", "较长的通知丙", "", "", std::string(30, 'x') + "本通知说明办理社会救助的材料、流程和时限，请仔细阅读并按要求准备。本通知说明办理社会救助的材料、流程和时限，请仔细阅读并按要求准备。")});
    screenshot_if_asked(k, "board-rotation-start");
    // One second at a time for ten minutes, a frame each second, as the running board draws.
    struct Shown { std::string id; int page, pages; std::time_t from, to; };
    std::vector<Shown> shown;
    for (std::time_t t = at(0, 10, 0); t < at(0, 10, 10); t++) {
        show(k, t);
        const BoardView& v = k.app->board();
        REQUIRE(v.has_slide);
        if (shown.empty() || shown.back().id != v.slide.id || shown.back().page != v.page) shown.push_back({v.slide.id, v.page, v.pages, t, t});
        shown.back().to = t + 1;
        if (v.slide.id == "long" && v.page == 1 && shown.size() > 1 && shown[shown.size() - 2].page == 0) screenshot_if_asked(k, "board-long-page-2");
    }
    REQUIRE(shown.size() > 8);
    // Order: a, b, long (each page), c, then a again.
    const std::vector<std::string> order = {"a", "b", "long", "c"};
    for (size_t i = 1; i < shown.size(); i++) {
        const Shown &prev = shown[i - 1], &cur = shown[i];
        if (cur.id == prev.id) {
            CHECK(cur.page == prev.page + 1);
            continue;
        }
        const size_t p = std::find(order.begin(), order.end(), prev.id) - order.begin();
        CHECK(cur.id == order[(p + 1) % order.size()]);
        CHECK(cur.page == 0);
        CHECK(prev.page == prev.pages - 1);  // a slide leaves only after its last page
    }
    // Dwell: whole pages (not the first and last, cut by the window) within min and max;
    // a short notice gets the minimum, a full page of text more.
    std::map<std::string, std::time_t> dwell;
    int long_pages = 0;
    for (size_t i = 1; i + 1 < shown.size(); i++) {
        const std::time_t d = shown[i].to - shown[i].from;
        INFO(shown[i].id << " page " << shown[i].page << " shown " << d << " s");
        CHECK(d >= 8);
        CHECK(d <= 40 + 1);
        dwell[shown[i].id + "/" + std::to_string(shown[i].page)] = d;
        if (shown[i].id == "long") long_pages = std::max(long_pages, shown[i].pages);
    }
    CHECK(long_pages >= 2);
    CHECK(dwell["a/0"] == 8);
    CHECK(dwell["long/0"] > dwell["a/0"]);

    // A touch holds the page for pause_s (60 s), then the rotation goes on.
    const std::time_t touch_at = at(0, 10, 10);
    show(k, touch_at);
    const std::string held = k.app->board().slide.id;
    const int held_page = k.app->board().page;
    k.push_finger(SDL_FINGERDOWN, ImVec2(960, 540));
    k.push_finger(SDL_FINGERUP, ImVec2(960, 540));
    k.app->settle();
    REQUIRE(k.app->board().paused);
    for (std::time_t t = touch_at; t < touch_at + 59; t += 5) {
        show(k, t);
        CHECK(k.app->board().slide.id == held);
        CHECK(k.app->board().page == held_page);
        CHECK(k.app->board().paused);
    }
    show(k, touch_at + 30);
    CHECK(k.app->frame().find_text("已暂停，30 秒后继续播放"));
    screenshot_if_asked(k, "board-paused");
    show(k, touch_at + 61);
    CHECK_FALSE(k.app->board().paused);
    show(k, touch_at + 61 + 41);
    CHECK_FALSE((k.app->board().slide.id == held && k.app->board().page == held_page));
}

TEST_CASE("urgent notices that come into force together are each shown first for a full page, and a slide that ends hands on to the one after it", "[board][urgent]") {
    Kiosk k(1920, 1080, [](Config& cfg) {
        hall(cfg);
        cfg.board_urgent_every = 50;  // no repeat in these four minutes: the regular order is plain
    }, at(0, 10, 0));
    auto urgent = [](std::string id, std::string title) {
        Notice n = notice(std::move(id), std::move(title), "", "2026-12-31");
        n.urgent = true;
        return n;
    };
    install(k, {notice("a", "通知甲", "", ""), notice("b", "通知乙", "", "2026-12-28T10:01"), notice("c", "通知丙", "", ""),
                notice("d", "通知丁", "", ""), urgent("u1", "紧急一"), urgent("u2", "紧急二")});
    struct Shown { std::string id; std::time_t from, to; };
    std::vector<Shown> shown;
    for (std::time_t t = at(0, 10, 0); t < at(0, 10, 4); t++) {
        show(k, t);
        const std::string id = k.app->board().slide.id;
        if (shown.empty() || shown.back().id != id) shown.push_back({id, t, t});
        shown.back().to = t + 1;
    }
    REQUIRE(shown.size() >= 4);
    // Both urgent ones, in catalogue order, each for its whole dwell (8 s for one line).
    CHECK(shown[0].id == "u1");
    CHECK(shown[0].to - shown[0].from >= 8);
    CHECK(shown[1].id == "u2");
    CHECK(shown[1].to - shown[1].from >= 8);
    // b ends at 10:01 while the rotation goes on: each regular slide is followed by the next
    // one in force, in catalogue order — nothing skipped, nothing restarted from the front.
    std::vector<Shown> regular;
    for (const Shown& sh : shown)
        if (sh.id[0] != 'u') regular.push_back(sh);
    REQUIRE(regular.size() >= 6);
    bool b_ended_while_shown = false;
    for (size_t i = 1; i < regular.size(); i++) {
        const bool b_in_force = regular[i].from < at(0, 10, 1);
        std::vector<std::string> order = b_in_force ? std::vector<std::string>{"a", "b", "c", "d"} : std::vector<std::string>{"a", "c", "d"};
        const std::string prev = regular[i - 1].id == "b" && !b_in_force ? "a" : regular[i - 1].id;  // b's place: after a
        b_ended_while_shown |= regular[i - 1].id == "b" && !b_in_force;
        const size_t p = std::find(order.begin(), order.end(), prev) - order.begin();
        INFO("after " << regular[i - 1].id << " at " << regular[i].from - at(0, 10, 0) << " s");
        CHECK(regular[i].id == order[(p + 1) % order.size()]);
    }
    CHECK(b_ended_while_shown);  // 16 s of urgent pages, then 8 s a slide: b is up 56–64 s, ends at 60
}

TEST_CASE("closed dates alone darken a board that has no weekly hours", "[board][config]") {
    Kiosk k(1280, 720, [](Config& cfg) {
        cfg.mode = DeviceMode::Board;
        REQUIRE(cfg.hall_schedule.add_closed("2026-12-29").empty());
    }, at(0, 23, 59));
    CHECK(k.app->board().open);
    show(k, at(1, 0, 0));
    CHECK_FALSE(k.app->board().open);
    show(k, at(2, 0, 0));
    CHECK(k.app->board().open);
}

TEST_CASE("the demo's 低保审核公示 comes round on the board with its masked names during its 公示期, and is gone after it without a sync", "[board][screenshots]") {
    // 2026-12-01 10:00 (a Tuesday, kWeekStart − 27 days): the list is public 2026-11-30 to 2026-12-06.
    const std::time_t tuesday = at(-27, 10, 0);
    Kiosk k(1920, 1080, [](Config& cfg) {
        hall(cfg);
        cfg.site_base_url = "https://gk.xuhui.gov.cn/";
    }, tuesday);
    const Notice* list = nullptr;
    for (const Notice& n : k.app->index().notices)
        if (n.id == "dibao-review-2026-12") list = &n;
    REQUIRE(list);
    REQUIRE(list->results);
    const std::string first_name = list->results->rows.front().front();
    CHECK(first_name.find('*') != std::string::npos);
    // Its pages come round: the text first, then the names under the table's header (on
    // every page the table continues on), the 公示期 under the title on each.
    bool seen = false;
    for (std::time_t t = tuesday; t < tuesday + 600 && !seen; t++) {
        show(k, t);
        seen = k.app->board().slide.id == "dibao-review-2026-12" && k.app->frame().find_text(first_name);
    }
    REQUIRE(seen);
    CHECK(k.app->frame().find_text(list->results->columns.front()));
    CHECK(k.app->frame().find_text("公示期：2026年11月30日至12月6日"));
    screenshot_if_asked(k, "board-result-list");
    // Monday 7 December: the window is over; ten minutes of rotation never show it.
    for (std::time_t t = at(-21, 9, 0); t < at(-21, 9, 10); t += 2) {
        show(k, t);
        REQUIRE(k.app->board().has_slide);
        CHECK(k.app->board().slide.id != "dibao-review-2026-12");
        CHECK_FALSE(k.app->frame().find_text(first_name));
    }
}
