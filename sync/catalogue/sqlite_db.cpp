// See sqlite_db.h.
#include "sqlite_db.h"

namespace gongkai::sql {

Error error(sqlite3* db, int rc, ErrorCode otherwise, const std::string& what) {
    std::string detail = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + " (rc=" + std::to_string(rc) + ")";
    ErrorCode code = otherwise;
    switch (rc & 0xff) {  // the primary result code; extended codes keep it in the low byte
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = CatalogueError::CacheCorrupt; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = CatalogueError::CacheBusy; break;
    case SQLITE_FULL: code = CatalogueError::CacheFull; break;
    case SQLITE_READONLY: code = CatalogueError::CacheReadOnly; break;
    }
    return make_error(code, detail);
}

}  // namespace gongkai::sql
