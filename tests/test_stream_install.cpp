// Issue 13: a bundle streamed into the cache as it is decompressed (bundle.h read_bundle,
// Cache::install_bundle). What it installs is what the whole-catalogue path installed; a
// bundle that turns bad part-way leaves the previous catalogue whole, with a named error.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "bundle.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "disclosure_fixture.h"
#include "support.h"
#include "synthetic.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// A synthetic catalogue whose guides show directory rows, as real guides do: some rows
// come before their guide and some after, one row is linked by two guides (it joins the
// first), and one guide names a guide, an unknown id and itself (none of them join).
Catalogue linked_catalogue(int items, std::int64_t version, unsigned salt) {
    Catalogue cat = synthetic_catalogue(items, version, salt);
    for (int g = 0; g + 7 < items; g += 5) {  // synthetic_catalogue: every fifth item is a guide
        auto& links = cat.items[g].links;
        if (g >= 3) links.push_back(cat.items[g - 3].id);
        links.push_back(cat.items[g + 2].id);
        links.push_back(cat.items[g + 7].id);  // also the next guide's row g + 2
    }
    cat.items[0].links.insert(cat.items[0].links.end(), {cat.items[5].id, "no-such-item", cat.items[0].id});
    return cat;
}

// zstd of any text: a delta against an empty base is a plain zstd frame (bundle.h).
std::string frame(const std::string& json_text) { return encode_delta(json_text, ""); }

void check_same_documents(const std::vector<SearchDocument>& got, const std::vector<SearchDocument>& want) {
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); i++) {
        INFO(want[i].id);
        CHECK(got[i].id == want[i].id);
        CHECK(got[i].domain_id == want[i].domain_id);
        CHECK(got[i].domain_order == want[i].domain_order);
        CHECK(got[i].order == want[i].order);
        CHECK(got[i].guide == want[i].guide);
        CHECK(got[i].title == want[i].title);
        CHECK(got[i].terms == want[i].terms);
        CHECK(got[i].summary == want[i].summary);
        CHECK(got[i].body == want[i].body);
        CHECK(got[i].aliases == want[i].aliases);
        CHECK(got[i].answers == want[i].answers);
    }
}

// Everything a reader of the cache sees of `cat`: the catalogue read back, its search
// documents as search_documents() makes them in memory, and the glyphs it needs.
void check_installed(Cache& cache, const Catalogue& cat) {
    auto back = cache.load_catalogue();
    REQUIRE(back);
    CHECK(bundle_json(*back) == bundle_json(cat));
    auto docs = cache.load_search_documents();
    REQUIRE(docs);
    check_same_documents(*docs, search_documents(cat));
    auto index = cache.load_index();
    REQUIRE(index);
    CHECK(index->charset == catalogue_charset(cat));
    CHECK(index->info.items == static_cast<std::int64_t>(cat.items.size()));
}

}  // namespace

TEST_CASE("a streamed bundle installs exactly the catalogue it holds: rows, search documents, charset", "[bundle][stream]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    SECTION("5,000 synthetic items, guides linking rows before and after them") {
        Catalogue cat = linked_catalogue(5000, 7, 1);
        REQUIRE_FALSE((*cache)->install_bundle(encode_bundle(cat, 1), {}));
        check_installed(**cache, cat);
        CHECK((*cache)->info()->source == "sync");
    }
    SECTION("the demo catalogue (English, notices, thesaurus)") {
        auto demo = decode_bundle(demo_bundle());
        REQUIRE(demo);
        REQUIRE_FALSE((*cache)->install_bundle(demo_bundle(), {.source = "demo"}));
        check_installed(**cache, *demo);
    }
    SECTION("issue 11's content: interpretations, responses, result lists") {
        Catalogue cat = disclosure_catalogue(std::time(nullptr));
        REQUIRE_FALSE((*cache)->install_bundle(encode_bundle(cat, 1), {}));
        check_installed(**cache, cat);
    }
}

