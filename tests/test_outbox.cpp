// The outbox on the device (issue 10 §1–2): what a rating record holds and does not, that
// personal numbers never reach the disk, that a full outbox refuses and counts instead of
// dropping, that search misses leave only as counts per finished day, and that a signed
// batch opens only with its own device's key.
#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "batch.h"
#include "bundle.h"
#include "cache.h"
#include "config.h"
#include "demo_catalogue.h"
#include "heartbeat.h"
#include "sqlite_db.h"
#include "outbox.h"
#include "support.h"
#include "utf8.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

Feedback rating(int stars, std::string comment = "", std::vector<FeedbackReason> reasons = {}) {
    Feedback f;
    f.page_kind = "item";
    f.page_id = "shjz-zdshbz";
    f.catalogue_version = 12;
    f.rating = stars;
    f.reasons = std::move(reasons);
    f.comment = std::move(comment);
    f.time = 1795000000;  // 2026-11-18T…Z
    return f;
}

std::unique_ptr<Cache> fresh_cache(const TempDir& dir) {
    auto cache = Cache::open(dir.file("cache.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    return std::move(*cache);
}

constexpr std::uint64_t kRoomy = 64u << 20;

}  // namespace

TEST_CASE("a rating record holds the page, the catalogue version, the rating, reasons, comment and time — nothing else",
          "[outbox]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    auto id = add_feedback(*cache, rating(2, "看不懂第三步", {FeedbackReason::MaterialsUnclear, FeedbackReason::HardToUnderstand}), kRoomy);
    REQUIRE(id);
    CHECK(id->size() == 32);
    auto rows = outbox_oldest(*cache, 10, 1 << 20);
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    const OutboxRecord& r = rows->front();
    CHECK(r.id == *id);
    CHECK(r.kind == OutboxKind::Feedback);
    auto body = nlohmann::json::parse(r.body);
    std::vector<std::string> keys;
    for (auto& [k, v] : body.items()) keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"catalogue_version", "comment", "page_id", "page_kind", "rating", "reasons", "time"});
    CHECK(body["rating"] == 2);
    // Reasons in the scale's order, whatever order they were tapped in.
    CHECK(body["reasons"] == nlohmann::json::array({"unclear", "materials"}));
    CHECK(body["comment"] == "看不懂第三步");
    CHECK(body["catalogue_version"] == 12);
    CHECK(body["time"] == format_rfc3339_utc(1795000000));
}

TEST_CASE("two ratings get two different random record ids", "[outbox]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    auto a = add_feedback(*cache, rating(5), kRoomy), b = add_feedback(*cache, rating(5), kRoomy);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a != *b);
}

TEST_CASE("a phone or ID number typed into a comment is masked before the record is stored", "[outbox][personal]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    REQUIRE(add_feedback(*cache, rating(1, "请打我电话13812345678，身份证11010519491231002X，热线12345没人接"), kRoomy));
    // Not only the record: nothing of either number is anywhere in the file.
    auto rows = outbox_oldest(*cache, 10, 1 << 20);
    REQUIRE(rows);
    auto comment = nlohmann::json::parse(rows->front().body)["comment"].get<std::string>();
    CHECK(comment == "请打我电话＊＊＊，身份证＊＊＊，热线12345没人接");
    cache.reset();
    std::string bytes = slurp(dir.file("cache.db")) + slurp(dir.file("cache.db-wal"));
    CHECK(bytes.find("13812345678") == std::string::npos);
    CHECK(bytes.find("11010519491231002X") == std::string::npos);
}

TEST_CASE("a comment is clipped to 200 characters after masking, control characters become spaces", "[outbox]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    std::string long_comment;
    for (int i = 0; i < 150; i++) long_comment += "长";
    long_comment += "\n电话1391234567" + std::string("8");  // the number ends past character 200
    for (int i = 0; i < 100; i++) long_comment += "尾";
    REQUIRE(add_feedback(*cache, rating(2, long_comment), kRoomy));
    auto rows = outbox_oldest(*cache, 10, 1 << 20);
    REQUIRE(rows);
    std::u32string kept = utf8::decode(nlohmann::json::parse(rows->front().body)["comment"].get<std::string>());
    CHECK(kept.size() == kMaxCommentChars);
    CHECK(kept.find(U'\n') == std::u32string::npos);
    CHECK(kept.substr(150, 3) == U" 电话");
    CHECK(utf8::encode(kept).find("139") == std::string::npos);
}

