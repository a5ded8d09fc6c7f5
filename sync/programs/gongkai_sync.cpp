// gongkai-sync: the device daemon. Polls the signed catalogue site and installs updates
// into the cache the kiosk reads. The only Gongkai process that touches the network.
//   gongkai-sync --config FILE --once          one cycle; exit 0 updated/unchanged, 1 + named reason otherwise
//   gongkai-sync --config FILE status --json   what the cache says about sync
//   gongkai-sync --config FILE heartbeat       one report cycle now: queue misses and a heartbeat, upload the outbox
//   gongkai-sync --config FILE upload          upload the outbox now (nothing new queued)
//   gongkai-sync --config FILE outbox --json   what waits for the office: depth by kind, oldest record's age
//   gongkai-sync --config FILE device-key      this device's id and public key, for the office's devices.toml
//   gongkai-sync --config FILE                 daemon until SIGTERM (scheduler.h: pull and report jobs; a
//                                              sync staff ask for on the kiosk's panel runs within kSyncRequestCheckS)
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cache.h"
#include "command_line.h"
#include "config.h"
#include "log.h"
#include "batch.h"
#include "clock.h"
#include "heartbeat.h"
#include "http_client.h"
#include "outbox.h"
#include "outbox_upload.h"
#include "scheduler.h"
#include "service_notify.h"
#include "sync_cycle.h"

using namespace gongkai;

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

// systemd's watchdog (gongkai-sync.service, WatchdogSec=): pinged from the daemon's one
// thread — the scheduler's loop and, during a transfer, curl's progress callback — never
// from a timer of its own, so a wedged thread stops the pings. A function-local static:
// the transfer callback is a plain function pointer.
ServiceWatchdog& watchdog() {
    static ServiceWatchdog w = ServiceWatchdog::from_environment();
    return w;
}

