// Issue 8 for residents: services before bureaucracy, the key facts on a guide's first
// screen, the hall's own information, next steps where nothing was found, the display
// toggles, expired notices, Chinese line breaking, and the idle reset — each through the
// real app loop on the embedded demo catalogue.
#include <cstdio>
#include <map>

#include "kiosk_fixture.h"
#include "bundle.h"
#include "model.h"
#include "source_import.h"
#include "screens/screens.h"
#include "text_layout.h"
#include "ui_strings.h"
#include "utf8.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

std::vector<std::string> card_ids(const Kiosk& k) {
    std::vector<std::string> ids;
    for (auto& t : k.app->frame().targets)
        if (t.id.starts_with("item/")) ids.push_back(t.id.substr(5));
    return ids;
}

// Scrolls the page down a screen at a time until `text` is drawn or the page ends.
bool seen_while_scrolling(Kiosk& k, std::string_view text) {
    for (int i = 0; i < 40; i++) {
        if (k.app->frame().find_text(text)) return true;
        if (k.app->scroll_y() >= k.app->scroll_max_y() && i > 0) return false;
        k.drag(ImVec2(k.w * 0.5f, k.h * 0.8f), -k.h * 0.4f, 20, 8, 120);
        k.app->settle();
    }
    return false;
}

void with_hall(Config& c) {
    c.hall_name = "徐汇区行政服务中心";
    c.hall_hours = "周一至周五 9:00–17:00";
    c.hall_address = "徐汇区南宁路969号";
    c.hall_windows = {"1–3号窗口：社会救助、养老服务", "4–6号窗口：社会保险、就业创业"};
    c.hall_help = "请按服务台呼叫铃，工作人员帮您办";
}

}  // namespace

TEST_CASE("a row titled with a kind of document is shown with its 一级事项, but a service's own name is not", "[residents][titles]") {
    std::vector<TitleParts> rows = {
        {"sa", "最低生活保障", "办事指南"},         {"sa", "最低生活保障", "审批信息"},
        {"sa", "综合业务", "办事指南（多项救助合并）"}, {"sa", "最低生活保障", "最低生活保障申请"},
        {"em", "就业失业登记", "失业登记"},         {"em", "就业失业登记", "失业登记"},  // a guide and its row
        {"em", "公共就业服务专项活动", "公共就业服务专项活动"},
        {"hr", "出生登记", "登记信息"},             {"hr", "迁移登记", "登记信息"},  // the same title in two groups
    };
    CHECK(display_titles(rows) == std::vector<std::string>{
                                      "最低生活保障办事指南", "最低生活保障审批信息", "综合业务办事指南（多项救助合并）",
                                      "最低生活保障申请", "失业登记", "失业登记", "公共就业服务专项活动",
                                      "出生登记登记信息", "迁移登记登记信息"});
}

TEST_CASE("a domain lists its services first, and a row a guide shows is not listed a second time", "[residents][domain]") {
    Kiosk k;
    for (auto [domain, first] : {std::pair{"social-assistance", "dibao-apply"}, {"urban-management", "illegal-construction-report"}}) {
        INFO(domain);
        k.app->navigate(Route::domain(domain));
        k.app->settle();
        auto ids = card_ids(k);
        REQUIRE_FALSE(ids.empty());
        CHECK(ids.front() == first);
        // No card is a row that some guide already shows.
        for (auto& id : ids) {
            const ItemSummary* i = k.app->items().find(id);
            REQUIRE(i);
            CHECK(i->guide_id.empty());
        }
    }
    // 社会救助's rows titled only 政策法规文件 / 办事指南 are told apart by their group.
    k.app->navigate(Route::domain("social-assistance"));
    k.app->settle(60);
    CHECK(seen_while_scrolling(k, "综合业务政策法规文件"));
    REQUIRE_FALSE(k.app->items().domain("social-assistance").empty());
    for (auto& i : k.app->items().domain("social-assistance")) CHECK(i.display_title != "办事指南");
}

TEST_CASE("search shows a service once: a row a guide shows is found as that guide", "[residents][search]") {
    Kiosk k;
    k.app->navigate(Route{"search", "失业登记"});
    k.app->settle(60);
    int guide = 0, rows = 0;
    for (auto& r : k.app->search_view().rows) {
        if (r.route.id == "unemployment-registration") guide++;
        if (r.route.id == "employment.806b4198") rows++;
    }
    CHECK(guide == 1);
    CHECK(rows == 0);
}

