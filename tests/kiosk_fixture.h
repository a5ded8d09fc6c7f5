// A real kiosk App in this process (SDL dummy video driver, software renderer) on a
// real SQLite cache holding the demo catalogue, driven by real SDL events.
#pragma once
#include <SDL.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <memory>

#include "app.h"
#include "cache.h"
#include "config.h"
#include "demo_catalogue.h"
#include "support.h"

namespace gongkai::test {

// A device's main config file, gongkai.toml, for a Kiosk that starts as it does on a device.
struct ConfigPath {
    std::string path;
};

struct Kiosk {
    TempDir dir;  // the cache's directory for a Config built in memory; unused with a ConfigPath
    std::unique_ptr<App> app;
    int w, h;

    // `configure` changes the device config before the app starts (theme, language ...).
    // `now`: the kiosk's wall clock stands there from the start (as --now), 0: the system's.
    explicit Kiosk(int width = 1080, int height = 1920, const std::function<void(Config&)>& configure = {}, std::time_t now = 0)
        : w(width), h(height) {
        Config cfg;
        cfg.cache_path = dir.file("cache.db");
        if (configure) configure(cfg);
        start(cfg, now, "");
    }

    // The kiosk as it starts on a device with --config: the config read in layers (its preset,
    // the file, local.toml beside it), the cache where that config puts it, and the panel's
    // settings saved back through the same path.
    explicit Kiosk(const ConfigPath& config, int width = 1080, int height = 1920, std::time_t now = 0)
        : w(width), h(height) {
        auto cfg = load_config(config.path, {});
        REQUIRE(cfg);
        start(*cfg, now, config.path);
    }

    // The cache opened as gongkai-kiosk opens it (the demo catalogue where there is none yet,
    // the whole-file check after the first frame), the app made, its first frames drawn.
    void start(const Config& cfg, std::time_t now, const std::string& config_path) {
        auto opened = open_cache_with_fallback(cfg.cache_path, demo_bundle(), CacheCheck::Later);
        REQUIRE(opened);
        AppOptions options{cfg, true, true, w, h};
        options.now = now;
        options.config_path = config_path;
        options.damaged_cache_fallback = demo_bundle();
        auto created = App::create(options, std::move(opened->cache));
        REQUIRE(created);
        app = std::move(*created);
        app->settle();
    }

    ImVec2 center_of(const std::string& target) {
        const FrameRecord::Target* t = app->frame().find_target(target);
        INFO("tap target " << target << " on " << app->route().str());
        REQUIRE(t);
        return ImVec2((t->min.x + t->max.x) * 0.5f, (t->min.y + t->max.y) * 0.5f);
    }

    void push_finger(Uint32 type, ImVec2 p, SDL_FingerID finger = 1) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = finger;
        e.tfinger.x = p.x / w;
        e.tfinger.y = p.y / h;
        e.tfinger.pressure = 1;
        SDL_PushEvent(&e);
    }
    void push_mouse_button(Uint32 type, ImVec2 p) {
        SDL_Event e{};
        e.type = type;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.x = static_cast<int>(p.x);
        e.button.y = static_cast<int>(p.y);
        SDL_PushEvent(&e);
    }

    // Down and up queued before the next frame: a tap shorter than a frame.
    void tap_at(ImVec2 p) {
        push_finger(SDL_FINGERDOWN, p);
        push_finger(SDL_FINGERUP, p);
        app->settle();
    }
    void tap(const std::string& target) { tap_at(center_of(target)); }
    void click(const std::string& target) {
        ImVec2 p = center_of(target);
        push_mouse_button(SDL_MOUSEBUTTONDOWN, p);
        push_mouse_button(SDL_MOUSEBUTTONUP, p);
        app->settle();
    }

    // Text as an on-screen keyboard or an IME hands it to the focused field.
    void type_text(const std::string& text) {
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        std::snprintf(e.text.text, sizeof e.text.text, "%s", text.c_str());
        SDL_PushEvent(&e);
        app->settle();
    }

    // The wall clock moved to `unix_s`, and a frame drawn at that time and settled.
    void set_wall(std::int64_t unix_s) {
        app->set_wall_clock(unix_s * 1000);
        app->step(false);
        app->settle();
    }

    // A finger drag from `from` by `dy`, in `steps` moves `ms` apart. `hold_ms` waits
    // before lifting (0 = a flick). With `frame_per_move` the app draws after each move;
    // without, the moves arrive at touch-panel pace while the app is busy, as a fast
    // flick does on a software-rendered screen.
    void drag(ImVec2 from, float dy, int steps, Uint32 ms, Uint32 hold_ms, bool frame_per_move = true) {
        push_finger(SDL_FINGERDOWN, from);
        app->step(false);
        for (int i = 1; i <= steps; i++) {
            SDL_Delay(ms);
            push_finger(SDL_FINGERMOTION, ImVec2(from.x, from.y + dy * i / steps));
            if (frame_per_move) app->step(false);
        }
        if (hold_ms) {
            SDL_Delay(hold_ms);
            app->step(false);
        }
        push_finger(SDL_FINGERUP, ImVec2(from.x, from.y + dy));
        app->step(false);
    }
};

// The contrast a text run reads at, from the frame's pixels (RGBA, pw × ph): the page colour
// most of its box shows, against the colour furthest from it. nullopt for a run the screen's
// edge cuts to less than half its height: it is not read there.
// With GONGKAI_SCREENSHOT_DIR set, the frame shown as <dir>/<name>.png (how docs/screenshots
// are made); otherwise nothing.
inline void screenshot_if_asked(Kiosk& k, const std::string& name) {
    const char* dir = std::getenv("GONGKAI_SCREENSHOT_DIR");
    if (!dir || !*dir) return;
    REQUIRE_FALSE(k.app->save_screenshot((std::filesystem::path(dir) / (name + ".png")).string()));
}

inline std::optional<double> text_run_contrast(const std::vector<unsigned char>& px, int pw, int ph, const FrameRecord::Text& t) {
    const int x0 = std::max(0, int(t.min.x)), y0 = std::max(0, int(t.min.y));
    const int x1 = std::min(pw, int(t.max.x)), y1 = std::min(ph, int(t.max.y));
    if (x1 - x0 < 4 || y1 - y0 < t.size * 0.5f) return std::nullopt;
    std::map<ImU32, int> counts;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            const unsigned char* p = &px[(size_t(y) * pw + x) * 4];
            counts[IM_COL32(p[0], p[1], p[2], 0xFF)]++;
        }
    ImU32 bg = 0;
    int most = 0;
    for (auto& [c, n] : counts)
        if (n > most) { most = n; bg = c; }
    double ratio = 1;
    for (auto& [c, n] : counts) ratio = std::max(ratio, contrast_ratio(c, bg));
    return ratio;
}

}  // namespace gongkai::test
