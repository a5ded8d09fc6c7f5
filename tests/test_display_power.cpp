// The board's display power (display_power.h) on a real X server: an Xvfb of the test's own,
// the kiosk App in this process on SDL's x11 driver, its wall clock moved across the hall's
// closing and opening.
//
// Xvfb (xserver 21.1.7, Debian 12) does not offer the DPMS extension, even with
// `+extension DPMS`: the server registers it only when a screen has a DPMS hook
// (DPMSSupported() in Xext/dpms.c) and Xvfb's screens have none. What a real X server without
// DPMS proves is the kiosk's detection of it on the real connection and the fallback on
// [board] display_off_command / display_on_command. The X11 DPMS calls themselves need a
// server with DPMS (Xorg on a real screen, docs/deploy.md).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include <catch2/catch.hpp>

#include "app.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;
using namespace std::chrono_literals;

namespace {

// 2026-12-28T00:00:00+08:00, a Monday (as in test_board.cpp).
constexpr std::time_t kMonday = 1798387200;
constexpr std::time_t at(int day, int hour) { return kMonday + day * 86400 + hour * 3600; }

// The program's full path from $PATH, or "" when it is not installed.
std::string find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (size_t start = 0; start <= dirs.size();) {
        size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        start = end + 1;
    }
    return "";
}

// An Xvfb of the test's own on a display number nobody uses, stopped (SIGTERM, then SIGKILL)
// when the test ends, whether it passed or not.
struct Xvfb {
    TempDir dir;
    pid_t pid = -1;
    int number = -1;
    std::string display;  // ":N"

