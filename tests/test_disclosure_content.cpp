// Issue 11's content on the device side of the wire: notices' category, urgency, targets
// and result lists, interpretations (政策解读) and responses (回应关切) — in the bundle, in a
// delta, in the cache (schema 7, migrated from 6), and refused by name when hostile.
#include <sqlite3.h>
#include <zstd.h>

#include <catch2/catch.hpp>
#include <functional>

#include "bundle.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "disclosure_fixture.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;
using nlohmann::json;

namespace {

// 2026-12-01 10:00 in the district: what the fixture's dates are relative to.
const std::time_t kNow = district_moment(2026, 12, 1, 10, 0);

const Notice& notice_named(const std::vector<Notice>& notices, std::string_view id) {
    for (auto& n : notices)
        if (n.id == id) return n;
    FAIL("no notice " << id);
    return notices.front();
}

// The demo as a release before issue 11 wrote it: no interpretations or responses, no
// category, urgency, targets or result list on its notices (the list itself dropped).
Result<Catalogue> earlier_release_demo() {
    auto current = decode_bundle(demo_bundle());
    REQUIRE(current);
    json earlier = catalogue_to_json(*current);
    earlier.erase("interpretations");
    earlier.erase("responses");
    json notices = json::array();
    for (auto& n : earlier["notices"]) {
        if (n.contains("results")) continue;
        for (const char* key : {"category", "urgent", "halls", "groups"}) n.erase(key);
        notices.push_back(n);
    }
    earlier["notices"] = notices;
    return catalogue_from_json(earlier);
}

// Every issue-11 field of the fixture, as the model holds it.
void check_disclosure_fields(const std::vector<Notice>& notices, const std::vector<Interpretation>& interpretations,
                             const std::vector<Response>& responses) {
    const Notice& urgent = notice_named(notices, "execution-heating");
    CHECK(urgent.category == DisclosureCategory::Execution);
    CHECK(urgent.urgent);
    CHECK(urgent.halls == std::vector<std::string>{"xuhui-centre", "徐汇区行政服务中心"});
    CHECK(urgent.groups == std::vector<std::string>{"kiosk", "board"});
    CHECK(urgent.valid_from == "2026-11-28");
    CHECK(urgent.valid_until == "2026-12-02T18:00");
    CHECK_FALSE(urgent.results);
    const Notice& result = notice_named(notices, "dibao-result-2026-12");
    CHECK(result.category == DisclosureCategory::Result);
    CHECK_FALSE(result.urgent);
    CHECK(result.halls.empty());
    REQUIRE(result.results);
    CHECK(result.results->columns == std::vector<std::string>{"姓名", "家庭人数", "保障金额（元/月）", "街道"});
    REQUIRE(result.results->rows.size() == 3);
    CHECK(result.results->rows[1] == std::vector<std::string>{"李*", "1", "1,580", "湖南路街道"});
    CHECK(result.results->public_days == 7);
    CHECK(result.item_id == "dibao-apply");
    CHECK(notice_named(notices, "free-information").category == DisclosureCategory::Unset);

    REQUIRE(interpretations.size() == 1);
    const Interpretation& i = interpretations[0];
    CHECK(i.id == "dibao-standard-2026");
    CHECK(i.title == "一图读懂：2026年起最低生活保障标准提高");
    CHECK(i.published == "2026-11-21");
    CHECK(i.what_changed.find("1,580元") != std::string::npos);
    CHECK(i.who_affected == "正在领取低保的家庭，和收入略高于原标准的困难家庭。");
    CHECK(i.what_to_do.find("不用重新申请") != std::string::npos);
    CHECK(i.items == std::vector<std::string>{"dibao-apply"});
    CHECK(i.notices == std::vector<std::string>{"dibao-result-2026-12"});
    REQUIRE(responses.size() == 1);
    const Response& r = responses[0];
    CHECK(r.id == "dibao-pension-question");
    CHECK(r.question == "父母有退休金，我还能申请低保吗？");
    CHECK(r.answer.starts_with("低保按家庭人均收入核算"));
    CHECK(r.asked_via == "12345市民服务热线");
    CHECK(r.answered == "2026-11-26");
    CHECK(r.items == std::vector<std::string>{"dibao-apply"});
    CHECK(r.notices == std::vector<std::string>{"dibao-result-2026-12"});
}

}  // namespace

