// Issue 10 §1 on screen: 好差评 at the end of item and notice pages, the prompt when a resident
// leaves a page they read, the kiosk's liveness stamp — through the real app loop with real SDL
// finger events, the real CacheWriter thread and a real SQLite cache, read back with
// outbox_oldest as gongkai-sync reads it.
//
// With GONGKAI_SCREENSHOT_DIR set, the tests tagged [screenshots] also write what they show as
// PNGs into that directory (docs/feedback.md: how docs/screenshots/rating-*.png were made).
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "bundle.h"
#include "clock.h"
#include "kiosk_fixture.h"
#include "outbox.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// The feedback records in the kiosk's cache, oldest first, once its writer has nothing queued.
std::vector<nlohmann::json> feedback_records(Kiosk& k) {
    k.app->settle();
    REQUIRE(k.app->idle());
    auto cache = Cache::open(k.dir.file("cache.db"), CacheMode::ReadOnly);
    REQUIRE(cache);
    auto records = outbox_oldest(**cache, 1000, 1 << 24);
    REQUIRE(records);
    std::vector<nlohmann::json> out;
    for (const OutboxRecord& r : *records)
        if (r.kind == OutboxKind::Feedback) out.push_back(nlohmann::json::parse(r.body));
    return out;
}

// Drags the page up until it can go no further: the rating piece is at its end.
void scroll_to_end(Kiosk& k) {
    for (int i = 0; i < 60 && k.app->scroll_y() < k.app->scroll_max_y() - 1; i++) {
        k.drag(ImVec2(k.w * 0.5f, k.h * 0.8f), -k.h * 0.55f, 10, 8, 120);
        k.app->settle();
    }
    REQUIRE(k.app->scroll_y() >= k.app->scroll_max_y() - 1);
}

void type_keys(Kiosk& k, std::string_view letters) {
    for (char c : letters) k.tap("key/" + std::string(1, c));
}

int place_of(const Kiosk& k, std::string_view candidate) {
    const auto& bar = k.app->input_view().candidates;
    auto at = std::find(bar.begin(), bar.end(), candidate);
    return at == bar.end() ? -1 : static_cast<int>(at - bar.begin());
}

void screenshot(Kiosk& k, const std::string& name) {
    const char* dir = std::getenv("GONGKAI_SCREENSHOT_DIR");
    if (!dir || !*dir) return;
    REQUIRE_FALSE(k.app->save_screenshot((std::filesystem::path(dir) / (name + ".png")).string()));
}

// A catalogue of version 7 installed as gongkai-sync installs one (another connection), so a
// record's catalogue_version is seen to be the installed one and not a default 0.
void install_version_7(Kiosk& k) {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = 7;
    {
        auto writer = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
        REQUIRE(writer);
        REQUIRE_FALSE((*writer)->install(*cat, "sync"));
    }
    k.app->poll_catalogue_now();
    k.app->settle();
    REQUIRE(k.app->index().info.version == 7);
}

// True for a line of the rating's own text: a wrapped piece of one of its strings, the
// prompt's countdown line, or the comment typed.
bool rating_text(const Kiosk& k, const std::string& line) {
    const UiStrings& s = k.app->strings();
    const RatingView& v = k.app->rating();
    const std::string auto_close = s.rate_auto_before + std::to_string(v.prompt_seconds_left) + s.rate_auto_after;
    for (const std::string* text :
         {&s.rate_question, &s.rate_very_satisfied, &s.rate_satisfied, &s.rate_fairly_satisfied, &s.rate_dissatisfied,
          &s.rate_very_dissatisfied, &s.rate_reasons, &s.reason_unclear, &s.reason_outdated, &s.reason_not_found,
          &s.reason_materials, &s.reason_other, &s.rate_comment, &s.rate_comment_placeholder, &s.rate_privacy, &s.rate_submit,
          &s.rate_thanks, &s.rate_next, &s.rate_skip, &s.ask_staff, &auto_close, &v.comment})
        if (!text->empty() && text->find(line) != std::string::npos) return true;
    return false;
}

