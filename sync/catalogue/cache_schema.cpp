// The cache's schema: the append-only migration history (PRAGMA user_version) and the
// repair of a damaged schema (a table dropped by hand or by a broken tool), which replays
// every migration's CREATE statements with IF NOT EXISTS.
#include <algorithm>
#include <string>
#include <vector>

#include "cache.h"
#include "log.h"
#include "sqlite_db.h"

namespace gongkai {

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
    // 3 → 4: English text the source gives (optional): one row per text, for what lists
    // show without reading an item's body — domain name/summary, item title/summary,
    // notice title/body. A guide's English sections are in the item body.
    R"sql(
    CREATE TABLE english (
        kind  TEXT NOT NULL,  -- 'domain', 'item', 'notice'; a reader skips kinds it does not know
        id    TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (kind, id, field)
    );
    )sql",
    // 4 → 5 (issue 9): the catalogue's thesaurus, one row per entry (JSON arrays of words),
    // and per item what search adds to its searched text: aliases (its 一级事项, thesaurus
    // words its title or terms use, searched like terms in characters and pinyin) and the
    // guide lines that answer a question frame (多少钱 → fee …), as JSON. Derived, like
    // search_docs: rebuilt by every install and by this migration.
    // IF NOT EXISTS: a cache whose version number was set back by hand still migrates.
    R"sql(
    CREATE TABLE IF NOT EXISTS thesaurus (
        ord   INTEGER PRIMARY KEY,
        words TEXT NOT NULL,
        means TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS search_extras (
        item_id TEXT PRIMARY KEY REFERENCES items(id),
        aliases TEXT NOT NULL,
        answers TEXT NOT NULL
    );
    )sql",
    // 5 → 6 (issue 10): the outbox — what goes back to the office (residents' ratings,
    // zero-result search counts per day, heartbeats), oldest first, until the office's
    // server confirms it (docs/feedback.md). Kept here, beside the catalogue, because both
    // processes already share this file; an install never touches it.
    R"sql(
    CREATE TABLE IF NOT EXISTS outbox (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        id      TEXT NOT NULL UNIQUE,   -- random record id, 32 hex digits
        kind    TEXT NOT NULL,          -- 'feedback', 'misses', 'heartbeat'
        created TEXT NOT NULL,          -- RFC 3339 UTC (a day for 'misses')
        body    TEXT NOT NULL           -- the record as JSON
    );
    )sql",
    // 6 → 7 (issue 11): 政策解读 and 回应关切, one row each, and what each explains (items and
    // notices, in the source's order), read both ways: an interpretation's page lists its
    // links, an item's page the interpretations naming it (content_links_by_target). The
    // notices' new columns (category, urgent, targets, results) are added by
    // add_notice_columns below, not here: ALTER TABLE has no IF NOT EXISTS, and a cache set
    // back to 6 by hand, or repaired, must still migrate.
    R"sql(
    CREATE TABLE IF NOT EXISTS interpretations (
        id           TEXT PRIMARY KEY,
        title        TEXT NOT NULL,
        published    TEXT NOT NULL,   -- YYYY-MM-DD or ''
        what_changed TEXT NOT NULL,
        who_affected TEXT NOT NULL,
        what_to_do   TEXT NOT NULL,
        valid_from   TEXT NOT NULL,   -- as notices'
        valid_until  TEXT NOT NULL,
        ord          INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS responses (
        id        TEXT PRIMARY KEY,
        question  TEXT NOT NULL,
        answer    TEXT NOT NULL,
        asked_via TEXT NOT NULL,      -- 12345热线, 留言板 … or ''
        answered  TEXT NOT NULL,      -- YYYY-MM-DD or ''
        ord       INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS content_links (
        kind        TEXT NOT NULL,    -- 'interpretation' or 'response'
        id          TEXT NOT NULL,
        ord         INTEGER NOT NULL, -- position in the source's list
        target_kind TEXT NOT NULL,    -- 'item' or 'notice'
        target_id   TEXT NOT NULL,
        PRIMARY KEY (kind, id, target_kind, ord)
    );
    CREATE INDEX IF NOT EXISTS content_links_by_target ON content_links(target_kind, target_id);
    )sql",
    // 7 → 8 (issue 13): the guides, few among tens of thousands of rows, found without
    // reading the whole items table. The index holds what a domain screen counts and
    // which guide shows a row (read_index, load_summaries); at 50,000 items reading the
    // guides' links went from a 20-ms scan of the table to 23 rows.
    R"sql(
    CREATE INDEX IF NOT EXISTS guides ON items(ord) WHERE kind = 'guide';
    )sql",
};