TEST_CASE("a catalogue installed whole and the same catalogue streamed leave the same cache", "[bundle][stream]") {
    TempDir dir;
    Catalogue cat = linked_catalogue(2000, 9, 2);
    auto whole = Cache::open(dir.file("whole.db"), CacheMode::ReadWrite);
    auto streamed = Cache::open(dir.file("streamed.db"), CacheMode::ReadWrite);
    REQUIRE(whole);
    REQUIRE(streamed);
    REQUIRE_FALSE((*whole)->install(cat, "sync"));
    REQUIRE_FALSE((*streamed)->install_bundle(encode_bundle(cat, 1), {}));
    // Every catalogue table, row by row (installed_at aside).
    for (const char* table : {"domains", "items", "notices", "english", "thesaurus", "search_docs", "search_extras", "interpretations",
                              "responses", "content_links"}) {
        auto dump = [&](Cache& c) {
            std::string out;
            sqlite3_stmt* st = nullptr;
            REQUIRE(sqlite3_prepare_v2(c.handle(), (std::string("SELECT * FROM ") + table + " ORDER BY 1, 2").c_str(), -1, &st,
                                       nullptr) == SQLITE_OK);
            while (sqlite3_step(st) == SQLITE_ROW)
                for (int col = 0; col < sqlite3_column_count(st); col++) {
                    const unsigned char* text = sqlite3_column_text(st, col);
                    out += (text ? reinterpret_cast<const char*>(text) : "NULL");
                    out += col + 1 < sqlite3_column_count(st) ? "|" : "\n";
                }
            sqlite3_finalize(st);
            return out;
        };
        INFO(table);
        CHECK(dump(**streamed) == dump(**whole));
    }
    CHECK((*streamed)->load_index()->charset == (*whole)->load_index()->charset);
}

TEST_CASE("a bundle that turns bad part-way is refused by name and the previous catalogue stays whole", "[bundle][stream][fault]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    const Catalogue old = linked_catalogue(3000, 1, 3);
    REQUIRE_FALSE((*cache)->install(old, "sync"));
    Catalogue next = linked_catalogue(3000, 2, 4);
    const std::string bad_id = next.items[2001].id;  // a directory row

    std::string bundle;
    BundleInstall how;
    ErrorCode code = CatalogueError::BundleCorrupt;
    std::string detail;
    SECTION("an invalid item two thirds in") {
        next.items[2001].standard.reset();
        bundle = encode_bundle(next, 1);
        detail = "item " + bad_id + ": a directory item without \"standard\"";
    }
    SECTION("a string longer than any text: stopped before the parser holds it") {
        std::string text = bundle_json(next);
        const std::string huge(7u << 20, 'x');  // 7 MiB, over 6 × kMaxTextBytes
        text.insert(text.find("\"domains\""), "\"zz\": \"" + huge + "\", ");
        bundle = frame(text);
        REQUIRE(bundle.size() < encode_bundle(next, 1).size() + 10000);  // 7 MiB of text, a few KB of bundle
        detail = "a string or number longer than 6291456 bytes";
    }
    SECTION("an item with more colloquial terms than any service has") {
        next.items[2001].terms.assign(kMaxItemTerms + 1, "低保");
        bundle = encode_bundle(next, 1);
        detail = "item " + bad_id + ": \"terms\" has more than 64 entries or one longer than 128 bytes";
    }
    SECTION("an item in a domain the bundle does not name") {
        next.items[2001].domain_id = "nowhere";
        bundle = encode_bundle(next, 1);
        detail = "item " + bad_id + " names unknown domain nowhere";
    }
    SECTION("the same item id twice: the cache's own constraint") {
        next.items[2500].id = bad_id;
        bundle = encode_bundle(next, 1);
        code = CatalogueError::CacheWriteFailed;
        detail = "insert item " + bad_id + ": UNIQUE constraint failed: items.id (rc=19)";
    }
    SECTION("the JSON text ends in the middle of the items") {
        const std::string text = bundle_json(next);
        bundle = frame(text.substr(0, text.size() / 2));
        detail = "not valid JSON";
    }
    SECTION("the zstd frame is cut short") {
        bundle = encode_bundle(next, 1);
        bundle.resize(bundle.size() * 2 / 3);
        detail = "truncated zstd frame";
    }
    SECTION("more decompressed text than the bound, reached half-way") {
        bundle = encode_bundle(next, 1);
        how.max_json_bytes = bundle_json(next).size() / 2;
        detail = "decompressed bundle exceeds " + std::to_string(how.max_json_bytes) + " bytes";
    }
    SECTION("an item nested deeper than the JSON depth bound") {
        std::string text = bundle_json(next);
        const std::string at = "{\"domain\":";  // item_to_json's first key
        size_t item = 0;
        for (int i = 0; i <= 2001; i++) item = text.find(at, item + 1);
        const std::string deep = "\"deep\":" + std::string(100, '[') + std::string(100, ']') + ",";
        text.insert(item + 1, deep);
        bundle = frame(text);
        // The 64 levels: the bundle, "items", the item, then 61 of the "[".
        detail = "nested deeper than 64 levels at byte " + std::to_string(item + 1 + 7 + 61);
    }
    SECTION("a bad entry after the items (responses come last but one)") {
        next.responses.push_back({"r 1", "问？", "答。"});
        bundle = encode_bundle(next, 1);
        detail = "response r 1: id holds a character other than ASCII letters, digits and '-'";
    }
    SECTION("a bundle of another version than the manifest announces") {
        bundle = encode_bundle(next, 1);
        how.version = 3;
        code = CatalogueError::BundleMismatch;
        detail = "bundle version 2 ≠ manifest version 3";
    }
    Error e = (*cache)->install_bundle(bundle, how);
    INFO(e.describe());
    CHECK(e.code == code);
    CHECK(e.detail == detail);
    auto info = (*cache)->info();
    REQUIRE(info);
    CHECK(info->version == 1);
    CHECK(info->items == 3000);
    CHECK_FALSE((*cache)->check_integrity());
    check_installed(**cache, old);
}

