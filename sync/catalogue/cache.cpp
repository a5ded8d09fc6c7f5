// See cache.h. [SECTION] index:
//   [SECTION] Statements   — a tiny RAII wrapper over sqlite3_stmt
//   [SECTION] Migrations   — schema history; append only
//   [SECTION] Install      — the one write path
//   [SECTION] Reads
#include "cache.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "bundle.h"
#include "manifest.h"
#include "utf8.h"

namespace gongkai {

std::string utc_now_rfc3339() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

//-----------------------------------------------------------------------------
// [SECTION] Statements
//-----------------------------------------------------------------------------

namespace {

bool is_corruption(int rc) {
    int primary = rc & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

Error sqlite_error(sqlite3* db, int rc, ErrorCode otherwise, const std::string& what) {
    std::string detail = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + " (rc=" + std::to_string(rc) + ")";
    return make_error(is_corruption(rc) ? ErrorCode::CacheCorrupt : otherwise, detail);
}

class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) : db_(db) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Stmt() { sqlite3_finalize(stmt_); }
    int prepare_rc() const { return rc_; }
    Stmt& bind(int i, const std::string& s) { sqlite3_bind_text(stmt_, i, s.data(), (int)s.size(), SQLITE_TRANSIENT); return *this; }
    Stmt& bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); return *this; }
    int step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
    void reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }
    std::string text(int col) {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
    }
    std::int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int rc_;
};

int exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

// Rolls back unless committed: a failed install leaves the old catalogue in place.
// Nested use (load_catalogue → load_index) joins the outer transaction.
class Transaction {
public:
    Transaction(sqlite3* db, const char* begin) : db_(db) {
        outer_ = !sqlite3_get_autocommit(db);
        rc_ = outer_ ? SQLITE_OK : exec(db, begin);
    }
    ~Transaction() { if (rc_ == SQLITE_OK && !done_ && !outer_) exec(db_, "ROLLBACK"); }
    int begin_rc() const { return rc_; }
    int commit() { done_ = true; return outer_ ? SQLITE_OK : exec(db_, "COMMIT"); }

private:
    sqlite3* db_;
    int rc_;
    bool outer_ = false;
    bool done_ = false;
};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Migrations
//-----------------------------------------------------------------------------

// kMigrations[n] takes the schema from version n to n+1. Append only: a released
// migration is never edited, because caches in the field already ran it.
static const char* const kMigrations[] = {
    // 0 → 1: the catalogue.
    R"sql(
    CREATE TABLE catalogue (
        singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
        name         TEXT NOT NULL,
        version      INTEGER NOT NULL,
        created      TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        source       TEXT NOT NULL,
        charset      TEXT NOT NULL
    );
    CREATE TABLE domains (
        id      TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        summary TEXT NOT NULL,
        ord     INTEGER NOT NULL
    );
    CREATE TABLE items (
        id        TEXT PRIMARY KEY,
        kind      TEXT NOT NULL CHECK (kind IN ('directory', 'guide')),
        domain_id TEXT NOT NULL REFERENCES domains(id),
        level1    TEXT NOT NULL,
        title     TEXT NOT NULL,
        summary   TEXT NOT NULL,
        ord       INTEGER NOT NULL,
        body      TEXT NOT NULL
    );
    CREATE INDEX items_by_domain ON items(domain_id, ord);
    CREATE TABLE notices (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        domain_id   TEXT NOT NULL,
        item_id     TEXT NOT NULL,
        valid_from  TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        ord         INTEGER NOT NULL
    );
    )sql",
    // 1 → 2: device state kept beside the catalogue (sync status, last install).
    R"sql(
    CREATE TABLE device_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    )sql",
    // 2 → 3: search text per item (rebuilt by every install), and queries that found
    // little, per day, for the central office.
    R"sql(
    CREATE TABLE search_docs (
        item_id      TEXT PRIMARY KEY REFERENCES items(id),
        domain_order INTEGER NOT NULL,
        ord          INTEGER NOT NULL,
        title        TEXT NOT NULL,
        terms        TEXT NOT NULL,
        summary      TEXT NOT NULL,
        body         TEXT NOT NULL
    );
    CREATE TABLE search_misses (
        day     TEXT NOT NULL,
        query   TEXT NOT NULL,
        count   INTEGER NOT NULL,
        results INTEGER NOT NULL,
        PRIMARY KEY (day, query)
    );
    )sql",
};
static_assert(std::size(kMigrations) == kCacheSchemaVersion, "one migration per schema version");