// The rating's text runs in the last frame against the pixels behind them, as the contrast
// test in test_residents.cpp reads every run: the worst ratio and its text. (Only the
// rating's: the page under the leave prompt is dimmed on purpose.)
std::pair<double, std::string> worst_text_contrast(Kiosk& k) {
    std::vector<unsigned char> px;
    int pw = 0, ph = 0;
    REQUIRE_FALSE(k.app->read_pixels(&px, &pw, &ph));
    std::pair<double, std::string> worst{99, ""};
    for (auto& t : k.app->frame().texts) {
        if (!rating_text(k, t.text)) continue;
        auto contrast = text_run_contrast(px, pw, ph, t);
        if (!contrast) continue;
        const double ratio = *contrast;
        if (ratio < worst.first) worst = {ratio, t.text};
    }
    return worst;
}

}  // namespace

TEST_CASE("tapping 满意 at the end of a guide records one rating of that page with the installed catalogue's version, "
          "and thanks the resident",
          "[rating][residents]") {
    Kiosk k;
    install_version_7(k);
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    CHECK(feedback_records(k).empty());
    scroll_to_end(k);
    CHECK(k.app->frame().find_text(k.app->strings().rate_question));
    for (const char* level : {"rate/5", "rate/4", "rate/3", "rate/2", "rate/1"}) CHECK(k.app->frame().find_target(level));
    k.tap("rate/4");
    const auto records = feedback_records(k);
    REQUIRE(records.size() == 1);
    const nlohmann::json& r = records[0];
    CHECK(r["page_kind"] == "item");
    CHECK(r["page_id"] == "dibao-apply");
    CHECK(r["catalogue_version"] == 7);
    CHECK(r["rating"] == 4);
    CHECK(r["reasons"] == nlohmann::json::array());
    CHECK(r["comment"] == "");
    std::time_t at = 0;
    CHECK(parse_rfc3339_utc(r["time"].get<std::string>(), &at));
    // The thank-you says what happens next; the levels are gone: one rating per page.
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    CHECK(k.app->frame().find_text("汇总给区政务公开办公室"));
    CHECK_FALSE(k.app->frame().find_target("rate/4"));
    CHECK_FALSE(k.app->frame().find_target("rate.help"));  // a person is offered after a low rating only
    // Leaving after reading a long while: rated already, so not asked, and nothing new recorded.
    k.app->pretend_time_passed(kReadDwellS + 10);
    k.tap("back");
    CHECK(k.app->route().str() == "home");
    CHECK_FALSE(k.app->rating().prompting);
    // Back on the page: still thanked, not asked again.
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    CHECK_FALSE(k.app->frame().find_target("rate/5"));
    CHECK(feedback_records(k).size() == 1);
}

TEST_CASE("不满意 opens reason chips that toggle and a comment typed on the on-screen keys, whose phone number is stored "
          "masked",
          "[rating][residents][input]") {
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    k.tap("rate/2");
    CHECK(feedback_records(k).empty());  // a low rating waits for its reasons
    for (const char* code : {"unclear", "outdated", "not_found", "materials", "other"})
        CHECK(k.app->frame().find_target(std::string("reason/") + code));
    CHECK(k.app->frame().find_text(k.app->strings().rate_privacy));
    CHECK_FALSE(k.app->frame().find_target("key/q"));  // no keyboard until the box is tapped
    k.tap("reason/unclear");
    k.tap("reason/materials");
    k.tap("reason/unclear");  // tapped again: dropped
    CHECK(k.app->rating().reasons == std::vector<FeedbackReason>{FeedbackReason::MaterialsUnclear});

    k.tap("rate.comment");
    REQUIRE(k.app->frame().find_target("key/q"));  // the search box's keyboard, now the comment's
    type_keys(k, "dianhua");
    const int phone = place_of(k, "电话");
    REQUIRE(phone >= 0);
    k.tap("cand/" + std::to_string(phone));
    type_keys(k, "13812345678");
    CHECK(k.app->rating().comment == "电话13812345678");
    CHECK(k.app->search_view().query.empty());  // the keys typed into the comment, not into search
    CHECK(k.app->frame().find_text("电话13812345678"));  // the resident sees what they typed
    k.tap("rate.submit");

    const auto records = feedback_records(k);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["rating"] == 2);
    CHECK(records[0]["reasons"] == nlohmann::json::array({"materials"}));
    const std::string comment = records[0]["comment"];
    CHECK(comment.starts_with("电话"));
    CHECK(comment.find("＊＊＊") != std::string::npos);
    CHECK(comment.find("13812345678") == std::string::npos);
    CHECK(comment.find("1381234") == std::string::npos);
    // The keyboard has gone; the thanks, and a person offered.
    CHECK_FALSE(k.app->frame().find_target("key/q"));
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    k.tap("rate.help");
    CHECK(k.app->route().str() == "help");
    CHECK(feedback_records(k).size() == 1);
}

