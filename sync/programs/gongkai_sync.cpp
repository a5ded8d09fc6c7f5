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

// Strings may carry bytes from outside (URLs, server text): never let them break the JSON.
void print_json(const nlohmann::json& j) {
    std::cout << j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// Status of a cache that could not be opened: the same keys, the reason as last_error.
int status_json_unopened(const Error& e) {
    print_json({{"catalogue_version", nullptr}, {"items", 0}, {"source", ""}, {"last_success", nullptr},
                {"last_error", e.describe()}, {"stale", false}});
    return 1;
}

int status_json(Cache& cache) {
    auto info = cache.info();
    auto text_or_null = [&](const char* key) -> nlohmann::json {
        auto v = cache.state(key);
        if (!v) return key == std::string(kStateLastError) ? nlohmann::json(v.error().describe()) : nlohmann::json(nullptr);
        return v->empty() ? nlohmann::json(nullptr) : nlohmann::json(*v);
    };
    nlohmann::json last_error = text_or_null(kStateLastError);
    // An unreadable catalogue is an error to report even if no cycle recorded one.
    if (!info && info.error().code != ErrorCode::CacheEmpty && last_error.is_null()) last_error = info.error().describe();
    print_json({
        {"catalogue_version", info ? nlohmann::json(info->version) : nlohmann::json(nullptr)},
        {"items", info ? info->items : 0},
        {"source", info ? info->source : ""},
        {"last_success", text_or_null(kStateLastSuccess)},
        {"last_error", last_error},
        {"stale", catalogue_is_stale(cache, std::time(nullptr))},
    });
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
    if (status) {
        // Status only reads: it never moves a damaged cache aside, but always prints JSON.
        if (Error e = create_cache_directory(cfg->cache_path)) return status_json_unopened(e);
        auto cache = Cache::open(cfg->cache_path, CacheMode::ReadWrite);
        if (!cache) cache = Cache::open(cfg->cache_path, CacheMode::ReadOnly);
        if (!cache) return status_json_unopened(cache.error());
        return status_json(**cache);
    }
    if (Error e = check_trusted_keys(*cfg)) { std::fprintf(stderr, "gongkai-sync: %s\n", e.describe().c_str()); return 2; }
    auto opened = open_cache_for_sync(cfg->cache_path);
    if (!opened) { std::fprintf(stderr, "gongkai-sync: %s\n", opened.error().describe().c_str()); return 1; }
    auto& cache = opened->cache;

    if (once) {
        auto r = sync_once(*cfg, *cache);
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
        auto r = sync_once(*cfg, *cache);
        double wait;
        if (r) {
            failures = 0;
            // ±10% jitter: a fleet restarted together spreads out instead of polling in lockstep.
            wait = cfg->interval_s * std::uniform_real_distribution<double>(0.9, 1.1)(rng);
        } else {
            // Exponential backoff from 30 s, capped at the interval, with full jitter.
            failures = std::min(failures + 1, 16);
            // A cache damaged while the daemon runs would fail every cycle: close it and
            // reopen, which moves the damaged file aside and starts a fresh one.
            if (r.error().code == ErrorCode::CacheCorrupt) {
                cache.reset();
                auto reopened = open_cache_for_sync(cfg->cache_path);
                if (!reopened) {
                    std::fprintf(stderr, "gongkai-sync: %s\n", reopened.error().describe().c_str());
                    return 1;
                }
                cache = std::move(reopened->cache);
            }
            double cap = std::min<double>(cfg->interval_s, 30.0 * (1 << std::min(failures - 1, 10)));
            wait = std::uniform_real_distribution<double>(cap / 2, cap)(rng);
        }
        sleep_interruptible(wait);
    }
    log_info("sync", "stopped");
    return 0;
}
