// Uploading the outbox: oldest records first, in signed batches, each an HTTPS PUT of
// batches/<device id>/<SHA-256 of the payload>.json under [report] url with the device's
// client certificate. A record leaves the outbox only after the server's 2xx for its batch.
//
//   ┌──────────────▶ outbox_oldest(n) ── empty ──▶ done
//   │                      │
//   │                 seal_batch ─▶ PUT ── 2xx ──▶ outbox_remove ──┐
//   │                             ├── 413 and n > 1 ─▶ n = n / 2 ─┤ (the inbox's size limit)
//   │                             └── anything else ─▶ stop: that error, everything kept
//   └──────────────────────────────────────────────────────────────┘
#pragma once
#include <cstddef>

#include "batch.h"
#include "cache.h"
#include "config.h"
#include "net_errors.h"

namespace gongkai {

struct UploadSummary {
    int batches = 0;
    int records = 0;
};

// Errors: ReportNotConfigured, the PUT's (NetConnect, NetTls, NetUnauthorized,
// NetPayloadTooLarge for a single record, NetHttpStatus, NetTruncated …), the cache's.
[[nodiscard]] Result<UploadSummary> upload_outbox(const Config& config, Cache& cache, const DeviceKey& key,
                                                  size_t max_records = kMaxBatchRecords);

}  // namespace gongkai
