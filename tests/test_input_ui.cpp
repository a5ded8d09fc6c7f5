// Issue 9 §1–2 on screen: the keyboard's 拼音 candidate bar and 手写 pad, through the real app
// loop with real SDL finger events, the real libime and Zinnia engines and the demo catalogue.
//
// With GONGKAI_SCREENSHOT_DIR set, the tests tagged [screenshots] also write what they show as
// PNGs into that directory (docs/input.md: how docs/screenshots/ was made).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "input/handwriting.h"
#include "kiosk_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

const std::filesystem::path kStrokesDir = std::filesystem::path(GONGKAI_TESTS_DIR) / "data" / "handwriting";

void type_keys(Kiosk& k, std::string_view letters) {
    for (char c : letters) k.tap("key/" + std::string(1, c));
}

// The candidates' place in the bar, or -1.
int place_of(const Kiosk& k, std::string_view candidate) {
    const auto& bar = k.app->input_view().candidates;
    auto at = std::find(bar.begin(), bar.end(), candidate);
    return at == bar.end() ? -1 : static_cast<int>(at - bar.begin());
}

// Writes the character of tests/data/handwriting/<file> on the pad as a finger does: for each
// stroke a finger down, a move per point, a finger up, scaled from its 1024 box into the pad's
// rectangle in the frame record (a 5 % margin, as a resident leaves). The app draws a frame
// after each stroke; the strokes' moves arrive between frames, as a touch panel's do.
void write_on_pad(Kiosk& k, const std::string& file) {
    auto written = read_strokes_file((kStrokesDir / file).string());
    REQUIRE(written);
    const FrameRecord::Target* target = k.app->frame().find_target("pad");
    REQUIRE(target);
    const ImVec2 min = target->min, max = target->max;
    auto on_screen = [&](const HandwritingPoint& p) {
        return ImVec2(min.x + (0.05f + 0.9f * static_cast<float>(p.x / written->width)) * (max.x - min.x),
                      min.y + (0.05f + 0.9f * static_cast<float>(p.y / written->height)) * (max.y - min.y));
    };
    for (const HandwritingStroke& stroke : written->strokes) {
        k.push_finger(SDL_FINGERDOWN, on_screen(stroke.front()));
        for (size_t i = 1; i < stroke.size(); i++) k.push_finger(SDL_FINGERMOTION, on_screen(stroke[i]));
        k.push_finger(SDL_FINGERUP, on_screen(stroke.back()));
        k.app->step(false);
    }
    k.app->settle();
}

size_t stroke_count(const std::string& file) {
    auto written = read_strokes_file((kStrokesDir / file).string());
    REQUIRE(written);
    return written->strokes.size();
}

// Pixels inside `target`'s rectangle of the last frame that are the theme's text colour: ink.
int ink_in(Kiosk& k, const std::string& target) {
    const FrameRecord::Target* t = k.app->frame().find_target(target);
    REQUIRE(t);
    std::vector<unsigned char> rgba;
    int w = 0, h = 0;
    REQUIRE_FALSE(k.app->read_pixels(&rgba, &w, &h));
    const ImU32 ink = k.app->theme().text;
    int count = 0;
    for (int y = static_cast<int>(t->min.y); y < static_cast<int>(t->max.y); y++)
        for (int x = static_cast<int>(t->min.x); x < static_cast<int>(t->max.x); x++) {
            const unsigned char* p = &rgba[(static_cast<size_t>(y) * w + x) * 4];
            if (p[0] == (ink & 0xFF) && p[1] == ((ink >> 8) & 0xFF) && p[2] == ((ink >> 16) & 0xFF)) count++;
        }
    return count;
}

void screenshot(Kiosk& k, const std::string& name) {
    const char* dir = std::getenv("GONGKAI_SCREENSHOT_DIR");
    if (!dir || !*dir) return;
    REQUIRE_FALSE(k.app->save_screenshot((std::filesystem::path(dir) / (name + ".png")).string()));
}