TEST_CASE("after 不满意 a resident may still choose 满意: it is recorded at once, without the reasons ticked for the "
          "lower level",
          "[rating][residents]") {
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    k.tap("rate/2");
    k.tap("reason/unclear");
    REQUIRE(k.app->frame().find_target("rate/4"));
    k.tap("rate/4");
    const auto records = feedback_records(k);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["rating"] == 4);
    CHECK(records[0]["reasons"] == nlohmann::json::array());
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
}

TEST_CASE("a low rating not yet sent is recorded with the reasons and comment so far when the resident goes Back",
          "[rating][residents]") {
    Kiosk k;
    k.app->navigate(Route::item("residence-permit"));
    k.app->settle();
    scroll_to_end(k);
    k.tap("rate/1");
    k.tap("reason/outdated");
    k.tap("rate.comment");
    type_keys(k, "abc");
    k.tap("back");
    CHECK(k.app->route().str() == "home");
    CHECK_FALSE(k.app->rating().prompting);  // nothing asked: they had answered
    CHECK(k.app->rating().thanks_toast);
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    const auto records = feedback_records(k);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["page_id"] == "residence-permit");
    CHECK(records[0]["rating"] == 1);
    CHECK(records[0]["reasons"] == nlohmann::json::array({"outdated"}));
    CHECK(records[0]["comment"] == "abc");
    // The keyboard types into nothing now: the home screen has no text field.
    CHECK_FALSE(k.app->frame().find_target("key/q"));
}

TEST_CASE("leaving a page read for a while asks once: 跳过 leaves at once without a record, and this resident is not "
          "asked again",
          "[rating][residents][prompt][screenshots]") {
    Kiosk k;
    k.app->navigate(Route::domain("social-assistance"));
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    k.app->pretend_time_passed(kReadDwellS + 1);
    k.tap("back");
    // The navigation waits behind the prompt.
    CHECK(k.app->route().str() == "item/dibao-apply");
    REQUIRE(k.app->rating().prompting);
    CHECK(k.app->rating().prompt_seconds_left == kLeavePromptS);
    for (const char* level : {"prompt.rate/5", "prompt.rate/4", "prompt.rate/3", "prompt.rate/2", "prompt.rate/1"})
        CHECK(k.app->frame().find_target(level));
    CHECK(k.app->frame().find_text(k.app->strings().rate_skip));
    CHECK(k.app->frame().find_text(k.app->strings().rate_auto_after));
    screenshot(k, "rating-prompt-portrait");
    k.tap("prompt.skip");
    CHECK(k.app->route().str() == "domain/social-assistance");  // where Back was going
    CHECK_FALSE(k.app->rating().prompting);
    CHECK(feedback_records(k).empty());
    // Another page read as long: this resident said no once, so they go straight on.
    k.app->navigate(Route::item("residence-permit"));
    k.app->settle();
    k.app->pretend_time_passed(kReadDwellS + 1);
    k.tap("home");
    CHECK(k.app->route().str() == "home");
    CHECK_FALSE(k.app->rating().prompting);
    CHECK(feedback_records(k).empty());
}

TEST_CASE("the leave prompt never holds a resident: it closes by itself, and a tap outside its box goes on", "[rating][prompt]") {
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    k.app->pretend_time_passed(kReadDwellS + 1);
    k.tap("home");
    REQUIRE(k.app->rating().prompting);
    SECTION("left alone, it closes and the resident arrives where they were going") {
        k.app->pretend_time_passed(kLeavePromptS - 3);
        k.app->settle();
        CHECK(k.app->rating().prompting);
        CHECK(k.app->rating().prompt_seconds_left > 0);
        CHECK(k.app->rating().prompt_seconds_left <= 3);
        k.app->pretend_time_passed(4);
        k.app->settle();
        CHECK_FALSE(k.app->rating().prompting);
        CHECK(k.app->route().str() == "home");
    }
    SECTION("a tap on the dimmed page outside the box (the 返回 again) skips") {
        k.tap("back");  // still recorded under the dimming, outside the box
        CHECK_FALSE(k.app->rating().prompting);
        CHECK(k.app->route().str() == "home");  // the first tap's Home, not a second navigation
    }
    CHECK(feedback_records(k).empty());
}

