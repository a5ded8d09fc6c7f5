// gongkai-bench-pinyin: what the pinyin candidate engine costs the kiosk. Prints the load time
// and resident-memory growth of PinyinIme::load (libime's dictionary and language model plus
// the demo catalogue's words), then the latency of one candidate bar per keystroke, each input
// typed letter by letter as a resident types it (d, di, dib, …), p50/p99/max over all of them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "bundle.h"
#include "demo_catalogue.h"
#include "input/pinyin_ime.h"

using namespace gongkai;
using Clock = std::chrono::steady_clock;

namespace {

// VmRSS from /proc/self/status, in KiB.
long resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Inputs residents type for the catalogue's services (tests/test_pinyin_ime.cpp has the same
// kind), long and short, full pinyin and initials.
const char* const kInputs[] = {
    "dibao", "dbsq", "dibaoshenqing", "shebaoka", "sbk", "sfz", "shenfenzheng", "juzhuzheng", "jzz",
    "shiyedengji", "sydj", "yanglaojin", "gongjijin", "yibaoka", "lvhua", "falvyuanzhu", "hukouqianyi",
    "linshijiuzhu", "jiatingyisheng", "yufangjiezhong", "gaolingjintie", "chuangyedanbaodaikuan",
    "chengxiangjuminyanglaobaoxiancanbaodengji", "zuidishenghuobaozhangshenqing",
};

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    const bool with_catalogue = !(argc > 1 && std::string(argv[1]) == "--without-catalogue");
    auto catalogue = decode_bundle(demo_bundle());
    if (!catalogue) {
        std::fprintf(stderr, "gongkai-bench-pinyin: %s\n", catalogue.error().describe().c_str());
        return 1;
    }
    std::vector<std::string> words = with_catalogue ? catalogue_words(item_names(*catalogue)) : std::vector<std::string>{};
    long rss_before = resident_kib();
    Clock::time_point start = Clock::now();
    auto engine = PinyinIme::load(pinyin_ime_files_from_environment(), words);
    double load_ms = ms_since(start);
    long rss_after = resident_kib();
    if (!engine) {
        std::fprintf(stderr, "gongkai-bench-pinyin: %s\n", engine.error().describe().c_str());
        return 1;
    }
    std::printf("load: %.1f ms, RSS +%.1f MiB (%zu catalogue words added)\n", load_ms, (rss_after - rss_before) / 1024.0,
                (*engine)->extra_words_added());

    // The bar the kiosk shows is 10 wide at most (kiosk's --limit default); 10 is measured.
    constexpr size_t kBar = 10;
    std::vector<double> keystroke_ms;
    double slowest = 0;
    std::string slowest_input;
    for (const char* input : kInputs) {
        std::string typed;
        for (const char* c = input; *c; ++c) {
            typed += *c;
            Clock::time_point t = Clock::now();
            auto bar = (*engine)->candidates(typed, kBar);
            double ms = ms_since(t);
            if (!bar) {
                std::fprintf(stderr, "gongkai-bench-pinyin: %s: %s\n", typed.c_str(), bar.error().describe().c_str());
                return 1;
            }
            keystroke_ms.push_back(ms);
            if (ms > slowest) slowest = ms, slowest_input = typed;
        }
    }
    std::printf("per keystroke (%zu keystrokes over %zu inputs, bar of %zu): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%s)\n",
                keystroke_ms.size(), std::size(kInputs), kBar, percentile(keystroke_ms, 0.50),
                percentile(keystroke_ms, 0.99), slowest, slowest_input.c_str());
    // The worst a resident (or a stuck key) can make one keystroke cost: the longest input
    // accepted, kMaxPinyinLetters letters, of syllables that split many ways.
    for (const char* pattern : {"a", "zh", "shuang", "sfz", "nvlv", "xian"}) {
        std::string typed;
        while (typed.size() + std::strlen(pattern) <= kMaxPinyinLetters) typed += pattern;
        Clock::time_point t = Clock::now();
        auto bar = (*engine)->candidates(typed, kBar);
        std::printf("%zu letters of \"%s\": %.2f ms%s\n", typed.size(), pattern, ms_since(t), bar ? "" : " (error)");
    }
    std::printf("RSS after typing: +%.1f MiB over start\n", (resident_kib() - rss_before) / 1024.0);
    return 0;
}
