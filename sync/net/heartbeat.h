// The device's heartbeat to the office: a small JSON document PUT to
// <[report] url>/heartbeats/<device id>.json over the same HTTPS setup as the pulls, so
// the office sees which devices are alive, on which catalogue, and what last went wrong.
// Overwriting one file per device makes a repeated heartbeat harmless (idempotent).
// (The durable outbox for residents' feedback builds on this path: issue 10.)
#pragma once
#include <ctime>
#include <string>

#include "cache.h"
#include "net_errors.h"
#include "config.h"

namespace gongkai {

// device_state key of this device's random id, created on first use.
inline constexpr const char* kStateDeviceId = "device_id";

// This device's id: 16 random bytes in hex, kept in the cache's device_state.
[[nodiscard]] Result<std::string> device_id(Cache& cache);

// The heartbeat document for `now`.
[[nodiscard]] Result<std::string> heartbeat_json(const Config& config, Cache& cache, std::time_t now);

// Sends one heartbeat. ReportNotConfigured when [report] url is not set.
[[nodiscard]] Error send_heartbeat(const Config& config, Cache& cache);

}  // namespace gongkai
