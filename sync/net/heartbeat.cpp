// See heartbeat.h.
#include "heartbeat.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "clock.h"
#include "host_status.h"
#include "log.h"
#include "manifest.h"
#include "outbox.h"
#include "outbox_upload.h"

namespace gongkai {

std::string heartbeat_json(const Config& config, Cache& cache, std::time_t now, std::time_t daemon_started) {
    auto info = cache.info();
    // A state that could not be read is reported as its error: the office sees why.
    // Clipped to what the office accepts (outbox.h kMaxHeartbeatErrorBytes): a device in
    // trouble with a long error must not have its heartbeats refused for it.
    auto nullable = [](const Result<std::string>& s) {
        std::string text = s ? *s : s.error().describe();
        if (s && text.empty()) return nlohmann::json(nullptr);
        if (text.size() > kMaxHeartbeatErrorBytes / 2) {
            // JSON escaping may double a byte: half the bound, cut at a character boundary.
            size_t cut = kMaxHeartbeatErrorBytes / 2;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) cut--;
            text = text.substr(0, cut) + "…";
        }
        return nlohmann::json(text);
    };
    nlohmann::json outbox;
    if (auto stats = outbox_stats(cache)) {
        const std::uint64_t max_bytes = static_cast<std::uint64_t>(config.outbox_max_mib) << 20;
        outbox = {{"records", stats->records}, {"bytes", stats->bytes}, {"feedback", stats->feedback},
                  {"misses", stats->misses}, {"heartbeat", stats->heartbeat},
                  {"oldest", stats->oldest_created.empty() ? nlohmann::json(nullptr) : nlohmann::json(stats->oldest_created)},
                  {"refused", stats->refused},
                  {"discarded", stats->discarded},
                  // Full once another ~2 KiB rating would not fit.
                  {"full", static_cast<std::uint64_t>(stats->bytes) + 2048 > max_bytes}};
    } else {
        outbox = {{"error", stats.error().describe()}};
    }
    const HostStatus host = read_host_status(std::filesystem::path(cache.path()).parent_path().string());
    const nlohmann::json free_disk = host.disk_error.empty() ? nlohmann::json(host.disk_free_bytes) : nlohmann::json(nullptr);
    const nlohmann::json uptime = host.uptime_s >= 0 ? nlohmann::json(host.uptime_s) : nlohmann::json(nullptr);
    auto alive_at = cache.state(kStateKioskAlive);
    std::time_t stamp = 0;
    const bool stamped = alive_at && !alive_at->empty() && parse_rfc3339_utc(*alive_at, &stamp);
    nlohmann::json j = {
        {"format", "gongkai-heartbeat"},
        {"format_version", 2},
        {"time", format_rfc3339_utc(now)},
        {"district", config.district},
        {"hall", config.hall_name},
        {"groups", config.hall_groups},
        {"software_version", GONGKAI_VERSION},
        {"heartbeat_s", config.heartbeat_s},
        {"catalogue_version", info ? nlohmann::json(info->version) : nlohmann::json(nullptr)},
        {"catalogue_source", info ? info->source : ""},
        {"stale", catalogue_is_stale(cache, now)},
        {"last_success", nullable(cache.state(kStateLastSuccess))},
        {"last_error", nullable(cache.state(kStateLastError))},
        {"outbox", outbox},
        {"free_disk_bytes", free_disk},
        {"uptime_s", uptime},
        {"daemon_uptime_s", static_cast<std::int64_t>(now - daemon_started)},
        // Alive: stamped within the last 3 stamps (one missed stamp is not a fault).
        {"kiosk_alive", stamped && now - stamp <= 3 * kKioskAliveStampS && now - stamp >= -kKioskAliveStampS},
        {"kiosk_alive_at", stamped ? nlohmann::json(*alive_at) : nlohmann::json(nullptr)},
    };
    // Replace, not throw, on a byte sequence that is not UTF-8 (an error text quoting a server).
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Error report_cycle(const Config& config, Cache& cache, const DeviceKey& key, std::time_t daemon_started) {
    if (config.report_url.empty()) return make_error(NetError::ReportNotConfigured, "no [report] url in the config");
    const std::time_t now = std::time(nullptr);
    const std::uint64_t max_bytes = static_cast<std::uint64_t>(config.outbox_max_mib) << 20;
    // A full outbox refuses the misses (named, counted) but the heartbeat still goes in,
    // and the upload still runs: it is what empties the outbox.
    auto queued = queue_search_misses(cache, local_date(now), max_bytes);
    if (!queued) log_warn("report", "search misses not queued: " + queued.error().describe());
    auto beat = add_heartbeat(cache, heartbeat_json(config, cache, now, daemon_started), now, max_bytes);
    if (!beat) log_warn("report", "heartbeat not queued: " + beat.error().describe());
    auto sent = upload_outbox(config, cache, key);
    if (!sent) {
        // Best effort: the state is for `outbox --json`; the error is returned either way.
        (void)cache.set_state(kStateReportLastError, format_rfc3339_utc(now) + " " + sent.error().describe());
        return sent.error();
    }
    (void)cache.set_state(kStateReportLastSuccess, format_rfc3339_utc(now));
    (void)cache.set_state(kStateReportLastError, "");
    if (sent->records > 0)
        log_info("report", "uploaded " + std::to_string(sent->records) + " records in " + std::to_string(sent->batches) + " batches");
    return {};
}

}  // namespace gongkai
