// Device state: small key/values beside the catalogue (sync status, the manifest's ETag
// and expiry), schema v2; and whether the installed catalogue is past its expiry.
#include <ctime>

#include "cache.h"
#include "manifest.h"
#include "sqlite_db.h"

namespace gongkai {

Error Cache::set_state(const std::string& key, const std::string& value) {
    sql::Stmt st(db_, "INSERT INTO device_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    if (int rc = st.step(); rc != SQLITE_DONE) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "set state " + key);
    return {};
}

Result<std::string> Cache::state(const std::string& key) {
    sql::Stmt st(db_, "SELECT value FROM device_state WHERE key = ?");
    st.bind(1, key);
    int rc = st.step();
    if (rc == SQLITE_ROW) return st.text(0);
    if (rc == SQLITE_DONE) return std::string();  // never set
    return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read state " + key);
}

bool catalogue_is_stale(Cache& cache, std::time_t now) {
    std::time_t expires;
    auto s = cache.state(kStateCatalogueExpires);
    return s && !s->empty() && parse_rfc3339_utc(*s, &expires) && now > expires;
}

}  // namespace gongkai
