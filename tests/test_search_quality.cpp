// Search quality, measured: recall@5 of a resident-written query set
// (tests/data/search_queries.tsv) on the demo catalogue, per kind; fails below 0.9 overall.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "bundle.h"
#include "demo_catalogue.h"
#include "search_index.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("search recall@5 over resident queries is at least 0.9, reported per kind", "[search][quality]") {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    SearchIndex index;
    index.build(search_documents(*cat));
    std::istringstream in(slurp(std::filesystem::path(GONGKAI_TESTS_DIR) / "data/search_queries.tsv"));
    std::string line;
    std::map<std::string, std::pair<int, int>> per_kind;  // kind → found, total
    std::vector<std::string> failures;
    int found = 0, total = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string kind, query, expected;
        std::getline(fields, kind, '\t');
        std::getline(fields, query, '\t');
        std::getline(fields, expected, '\t');
        bool hit = false;
        for (auto& h : index.search(query, 5))
            hit |= cat->find_item(index.doc(h.doc).id)->title == expected;
        per_kind[kind].first += hit;
        per_kind[kind].second++;
        found += hit;
        total++;
        if (!hit) failures.push_back(kind + " \"" + query + "\" → " + expected);
    }
    REQUIRE(total >= 80);
    for (auto& [kind, c] : per_kind)
        std::printf("recall@5 %-12s %2d/%2d = %.2f\n", kind.c_str(), c.first, c.second, double(c.first) / c.second);
    std::printf("recall@5 overall      %2d/%2d = %.2f\n", found, total, double(found) / total);
    for (auto& f : failures) std::printf("  not in top 5: %s\n", f.c_str());
    CHECK(double(found) / total >= 0.9);
}

TEST_CASE("search ranks title above curated term above summary, exact above substring above sound-alike", "[search]") {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    SearchIndex index;
    index.build(search_documents(*cat));
    auto top = [&](const std::string& q) { return cat->find_item(index.doc(index.search(q, 1).at(0).doc).id)->title; };
    CHECK(top("失业登记") == "失业登记");          // exact title first
    CHECK(top("户口迁移") == "户口迁移");
    auto hits = index.search("底保", 5);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].kind == MatchKind::SoundAlike);   // only a same-sound match exists
    auto exact = index.search("低保", 5);
    CHECK(exact[0].kind != MatchKind::SoundAlike);
    // Highlight: the matched characters of the title.
    auto h = index.search("身份证", 1).at(0);
    std::u32string title = U"居民身份证换领补领";
    CHECK(h.highlight_begin == 2);
    CHECK(h.highlight_end == 5);
    // Domain filter.
    for (auto& r : index.search("申请", 30, "health")) CHECK(index.doc(r.doc).domain_id == "health");
}
