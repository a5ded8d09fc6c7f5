// gongkai-bench-search [N] [QUERIES] — search latency per keystroke on a realistic
// synthetic catalogue of N items (default 50,000): titles, terms, summaries and bodies
// recombined from the demo catalogue's real text, each title made unique by a street or
// community name. Replays QUERIES (default 3,000) queries keystroke by keystroke, as typed
// on the kiosk: pinyin, initials, Chinese words and whole questions, and one in five a
// spoken sentence from tests/data/search_queries_spoken.tsv (typed a character at a time,
// as with handwriting or the pinyin candidates). The word dictionary and the demo's
// thesaurus are on, as on the kiosk.
// Last line: search items=N p50_ms=… p99_ms=… max_ms=… build_s=… bytes_per_item=…
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include <fstream>
#include <sstream>

#include "bundle.h"
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

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 50000;
    const int query_count = argc > 2 ? std::atoi(argv[2]) : 3000;
    auto demo = decode_bundle(demo_bundle());
    if (!demo) { std::fprintf(stderr, "%s\n", demo.error().describe().c_str()); return 1; }
    std::mt19937 rng(20261125);
    const char* places[] = {"天平路", "湖南路", "斜土路", "枫林路", "长桥", "田林", "虹梅路", "康健新村", "徐家汇", "凌云路",
                            "龙华", "漕河泾", "华泾", "长桥新村", "田林十二村", "宛平南路", "漕溪北路", "龙吴路"};
    Catalogue cat;
    cat.name = "合成目录";
    cat.version = 1;
    cat.domains = demo->domains;
    cat.thesaurus = demo->thesaurus;
    std::uniform_int_distribution<size_t> pick_item(0, demo->items.size() - 1), pick_place(0, std::size(places) - 1);
    for (int i = 0; i < n; i++) {
        Item item = demo->items[pick_item(rng)];
        item.id = item.domain_id + ".s" + std::to_string(i);
        item.title += std::string("（") + places[pick_place(rng)] + std::to_string(i % 97) + "）";
        item.links.clear();
        cat.items.push_back(std::move(item));
    }

    auto t0 = Clock::now();
    std::vector<SearchDocument> docs = search_documents(cat);  // at install time
    double extract_s = std::chrono::duration<double>(Clock::now() - t0).count();
    t0 = Clock::now();
    auto dictionary = Segmenter::shared_dictionary();  // once per process, before any index
    double dictionary_s = std::chrono::duration<double>(Clock::now() - t0).count();
    t0 = Clock::now();
    SearchIndex index;
    index.build(docs, SearchLanguage{dictionary, cat.thesaurus});  // at kiosk load
    double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
    size_t stored = 0;
    for (auto& d : docs) {
        stored += d.id.size() + d.title.size() + d.summary.size() + d.body.size();
        for (auto& t : d.terms) stored += t.size();
    }

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
        }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(slowest.rbegin(), slowest.rend());
    if (std::getenv("GONGKAI_BENCH_SLOWEST"))
        for (size_t i = 0; i < std::min<size_t>(slowest.size(), 25); i++)
            std::printf("slow: %.2f ms \"%s\"\n", slowest[i].first, slowest[i].second.c_str());
    auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
    std::printf("catalogue: %d items, %zu queries, %zu keystrokes (%zu with no result)\n", n, queries.size(), keystrokes, empty);
    std::printf("index: text extraction (at install) %.2f s, postings (at kiosk load) %.2f s, stored text %.1f MiB, in memory %.1f MiB\n",
                extract_s, build_s, stored / 1048576.0, index.memory_bytes() / 1048576.0);
    std::printf("word dictionary: loaded in %.2f s, %.1f MiB (shared by every index in the process)\n", dictionary_s,
                dictionary ? dictionary->memory_bytes() / 1048576.0 : 0.0);
    std::printf("index memory per item: %.0f bytes\n", static_cast<double>(index.memory_bytes()) / n);
    std::printf("latency per keystroke: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n", pct(0.5), pct(0.9), pct(0.99), ms.back());
    std::printf("search items=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f build_s=%.2f bytes_per_item=%.0f\n", n, pct(0.5), pct(0.99), ms.back(),
                extract_s + build_s, static_cast<double>(index.memory_bytes()) / n);
    return 0;
}
