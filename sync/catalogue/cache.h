// The local SQLite cache: the only place the kiosk reads the catalogue from, and the
// only thing gongkai-sync writes. Schema and migrations: docs/catalogue.md.
//
// Invariants
//   * A catalogue is installed by install() in ONE write transaction that replaces every
//     catalogue table: a reader sees the old or the new catalogue, never a mix (WAL
//     snapshot isolation; readers read inside one transaction, see load_index).
//   * The schema version is PRAGMA user_version; open() migrates forward, one
//     transaction per step, and refuses a file written by a newer schema.
//   * A running reader notices another process's commit through data_version().
#pragma once
#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue_errors.h"
#include "clock.h"
#include "json_limits.h"
#include "model.h"
#include "search_index.h"

struct sqlite3;

namespace gongkai {

namespace sql {
class Transaction;
}

inline constexpr int kCacheSchemaVersion = 8;
// A reader or writer waits at most this long for another connection's write lock; an
// install of 50k items holds it ~2–2.5 s, parsing the streamed bundle included (the whole
// `gongkai-sync --once` takes 1.9–2.6 s, docs/performance.md), so 10 s is 4× that.
inline constexpr int kCacheBusyTimeoutMs = 10000;

struct CatalogueInfo {
    std::string name;
    std::int64_t version = 0;
    std::string created;
    std::string installed_at;  // RFC 3339 UTC
    std::string source;        // "demo" (embedded) or "sync"
    std::int64_t items = 0;
};

// What list screens need, without item bodies.
struct ItemSummary {
    std::string id;
    ItemKind kind = ItemKind::Directory;
    std::string domain_id;
    std::string level1;
    std::string title;
    std::string summary;
    // What lists show (model.h display_titles): the title, or 一级事项 + a title that
    // alone does not tell the row apart ("最低生活保障办事指南").
    std::string display_title;
    // For a directory row a guide links to: that guide's id. Such a row is shown inside
    // the guide, so lists and search show the guide instead of a look-alike second entry.
    std::string guide_id;
    std::string title_en, summary_en;  // from the source, or empty
};

// The same installed catalogue (name, version, dates, source, item count): what a reader
// compares to know that what it holds still belongs to what is installed.
bool same_catalogue(const CatalogueInfo& a, const CatalogueInfo& b);

// A guide: what the next steps offer (the first of each domain), before its summary is read.
struct GuideRef {
    std::string id;
    std::string domain_id;
};

// What every screen may need, read at start and at each install. Item summaries are NOT
// here: home needs only each domain's count, so they are read a domain at a time when a
// screen asks (item_shelf.h) — at 50,000 items the whole list was half the start-up time
// and 30 MiB that home never shows (docs/performance.md).
struct CatalogueIndex {
    CatalogueInfo info;
    std::vector<Domain> domains;
    // Per domain, in the same order: the rows its screen lists (a directory row shown
    // inside a guide is not counted twice).
    std::vector<std::int64_t> listed;
    std::vector<GuideRef> guides;    // every guide, display order (tens to hundreds)
    std::vector<Notice> notices;     // every notice, in force or not (the screens ask notice_in_force)
    std::vector<Interpretation> interpretations;
    std::vector<Response> responses;
    std::string charset;             // every distinct character the catalogue's text uses

    // Position of a domain in display order (its tile colour), or -1.
    int domain_index(std::string_view id) const {
        for (size_t i = 0; i < domains.size(); i++)
            if (domains[i].id == id) return static_cast<int>(i);
        return -1;
    }
    // Its name, or "" for an unknown id.
    std::string domain_name(std::string_view id) const {
        int i = domain_index(id);
        return i < 0 ? std::string() : domains[i].name;
    }
};

// How Cache::install_bundle installs a bundle's bytes.
struct BundleInstall {
    std::string source = "sync";  // "demo" or "sync"
    // Key/values written in the same transaction (the manifest's expiry and ETag).
    std::vector<std::pair<std::string, std::string>> state;
    // The version the signed manifest announces: a bundle of another is BundleMismatch.
    std::optional<std::int64_t> version;
    // Refuse with ManifestRollback when a synced catalogue of `version` or newer is installed.
    bool only_newer = false;
    // Set: the bytes are a delta against this JSON text (the installed bundle's, bundle_json).
    const std::string* delta_base = nullptr;
    std::size_t max_json_bytes = kMaxBundleJsonBytes;
};

enum class CacheMode { ReadWrite, ReadOnly };

class Cache {
public:
    // ReadWrite creates the file and migrates; ReadOnly requires an existing,
    // current-schema file. ":memory:" gives a private in-memory cache.
    static Result<std::unique_ptr<Cache>> open(const std::string& path, CacheMode mode);
    ~Cache();
    Cache(const Cache&) = delete;
    Cache& operator=(const Cache&) = delete;

    const std::string& path() const { return path_; }
    int schema_version();

    // PRAGMA quick_check: CacheCorrupt with SQLite's first complaint, or Ok.
    Error check_integrity();

