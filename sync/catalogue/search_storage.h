// What the search index keeps its texts and document lists in (issue 13: half the bytes
// per item): texts end to end in one buffer instead of a std::string each (32 bytes and a
// heap block apiece), and sorted document numbers compressed — gaps as varints, or a
// bitmap where that is smaller — instead of 4 bytes a number.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

// Texts end to end, each found by the number add() returned. Offsets are 32-bit: search
// text comes from a bundle of at most kMaxBundleJsonBytes (256 MiB) of JSON, a directory
// row's text copied at most once into its guide: under 4 GiB whatever the catalogue.
template <class Char>
class TextArena {
public:
    std::uint32_t add(std::basic_string_view<Char> s) {
        text_.append(s);
        ends_.push_back(static_cast<std::uint32_t>(text_.size()));
        return static_cast<std::uint32_t>(ends_.size() - 1);
    }
    std::basic_string_view<Char> operator[](std::size_t i) const {
        const std::uint32_t begin = i ? ends_[i - 1] : 0;
        return std::basic_string_view<Char>(text_).substr(begin, ends_[i] - begin);
    }
    std::size_t size() const { return ends_.size(); }
    void reserve(std::size_t chars, std::size_t texts) {
        text_.reserve(chars);
        ends_.reserve(texts);
    }
    void clear() {
        text_.clear();
        ends_.clear();
    }
    void shrink_to_fit() {
        text_.shrink_to_fit();
        ends_.shrink_to_fit();
    }
    std::size_t heap_bytes() const;

private:
    std::basic_string<Char> text_;
    std::vector<std::uint32_t> ends_;
};

// A document list while the index is built, documents added in ascending order: kept as
// the varints PostingLists stores, so the lists being built take a quarter of 4-byte
// numbers (45 MiB of them at 50,000 items).
class GrowingList {
public:
    void add(std::uint32_t doc);  // ascending; the last one again is ignored
    bool empty() const { return count_ == 0; }

private:
    friend class PostingLists;
    std::vector<std::uint8_t> gaps_;
    std::uint32_t last_ = 0, count_ = 0;
};

// Sorted lists of document numbers below `documents`, stored end to end. Each list is
// the gaps between its numbers as LEB128 varints (one byte for a gap under 128: a
// character found in one document of 128 or more), or a bitmap of all documents when
// that is smaller (a character in more than about one document of eight: 的, 办, 申).
class PostingLists {
public:
    explicit PostingLists(std::uint32_t documents = 0) : documents_(documents) {}
    // Documents below `documents`. Returns the list's number.
    std::uint32_t add(const GrowingList& docs);
    std::size_t size() const { return lists_.size(); }
    std::uint32_t count(std::uint32_t list) const { return lists_[list].count; }
    // `out` becomes the list.
    void decode(std::uint32_t list, std::vector<std::uint32_t>& out) const;
    // Keeps of the sorted `docs` those in the list.
    void intersect(std::uint32_t list, std::vector<std::uint32_t>& docs) const;
    void shrink_to_fit();
    std::size_t heap_bytes() const;

private:
    struct List {
        std::uint32_t begin = 0;  // in bytes_
        std::uint32_t count = 0;
        bool bitmap = false;
    };
    std::uint32_t documents_;
    std::vector<std::uint8_t> bytes_;
    std::vector<List> lists_;
};

}  // namespace gongkai