TEST_CASE("a question framed as 要多久 or 多少钱 shows the guide's line that answers it in the result", "[residents][search]") {
    auto first_line = [](const char* query) {
        Kiosk k;
        k.app->navigate(Route{"search", query});
        k.app->settle(60);
        const auto& rows = k.app->search_view().rows;
        REQUIRE_FALSE(rows.empty());
        CHECK(rows[0].route.id == "residence-permit");
        return rows[0].line;
    };
    CHECK(first_line("居住证要多久").starts_with(default_ui_strings().how_long));
    // Without the frame the result shows its summary, as before.
    CHECK_FALSE(first_line("居住证").starts_with(default_ui_strings().how_long));
}

TEST_CASE("asked when the hall is open, search shows the hall's hours, not a loan", "[residents][search][hall]") {
    Kiosk k(1080, 1920, with_hall);
    k.app->navigate(Route{"search", "营业时间"});
    k.app->settle(60);
    CHECK(k.app->search_view().asks_hall_hours);
    CHECK(k.app->search_view().rows.empty());
    CHECK(k.app->frame().find_text("周一至周五 9:00–17:00"));
    REQUIRE(k.app->frame().find_target("help"));
    k.tap("help");
    CHECK(k.app->route().str() == "help");
}

TEST_CASE("a guide answers where, how long, how much and whom to call on its first screen", "[residents][item]") {
    for (auto [w, h] : {std::pair{1080, 1920}, {1920, 1080}}) {
        INFO(w << "x" << h);
        Kiosk k(w, h, with_hall);
        k.app->navigate(Route::item("dibao-apply"));
        k.app->settle();
        const UiStrings& s = k.app->strings();
        for (const std::string* label : {&s.key_facts, &s.key_where, &s.how_long, &s.fee, &s.contacts}) {
            INFO(*label);
            const auto* t = k.app->frame().find_text(*label);
            REQUIRE(t);
            CHECK(t->max.y <= h);
        }
        // The guide says "窗口": the hall's window for 社会救助 is named beside it.
        CHECK(k.app->frame().find_text("1–3号窗口"));
        CHECK_FALSE(k.app->frame().find_text("4–6号窗口"));
    }
}

TEST_CASE("the standard's terms are glossed in plain words, and the two step lists say whose steps they are", "[residents][item]") {
    Kiosk k;
    k.app->navigate(Route::item("social-assistance.6f78be59"));
    k.app->settle();
    CHECK(seen_while_scrolling(k, "全社会（所有人都可以看）"));
    CHECK(default_ui_strings().steps != default_ui_strings().workflow);
}

TEST_CASE("the hall's details are on home and on the help screen", "[residents][hall]") {
    Kiosk k(1080, 1920, with_hall);
    REQUIRE(seen_while_scrolling(k, "请按服务台呼叫铃"));
    REQUIRE(k.app->frame().find_target("help"));
    CHECK(k.app->frame().find_text("徐汇区行政服务中心"));
    k.tap("help");
    CHECK(k.app->route().str() == "help");
    CHECK(k.app->frame().find_text("周一至周五 9:00–17:00"));
    CHECK(k.app->frame().find_text("1–3号窗口：社会救助、养老服务"));
    CHECK(k.app->frame().find_text("徐汇区南宁路969号"));
}

TEST_CASE("where nothing was found, the next steps are buttons: staff, home, services", "[residents][next]") {
    for (std::string route : {"search/zzzzqqqq", "item/no-such-item", "domain/no-such-domain", "notice/no-such-notice"}) {
        INFO(route);
        Kiosk k;
        k.app->navigate(*Route::parse(route));
        k.app->settle(60);
        REQUIRE(k.app->frame().find_target("next.help"));
        REQUIRE(k.app->frame().find_target("next.home"));
        REQUIRE(k.app->frame().find_target("next.hotline"));
        CHECK_FALSE(card_ids(k).empty());
        k.tap("next.help");
        CHECK(k.app->route().str() == "help");
    }
}

TEST_CASE("one tap makes the text large, another high-contrast, another English, and each taps back", "[residents][look]") {
    for (auto [w, h] : {std::pair{1080, 1920}, {1920, 1080}}) {
        INFO(w << "x" << h);
        Kiosk k(w, h);
        const float body = k.app->fonts().body->GetCharAdvance(u'中');
        k.tap("look.large");
        k.app->settle();
        CHECK(k.app->theme().large);
        CHECK(k.app->fonts().body->GetCharAdvance(u'中') >= 1.4f * body - 1);
        CHECK(k.app->frame().find_text("标准版"));
        k.tap("look.contrast");
        CHECK(k.app->theme().name == "high-contrast");
        CHECK(k.app->theme().large);  // the two combine
        k.tap("look.language");
        CHECK(k.app->strings().language == "en");
        CHECK(k.app->frame().find_text("Back"));
        k.tap("look.large");
        k.tap("look.contrast");
        k.tap("look.language");
        CHECK(k.app->look() == Look{});
        CHECK(k.app->fonts().body->GetCharAdvance(u'中') == Approx(body));
    }
}

