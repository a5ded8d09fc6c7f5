// Issue 11 on the kiosk, through the real app loop: an item page links its 政策解读 and 回应关切
// and each opens by a tap; an interpretation or response opens what it explains; home's
// notices strip filters by the five disclosures; a notice past its end is not listed, and a
// result list past its 公示期 shows no names; a result list in force is readable on a
// portrait screen. The catalogue is the demo plus disclosure_fixture.h's content, installed
// by "another process" (a second cache connection) while the kiosk runs.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "disclosure_fixture.h"
#include "kiosk_fixture.h"
#include "screens/screens.h"
#include "speech/page_sentences.h"
#include "speech/speech_errors.h"
#include "ui_strings.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

const UiStrings& zh = default_ui_strings();

// Installs `cat` into the kiosk's cache from a second connection, as gongkai-sync does, and
// lets the kiosk notice it.
void install(Kiosk& k, const Catalogue& cat) {
    auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
    REQUIRE(writer);
    REQUIRE_FALSE((*writer)->install(cat, "sync"));
    k.app->poll_catalogue_now();
    k.app->settle();
    REQUIRE(k.app->index().info.version == cat.version);
}

// Opens `r` as a new visit, at its top (navigating to the page already shown does nothing).
void go(Kiosk& k, const Route& r) {
    if (k.app->route() == r) {
        k.app->navigate(Route::help());
        k.app->settle();
    }
    k.app->navigate(r);
    k.app->settle();
    REQUIRE(k.app->scroll_y() == 0);
}

// Scrolls down until `target` is on screen at least 60 px tall (a finger's worth), or the page ends.
bool scroll_to_target(Kiosk& k, const std::string& target) {
    for (int i = 0; i < 60; i++) {
        if (const FrameRecord::Target* t = k.app->frame().find_target(target); t && t->max.y - t->min.y >= 60 && t->max.y < k.h - 40)
            return true;
        if (k.app->scroll_y() >= k.app->scroll_max_y() && i > 0) return false;
        k.drag(ImVec2(k.w * 0.5f, k.h * 0.75f), -k.h * 0.3f, 20, 8, 120);
        k.app->settle();
    }
    return false;
}

// Every tap target and text the page draws, top to bottom (scrolling through it all).
struct PageContents {
    std::set<std::string> targets, texts;
};
PageContents whole_page(Kiosk& k) {
    PageContents out;
    for (int i = 0; i < 60; i++) {
        for (auto& t : k.app->frame().targets) out.targets.insert(t.id);
        for (auto& t : k.app->frame().texts) out.texts.insert(t.text);
        if (k.app->scroll_y() >= k.app->scroll_max_y()) break;
        k.drag(ImVec2(k.w * 0.5f, k.h * 0.75f), -k.h * 0.3f, 20, 8, 120);
        k.app->settle();
    }
    return out;
}