TEST_CASE("a rating outside the scale, or for a page that is not an item or notice, is FeedbackInvalid", "[outbox]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    for (int stars : {0, 6, -1}) CHECK(add_feedback(*cache, rating(stars), kRoomy).error().code == CatalogueError::FeedbackInvalid);
    Feedback f = rating(3);
    f.page_kind = "domain";
    CHECK(add_feedback(*cache, f, kRoomy).error().code == CatalogueError::FeedbackInvalid);
    f = rating(3);
    f.page_id = std::string(65, 'a');
    CHECK(add_feedback(*cache, f, kRoomy).error().code == CatalogueError::FeedbackInvalid);
    auto stats = outbox_stats(*cache);
    REQUIRE(stats);
    CHECK(stats->records == 0);
}

TEST_CASE("a full outbox refuses new ratings with OutboxFull and counts them, keeping every record it holds", "[outbox]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    const std::uint64_t limit = 4096;
    int stored = 0, refused = 0;
    for (int i = 0; i < 40; i++) {
        auto r = add_feedback(*cache, rating(2, "材料清单里的表格在哪里下载"), limit);
        if (r) stored++;
        else {
            CHECK(r.error().code == CatalogueError::OutboxFull);
            refused++;
        }
    }
    CHECK(stored > 10);
    CHECK(refused > 0);
    auto stats = outbox_stats(*cache);
    REQUIRE(stats);
    CHECK(stats->feedback == stored);
    CHECK(stats->refused == refused);
    CHECK(stats->bytes <= static_cast<std::int64_t>(limit));
    SECTION("a heartbeat past the limit replaces the newest queued heartbeat, never a rating") {
        const std::string padding(300, 'x');  // a heartbeat is ~600 bytes: larger than the room left
        REQUIRE(add_heartbeat(*cache, R"({"n":1,"p":")" + padding + "\"}", 1795000000, limit));
        REQUIRE(add_heartbeat(*cache, R"({"n":2,"p":")" + padding + "\"}", 1795000900, limit));
        auto after = outbox_stats(*cache);
        REQUIRE(after);
        CHECK(after->feedback == stored);
        CHECK(after->heartbeat == 1);
        auto rows = outbox_oldest(*cache, 1000, 1 << 20);
        REQUIRE(rows);
        CHECK(nlohmann::json::parse(rows->back().body)["n"] == 2);
    }
}

TEST_CASE("search misses leave as counts per finished day, each day once, the query masked", "[outbox][personal]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    REQUIRE_FALSE(cache->record_search_miss("2026-11-24", "养老金", 0));
    REQUIRE_FALSE(cache->record_search_miss("2026-11-24", "养老金", 0));
    REQUIRE_FALSE(cache->record_search_miss("2026-11-24", "低保 13812345678", 0));
    REQUIRE_FALSE(cache->record_search_miss("2026-11-25", "社保卡", 1));
    REQUIRE_FALSE(cache->record_search_miss("2026-11-26", "今天的", 0));  // today: not over yet
    auto queued = queue_search_misses(*cache, "2026-11-26", kRoomy);
    REQUIRE(queued);
    CHECK(*queued == 2);
    auto again = queue_search_misses(*cache, "2026-11-26", kRoomy);
    REQUIRE(again);
    CHECK(*again == 0);
    auto rows = outbox_oldest(*cache, 10, 1 << 20);
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).kind == OutboxKind::Misses);
    CHECK(rows->at(0).created == "2026-11-24");  // a day, never a time
    auto day = nlohmann::json::parse(rows->at(0).body);
    CHECK(day == nlohmann::json::parse(R"({"day":"2026-11-24","queries":[{"query":"养老金","count":2,"results":0},)"
                                       R"({"query":"低保 ＊＊＊","count":1,"results":0}],"other_queries":0})"));
    CHECK(rows->at(1).body.find("社保卡") != std::string::npos);
    // The next day's record comes once that day is over.
    auto tomorrow = queue_search_misses(*cache, "2026-11-27", kRoomy);
    REQUIRE(tomorrow);
    CHECK(*tomorrow == 1);
}

