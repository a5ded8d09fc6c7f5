// The SQLite cache: one-transaction installs, migrations, and start-up on a missing,
// damaged or half-written file.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "bundle.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "item_shelf.h"
#include "sqlite_db.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

static Catalogue small_catalogue(std::int64_t version, const std::string& title) {
    Catalogue cat;
    cat.name = "测试目录";
    cat.version = version;
    cat.created = "2026-11-25T00:00:00Z";
    cat.domains = {{"social-assistance", "社会救助", "低保"}};
    Item item;
    item.id = "social-assistance.00000001";
    item.domain_id = "social-assistance";
    item.level1 = "最低生活保障";
    item.title = title;
    item.summary = "公开内容：名单";
    item.standard = DisclosureStandard{{"名单"}, {"依据"}, "10个工作日内", {"区民政局"}, {"政府网站"}, {"全社会"}, {"主动"}, {"县级"}};
    cat.items.push_back(item);
    cat.notices.push_back({"n1", "公示", "公示7个工作日", "social-assistance", item.id, "", ""});
    return cat;
}

TEST_CASE("an installed catalogue reads back exactly, and a new install replaces it whole", "[cache]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    CHECK((*cache)->schema_version() == kCacheSchemaVersion);
    CHECK((*cache)->info().error().code == CatalogueError::CacheEmpty);

    REQUIRE_FALSE((*cache)->install(small_catalogue(1, "审核信息"), "sync"));
    auto cat = (*cache)->load_catalogue();
    REQUIRE(cat);
    CHECK(cat->version == 1);
    REQUIRE(cat->items.size() == 1);
    CHECK(cat->items[0].title == "审核信息");
    CHECK(cat->items[0].standard->time_limit == "10个工作日内");
    CHECK(cat->notices[0].body == "公示7个工作日");

    REQUIRE_FALSE((*cache)->install(small_catalogue(2, "审批信息"), "sync"));
    auto info = (*cache)->info();
    CHECK(info->version == 2);
    CHECK(info->items == 1);
    CHECK(info->source == "sync");
    CHECK((*cache)->load_item("social-assistance.00000001")->title == "审批信息");
    auto index = (*cache)->load_index();
    CHECK(index->charset.find("批") != std::string::npos);
}

TEST_CASE("an install that fails half-way leaves the previous catalogue untouched", "[cache]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE_FALSE((*cache)->install(small_catalogue(1, "旧目录"), "sync"));
    Catalogue bad = small_catalogue(2, "新目录");
    bad.items.push_back(bad.items[0]);  // a duplicate id violates the primary key mid-install
    Error e = (*cache)->install(bad, "sync");
    CHECK(e.code == CatalogueError::CacheWriteFailed);
    CHECK(e.detail.find("insert item social-assistance.00000001") != std::string::npos);
    auto info = (*cache)->info();
    CHECK(info->version == 1);
    CHECK((*cache)->load_item("social-assistance.00000001")->title == "旧目录");
}

// Two connections to one cache holding version 1: gongkai-sync's (writer) and the kiosk's (reader).
struct TwoConnections {
    TempDir dir;
    std::unique_ptr<Cache> writer, reader;
    TwoConnections() {
        auto w = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
        REQUIRE(w);
        writer = std::move(*w);
        REQUIRE_FALSE(writer->install(small_catalogue(1, "一"), "sync"));
        auto r = Cache::open(dir.file("c.db"), CacheMode::ReadOnly);
        REQUIRE(r);
        reader = std::move(*r);
    }
};

TEST_CASE("another process's install is visible to a running reader through data_version", "[cache]") {
    TwoConnections c;
    auto& writer = c.writer;
    auto& reader = c.reader;
    std::int64_t before = reader->data_version();
    CHECK(reader->data_version() == before);
    REQUIRE_FALSE(writer->install(small_catalogue(2, "二"), "sync"));
    CHECK(reader->data_version() != before);
    CHECK(reader->load_index()->info.version == 2);
}

