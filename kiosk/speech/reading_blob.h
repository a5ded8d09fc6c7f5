// The layout of the toned phrase dictionary that gongkai-reading-gen writes at build time
// and reading.cpp reads in place from the kiosk's read-only data (no parse at start-up).
// Shared by both, so the writer and the reader cannot disagree. Little-endian, as the
// build machine is the kiosk's (both x86-64 Debian).
//
//   Header
//   syllables   syllable_count × char[8]   "zhuang1\0": the longest toned syllable + NUL fits 8
//   index       entry_count × u32          offset of each entry in the pool, in u16 units,
//                                          entries sorted by their characters (u16 order)
//   pool        per entry: u16 (length | cost << 8), u16 chars[length], u16 syllables[length]
#pragma once
#include <cstdint>

namespace gongkai::reading_blob {

constexpr char kMagic[4] = {'G', 'K', 'R', '1'};
// A word longer than this is not looked up: 8 characters cover 99.8% of the source's
// phrases (its longest are idioms and names of 9–12, read as well in parts).
constexpr unsigned kMaxWordChars = 8;
constexpr unsigned kSyllableSlot = 8;
// cost = round(-ln(p) × kCostScale), p the word's probability in the source: an eighth of a
// nat keeps words of neighbouring frequency apart, and the rarest (p ≈ 1e-13, 30 nats)
// still fit a byte.
constexpr double kCostScale = 8.0;
// The cost of a character known only from Unihan (no frequency): above every word.
constexpr unsigned kUnihanCost = 255;

struct Header {
    char magic[4];
    std::uint32_t syllable_count;
    std::uint32_t entry_count;
    std::uint32_t syllables_offset;  // bytes from the start of the blob
    std::uint32_t index_offset;
    std::uint32_t pool_offset;
    std::uint32_t pool_units;        // u16 units in the pool
};

}  // namespace gongkai::reading_blob