Result<std::unique_ptr<Cache>> Cache::open(const std::string& path, CacheMode mode) {
    sqlite3* db = nullptr;
    int flags = mode == CacheMode::ReadWrite ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqlite_error(db, rc, ErrorCode::CacheOpenFailed, "open " + path);
        sqlite3_close(db);
        return e;
    }
    std::unique_ptr<Cache> cache(new Cache(db, path));
    // A kiosk reading while gongkai-sync installs waits at most this long for the
    // write lock's release; installs of 50k items take ~1–2 s (docs/performance.md).
    sqlite3_busy_timeout(db, 10000);
    // The first read of the header is where a non-database file shows itself.
    int version = cache->schema_version();
    if (version < 0) return sqlite_error(db, sqlite3_errcode(db), ErrorCode::CacheOpenFailed, "read schema of " + path);
    if (version > kCacheSchemaVersion)
        return make_error(ErrorCode::CacheSchemaTooNew, path + " has schema " + std::to_string(version) +
                                                            ", this build knows up to " + std::to_string(kCacheSchemaVersion));
    if (mode == CacheMode::ReadWrite) {
        // WAL: readers never block the writer and see a consistent snapshot.
        // synchronous=FULL: an install that returned is on disk even after a power cut.
        if ((rc = exec(db, "PRAGMA journal_mode=WAL")) != SQLITE_OK)
            return sqlite_error(db, rc, ErrorCode::CacheOpenFailed, "enable WAL on " + path);
        exec(db, "PRAGMA synchronous=FULL");
        if (Error e = cache->migrate()) return e;
    } else if (version < kCacheSchemaVersion) {
        return make_error(ErrorCode::CacheEmpty, path + " has schema " + std::to_string(version) + "; open it read-write once to migrate");
    }
    exec(db, "PRAGMA foreign_keys=ON");
    return cache;
}

Cache::~Cache() { sqlite3_close(db_); }

Cache::ReadSnapshot::ReadSnapshot(Cache& cache) : db_(cache.db_) {
    began_ = sqlite3_get_autocommit(db_) && exec(db_, "BEGIN") == SQLITE_OK;
}
Cache::ReadSnapshot::~ReadSnapshot() {
    if (began_) exec(db_, "COMMIT");
}

int Cache::schema_version() {
    Stmt st(db_, "PRAGMA user_version");
    if (st.step() != SQLITE_ROW) return -1;
    return static_cast<int>(st.integer(0));
}

Error Cache::migrate() {
    for (int v = schema_version(); v < kCacheSchemaVersion; v++) {
        Transaction tx(db_, "BEGIN IMMEDIATE");
        if (tx.begin_rc() != SQLITE_OK) return sqlite_error(db_, tx.begin_rc(), ErrorCode::CacheWriteFailed, "begin migration");
        // Re-read inside the write lock: another process may have migrated meanwhile.
        if (schema_version() > v) continue;
        int rc = exec(db_, kMigrations[v]);
        if (rc != SQLITE_OK)
            return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "migration " + std::to_string(v) + "→" + std::to_string(v + 1));
        if (v + 1 == 3) {
            // search_docs is derived data: fill it for a catalogue installed before schema 3.
            if (Error e = rebuild_search_docs()) return e;
        }
        std::string set_version = "PRAGMA user_version=" + std::to_string(v + 1);
        if ((rc = exec(db_, set_version.c_str())) != SQLITE_OK || (rc = tx.commit()) != SQLITE_OK)
            return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "commit migration " + std::to_string(v + 1));
    }
    return {};
}

Error Cache::check_integrity() {
    Stmt st(db_, "PRAGMA quick_check(1)");
    int rc = st.step();
    if (rc != SQLITE_ROW) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "quick_check");
    std::string verdict = st.text(0);
    if (verdict != "ok") return make_error(ErrorCode::CacheCorrupt, "quick_check: " + verdict);
    return {};
}

std::int64_t Cache::data_version() {
    Stmt st(db_, "PRAGMA data_version");
    return st.step() == SQLITE_ROW ? st.integer(0) : -1;
}

//-----------------------------------------------------------------------------
// [SECTION] Install
//-----------------------------------------------------------------------------

// Inside the caller's write transaction.
static Error insert_search_docs(sqlite3* db, const std::vector<SearchDocument>& docs) {
    Stmt st(db, "INSERT INTO search_docs(item_id, domain_order, ord, title, terms, summary, body) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (auto& d : docs) {
        st.bind(1, d.id).bind(2, std::int64_t{d.domain_order}).bind(3, std::int64_t{d.order}).bind(4, d.title)
            .bind(5, nlohmann::json(d.terms).dump()).bind(6, d.summary).bind(7, d.body);
        if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db, rc, ErrorCode::CacheWriteFailed, "insert search doc " + d.id);
        st.reset();
    }
    return {};
}

static void append_utf8_chars(std::string_view s, std::set<std::string>& out) {
    for (size_t i = 0; i < s.size();) {
        char32_t c = utf8::next(s, i);
        if (c >= 0x20) {
            std::string ch;
            utf8::append(ch, c);
            out.insert(std::move(ch));
        }
    }
}

