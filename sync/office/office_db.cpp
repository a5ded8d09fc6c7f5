// See office_db.h.
#include "office_db.h"

#include <ctime>
#include <filesystem>

#include <sodium.h>

#include "office_records.h"
#include "sqlite_db.h"

namespace gongkai {

namespace {

// Schema 1. Every CREATE is IF NOT EXISTS so a crash between creating and stamping the
// version repeats harmlessly.
const char* const kSchema1 = R"sql(
CREATE TABLE IF NOT EXISTS devices(
  device INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  public_key TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS feedback(
  device INTEGER NOT NULL, record_id BLOB NOT NULL,
  page_kind TEXT NOT NULL, page_id TEXT NOT NULL, catalogue_version INTEGER NOT NULL,
  rating INTEGER NOT NULL, reasons TEXT NOT NULL, comment TEXT NOT NULL, time TEXT NOT NULL,
  PRIMARY KEY(device, record_id));
CREATE TABLE IF NOT EXISTS misses_days(
  device INTEGER NOT NULL, record_id BLOB NOT NULL, day TEXT NOT NULL, other_queries INTEGER NOT NULL,
  PRIMARY KEY(device, record_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS misses(
  device INTEGER NOT NULL, record_id BLOB NOT NULL, day TEXT NOT NULL,
  query TEXT NOT NULL, count INTEGER NOT NULL, results INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS heartbeats(
  device INTEGER NOT NULL, record_id BLOB NOT NULL, time INTEGER NOT NULL,
  catalogue_version INTEGER, last_error TEXT, outbox_records INTEGER NOT NULL,
  kiosk_alive INTEGER NOT NULL, outbox_full INTEGER NOT NULL,
  PRIMARY KEY(device, record_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS heartbeat_latest(
  device INTEGER PRIMARY KEY, time INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rejected_records(
  device INTEGER NOT NULL, record_id BLOB NOT NULL, kind TEXT NOT NULL, error TEXT NOT NULL, detail TEXT NOT NULL,
  PRIMARY KEY(device, record_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS item_versions(
  item_id TEXT PRIMARY KEY, content_hash BLOB NOT NULL, changed INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// A record id is 32 lowercase hex digits (open_batch checked): its 16 bytes.
std::array<unsigned char, 16> id_bytes(const std::string& hex) {
    std::array<unsigned char, 16> out{};
    sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, nullptr, nullptr);
    return out;
}

}  // namespace

// Ten minutes: more than any NTP-synced clock is ahead of the office's, less than one
// heartbeat interval (heartbeat_s ≥ 60 s is common at 900 s).
constexpr std::int64_t kMaxClockAheadS = 600;

struct OfficeDb::Statements {
    explicit Statements(sqlite3* db)
        : feedback(db, "INSERT OR IGNORE INTO feedback(device, record_id, page_kind, page_id, catalogue_version, rating, "
                       "reasons, comment, time) VALUES (?,?,?,?,?,?,?,?,?)"),
          misses_day(db, "INSERT OR IGNORE INTO misses_days(device, record_id, day, other_queries) VALUES (?,?,?,?)"),
          misses_query(db, "INSERT INTO misses(device, record_id, day, query, count, results) VALUES (?,?,?,?,?,?)"),
          heartbeat(db, "INSERT OR IGNORE INTO heartbeats(device, record_id, time, catalogue_version, last_error, "
                        "outbox_records, kiosk_alive, outbox_full) VALUES (?,?,?,?,?,?,?,?)"),
          // Batches arrive in any order (a device offline for a week uploads oldest first,
          // collect walks names, not times): the latest is the one with the newest time.
          latest(db, "INSERT INTO heartbeat_latest(device, time, body) VALUES (?,?,?) ON CONFLICT(device) DO UPDATE "
                     "SET time = excluded.time, body = excluded.body WHERE excluded.time >= heartbeat_latest.time"),
          rejected(db, "INSERT OR IGNORE INTO rejected_records(device, record_id, kind, error, detail) VALUES (?,?,?,?,?)") {}
    sql::Stmt feedback, misses_day, misses_query, heartbeat, latest, rejected;

    int first_prepare_error() const {
        for (const sql::Stmt* s : {&feedback, &misses_day, &misses_query, &heartbeat, &latest, &rejected})
            if (s->prepare_rc() != SQLITE_OK) return s->prepare_rc();
        return SQLITE_OK;
    }
};

Error OfficeDb::error(int rc, OfficeError otherwise, const std::string& what) {
    std::string detail = what + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)) + " (rc=" + std::to_string(rc) + ")";
    ErrorCode code = otherwise;
    switch (rc & 0xff) {  // the primary result code
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = OfficeError::OfficeDbCorrupt; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = OfficeError::OfficeDbBusy; break;
    case SQLITE_FULL: code = OfficeError::OfficeDbFull; break;
    case SQLITE_CANTOPEN: code = OfficeError::OfficeDbOpenFailed; break;
    }
    return make_error(code, detail);
}

OfficeDb::~OfficeDb() {
    st_.reset();  // statements before the connection
    sqlite3_close(db_);
}

Result<std::unique_ptr<OfficeDb>> OfficeDb::open(const std::string& path, bool create) {
    // An existing path must be a regular file: SQLite would open /dev/null and then write
    // /dev/null-journal beside it.
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        return make_error(OfficeError::OfficeDbOpenFailed, path + ": not a regular file");
    std::unique_ptr<OfficeDb> self(new OfficeDb());
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &self->db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = self->error(rc, OfficeError::OfficeDbOpenFailed, path);
        e.code = OfficeError::OfficeDbOpenFailed;  // a missing file is CANTOPEN, a directory too
        return e;
    }
    sqlite3* db = self->db_;
    // A report reading while collect writes waits up to 10 s for the one batch being written
    // (a 500-record batch commits in milliseconds).
    sqlite3_busy_timeout(db, 10000);
    // WAL: readers never block the writer. synchronous=FULL: a batch file is moved out of the
    // inbox only after its transaction is on disk, so a power cut cannot lose records whose
    // file was already moved aside (one fsync per batch of up to 500 records).
    // cache_size -65536 (64 MiB): the heartbeat table's pages for a few hundred devices stay
    // in memory while a large inbox is ingested (docs/performance.md).
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA cache_size=-65536"}) {
        sql::Stmt st(db, pragma);
        int prc = st.step();
        if (prc != SQLITE_ROW && prc != SQLITE_DONE) return self->error(prc, OfficeError::OfficeDbCorrupt, std::string(path) + ": " + pragma);
    }
    sql::Stmt version_stmt(db, "PRAGMA user_version");
    rc = version_stmt.step();
    if (rc != SQLITE_ROW) return self->error(rc, OfficeError::OfficeDbCorrupt, path + ": read the schema version");
    std::int64_t version = version_stmt.integer(0);
    if (version > kOfficeSchemaVersion)
        return make_error(OfficeError::OfficeDbSchemaTooNew, path + ": schema " + std::to_string(version) + ", this build knows " +
                                                                 std::to_string(kOfficeSchemaVersion));
    if (version < 1) {
        sql::Transaction tx(db, "BEGIN IMMEDIATE");
        if (tx.begin_rc() != SQLITE_OK) return self->error(tx.begin_rc(), OfficeError::OfficeDbWriteFailed, path + ": create the schema");
        if (int src = sql::exec(db, kSchema1); src != SQLITE_OK) return self->error(src, OfficeError::OfficeDbWriteFailed, path + ": create the schema");
        if (int src = sql::exec(db, "PRAGMA user_version=1"); src != SQLITE_OK) return self->error(src, OfficeError::OfficeDbWriteFailed, path + ": stamp the schema");
        if (int crc = tx.commit(); crc != SQLITE_OK) return self->error(crc, OfficeError::OfficeDbWriteFailed, path + ": create the schema");
    }
    self->st_ = std::make_unique<Statements>(db);
    if (int prc = self->st_->first_prepare_error(); prc != SQLITE_OK)
        return self->error(prc, OfficeError::OfficeDbCorrupt, path + ": a table of schema 1 is missing");
    return self;
}

Error OfficeDb::upsert_devices(const std::vector<OfficeDevice>& devices) {
    sql::Transaction tx(db_, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return error(tx.begin_rc(), OfficeError::OfficeDbWriteFailed, "update the device list");
    sql::Stmt st(db_, "INSERT INTO devices(id, public_key, name) VALUES (?,?,?) "
                      "ON CONFLICT(id) DO UPDATE SET public_key = excluded.public_key, name = excluded.name");
    for (const OfficeDevice& d : devices) {
        st.bind(1, d.id).bind(2, d.public_key).bind(3, d.name);
        if (int rc = st.step(); rc != SQLITE_DONE) return error(rc, OfficeError::OfficeDbWriteFailed, "add device " + d.id);
        st.reset();
    }
    if (int rc = tx.commit(); rc != SQLITE_OK) return error(rc, OfficeError::OfficeDbWriteFailed, "update the device list");
    device_keys_.clear();
    return {};
}

Result<std::vector<OfficeDevice>> OfficeDb::devices() {
    std::vector<OfficeDevice> out;
    sql::Stmt st(db_, "SELECT id, public_key, name FROM devices ORDER BY id");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) out.push_back({st.text(0), st.text(1), st.text(2)});
    if (rc != SQLITE_DONE) return error(rc, OfficeError::OfficeDbCorrupt, "read the device list");
    return out;
}

Result<IngestCounts> OfficeDb::ingest(const OpenedBatch& batch) {
    auto key_it = device_keys_.find(batch.device_id);
    if (key_it == device_keys_.end()) {
        sql::Stmt st(db_, "SELECT device FROM devices WHERE id = ?");
        st.bind(1, batch.device_id);
        int rc = st.step();
        if (rc != SQLITE_ROW) return error(rc == SQLITE_DONE ? SQLITE_ERROR : rc, OfficeError::OfficeDbCorrupt, "device " + batch.device_id + " is not in office.db");
        key_it = device_keys_.emplace(batch.device_id, st.integer(0)).first;
    }
    const std::int64_t device = key_it->second;
    IngestCounts counts;
    sql::Transaction tx(db_, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return error(tx.begin_rc(), OfficeError::OfficeDbWriteFailed, "begin a batch");
    Statements& s = *st_;
    auto step = [&](sql::Stmt& st, const char* what) -> Result<bool> {
        int rc = st.step();
        bool changed = rc == SQLITE_DONE && sqlite3_changes(db_) > 0;
        st.reset();
        if (rc != SQLITE_DONE) return error(rc, OfficeError::OfficeDbWriteFailed, what);
        return changed;
    };
    for (const BatchRecord& r : batch.records) {
        const auto id = id_bytes(r.id);
        Result<bool> inserted = false;
        Error refused;
        switch (r.kind) {
        case OutboxKind::Feedback: {
            auto f = check_feedback_record(r.body);
            if (!f) { refused = f.error(); break; }
            nlohmann::json reasons = f->reasons;
            s.feedback.bind(1, device).bind_blob(2, id.data(), id.size()).bind(3, f->page_kind).bind(4, f->page_id)
                .bind(5, f->catalogue_version).bind(6, std::int64_t{f->rating}).bind(7, reasons.dump()).bind(8, f->comment).bind(9, f->time);
            inserted = step(s.feedback, "store a rating");
            break;
        }
        case OutboxKind::Misses: {
            auto m = check_misses_record(r.body);
            if (!m) { refused = m.error(); break; }
            s.misses_day.bind(1, device).bind_blob(2, id.data(), id.size()).bind(3, m->day).bind(4, m->other_queries);
            inserted = step(s.misses_day, "store a day of search misses");
            if (inserted && *inserted)
                for (const MissesQuery& q : m->queries) {
                    s.misses_query.bind(1, device).bind_blob(2, id.data(), id.size()).bind(3, m->day).bind(4, q.query)
                        .bind(5, q.count).bind(6, q.results);
                    if (auto ok = step(s.misses_query, "store a search miss"); !ok) { inserted = ok.error(); break; }
                }
            break;
        }
        case OutboxKind::Heartbeat: {
            auto h = check_heartbeat_record(r.body);
            if (!h) { refused = h.error(); break; }
            s.heartbeat.bind(1, device).bind_blob(2, id.data(), id.size()).bind(3, static_cast<std::int64_t>(h->time));
            if (h->catalogue_version) s.heartbeat.bind(4, *h->catalogue_version); else s.heartbeat.bind_null(4);
            if (h->last_error) s.heartbeat.bind(5, *h->last_error); else s.heartbeat.bind_null(5);
            s.heartbeat.bind(6, h->outbox_records).bind(7, std::int64_t{h->kiosk_alive}).bind(8, std::int64_t{h->outbox_full});
            inserted = step(s.heartbeat, "store a heartbeat");
            // A heartbeat from a clock far ahead (an RTC glitch before NTP) would pin the
            // device's row forever: kept in the history, never taken as the latest.
            if (inserted && *inserted && h->time <= std::time(nullptr) + kMaxClockAheadS) {
                s.latest.bind(1, device).bind(2, static_cast<std::int64_t>(h->time)).bind(3, h->body);
                if (auto ok = step(s.latest, "store the latest heartbeat"); !ok) inserted = ok.error();
            }
            break;
        }
        }
        if (refused) {
            s.rejected.bind(1, device).bind_blob(2, id.data(), id.size()).bind(3, std::string(to_string(r.kind)))
                .bind(4, std::string(refused.code.name())).bind(5, refused.detail);
            if (auto ok = step(s.rejected, "note a refused record"); !ok) return ok.error();
            counts.records_rejected[refused.code.name()]++;
            continue;
        }
        if (!inserted) return inserted.error();
        (*inserted ? counts.records_new : counts.records_already_had)++;
    }
    if (int rc = tx.commit(); rc != SQLITE_OK) return error(rc, OfficeError::OfficeDbWriteFailed, "commit a batch");
    return counts;
}

}  // namespace gongkai