TEST_CASE("a cache of schema 5 migrates to 6 with an empty outbox and keeps its search misses", "[outbox][cache]") {
    TempDir dir;
    {
        auto cache = fresh_cache(dir);
        REQUIRE_FALSE(cache->record_search_miss("2026-11-20", "养老", 0));
        REQUIRE(sqlite3_exec(cache->handle(), "DROP TABLE outbox; PRAGMA user_version=5", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    auto cache = fresh_cache(dir);
    CHECK(cache->schema_version() == kCacheSchemaVersion);  // 6, and on through every later migration
    auto stats = outbox_stats(*cache);
    REQUIRE(stats);
    CHECK(stats->records == 0);
    auto misses = cache->zero_result_queries();
    REQUIRE(misses);
    CHECK(misses->size() == 1);
}

TEST_CASE("a sealed batch opens with its device's key only, and any changed byte breaks its signature", "[outbox][batch]") {
    TempDir dir;
    auto key = load_or_create_device_key(dir.file("device.key"));
    REQUIRE(key);
    auto other = load_or_create_device_key(dir.file("other.key"));
    REQUIRE(other);
    CHECK(key->id == device_id_for(key->public_key));
    CHECK(key->id != other->id);
    auto cache = fresh_cache(dir);
    REQUIRE(add_feedback(*cache, rating(4), kRoomy));
    REQUIRE(add_feedback(*cache, rating(1, "", {FeedbackReason::OutOfDate}), kRoomy));
    auto rows = outbox_oldest(*cache, 10, 1 << 20);
    REQUIRE(rows);
    SealedBatch batch = seal_batch(*key, *rows);
    auto known = [&](const std::string& id) -> std::optional<std::array<unsigned char, 32>> {
        if (id == key->id) return key->public_key;
        if (id == other->id) return other->public_key;
        return std::nullopt;
    };
    auto opened = open_batch(batch.bytes, known);
    REQUIRE(opened);
    CHECK(opened->device_id == key->id);
    REQUIRE(opened->records.size() == 2);
    CHECK(opened->records[1].body["reasons"] == nlohmann::json::array({"outdated"}));
    // Deterministic: the same records seal to the same name and bytes (a repeated upload
    // overwrites the same file).
    CHECK(seal_batch(*key, *rows).bytes == batch.bytes);
    CHECK(batch.name.size() == 64 + 5);

    SECTION("a rating changed in transit") {
        std::string forged = batch.bytes;
        forged.replace(forged.find("\\\"rating\\\":4"), 12, "\\\"rating\\\":5");
        CHECK(open_batch(forged, known).error().code == CatalogueError::BatchBadSignature);
    }
    SECTION("another device's key claiming this device's id") {
        auto env = nlohmann::json::parse(seal_batch(*other, *rows).bytes);
        std::string payload = env["payload"];
        env["device_id"] = key->id;
        payload.replace(payload.find(other->id), 32, key->id);
        env["payload"] = payload;
        CHECK(open_batch(env.dump(), known).error().code == CatalogueError::BatchBadSignature);
    }
    SECTION("a device the office does not know") {
        auto only_other = [&](const std::string& id) -> std::optional<std::array<unsigned char, 32>> {
            if (id == other->id) return other->public_key;
            return std::nullopt;
        };
        CHECK(open_batch(batch.bytes, only_other).error().code == CatalogueError::BatchUnknownDevice);
    }
    SECTION("truncated, empty, deep, huge") {
        CHECK(open_batch(batch.bytes.substr(0, batch.bytes.size() / 2), known).error().code == CatalogueError::BatchInvalid);
        CHECK(open_batch("", known).error().code == CatalogueError::BatchInvalid);
        CHECK(open_batch(std::string(100000, '[') , known).error().code == CatalogueError::BatchInvalid);
        CHECK(open_batch(std::string(kMaxBatchFileBytes + 1, ' '), known).error().code == CatalogueError::BatchInvalid);
    }
}

TEST_CASE("the device key file is refused when others can read it or when it is not a key", "[outbox][batch]") {
    TempDir dir;
    auto key = load_or_create_device_key(dir.file("device.key"));
    REQUIRE(key);
    auto again = load_or_create_device_key(dir.file("device.key"));
    REQUIRE(again);
    CHECK(again->id == key->id);  // made once, then kept
    chmod(dir.file("device.key").c_str(), 0644);
    CHECK(load_device_key(dir.file("device.key")).error().code == CatalogueError::DeviceKeyInvalid);
    write_file(dir.file("junk.key"), "gongkai-device-key 1\nnot base64\n");
    chmod(dir.file("junk.key").c_str(), 0600);
    CHECK(load_device_key(dir.file("junk.key")).error().code == CatalogueError::DeviceKeyInvalid);
    CHECK(load_device_key(dir.file("absent.key")).error().code == CatalogueError::DeviceKeyInvalid);
}

TEST_CASE("a cache found corrupt is moved aside with its unsent ratings copied into the new one", "[outbox][cache][hostile]") {
    TempDir dir;
    std::set<std::string> ids;
    std::int64_t items_page = 0;
    {
        auto cache = fresh_cache(dir);
        REQUIRE_FALSE(cache->install(*decode_bundle(demo_bundle()), "sync"));
        for (int i = 0; i < 20; i++) {
            auto id = add_feedback(*cache, rating(i % 5 + 1), kRoomy);
            REQUIRE(id);
            ids.insert(*id);
        }
        REQUIRE(sqlite3_exec(cache->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sql::Stmt st(cache->handle(), "SELECT pageno FROM dbstat WHERE name = 'items' AND pagetype = 'leaf' LIMIT 1");
        REQUIRE(st.step() == SQLITE_ROW);
        items_page = st.integer(0);
    }
    // A power cut tore one page of the catalogue: garbage where an items leaf was.
    {
        std::fstream f(dir.file("cache.db"), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp((items_page - 1) * 4096);
        std::string garbage(4096, '\xA5');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto opened = open_cache_for_sync(dir.file("cache.db"));
    REQUIRE(opened);
    CHECK_FALSE(opened->moved_aside_to.empty());
    auto rows = outbox_oldest(*opened->cache, 100, 1 << 20);
    REQUIRE(rows);
    std::set<std::string> kept;
    for (auto& r : *rows) kept.insert(r.id);
    CHECK(kept == ids);
}

TEST_CASE("before an upload, a malformed outbox row is repaired or removed and counted, and rows of an unknown kind "
          "never hold back the ones after them",
          "[outbox][hostile]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    sqlite3* db = cache->handle();
    REQUIRE(sqlite3_exec(db,
                         "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 600) "
                         "INSERT INTO outbox(id, kind, created, body) SELECT lower(hex(randomblob(16))), 'photo', 'x', '{}' FROM c;"
                         "INSERT INTO outbox(id, kind, created, body) VALUES ('0123456789ABCDEF0123456789ABCDEF', 'feedback', "
                         "'2026-11-26T00:00:00Z', '{\"rating\":5}');"
                         "INSERT INTO outbox(id, kind, created, body) VALUES ('00000000000000000000000000000001', 'feedback', "
                         "'2026-11-26T00:00:00Z', 'not json');",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    auto good = add_feedback(*cache, rating(4), kRoomy);
    REQUIRE(good);
    auto removed = outbox_repair(*cache);
    REQUIRE(removed);
    CHECK(*removed == 1);
    auto rows = outbox_oldest(*cache, kMaxBatchRecords, kMaxBatchBodyBytes);
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);  // past 600 rows of a kind this build does not know
    CHECK(rows->at(0).id != "0123456789ABCDEF0123456789ABCDEF");
    CHECK(rows->at(0).id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(rows->at(1).id == *good);
    auto stats = outbox_stats(*cache);
    REQUIRE(stats);
    CHECK(stats->discarded == 1);
}

TEST_CASE("a heartbeat clips a long last error to what the office accepts", "[outbox][heartbeat]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    REQUIRE_FALSE(cache->set_state(kStateLastError, "ManifestInvalid: " + std::string(5000, '"')));
    Config cfg;
    auto beat = nlohmann::json::parse(heartbeat_json(cfg, *cache, 1795000000, 1795000000));
    CHECK(beat["last_error"].get<std::string>().size() <= kMaxHeartbeatErrorBytes);
}

TEST_CASE("search misses are queued within the office's bounds: queries clipped to 64 characters, empty ones left out",
          "[outbox]") {
    TempDir dir;
    auto cache = fresh_cache(dir);
    std::string long_query;
    for (int i = 0; i < 80; i++) long_query += "长";
    REQUIRE(sqlite3_exec(cache->handle(), ("INSERT INTO search_misses(day, query, count, results) VALUES "
                                           "('2026-11-24', '" + long_query + "', 2, 0), ('2026-11-24', '', 1, 0)").c_str(),
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    REQUIRE(queue_search_misses(*cache, "2026-11-26", kRoomy));
    auto rows = outbox_oldest(*cache, 10, 1 << 20);
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    auto queries = nlohmann::json::parse(rows->front().body)["queries"];
    REQUIRE(queries.size() == 1);
    CHECK(utf8::decode(queries[0]["query"].get<std::string>()).size() == kMaxMissQueryChars);
}
