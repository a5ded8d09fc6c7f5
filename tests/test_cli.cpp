// The staff-facing command line: --list --json and --screenshot, run as a user would.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>

#include "damaged_cache.h"
#include "support.h"

using namespace gongkai;
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

TEST_CASE("gongkai-kiosk --list --json --now lists only what is in force at that moment, for this device", "[cli][board]") {
    TempDir dir;
    const std::string cfg = config_for(dir);
    auto ids_at = [&](const std::string& now) {
        Run r = kiosk("--config " + cfg + " --list --json --now " + now);
        REQUIRE(r.status == 0);
        std::set<std::string> ids;
        for (auto& o : nlohmann::json::parse(r.out))
            if (o["kind"] != "item") ids.insert(o["kind"].get<std::string>() + "/" + o["id"].get<std::string>());
        return ids;
    };
    // The demo's 低保审核公示 is public 2026-11-30 to 2026-12-06 (公示7天); the 2026 H1 notice ended 2026-06-30.
    auto during = ids_at("2026-12-01T10:00:00+08:00");
    CHECK(during.count("notice/dibao-review-2026-12"));
    CHECK(during.count("notice/free-information"));
    CHECK_FALSE(during.count("notice/employment-services-2026-h1"));
    auto after = ids_at("2026-12-07T00:00:00+08:00");
    CHECK_FALSE(after.count("notice/dibao-review-2026-12"));
    CHECK(after.count("notice/free-information"));
    // The last second of the window, written in UTC: 2026-12-06T23:59:59+08:00.
    CHECK(ids_at("2026-12-06T15:59:59Z").count("notice/dibao-review-2026-12"));
    auto before = ids_at("2026-06-30T23:59:00+08:00");
    CHECK(before.count("notice/employment-services-2026-h1"));
    CHECK_FALSE(before.count("notice/dibao-review-2026-12"));
    // Interpretations and responses are listed with their kind.
    CHECK(std::any_of(during.begin(), during.end(), [](const std::string& id) { return id.starts_with("interpretation/"); }));
    CHECK(std::any_of(during.begin(), during.end(), [](const std::string& id) { return id.starts_with("response/"); }));
    // --now is an exact contract: a time with its offset, and only with --screenshot or --list.
    CHECK(kiosk("--config " + cfg + " --list --json --now 2026-12-01").status == 2);
    CHECK(kiosk("--config " + cfg + " --list --json --now 2026-12-01T10:00:00").status == 2);
    CHECK(kiosk("--config " + cfg + " --query 低保 --json --now 2026-12-01T10:00:00+08:00").status == 2);
}

TEST_CASE("gongkai-kiosk --screenshot --route board --now renders the board at that moment, black when the hall is closed", "[cli][board]") {
    TempDir dir;
    std::string cfg = config_for(dir);
    write_file(cfg, slurp(cfg) + "\n[hall]\nopening_hours = [\"mon-fri 09:00-17:00\"]\n");
    Run open = kiosk("--config " + cfg + " --screenshot " + dir.file("open.png") + " --route board --size 1280x720 --now 2026-12-01T10:00:00+08:00");
    REQUIRE(open.status == 0);
    Run closed = kiosk("--config " + cfg + " --screenshot " + dir.file("closed.png") + " --route board --size 1280x720 --now 2026-12-05T10:00:00+08:00");
    REQUIRE(closed.status == 0);
    // Closed: every pixel black. Open: the page's paper colour and its text.
    auto lit_pixels = [](const std::string& png) {
        int w = 0, h = 0, n = 0;
        unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 3);
        REQUIRE(px);
        long lit = 0;
        for (long i = 0; i < static_cast<long>(w) * h * 3; i++) lit += px[i] > 8;
        stbi_image_free(px);
        return lit;
    };
    CHECK(lit_pixels(dir.file("closed.png")) == 0);
    CHECK(lit_pixels(dir.file("open.png")) > 1280 * 720);
}

TEST_CASE("a --now before 2000 or from 9999 on is refused, whatever offset it is written with", "[cli][board]") {
    TempDir dir;
    const std::string cfg = config_for(dir);
    for (const char* now : {"1970-01-01T00:00:00Z", "1970-01-01T05:00:00+14:00", "1999-12-31T23:59:59Z", "9999-01-01T00:00:00Z",
                            "9998-12-31T23:59:59-12:00"})
        CHECK(kiosk("--config " + cfg + " --list --json --now " + now).status == 2);
    CHECK(kiosk("--config " + cfg + " --list --json --now 2000-01-01T00:00:00Z").status == 0);
    CHECK(kiosk("--config " + cfg + " --list --json --now 9998-12-31T15:59:59Z").status == 0);
}

TEST_CASE("a --screenshot whose page reads a damaged part of the cache moves it aside and pictures the demo", "[cli][cache][hostile]") {
    TempDir dir;
    const std::string cfg = config_for(dir), path = dir.file("cache.db");
    install_synced_demo(path);
    // The items table's last leaf page: the last rows installed, of the last domain.
    const std::string domain = ask(path, "SELECT domain_id FROM items ORDER BY rowid DESC LIMIT 1");
    damage_page(path, std::stoll(ask(path, "SELECT max(pageno) FROM dbstat WHERE name = 'items' AND pagetype = 'leaf'")));
    auto moved_aside = [&] {
        for (auto& e : std::filesystem::directory_iterator(dir.path))
            if (e.path().filename().string().starts_with("cache.db.corrupt-")) return true;
        return false;
    };

    // Home reads no row of the items table: its picture is of the file's catalogue.
    Run home = kiosk("--config " + cfg + " --screenshot " + dir.file("home.png") + " --route home --size 1080x1920");
    INFO(home.err);
    REQUIRE(home.status == 0);
    CHECK_FALSE(moved_aside());
    // The damaged domain's list does read it: the file goes aside, and the picture is of the demo.
    Run list = kiosk("--config " + cfg + " --screenshot " + dir.file("list.png") + " --route domain/" + domain + " --size 1080x1920");
    INFO(list.err);
    CHECK(list.status == 0);
    CHECK(list.err.find("CacheCorrupt") != std::string::npos);
    CHECK(list.err.find("moved the damaged cache to " + path + ".corrupt-") != std::string::npos);
    CHECK(moved_aside());
    auto cache = Cache::open(path, CacheMode::ReadOnly);
    REQUIRE(cache);
    CHECK((*cache)->info()->source == "demo");
    CHECK_FALSE((*cache)->check_integrity());
    CHECK(std::filesystem::file_size(dir.file("list.png")) > 10000);
}

TEST_CASE("a --screenshot of search whose index reads a damaged part of the cache moves it aside and pictures the demo", "[cli][cache][hostile]") {
    TempDir dir;
    const std::string cfg = config_for(dir), path = dir.file("cache.db");
    install_synced_demo(path);
    damage_page(path, std::stoll(ask(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'search_docs'")));
    Run r = kiosk("--config " + cfg + " --screenshot " + dir.file("s.png") + " --route search/低保 --size 1080x1920");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.err.find("could not read the search documents: CacheCorrupt") != std::string::npos);
    CHECK(r.err.find("moved the damaged cache to " + path + ".corrupt-") != std::string::npos);
    auto cache = Cache::open(path, CacheMode::ReadOnly);
    REQUIRE(cache);
    CHECK((*cache)->info()->source == "demo");
}