TEST_CASE("an index kept after the open check is the next load only while nothing was committed since it was read", "[cache]") {
    TwoConnections c;
    auto& writer = c.writer;
    auto& reader = c.reader;

    // Kept, and nothing committed: the next load is the kept index.
    std::int64_t before = reader->data_version();
    auto index = reader->load_index();
    REQUIRE(index);
    index->info.name = "kept";  // marks the copy handed back
    reader->keep_index(std::move(*index), before);
    CHECK(reader->load_index()->info.name == "kept");
    CHECK(reader->load_index()->info.name == "测试目录");  // once only

    // Another connection installs between the read and the keep (the race a start-up with a
    // syncing daemon can hit): the kept index is stale, and the load reads the new catalogue.
    before = reader->data_version();
    index = reader->load_index();
    REQUIRE(index);
    REQUIRE_FALSE(writer->install(small_catalogue(2, "二"), "sync"));
    reader->keep_index(std::move(*index), before);
    auto now = reader->load_index();
    REQUIRE(now);
    CHECK(now->info.version == 2);
    CHECK(reader->load_summaries("")->at(0).title == "二");

    // An install on the same connection drops it too.
    before = writer->data_version();
    index = writer->load_index();
    REQUIRE(index);
    writer->keep_index(std::move(*index), before);
    REQUIRE_FALSE(writer->install(small_catalogue(3, "三"), "sync"));
    CHECK(writer->load_index()->info.version == 3);
}

TEST_CASE("a version-1 cache migrates to the current schema and keeps its catalogue", "[cache][migration]") {
    TempDir dir;
    std::string path = dir.file("old.db");
    {
        // Build a cache as the first release left it: schema 1, no device_state table.
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE_FALSE((*cache)->install(small_catalogue(7, "旧版本"), "sync"));
        REQUIRE(sqlite3_exec((*cache)->handle(), "DROP TABLE search_extras; DROP TABLE thesaurus; DROP TABLE english; DROP TABLE search_misses; DROP TABLE search_docs; "
                                                        "DROP TABLE device_state; PRAGMA user_version=1", nullptr, nullptr, nullptr) == SQLITE_OK);
        CHECK((*cache)->schema_version() == 1);
    }
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    INFO((cache ? std::string() : cache.error().describe()));
    REQUIRE(cache);
    CHECK((*cache)->schema_version() == kCacheSchemaVersion);
    CHECK((*cache)->info()->version == 7);
    // Schema 3's search text was derived from the catalogue already there.
    auto docs = (*cache)->load_search_documents();
    REQUIRE(docs);
    REQUIRE(docs->size() == 1);
    CHECK(docs->at(0).title == "旧版本");
    // Schema 5's thesaurus: none installed then, an empty one now.
    auto thesaurus = (*cache)->load_thesaurus();
    REQUIRE(thesaurus);
    CHECK(thesaurus->empty());
    CHECK_FALSE((*cache)->set_state("last_success", "2026-11-25T00:00:00Z"));
    CHECK(*(*cache)->state("last_success") == "2026-11-25T00:00:00Z");
}

TEST_CASE("a version-4 cache migrates to 5: its search text gains aliases and answers, a new install keeps the thesaurus",
          "[cache][migration]") {
    TempDir dir;
    std::string path = dir.file("v4.db");
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    REQUIRE_FALSE(cat->thesaurus.empty());
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE_FALSE((*cache)->install(*cat, "sync"));
        REQUIRE(sqlite3_exec((*cache)->handle(), "DROP TABLE search_extras; DROP TABLE thesaurus; PRAGMA user_version=4", nullptr,
                             nullptr, nullptr) == SQLITE_OK);
    }
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(cache);
    CHECK((*cache)->schema_version() == kCacheSchemaVersion);
    auto docs = (*cache)->load_search_documents();
    REQUIRE(docs);
    REQUIRE(docs->size() == search_documents(*cat).size());  // one per service: rows a guide shows are in it
    // The guide of 最低生活保障申请 answers "多少钱" (its fee) and is listed under 最低生活保障.
    auto dibao = std::find_if(docs->begin(), docs->end(), [](auto& d) { return d.id == "dibao-apply"; });
    REQUIRE(dibao != docs->end());
    CHECK(dibao->answers[static_cast<size_t>(QuestionFrame::Fee)] == "免费。");
    CHECK(std::find(dibao->aliases.begin(), dibao->aliases.end(), "最低生活保障") != dibao->aliases.end());
    // The migrated cache had no thesaurus table: empty until the next install, which keeps it.
    CHECK((*cache)->load_thesaurus()->empty());
    REQUIRE_FALSE((*cache)->install(*cat, "sync"));
    auto thesaurus = (*cache)->load_thesaurus();
    REQUIRE(thesaurus);
    REQUIRE(thesaurus->size() == cat->thesaurus.size());
    CHECK(thesaurus->front().words == cat->thesaurus.front().words);
    CHECK(thesaurus->front().means == cat->thesaurus.front().means);
    CHECK((*cache)->load_catalogue()->thesaurus.size() == cat->thesaurus.size());
}