    // Replaces the installed catalogue in one transaction. `source` is "demo" or "sync".
    // `state` key/values (e.g. the manifest's expiry) are written in the same transaction.
    // Errors: CacheBusy (lock held past the busy timeout), CacheFull, CacheReadOnly,
    // CacheWriteFailed; every one leaves the old catalogue.
    Error install(const Catalogue& cat, const std::string& source,
                  const std::vector<std::pair<std::string, std::string>>& state = {});
    // The same, refused with ManifestRollback if a synced catalogue of the same or a newer
    // version is installed — checked inside the write transaction (gongkai-sync's path).
    Error install_if_newer(const Catalogue& cat, const std::string& source,
                           const std::vector<std::pair<std::string, std::string>>& state = {});

    // Streams a bundle (bundle.h read_bundle) into the cache as it is decompressed, in ONE
    // write transaction begun before the first byte is read: items go to their tables as
    // they are parsed, so the text, its JSON tree and the catalogue are never whole in
    // memory. Every bundle error (BundleCorrupt, BundleUnsupported, BundleMismatch for
    // another `version`) and every install error above rolls it back: the old catalogue
    // stays, shown, until the commit. The write lock is held while the bundle is parsed
    // (50,000 items: ~2 s, docs/performance.md); readers are never blocked (WAL).
    Error install_bundle(std::string_view bytes, const BundleInstall& how);

    Result<CatalogueInfo> info();           // CacheEmpty when nothing is installed
    Result<CatalogueIndex> load_index();    // one read transaction
    // The summaries of one domain's items in display order (every item's for ""): display
    // titles, the guide a row is shown inside, English. One read transaction; at 50,000
    // items the SQL for a domain of 7,147 rows takes 6 ms (docs/performance.md, third pass).
    Result<std::vector<ItemSummary>> load_summaries(std::string_view domain_id);
    // The domain an item belongs to; NotFound for an id not installed.
    Result<std::string> item_domain(std::string_view id);
    // Hands an index just read back to the next load_index(), which returns it instead of
    // reading it again if nothing was installed and no other connection committed since
    // `version_before` — data_version() taken before the index was read, so a commit that
    // lands between the read and this call discards it. open_cache_with_fallback reads the
    // index to check a cache; the kiosk's first load_index() then costs nothing (0.15 s and
    // ~33 MiB of churn at 50,000 items, docs/performance.md).
    void keep_index(CatalogueIndex index, std::int64_t version_before);
    Result<Item> load_item(const std::string& id);
    Result<Catalogue> load_catalogue();     // everything, for --list and tests
    // item_names(load_catalogue()) without building any item: one query (the pinyin engine's
    // words at 50,000 items: 0.86 s and 150 MiB less, docs/performance.md).
    Result<std::vector<ItemNames>> load_item_names();
    // The JSON text of the installed catalogue's bundle (bundle_json), the base a delta
    // applies to: built an item at a time, so only the text is whole in memory.
    Result<std::string> installed_bundle_json();

    // Holds one read snapshot across several calls (load_index, then load_item …) so
    // that they all see the same catalogue even if gongkai-sync commits in between.
    class ReadSnapshot {
    public:
        explicit ReadSnapshot(Cache& cache);
        ~ReadSnapshot();
        ReadSnapshot(const ReadSnapshot&) = delete;
        ReadSnapshot& operator=(const ReadSnapshot&) = delete;

    private:
        sqlite3* db_;
        bool began_;
    };

    // Changes whenever another connection commits (PRAGMA data_version): a cheap poll.
    std::int64_t data_version();

    // The search text of every item, extracted and normalised at install (search_index.h).
    Result<std::vector<SearchDocument>> load_search_documents();
    // The installed catalogue's thesaurus (empty for none).
    Result<std::vector<ThesaurusEntry>> load_thesaurus();
    // Counts a query that found fewer than `few` results, per local day (schema v3):
    // query text and count only, nothing about the resident.
    Error record_search_miss(const std::string& day, const std::string& query, int results);
    // The queries that found nothing, most often asked first (then alphabetically): what
    // editors read to grow the catalogue's everyday words (gongkai-publish misses).
    struct ZeroResultQuery {
        std::string query;
        std::int64_t count = 0;
        std::string first_day, last_day;  // YYYY-MM-DD
    };
    Result<std::vector<ZeroResultQuery>> zero_result_queries();

    // Small key/value state kept beside the catalogue (sync status, schema v2).
    // state() gives "" for a key never set, and an error (not "") when it cannot read.
    Error set_state(const std::string& key, const std::string& value);
    Result<std::string> state(const std::string& key);

    // Tests shorten the wait for a lock (kCacheBusyTimeoutMs by default).
    void set_busy_timeout_ms(int ms);
    // Opened frozen: a read-only directory where -shm cannot be created, read with
    // immutable=1 (no WAL frames) or from a private copy (WAL frames pending).
    bool frozen() const { return immutable_ || !snapshot_dir_.empty(); }

