// Lockdown (docs/deploy.md, "Ways out"): a fullscreen kiosk has no way out for a resident —
// no key and no window-close request ends it — while a stop from systemd (SIGTERM) still
// does, and a window on a developer's desk still closes with Esc. Real SDL events into the
// real app loop.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "kiosk_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {
std::unique_ptr<App> make_app(TempDir& dir, bool fullscreen, bool windowed) {
    auto opened = open_cache_with_fallback(dir.file("cache.db"), demo_bundle());
    REQUIRE(opened);
    Config cfg;
    cfg.cache_path = dir.file("cache.db");
    cfg.fullscreen = fullscreen;
    AppOptions options{cfg, /*headless=*/true, windowed, 1080, 1920};
    auto created = App::create(options, std::move(opened->cache));
    REQUIRE(created);
    (*created)->settle();
    return std::move(*created);
}

void push_key(SDL_Keycode key, Uint16 mod) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void push_window_close() {
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    e.window.windowID = 1;
    SDL_PushEvent(&e);
}
}  // namespace

TEST_CASE("lockdown: a fullscreen kiosk ignores Esc, Alt+F4, Ctrl+Q, Ctrl+W and a window-close request", "[lockdown][ui]") {
    TempDir dir;
    auto app = make_app(dir, /*fullscreen=*/true, /*windowed=*/false);
    struct Key {
        const char* name;
        SDL_Keycode key;
        Uint16 mod;
    };
    for (const Key& k : {Key{"Esc", SDLK_ESCAPE, KMOD_NONE}, Key{"Alt+F4", SDLK_F4, KMOD_LALT}, Key{"Ctrl+Q", SDLK_q, KMOD_LCTRL},
                         Key{"Ctrl+W", SDLK_w, KMOD_LCTRL}, Key{"Alt+Tab", SDLK_TAB, KMOD_LALT}, Key{"Ctrl+Alt+Backspace", SDLK_BACKSPACE, KMOD_LCTRL | KMOD_LALT},
                         Key{"Ctrl+Alt+Delete", SDLK_DELETE, KMOD_LCTRL | KMOD_LALT}, Key{"Super", SDLK_LGUI, KMOD_NONE}}) {
        INFO(k.name);
        push_key(k.key, k.mod);
        CHECK(app->step(false));
        CHECK(app->step(false));
    }
    push_window_close();
    CHECK(app->step(false));
    CHECK(app->step(false));
    CHECK(app->route().str() == "home");
}

TEST_CASE("lockdown: systemd's stop (SIGTERM) still ends a locked-down kiosk, cleanly", "[lockdown][ui]") {
    // The real binary: in this test process Catch's own SIGTERM handler would stand where
    // SDL puts its handler in the kiosk (SDL installs one only over the default).
    TempDir dir;
    write_file(dir.file("gongkai.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n[display]\nfullscreen = true\n");
    const std::string log = dir.file("kiosk.log");
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(fd, 1);
        dup2(fd, 2);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        std::string config = dir.file("gongkai.toml");
        execl(GONGKAI_KIOSK_BINARY, "gongkai-kiosk", "--config", config.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    REQUIRE(pid > 0);
    // Up when it has drawn (the font atlas is built for the first frame); 120 s is far
    // beyond a loaded sanitizer build's start.
    bool up = false;
    for (int i = 0; i < 1200 && !up; i++) {
        up = slurp(log).find("fonts: atlas") != std::string::npos;
        if (!up) SDL_Delay(100);
    }
    CHECK(up);
    int status = 0;
    CHECK(waitpid(pid, &status, WNOHANG) == 0);  // still running
    kill(pid, SIGTERM);
    pid_t done = 0;
    for (int i = 0; i < 600 && done == 0; i++) {
        done = waitpid(pid, &status, WNOHANG);
        if (done == 0) SDL_Delay(100);
    }
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        FAIL("the kiosk did not stop within 60 s of SIGTERM");
    }
    INFO(slurp(log));
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("lockdown: a kiosk in a window (--windowed, or fullscreen = false) closes with Esc and with its close button", "[lockdown][ui]") {
    {
        TempDir dir;
        auto app = make_app(dir, /*fullscreen=*/true, /*windowed=*/true);
        push_key(SDLK_ESCAPE, KMOD_NONE);
        bool running = true;
        for (int i = 0; i < 3 && running; i++) running = app->step(false);
        CHECK_FALSE(running);
    }
    {
        TempDir dir;
        auto app = make_app(dir, /*fullscreen=*/false, /*windowed=*/false);
        push_window_close();
        bool running = true;
        for (int i = 0; i < 3 && running; i++) running = app->step(false);
        CHECK_FALSE(running);
    }
}
