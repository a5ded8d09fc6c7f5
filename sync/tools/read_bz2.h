// The whole of a .bz2 file, decompressed: how the build-time generators read Debian's
// Unihan data (unicode-data ships it compressed). Empty when the file cannot be read.
#pragma once
#include <bzlib.h>

#include <cstdio>
#include <string>

namespace gongkai::tools {

inline std::string read_bz2(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {};
    int err = 0;
    BZFILE* bz = BZ2_bzReadOpen(&err, f, 0, 0, nullptr, 0);
    std::string out;
    char buf[1 << 16];
    while (err == BZ_OK) {
        int n = BZ2_bzRead(&err, bz, buf, sizeof buf);
        if (n > 0) out.append(buf, n);
    }
    BZ2_bzReadClose(&err, bz);
    std::fclose(f);
    return out;
}

}  // namespace gongkai::tools