bool has_title_with(const Kiosk& k, std::string_view words) {
    for (auto& r : k.app->search_view().rows)
        if (r.title.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("typing dibao shows 低保 first in the candidate bar while the letters already search, and tapping it makes "
          "the query 低保",
          "[input][pinyin][ui]") {
    Kiosk k;
    k.tap("search");
    CHECK(k.app->input_view().mode == InputMode::Pinyin);
    CHECK(k.app->frame().find_text(k.app->strings().pinyin_hint));  // an empty bar says what it is for
    type_keys(k, "dibao");
    CHECK(k.app->search_view().query == "dibao");
    CHECK(k.app->input_view().composition == "dibao");
    // Raw pinyin searches as it always did, with the bar showing.
    REQUIRE_FALSE(k.app->search_view().rows.empty());
    CHECK(k.app->search_view().rows[0].title == "最低生活保障申请");
    REQUIRE_FALSE(k.app->input_view().candidates.empty());
    CHECK(k.app->input_view().candidates[0] == "低保");
    const FrameRecord::Target* first = k.app->frame().find_target("cand/0");
    REQUIRE(first);
    CHECK(first->max.x - first->min.x >= 80);
    CHECK(first->max.y - first->min.y >= 80);
    CHECK(k.app->frame().find_text("低保"));

    k.tap("cand/0");
    CHECK(k.app->search_view().query == "低保");
    CHECK(k.app->input_view().composition.empty());
    CHECK(k.app->input_view().candidates.empty());
    CHECK_FALSE(k.app->frame().find_target("cand/0"));
    REQUIRE_FALSE(k.app->search_view().rows.empty());
    CHECK(has_title_with(k, "最低生活保障"));
}

TEST_CASE("a candidate replaces only the letters typed after the last Chinese, so 低保 then shenqing gives 低保申请",
          "[input][pinyin][ui]") {
    Kiosk k;
    k.tap("search");
    type_keys(k, "dibao");
    k.tap("cand/0");
    type_keys(k, "shenqing");
    CHECK(k.app->search_view().query == "低保shenqing");
    CHECK(k.app->input_view().composition == "shenqing");
    REQUIRE(place_of(k, "申请") >= 0);
    k.tap("cand/" + std::to_string(place_of(k, "申请")));
    CHECK(k.app->search_view().query == "低保申请");
    // Delete takes the last character, as ever; a letter after it starts a new composition.
    k.tap("key/backspace");
    CHECK(k.app->search_view().query == "低保申");
    k.tap("key/q");
    CHECK(k.app->input_view().composition == "q");
}

TEST_CASE("writing 低 and then 保 on the 手写 pad with a finger gives the query 低保 and the 最低生活保障 services",
          "[input][handwriting][ui][screenshots]") {
    Kiosk k;
    k.tap("search");
    k.tap("key/mode.handwriting");
    CHECK(k.app->input_view().mode == InputMode::Handwriting);
    // The pad replaces the letter keys; the mode keys, clear, space and delete stay.
    CHECK_FALSE(k.app->frame().find_target("key/q"));
    const FrameRecord::Target* pad = k.app->frame().find_target("pad");
    REQUIRE(pad);
    CHECK(pad->max.x - pad->min.x == Approx(pad->max.y - pad->min.y).margin(1));
    CHECK(pad->max.y - pad->min.y >= 400);
    for (const char* id : {"pad/clear", "key/mode.pinyin", "key/mode.handwriting", "key/clear", "key/space", "key/backspace"})
        CHECK(k.app->frame().find_target(id));
    const int blank_ink = ink_in(k, "pad");

    write_on_pad(k, "u4f4e.json");
    CHECK(k.app->input_view().strokes.size() == stroke_count("u4f4e.json"));
    CHECK(ink_in(k, "pad") > blank_ink + 2000);  // the strokes are drawn as they were written
    CHECK(k.app->search_view().query.empty());   // nothing typed until a candidate is chosen
    const int low = place_of(k, "低");
    INFO("candidates for 低: " << k.app->input_view().candidates.size());
    REQUIRE(low >= 0);
    CHECK(low < 5);
    screenshot(k, "handwriting-portrait");
    k.tap("cand/" + std::to_string(low));
    CHECK(k.app->search_view().query == "低");
    CHECK(k.app->input_view().strokes.empty());  // ready for the next character
    CHECK(k.app->input_view().candidates.empty());
    CHECK(ink_in(k, "pad") == blank_ink);

    write_on_pad(k, "u4fdd.json");
    const int keep = place_of(k, "保");
    REQUIRE(keep >= 0);
    CHECK(keep < 5);
    k.tap("cand/" + std::to_string(keep));
    CHECK(k.app->search_view().query == "低保");
    CHECK(has_title_with(k, "最低生活保障"));
    CHECK(k.app->input_view().mode == InputMode::Handwriting);  // still writing, for a third character
}

TEST_CASE("重写 clears the pad and its candidates, and 拼音 brings the letter keys back", "[input][handwriting][ui]") {
    Kiosk k;
    k.tap("search");
    k.tap("key/mode.handwriting");
    write_on_pad(k, "u4f4e.json");
    REQUIRE_FALSE(k.app->input_view().candidates.empty());
    k.tap("pad/clear");
    CHECK(k.app->input_view().strokes.empty());
    CHECK(k.app->input_view().candidates.empty());
    CHECK_FALSE(k.app->frame().find_target("cand/0"));
    k.tap("key/mode.pinyin");
    CHECK(k.app->frame().find_target("key/q"));
    CHECK_FALSE(k.app->frame().find_target("pad"));
}

TEST_CASE("a stroke on the pad neither scrolls the page nor presses a key, while a drag on the results still scrolls",
          "[input][handwriting][ui][touch]") {
    Kiosk k;
    k.app->navigate(Route{"search", "shenqing"});  // a long page of results
    k.app->settle(60);
    k.tap("key/mode.handwriting");
    REQUIRE(k.app->scroll_max_y() > 0);
    REQUIRE(k.app->scroll_y() == 0);
    REQUIRE(k.app->frame().find_target("pad"));
    REQUIRE(k.app->frame().find_target("pad/clear"));
    const FrameRecord::Target pad = *k.app->frame().find_target("pad");  // copies: the record is redrawn
    const FrameRecord::Target rewrite = *k.app->frame().find_target("pad/clear");
    // A long, fast downward stroke: on the page it would be a fling.
    const ImVec2 top((pad.min.x + pad.max.x) * 0.5f, pad.min.y + 10);
    k.drag(top, pad.max.y - pad.min.y - 20, 10, 8, 0);
    k.app->settle();
    CHECK(k.app->scroll_y() == 0);
    CHECK(k.app->search_view().query == "shenqing");
    CHECK(k.app->route().str() == "search/shenqing");
    CHECK(k.app->input_view().strokes.size() == 1);
    CHECK(k.app->input_view().strokes[0].size() == 11);  // the down and ten moves (the up lands on the last)
    // A stroke from the pad across 重写 writes (clamped to the pad's edge); it does not press it.
    const ImVec2 start(pad.max.x - 30, (rewrite.min.y + rewrite.max.y) * 0.5f);
    k.push_finger(SDL_FINGERDOWN, start);
    k.push_finger(SDL_FINGERMOTION, ImVec2(start.x + 100, start.y));
    k.push_finger(SDL_FINGERUP, ImVec2((rewrite.min.x + rewrite.max.x) * 0.5f, start.y));
    k.app->settle();
    REQUIRE(k.app->input_view().strokes.size() == 2);
    CHECK(k.app->input_view().strokes[1].back().x == k.app->input_view().pad_w);
    CHECK(k.app->input_view().mode == InputMode::Handwriting);  // 重写 was not pressed
    // The same drag on the results scrolls them.
    k.drag(ImVec2(k.w * 0.5f, k.h * 0.45f), -300, 10, 8, 120);
    k.app->settle();
    CHECK(k.app->scroll_y() > 0);
    CHECK(k.app->input_view().strokes.size() == 2);
}

TEST_CASE("the idle reset returns the keyboard to 拼音 with an empty pad, no composition and no candidates",
          "[input][ui][idle]") {
    Kiosk k(1080, 1920, [](Config& c) { c.idle_reset_s = 90; });
    k.tap("search");
    type_keys(k, "dib");
    REQUIRE_FALSE(k.app->input_view().candidates.empty());
    k.tap("key/mode.handwriting");
    write_on_pad(k, "u4f4e.json");
    REQUIRE_FALSE(k.app->input_view().strokes.empty());
    k.app->pretend_time_passed(91);
    k.app->settle();
    REQUIRE(k.app->idle_countdown() > 0);
    k.app->pretend_time_passed(11);
    k.app->settle();
    CHECK(k.app->route().str() == "home");
    CHECK(k.app->input_view().mode == InputMode::Pinyin);
    CHECK(k.app->input_view().strokes.empty());
    CHECK(k.app->input_view().composition.empty());
    CHECK(k.app->input_view().candidates.empty());
    k.tap("search");
    CHECK(k.app->frame().find_target("key/q"));
    CHECK_FALSE(k.app->frame().find_target("cand/0"));
}

TEST_CASE("a kiosk left in 手写 on the home screen is not clean, and the idle reset puts 拼音 back", "[input][ui][idle]") {
    Kiosk k(1080, 1920, [](Config& c) { c.idle_reset_s = 90; });
    k.tap("search");
    k.tap("key/mode.handwriting");
    k.tap("home");
    k.app->pretend_time_passed(91);
    k.app->settle();
    CHECK(k.app->idle_countdown() > 0);
    k.app->pretend_time_passed(11);
    k.app->settle();
    CHECK(k.app->input_view().mode == InputMode::Pinyin);
}

TEST_CASE("without the handwriting model the pad says handwriting is unavailable, logs ModelMissing, and pinyin works",
          "[input][handwriting][ui]") {
    LogCatcher log;
    TempDir dir;
    auto opened = open_cache_with_fallback(dir.file("cache.db"), demo_bundle());
    REQUIRE(opened);
    Config cfg;
    cfg.cache_path = dir.file("cache.db");
    AppOptions options{cfg, true, true, 1080, 1920};
    options.input.handwriting_model = dir.file("no-such.model");
    auto created = App::create(options, std::move(opened->cache));
    REQUIRE(created);
    App& app = **created;
    app.settle();
    CHECK(app.input_view().handwriting == TextInputView::Engine::Failed);
    CHECK(log.said("handwriting is unavailable: ModelMissing"));
    app.navigate(Route{"search", "dibao"});
    app.settle();
    CHECK(app.input_view().candidates.at(0) == "低保");
    // The mode key still works; the pad's place says why there is no pad.
    const FrameRecord::Target* mode = app.frame().find_target("key/mode.handwriting");
    REQUIRE(mode);
    SDL_Event e{};
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = static_cast<int>((mode->min.x + mode->max.x) / 2);
    e.button.y = static_cast<int>((mode->min.y + mode->max.y) / 2);
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    SDL_PushEvent(&e);
    app.settle();
    CHECK(app.input_view().mode == InputMode::Handwriting);
    CHECK_FALSE(app.frame().find_target("pad"));
    CHECK(app.frame().find_text("手写暂时不能用"));
}

TEST_CASE("the keyboard fits portrait, landscape, the 320-px screen and 长辈版 text without overlap, in both modes",
          "[input][ui][layout][screenshots]") {
    struct Case { int w, h; bool large, contrast; const char* name; const char* language = "zh-CN"; };
    const Case c = GENERATE(Case{1080, 1920, false, false, "portrait"}, Case{1080, 1920, true, false, "portrait-large"},
                            Case{1080, 1920, false, true, "portrait-contrast"}, Case{1920, 1080, false, false, "landscape"},
                            Case{1920, 1080, true, false, "landscape-large"}, Case{320, 568, false, false, "small"},
                            Case{320, 568, true, false, "small-large"}, Case{1080, 1920, true, false, "portrait-large-en", "en"});
    INFO(c.name);
    Kiosk k(c.w, c.h, [&](Config& cfg) {
        cfg.theme = c.contrast ? "high-contrast" : c.large ? "large" : "standard";
        cfg.language = c.language;
    });
    k.tap("search");
    type_keys(k, "dibao");
    REQUIRE(k.app->frame().find_target("cand/0"));
    auto check_keyboard = [&](const char* mode) {
        INFO(mode);
        std::vector<const FrameRecord::Target*> keys;
        for (auto& t : k.app->frame().targets)
            if (t.id.starts_with("key/") || t.id.starts_with("cand/") || t.id.starts_with("pad")) keys.push_back(&t);
        REQUIRE(keys.size() >= 6);
        const float floor = c.w >= 1080 && c.h >= 1080 ? 80 : 20;  // 80 px where the screen has room
        for (auto* t : keys) {
            INFO(t->id);
            CHECK(t->min.x >= 0);
            CHECK(t->min.y >= 0);
            CHECK(t->max.x <= c.w);
            CHECK(t->max.y <= c.h);
            CHECK(t->max.x - t->min.x >= floor);
            CHECK(t->max.y - t->min.y >= floor);
            for (auto* u : keys) {
                if (u == t) continue;
                const bool apart = t->max.x <= u->min.x || u->max.x <= t->min.x || t->max.y <= u->min.y || u->max.y <= t->min.y;
                INFO(t->id << " and " << u->id);
                CHECK(apart);
            }
        }
        // The labels stay inside the keyboard's keys: every text drawn below the candidate
        // bar's top lies within some target or the pad's hint column.
        const float bar_top = k.app->frame().find_target("key/clear")->min.y - 0;  // bottom row
        float keyboard_left = static_cast<float>(c.w);  // in landscape the results are beside it
        for (auto* t : keys) keyboard_left = std::min(keyboard_left, t->min.x);
        for (auto& text : k.app->frame().texts) {
            if (text.min.y < bar_top || text.max.x <= keyboard_left) continue;
            INFO(text.text);
            CHECK(text.max.x <= c.w + 0.5f);
            bool inside = false;
            for (auto* t : keys)
                if (text.min.x >= t->min.x - 1 && text.max.x <= t->max.x + 1 && text.min.y >= t->min.y - 1 && text.max.y <= t->max.y + 1)
                    inside = true;
            CHECK(inside);
        }
    };
    check_keyboard("pinyin");
    screenshot(k, std::string("pinyin-") + c.name);
    k.tap("key/mode.handwriting");
    write_on_pad(k, "u4f4e.json");
    REQUIRE(k.app->frame().find_target("cand/0"));
    check_keyboard("handwriting");
    screenshot(k, std::string("handwriting-") + c.name);
}

TEST_CASE("candidates are drawn in the frame that sees the finger lift from the pad, and the frame after a key's release",
          "[input][latency]") {
    Kiosk k;
    k.tap("search");
    // Wall time and frames from the finger's events entering SDL's queue to the end of the
    // frame that draws the bar answering them; and the request-to-answer time on its own.
    std::vector<double> key_ms, stroke_ms, key_answer_ms, stroke_answer_ms;
    std::vector<int> key_frames, stroke_frames;
    auto until_answered = [&](std::vector<double>* ms, std::vector<int>* frames, std::vector<double>* answer_ms, auto start,
                              int drawn, std::uint64_t answered) {
        for (int i = 0; i < 100 && k.app->text_input().answered() == answered; i++) k.app->step(true);
        // poll() swaps the answer in before the step draws: the step that saw it drew it.
        ms->push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        frames->push_back(k.app->frames_drawn() - drawn);
        answer_ms->push_back(k.app->text_input().last_latency_ms());
    };
    for (std::string_view word : {"dibao", "shebaoka", "juzhuzheng"}) {
        k.tap("key/clear");
        for (char c : word) {
            const ImVec2 p = k.center_of("key/" + std::string(1, c));
            const auto start = std::chrono::steady_clock::now();
            const int drawn = k.app->frames_drawn();
            const std::uint64_t answered = k.app->text_input().answered();
            k.push_finger(SDL_FINGERDOWN, p);
            k.push_finger(SDL_FINGERUP, p);
            until_answered(&key_ms, &key_frames, &key_answer_ms, start, drawn, answered);
            k.app->settle();
        }
    }
    k.tap("key/mode.handwriting");
    for (const char* file : {"u4f4e.json", "u4fdd.json", "u4f1a.json", "u4efd.json"}) {
        k.tap("pad/clear");
        auto written = read_strokes_file((kStrokesDir / file).string());
        REQUIRE(written);
        const FrameRecord::Target* pad = k.app->frame().find_target("pad");
        REQUIRE(pad);
        const ImVec2 min = pad->min;
        const float side = pad->max.x - pad->min.x;
        auto at = [&](const HandwritingPoint& p) {
            return ImVec2(min.x + side * (0.05f + 0.9f * static_cast<float>(p.x / written->width)),
                          min.y + side * (0.05f + 0.9f * static_cast<float>(p.y / written->height)));
        };
        for (const HandwritingStroke& stroke : written->strokes) {
            k.push_finger(SDL_FINGERDOWN, at(stroke.front()));
            for (size_t i = 1; i < stroke.size(); i++) k.push_finger(SDL_FINGERMOTION, at(stroke[i]));
            k.app->settle();
            const auto start = std::chrono::steady_clock::now();
            const int drawn = k.app->frames_drawn();
            const std::uint64_t answered = k.app->text_input().answered();
            k.push_finger(SDL_FINGERUP, at(stroke.back()));
            until_answered(&stroke_ms, &stroke_frames, &stroke_answer_ms, start, drawn, answered);
        }
        k.app->settle();
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    auto report = [&](const char* what, const std::vector<double>& ms, const std::vector<int>& frames,
                      const std::vector<double>& answer) {
        std::printf("%s: %zu samples, median %.1f ms, max %.1f ms, frames %d-%d; request to answer median %.1f ms, max %.1f ms\n",
                    what, ms.size(), median(ms), *std::max_element(ms.begin(), ms.end()),
                    *std::min_element(frames.begin(), frames.end()), *std::max_element(frames.begin(), frames.end()),
                    median(answer), *std::max_element(answer.begin(), answer.end()));
    };
    report("stroke end -> candidates drawn", stroke_ms, stroke_frames, stroke_answer_ms);
    report("key tap -> candidate bar drawn", key_ms, key_frames, key_answer_ms);
    // The 50 ms after the stroke ends is the answer's. Drawing it adds a software frame
    // at 1080x1920 (17-35 ms on 2 cores, PITFALLS.md) and, for characters new to the glyph
    // atlas, its rebuild (~33 ms). Most answers are drawn in the frame that sees the lift (the
    // app waits up to 20 ms for them), the rest in the next.
    // Times are printed, not asserted (a benchmark's business, docs/performance.md): what is
    // asserted is the frames.
    CHECK(*std::max_element(stroke_frames.begin(), stroke_frames.end()) <= 2);
    CHECK(std::count(stroke_frames.begin(), stroke_frames.end(), 1) * 2 > static_cast<long>(stroke_frames.size()));
    // A tap is two frames (press, release: touch.h), the bar the third.
    CHECK(*std::max_element(key_frames.begin(), key_frames.end()) <= 3);
}
