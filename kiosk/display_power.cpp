// See display_power.h.
#include "display_power.h"

#include <SDL_syswm.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>

#include "log.h"

#ifdef GONGKAI_HAVE_XDPMS
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>
#endif

extern char** environ;

namespace gongkai {

#ifdef GONGKAI_HAVE_XDPMS
// The X display the window is on, when SDL runs on X11.
static Display* x11_display(SDL_Window* window) {
    if (!window) return nullptr;
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver || std::strcmp(driver, "x11") != 0) return nullptr;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return nullptr;
    Display* d = info.info.x11.display;
    int event_base = 0, error_base = 0;
    if (!d || !DPMSQueryExtension(d, &event_base, &error_base) || !DPMSCapable(d)) return nullptr;
    return d;
}
#endif

DisplayPower::DisplayPower(SDL_Window* window, std::string off_command, std::string on_command)
    : window_(window), off_command_(std::move(off_command)), on_command_(std::move(on_command)) {
#ifdef GONGKAI_HAVE_XDPMS
    if (Display* d = x11_display(window_)) {
        method_ = "x11-dpms";
        // A kiosk stopped while its display was off (at night) and started in opening hours
        // would otherwise leave it off: set() acts only on a change, and on_ starts true.
        DPMSForceLevel(d, DPMSModeOn);
        XFlush(d);
    }
#endif
    if (std::strcmp(method_, "black") == 0 && !off_command_.empty()) method_ = "command";
}

void DisplayPower::reap() {
    std::erase_if(children_, [](pid_t pid) { return waitpid(pid, nullptr, WNOHANG) != 0; });
}

void DisplayPower::set(bool on) {
    reap();
    if (on == on_) return;
    on_ = on;
#ifdef GONGKAI_HAVE_XDPMS
    if (Display* d = std::strcmp(method_, "x11-dpms") == 0 ? x11_display(window_) : nullptr) {
        // SDL, told a kiosk must not blank (SDL_HINT_VIDEO_ALLOW_SCREENSAVER = 0), resets the
        // X screen saver every 30 s, and a reset may bring the monitor back on: while the
        // display is meant to be off, the screen saver is allowed again.
        if (on) SDL_DisableScreenSaver();
        else SDL_EnableScreenSaver();
        DPMSEnable(d);
        DPMSForceLevel(d, on ? DPMSModeOn : DPMSModeOff);
        XFlush(d);
        log_info("board", on ? "display on (X11 DPMS)" : "display off (X11 DPMS)");
        return;
    }
#endif
    const std::string& command = on ? on_command_ : off_command_;
    if (command.empty()) {
        log_info("board", on ? "hall open: showing notices" : "hall closed: the screen is black (no display power control)");
        return;
    }
    // Not waited for: a hung command must not hold the frame loop; it is reaped later.
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    pid_t pid = -1;
    if (int rc = posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ); rc != 0) {
        log_warn("board", "could not run \"" + command + "\": " + std::strerror(rc));
        return;
    }
    children_.push_back(pid);
    log_info("board", std::string(on ? "display on: " : "display off: ") + command);
}

}  // namespace gongkai
