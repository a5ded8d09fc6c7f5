// Lookups over the generated Unihan tables (sorted by code point: binary search).
#include "unihan.h"

#include <algorithm>

namespace gongkai::unihan {

std::span<const unsigned short> readings(unsigned cp) {
    const PinyinEntry* end = kPinyin + kPinyinCount;
    const PinyinEntry* it = std::lower_bound(kPinyin, end, cp, [](const PinyinEntry& e, unsigned c) { return e.codepoint < c; });
    if (it == end || it->codepoint != cp) return {};
    return {kPinyinPool + it->first, it->count};
}

unsigned simplify(unsigned cp) {
    const SimplifiedEntry* end = kSimplified + kSimplifiedCount;
    const SimplifiedEntry* it =
        std::lower_bound(kSimplified, end, cp, [](const SimplifiedEntry& e, unsigned c) { return e.traditional < c; });
    return it != end && it->traditional == cp ? it->simplified : cp;
}

}  // namespace gongkai::unihan
