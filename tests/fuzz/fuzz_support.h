// What every harness in tests/fuzz/ shares: the input as a string_view, a private scratch
// directory made once per process, whole-file writes, and the fixed inputs in data/.
// A check that fails calls fuzz_fail(), which aborts so libFuzzer keeps the input.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "text_encoding.h"

namespace gongkai::fuzz {

inline std::string_view as_view(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fuzz_fail(const char* what) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
}

// One directory per process under $TMPDIR (default /tmp), whose files are rewritten every
// execution. Nothing removes it (a crash skips atexit): scripts/fuzz points TMPDIR at
// build-fuzz/tmp/<target>/ and empties that before each run.
inline const std::string& scratch_dir() {
    static const std::string dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/gongkai-fuzz-XXXXXX";
        if (!mkdtemp(templ.data())) fuzz_fail("mkdtemp failed");
        return templ;
    }();
    return dir;
}

inline void write_whole_file(const std::string& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) fuzz_fail(("cannot write " + path).c_str());
}

// A fixed input committed in tests/fuzz/data/ (the path is compiled in by CMakeLists.txt).
inline std::string read_fuzz_data(const char* name) {
    auto bytes = read_file(std::string(GONGKAI_FUZZ_DATA_DIR) + "/" + name);
    if (!bytes) fuzz_fail(("missing tests/fuzz/data/" + std::string(name)).c_str());
    return *bytes;
}

}  // namespace gongkai::fuzz
