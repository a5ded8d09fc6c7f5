// Publish-to-screen benchmark (hidden from the default run; scripts/bench-notice runs it and
// docs/performance.md records the numbers). The office's real path end to end: an urgent
// notice added to the source, `gongkai-publish build` into a real nginx's site, the real
// gongkai-sync daemon polling it every 60 s, and a running kiosk (then a board) on the same
// cache — timed from the build's start to the first frame that shows the notice. Also the
// bytes an unchanged poll costs, conditional (304) and full, and so a day's cost.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

#include "app.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "nginx_fixture.h"
#include "sync_cycle.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

TEST_CASE("notice benchmark: publish to screen with interval_s = 60, and bytes per unchanged poll", "[.bench][notice]") {
    const int runs = std::getenv("GONGKAI_BENCH_RUNS") ? std::atoi(std::getenv("GONGKAI_BENCH_RUNS")) : 3;
    Nginx nginx;
    TempDir dir;
    REQUIRE(publish("keygen --secret-key " + dir.file("sk") + " --public-key " + dir.file("pk.pub")).status == 0);
    const std::string src = copy_source(dir), site = nginx.site_dir("site");
    REQUIRE(publish("build --source " + src + " --secret-key " + dir.file("sk") + " --out " + site).status == 0);
    const std::string cache_path = dir.file("cache.db"), cfg_path = dir.file("gongkai.toml");
    write_file(cfg_path, "[cache]\npath = \"" + cache_path + "\"\n[hall]\ngroups = [\"东片\"]\n[sync]\nurl = \"" +
                             nginx.url("site/") + "\"\nca_file = \"" + TestPki::get().ca + "\"\ntrusted_keys = [\"" +
                             public_key_line(slurp(dir.file("pk.pub"))) + "\"]\ninterval_s = 60\n");
    auto cfg = load_config(cfg_path);
    REQUIRE(cfg);
    {
        auto opened = open_cache_with_fallback(cache_path, demo_bundle());
        REQUIRE(opened);
        REQUIRE(sync_once(*cfg, *opened->cache));  // the first catalogue, before the clock starts

        // An unchanged poll: conditional (a 304), then a full one (full_check_every = 1).
        auto conditional = sync_once(*cfg, *opened->cache);
        Config full_cfg = *cfg;
        full_cfg.full_check_every = 1;
        auto full = sync_once(full_cfg, *opened->cache);
        REQUIRE(conditional);
        REQUIRE(full);
        const double n = cfg->full_check_every, per_day = 86400.0 / cfg->interval_s;
        const double day_bytes = per_day * ((n - 1) / n * conditional->wire_bytes + 1 / n * full->wire_bytes);
        std::printf("bench: unchanged poll conditional_bytes=%llu full_bytes=%llu full_check_every=%d interval_s=%d "
                    "per_day_bytes=%.0f (all conditional: %.0f)\n",
                    static_cast<unsigned long long>(conditional->wire_bytes), static_cast<unsigned long long>(full->wire_bytes),
                    cfg->full_check_every, cfg->interval_s, day_bytes, per_day * conditional->wire_bytes);
    }
    const pid_t daemon = spawn_sync({"--config", cfg_path});
    std::vector<double> kiosk_s, board_s, build_s;
    for (int run = 0; run < 2 * runs; run++) {
        const bool board = run % 2 == 1;
        AppOptions options{*cfg, /*headless=*/true, /*windowed=*/true, board ? 1920 : 1080, board ? 1080 : 1920};
        options.config.mode = board ? DeviceMode::Board : DeviceMode::Kiosk;
        auto opened = open_cache_with_fallback(cache_path, demo_bundle());
        REQUIRE(opened);
        auto app = App::create(options, std::move(opened->cache));
        REQUIRE(app);
        (*app)->settle();
        // Wait a random part of the poll interval, as an office publishes at any moment.
        const double phase = (run * 37 % 60);
        for (auto t = std::chrono::steady_clock::now(); seconds_since(t) < phase;) {
            (*app)->step(false);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        const std::string title = "紧急停水通知第" + std::to_string(run + 1) + "次";
        {
            std::ofstream notices(src + "/notices.toml", std::ios::app);
            notices << "\n[[notice]]\nid = \"urgent-" << run + 1 << "\"\ntitle = \"" << title
                    << "\"\nbody = \"今天下午两点至五点本中心停水，卫生间暂停使用。\"\ncategory = \"服务公开\"\nurgent = true\n"
                    << "groups = [\"东片\"]\nvalid_until = 2099-12-31\n";
        }
        const auto t0 = std::chrono::steady_clock::now();
        REQUIRE(publish("build --source " + src + " --secret-key " + dir.file("sk") + " --out " + site).status == 0);
        build_s.push_back(seconds_since(t0));
        bool shown = false;
        while (!shown && seconds_since(t0) < 200) {
            (*app)->step(false);
            shown = (*app)->frame().find_text(title) != nullptr;
            if (!shown) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        REQUIRE(shown);
        (board ? board_s : kiosk_s).push_back(seconds_since(t0));
        std::printf("bench: run %d %s publish_to_screen_s=%.1f (build %.1f s, waited %.0f s into the interval first)\n", run + 1,
                    board ? "board" : "kiosk", (board ? board_s : kiosk_s).back(), build_s.back(), phase);
    }
    kill(daemon, SIGTERM);
    waitpid(daemon, nullptr, 0);
    std::printf("bench: publish-to-screen interval_s=60 runs=%d kiosk_median_s=%.1f kiosk_max_s=%.1f board_median_s=%.1f "
                "board_max_s=%.1f build_median_s=%.1f\n",
                runs, median(kiosk_s), *std::max_element(kiosk_s.begin(), kiosk_s.end()), median(board_s),
                *std::max_element(board_s.begin(), board_s.end()), median(build_s));
}
