// Switching the display off outside the hall's opening hours (board mode), and on again.
// Through the display server where it offers a way: X11's DPMS extension (libXext), when
// the kiosk runs on X; otherwise the commands [board] display_off_command /
// display_on_command name (e.g. `wlopm --off '*'` under a wlroots compositor, `vcgencmd
// display_power 0` on a Raspberry Pi); otherwise nothing — the board draws black.
#pragma once
#include <SDL.h>

#include <string>
#include <vector>
#include <sys/types.h>

namespace gongkai {

class DisplayPower {
public:
    DisplayPower(SDL_Window* window, std::string off_command, std::string on_command);
    // Only a change acts. The first call with `on` true does nothing (the display is on).
    void set(bool on);
    bool is_on() const { return on_; }
    // "x11-dpms", "command" or "black": what set() uses, for the log and the tests.
    const char* method() const { return method_; }
    // Children of the last commands, reaped without waiting.
    void reap();

private:
    SDL_Window* window_;
    std::string off_command_, on_command_;
    const char* method_ = "black";
    bool on_ = true;
    std::vector<pid_t> children_;  // commands started and not yet reaped
};

}  // namespace gongkai
