// See search_storage.h.
#include "search_storage.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "heap_size.h"

namespace gongkai {

template <class Char>
std::size_t TextArena<Char>::heap_bytes() const {
    return heap_size::of(text_) + heap_size::of(ends_);
}

template class TextArena<char>;
template class TextArena<char32_t>;

namespace {

// LEB128: seven bits a byte, the high bit set on every byte but the last.
void put_varint(std::vector<std::uint8_t>& out, std::uint32_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

std::uint32_t get_varint(const std::uint8_t*& p) {
    std::uint32_t v = 0;
    for (int shift = 0;; shift += 7) {
        const std::uint8_t b = *p++;
        v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
    }
}

// A bitmap is read 64 documents at a time.
constexpr std::size_t kWordBits = 64;

std::uint64_t bitmap_word(const std::uint8_t* bitmap, std::size_t bitmap_bytes, std::size_t word) {
    std::uint64_t w = 0;
    const std::size_t at = word * sizeof w;
    std::memcpy(&w, bitmap + at, std::min(sizeof w, bitmap_bytes - at));  // little-endian: document 8k+i is bit i of byte k
    return w;
}

}  // namespace

void GrowingList::add(std::uint32_t doc) {
    if (count_ && doc == last_) return;
    put_varint(gaps_, doc - last_);
    last_ = doc;
    count_++;
}

std::uint32_t PostingLists::add(const GrowingList& docs) {
    List list{static_cast<std::uint32_t>(bytes_.size()), docs.count_, false};
    const std::size_t bitmap_bytes = (documents_ + 7) / 8;
    if (docs.gaps_.size() > bitmap_bytes) {
        list.bitmap = true;
        bytes_.resize(bytes_.size() + bitmap_bytes, 0);
        const std::uint8_t* p = docs.gaps_.data();
        std::uint32_t d = 0;
        for (std::uint32_t i = 0; i < docs.count_; i++) {
            d += get_varint(p);
            bytes_[list.begin + d / 8] |= static_cast<std::uint8_t>(1u << (d % 8));
        }
    } else {
        bytes_.insert(bytes_.end(), docs.gaps_.begin(), docs.gaps_.end());
    }
    lists_.push_back(list);
    return static_cast<std::uint32_t>(lists_.size() - 1);
}

void PostingLists::decode(std::uint32_t list, std::vector<std::uint32_t>& out) const {
    const List& l = lists_[list];
    out.clear();
    out.reserve(l.count);
    const std::uint8_t* p = bytes_.data() + l.begin;
    if (l.bitmap) {
        const std::size_t bitmap_bytes = (documents_ + 7) / 8;
        for (std::size_t word = 0; word * sizeof(std::uint64_t) < bitmap_bytes; word++)
            for (std::uint64_t w = bitmap_word(p, bitmap_bytes, word); w; w &= w - 1)
                out.push_back(static_cast<std::uint32_t>(word * kWordBits + static_cast<std::size_t>(std::countr_zero(w))));
        return;
    }
    std::uint32_t d = 0;
    for (std::uint32_t i = 0; i < l.count; i++) {
        d += get_varint(p);
        out.push_back(d);
    }
}

void PostingLists::intersect(std::uint32_t list, std::vector<std::uint32_t>& docs) const {
    const List& l = lists_[list];
    const std::uint8_t* p = bytes_.data() + l.begin;
    std::size_t kept = 0;
    if (l.bitmap) {
        for (std::uint32_t d : docs)
            if (p[d / 8] & (1u << (d % 8))) docs[kept++] = d;
    } else {
        std::uint32_t next = 0, read = 0;
        bool have = false;
        for (std::uint32_t d : docs) {
            while ((!have || next < d) && read < l.count) {
                next += get_varint(p);
                read++;
                have = true;
            }
            if (!have || next < d) break;  // the list ended before d
            if (next == d) docs[kept++] = d;
        }
    }
    docs.resize(kept);
}

void PostingLists::shrink_to_fit() {
    bytes_.shrink_to_fit();
    lists_.shrink_to_fit();
}

std::size_t PostingLists::heap_bytes() const { return heap_size::of(bytes_) + heap_size::of(lists_); }

}  // namespace gongkai
