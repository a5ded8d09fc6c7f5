// gongkai-sync: the device daemon. Polls the signed catalogue site and installs updates
// into the cache the kiosk reads. The only Gongkai process that touches the network.
//   gongkai-sync --config FILE --once          one cycle; exit 0 updated/unchanged, 1 + named reason otherwise
//   gongkai-sync --config FILE status --json   what the cache says about sync
//   gongkai-sync --config FILE                 daemon until SIGTERM
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "cache.h"
#include "config.h"
#include "log.h"
#include "sync_cycle.h"

using namespace gongkai;

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

const char* kUsage =
    "usage: gongkai-sync [--config FILE] --once\n"
    "       gongkai-sync [--config FILE] status --json\n"
    "       gongkai-sync [--config FILE]            (daemon until SIGTERM)\n";

// Sleeps up to `seconds`, waking early on SIGTERM/SIGINT.
void sleep_interruptible(double seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!g_stop && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

int status_json(Cache& cache) {
    auto info = cache.info();
    nlohmann::json j = {
        {"catalogue_version", info ? nlohmann::json(info->version) : nlohmann::json(nullptr)},
        {"items", info ? info->items : 0},
        {"source", info ? info->source : ""},
        {"last_success", cache.state(kStateLastSuccess).empty() ? nlohmann::json(nullptr) : nlohmann::json(cache.state(kStateLastSuccess))},
        {"last_error", cache.state(kStateLastError).empty() ? nlohmann::json(nullptr) : nlohmann::json(cache.state(kStateLastError))},
        {"stale", catalogue_is_stale(cache, std::time(nullptr))},
    };
    std::cout << j.dump(1) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    set_log_program("gongkai-sync");
    std::string config_path;
    bool once = false, status = false, json = false;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--config" && i + 1 < argc) config_path = argv[++i];
        else if (a == "--once") once = true;
        else if (a == "status") status = true;
        else if (a == "--json") json = true;
        else if (a == "--help" || a == "-h") { std::fputs(kUsage, stdout); return 0; }
        else { std::fprintf(stderr, "gongkai-sync: unknown argument %s\n%s", a.c_str(), kUsage); return 2; }
    }
    if (status && !json) { std::fprintf(stderr, "gongkai-sync: status needs --json\n"); return 2; }
    if (config_path.empty()) config_path = default_config_path();
    auto cfg = load_config(config_path);
    if (!cfg) { std::fprintf(stderr, "gongkai-sync: %s\n", cfg.error().describe().c_str()); return 2; }
    auto cache = Cache::open(cfg->cache_path, CacheMode::ReadWrite);
    if (!cache) { std::fprintf(stderr, "gongkai-sync: %s\n", cache.error().describe().c_str()); return 1; }
    if (status) return status_json(**cache);

    if (once) {
        auto r = sync_once(*cfg, **cache);
        if (!r) {
            std::fprintf(stderr, "gongkai-sync: %s\n", r.error().describe().c_str());
            return 1;
        }
        std::printf("%s version %lld\n", r->updated ? "updated to" : "unchanged at", static_cast<long long>(r->version));
        return 0;
    }

    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    std::mt19937_64 rng(std::random_device{}());
    int failures = 0;
    while (!g_stop) {
        auto r = sync_once(*cfg, **cache);
        double wait;
        if (r) {
            failures = 0;
            // ±10% jitter: a fleet restarted together spreads out instead of polling in lockstep.
            wait = cfg->interval_s * std::uniform_real_distribution<double>(0.9, 1.1)(rng);
        } else {
            // Exponential backoff from 30 s, capped at the interval, with full jitter.
            failures = std::min(failures + 1, 16);
            double cap = std::min<double>(cfg->interval_s, 30.0 * (1 << std::min(failures - 1, 10)));
            wait = std::uniform_real_distribution<double>(cap / 2, cap)(rng);
        }
        sleep_interruptible(wait);
    }
    log_info("sync", "stopped");
    return 0;
}