    sqlite3* handle() { return db_; }

private:
    Cache(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    static Result<std::unique_ptr<Cache>> open_connection(const std::string& path, CacheMode mode, bool immutable);
    // A private copy of a frozen file and its -wal, read read-only; removed on close.
    static Result<std::unique_ptr<Cache>> open_snapshot_copy(const std::string& path);
    Error migrate();
    Error repair_schema();  // cache_schema.cpp: recreates missing tables
    Error rebuild_search_docs();
    Result<CatalogueIndex> read_index();
    Result<Catalogue> load_catalogue_head();              // all but the items
    Error for_each_item(const std::function<void(Item&&)>& take);
    Error install_locked(const Catalogue& cat, const std::string& source,
                         const std::vector<std::pair<std::string, std::string>>& state, bool only_newer);
    // The steps every install shares: the lock taken and the rollback check (catalogue_store.cpp) …
    Error begin_install(sql::Transaction& tx, std::optional<std::int64_t> only_newer_than);
    // … and the state written and the commit.
    Error end_install(sql::Transaction& tx, const std::vector<std::pair<std::string, std::string>>& state);
    sqlite3* db_;
    std::string path_;
    bool immutable_ = false;
    std::string snapshot_dir_;  // non-empty: db_ reads a copy kept here
    std::optional<CatalogueIndex> kept_index_;  // keep_index(), valid while data_version is kept_version_
    std::int64_t kept_version_ = -1;
};

// device_state keys, written by gongkai-sync, read by the kiosk and `status --json`.
inline constexpr const char* kStateLastAttempt = "sync.last_attempt";
inline constexpr const char* kStateLastSuccess = "sync.last_success";
inline constexpr const char* kStateLastError = "sync.last_error";
inline constexpr const char* kStateManifestEtag = "sync.manifest_etag";
// Conditional polls answered 304 since the last full fetch ([sync] full_check_every).
inline constexpr const char* kStateConditionalPolls = "sync.conditional_polls";
inline constexpr const char* kStateCatalogueExpires = "catalogue.expires";  // the signed manifest's expiry
// Written by the kiosk's staff panel (同步): when staff asked for a sync cycle now, RFC 3339 UTC.
// gongkai-sync's daemon looks every kSyncRequestCheckS and runs its pull at once when the
// value differs from the one it last saw (gongkai_sync.cpp); the kiosk itself has no network code.
inline constexpr const char* kStateSyncRequested = "sync.requested_at";
// 2 s: staff standing at the screen see the cycle start within seconds; one read of a small
// row every 2 s costs the daemon nothing measurable.
inline constexpr int kSyncRequestCheckS = 2;

// True when the installed catalogue came with an expiry that has passed (a freeze attack,
// or a site that stopped publishing): the kiosk shows a "may be out of date" notice.
bool catalogue_is_stale(Cache& cache, std::time_t now);

// The characters a catalogue's text uses, sorted, as UTF-8 (for the kiosk's glyph atlas).
std::string catalogue_charset(const Catalogue& cat);
// The same, collected from text as it comes: one bit per code point (136 KiB), where a
// std::set of characters cost an allocation per character of a 50-MB catalogue.
class CharsetCollector {
public:
    void add(std::string_view text);  // control characters (< U+0020) are left out
    std::string sorted() const;

private:
    std::vector<bool> seen_ = std::vector<bool>(0x110000);
};


}  // namespace gongkai

namespace gongkai {

// Opens the cache for a program that must always show *something* (the kiosk):
//   empty cache            → installs `fallback_bundle` (the embedded demo catalogue);
//   damaged file           → moves it and its -wal/-shm aside as <path>.corrupt-<UTC time>
//                            (kept for inspection), starts a fresh cache with the fallback;
//   unwritable / too new   → reads it if it holds a catalogue, else an in-memory cache
//                            with the fallback.
// Every decision is logged (component "cache"). Fails only if the fallback itself is bad.
struct OpenedCache {
    std::unique_ptr<Cache> cache;
    bool installed_fallback = false;
    bool recovered_from_damage = false;
    bool in_memory = false;
    std::string moved_aside_to;  // where a damaged file went, if one did
};
// When the whole file is checked (PRAGMA quick_check reads every page: 72 ms at 50,000
// items, half the kiosk's start-up, docs/performance.md):
//   AtOpen — before anything is shown (the staff tools, tests);
//   Later  — not here: damage in what the index reads is still found (SQLite names it),
//            and the running kiosk checks the rest after its first frame
//            (AppOptions::damaged_cache_fallback), moving a damaged file aside then.
enum class CacheCheck { AtOpen, Later };
Result<OpenedCache> open_cache_with_fallback(const std::string& path, std::string_view fallback_bundle,
                                             CacheCheck check = CacheCheck::AtOpen);

// Opens the cache for gongkai-sync: creates its directory (0755), and a damaged file
// (CacheCorrupt at open, quick_check or index read) is moved aside like the kiosk does,
// a fresh cache started, and the damage recorded as sync.last_error — instead of failing
// every cycle until the kiosk restarts. Installs nothing: the next cycle fills it.
struct SyncCache {
    std::unique_ptr<Cache> cache;
    Error damage;                // what was wrong with the old file, if anything
    std::string moved_aside_to;  // where it went
};
Result<SyncCache> open_cache_for_sync(const std::string& path);

// Creates the parent directories of a cache path with mode 0755.
Error create_cache_directory(const std::string& path);

}  // namespace gongkai
