// See cache.h. What is here: opening a cache (read-write, read-only, read-only on a
// directory that cannot hold -shm), its lifetime, snapshots, integrity and change polls.
// Elsewhere: cache_schema.cpp (migrations, repair), catalogue_store.cpp (install, reads),
// device_state.cpp (key/values), search_misses.cpp; SQLite helpers in sqlite_db.h.
#include "cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "log.h"
#include "sqlite_db.h"

namespace gongkai {

namespace {

bool is_corruption(int rc) { return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB; }

// True when <path>-wal exists and is not empty: committed pages may be only there.
bool wal_has_frames(const std::string& path) {
    struct stat st {};
    return stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0;
}

// "file:" URI of a path: '%', '?' and '#' would otherwise end or escape the path part.
std::string file_uri(const std::string& path) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* hex = "0123456789ABCDEF";
            uri += '%';
            uri += hex[static_cast<unsigned char>(c) >> 4];
            uri += hex[static_cast<unsigned char>(c) & 15];
        } else {
            uri += c;
        }
    }
    return uri;
}

}  // namespace

Result<std::unique_ptr<Cache>> Cache::open_snapshot_copy(const std::string& path) {
    namespace fs = std::filesystem;
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/gongkai-cache-snapshot-XXXXXX";
    if (!mkdtemp(tmpl.data()))
        return make_error(CatalogueError::CacheOpenFailed, "snapshot of " + path + ": mkdtemp: " + std::strerror(errno));
    std::string copy = tmpl + "/cache.db";
    std::error_code ec;
    fs::copy_file(path, copy, ec);
    if (!ec) fs::copy_file(path + "-wal", copy + "-wal", ec);
    if (ec) {
        fs::remove_all(tmpl, ec);
        return make_error(CatalogueError::CacheOpenFailed, "snapshot of " + path + ": " + ec.message());
    }
    auto opened = open_connection(copy, CacheMode::ReadOnly, /*immutable=*/false);
    if (!opened) {
        fs::remove_all(tmpl, ec);
        return opened.error();
    }
    (*opened)->snapshot_dir_ = tmpl;
    (*opened)->path_ = path;  // logs name the real file
    log_warn("cache", path + " is in a directory that cannot hold its -shm file; reading a copy of it and its WAL");
    return opened;
}

Result<std::unique_ptr<Cache>> Cache::open_connection(const std::string& path, CacheMode mode, bool immutable) {
    // A FIFO or a device as the cache path would block SQLite's open (or its reads) forever:
    // only a regular file, or none yet, is a cache.
    struct stat st {};
    if (path != ":memory:" && ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        return make_error(CatalogueError::CacheOpenFailed, path + " is not a regular file");
    sqlite3* db = nullptr;
    int rc;
    if (mode == CacheMode::ReadWrite && path != ":memory:") {
        // Created here rather than by SQLite, which makes a new file 0644 whatever the umask
        // allows. So the umask decides: under the services' UMask=0007 the cache is 0660 and
        // the kiosk and the daemon, two users in group gongkai, both write it (SQLite gives
        // -wal and -shm the database's mode). An empty file is an empty database to SQLite;
        // O_EXCL leaves an existing file, or anything else at the path, to SQLite's checks.
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) ::close(fd);
    }
    if (mode == CacheMode::ReadWrite || path == ":memory:") {
        rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    } else {
        std::string uri = file_uri(path) + (immutable ? "?mode=ro&immutable=1" : "?mode=ro");
        rc = sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    }
    if (rc != SQLITE_OK) {
        Error e = sql::error(db, rc, CatalogueError::CacheOpenFailed, "open " + path);
        sqlite3_close(db);
        return e;
    }
    std::unique_ptr<Cache> cache(new Cache(db, path));
    cache->immutable_ = immutable;
    // A kiosk reading while gongkai-sync installs waits at most this long for the
    // write lock's release; installs of 50k items take ~2–2.5 s (kCacheBusyTimeoutMs).
    sqlite3_busy_timeout(db, kCacheBusyTimeoutMs);
    return cache;
}

