// Character data generated at build time from Debian's Unihan (sync/tools/unihan_gen.cpp):
// all toneless Mandarin readings of each BMP character, and traditional → simplified.
#pragma once
#include <cstdint>
#include <span>

namespace gongkai::unihan {

struct PinyinEntry { unsigned codepoint, first, count; };  // readings: kPinyinPool[first … first+count)
struct SimplifiedEntry { unsigned traditional, simplified; };

extern const char* const kSyllables[];
extern const unsigned kSyllableCount;
extern const PinyinEntry kPinyin[];
extern const unsigned kPinyinCount;
extern const unsigned short kPinyinPool[];
extern const SimplifiedEntry kSimplified[];
extern const unsigned kSimplifiedCount;

// Syllable ids of every reading of `cp` (empty for non-Han characters).
std::span<const unsigned short> readings(unsigned cp);
// The simplified form of `cp`, or `cp` itself.
unsigned simplify(unsigned cp);

}  // namespace gongkai::unihan