TEST_CASE("a bundle carries every notice's category, urgency, targets and result list, and the interpretations and responses",
          "[bundle][disclosure]") {
    const Catalogue cat = disclosure_catalogue(kNow);
    auto back = decode_bundle(encode_bundle(cat));
    REQUIRE(back);
    check_disclosure_fields(back->notices, back->interpretations, back->responses);
    // The one serialiser: what decodes re-encodes to the same text (a delta's base).
    CHECK(bundle_json(*back) == bundle_json(cat));
    const json j = catalogue_to_json(cat);
    CHECK(j["notices"].back()["category"] == "management");
    CHECK(j["interpretations"][0]["items"] == json::array({"dibao-apply"}));
}

TEST_CASE("an earlier release's bundle decodes with no interpretations, and notices without the new keys keep its bytes", "[bundle][disclosure]") {
    auto demo = earlier_release_demo();
    REQUIRE(demo);
    CHECK(demo->interpretations.empty());
    CHECK(demo->responses.empty());
    for (auto& n : demo->notices) {
        CHECK(n.category == DisclosureCategory::Unset);
        CHECK_FALSE(n.urgent);
        CHECK_FALSE(n.results);
    }
    const json j = catalogue_to_json(*demo);
    CHECK_FALSE(j.contains("interpretations"));
    CHECK_FALSE(j.contains("responses"));
    for (auto& n : j["notices"]) {
        CHECK_FALSE(n.contains("category"));
        CHECK_FALSE(n.contains("urgent"));
        CHECK_FALSE(n.contains("halls"));
        CHECK_FALSE(n.contains("results"));
    }
}

TEST_CASE("a delta carries issue 11's content onto a device whose base is rebuilt from its cache", "[bundle][cache][disclosure]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    Catalogue old_cat = disclosure_catalogue(kNow);
    REQUIRE_FALSE((*cache)->install(old_cat, "sync"));
    // gongkai-sync's base: the installed catalogue's JSON, rebuilt from the cache. It must be
    // byte-identical to the office's, or every delta fails and the whole bundle is fetched.
    auto installed = (*cache)->load_catalogue();
    REQUIRE(installed);
    const std::string base = bundle_json(*installed);
    REQUIRE(base == bundle_json(old_cat));

    Catalogue new_cat = old_cat;
    new_cat.version = 12;
    new_cat.interpretations[0].what_to_do = "新标准自动执行，不用跑腿。";
    new_cat.responses.push_back({"second-question", "低保金每月几号发？", "每月10日前发到社保卡。", "", "2026-11-30", {"dibao-apply"}, {}});
    new_cat.notices[0].category = DisclosureCategory::Service;
    const std::string delta = encode_delta(bundle_json(new_cat), bundle_json(old_cat));
    auto applied = decode_delta(delta, base);
    REQUIRE(applied);
    CHECK(bundle_json(*applied) == bundle_json(new_cat));
    CHECK(applied->interpretations[0].what_to_do == "新标准自动执行，不用跑腿。");
    REQUIRE(applied->responses.size() == 2);
    CHECK(applied->responses[1].answered == "2026-11-30");
    CHECK(applied->notices[0].category == DisclosureCategory::Service);
}