TEST_CASE("an expired notice opened by its route says so plainly, with its dates in Chinese", "[residents][notice]") {
    Kiosk k;
    k.app->navigate(Route::notice("employment-services-2026-h1"));
    k.app->settle();
    CHECK(k.app->frame().find_text(default_ui_strings().notice_expired));
    CHECK(k.app->frame().find_text("有效期：至2026年6月30日"));
    k.app->navigate(Route::notice("resident-pension-2027"));
    k.app->settle();
    CHECK_FALSE(k.app->frame().find_text(default_ui_strings().notice_expired));
    CHECK(k.app->frame().find_text("有效期：2026年11月1日至2027年12月31日"));
    const UiStrings& en = *find_ui_strings("en");
    CHECK(en.validity("2026-11-01", "") == "Valid: from 1 Nov 2026");
    CHECK(default_ui_strings().date("not a date") == "not a date");
}

TEST_CASE("Chinese line breaking: no orphan character, no number cut from its unit, no document number cut", "[residents][text]") {
    Kiosk k;  // for the fonts
    const ImFont* f = k.app->fonts().body;
    const float em = f->GetCharAdvance(u'中');
    auto lines_of = [&](const std::string& text, float width) {
        std::vector<std::string> out;
        for (auto& l : wrap_text(f, f->FontSize, text, width)) out.push_back(text.substr(l.begin, l.end - l.begin));
        return out;
    };
    auto chars = [](const std::string& s) { return utf8::decode(s).size(); };
    SECTION("the last line of a paragraph holds at least two characters") {
        const std::string text = "找工作、失业登记、创业贷款";
        for (int n = 3; n <= 13; n++) {
            auto lines = lines_of(text, em * n + 1);
            INFO(n << " per line: " << lines.back());
            if (lines.size() > 1) CHECK(chars(lines.back()) >= 2);
        }
        auto lines = lines_of("家庭财产符合本市规定。标准每年调整，以民政部门公布为准。", em * 26 + 1);
        REQUIRE(lines.size() == 2);
        CHECK(chars(lines.back()) >= 3);  // "为准。" — never "准。" alone
    }
    SECTION("a number stays with its unit, a document number stays whole") {
        const std::string text = "一般自受理之日起30个工作日内完成审核确认；情况特殊的可延长到45个工作日。依据国发〔2012〕45号文件办理。"
                                 "请到1–3号窗口，9:00–17:00。";
        for (int n = 10; n <= 30; n++) {  // 10: the widest token, "国发〔2012〕45号", fits a line
            INFO(n << " per line");
            for (auto& line : lines_of(text, em * n + 1)) {
                INFO(line);
                for (const char* cut : {"30个工作", "45个工作", "国发〔2012〕45", "1–", "9:00–"})
                    if (line.ends_with(cut)) FAIL("cut after " << cut);
                CHECK_FALSE(line.starts_with("个工作日"));
                CHECK_FALSE(line.starts_with("45号"));
                CHECK_FALSE(line.starts_with("工作日"));
            }
        }
    }
}

TEST_CASE("left alone, the kiosk counts down and returns to a clean home, and a touch keeps it", "[residents][idle]") {
    Kiosk k(1080, 1920, [](Config& c) { c.idle_reset_s = 90; });
    k.tap("look.large");
    k.app->navigate(Route{"search", "dibao"});
    k.app->settle(60);
    REQUIRE(k.app->search_view().query == "dibao");
    // 80 of the 90 s: the settle's own real time must not cross the line (a loaded CI machine
    // takes seconds to start the engines' worker threads).
    k.app->pretend_time_passed(80);
    k.app->settle();
    CHECK(k.app->idle_countdown() == -1);
    k.app->pretend_time_passed(9);
    k.app->pretend_time_passed(2);
    k.app->settle();
    CHECK(k.app->idle_countdown() > 0);
    CHECK(k.app->frame().find_target("idle.stay"));
    // A touch ends the countdown, and the page under the box is not tapped.
    k.tap("idle.stay");
    CHECK(k.app->idle_countdown() == -1);
    CHECK(k.app->route().str() == "search/dibao");
    // Left alone again: after the countdown, home, nothing typed, the device's look.
    k.app->pretend_time_passed(91);
    k.app->settle();
    REQUIRE(k.app->idle_countdown() > 0);
    k.app->pretend_time_passed(11);
    k.app->settle();
    CHECK(k.app->idle_countdown() == -1);
    CHECK(k.app->route().str() == "home");
    CHECK(k.app->search_view().query.empty());
    CHECK(k.app->look() == Look{});
    CHECK_FALSE(k.app->theme().large);
    // A clean home has nothing to reset: no countdown.
    k.app->pretend_time_passed(200);
    k.app->settle();
    CHECK(k.app->idle_countdown() == -1);
}

