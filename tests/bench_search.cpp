// gongkai-bench-search [N] [QUERIES] — search latency per keystroke on a realistic
// synthetic catalogue of N items (default 50,000): titles, terms, summaries and bodies
// recombined from the demo catalogue's real text, each title made unique by a street or
// community name. Replays QUERIES (default 3,000) queries keystroke by keystroke, as typed
// on the kiosk: pinyin, initials, Chinese words and whole questions, and one in five a
// spoken sentence from tests/data/search_queries_spoken.tsv (typed a character at a time,
// as with handwriting or the pinyin candidates). The word dictionary and the demo's
// thesaurus are on, as on the kiosk.
//
// The index's memory is measured twice: the heap it holds by glibc's own count
// (mallinfo2, before and after build) and by SearchIndex::memory() per structure.
//   GONGKAI_BENCH_CACHE=cache.db  index that cache's search documents and thesaurus
//                                 instead of the synthetic catalogue (N is then its size)
//   GONGKAI_BENCH_HITS=FILE       write every keystroke's hits (to compare two builds)
//   GONGKAI_BENCH_ONLY=QUERY      that query alone, 200 times (to profile one case)
//   GONGKAI_BENCH_SLOWEST=1       list the 25 slowest keystrokes
// Last line: search items=N p50_ms=… p99_ms=… max_ms=… build_s=… bytes_per_item=… heap_bytes_per_item=…
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fstream>
#include <sstream>

#include <malloc.h>  // mallinfo2

#include "bundle.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "search_index.h"
#include "segmenter.h"
#include "unihan.h"
#include "utf8.h"

using namespace gongkai;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> utf8_chars(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        size_t start = i;
        utf8::next(s, i);
        out.push_back(s.substr(start, i - start));
    }
    return out;
}

// Full pinyin and initials of a Chinese word, first reading of each character.
std::pair<std::string, std::string> pinyin_of(const std::string& word) {
    std::string full, initials;
    for (auto& ch : utf8_chars(word)) {
        auto r = unihan::readings(utf8::decode(ch)[0]);
        if (r.empty()) continue;
        full += unihan::kSyllables[r[0]];
        initials += unihan::kSyllables[r[0]][0];
    }
    return {full, initials};
}

// Bytes the process holds on the heap now: small blocks plus blocks malloc mmapped.
size_t heap_in_use() {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

std::string mib(size_t bytes) {
    char s[32];
    std::snprintf(s, sizeof s, "%.1f MiB", bytes / 1048576.0);
    return s;
}

// The synthetic catalogue: N items drawn from the demo's, each title made unique.
Catalogue synthetic_catalogue(const Catalogue& demo, int n, std::mt19937& rng) {
    const char* places[] = {"天平路", "湖南路", "斜土路", "枫林路", "长桥", "田林", "虹梅路", "康健新村", "徐家汇", "凌云路",
                            "龙华", "漕河泾", "华泾", "长桥新村", "田林十二村", "宛平南路", "漕溪北路", "龙吴路"};
    Catalogue cat;
    cat.name = "合成目录";
    cat.version = 1;
    cat.domains = demo.domains;
    cat.thesaurus = demo.thesaurus;
    std::uniform_int_distribution<size_t> pick_item(0, demo.items.size() - 1), pick_place(0, std::size(places) - 1);
    for (int i = 0; i < n; i++) {
        Item item = demo.items[pick_item(rng)];
        item.id = item.domain_id + ".s" + std::to_string(i);
        item.title += std::string("（") + places[pick_place(rng)] + std::to_string(i % 97) + "）";
        item.links.clear();
        cat.items.push_back(std::move(item));
    }
    return cat;
}

}  // namespace