    Xvfb() {
        const std::string binary = find_program("Xvfb");
        if (binary.empty()) FAIL("Xvfb is not installed: scripts/install-deps installs it (Debian package xvfb)");
        // 90–189: above what desktops and xvfb-run (99 is its default, taken only when free
        // here too) usually hold; a number whose socket or lock file exists is in use.
        for (int n = 90; n < 190 && number < 0; n++) {
            std::error_code ec;
            if (!std::filesystem::exists("/tmp/.X11-unix/X" + std::to_string(n), ec) &&
                !std::filesystem::exists("/tmp/.X" + std::to_string(n) + "-lock", ec))
                number = n;
        }
        REQUIRE(number >= 0);
        display = ":" + std::to_string(number);
        const std::string log = dir.file("xvfb.log");
        pid = fork();
        if (pid == 0) {
            int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            dup2(fd, 1);
            dup2(fd, 2);
            execl(binary.c_str(), "Xvfb", display.c_str(), "-screen", "0", "1280x720x24", "-nolisten", "tcp", static_cast<char*>(nullptr));
            _exit(127);
        }
        REQUIRE(pid > 0);
        // Up when its socket exists; 30 s is far beyond its start on a loaded machine (~0.2 s).
        const std::string socket = "/tmp/.X11-unix/X" + std::to_string(number);
        bool up = false;
        for (int i = 0; i < 300 && !up; i++) {
            struct stat st {};
            up = ::stat(socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
            if (!up) {
                int status = 0;
                if (waitpid(pid, &status, WNOHANG) == pid) {
                    pid = -1;
                    FAIL("Xvfb " << display << " exited at start: " << slurp(log));
                }
                std::this_thread::sleep_for(100ms);
            }
        }
        if (!up) {
            stop();
            FAIL("Xvfb " << display << " did not open its socket within 30 s: " << slurp(log));
        }
    }
    ~Xvfb() { stop(); }
    void stop() {
        if (pid <= 0) return;
        kill(pid, SIGTERM);
        int status = 0;
        for (int i = 0; i < 100; i++) {
            if (waitpid(pid, &status, WNOHANG) == pid) {
                pid = -1;
                return;
            }
            std::this_thread::sleep_for(50ms);
        }
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        pid = -1;
    }
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;
};

// Sets environment variables for its lifetime, then puts back what was there.
struct ScopedEnv {
    std::vector<std::pair<std::string, std::optional<std::string>>> saved;
    ScopedEnv(std::initializer_list<std::pair<const char*, std::string>> vars) {
        for (auto& [name, value] : vars) {
            const char* old = std::getenv(name);
            saved.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
            setenv(name, value.c_str(), 1);
        }
    }
    ~ScopedEnv() {
        for (auto& [name, value] : saved) {
            if (value) setenv(name.c_str(), value->c_str(), 1);
            else unsetenv(name.c_str());
        }
    }
};

int count_lines(const std::string& path, const std::string& line) {
    std::ifstream in(path);
    int n = 0;
    for (std::string l; std::getline(in, l);) n += l == line;
    return n;
}

// The commands run in the background (display_power.cpp does not wait for them): true once
// `path` holds `count` lines `line`; false after 30 s.
bool lines_become(const std::string& path, const std::string& line, int count) {
    for (int i = 0; i < 600; i++) {
        if (count_lines(path, line) >= count) return count_lines(path, line) == count;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

// Whether the X server at `display` offers the DPMS extension, asked on a connection of
// the test's own (defined at the end of this file: Xlib's macros, None and Success among
// them, clash with the kiosk's headers).
bool x_server_offers_dpms(const std::string& display);

}  // namespace

TEST_CASE("on a real X server without the DPMS extension (Xvfb), a board finds no X11 DPMS and switches its display with the configured commands: off while the hall is closed, on when it opens", "[board][x11]") {
    Xvfb x;
#ifdef GONGKAI_HAVE_XDPMS
    // Measured, not assumed: should an Xvfb ever offer DPMS, this test must grow the x11-dpms
    // case (DPMSInfo's power level becoming DPMSModeOff) instead of passing on the fallback.
    INFO("Xvfb " << x.display << " offers the DPMS extension: test the x11-dpms method here");
    REQUIRE_FALSE(x_server_offers_dpms(x.display));
#endif
    TempDir dir;
    const std::string power_log = dir.file("power.log");
    auto opened = open_cache_with_fallback(dir.file("cache.db"), demo_bundle());
    REQUIRE(opened);
    Config cfg;
    cfg.cache_path = dir.file("cache.db");
    cfg.mode = DeviceMode::Board;
    REQUIRE(cfg.hall_schedule.add_weekly("mon-fri 08:30-17:00").empty());
    cfg.board_display_off_command = "echo off >> " + power_log;
    cfg.board_display_on_command = "echo on >> " + power_log;
    AppOptions options{cfg, /*headless=*/false, /*windowed=*/true, 1280, 720};
    options.now = at(0, 20);  // Monday 20:00: closed

    LogCatcher log;
    // SDL's software renderer, its window surface drawn by X itself (no probe of OpenGL for
    // it): what is tested is the X connection, not Mesa, whose llvmpipe leaves allocations
    // LeakSanitizer reports (scripts/test-sanitized).
    ScopedEnv env{{"SDL_VIDEODRIVER", "x11"}, {"DISPLAY", x.display}, {"SDL_RENDER_DRIVER", "software"},
                  {"SDL_FRAMEBUFFER_ACCELERATION", "0"}};
    {
        auto created = App::create(options, std::move(opened->cache));
        REQUIRE(created);
        App& app = **created;
        app.settle();
        REQUIRE(std::string(SDL_GetCurrentVideoDriver()) == "x11");
        REQUIRE(app.route().is("board"));
        CHECK(std::string(app.display_power().method()) == "command");
        CHECK(log.said("board: board mode; display power: command"));

        // Closed from the start: off once.
        CHECK_FALSE(app.board().open);
        CHECK_FALSE(app.display_power().is_on());
        CHECK(lines_become(power_log, "off", 1));
        // Tuesday 10:00: open, on once.
        app.set_wall_clock(static_cast<std::int64_t>(at(1, 10)) * 1000);
        app.settle();
        CHECK(app.board().open);
        CHECK(app.display_power().is_on());
        CHECK(lines_become(power_log, "on", 1));
        // Tuesday 17:00: closed again, off a second time; nothing runs twice.
        app.set_wall_clock(static_cast<std::int64_t>(at(1, 17)) * 1000);
        app.settle();
        CHECK_FALSE(app.display_power().is_on());
        CHECK(lines_become(power_log, "off", 2));
        CHECK(count_lines(power_log, "on") == 1);
    }
}

#ifdef GONGKAI_HAVE_XDPMS
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

namespace {
bool x_server_offers_dpms(const std::string& display) {
    ::Display* d = XOpenDisplay(display.c_str());
    REQUIRE(d);
    int event_base = 0, error_base = 0;
    const bool offered = DPMSQueryExtension(d, &event_base, &error_base);
    XCloseDisplay(d);
    return offered;
}
}  // namespace
#endif
