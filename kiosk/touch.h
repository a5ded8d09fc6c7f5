// Touch and mouse input for a kiosk, on top of ImGui 1.86's pre-1.87 input API.
//
// Debian's ImGui SDL backend ignores SDL_FINGER* events and overwrites io.MousePos and
// io.MouseDown from SDL's global mouse state every frame (PITFALLS.md), so the app routes
// every pointer event here and calls apply() after ImGui_ImplSDL2_NewFrame().
//
// The gesture state machine (one finger; other fingers are ignored until it lifts):
//
//        down                      moved > slop
//   Idle ─────▶ Pressed ─────────────────────────▶ Dragging ──up──▶ Idle (+ fling)
//    ▲            │  ImGui sees the press at the    │ ImGui sees the button released far
//    │            │  finger (buttons highlight)     │ off-screen: the pressed button does
//    │   up       ▼                                 │ not fire. The content scrolls 1:1.
//    └────── tap: ImGui sees the release where the finger lifted → the button fires.
//
//   A press while a fling is moving only stops the fling ("catch"): it never taps.
//   A press inside the capture area (the handwriting pad) is Capturing until it lifts: its
//   points go to take_captured(), never to ImGui (no key is pressed) nor to the scroll.
//   Each down/up reaches ImGui in a frame of its own, so a tap shorter than a frame is
//   never lost (the events queue and are released one transition per frame).
#pragma once
#include <SDL.h>
#include <imgui.h>

#include <deque>
#include <utility>
#include <vector>

namespace gongkai {

class PointerInput {
public:
    // `slop_px`: how far a finger may wander and still tap. 28 px at 1080 width is
    // ~4.5 mm on a 27" portrait screen: above the tremor of an elderly hand resting on
    // glass, below the smallest deliberate scroll.
    explicit PointerInput(float slop_px = 28.0f) : slop_(slop_px) {}

    // Returns true if the event was a pointer event (consumed).
    bool on_event(const SDL_Event& e, int window_w, int window_h);

    // Once per frame, after the platform backend's NewFrame and before ImGui::NewFrame.
    void apply(ImGuiIO& io, double now_s);

    // Scroll delta (px, positive = content moves up = scroll position increases) to apply
    // to the scroll region this frame: the drag's movement, or the fling's.
    float take_scroll(double now_s);
    // The region hit an edge: stop the fling.
    void stop_fling() { fling_velocity_ = 0; }

    // Where a finger writes instead of tapping or scrolling (the pad, from the last frame's
    // FrameRecord); an empty area (min == max) captures nothing.
    void set_capture_area(ImVec2 min, ImVec2 max) {
        capture_min_ = min;
        capture_max_ = max;
    }
    struct CapturedPoint {
        enum Kind { Begin, Move, End } kind;
        ImVec2 pos;  // screen pixels
    };
    // The captured points released this frame, in order; a stroke is Begin, Move…, End.
    std::vector<CapturedPoint> take_captured() { return std::exchange(captured_, {}); }
    bool capturing() const { return state_ == State::Capturing; }

    bool busy() const { return !queue_.empty() || fling_velocity_ != 0.0f; }
    bool dragging() const { return state_ == State::Dragging; }
    float fling_velocity() const { return fling_velocity_; }

private:
    enum class State { Idle, Pressed, Dragging, Catching, Capturing };
    struct Event {
        enum Kind { Down, Move, Up, Wheel } kind;
        ImVec2 pos;
        double t;      // seconds (SDL event timestamp)
        float wheel;
    };
    struct Sample { float y; double t; };

    float slop_;
    std::deque<Event> queue_;
    State state_ = State::Idle;
    bool imgui_down_ = false;
    ImVec2 imgui_pos_{-FLT_MAX, -FLT_MAX};
    ImVec2 press_pos_{0, 0};
    float last_y_ = 0;
    float pending_scroll_ = 0;
    std::deque<Sample> samples_;
    float fling_velocity_ = 0;   // px/s, positive = content moving up
    double fling_last_t_ = 0;
    float wheel_ = 0;
    SDL_FingerID finger_ = -1;
    bool finger_active_ = false;
    ImVec2 capture_min_{0, 0}, capture_max_{0, 0};
    std::vector<CapturedPoint> captured_;
};

}  // namespace gongkai
