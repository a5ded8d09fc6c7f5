// office.db: what devices sent back to the central office (docs/feedback.md) — the device
// list, residents' ratings, zero-result searches and heartbeats — in one SQLite file (WAL),
// its schema versioned with PRAGMA user_version. collect writes it one batch per
// transaction; report reads it (and keeps each item's content hash, to date changes).
//
// Schema 1 (sized for 1,000 devices × 30 days of 15-minute heartbeats, 2.88M rows):
//   devices(device INTEGER PK, id UNIQUE, public_key, name)  — `device` is a small key the
//     big tables store instead of the 32-hex id (8 bytes, not 33, on millions of rows)
//   feedback(device, record_id, page_kind, page_id, catalogue_version, rating,
//     reasons JSON, comment, time)  PK(device, record_id)
//   misses_days(device, record_id, day, other_queries)  PK(device, record_id), WITHOUT ROWID
//   misses(device, record_id, day, query, count, results)  one row per query of a day
//   heartbeats(device, record_id, time, catalogue_version, last_error, outbox_records,
//     kiosk_alive, outbox_full)  PK(device, record_id), WITHOUT ROWID: the compact history
//   heartbeat_latest(device PK, time, body)  the newest whole heartbeat per device
//   rejected_records(device, record_id, kind, error, detail)  records refused by their checks
//   item_versions(item_id PK, content_hash, changed)  the report's memory of item contents
// Idempotence is per table: each kind's table has the primary key (device, record_id)
// and is written with INSERT OR IGNORE, so a record ingested twice (a re-uploaded batch, the
// same records under another file name) is stored once. Record ids are stored as their 16
// bytes. A misses record's queries are written only when its misses_days row is new.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "batch.h"
#include "office_errors.h"

namespace gongkai {

inline constexpr int kOfficeSchemaVersion = 1;

struct OfficeDevice {
    std::string id;          // 32 hex
    std::string public_key;  // base64 of the 32-byte Ed25519 key
    std::string name;        // may be empty
};

struct IngestCounts {
    std::int64_t records_new = 0;
    std::int64_t records_already_had = 0;
    std::map<std::string, std::int64_t> records_rejected;  // error name → count
};

class OfficeDb {
public:
    // Opens (with `create`, creates) office.db and brings its schema to kOfficeSchemaVersion.
    // OfficeDbOpenFailed, OfficeDbCorrupt, OfficeDbSchemaTooNew, OfficeDbBusy.
    [[nodiscard]] static Result<std::unique_ptr<OfficeDb>> open(const std::string& path, bool create);
    ~OfficeDb();
    OfficeDb(const OfficeDb&) = delete;
    OfficeDb& operator=(const OfficeDb&) = delete;

    sqlite3* handle() { return db_; }

    // Adds new devices and updates the names of known ones, in one transaction. Devices
    // not in `devices` stay (their history is the office's record).
    Error upsert_devices(const std::vector<OfficeDevice>& devices);
    Result<std::vector<OfficeDevice>> devices();

    // Stores a verified batch's records in one transaction: each record checked
    // (office_records.h), new ones inserted, known ones ignored, failing ones counted and
    // kept in rejected_records. The device must be in the device list.
    Result<IngestCounts> ingest(const OpenedBatch& batch);

    // An SQLite failure as an OfficeError (rc and message in the detail).
    Error error(int rc, OfficeError otherwise, const std::string& what);

private:
    OfficeDb() = default;
    struct Statements;
    sqlite3* db_ = nullptr;
    std::unique_ptr<Statements> st_;  // prepared once, reused for every record
    std::map<std::string, std::int64_t> device_keys_;  // id → devices.device
};

}  // namespace gongkai