// One line for `systemctl status`, after each job: how every job went last time.
// "pull ok (3 runs); report failed (2 in a row): NetConnect: …"
std::string status_line(const Scheduler& scheduler) {
    std::string line;
    for (const Scheduler::JobState& job : scheduler.jobs()) {
        if (!line.empty()) line += "; ";
        if (job.runs == 0) line += job.name + " not run yet";
        else if (!job.last_error) line += job.name + " ok (" + std::to_string(job.runs) + " runs)";
        else line += job.name + " failed (" + std::to_string(job.failures) + " in a row): " + job.last_error.describe();
    }
    return line;
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
    if (!info && info.error().code != CatalogueError::CacheEmpty && last_error.is_null()) last_error = info.error().describe();
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

// What waits for the office, read-only: depth by kind, bytes against the limit, the
// oldest record's age, refusals, and the last upload's result.
int outbox_json(const Config& cfg, Cache* cache) {
    const std::uint64_t max_bytes = static_cast<std::uint64_t>(cfg.outbox_max_mib) << 20;
    nlohmann::json j = {{"records", 0}, {"bytes", 0}, {"max_bytes", max_bytes},
                        {"by_kind", {{"feedback", 0}, {"misses", 0}, {"heartbeat", 0}}},
                        {"oldest", nullptr}, {"oldest_age_s", nullptr}, {"refused", 0}, {"discarded", 0}, {"full", false},
                        {"last_upload", nullptr}, {"last_upload_error", nullptr}};
    if (!cache) { print_json(j); return 0; }
    auto stats = outbox_stats(*cache);
    if (!stats) {
        j["error"] = stats.error().describe();
        print_json(j);
        return 1;
    }
    j["records"] = stats->records;
    j["bytes"] = stats->bytes;
    j["by_kind"] = {{"feedback", stats->feedback}, {"misses", stats->misses}, {"heartbeat", stats->heartbeat}};
    j["refused"] = stats->refused;
    j["discarded"] = stats->discarded;
    j["full"] = static_cast<std::uint64_t>(stats->bytes) + 2048 > max_bytes;
    if (!stats->oldest_created.empty()) {
        j["oldest"] = stats->oldest_created;
        std::time_t t = 0;
        CalendarDate d{};
        if (parse_rfc3339_utc(stats->oldest_created, &t)) j["oldest_age_s"] = static_cast<std::int64_t>(std::time(nullptr) - t);
        else if (parse_calendar_date(stats->oldest_created, &d) && parse_rfc3339_utc(stats->oldest_created + "T00:00:00Z", &t))
            j["oldest_age_s"] = static_cast<std::int64_t>(std::time(nullptr) - t);  // a misses day: its start, in UTC
    }
    auto text = [&](const char* key) -> nlohmann::json {
        auto v = cache->state(key);
        return v && !v->empty() ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    j["last_upload"] = text(kStateReportLastSuccess);
    j["last_upload_error"] = text(kStateReportLastError);
    print_json(j);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    set_log_program("gongkai-sync");
    CLI::App cli{"gongkai-sync: the device's sync daemon. Without a command it runs until SIGTERM, pulling the\n"
                 "signed catalogue and sending heartbeats, each on its own interval with its own backoff.",
                 "gongkai-sync"};
    cli.set_version_flag("--version", std::string("gongkai-sync ") + GONGKAI_VERSION);
    std::string config_path;
    bool once = false, json = false;
    cli.add_option("--config", config_path, "device config (default: $GONGKAI_CONFIG, else /etc/gongkai/gongkai.toml)");
    cli.add_flag("--once", once, "run one sync cycle; exit 0 updated/unchanged, 1 and a named reason otherwise");
    CLI::App* status = cli.add_subcommand("status", "print what the cache says about sync");
    status->add_flag("--json", json, "as JSON (the only format)")->required();
    CLI::App* heartbeat = cli.add_subcommand("heartbeat", "one report cycle now: queue the finished days' search misses and a heartbeat, upload the outbox");
    CLI::App* upload = cli.add_subcommand("upload", "upload what the outbox holds to [report] url now");
    CLI::App* outbox = cli.add_subcommand("outbox", "print what waits for the office: depth by kind, the oldest record's age");
    outbox->add_flag("--json", json, "as JSON (the only format)")->required();
    CLI::App* device_key = cli.add_subcommand("device-key", "print this device's id and public key as a devices.toml entry (made on first use)");
    // `status --json --config F` as well as `--config F status --json`.
    for (CLI::App* sub : {status, heartbeat, upload, outbox, device_key}) sub->fallthrough();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return exit_for_parse_error(cli, e, "gongkai-sync");
    }
    if (config_path.empty()) config_path = default_config_path();
    // A wrong [display] or [hall] value is the kiosk's business: a warning here, never a
    // reason to stop syncing. Cache, sync and report must be right.
    auto cfg = load_config(config_path, {"cache", "sync", "report"});
    if (!cfg) { std::fprintf(stderr, "gongkai-sync: %s\n", cfg.error().describe().c_str()); return 2; }
    if (status->parsed()) {
        // Status only reads: it creates, migrates and moves aside nothing, follows no
        // dangling link into a new file, and always prints JSON.
        std::error_code ec;
        if (!std::filesystem::exists(cfg->cache_path, ec) && !ec) {
            print_json({{"catalogue_version", nullptr}, {"items", 0}, {"source", ""}, {"last_success", nullptr},
                        {"last_error", nullptr}, {"stale", false}});
            return 0;
        }
        auto cache = Cache::open(cfg->cache_path, CacheMode::ReadOnly);
        if (!cache) return status_json_unopened(cache.error());
        return status_json(**cache);
    }
    if (outbox->parsed()) {
        std::error_code ec;
        if (!std::filesystem::exists(cfg->cache_path, ec) && !ec) return outbox_json(*cfg, nullptr);
        auto cache = Cache::open(cfg->cache_path, CacheMode::ReadOnly);
        if (!cache) {
            print_json({{"error", cache.error().describe()}});
            return 1;
        }
        return outbox_json(*cfg, cache->get());
    }
    const std::string key_path = device_key_path(*cfg);
    if (device_key->parsed()) {
        auto key = load_or_create_device_key(key_path);
        if (!key) { std::fprintf(stderr, "gongkai-sync: %s\n", key.error().describe().c_str()); return 1; }
        nlohmann::json name = cfg->hall_name.empty() ? cfg->district : cfg->hall_name;
        std::printf("[[device]]\nid = \"%s\"\npublic_key = \"%s\"\nname = %s\n", key->id.c_str(), key->public_key_base64().c_str(),
                    name.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return 0;
    }
    const std::time_t started = std::time(nullptr);
    auto opened = open_cache_for_sync(cfg->cache_path);
    if (!opened) { std::fprintf(stderr, "gongkai-sync: %s\n", opened.error().describe().c_str()); return 1; }
    auto& cache = opened->cache;
    // The key is made on first use; a device that cannot keep one (a read-only state
    // directory) still syncs, and every report cycle says why it cannot report.
    auto key = load_or_create_device_key(key_path);
    if (heartbeat->parsed() || upload->parsed()) {
        if (!key) { std::fprintf(stderr, "gongkai-sync: %s\n", key.error().describe().c_str()); return 1; }
        if (heartbeat->parsed()) {
            if (Error e = report_cycle(*cfg, *cache, *key, started)) {
                std::fprintf(stderr, "gongkai-sync: %s\n", e.describe().c_str());
                return 1;
            }
            std::printf("heartbeat sent\n");
            return 0;
        }
        auto sent = upload_outbox(*cfg, *cache, *key);
        if (!sent) { std::fprintf(stderr, "gongkai-sync: %s\n", sent.error().describe().c_str()); return 1; }
        std::printf("uploaded %d records in %d batches\n", sent->records, sent->batches);
        return 0;
    }
    if (Error e = check_trusted_keys(*cfg)) { std::fprintf(stderr, "gongkai-sync: %s\n", e.describe().c_str()); return 2; }

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
    set_transfer_cancel_flag(&g_stop);  // SIGTERM ends a stalled transfer at once
    Scheduler scheduler;
    scheduler.add("pull", JobPolicy{static_cast<double>(cfg->interval_s)}, [&]() -> Error {
        auto r = sync_once(*cfg, *cache);
        if (r) return {};
        // A cache damaged while the daemon runs would fail every cycle: close it and
        // reopen, which moves the damaged file aside and starts a fresh one.
        if (r.error().code == CatalogueError::CacheCorrupt) {
            cache.reset();
            auto reopened = open_cache_for_sync(cfg->cache_path);
            if (!reopened) {
                std::fprintf(stderr, "gongkai-sync: %s\n", reopened.error().describe().c_str());
                std::exit(1);
            }
            cache = std::move(reopened->cache);
        }
        return r.error();
    });
    // Staff's 同步 on the kiosk's panel writes kStateSyncRequested (the kiosk has no network
    // code): a value other than the one last seen makes the pull due at once. The value at
    // start counts as seen — the pull runs at start anyway.
    std::string request_seen;
    if (auto v = cache->state(kStateSyncRequested)) request_seen = *v;
    // Requests are honoured at most once a minute: a finger on 同步 (or anything that can
    // write the cache) must not turn the daemon into a poller that ignores its backoff.
    constexpr auto kMinRequestGap = std::chrono::seconds(60);
    auto last_request_run = Scheduler::Clock::now() - kMinRequestGap;
    scheduler.add("sync-request", JobPolicy{kSyncRequestCheckS, kSyncRequestCheckS}, [&]() -> Error {
        auto v = cache->state(kStateSyncRequested);
        if (!v) return v.error();
        if (*v == request_seen) return {};
        if (Scheduler::Clock::now() - last_request_run < kMinRequestGap) return {};  // seen on a later check
        request_seen = *v;
        last_request_run = Scheduler::Clock::now();
        // The value is the kiosk's timestamp; it is logged only when it is one (a forged
        // value must not write lines into the log).
        std::time_t at = 0;
        log_info("sync", std::string("staff asked for a sync on the kiosk") + (parse_rfc3339_utc(*v, &at) ? " at " + *v : "") + ": pulling now");
        scheduler.run_now("pull");
        return {};
    }, Scheduler::Clock::now() + std::chrono::seconds(kSyncRequestCheckS));
    if (!cfg->report_url.empty())
        scheduler.add("report", JobPolicy{static_cast<double>(cfg->heartbeat_s)}, [&]() -> Error {
            if (!key) return key.error();
            return report_cycle(*cfg, *cache, *key, started);
        });
    else
        log_info("sync", "[report] url is not set: no heartbeats or ratings are sent");
    set_transfer_alive_callback([] { watchdog().ping(); });
    // Config read, cache open, jobs set: the daemon serves from here on.
    notify_ready("pulling from " + (cfg->sync_url.empty() ? std::string("(no [sync] url)") : cfg->sync_url));
    scheduler.run(g_stop, [] { watchdog().ping(); }, [&scheduler](const Scheduler::JobState&) { notify_status(status_line(scheduler)); });
    notify_status("stopping");
    log_info("sync", "stopped");
    return 0;
}
