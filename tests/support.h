// Shared fixtures for the test suite: temporary directories, the reference data in
// ../shared/reference, and a log catcher.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "log.h"

namespace gongkai::test {

// A fresh directory under /tmp, removed with everything in it when the test ends.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char tmpl[] = "/tmp/gongkai-test-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_file(const std::filesystem::path& p, std::string_view bytes) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::filesystem::path reference_dir() { return GONGKAI_REFERENCE_DIR; }
inline std::filesystem::path assets_dir() { return GONGKAI_ASSETS_DIR; }

// Collects log lines while alive, and keeps stderr quiet for faults injected on purpose.
struct LogCatcher {
    std::vector<std::string> lines;
    LogSink previous;
    LogCatcher() {
        set_log_quiet(true);
        previous = set_log_sink([this](LogLevel, std::string_view c, std::string_view m) {
            lines.push_back(std::string(c) + ": " + std::string(m));
        });
    }
    ~LogCatcher() {
        set_log_sink(previous);
        set_log_quiet(false);
    }
    bool said(std::string_view fragment) const {
        for (auto& l : lines)
            if (l.find(fragment) != std::string::npos) return true;
        return false;
    }
};

}  // namespace gongkai::test