bool page_has_text(const PageContents& p, std::string_view fragment) {
    for (auto& t : p.texts)
        if (t.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("an item page links its 政策解读 and 回应关切, and each opens by a tap", "[ui][disclosure]") {
    Kiosk k;
    install(k, disclosure_catalogue(std::time(nullptr)));
    go(k, Route::item("dibao-apply"));
    REQUIRE(scroll_to_target(k, "interpretation/dibao-standard-2026"));
    CHECK(k.app->frame().find_text(zh.interpretations));
    k.tap("interpretation/dibao-standard-2026");
    CHECK(k.app->route().str() == "interpretation/dibao-standard-2026");
    CHECK(k.app->frame().find_text("一图读懂：2026年起最低生活保障标准提高"));
    const PageContents interpretation = whole_page(k);
    for (const std::string* heading : {&zh.what_changed, &zh.who_affected, &zh.what_to_do, &zh.explained})
        CHECK(interpretation.texts.count(*heading));
    CHECK(page_has_text(interpretation, "1,580元"));
    CHECK(page_has_text(interpretation, "不用重新申请"));

    go(k, Route::item("dibao-apply"));
    REQUIRE(scroll_to_target(k, "response/dibao-pension-question"));
    CHECK(k.app->frame().find_text(zh.responses));
    k.tap("response/dibao-pension-question");
    CHECK(k.app->route().str() == "response/dibao-pension-question");
    CHECK(k.app->frame().find_text("父母有退休金，我还能申请低保吗？"));
    CHECK(k.app->frame().find_text(zh.question_label));
    const PageContents response = whole_page(k);
    CHECK(response.texts.count(zh.answer));
    CHECK(page_has_text(response, "答复日期：2026年"));
    CHECK(page_has_text(response, "问题来自：12345市民服务热线"));
    CHECK(page_has_text(response, "低保按家庭人均收入核算"));
}

TEST_CASE("an interpretation and a response open the services and notices they explain by a tap", "[ui][disclosure]") {
    Kiosk k;
    install(k, disclosure_catalogue(std::time(nullptr)));
    for (const Route& page : {Route::interpretation("dibao-standard-2026"), Route::response("dibao-pension-question")}) {
        INFO(page.str());
        go(k, page);
        REQUIRE(scroll_to_target(k, "item/dibao-apply"));
        k.tap("item/dibao-apply");
        CHECK(k.app->route().str() == "item/dibao-apply");
        go(k, page);
        REQUIRE(scroll_to_target(k, "notice/dibao-result-2026-12"));
        k.tap("notice/dibao-result-2026-12");
        CHECK(k.app->route().str() == "notice/dibao-result-2026-12");
        // …and the notice links back to them.
        const PageContents notice = whole_page(k);
        CHECK(notice.targets.count("interpretation/dibao-standard-2026"));
        CHECK(notice.targets.count("response/dibao-pension-question"));
    }
    // Deep links, as --route, QR codes and the registry take them.
    CHECK(Route::parse("interpretation/dibao-standard-2026") == Route::interpretation("dibao-standard-2026"));
    CHECK(Route::parse("response/x") == Route::response("x"));
    CHECK_FALSE(Route::parse("interpretation"));
    go(k, Route::interpretation("no-such-interpretation"));
    CHECK(k.app->frame().find_text(zh.not_found));
    go(k, Route::response("no-such-response"));
    CHECK(k.app->frame().find_text(zh.not_found));
}

TEST_CASE("home's notices strip has a chip for each category with a notice in force, and a chip filters it", "[ui][disclosure][home]") {
    // The hall the fixture's urgent notice targets: home shows it first, 知道了 puts it away.
    Kiosk k(1080, 1920, [](Config& c) { c.hall_id = "xuhui-centre"; });
    install(k, disclosure_catalogue(std::time(nullptr)));
    go(k, Route::home());
    k.tap("urgent-dismiss");
    REQUIRE(scroll_to_target(k, "notice-chip/all"));
    const FrameRecord& f = k.app->frame();
    CHECK(f.find_target("notice-chip/decision"));
    CHECK(f.find_target("notice-chip/execution"));
    CHECK(f.find_target("notice-chip/result"));
    CHECK_FALSE(f.find_target("notice-chip/management"));  // its one notice has ended
    CHECK_FALSE(f.find_target("notice-chip/service"));     // none
    // As large as search's chips: above the 80-px floor for a tap target.
    const FrameRecord::Target* chip = f.find_target("notice-chip/result");
    CHECK(chip->max.y - chip->min.y >= 80);
    CHECK(f.find_text(zh.category_result));

    k.tap("notice-chip/result");
    const PageContents results = whole_page(k);
    CHECK(results.targets.count("notice/dibao-result-2026-12"));
    CHECK_FALSE(results.targets.count("notice/decision-elderly-meals"));
    CHECK_FALSE(results.targets.count("notice/resident-pension-2027"));  // the demo's, with no category
    CHECK(page_has_text(results, "结果公开"));                           // its card's tag

    go(k, Route::home());
    REQUIRE(scroll_to_target(k, "notice-chip/all"));
    k.tap("notice-chip/all");
    const PageContents all = whole_page(k);
    for (const char* id : {"notice/dibao-result-2026-12", "notice/decision-elderly-meals", "notice/execution-heating", "notice/resident-pension-2027"})
        CHECK(all.targets.count(id));
}

TEST_CASE("a category chosen by one resident is not left for the next: the idle reset returns the strip to 全部", "[ui][disclosure][home][idle]") {
    Kiosk k(1080, 1920, [](Config& c) { c.idle_reset_s = 90; });
    install(k, disclosure_catalogue(std::time(nullptr)));
    REQUIRE(scroll_to_target(k, "notice-chip/result"));
    k.tap("notice-chip/result");
    CHECK_FALSE(whole_page(k).targets.count("notice/decision-elderly-meals"));
    // A home filtered is not a clean home: the countdown comes, then the reset.
    k.app->pretend_time_passed(91);
    k.app->settle();
    REQUIRE(k.app->idle_countdown() > 0);
    k.app->pretend_time_passed(11);
    k.app->settle();
    CHECK(k.app->idle_countdown() == -1);
    CHECK(k.app->scroll_y() == 0);
    const PageContents home = whole_page(k);
    CHECK(home.targets.count("notice/decision-elderly-meals"));
    CHECK(home.targets.count("notice/dibao-result-2026-12"));
}

TEST_CASE("a notice past its end is on no list, and its page says it has ended", "[ui][disclosure][notice]") {
    Kiosk k;
    const std::time_t now = std::time(nullptr);
    Catalogue cat = disclosure_catalogue(now);
    install(k, cat);
    go(k, Route::home());
    const PageContents home = whole_page(k);
    CHECK(home.targets.count("notice/decision-elderly-meals"));
    CHECK_FALSE(home.targets.count("notice/management-ended"));
    CHECK_FALSE(home.targets.count("notice/employment-services-2026-h1"));  // the demo's, ended on 2026-06-30
    go(k, Route::notice("management-ended"));
    CHECK(k.app->frame().find_text(zh.notice_expired));
    go(k, Route::notice("decision-elderly-meals"));
    CHECK_FALSE(k.app->frame().find_text(zh.notice_expired));
    CHECK(k.app->frame().find_text("决策公开"));

    // A notice that ends at a minute: in force until it, gone after it (the screens' clock).
    cat.version++;
    const DistrictTime t = district_time(now - 120);
    char minute[6];
    std::snprintf(minute, sizeof minute, "%02d:%02d", t.hour, t.minute);
    for (Notice& n : cat.notices)
        if (n.id == "decision-elderly-meals") n.valid_until = district_date(now - 120) + "T" + minute;
    install(k, cat);
    go(k, Route::home());
    CHECK_FALSE(whole_page(k).targets.count("notice/decision-elderly-meals"));
    go(k, Route::notice("decision-elderly-meals"));
    CHECK(k.app->frame().find_text(zh.notice_expired));
}

TEST_CASE("a result list shows one card per row with its 公示期 and count, and none of it once the period ends", "[ui][disclosure][notice]") {
    Kiosk k;
    const std::time_t now = std::time(nullptr);
    Catalogue cat = disclosure_catalogue(now);
    install(k, cat);
    go(k, Route::notice("dibao-result-2026-12"));
    const Notice& result = cat.notices[cat.notices.size() - 2];
    REQUIRE(result.id == "dibao-result-2026-12");
    const std::string period = zh.public_period_of(result.valid_from, result.valid_until);
    CHECK(period.starts_with("公示期：" + chinese_date(result.valid_from) + "至"));
    CHECK(k.app->frame().find_text(period));
    CHECK(k.app->frame().find_text("结果公开"));
    const PageContents page = whole_page(k);
    CHECK(page.texts.count("公示名单（共3条）"));
    for (const char* text : {"张*明", "李*", "欧*华", "家庭人数：3", "保障金额（元/月）：4,740", "街道：湖南路街道"}) {
        INFO(text);
        CHECK(page.texts.count(text));
    }
    CHECK(page_has_text(page, "公示期满后，名单会自动撤下"));

    // Past its 公示期 (an old catalogue still installed, a device offline): the names are gone.
    cat.version++;
    for (Notice& n : cat.notices)
        if (n.id == "dibao-result-2026-12") n.valid_from = district_date(now - 9 * kDay), n.valid_until = district_date(now - 2 * kDay);
    install(k, cat);
    go(k, Route::home());
    CHECK_FALSE(whole_page(k).targets.count("notice/dibao-result-2026-12"));
    go(k, Route::notice("dibao-result-2026-12"));
    const PageContents ended = whole_page(k);
    CHECK(ended.texts.count(zh.result_ended));
    CHECK_FALSE(ended.texts.count("张*明"));
    CHECK_FALSE(ended.texts.count("公示名单（共3条）"));
    auto cache = Cache::open(k.dir.file("cache.db"), CacheMode::ReadOnly);
    REQUIRE(cache);
    auto spoken = page_sentences(**cache, Route::notice("dibao-result-2026-12"), zh, now);
    REQUIRE(spoken);
    for (auto& s : *spoken) CHECK(s.text.find("张*明") == std::string::npos);
    CHECK(sentence_texts(*spoken).back() == zh.result_ended);
}

TEST_CASE("read-aloud reads an interpretation's and a response's pages, and take-away gives their web pages", "[ui][disclosure][speech]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    const std::time_t now = district_moment(2026, 12, 1, 10, 0);
    REQUIRE_FALSE((*cache)->install(disclosure_catalogue(now), "sync"));
    auto interpretation = page_sentences(**cache, Route::interpretation("dibao-standard-2026"), zh, now);
    REQUIRE(interpretation);
    const std::vector<std::string> expected = {
        "一图读懂：2026年起最低生活保障标准提高。", "发布日期：2026年11月21日", "变化了什么。", "本区最低生活保障标准从每人每月1,510元提高到1,580元。",
        "收入核算时，不再计入子女给的少量赡养费。", "对谁有影响。", "正在领取低保的家庭，和收入略高于原标准的困难家庭。", "您需要做什么。",
        "已经领取的家庭不用重新申请，新标准自动执行。", "收入略高于原标准的家庭，可以带身份证到街道社区事务受理服务中心申请。"};
    CHECK(sentence_texts(*interpretation) == expected);
    auto response = page_sentences(**cache, Route::response("dibao-pension-question"), zh, now);
    REQUIRE(response);
    const auto said = sentence_texts(*response);
    REQUIRE(said.size() >= 5);
    CHECK(said[0] == "群众关心的问题。");
    CHECK(said[1] == "父母有退休金，我还能申请低保吗？");
    CHECK(said[2] == "答复日期：2026年11月26日、问题来自：12345市民服务热线");
    CHECK(said[3] == "答复。");
    CHECK(said[4] == "低保按家庭人均收入核算。");
    CHECK(page_sentences(**cache, Route::response("nope"), zh, now).error().code == SpeechError::PageNotFound);
    // A result list in force is read row by row, as its cards show it.
    auto result = page_sentences(**cache, Route::notice("dibao-result-2026-12"), zh, now);
    REQUIRE(result);
    const auto rows = sentence_texts(*result);
    CHECK(std::find(rows.begin(), rows.end(), "公示名单（共3条）。") != rows.end());
    CHECK(std::find(rows.begin(), rows.end(), "李*、家庭人数：1、保障金额（元/月）：1,580、街道：湖南路街道。") != rows.end());
    CHECK(std::find(rows.begin(), rows.end(), "公示期：2026年11月29日至12月5日") != rows.end());

    auto index = (*cache)->load_index();
    REQUIRE(index);
    ItemShelf items;
    items.set(cache->get(), index->info);
    ScreenState s{*index, items, Route::interpretation("dibao-standard-2026")};
    s.site_base_url = "https://gongkai.xuhui.example/";
    CHECK(take_away_url(s) == "https://gongkai.xuhui.example/interpretation/dibao-standard-2026.html");
    s.route = Route::response("dibao-pension-question");
    CHECK(take_away_url(s) == "https://gongkai.xuhui.example/response/dibao-pension-question.html");
}

// With GONGKAI_SCREENSHOT_DIR set, writes what a resident sees (docs/screenshots/disclosure-*.png).
TEST_CASE("the new pages as a resident sees them, in portrait", "[ui][disclosure][screenshots]") {
    Kiosk k(1080, 1920, [](Config& c) { c.site_base_url = "https://gongkai.xuhui.example/"; });
    install(k, disclosure_catalogue(std::time(nullptr)));
    const char* dir = std::getenv("GONGKAI_SCREENSHOT_DIR");
    auto shot = [&](const std::string& name) {
        if (dir && *dir) REQUIRE_FALSE(k.app->save_screenshot((std::filesystem::path(dir) / ("disclosure-" + name + ".png")).string()));
    };
    go(k, Route::interpretation("dibao-standard-2026"));
    CHECK(k.app->frame().find_text(zh.what_changed));  // on the first screen, under the title and the tools
    CHECK(k.app->frame().find_text(zh.take_away));     // the QR code of interpretation/<id>.html
    shot("interpretation");
    go(k, Route::response("dibao-pension-question"));
    CHECK(k.app->frame().find_text(zh.answer));
    shot("response");
    go(k, Route::notice("dibao-result-2026-12"));
    shot("result-top");
    for (int i = 0; i < 20 && !k.app->frame().find_text("公示名单（共3条）"); i++) {
        k.drag(ImVec2(k.w * 0.5f, k.h * 0.75f), -k.h * 0.3f, 20, 8, 120);
        k.app->settle();
    }
    REQUIRE(k.app->frame().find_text("公示名单（共3条）"));
    shot("result-list");
    go(k, Route::item("dibao-apply"));
    REQUIRE(scroll_to_target(k, "response/dibao-pension-question"));
    shot("item-links");
    go(k, Route::home());
    REQUIRE(scroll_to_target(k, "notice-chip/result"));
    k.tap("notice-chip/result");
    k.drag(ImVec2(k.w * 0.5f, k.h * 0.75f), -k.h * 0.3f, 20, 8, 120);  // the strip, not the tiles
    k.app->settle();
    REQUIRE(k.app->frame().find_target("notice/dibao-result-2026-12"));
    shot("home-chips");
    // 长辈版: the same list, larger, one card per row still inside the screen's width.
    go(k, Route::notice("dibao-result-2026-12"));
    k.tap("look.large");
    for (int i = 0; i < 20 && !k.app->frame().find_text("张*明"); i++) {
        k.drag(ImVec2(k.w * 0.5f, k.h * 0.75f), -k.h * 0.3f, 20, 8, 120);
        k.app->settle();
    }
    const FrameRecord::Text* name = k.app->frame().find_text("张*明");
    REQUIRE(name);
    for (const char* line : {"保障金额（元/月）：4,740", "街道：天平路街道"}) {
        const FrameRecord::Text* t = k.app->frame().find_text(line);
        REQUIRE(t);
        CHECK(t->max.x <= k.w);
    }
    shot("result-large");
    k.tap("look.large");
}