// Schema 7's columns on notices, each added only where missing (so a migration re-run on a
// cache set back by hand, and the schema repair, both work). Defaults are what a notice of
// an earlier catalogue means: no category, not urgent, every device, no result list.
static int add_notice_columns(sqlite3* db) {
    static const std::pair<const char*, const char*> kColumns[] = {
        {"category", "ALTER TABLE notices ADD COLUMN category TEXT NOT NULL DEFAULT ''"},     // category_id() or ''
        {"urgent", "ALTER TABLE notices ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0"},       // 0 or 1
        {"targets", "ALTER TABLE notices ADD COLUMN targets TEXT NOT NULL DEFAULT '{}'"},     // {"halls": [], "groups": []}
        {"results", "ALTER TABLE notices ADD COLUMN results TEXT NOT NULL DEFAULT ''"},       // the bundle's JSON, '' for none
    };
    for (auto [column, ddl] : kColumns) {
        sql::Stmt st(db, "SELECT 1 FROM pragma_table_info('notices') WHERE name = ?");
        st.bind(1, std::string(column));
        int rc = st.step();
        if (rc == SQLITE_ROW) continue;
        if (rc != SQLITE_DONE) return rc;
        if ((rc = sql::exec(db, ddl)) != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}
static_assert(std::size(kMigrations) == kCacheSchemaVersion, "one migration per schema version");


int Cache::schema_version() {
    sql::Stmt st(db_, "PRAGMA user_version");
    if (st.step() != SQLITE_ROW) return -1;
    return static_cast<int>(st.integer(0));
}

Error Cache::migrate() {
    for (int v = schema_version(); v < kCacheSchemaVersion; v++) {
        sql::Transaction tx(db_, "BEGIN IMMEDIATE");
        if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin migration");
        // Re-read inside the write lock: another process may have migrated meanwhile.
        if (schema_version() > v) continue;
        int rc = sql::exec(db_, kMigrations[v]);
        if (rc != SQLITE_OK)
            return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "migration " + std::to_string(v) + "→" + std::to_string(v + 1));
        if (v + 1 == 7 && (rc = add_notice_columns(db_)) != SQLITE_OK)
            return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "migration 6→7: notice columns");
        if (v + 1 == 5) {
            // Search text is derived data: refill it for a catalogue installed before schema 5
            // (search_docs appeared in 3, left empty there; search_extras in 5).
            if (Error e = rebuild_search_docs()) return e;
        }
        if (v + 1 == 4) {
            // Items carry their English in their body: fill what lists read. Domains and
            // notices get theirs with the next install.
            rc = sql::exec(db_, "INSERT OR IGNORE INTO english(kind, id, field, value) "
                                "SELECT 'item', id, 'title', json_extract(body, '$.en.title') FROM items "
                                "WHERE json_valid(body) AND coalesce(json_extract(body, '$.en.title'), '') != '' "
                                "UNION ALL SELECT 'item', id, 'summary', json_extract(body, '$.en.summary') FROM items "
                                "WHERE json_valid(body) AND coalesce(json_extract(body, '$.en.summary'), '') != ''");
            if (rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "migration 3→4: fill english");
        }
        std::string set_version = "PRAGMA user_version=" + std::to_string(v + 1);
        if ((rc = sql::exec(db_, set_version.c_str())) != SQLITE_OK || (rc = tx.commit()) != SQLITE_OK)
            return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "commit migration " + std::to_string(v + 1));
    }
    return {};
}

// Every migration's SQL only CREATEs tables and indexes, so replaying them all with
// IF NOT EXISTS recreates exactly what is missing and touches nothing that exists; schema
// 7's ALTERs (add_notice_columns) check each column first and are run here too.
Error Cache::repair_schema() {
    const char* const kTables[] = {"catalogue", "domains", "items", "notices", "device_state", "search_docs", "search_misses", "english",
                                   "thesaurus", "search_extras", "outbox", "interpretations", "responses", "content_links"};
    std::vector<std::string> missing;
    for (const char* table : kTables) {
        sql::Stmt st(db_, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
        st.bind(1, std::string(table));
        int rc = st.step();
        if (rc == SQLITE_DONE) missing.push_back(table);
        else if (rc != SQLITE_ROW) return sql::error(db_, rc, CatalogueError::CacheCorrupt, "read schema");
    }
    if (missing.empty()) return {};
    sql::Transaction tx(db_, "BEGIN IMMEDIATE");
    if (tx.begin_rc() != SQLITE_OK) return sql::error(db_, tx.begin_rc(), CatalogueError::CacheWriteFailed, "begin schema repair");
    for (const char* migration : kMigrations) {
        std::string ddl = migration;
        for (const char* kind : {"CREATE TABLE ", "CREATE INDEX "}) {
            std::string from = kind, to = std::string(kind) + "IF NOT EXISTS ";
            for (size_t at = ddl.find(from); at != std::string::npos; at = ddl.find(from, at + to.size()))
                if (ddl.compare(at, to.size(), to) != 0) ddl.replace(at, from.size(), to);  // (5 has it already)
        }
        if (int rc = sql::exec(db_, ddl.c_str()); rc != SQLITE_OK)
            return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "repair schema");
    }
    // A notices table recreated by migration 0's DDL lacks schema 7's columns.
    if (int rc = add_notice_columns(db_); rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "repair notice columns");
    // search_docs is derived: refill it from the installed catalogue.
    if (std::find(missing.begin(), missing.end(), "search_docs") != missing.end() ||
        std::find(missing.begin(), missing.end(), "search_extras") != missing.end())
        if (Error e = rebuild_search_docs()) return e;
    if (int rc = tx.commit(); rc != SQLITE_OK) return sql::error(db_, rc, CatalogueError::CacheWriteFailed, "commit schema repair");
    std::string names;
    for (auto& m : missing) names += (names.empty() ? "" : ", ") + m;
    log_warn("cache", "recreated missing table(s) " + names + " in " + path_);
    return {};
}

}  // namespace gongkai
