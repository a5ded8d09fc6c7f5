// The device's report to the office (docs/feedback.md): every heartbeat_s the daemon queues
// the finished days' search misses and a heartbeat into the outbox, then uploads the outbox
// in signed batches (outbox_upload.h). One cycle:
//
//   queue_search_misses(today) ─▶ add_heartbeat(state now) ─▶ upload_outbox ─▶ report.last_*
//
// A cycle whose upload fails leaves everything queued; the scheduler retries it with
// backoff, and the next heartbeat joins the queue behind the others.
#pragma once
#include <ctime>
#include <string>

#include "batch.h"
#include "cache.h"
#include "config.h"
#include "net_errors.h"

namespace gongkai {

// device_state keys of the report cycle, read by `outbox --json` and the heartbeat.
inline constexpr const char* kStateReportLastSuccess = "report.last_success";
inline constexpr const char* kStateReportLastError = "report.last_error";

// The heartbeat document (format_version 2, docs/feedback.md) for `now`. `daemon_started`
// is when this daemon started (its uptime).
[[nodiscard]] std::string heartbeat_json(const Config& config, Cache& cache, std::time_t now, std::time_t daemon_started);

// One report cycle, as above. ReportNotConfigured when [report] url is not set (nothing is
// queued then either: a device that reports nowhere keeps no heartbeats).
[[nodiscard]] Error report_cycle(const Config& config, Cache& cache, const DeviceKey& key, std::time_t daemon_started);

}  // namespace gongkai