TEST_CASE("a cache set back to version 4 with the version-5 tables still there migrates", "[cache][migration][hostile]") {
    TempDir dir;
    const std::string path = dir.file("back.db");
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE(cache);
        REQUIRE_FALSE((*cache)->install(*decode_bundle(demo_bundle()), "sync"));
        REQUIRE(sqlite3_exec((*cache)->handle(), "PRAGMA user_version=4", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    INFO((cache ? std::string() : cache.error().describe()));
    REQUIRE(cache);
    CHECK((*cache)->schema_version() == kCacheSchemaVersion);
    CHECK_FALSE((*cache)->load_thesaurus()->empty());
}

TEST_CASE("a thesaurus or search text in the cache larger than any bundle could carry is CacheCorrupt, not a stall", "[cache][hostile]") {
    TempDir dir;
    const std::string path = dir.file("big.db");
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(cache);
    REQUIRE_FALSE((*cache)->install(*decode_bundle(demo_bundle()), "sync"));
    sqlite3* db = (*cache)->handle();
    // One entry of 200,000 words.
    std::string words = "[";
    for (int i = 0; i < 200000; i++) words += std::string(i ? "," : "") + "\"低保\"";
    words += "]";
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "UPDATE thesaurus SET words = ? WHERE ord = 0", -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, words.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    auto thesaurus = (*cache)->load_thesaurus();
    REQUIRE_FALSE(thesaurus);
    CHECK(thesaurus.error().code == CatalogueError::CacheCorrupt);
    // 10,001 entries.
    REQUIRE(sqlite3_exec(db, "DELETE FROM thesaurus; WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) "
                             "INSERT INTO thesaurus(ord, words, means) SELECT i, '[\"看病\"]', '[\"医疗\"]' FROM n",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK((*cache)->load_thesaurus().error().code == CatalogueError::CacheCorrupt);
    // Aliases of 200,000 names.
    REQUIRE(sqlite3_prepare_v2(db, "UPDATE search_extras SET aliases = ?", -1, &st, nullptr) == SQLITE_OK);
    sqlite3_bind_text(st, 1, words.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    auto docs = (*cache)->load_search_documents();
    REQUIRE_FALSE(docs);
    CHECK(docs.error().code == CatalogueError::CacheCorrupt);
}

TEST_CASE("the names residents type are read without building items, and match the installed catalogue", "[cache]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    const Catalogue demo = *decode_bundle(demo_bundle());
    REQUIRE_FALSE((*cache)->install(demo, "sync"));
    auto names = (*cache)->load_item_names();
    REQUIRE(names);
    CHECK(*names == item_names(*(*cache)->load_catalogue()));
    CHECK(names->size() == demo.items.size());
    CHECK(std::any_of(names->begin(), names->end(), [](const ItemNames& n) { return n.terms.size() > 1; }));

    sqlite3* db = (*cache)->handle();
    SECTION("terms that are not a list of words are CacheCorrupt") {
        for (const char* terms : {"'\"低保\"'", "json('{\"a\": \"低保\"}')", "json('[1, 2]')"}) {
            INFO(terms);
            REQUIRE(sqlite3_exec(db, (std::string("UPDATE items SET body = json_set(body, '$.terms', ") + terms +
                                      ") WHERE rowid = (SELECT min(rowid) FROM items)").c_str(),
                                 nullptr, nullptr, nullptr) == SQLITE_OK);
            CHECK((*cache)->load_item_names().error().code == CatalogueError::CacheCorrupt);
        }
    }
    SECTION("more terms than any install writes is CacheCorrupt") {
        REQUIRE(sqlite3_exec(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 64) "
                                 "UPDATE items SET body = json_set(body, '$.terms', (SELECT json_group_array('低保') FROM n)) "
                                 "WHERE rowid = (SELECT min(rowid) FROM items)",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        CHECK((*cache)->load_item_names().error().code == CatalogueError::CacheCorrupt);
    }
    SECTION("an item body that is not JSON is CacheCorrupt") {
        REQUIRE(sqlite3_exec(db, "UPDATE items SET body = '{\"terms\": [' WHERE rowid = (SELECT min(rowid) FROM items)", nullptr,
                             nullptr, nullptr) == SQLITE_OK);
        CHECK((*cache)->load_item_names().error().code == CatalogueError::CacheCorrupt);
    }
}

TEST_CASE("a cache from a newer Gongkai is refused by name, not downgraded", "[cache][migration]") {
    TempDir dir;
    {
        auto cache = Cache::open(dir.file("new.db"), CacheMode::ReadWrite);
        sqlite3_exec((*cache)->handle(), "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    }
    auto again = Cache::open(dir.file("new.db"), CacheMode::ReadWrite);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == CatalogueError::CacheSchemaTooNew);
    CHECK(again.error().describe().starts_with("CacheSchemaTooNew: the local cache was written by a newer version of Gongkai"));
}

TEST_CASE("first start with no cache installs the embedded demo catalogue", "[cache][startup]") {
    TempDir dir;
    LogCatcher log;
    auto opened = open_cache_with_fallback(dir.file("state/cache.db"), demo_bundle());
    REQUIRE(opened);
    CHECK(opened->installed_fallback);
    CHECK_FALSE(opened->recovered_from_damage);
    auto info = opened->cache->info();
    CHECK(info->source == "demo");
    CHECK(info->version == 0);
    CHECK(log.said("installed the embedded demo catalogue"));
    // Second start: the catalogue is there; nothing is reinstalled.
    opened->cache.reset();
    auto second = open_cache_with_fallback(dir.file("state/cache.db"), demo_bundle());
    CHECK_FALSE(second->installed_fallback);
}

TEST_CASE("a damaged cache is moved aside, the demo catalogue is shown, and the log says what happened", "[cache][startup]") {
    TempDir dir;
    std::string path = dir.file("cache.db");
    SECTION("a file that is not a database") {
        write_file(path, std::string(8192, 'x'));
    }
    SECTION("a half-written database (power cut while it was being created)") {
        {
            auto cache = Cache::open(path, CacheMode::ReadWrite);
            REQUIRE_FALSE((*cache)->install(*decode_bundle(demo_bundle()), "sync"));
            sqlite3_exec((*cache)->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
        }
        std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    }
    SECTION("a database whose pages were overwritten") {
        {
            auto cache = Cache::open(path, CacheMode::ReadWrite);
            REQUIRE_FALSE((*cache)->install(*decode_bundle(demo_bundle()), "sync"));
            sqlite3_exec((*cache)->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
        }
        std::string bytes = slurp(path);
        for (size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(0xA5);
        write_file(path, bytes);
    }
    LogCatcher log;
    auto opened = open_cache_with_fallback(path, demo_bundle());
    REQUIRE(opened);
    CHECK(opened->recovered_from_damage);
    CHECK(opened->installed_fallback);
    CHECK_FALSE(opened->in_memory);
    CHECK(std::filesystem::exists(opened->moved_aside_to));
    CHECK(opened->cache->info()->source == "demo");
    CHECK(opened->cache->load_summaries("")->size() > 100);
    CHECK(log.said("cache: CacheCorrupt:"));
    CHECK(log.said("moved the damaged cache to " + opened->moved_aside_to));
}

TEST_CASE("an unwritable cache location still shows the demo catalogue, from memory", "[cache][startup]") {
    LogCatcher log;
    auto opened = open_cache_with_fallback("/proc/gongkai-cannot-exist/cache.db", demo_bundle());
    REQUIRE(opened);
    CHECK(opened->in_memory);
    CHECK(opened->cache->info()->source == "demo");
    CHECK(log.said("cache: CacheOpenFailed:"));
}

TEST_CASE("a damaged bundle is refused by name", "[bundle]") {
    std::string bundle(demo_bundle());
    CHECK(decode_bundle(bundle.substr(0, bundle.size() / 2)).error().code == CatalogueError::BundleCorrupt);
    CHECK(decode_bundle("not zstd at all").error().code == CatalogueError::BundleCorrupt);
    CHECK(decode_bundle(bundle, 1000).error().detail == "decompressed bundle exceeds 1000 bytes");
    Catalogue cat = small_catalogue(1, "x");
    auto j = catalogue_to_json(cat);
    j["format_version"] = 2;
    CHECK(catalogue_from_json(j).error().code == CatalogueError::BundleUnsupported);
    j["format_version"] = 1;
    j["items"][0].erase("standard");
    CHECK(catalogue_from_json(j).error().detail == "item social-assistance.00000001: a directory item without \"standard\"");
}

//-----------------------------------------------------------------------------
// The index without the items, and the items a domain at a time (issue 13)
//-----------------------------------------------------------------------------

namespace {

// The demo catalogue installed in a file and closed, so a test opens its own connections.
std::string demo_cache(const TempDir& dir) {
    std::string path = dir.file("demo.db");
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(cache);
    REQUIRE_FALSE((*cache)->install(*decode_bundle(demo_bundle()), "sync"));
    return path;
}

}  // namespace

TEST_CASE("home's count for each domain is what its screen lists, and the index holds no items", "[cache][index]") {
    TempDir dir;
    auto cache = Cache::open(demo_cache(dir), CacheMode::ReadOnly);
    REQUIRE(cache);
    auto index = (*cache)->load_index();
    REQUIRE(index);
    auto all = (*cache)->load_summaries("");
    REQUIRE(all);
    CHECK(all->size() == static_cast<size_t>(index->info.items));
    REQUIRE(index->listed.size() == index->domains.size());
    int domains_with_rows_in_guides = 0;
    for (size_t d = 0; d < index->domains.size(); d++) {
        INFO(index->domains[d].id);
        std::int64_t rows = 0, listed = 0;
        for (const ItemSummary& i : *all) {
            if (i.domain_id != index->domains[d].id) continue;
            rows++;
            if (i.guide_id.empty()) listed++;  // as the domain screen lists them
        }
        CHECK(index->listed[d] == listed);
        if (listed < rows) domains_with_rows_in_guides++;
    }
    CHECK(domains_with_rows_in_guides > 0);  // the demo's guides show rows: the count is not just rows
    // The guides, in catalogue order.
    std::vector<std::string> guides;
    for (const ItemSummary& i : *all)
        if (i.kind == ItemKind::Guide) guides.push_back(i.id);
    REQUIRE(index->guides.size() == guides.size());
    for (size_t g = 0; g < guides.size(); g++) CHECK(index->guides[g].id == guides[g]);
}

TEST_CASE("a domain's summaries read alone are the same as read with the whole catalogue", "[cache][index]") {
    TempDir dir;
    auto cache = Cache::open(demo_cache(dir), CacheMode::ReadOnly);
    REQUIRE(cache);
    auto index = (*cache)->load_index();
    auto all = (*cache)->load_summaries("");
    REQUIRE(all);
    size_t seen = 0;
    for (const Domain& d : index->domains) {
        auto rows = (*cache)->load_summaries(d.id);
        REQUIRE(rows);
        std::vector<const ItemSummary*> expected;
        for (const ItemSummary& i : *all)
            if (i.domain_id == d.id) expected.push_back(&i);
        REQUIRE(rows->size() == expected.size());
        for (size_t i = 0; i < rows->size(); i++) {
            const ItemSummary &got = rows->at(i), &want = *expected[i];
            CHECK(got.id == want.id);
            CHECK(got.display_title == want.display_title);
            CHECK(got.guide_id == want.guide_id);
            CHECK(got.title_en == want.title_en);
            CHECK(got.summary == want.summary);
        }
        seen += rows->size();
    }
    CHECK(seen == all->size());
    CHECK((*cache)->load_summaries("no-such-domain")->empty());
    CHECK((*cache)->item_domain("no-such-item").error().code == CatalogueError::NotFound);
}

TEST_CASE("an item shelf reads a domain when asked, never in a draw, and nothing of a catalogue installed since", "[cache][shelf]") {
    TempDir dir;
    const std::string path = demo_cache(dir);
    auto reader = Cache::open(path, CacheMode::ReadOnly);
    REQUIRE(reader);
    auto index = (*reader)->load_index();
    REQUIRE(index);
    ItemShelf shelf;
    shelf.set(reader->get(), index->info);
    CHECK(shelf.domains_read() == 0);

    // A draw asks: nothing is read, the miss is noted; fetch() reads it.
    const ItemShelf& drawn = shelf;
    CHECK(drawn.domain("social-assistance").empty());
    CHECK(drawn.state("social-assistance") == ItemShelf::Shelved::NotRead);
    CHECK(shelf.domains_read() == 0);
    CHECK(shelf.fetch());
    CHECK(shelf.domains_read() == 1);
    CHECK(drawn.state("social-assistance") == ItemShelf::Shelved::Read);
    const auto& assistance = drawn.domain("social-assistance");
    REQUIRE_FALSE(assistance.empty());
    for (const ItemSummary& i : assistance) CHECK(i.domain_id == "social-assistance");
    CHECK_FALSE(shelf.fetch());  // nothing more was missed

    // An item of another domain: missed in a draw, then its domain is read, once.
    auto employment = (*reader)->load_summaries("employment");
    REQUIRE(employment);
    REQUIRE_FALSE(employment->empty());
    CHECK(drawn.find(employment->back().id) == nullptr);
    CHECK(shelf.fetch());
    const ItemSummary* found = drawn.find(employment->back().id);
    REQUIRE(found);
    CHECK(found->display_title == employment->back().display_title);
    CHECK(shelf.domains_read() == 2);
    CHECK(shelf.read_item(employment->front().id) == &drawn.domain("employment").front());
    CHECK(shelf.domains_read() == 2);
    CHECK(shelf.read_item("no-such-item") == nullptr);
    CHECK(drawn.find("no-such-item") == nullptr);
    CHECK_FALSE(shelf.fetch());  // an id known to be absent is not asked again
    CHECK(shelf.read_domain("no-such-domain").empty());

    // gongkai-sync installs another catalogue: what was read stays (it is the shown one's),
    // nothing more is read until the shelf is set to the new index.
    auto writer = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(writer);
    REQUIRE_FALSE((*writer)->install(small_catalogue(2, "新目录"), "sync"));
    CHECK_FALSE(shelf.outdated());
    CHECK(shelf.read_domain("health").empty());
    CHECK(shelf.outdated());
    CHECK(shelf.read_item("social-assistance.00000001") == nullptr);
    CHECK(drawn.domain("social-assistance").size() == assistance.size());
    auto now = (*reader)->load_index();
    REQUIRE(now);
    shelf.set(reader->get(), now->info);
    CHECK_FALSE(shelf.outdated());
    CHECK(shelf.domains_read() == 0);
    REQUIRE(shelf.read_item("social-assistance.00000001"));
    CHECK(shelf.read_item("social-assistance.00000001")->title == "新目录");
}

TEST_CASE("the guides are found through their index, not by reading every row", "[cache][index][migration]") {
    TempDir dir;
    auto cache = Cache::open(demo_cache(dir), CacheMode::ReadWrite);
    REQUIRE(cache);
    // What load_index and load_summaries ask: the plan SQLite chooses for it.
    {
        sql::Stmt plan((*cache)->handle(), "EXPLAIN QUERY PLAN SELECT items.id, link.value FROM items, json_each(items.body, '$.links') AS link "
                                           "WHERE items.kind = 'guide' ORDER BY items.ord");
        std::string steps;
        while (plan.step() == SQLITE_ROW) steps += plan.text(3) + "\n";
        INFO(steps);
        CHECK(steps.find("USING INDEX guides") != std::string::npos);
    }
    // A schema-7 cache gains the index when it migrates.
    REQUIRE(sqlite3_exec((*cache)->handle(), "DROP INDEX guides; PRAGMA user_version=7", nullptr, nullptr, nullptr) == SQLITE_OK);
    cache->reset();
    auto migrated = Cache::open(dir.file("demo.db"), CacheMode::ReadWrite);
    REQUIRE(migrated);
    CHECK((*migrated)->schema_version() == kCacheSchemaVersion);
    sql::Stmt has((*migrated)->handle(), "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'guides'");
    REQUIRE(has.step() == SQLITE_ROW);
    CHECK(has.text(0).find("WHERE kind = 'guide'") != std::string::npos);
}

TEST_CASE("a domain that cannot be read is Unreadable, named as damage once, and read again after the wait", "[cache][shelf][hostile]") {
    TempDir dir;
    const std::string path = demo_cache(dir);
    auto reader = Cache::open(path, CacheMode::ReadOnly);
    auto writer = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(reader);
    REQUIRE(writer);
    auto index = (*reader)->load_index();
    REQUIRE(index);
    ItemShelf shelf;
    shelf.set(reader->get(), index->info);
    shelf.set_retry_after(std::chrono::milliseconds(200));
    // A guide's stored JSON broken by hand (the catalogue's identity unchanged): every
    // domain's read fails on the guides' links.
    std::string body;
    {
        sql::Stmt st((*writer)->handle(), "SELECT body FROM items WHERE id = 'dibao-apply'");
        REQUIRE(st.step() == SQLITE_ROW);
        body = st.text(0);
    }
    auto set_body = [&](const std::string& text) {
        sql::Stmt st((*writer)->handle(), "UPDATE items SET body = ? WHERE id = 'dibao-apply'");
        st.bind(1, text);
        REQUIRE(st.step() == SQLITE_DONE);
    };
    set_body("{\"links\": [");
    LogCatcher log;
    CHECK(shelf.read_domain("health").empty());
    CHECK(shelf.state("health") == ItemShelf::Shelved::Unreadable);
    Error damage = shelf.take_damage();
    CHECK(damage.code == CatalogueError::CacheCorrupt);
    CHECK_FALSE(shelf.take_damage());  // once
    CHECK(log.said("could not read the items of health"));
    // Within the wait a draw does not ask again; after it, it does, and the repaired row reads.
    const ItemShelf& drawn = shelf;
    CHECK(drawn.domain("health").empty());
    CHECK_FALSE(shelf.fetch());
    set_body(body);
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    CHECK(drawn.state("health") == ItemShelf::Shelved::NotRead);
    CHECK(shelf.fetch());
    CHECK(drawn.state("health") == ItemShelf::Shelved::Read);
    CHECK_FALSE(drawn.domain("health").empty());
}

TEST_CASE("home's count and the domain's list agree on rows edited by hand (a BLOB domain or id, a null link)", "[cache][index][hostile]") {
    TempDir dir;
    const std::string path = demo_cache(dir);
    auto writer = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(writer);
    REQUIRE(sqlite3_exec((*writer)->handle(),
                         "PRAGMA foreign_keys = OFF; INSERT INTO items SELECT 'blob-row', kind, CAST(domain_id AS BLOB), level1, 'B', summary, 100000, "
                         "json_set(body, '$.id', 'blob-row') FROM items WHERE domain_id = 'elderly-care' AND kind = 'directory' LIMIT 1; "
                         "INSERT INTO items SELECT '', kind, domain_id, level1, 'E', summary, 100001, json_set(body, '$.id', '') "
                         "FROM items WHERE domain_id = 'employment' AND kind = 'directory' LIMIT 1; "
                         "UPDATE items SET body = json_insert(body, '$.links[#]', json('null')) WHERE id = (SELECT id FROM items WHERE kind = 'guide' ORDER BY ord LIMIT 1); "
                         // A row whose id is a BLOB, linked by a guide as text.
                         "INSERT INTO items SELECT CAST('zz-blob' AS BLOB), kind, domain_id, level1, 'Z', summary, 100002, json_set(body, '$.id', 'zz-blob') "
                         "FROM items WHERE domain_id = 'employment' AND kind = 'directory' LIMIT 1; "
                         "UPDATE items SET body = json_insert(body, '$.links[#]', 'zz-blob') WHERE id = 'startup-loan';",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    auto index = (*writer)->load_index();
    REQUIRE(index);
    for (size_t d = 0; d < index->domains.size(); d++) {
        INFO(index->domains[d].id);
        auto rows = (*writer)->load_summaries(index->domains[d].id);
        REQUIRE(rows);
        std::int64_t listed = 0;
        for (const ItemSummary& i : *rows) listed += i.guide_id.empty();
        CHECK(index->listed[d] == listed);
    }
}