Result<std::unique_ptr<Cache>> Cache::open(const std::string& path, CacheMode mode) {
    auto opened = open_connection(path, mode, /*immutable=*/false);
    if (!opened) return opened.error();
    std::unique_ptr<Cache> cache = std::move(*opened);
    sqlite3* db = cache->db_;
    int rc;
    // The first read of the header is where a non-database file shows itself.
    int version = cache->schema_version();
    if (version < 0 && mode == CacheMode::ReadOnly && !is_corruption(sqlite3_errcode(db))) {
        // A WAL-mode file whose -shm is missing in a directory we cannot write (a read-only
        // mount, an image copied without -shm): SQLite cannot create the -shm a WAL reader
        // needs, so the first read fails (SQLITE_CANTOPEN). Nothing can write there either,
        // so the file is frozen and a frozen view of it is exact:
        //   * no WAL frames: every committed page is in the main file; immutable=1 reads it
        //     without -shm and without locks;
        //   * WAL frames pending (committed pages only in -wal): immutable=1 would miss them,
        //     so the file and its -wal are copied to a private directory and read there.
        // data_version then never changes, which is right for a file nothing can change.
        Result<std::unique_ptr<Cache>> frozen =
            wal_has_frames(path) ? open_snapshot_copy(path) : open_connection(path, mode, /*immutable=*/true);
        if (!frozen) return frozen.error();
        cache = std::move(*frozen);
        db = cache->db_;
        version = cache->schema_version();
    }
    if (version < 0) return sql::error(db, sqlite3_errcode(db), CatalogueError::CacheOpenFailed, "read schema of " + path);
    if (version > kCacheSchemaVersion)
        return make_error(CatalogueError::CacheSchemaTooNew, path + " has schema " + std::to_string(version) +
                                                            ", this build knows up to " + std::to_string(kCacheSchemaVersion));
    if (mode == CacheMode::ReadWrite) {
        // WAL: readers never block the writer and see a consistent snapshot.
        // synchronous=FULL: an install that returned is on disk even after a power cut.
        if ((rc = sql::exec(db, "PRAGMA journal_mode=WAL")) != SQLITE_OK)
            return sql::error(db, rc, CatalogueError::CacheOpenFailed, "enable WAL on " + path);
        sql::exec(db, "PRAGMA synchronous=FULL");
        if (Error e = cache->migrate()) return e;
        if (Error e = cache->repair_schema()) return e;
    } else if (version < kCacheSchemaVersion) {
        return make_error(CatalogueError::CacheEmpty, path + " has schema " + std::to_string(version) + "; open it read-write once to migrate");
    }
    sql::exec(db, "PRAGMA foreign_keys=ON");
    return cache;
}

Cache::~Cache() {
    sqlite3_close(db_);
    if (!snapshot_dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(snapshot_dir_, ec);
    }
}

void Cache::set_busy_timeout_ms(int ms) { sqlite3_busy_timeout(db_, ms); }

Cache::ReadSnapshot::ReadSnapshot(Cache& cache) : db_(cache.db_) {
    began_ = sqlite3_get_autocommit(db_) && sql::exec(db_, "BEGIN") == SQLITE_OK;
}
Cache::ReadSnapshot::~ReadSnapshot() {
    if (began_) sql::exec(db_, "COMMIT");
}

Error Cache::check_integrity() {
    sql::Stmt st(db_, "PRAGMA quick_check(1)");
    int rc = st.step();
    if (rc != SQLITE_ROW) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "quick_check");
    std::string verdict = st.text(0);
    if (verdict != "ok") return make_error(CatalogueError::CacheCorrupt, "quick_check: " + verdict);
    return {};
}

std::int64_t Cache::data_version() {
    sql::Stmt st(db_, "PRAGMA data_version");
    return st.step() == SQLITE_ROW ? st.integer(0) : -1;
}

}  // namespace gongkai
