// Bounds on JSON from outside (the signed manifest, bundles, deltas), checked before
// nlohmann parses it: nesting depth, counted outside strings, so a "[[[[…" of a few
// megabytes cannot drive recursion anywhere (parse, dump, destruction, our readers).
#pragma once
#include <cstddef>
#include <string_view>

namespace gongkai {

// The manifest nests 2 levels, a bundle 4 (bundle → items → item → standard → list).
// 64 is 16× the deepest document we write.
inline constexpr int kMaxJsonDepth = 64;

// A bundle's decompressed JSON (bundle.h). A 50,000-item catalogue is ~60 MB of JSON
// (measured by the generator in tests/); 256 MiB leaves room to grow and still stops a
// decompression bomb.
inline constexpr std::size_t kMaxBundleJsonBytes = 256u << 20;

// Offset of the first [ or { that opens level max_depth + 1, or npos.
inline std::size_t json_depth_exceeded(std::string_view s, int max_depth = kMaxJsonDepth) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < s.size(); i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return std::string_view::npos;
}

}  // namespace gongkai
