// [display] rotation (kiosk/rotation.h): a landscape panel hung portrait shows the portrait
// layout turned, and a finger on the glass lands on what it touches. Real SDL events into
// the real app loop, on a 1920×1080 window.
#include <catch2/catch.hpp>

#include "kiosk_fixture.h"
#include "rotation.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("rotation: a point on the canvas and an event at the place it shows are the same point, for every rotation", "[rotation]") {
    const int W = 1920, H = 1080;
    for (int rotation : {0, 90, 180, 270}) {
        INFO("rotation " << rotation);
        int cw = 0, ch = 0;
        rotated_canvas_size(rotation, W, H, &cw, &ch);
        CHECK(cw == (rotation % 180 ? H : W));
        CHECK(ch == (rotation % 180 ? W : H));
        for (auto [lx, ly] : {std::pair{10.0f, 20.0f}, std::pair{540.0f, 960.0f}, std::pair{float(cw) - 3, float(ch) - 7}}) {
            float wx = 0, wy = 0;
            canvas_to_window(rotation, W, H, lx, ly, &wx, &wy);
            CHECK(wx >= 0);
            CHECK(wx <= W);
            CHECK(wy >= 0);
            CHECK(wy <= H);
            SDL_Event finger{};
            finger.type = SDL_FINGERDOWN;
            finger.tfinger.x = wx / W;
            finger.tfinger.y = wy / H;
            SDL_Event f = event_to_canvas(finger, rotation, W, H);
            CHECK(f.tfinger.x * cw == Approx(lx).margin(0.01));
            CHECK(f.tfinger.y * ch == Approx(ly).margin(0.01));
            SDL_Event click{};
            click.type = SDL_MOUSEBUTTONDOWN;
            click.button.x = static_cast<Sint32>(wx);
            click.button.y = static_cast<Sint32>(wy);
            SDL_Event c = event_to_canvas(click, rotation, W, H);
            CHECK(c.button.x == Approx(lx).margin(1));
            CHECK(c.button.y == Approx(ly).margin(1));
        }
    }
}

TEST_CASE("rotation: at 90° a 1920×1080 screen shows the portrait layout turned, pixel for pixel", "[rotation][ui]") {
    std::vector<unsigned char> portrait, turned;
    int pw = 0, ph = 0, tw = 0, th = 0;
    {
        Kiosk k(1080, 1920);
        REQUIRE_FALSE(k.app->read_pixels(&portrait, &pw, &ph));
    }
    {
        Kiosk k(1920, 1080, [](Config& c) { c.rotation = 90; });
        screenshot_if_asked(k, "rotation-90");
        REQUIRE_FALSE(k.app->read_pixels(&turned, &tw, &th));
    }
    REQUIRE(pw == 1080);
    REQUIRE(ph == 1920);
    REQUIRE(tw == 1920);
    REQUIRE(th == 1080);
    // Window pixel (wx, wy) shows canvas pixel (wy, 1919 − wx) (rotation.h, at pixel centres).
    size_t same = 0, total = 0;
    for (int wy = 0; wy < th; wy += 3)
        for (int wx = 0; wx < tw; wx += 3) {
            const unsigned char* a = &turned[(static_cast<size_t>(wy) * tw + wx) * 4];
            const unsigned char* b = &portrait[(static_cast<size_t>(1919 - wx) * pw + wy) * 4];
            total++;
            if (std::abs(a[0] - b[0]) <= 8 && std::abs(a[1] - b[1]) <= 8 && std::abs(a[2] - b[2]) <= 8) same++;
        }
    INFO(same << " of " << total << " sampled pixels match");
    CHECK(same >= total * 99 / 100);
}

TEST_CASE("rotation: a finger on the turned screen taps what it is on", "[rotation][ui]") {
    for (int rotation : {90, 180, 270}) {
        INFO("rotation " << rotation);
        const int W = rotation == 180 ? 1080 : 1920, H = rotation == 180 ? 1920 : 1080;
        Kiosk k(W, H, [rotation](Config& c) { c.rotation = rotation; });
        // The home screen is laid out portrait (1080 wide): a domain card's centre, on the canvas.
        const FrameRecord::Target* card = k.app->frame().find_target("domain/social-assistance");
        REQUIRE(card);
        CHECK(card->max.x <= 1080);
        float wx = 0, wy = 0;
        canvas_to_window(rotation, W, H, (card->min.x + card->max.x) / 2, (card->min.y + card->max.y) / 2, &wx, &wy);
        k.push_finger(SDL_FINGERDOWN, ImVec2(wx, wy));
        k.push_finger(SDL_FINGERUP, ImVec2(wx, wy));
        k.app->settle();
        CHECK(k.app->route().str() == "domain/social-assistance");
    }
}

TEST_CASE("rotation: only 0, 90, 180 and 270 degrees are accepted", "[rotation][config]") {
    TempDir dir;
    for (const char* bad : {"45", "-90", "360", "90.0", "\"90\""}) {
        write_file(dir.file("c.toml"), std::string("[display]\nrotation = ") + bad + "\n");
        auto cfg = load_config(dir.file("c.toml"));
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().detail.find("\"rotation\" must be 0, 90, 180 or 270") != std::string::npos);
    }
    write_file(dir.file("c.toml"), "[display]\nrotation = 270\n");
    CHECK(load_config(dir.file("c.toml"))->rotation == 270);
}