TEST_CASE("hostile issue-11 content in a bundle is BundleCorrupt naming what is wrong, never a crash", "[bundle][disclosure][hostile]") {
    const json good = catalogue_to_json(disclosure_catalogue(kNow));
    REQUIRE(catalogue_from_json(good));
    const size_t result_at = good["notices"].size() - 2;  // the result list (the ended notice is last)
    REQUIRE(good["notices"][result_at].contains("results"));
    const size_t urgent_at = result_at - 1;
    auto many = [](size_t n, const json& each) { return json(std::vector<json>(n, each)); };
    struct Case {
        const char* what;
        std::function<void(json&)> spoil;
        const char* detail;
    };
    const std::string long_id(65, 'a');
    const Case cases[] = {
        {"interpretations not an array", [](json& j) { j["interpretations"] = "x"; }, "\"interpretations\" is not an array"},
        {"10,001 interpretations", [&](json& j) { j["interpretations"] = many(kMaxInterpretations + 1, json::object()); },
         "\"interpretations\" has more than 10000 entries"},
        {"an interpretation that is not an object", [](json& j) { j["interpretations"][0] = 3; }, "interpretation is not an object"},
        {"an id with a slash", [](json& j) { j["interpretations"][0]["id"] = "a/b"; },
         "interpretation a/b: id holds a character other than ASCII letters, digits and '-'"},
        {"an id of 65 bytes", [&](json& j) { j["responses"][0]["id"] = long_id; }, "response: \"id\" is longer than 64 bytes"},
        {"no title", [](json& j) { j["interpretations"][0].erase("title"); }, "interpretation dibao-standard-2026: missing \"title\""},
        {"a published date that is no day", [](json& j) { j["interpretations"][0]["published"] = "2026-02-30"; },
         "interpretation dibao-standard-2026: \"published\" is not a YYYY-MM-DD day"},
        {"257 linked items", [](json& j) { j["interpretations"][0]["items"] = std::vector<std::string>(257, "dibao-apply"); },
         "interpretation dibao-standard-2026: \"items\" has more than 256 entries"},
        {"a linked id that is a number", [](json& j) { j["responses"][0]["notices"] = json::array({7}); },
         "response dibao-pension-question: \"notices\" holds a non-string"},
        {"a response without an answer", [](json& j) { j["responses"][0].erase("answer"); },
         "response dibao-pension-question: missing \"answer\""},
        {"two responses with one id", [](json& j) { j["responses"].push_back(j["responses"][0]); },
         "\"responses\" holds id dibao-pension-question twice"},
        {"an unknown category", [&](json& j) { j["notices"][urgent_at]["category"] = "决策公开"; },
         "notice execution-heating: \"category\" is not one of decision, execution, management, service, result"},
        {"urgent as a string", [&](json& j) { j["notices"][urgent_at]["urgent"] = "yes"; },
         "notice execution-heating: \"urgent\" is not true or false"},
        {"a hall name of 129 bytes", [&](json& j) { j["notices"][urgent_at]["halls"] = json::array({std::string(129, 'h')}); },
         "notice execution-heating: \"halls\" holds an entry that is empty or longer than 128 bytes"},
        {"257 groups", [&](json& j) { j["notices"][urgent_at]["groups"] = std::vector<std::string>(257, "g"); },
         "notice execution-heating: \"groups\" has more than 256 entries"},
        {"a validity that is no minute", [&](json& j) { j["notices"][urgent_at]["valid_until"] = "2026-12-02T24:00"; },
         "notice execution-heating: \"valid_until\" is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM"},
        {"a short results row", [&](json& j) { j["notices"][result_at]["results"]["rows"][0] = json::array({"张*明"}); },
         "notice dibao-result-2026-12: a results row is not an array of 4 cells"},
        {"20,001 results rows", [&](json& j) {
             j["notices"][result_at]["results"]["columns"] = json::array({"姓名"});
             j["notices"][result_at]["results"]["rows"] = many(kMaxResultRows + 1, json::array({"张*"}));
         }, "notice dibao-result-2026-12: results have more than 20000 rows"},
        {"33 results columns", [&](json& j) { j["notices"][result_at]["results"]["columns"] = std::vector<std::string>(33, "列"); },
         "notice dibao-result-2026-12: results \"columns\" has more than 32 entries"},
        {"a cell of 1,025 bytes", [&](json& j) { j["notices"][result_at]["results"]["rows"][0][0] = std::string(1025, 'x'); },
         "notice dibao-result-2026-12: a results cell is not a string of at most 1024 bytes"},
        {"a cell that is an object", [&](json& j) { j["notices"][result_at]["results"]["rows"][0][0] = json::object(); },
         "notice dibao-result-2026-12: a results cell is not a string of at most 1024 bytes"},
        {"a public period of -1 days", [&](json& j) { j["notices"][result_at]["results"]["public_days"] = -1; },
         "notice dibao-result-2026-12: results \"public_days\" is not a whole number of days from 0 to 366"},
        {"a public period of 2^64 - 1 days", [&](json& j) { j["notices"][result_at]["results"]["public_days"] = UINT64_MAX; },
         "notice dibao-result-2026-12: results \"public_days\" is not a whole number of days from 0 to 366"},
        {"results without columns", [&](json& j) { j["notices"][result_at]["results"]["columns"] = json::array(); },
         "notice dibao-result-2026-12: results have no columns"},
        {"results that are a list", [&](json& j) { j["notices"][result_at]["results"] = json::array(); },
         "notice dibao-result-2026-12: \"results\" is not an object"},
    };
    for (const Case& c : cases) {
        SECTION(c.what) {
            json j = good;
            c.spoil(j);
            auto decoded = catalogue_from_json(j);
            REQUIRE_FALSE(decoded);
            CHECK(decoded.error().code == CatalogueError::BundleCorrupt);
            CHECK(decoded.error().detail == c.detail);
            // And through the whole path a device takes: a zstd frame, the depth check, the parse.
            const std::string text = j.dump();
            std::string frame(ZSTD_compressBound(text.size()), '\0');
            frame.resize(ZSTD_compress(frame.data(), frame.size(), text.data(), text.size(), 1));
            auto bundled = decode_bundle(frame);
            REQUIRE_FALSE(bundled);
            CHECK(bundled.error().detail == c.detail);
        }
    }
}

