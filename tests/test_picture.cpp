// A picture (--screenshot) is the frame the running kiosk shows. The picture is drawn with
// AppOptions::settled_frames_only (only the frame nothing follows is rasterised) and with
// the atlas restored from disk when one is kept; the kiosk in this process draws every
// frame and builds its atlas.
#include <png.h>

#include <catch2/catch.hpp>

#include "kiosk_fixture.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;
};

Image read_png(const std::string& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, path.c_str()) != 0);
    image.format = PNG_FORMAT_RGBA;
    Image out;
    out.w = static_cast<int>(image.width), out.h = static_cast<int>(image.height);
    out.rgba.resize(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr) != 0);
    return out;
}

}  // namespace

TEST_CASE("a picture taken with --screenshot is, pixel for pixel, the frame the running kiosk shows", "[screenshot][cli]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    const char* routes[] = {"home", "item/dibao-apply", "domain/social-assistance", "help", "search"};
    Kiosk k(540, 960, [&](Config& cfg) { cfg.cache_path = dir.file("cache.db"); });
    for (const char* route : routes) {
        INFO(route);
        for (int take = 0; take < 2; take++) {  // the atlas built and kept, then restored
            const std::string png = dir.file(std::string("shot") + std::to_string(take) + ".png");
            Run r = run("env -u CACHE_DIRECTORY XDG_CACHE_HOME=" + dir.file("xdg") + " SDL_VIDEODRIVER=dummy " + GONGKAI_KIOSK_BINARY,
                        "--config " + dir.file("c.toml") + " --screenshot " + png + " --route " + route + " --size 540x960");
            REQUIRE(r.status == 0);
            const Image picture = read_png(png);

            auto parsed = Route::parse(route);
            REQUIRE(parsed);
            k.app->navigate(*parsed);
            k.app->settle();
            std::vector<unsigned char> shown;
            int w = 0, h = 0;
            REQUIRE_FALSE(k.app->read_pixels(&shown, &w, &h));
            REQUIRE(picture.w == w);
            REQUIRE(picture.h == h);
            size_t differing = 0;
            for (size_t i = 0; i < shown.size(); i++) differing += shown[i] != picture.rgba[i];
            CHECK(differing == 0);
        }
    }
}