TEST_CASE("a level tapped in the leave prompt is recorded, the resident goes on, and a short thank-you shows there",
          "[rating][prompt]") {
    Kiosk k;
    const std::string notice = "dibao-review-window";
    k.app->navigate(Route::notice(notice));
    k.app->settle();
    k.app->pretend_time_passed(kReadDwellS + 1);
    k.tap("back");
    REQUIRE(k.app->rating().prompting);
    k.tap("prompt.rate/5");
    CHECK(k.app->route().str() == "home");
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    const auto records = feedback_records(k);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["page_kind"] == "notice");
    CHECK(records[0]["page_id"] == notice);
    CHECK(records[0]["rating"] == 5);
    // The thank-you goes by itself and never took a touch: home's tiles work under it.
    k.app->pretend_time_passed(kThanksToastS + 1);
    k.app->settle();
    CHECK_FALSE(k.app->rating().thanks_toast);
    CHECK_FALSE(k.app->frame().find_text(k.app->strings().rate_thanks));
}

TEST_CASE("the thank-you on the next page does not take the touches meant for that page", "[rating][prompt]") {
    Kiosk k;
    // The domain's list scrolled so that cards, not its header, are where the thank-you shows
    // (a page keeps its scroll position when Back returns to it).
    k.app->navigate(Route::domain("social-assistance"));
    k.app->settle();
    k.drag(ImVec2(k.w * 0.5f, k.h * 0.7f), -k.h * 0.2f, 10, 8, 120);
    k.app->settle();
    REQUIRE(k.app->scroll_y() > 0);
    k.tap("item/dibao-apply");
    REQUIRE(k.app->route().str() == "item/dibao-apply");
    k.app->pretend_time_passed(kReadDwellS + 1);
    k.tap("back");
    k.tap("prompt.rate/3");
    REQUIRE(k.app->route().str() == "domain/social-assistance");
    REQUIRE(k.app->rating().thanks_toast);
    // A finger on the thank-you's words lands on the card beneath them.
    const FrameRecord::Text* toast = k.app->frame().find_text(k.app->strings().rate_thanks);
    REQUIRE(toast);
    const ImVec2 p((toast->min.x + toast->max.x) * 0.5f, (toast->min.y + toast->max.y) * 0.5f);
    std::string under;
    for (const auto& t : k.app->frame().targets)
        if (t.id.starts_with("item/") && p.x >= t.min.x && p.x <= t.max.x && p.y >= t.min.y && p.y <= t.max.y) under = t.id;
    REQUIRE_FALSE(under.empty());
    k.push_finger(SDL_FINGERDOWN, p);
    k.push_finger(SDL_FINGERUP, p);
    k.app->settle();
    CHECK(k.app->route().str() == under);
}

TEST_CASE("a page left at once is not asked about, one scrolled to its end is", "[rating][prompt]") {
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    k.tap("back");
    CHECK(k.app->route().str() == "home");
    CHECK_FALSE(k.app->rating().prompting);
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    k.tap("back");
    CHECK(k.app->rating().prompting);
    CHECK(k.app->route().str() == "item/dibao-apply");
}

TEST_CASE("the idle reset asks nothing, keeps a low rating's level and ticked reasons but never a half-typed comment, "
          "and the next resident finds the page unrated",
          "[rating][idle]") {
    Kiosk k(1080, 1920, [](Config& c) { c.idle_reset_s = 90; });
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    bool left_a_low_rating = false;
    SECTION("a low rating with a reason and a half-typed comment, left behind") {
        k.tap("rate/2");
        k.tap("reason/unclear");
        k.tap("rate.comment");
        type_keys(k, "abc");
        left_a_low_rating = true;
    }
    SECTION("a page read a long while and not rated") {}
    k.app->pretend_time_passed(91);
    k.app->settle();
    REQUIRE(k.app->idle_countdown() > 0);
    k.app->pretend_time_passed(11);
    k.app->settle();
    CHECK(k.app->route().str() == "home");
    CHECK_FALSE(k.app->rating().prompting);
    CHECK_FALSE(k.app->rating().thanks_toast);
    const auto records = feedback_records(k);
    if (left_a_low_rating) {
        REQUIRE(records.size() == 1);
        CHECK(records[0]["rating"] == 2);
        CHECK(records[0]["reasons"] == nlohmann::json::array({"unclear"}));
        CHECK(records[0]["comment"] == "");
    } else {
        CHECK(records.empty());
    }
    CHECK_FALSE(k.app->frame().find_target("key/q"));
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    CHECK(k.app->rating().step == RatingView::Step::Asking);
    CHECK(k.app->frame().find_target("rate/2"));
    CHECK_FALSE(k.app->frame().find_target("rate.submit"));
}

