// What a container costs on the heap, as glibc's malloc sizes its blocks: for
// memory_bytes() estimates that agree with what heaptrack and mallinfo2() measure
// (tests/test_search_quality.cpp checks the search index against mallinfo2).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace gongkai::heap_size {

// glibc (x86-64 and aarch64): a block is the request plus an 8-byte size field, rounded
// up to 16, at least 32 bytes (malloc/malloc.c: SIZE_SZ, MALLOC_ALIGNMENT, MINSIZE).
// Blocks past the mmap threshold are rounded to pages instead: a few KiB of difference
// on the megabyte blocks that take that path.
inline std::size_t block(std::size_t requested) {
    if (requested == 0) return 0;
    const std::size_t chunk = (requested + 8 + 15) & ~std::size_t{15};
    return chunk < 32 ? 32 : chunk;
}

template <class T, class A>
std::size_t of(const std::vector<T, A>& v) {
    return v.capacity() ? block(v.capacity() * sizeof(T)) : 0;
}

// A string within its small-string buffer (libstdc++: 15 bytes, 3 char32_t) owns no block.
template <class C>
std::size_t of(const std::basic_string<C>& s) {
    constexpr std::size_t kInlineChars = 15 / sizeof(C);
    return s.capacity() > kInlineChars ? block((s.capacity() + 1) * sizeof(C)) : 0;
}

// One node of an unordered_map or unordered_set holding `value_bytes` (libstdc++: a next
// pointer, the value, and the hash when the key's hash is not trivial — strings).
inline std::size_t hash_node(std::size_t value_bytes, bool hash_cached) {
    return block(sizeof(void*) + value_bytes + (hash_cached ? sizeof(std::size_t) : 0));
}

// A hash table's bucket array (one pointer each; a table of one bucket uses none).
inline std::size_t buckets(std::size_t bucket_count) { return bucket_count > 1 ? block(bucket_count * sizeof(void*)) : 0; }

}  // namespace gongkai::heap_size
