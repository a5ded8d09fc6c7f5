// gongkai-bench-handwriting: how well and how fast the handwriting recogniser reads the
// characters of tests/data/handwriting, raw and normalised (docs/input.md, docs/performance.md).
// Prints the top-1 and top-5 hits of each variant and the latency of one recognition.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "handwriting.h"
#include "utf8.h"

using namespace gongkai;

namespace {

struct Sample {
    std::string expected, file;
    HandwrittenCharacter input;
};

}  // namespace

int main(int argc, char** argv) {
    std::string dir = argc > 1 ? argv[1] : GONGKAI_TESTS_DIR "/data/handwriting";
    // 20 rounds: enough for a stable median, the whole run stays under a few seconds.
    const int kRounds = 20;
    auto recogniser = HandwritingRecogniser::open();
    if (!recogniser) {
        std::fprintf(stderr, "gongkai-bench-handwriting: %s\n", recogniser.error().describe().c_str());
        return 1;
    }
    std::vector<Sample> samples;
    std::vector<std::filesystem::path> files;
    for (auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (auto& path : files) {
        auto input = read_strokes_file(path.string());
        if (!input) {
            std::fprintf(stderr, "gongkai-bench-handwriting: %s\n", input.error().describe().c_str());
            return 1;
        }
        std::string stem = path.stem().string();  // u4f4e or u4f4e-sloppy
        samples.push_back({utf8::encode(std::u32string(1, char32_t(std::stoul(stem.substr(1, stem.find('-') - 1), nullptr, 16)))), stem, std::move(*input)});
    }
    for (bool normalise : {false, true}) {
        for (bool sloppy : {false, true}) {
            int top1 = 0, top5 = 0, n = 0;
            std::string misses;
            for (const Sample& s : samples) {
                if ((s.file.find("-sloppy") != std::string::npos) != sloppy) continue;
                auto got = (*recogniser)->recognise(s.input, {5, normalise});
                if (!got) return 1;
                ++n;
                auto at = std::find_if(got->begin(), got->end(), [&](auto& c) { return c.character == s.expected; });
                if (at == got->begin()) ++top1;
                if (at != got->end()) ++top5;
                else misses += " " + s.expected + "→" + (got->empty() ? "?" : got->front().character);
            }
            std::printf("%-10s %-7s top-1 %2d/%d  top-5 %2d/%d  misses:%s\n", normalise ? "normalised" : "raw",
                        sloppy ? "sloppy" : "medians", top1, n, top5, n, misses.c_str());
        }
    }
    std::vector<double> ms;
    for (int round = 0; round < kRounds; ++round)
        for (const Sample& s : samples) {
            auto start = std::chrono::steady_clock::now();
            auto got = (*recogniser)->recognise(s.input, {10, true});
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
    std::sort(ms.begin(), ms.end());
    std::printf("latency of one recognition (10 candidates, normalised), %zu runs: median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
    return 0;
}
