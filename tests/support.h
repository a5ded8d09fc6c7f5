// Shared fixtures for the test suite: temporary directories, the reference data in
// tests/data/reference, and a log catcher.
#pragma once
#include <fcntl.h>
#include <sys/wait.h>
#include <iconv.h>

#include <cstdlib>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "log.h"
#include "catalogue_errors.h"
#include "net_errors.h"

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

// Replaces a file so that its mtime is strictly later than the old one's: nginx's ETag
// is mtime-size, and a republish within the same second must not look unchanged
// (gongkai-publish does the same).
inline void write_file_newer(const std::filesystem::path& p, std::string_view bytes) {
    std::error_code ec;
    auto old_time = std::filesystem::last_write_time(p, ec);
    write_file(p, bytes);
    if (!ec) std::filesystem::last_write_time(p, old_time + std::chrono::seconds(1));
}

// Starts gongkai-sync (stdout and stderr to /dev/null) with `args`; returns its pid.
inline pid_t spawn_sync(std::vector<std::string> args) {
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        std::vector<char*> argv{const_cast<char*>("gongkai-sync")};
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(GONGKAI_SYNC_BINARY, argv.data());
        _exit(127);
    }
    return pid;
}

// What Excel writes when a Chinese table is saved as CSV on a Chinese Windows.
inline std::string to_gb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string out(utf8.size() * 2, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size(), out_left = out.size();
    char* o = out.data();
    iconv(cd, &in, &in_left, &o, &out_left);
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

// The key line of a minisign public key file (what trusted_keys lists).
inline std::string public_key_line(const std::string& file_text) {
    std::string pk = file_text.substr(file_text.find('\n') + 1);
    pk.erase(pk.find_last_not_of("\n") + 1);
    return pk;
}

inline std::filesystem::path reference_dir() { return GONGKAI_REFERENCE_DIR; }
inline std::filesystem::path assets_dir() { return GONGKAI_ASSETS_DIR; }

// A program run as a script runs it: `binary args` through the shell, stdout and stderr
// kept apart. `status` is the exit code, -1 when killed by a signal.
struct Run {
    int status;
    std::string out, err;
};
inline Run run(const std::string& binary, const std::string& args) {
    TempDir tmp;
    std::string cmd = binary + " " + args + " >" + tmp.file("out") + " 2>" + tmp.file("err");
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(tmp.file("out")), slurp(tmp.file("err"))};
}
inline Run publish(const std::string& args) { return run(GONGKAI_PUBLISH_BINARY, args); }
inline Run sync_cli(const std::string& args) { return run(GONGKAI_SYNC_BINARY, args); }
// The kiosk headless (SDL's dummy driver), as staff run --screenshot, --list and --query.
inline Run kiosk_cli(const std::string& args) { return run("SDL_VIDEODRIVER=dummy " + std::string(GONGKAI_KIOSK_BINARY), args); }

// A copy of the demo source to break on purpose.
inline std::string copy_source(const TempDir& dir) {
    std::string src = dir.file("source");
    std::filesystem::copy(assets_dir(), src, std::filesystem::copy_options::recursive);
    return src;
}

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