TEST_CASE("an install reads back every issue-11 field through load_index and load_catalogue", "[cache][disclosure]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    CHECK((*cache)->schema_version() == kCacheSchemaVersion);
    const Catalogue cat = disclosure_catalogue(kNow);
    REQUIRE_FALSE((*cache)->install(cat, "sync"));
    auto index = (*cache)->load_index();
    REQUIRE(index);
    REQUIRE(index->notices.size() == cat.notices.size());
    check_disclosure_fields(index->notices, index->interpretations, index->responses);
    // The glyph atlas gets the new pages' characters: 湖 and 欧 are only in a result list's
    // cells (the demo has neither).
    CHECK(index->charset.find("湖") != std::string::npos);
    CHECK(index->charset.find("欧") != std::string::npos);
    auto whole = (*cache)->load_catalogue();
    REQUIRE(whole);
    CHECK(bundle_json(*whole) == bundle_json(cat));
    // A new install replaces them whole.
    Catalogue next = cat;
    next.interpretations.clear();
    next.responses.erase(next.responses.begin());
    REQUIRE_FALSE((*cache)->install(next, "sync"));
    index = (*cache)->load_index();
    CHECK(index->interpretations.empty());
    CHECK(index->responses.empty());
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2((*cache)->handle(), "SELECT count(*) FROM content_links", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == 0);
    sqlite3_finalize(st);
}

