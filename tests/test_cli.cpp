// The staff-facing command line: --list --json and --screenshot, run as a user would.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "support.h"

using namespace gongkai::test;

namespace {

// `env` prefixes the command, e.g. "env -u DISPLAY".
Run kiosk(const std::string& args, const std::string& env = "") { return run(env + " " + GONGKAI_KIOSK_BINARY, args); }

std::string config_for(const TempDir& dir) {
    std::string path = dir.file("gongkai.toml");
    write_file(path, "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    return path;
}

}  // namespace

TEST_CASE("gongkai-kiosk --list --json prints every item and guide with the route id of its domain", "[cli]") {
    TempDir dir;
    Run r = kiosk("--config " + config_for(dir) + " --list --json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    int items = 0;
    for (auto& o : j) {
        for (const char* key : {"kind", "id", "title", "domain", "domain_id", "level1"}) REQUIRE(o.contains(key));
        items += o["kind"] == "item";
    }
    CHECK(items == 128);
    bool found = false;
    for (auto& o : j)
        if (o["title"] == "最低生活保障申请") {
            found = true;
            CHECK(o["domain"] == "社会救助");
            CHECK(o["domain_id"] == "social-assistance");
            CHECK(o["id"] == "dibao-apply");
        }
    CHECK(found);
}

TEST_CASE("gongkai-kiosk --screenshot renders a route to a PNG of the requested size with no display", "[cli]") {
    TempDir dir;
    std::string cfg = config_for(dir);
    Run r = kiosk("--config " + cfg + " --screenshot " + dir.file("d.png") + " --route domain/health --size 1920x1080");
    REQUIRE(r.status == 0);
    std::string png = slurp(dir.file("d.png"));
    REQUIRE(png.size() > 24);
    CHECK(png.substr(1, 3) == "PNG");
    auto be32 = [&](size_t at) {
        return (unsigned char)png[at] << 24 | (unsigned char)png[at + 1] << 16 | (unsigned char)png[at + 2] << 8 | (unsigned char)png[at + 3];
    };
    CHECK(be32(16) == 1920);
    CHECK(be32(20) == 1080);
}

TEST_CASE("wrong arguments and a wrong config are refused with a named reason", "[cli]") {
    TempDir dir;
    CHECK(kiosk("--route nowhere/x --screenshot " + dir.file("x.png") + " --config " + config_for(dir)).status == 2);
    CHECK(kiosk("--size 10x10 --screenshot x.png").status == 2);
    for (const char* size : {"\" 1080x1920\"", "1080x+1920", "-1x-1", "1080X1920", "1080x1920x3"})
        CHECK(kiosk(std::string("--size ") + size + " --screenshot x.png").status == 2);
    CHECK(kiosk("--screenshot \"\"").status == 2);               // it started the kiosk itself before
    CHECK(kiosk("--list --json --query x").status == 2);        // --query was ignored before
    write_file(dir.file("bad.toml"), "[display]\norientation = \"sideways\"\n");
    CHECK(kiosk("--config " + dir.file("bad.toml") + " --list --json").status == 2);
}

TEST_CASE("with no display the kiosk renders its home screen to a PNG and says how to run windowed", "[cli]") {
    TempDir dir;
    // x11 with no DISPLAY: SDL_Init fails the same way on every machine (left to itself,
    // SDL may fall back on "offscreen", handled the same, or on KMS where a console exists).
    Run r = kiosk("--config " + config_for(dir),
                "env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 TMPDIR=" + dir.path.string());
    CHECK(r.status == 0);
    const std::string& out = r.out;
    CHECK(out.find("No display was found") != std::string::npos);
    CHECK(out.find("--windowed") != std::string::npos);
    // A file of its own in $TMPDIR (gongkai-home-XXXXXX.png), named in what it prints.
    std::string png;
    for (auto& e : std::filesystem::directory_iterator(dir.path))
        if (e.path().filename().string().starts_with("gongkai-home-") && e.path().extension() == ".png") png = e.path().string();
    REQUIRE_FALSE(png.empty());
    CHECK(out.find(png) != std::string::npos);
    CHECK(slurp(png).substr(1, 3) == "PNG");
}