int main(int argc, char** argv) {
    const int query_count = argc > 2 ? std::atoi(argv[2]) : 3000;
    auto demo = decode_bundle(demo_bundle());
    if (!demo) { std::fprintf(stderr, "%s\n", demo.error().describe().c_str()); return 1; }
    std::mt19937 rng(20261125);
    std::vector<SearchDocument> docs;
    std::vector<ThesaurusEntry> thesaurus;
    double extract_s = 0;
    int n = argc > 1 ? std::atoi(argv[1]) : 50000;
    if (const char* path = std::getenv("GONGKAI_BENCH_CACHE")) {
        auto cache = Cache::open(path, CacheMode::ReadOnly);
        if (!cache) { std::fprintf(stderr, "%s\n", cache.error().describe().c_str()); return 1; }
        auto loaded = (*cache)->load_search_documents();
        auto loaded_thesaurus = (*cache)->load_thesaurus();
        if (!loaded || !loaded_thesaurus) {
            std::fprintf(stderr, "%s\n", (!loaded ? loaded.error() : loaded_thesaurus.error()).describe().c_str());
            return 1;
        }
        docs = std::move(*loaded);
        thesaurus = std::move(*loaded_thesaurus);
        n = static_cast<int>(docs.size());
    } else {
        Catalogue cat = synthetic_catalogue(*demo, n, rng);
        auto t0 = Clock::now();
        docs = search_documents(cat);  // at install time
        extract_s = std::chrono::duration<double>(Clock::now() - t0).count();
        thesaurus = cat.thesaurus;
    }
    auto t0 = Clock::now();
    auto dictionary = Segmenter::shared_dictionary();  // once per process, before any index
    double dictionary_s = std::chrono::duration<double>(Clock::now() - t0).count();
    {
        // The process's own tables (readings, simplification) are built on first use:
        // not the measured index's.
        SearchIndex warm_up;
        warm_up.build(search_documents(*demo));
    }
    // The index takes its own copy of the documents, as the kiosk's index takes the ones it
    // read from the cache: the heap it holds after build is everything it keeps.
    const size_t heap_before = heap_in_use();
    t0 = Clock::now();
    SearchIndex index;
    index.build(docs, SearchLanguage{dictionary, thesaurus});  // at kiosk load
    double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const size_t heap_index = heap_in_use() - heap_before;
    const SearchIndexMemory memory = index.memory();
    size_t stored = 0;
    for (auto& d : docs) {
        stored += d.id.size() + d.title.size() + d.summary.size() + d.body.size();
        for (auto& t : d.terms) stored += t.size();
    }
    docs.clear();
    docs.shrink_to_fit();

    // Queries: words from real titles and terms (as Chinese, full pinyin, initials),
    // with and without question words, and traditional / same-sound variants.
    std::vector<std::string> words;
    for (auto& item : demo->items) {
        auto chars = utf8_chars(item.title);
        for (size_t len : {2, 3, 4})
            if (chars.size() >= len) {
                std::uniform_int_distribution<size_t> start(0, chars.size() - len);
                size_t s = start(rng);
                std::string w;
                for (size_t k = 0; k < len; k++) w += chars[s + k];
                words.push_back(w);
            }
        for (auto& t : item.terms) words.push_back(t);
    }
    std::vector<std::string> sentences;
    {
        std::ifstream in(std::string(GONGKAI_TESTS_DIR) + "/data/search_queries_spoken.tsv");
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            std::istringstream fields(line);
            std::string kind, query;
            std::getline(fields, kind, '\t');
            std::getline(fields, query, '\t');
            if (kind == "sentence" || kind == "frame" || kind == "numbers") sentences.push_back(query);
        }
    }
    const char* suffixes[] = {"", "", "", "怎么办", "在哪里办", "怎么申请", "要带什么"};
    std::vector<std::string> queries;
    std::uniform_int_distribution<size_t> pick_word(0, words.size() - 1), pick_suffix(0, std::size(suffixes) - 1);
    std::uniform_int_distribution<int> pick_kind(0, 4);
    std::uniform_int_distribution<size_t> pick_sentence(0, sentences.empty() ? 0 : sentences.size() - 1);
    for (int q = 0; q < query_count; q++) {
        const std::string& w = words[pick_word(rng)];
        auto [full, initials] = pinyin_of(w);
        switch (pick_kind(rng)) {
        case 0: queries.push_back(full); break;
        case 1: queries.push_back(initials); break;
        case 2:
            if (!sentences.empty()) { queries.push_back(sentences[pick_sentence(rng)]); break; }
            [[fallthrough]];
        default: queries.push_back(w + suffixes[pick_suffix(rng)]); break;
        }
    }

    // GONGKAI_BENCH_ONLY=QUERY: that query alone, 200 times (to profile one case).
    if (const char* only = std::getenv("GONGKAI_BENCH_ONLY")) queries.assign(200, only);
    // Keystroke by keystroke: every prefix (by character) is one search, as on the kiosk.
    std::vector<double> ms;
    std::vector<std::pair<double, std::string>> slowest;
    size_t keystrokes = 0, empty = 0;
    std::ofstream hits_out;
    if (const char* path = std::getenv("GONGKAI_BENCH_HITS")) hits_out.open(path);
    for (auto& q : queries) {
        auto chars = utf8_chars(q);
        std::string prefix;
        for (auto& c : chars) {
            prefix += c;
            auto s = Clock::now();
            auto hits = index.search(prefix, 30);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
            slowest.emplace_back(ms.back(), prefix);
            keystrokes++;
            empty += hits.empty();
            if (!hits_out.is_open()) continue;
            hits_out << prefix;
            for (auto& h : hits)
                hits_out << '\t' << index.doc(h.doc).id << ' ' << h.score << ' ' << to_string(h.field) << ' ' << to_string(h.kind) << ' '
                         << h.highlight_begin << ' ' << h.highlight_end << ' ' << h.term << ' ' << h.answer << ' ' << h.relaxed;
            hits_out << '\n';
        }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(slowest.rbegin(), slowest.rend());
    if (std::getenv("GONGKAI_BENCH_SLOWEST"))
        for (size_t i = 0; i < std::min<size_t>(slowest.size(), 25); i++)
            std::printf("slow: %.2f ms \"%s\"\n", slowest[i].first, slowest[i].second.c_str());
    auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
    std::printf("catalogue: %d items, %zu queries, %zu keystrokes (%zu with no result)\n", n, queries.size(), keystrokes, empty);
    std::printf("index: text extraction (at install) %.2f s, postings (at kiosk load) %.2f s, stored text %s\n", extract_s, build_s,
                mib(stored).c_str());
    std::printf("word dictionary: loaded in %.2f s, %s (shared by every index in the process)\n", dictionary_s,
                mib(dictionary ? dictionary->memory_bytes() : 0).c_str());
    const auto per_item = [n](size_t bytes) { return static_cast<double>(bytes) / n; };
    std::printf("index memory: %s, %.0f bytes per item (memory_bytes); heap held after build %s, %.0f bytes per item (mallinfo2)\n",
                mib(memory.total()).c_str(), per_item(memory.total()), mib(heap_index).c_str(), per_item(heap_index));
    const std::pair<const char*, size_t> parts[] = {
        {"documents (ids, texts, answers)", memory.documents},
        {"titles and terms as characters", memory.names},
        {"postings: title characters", memory.char_postings[0]},
        {"postings: term characters", memory.char_postings[1]},
        {"postings: summary characters", memory.char_postings[2]},
        {"postings: body characters", memory.char_postings[3]},
        {"postings: initials, letter pairs, syllables", memory.sound_postings},
        {"terms and names spelt whole", memory.spellings},
        {"shared names (aliases, thesaurus words)", memory.shared_names},
        {"catalogue words, thesaurus expansions", memory.language},
    };
    for (auto& [what, bytes] : parts) std::printf("  %-45s %9s %6.0f bytes per item\n", what, mib(bytes).c_str(), per_item(bytes));
    std::printf("latency per keystroke: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n", pct(0.5), pct(0.9), pct(0.99), ms.back());
    std::printf("search items=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f build_s=%.2f bytes_per_item=%.0f heap_bytes_per_item=%.0f\n", n,
                pct(0.5), pct(0.99), ms.back(), extract_s + build_s, per_item(memory.total()), per_item(heap_index));
    return 0;
}
