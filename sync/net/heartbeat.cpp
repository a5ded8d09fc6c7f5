// See heartbeat.h.
#include "heartbeat.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "http_client.h"
#include "manifest.h"

namespace gongkai {

Result<std::string> device_id(Cache& cache) {
    auto stored = cache.state(kStateDeviceId);
    if (!stored) return stored.error();
    if (!stored->empty()) return *stored;
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * sizeof bytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    if (Error e = cache.set_state(kStateDeviceId, hex)) return e;
    return std::string(hex);
}

// The document for a device whose id is already known (send_heartbeat needs it for the URL too).
static std::string heartbeat_document(const Config& config, Cache& cache, const std::string& id, std::time_t now) {
    auto info = cache.info();
    // A state that could not be read is reported as its error: the office sees why.
    auto nullable = [](const Result<std::string>& s) {
        if (!s) return nlohmann::json(s.error().describe());
        return s->empty() ? nlohmann::json(nullptr) : nlohmann::json(*s);
    };
    nlohmann::json j = {
        {"format", "gongkai-heartbeat"},
        {"format_version", 1},
        {"device_id", id},
        {"district", config.district},
        {"time", format_rfc3339_utc(now)},
        {"software_version", GONGKAI_VERSION},
        {"catalogue_version", info ? nlohmann::json(info->version) : nlohmann::json(nullptr)},
        {"catalogue_source", info ? info->source : ""},
        {"last_success", nullable(cache.state(kStateLastSuccess))},
        {"last_error", nullable(cache.state(kStateLastError))},
        {"stale", catalogue_is_stale(cache, now)},
    };
    // Replace, not throw, on a byte sequence that is not UTF-8 (an error text quoting a server).
    return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<std::string> heartbeat_json(const Config& config, Cache& cache, std::time_t now) {
    auto id = device_id(cache);
    if (!id) return id.error();
    return heartbeat_document(config, cache, *id, now);
}

Error send_heartbeat(const Config& config, Cache& cache) {
    if (config.report_url.empty()) return make_error(NetError::ReportNotConfigured, "no [report] url in the config");
    auto id = device_id(cache);
    if (!id) return id.error();
    FetchRequest req;
    std::string base = config.report_url;
    if (base.empty() || base.back() != '/') base += '/';
    req.url = base + "heartbeats/" + *id + ".json";
    req.body = heartbeat_document(config, cache, *id, std::time(nullptr));
    req.content_type = "application/json";
    req.ca_file = config.ca_file;
    req.allow_http = config.insecure_allow_http;
    req.low_speed_bytes_per_s = config.low_speed_bytes_per_s;
    req.low_speed_time_s = config.low_speed_time_s;
    // A heartbeat is a few hundred bytes: a minute is generous on the slowest link.
    req.total_timeout_s = 60;
    auto resp = put(std::move(req));
    if (!resp) return resp.error();
    return {};
}

}  // namespace gongkai