// What the resident's eye gets: for every text run the frame drew, the colour behind it
// (the most common pixel in its box) against its ink (the pixel in the box that differs
// most from that), read back from the rendered frame — not from the theme's table.
TEST_CASE("every text run on every screen meets 4.5:1 against the pixels behind it (7:1 in high contrast)", "[residents][contrast]") {
    struct Worst { double ratio = 99; std::string where; };
    std::map<std::string, Worst> worst;  // per theme
    const char* routes[] = {"home", "domain/social-assistance", "item/dibao-apply", "item/social-assistance.a9344a6d",
                            "search/dibao", "search/zzzzqqqq", "help", "notice/employment-services-2026-h1"};
    for (const char* theme : {"standard", "large", "high-contrast"})
        for (const char* language : {"zh-CN", "en"})
            for (auto [w, h] : {std::pair{1080, 1920}, {1920, 1080}}) {
                Kiosk k(w, h, [&](Config& c) {
                    c.theme = theme;
                    c.language = language;
                    with_hall(c);
                });
                const double floor = minimum_text_contrast(k.app->theme());
                for (const char* route : routes) {
                    k.app->navigate(*Route::parse(route));
                    k.app->settle(60);
                    std::vector<unsigned char> px;
                    int pw = 0, ph = 0;
                    REQUIRE_FALSE(k.app->read_pixels(&px, &pw, &ph));
                    for (auto& t : k.app->frame().texts) {
                        auto contrast = text_run_contrast(px, pw, ph, t);
                        if (!contrast) continue;
                        const double ratio = *contrast;
                        const std::string where = std::string(theme) + " " + language + " " + std::to_string(w) + "x" +
                                                  std::to_string(h) + " " + route + ": \"" + t.text + "\"";
                        INFO(where << " " << ratio);
                        CHECK(ratio >= floor);
                        Worst& wt = worst[theme];
                        if (ratio < wt.ratio) wt = {ratio, where};
                    }
                }
            }
    for (auto& [theme, wt] : worst) std::printf("contrast: worst text run in %s: %.2f:1 (%s)\n", theme.c_str(), wt.ratio, wt.where.c_str());
}

TEST_CASE("every control edge is at least 3:1 against both sides, in every theme", "[residents][contrast]") {
    for (const char* name : {"standard", "large", "high-contrast"}) {
        Look look;
        REQUIRE(parse_theme_name(name, &look));
        Theme t = theme_for(look, 1.0f);
        for (auto& pair : edge_colour_pairs(t)) {
            INFO(name << ": " << pair.name << " " << contrast_ratio(pair.fg, pair.bg));
            CHECK(contrast_ratio(pair.fg, pair.bg) >= 3.0);
        }
        for (auto& pair : text_colour_pairs(t)) {
            INFO(name << ": " << pair.name << " " << contrast_ratio(pair.fg, pair.bg));
            CHECK(contrast_ratio(pair.fg, pair.bg) >= minimum_text_contrast(t));
        }
    }
}

TEST_CASE("in English the catalogue's English text is shown where the source gives it, and the Chinese is marked where not", "[residents][english]") {
    // The source's English travels through import, bundle and cache.
    auto imported = import_source(GONGKAI_ASSETS_DIR);
    REQUIRE(imported.problems.empty());
    auto decoded = catalogue_from_json(catalogue_to_json(imported.catalogue));
    REQUIRE(decoded);
    const Item* dibao = decoded->find_item("dibao-apply");
    REQUIRE(dibao);
    CHECK(dibao->title_en == "Apply for the minimum living allowance (dibao)");
    REQUIRE(dibao->guide_en);
    CHECK(dibao->guide_en->fee == "Free.");
    CHECK(decoded->find_domain("health")->name_en == "Health");

    Kiosk k(1080, 1920, [](Config& c) { c.language = "en"; });
    CHECK(k.app->frame().find_text("Minimum living"));  // the tile's English summary
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    CHECK(k.app->frame().find_text("Apply for the minimum living"));
    CHECK(k.app->frame().find_text("Free."));
    CHECK(k.app->frame().find_text(k.app->strings().untranslated_note));  // its legal basis is Chinese only
    k.app->navigate(Route::item("tekun-support"));
    k.app->settle();
    CHECK(k.app->frame().find_text("[中文] 特困人员救助供养申请"));
    // In Chinese, nothing is marked.
    k.tap("look.language");
    CHECK_FALSE(k.app->frame().find_text("[中文]"));
}