// A cache as schema 6 left it: the notices table without issue 11's columns, none of its tables.
static void set_back_to_schema_6(sqlite3* db) {
    REQUIRE(sqlite3_exec(db,
                         "DROP TABLE content_links; DROP TABLE interpretations; DROP TABLE responses; "
                         "ALTER TABLE notices DROP COLUMN category; ALTER TABLE notices DROP COLUMN urgent; "
                         "ALTER TABLE notices DROP COLUMN targets; ALTER TABLE notices DROP COLUMN results; PRAGMA user_version=6",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
}

TEST_CASE("a schema-6 cache migrates to 7: its notices keep what they had, and the next install fills the new parts", "[cache][migration][disclosure]") {
    TempDir dir;
    const std::string path = dir.file("v6.db");
    auto demo = earlier_release_demo();
    REQUIRE(demo);
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE(cache);
        REQUIRE_FALSE((*cache)->install(*demo, "sync"));
        REQUIRE_FALSE((*cache)->set_state("sync.last_success", "2026-11-25T00:00:00Z"));
        set_back_to_schema_6((*cache)->handle());
        CHECK((*cache)->schema_version() == 6);
    }
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    INFO((cache ? std::string() : cache.error().describe()));
    REQUIRE(cache);
    CHECK((*cache)->schema_version() == kCacheSchemaVersion);
    auto index = (*cache)->load_index();
    REQUIRE(index);
    REQUIRE(index->notices.size() == demo->notices.size());
    CHECK(index->notices[0].title == demo->notices[0].title);
    CHECK(index->notices[0].category == DisclosureCategory::Unset);
    CHECK(index->interpretations.empty());
    CHECK(*(*cache)->state("sync.last_success") == "2026-11-25T00:00:00Z");
    // The device's delta base is still the catalogue it had.
    CHECK(bundle_json(*(*cache)->load_catalogue()) == bundle_json(*demo));
    REQUIRE_FALSE((*cache)->install(disclosure_catalogue(kNow), "sync"));
    index = (*cache)->load_index();
    REQUIRE(index);
    check_disclosure_fields(index->notices, index->interpretations, index->responses);
}

TEST_CASE("a cache set back to 6 with schema 7's columns and tables still there migrates, and a dropped table is repaired",
          "[cache][migration][disclosure][hostile]") {
    TempDir dir;
    const std::string path = dir.file("back.db");
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE(cache);
        REQUIRE_FALSE((*cache)->install(disclosure_catalogue(kNow), "sync"));
        REQUIRE(sqlite3_exec((*cache)->handle(), "PRAGMA user_version=6", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        INFO((cache ? std::string() : cache.error().describe()));
        REQUIRE(cache);
        CHECK((*cache)->schema_version() == kCacheSchemaVersion);
        auto index = (*cache)->load_index();
        REQUIRE(index);
        check_disclosure_fields(index->notices, index->interpretations, index->responses);
        REQUIRE(sqlite3_exec((*cache)->handle(), "DROP TABLE content_links", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    LogCatcher log;
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(cache);
    auto index = (*cache)->load_index();
    REQUIRE(index);
    CHECK(log.said("recreated missing table(s) content_links"));
    // The links went with the table; the next install brings them back.
    CHECK(index->interpretations.at(0).items.empty());
}

TEST_CASE("a result list or targets in the cache larger than any bundle carries is CacheCorrupt, not a stall", "[cache][disclosure][hostile]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("big.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    REQUIRE_FALSE((*cache)->install(disclosure_catalogue(kNow), "sync"));
    sqlite3* db = (*cache)->handle();
    SECTION("20,001 rows") {
        json r = {{"columns", {"姓名"}}, {"rows", std::vector<json>(kMaxResultRows + 1, json::array({"张*"}))}, {"public_days", 7}};
        const std::string sql = "UPDATE notices SET results = '" + r.dump() + "' WHERE id = 'dibao-result-2026-12'";
        REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        auto index = (*cache)->load_index();
        REQUIRE_FALSE(index);
        CHECK(index.error().code == CatalogueError::CacheCorrupt);
        CHECK(index.error().detail == "notice dibao-result-2026-12: results have more than 20000 rows");
    }
    SECTION("a megabyte of targets") {
        REQUIRE(sqlite3_exec(db, "UPDATE notices SET targets = '{\"halls\": [\"' || printf('%.*c', 1000000, 'x') || '\"]}'", nullptr, nullptr,
                             nullptr) == SQLITE_OK);
        auto index = (*cache)->load_index();
        REQUIRE_FALSE(index);
        CHECK(index.error().detail == "notice free-information: targets larger than any bundle carries");
    }
    SECTION("an unknown category") {
        REQUIRE(sqlite3_exec(db, "UPDATE notices SET category = 'secret' WHERE id = 'decision-elderly-meals'", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        CHECK((*cache)->load_index().error().detail == "notice decision-elderly-meals: unknown category");
    }
}

TEST_CASE("a bundle whose result list has no window, a window longer than its public_days, or a notice id twice is BundleCorrupt", "[bundle][disclosure][hostile]") {
    const json good = catalogue_to_json(disclosure_catalogue(kNow));
    REQUIRE(catalogue_from_json(good));
    auto refused = [&](const std::function<void(json&)>& change, const std::string& why) {
        json j = good;
        change(j);
        auto r = catalogue_from_json(j);
        INFO(why);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == CatalogueError::BundleCorrupt);
        CHECK(r.error().detail.find(why) != std::string::npos);
    };
    auto result = [](json& j) -> json& {
        for (auto& n : j["notices"])
            if (n.contains("results")) return n;
        FAIL("no result list");
        return j;
    };
    refused([&](json& j) { result(j).erase("valid_until"); }, "needs valid_from and valid_until");
    refused([&](json& j) { result(j).erase("valid_from"); }, "needs valid_from and valid_until");
    refused([&](json& j) { result(j)["valid_until"] = "2099-12-31"; }, "longer than its public_days (7)");
    refused([&](json& j) { j["notices"].push_back(j["notices"][0]); }, "holds id free-information twice");
    refused([&](json& j) {
        json twin = j["notices"][0];
        twin["id"] = "FREE-information";
        j["notices"].push_back(twin);
    }, "twice");
}