TEST_CASE("a rating made while another connection holds the write lock: frames keep coming, the resident is thanked, "
          "and the record lands when the lock is released",
          "[rating][writer]") {
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(k.dir.file("cache.db").c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    const ImVec2 p = k.center_of("rate/5");
    const int drawn = k.app->frames_drawn();
    k.push_finger(SDL_FINGERDOWN, p);
    k.push_finger(SDL_FINGERUP, p);
    for (int i = 0; i < 6; i++) k.app->step(false);
    CHECK(k.app->frames_drawn() >= drawn + 3);  // press, release, the thanks laid out
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    CHECK_FALSE(k.app->idle());  // the record waits behind the lock, on the writer's thread
    REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
    const auto records = feedback_records(k);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["rating"] == 5);
}

TEST_CASE("a full outbox refuses the rating with OutboxFull in the log, and the resident is thanked all the same",
          "[rating][writer]") {
    LogCatcher log;
    Kiosk k(1080, 1920, [](Config& c) { c.outbox_max_mib = 0; });  // nothing fits
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    k.tap("rate/3");
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    CHECK(feedback_records(k).empty());
    CHECK(log.said("could not record a rating of item/dibao-apply: OutboxFull"));
    auto cache = Cache::open(k.dir.file("cache.db"), CacheMode::ReadOnly);
    REQUIRE(cache);
    auto stats = outbox_stats(**cache);
    REQUIRE(stats);
    CHECK(stats->refused == 1);
}

TEST_CASE("the kiosk stamps kiosk.alive at start and again every kKioskAliveStampS seconds", "[rating][writer][alive]") {
    Kiosk k;
    auto other = Cache::open(k.dir.file("cache.db"), CacheMode::ReadWrite);
    REQUIRE(other);
    auto first = (*other)->state(kStateKioskAlive);
    REQUIRE(first);
    std::time_t at = 0;
    CHECK(parse_rfc3339_utc(*first, &at));
    REQUIRE_FALSE((*other)->set_state(kStateKioskAlive, "gone"));
    k.app->pretend_time_passed(kKioskAliveStampS - 10);
    k.app->step(false);
    k.app->settle();
    auto before = (*other)->state(kStateKioskAlive);
    REQUIRE(before);
    CHECK(*before == "gone");  // not yet
    k.app->pretend_time_passed(11);
    k.app->step(false);
    k.app->settle();
    auto again = (*other)->state(kStateKioskAlive);
    REQUIRE(again);
    CHECK(parse_rfc3339_utc(*again, &at));
}

TEST_CASE("the kiosk's own writes (ratings, the liveness stamp) do not make it read the catalogue again", "[rating][ui][idle]") {
    Kiosk k;
    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    k.tap("rate/5");
    k.app->settle();
    // The writer's commit changes data_version; the next poll sees the same catalogue and draws nothing.
    const int drawn = k.app->frames_drawn();
    k.app->poll_catalogue_now();
    for (int i = 0; i < 5; i++) k.app->step(false);
    CHECK(k.app->frames_drawn() == drawn);
}