TEST_CASE("a guide linking many rows with many terms installs, and its search text reads back", "[bundle][stream][search]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    Catalogue cat = synthetic_catalogue(1400, 1, 7);
    Item& guide = cat.items[0];  // synthetic_catalogue: every fifth item is a guide
    REQUIRE(guide.kind == ItemKind::Guide);
    // 200 rows of 64 distinct terms each: 12,800 names, more than a search document keeps.
    for (size_t i = 1, linked = 0; i < cat.items.size() && linked < 200; i++) {
        Item& row = cat.items[i];
        if (row.kind != ItemKind::Directory) continue;
        row.terms.clear();
        for (size_t t = 0; t < kMaxItemTerms; t++) row.terms.push_back("叫法" + std::to_string(i) + "-" + std::to_string(t));
        guide.links.push_back(row.id);
        linked++;
    }
    REQUIRE_FALSE((*cache)->install_bundle(encode_bundle(cat, 1), {}));
    auto docs = (*cache)->load_search_documents();
    REQUIRE(docs);
    auto found = std::find_if(docs->begin(), docs->end(), [&](const SearchDocument& d) { return d.id == guide.id; });
    REQUIRE(found != docs->end());
    CHECK(found->terms.size() == kMaxSearchNames);
    CHECK((*cache)->load_item_names());
}

TEST_CASE("a streamed bundle lists format, format_version and domains before its items, each key once", "[bundle][stream]") {
    Catalogue cat = linked_catalogue(20, 1, 5);
    nlohmann::json j = catalogue_to_json(cat);
    const std::string items = j["items"].dump(), domains = j["domains"].dump();
    j.erase("items");
    std::string text = j.dump();
    SECTION("keys sorted, as bundle_json writes them: read") {
        REQUIRE(decode_bundle(frame(bundle_json(cat))));
    }
    SECTION("items first") {
        text.insert(1, "\"items\":" + items + ",");
        CHECK(decode_bundle(frame(text)).error().detail == "\"items\" come before \"format\" (a bundle is read as it streams)");
    }
    SECTION("a key twice") {
        text.insert(text.size() - 1, ",\"items\":" + items + ",\"domains\":" + domains);
        CHECK(decode_bundle(frame(text)).error().detail == "\"domains\" appears twice");
    }
    SECTION("no items at all") {
        CHECK(decode_bundle(frame(text)).error().detail == "\"items\" is not an array");
    }
}

TEST_CASE("bundle_json written an item at a time is the text of the whole JSON tree", "[bundle][stream]") {
    auto demo = decode_bundle(demo_bundle());
    REQUIRE(demo);
    for (const Catalogue& cat : {*demo, linked_catalogue(300, 4, 6), disclosure_catalogue(std::time(nullptr)), Catalogue{}})
        CHECK(bundle_json(cat) == catalogue_to_json(cat).dump());
}

TEST_CASE("a delta streams into the cache against the installed catalogue's text, and a wrong base changes nothing", "[bundle][stream][delta]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    REQUIRE(cache);
    const Catalogue v1 = linked_catalogue(3000, 1, 7);
    REQUIRE_FALSE((*cache)->install_bundle(encode_bundle(v1, 1), {}));
    auto base = (*cache)->installed_bundle_json();
    REQUIRE(base);
    REQUIRE(*base == bundle_json(v1));

    Catalogue v2 = v1;
    v2.version = 2;
    v2.items[1500].summary += "（已更新）";
    v2.items.erase(v2.items.begin() + 10);
    const std::string delta = encode_delta(bundle_json(v2), *base);
    CHECK(delta.size() < 4096);  // about the changed item's bytes

    SECTION("the right base: v2 installed") {
        REQUIRE_FALSE((*cache)->install_bundle(delta, {.version = 2, .delta_base = &*base}));
        check_installed(**cache, v2);
    }
    SECTION("another base: BundleCorrupt, v1 intact") {
        const std::string wrong = bundle_json(linked_catalogue(3000, 1, 8));
        Error e = (*cache)->install_bundle(delta, {.version = 2, .delta_base = &wrong});
        CHECK(e.code == CatalogueError::BundleCorrupt);
        check_installed(**cache, v1);
    }
}
