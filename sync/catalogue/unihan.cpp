// Lookups over the generated Unihan tables (sorted by code point: binary search).
#include "unihan.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace gongkai::unihan {

namespace {

// Direct tables over the BMP (256 KiB + 128 KiB, built once): search calls these for
// every character of every candidate title, where a binary search cost ~40% of a
// keystroke's time at 50,000 items (measured with gongkai-bench-search).
struct Tables {
    std::vector<std::uint32_t> pinyin_index;   // code point → index into kPinyin + 1; 0 = none
    std::vector<std::uint16_t> simplified;     // code point → simplified code point
    Tables() : pinyin_index(0x10000, 0), simplified(0x10000) {
        for (unsigned i = 0; i < kPinyinCount; i++) pinyin_index[kPinyin[i].codepoint] = i + 1;
        for (unsigned c = 0; c < 0x10000; c++) simplified[c] = static_cast<std::uint16_t>(c);
        for (unsigned i = 0; i < kSimplifiedCount; i++) simplified[kSimplified[i].traditional] = static_cast<std::uint16_t>(kSimplified[i].simplified);
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

}  // namespace

std::span<const unsigned short> readings(unsigned cp) {
    if (cp >= 0x10000) return {};
    std::uint32_t i = tables().pinyin_index[cp];
    if (i == 0) return {};
    const PinyinEntry& e = kPinyin[i - 1];
    return {kPinyinPool + e.first, e.count};
}

unsigned simplify(unsigned cp) { return cp < 0x10000 ? tables().simplified[cp] : cp; }

}  // namespace gongkai::unihan