TEST_CASE("the rating's targets are at least 80 px, inside the screen and apart, and its text meets the theme's "
          "contrast, in every look and orientation",
          "[rating][layout][screenshots]") {
    struct Case { int w, h; const char* theme; double scale; const char* language; const char* name; };
    const Case c = GENERATE(Case{1080, 1920, "standard", 1.0, "zh-CN", "portrait"},
                            Case{1920, 1080, "standard", 1.0, "zh-CN", "landscape"},
                            Case{800, 1280, "standard", 1.0, "zh-CN", "small"},
                            Case{1080, 1920, "standard", 1.5, "zh-CN", "portrait-scale1.5"},
                            Case{1080, 1920, "large", 1.0, "zh-CN", "portrait-large"},
                            Case{1080, 1920, "high-contrast", 1.0, "zh-CN", "portrait-contrast"},
                            Case{1080, 1920, "standard", 1.0, "en", "portrait-en"},
                            Case{1920, 1080, "large", 1.0, "en", "landscape-large-en"});
    INFO(c.name);
    Kiosk k(c.w, c.h, [&](Config& cfg) {
        cfg.theme = c.theme;
        cfg.text_scale = c.scale;
        cfg.language = c.language;
    });
    const float floor = 80.0f * std::min(c.w, c.h) / 1080.0f;  // 80 px at a 1080-px short side
    const double contrast_floor = minimum_text_contrast(k.app->theme());
    auto check_targets = [&](const char* state, const std::vector<std::string>& prefixes) {
        INFO(state);
        std::vector<const FrameRecord::Target*> targets;
        for (auto& t : k.app->frame().targets)
            for (auto& p : prefixes)
                if (t.id.starts_with(p)) targets.push_back(&t);
        REQUIRE_FALSE(targets.empty());
        for (auto* t : targets) {
            INFO(t->id);
            CHECK(t->min.x >= 0);
            CHECK(t->max.x <= c.w);
            CHECK(t->max.y <= c.h);
            CHECK(t->max.x - t->min.x >= floor);
            CHECK(t->max.y - t->min.y >= floor);
            for (auto* u : targets) {
                if (u == t) continue;
                INFO("and " << u->id);
                CHECK((t->max.x <= u->min.x || u->max.x <= t->min.x || t->max.y <= u->min.y || u->max.y <= t->min.y));
            }
        }
        // Every label drawn inside the screen, none cut at its right edge.
        for (auto& text : k.app->frame().texts) {
            INFO(text.text);
            CHECK(text.max.x <= c.w + 0.5f);
        }
        const auto [ratio, where] = worst_text_contrast(k);
        INFO("worst text: \"" << where << "\" " << ratio);
        CHECK(ratio >= contrast_floor);
        CHECK_FALSE(where.empty());  // some of the rating's text was measured
    };

    k.app->navigate(Route::item("dibao-apply"));
    k.app->settle();
    scroll_to_end(k);
    check_targets("asking", {"rate/"});
    screenshot(k, std::string("rating-") + c.name + "-ask");

    k.tap("rate/2");
    k.app->settle();
    k.tap("reason/not_found");
    // The part that appeared is scrolled into view from its start (the levels above may be cut
    // by the page's edge, so they are not measured here); where it is taller than the window
    // (长辈版 English on a 1080-px landscape) 提交 is reached by scrolling on.
    CHECK(k.app->frame().find_text(k.app->strings().rate_reasons));
    check_targets("reasons", {"reason/"});
    scroll_to_end(k);
    check_targets("reasons, scrolled to the end", {"reason/", "rate.comment", "rate.submit"});
    screenshot(k, std::string("rating-") + c.name + "-reasons");

    k.tap("rate.comment");
    type_keys(k, "banli");
    REQUIRE(k.app->frame().find_target("key/q"));
    // The box and 提交 are in view above (beside) the keyboard.
    const FrameRecord::Target* submit = k.app->frame().find_target("rate.submit");
    REQUIRE(submit);
    CHECK(submit->max.y - submit->min.y >= floor);
    const FrameRecord::Target* box = k.app->frame().find_target("rate.comment");
    REQUIRE(box);
    CHECK(box->max.y - box->min.y >= floor);
    screenshot(k, std::string("rating-") + c.name + "-comment");

    k.tap("rate.submit");
    CHECK(k.app->frame().find_text(k.app->strings().rate_thanks));
    check_targets("thanked", {"rate.help"});
    screenshot(k, std::string("rating-") + c.name + "-thanks");

    k.app->navigate(Route::item("residence-permit"));
    k.app->settle();
    k.app->pretend_time_passed(kReadDwellS + 1);
    k.tap("back");
    REQUIRE(k.app->rating().prompting);
    check_targets("prompt", {"prompt."});
    screenshot(k, std::string("rating-") + c.name + "-prompt");
    k.tap("prompt.rate/4");
    screenshot(k, std::string("rating-") + c.name + "-toast");
    CHECK(feedback_records(k).size() == 2);
}