std::string catalogue_charset(const Catalogue& cat) {
    std::set<std::string> chars;
    append_utf8_chars(cat.name, chars);
    for (auto& d : cat.domains) { append_utf8_chars(d.name, chars); append_utf8_chars(d.summary, chars); }
    for (auto& n : cat.notices) { append_utf8_chars(n.title, chars); append_utf8_chars(n.body, chars); }
    for (auto& item : cat.items) {
        // Everything the item page can show is in its JSON body; keys are ASCII.
        append_utf8_chars(item_to_json(item).dump(-1, ' ', false), chars);
    }
    std::string out;
    for (auto& c : chars) out += c;
    return out;
}

Error Cache::install(const Catalogue& cat, const std::string& source,
                     const std::vector<std::pair<std::string, std::string>>& state) {
    const std::string charset = catalogue_charset(cat);  // before the lock: readers keep going
    Transaction tx(db_, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sqlite_error(db_, tx.begin_rc(), ErrorCode::CacheWriteFailed, "begin install");
    const std::vector<SearchDocument> search_docs = search_documents(cat);
    for (const char* sql : {"DELETE FROM search_docs", "DELETE FROM notices", "DELETE FROM items", "DELETE FROM domains",
                            "DELETE FROM catalogue"}) {
        if (int rc = exec(db_, sql); rc != SQLITE_OK) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, sql);
    }
    {
        Stmt st(db_, "INSERT INTO catalogue(singleton, name, version, created, installed_at, source, charset) "
                     "VALUES (1, ?, ?, ?, ?, ?, ?)");
        st.bind(1, cat.name).bind(2, cat.version).bind(3, cat.created).bind(4, utc_now_rfc3339()).bind(5, source).bind(6, charset);
        if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "insert catalogue");
    }
    {
        Stmt st(db_, "INSERT INTO domains(id, name, summary, ord) VALUES (?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& d : cat.domains) {
            st.bind(1, d.id).bind(2, d.name).bind(3, d.summary).bind(4, ord++);
            if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "insert domain " + d.id);
            st.reset();
        }
    }
    {
        Stmt st(db_, "INSERT INTO items(id, kind, domain_id, level1, title, summary, ord, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& item : cat.items) {
            st.bind(1, item.id).bind(2, std::string(to_string(item.kind))).bind(3, item.domain_id).bind(4, item.level1)
                .bind(5, item.title).bind(6, item.summary).bind(7, ord++).bind(8, item_to_json(item).dump());
            if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "insert item " + item.id);
            st.reset();
        }
    }
    {
        Stmt st(db_, "INSERT INTO notices(id, title, body, domain_id, item_id, valid_from, valid_until, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        std::int64_t ord = 0;
        for (auto& n : cat.notices) {
            st.bind(1, n.id).bind(2, n.title).bind(3, n.body).bind(4, n.domain_id).bind(5, n.item_id)
                .bind(6, n.valid_from).bind(7, n.valid_until).bind(8, ord++);
            if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "insert notice " + n.id);
            st.reset();
        }
    }
    if (Error e = insert_search_docs(db_, search_docs)) return e;
    for (auto& [key, value] : state)
        if (Error e = set_state(key, value)) return e;
    if (int rc = tx.commit(); rc != SQLITE_OK) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "commit install");
    return {};
}

Error Cache::rebuild_search_docs() {
    if (!info()) return {};  // nothing installed yet
    auto cat = load_catalogue();
    if (!cat) return cat.error();
    return insert_search_docs(db_, search_documents(*cat));
}

Result<std::vector<SearchDocument>> Cache::load_search_documents() {
    Stmt st(db_, "SELECT s.item_id, i.domain_id, s.domain_order, s.ord, s.title, s.terms, s.summary, s.body, i.kind "
                 "FROM search_docs s JOIN items i ON i.id = s.item_id ORDER BY s.ord");
    std::vector<SearchDocument> docs;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        SearchDocument d;
        d.id = st.text(0);
        d.domain_id = st.text(1);
        d.domain_order = static_cast<int>(st.integer(2));
        d.order = static_cast<int>(st.integer(3));
        d.title = st.text(4);
        auto terms = nlohmann::json::parse(st.text(5), nullptr, false);
        if (terms.is_array())
            for (auto& t : terms)
                if (t.is_string()) d.terms.push_back(t.get<std::string>());
        d.summary = st.text(6);
        d.body = st.text(7);
        d.guide = st.text(8) == "guide";
        docs.push_back(std::move(d));
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read search docs");
    return docs;
}