TEST_CASE("朗读 reads the page aloud through SDL audio: play, pause, resume and stop, with the sentence heard highlighted", "[residents][speech][read-aloud]") {
    // SDL's dummy audio driver plays nowhere at the real rate: the real player, headless.
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    REQUIRE(k.app->frame().find_target("read.start"));
    k.tap("read.start");
    REQUIRE(k.app->reading().available);
    CHECK(k.app->reading().state == PlayerState::Playing);
    // The first sentence (the title) is heard within a moment, and marked on the screen.
    for (int i = 0; i < 100 && k.app->reading().sentence.empty(); i++) {
        k.app->step(true);
    }
    CHECK(k.app->reading().sentence == "最低生活保障申请");
    k.app->settle();
    CHECK(k.app->frame().spoken_drawn);
    REQUIRE(k.app->frame().find_target("read.pause"));
    k.tap("read.pause");
    CHECK(k.app->reading().state == PlayerState::Paused);
    k.tap("read.resume");
    CHECK(k.app->reading().state == PlayerState::Playing);
    k.tap("read.stop");
    CHECK(k.app->reading().state == PlayerState::Idle);
    CHECK_FALSE(k.app->frame().spoken_drawn);
    // Leaving the page stops the reading.
    k.tap("read.start");
    REQUIRE(k.app->reading().state == PlayerState::Playing);
    k.tap("home");
    CHECK(k.app->reading().state == PlayerState::Idle);
    unsetenv("SDL_AUDIODRIVER");
}

TEST_CASE("long English labels stay inside their buttons and tiles at 1.4x", "[residents][look][english]") {
    for (auto [w, h] : {std::pair{1080, 1920}, {1920, 1080}, {320, 320}}) {
        INFO(w << "x" << h);
        Kiosk k(w, h, [](Config& c) {
            c.language = "en";
            c.theme = "large";
        });
        // Domain names: "Household registration" wraps inside its tile rather than running off it.
        for (auto& d : k.app->index().domains) {
            const auto* tile = k.app->frame().find_target("domain/" + d.id);
            if (!tile || tile->max.y >= h - 1) continue;  // below the fold
            for (auto& t : k.app->frame().texts)
                if (t.min.x >= tile->min.x && t.min.x < tile->max.x && t.min.y >= tile->min.y && t.min.y < tile->max.y) {
                    INFO(t.text);
                    CHECK(t.max.x <= tile->max.x);
                }
        }
        k.app->navigate(Route::item("dibao-apply"));
        k.app->settle();
        const auto* button = k.app->frame().find_target("read.start");
        const auto* label = k.app->frame().find_text("Read aloud");
        REQUIRE(button);
        REQUIRE(label);
        if (button->max.y < h - 1) {
            CHECK(label->min.x >= button->min.x);
            CHECK(label->max.x <= button->max.x);
            CHECK(label->min.y >= button->min.y);
            CHECK(label->max.y <= button->max.y);
        }
    }
}

TEST_CASE("a resident listening to 朗读 is not interrupted by the idle reset", "[residents][idle][read-aloud]") {
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    Kiosk k(1080, 1920, [](Config& c) { c.idle_reset_s = 90; });
    k.app->navigate(Route::item("unemployment-registration"));
    k.app->settle();
    k.tap("read.start");
    REQUIRE(k.app->reading().state == PlayerState::Playing);
    k.app->pretend_time_passed(150);
    k.app->settle();
    CHECK(k.app->idle_countdown() == -1);
    CHECK(k.app->reading().state == PlayerState::Playing);
    // Once it stops, the idle time counts again.
    k.tap("read.stop");
    k.app->pretend_time_passed(91);
    k.app->settle();
    CHECK(k.app->idle_countdown() > 0);
    unsetenv("SDL_AUDIODRIVER");
}
