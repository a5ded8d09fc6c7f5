// `gongkai-publish collect`: the office's side of the upload (docs/feedback.md). Walks the
// inbox nginx writes, verifies every batch, ingests its records into office.db and moves the
// file aside. One batch's life:
//
//   inbox/batches/<device>/<name>.json
//        │ lstat + open(O_NOFOLLOW): a symlink, a FIFO, a directory, > kMaxBatchFileBytes,
//        │ an unreadable file ─────────────────────────────────────────────┐
//        │ open_batch: BatchInvalid / BatchUnknownDevice / BatchBadSignature ┤
//        ▼                                                                  ▼
//   OfficeDb::ingest — ONE transaction, fsynced          inbox/.rejected/<device|unknown>/<name>
//        │ committed                                       + <name>.reason.txt (the named error)
//        ▼
//   inbox/.collected/<device>/<name>
//
// Invariant: a file leaves batches/ only after its records are durable in office.db. A crash
// between the commit and the move leaves the file in place; the next collect ingests it
// again, as no-ops (records are keyed by device and record id). A file of the same name
// uploaded again later is ingested again the same way, and replaces the collected copy.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "office_db.h"

namespace gongkai {

struct CollectOptions {
    std::string inbox;         // the WebDAV root: batches/<device>/*.json under it
    std::string db_path;       // office.db, created when missing
    std::string devices_file;  // devices.toml to upsert first; "" uses the devices already in office.db
};

struct RejectedBatch {
    std::string file;    // relative to the inbox, as found: batches/<device>/<name>
    std::string error;   // the error's name
    std::string detail;
};

struct CollectSummary {
    std::int64_t batches = 0;  // ingested (moved to .collected)
    IngestCounts records;
    std::map<std::string, std::int64_t> batches_rejected;  // error name → count
    std::vector<RejectedBatch> rejected;
    std::int64_t devices = 0;  // in office.db's device list
};

// The summary of a run that worked through the inbox (rejections included). An error only
// when nothing could be done or the run had to stop: DevicesInvalid (nothing collected),
// InboxUnusable, InboxBusy, the OfficeDb* errors (the batch being ingested stays in place).
[[nodiscard]] Result<CollectSummary> collect(const CollectOptions& options);

}  // namespace gongkai