Error Cache::record_search_miss(const std::string& day, const std::string& query, int results) {
    Stmt st(db_, "INSERT INTO search_misses(day, query, count, results) VALUES (?, ?, 1, ?) "
                 "ON CONFLICT(day, query) DO UPDATE SET count = count + 1, results = excluded.results");
    st.bind(1, day).bind(2, query).bind(3, std::int64_t{results});
    if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "record search miss");
    return {};
}

bool catalogue_is_stale(Cache& cache, std::time_t now) {
    std::time_t expires;
    std::string s = cache.state(kStateCatalogueExpires);
    return !s.empty() && parse_rfc3339_utc(s, &expires) && now > expires;
}

Error Cache::set_state(const std::string& key, const std::string& value) {
    Stmt st(db_, "INSERT INTO device_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    if (int rc = st.step(); rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheWriteFailed, "set state " + key);
    return {};
}

std::string Cache::state(const std::string& key) {
    Stmt st(db_, "SELECT value FROM device_state WHERE key = ?");
    st.bind(1, key);
    return st.step() == SQLITE_ROW ? st.text(0) : std::string();
}

//-----------------------------------------------------------------------------
// [SECTION] Reads
//-----------------------------------------------------------------------------

Result<CatalogueInfo> Cache::info() {
    Stmt st(db_, "SELECT name, version, created, installed_at, source, (SELECT count(*) FROM items) FROM catalogue");
    int rc = st.step();
    if (rc == SQLITE_DONE) return make_error(ErrorCode::CacheEmpty, path_);
    if (rc != SQLITE_ROW) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read catalogue info");
    return CatalogueInfo{st.text(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.integer(5)};
}

Result<CatalogueIndex> Cache::load_index() {
    Transaction tx(db_, "BEGIN");  // one snapshot for all reads below
    if (tx.begin_rc() != SQLITE_OK) return sqlite_error(db_, tx.begin_rc(), ErrorCode::CacheCorrupt, "begin read");
    CatalogueIndex index;
    auto info_result = info();
    if (!info_result) return info_result.error();
    index.info = *info_result;
    {
        Stmt st(db_, "SELECT charset FROM catalogue");
        if (st.step() == SQLITE_ROW) index.charset = st.text(0);
    }
    {
        Stmt st(db_, "SELECT id, name, summary FROM domains ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) index.domains.push_back({st.text(0), st.text(1), st.text(2)});
        if (rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read domains");
    }
    {
        Stmt st(db_, "SELECT id, kind, domain_id, level1, title, summary FROM items ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW) {
            auto kind = item_kind_from_string(st.text(1));
            if (!kind) return make_error(ErrorCode::CacheCorrupt, "item " + st.text(0) + " has unknown kind");
            index.items.push_back({st.text(0), *kind, st.text(2), st.text(3), st.text(4), st.text(5)});
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read items");
    }
    {
        Stmt st(db_, "SELECT id, title, body, domain_id, item_id, valid_from, valid_until FROM notices ORDER BY ord");
        int rc;
        while ((rc = st.step()) == SQLITE_ROW)
            index.notices.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6)});
        if (rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read notices");
    }
    tx.commit();
    return index;
}

Result<Item> Cache::load_item(const std::string& id) {
    Stmt st(db_, "SELECT body FROM items WHERE id = ?");
    st.bind(1, id);
    int rc = st.step();
    if (rc == SQLITE_DONE) return make_error(ErrorCode::NotFound, "item " + id);
    if (rc != SQLITE_ROW) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read item " + id);
    auto j = nlohmann::json::parse(st.text(0), nullptr, false);
    if (j.is_discarded()) return make_error(ErrorCode::CacheCorrupt, "item " + id + " body is not JSON");
    auto item = item_from_json(j);
    if (!item) return make_error(ErrorCode::CacheCorrupt, item.error().detail);
    return item;
}

Result<Catalogue> Cache::load_catalogue() {
    Transaction tx(db_, "BEGIN");
    if (tx.begin_rc() != SQLITE_OK) return sqlite_error(db_, tx.begin_rc(), ErrorCode::CacheCorrupt, "begin read");
    auto index = load_index();
    if (!index) return index.error();
    Catalogue cat;
    cat.name = index->info.name;
    cat.version = index->info.version;
    cat.created = index->info.created;
    cat.domains = index->domains;
    cat.notices = index->notices;
    Stmt st(db_, "SELECT body FROM items ORDER BY ord");
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        auto j = nlohmann::json::parse(st.text(0), nullptr, false);
        if (j.is_discarded()) return make_error(ErrorCode::CacheCorrupt, "item body is not JSON");
        auto item = item_from_json(j);
        if (!item) return make_error(ErrorCode::CacheCorrupt, item.error().detail);
        cat.items.push_back(std::move(*item));
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, rc, ErrorCode::CacheCorrupt, "read items");
    tx.commit();
    return cat;
}

}  // namespace gongkai
