// See touch.h.
#include "touch.h"

#include <algorithm>
#include <cmath>

namespace gongkai {

// Fling physics. Velocity is measured over the last 100 ms of the drag: long enough to
// average out 60 Hz touch jitter, short enough that a drag that stopped does not fling.
static constexpr double kVelocityWindowS = 0.100;
// Exponential decay time constant: 0.4 s gives a 3000 px/s flick ~1200 px of travel,
// about two thirds of a portrait screen, which matches phone scrolling residents know.
static constexpr double kFlingTauS = 0.4;
// Below 150 px/s a release is a placement, not a flick; a fling ends under 20 px/s.
static constexpr float kFlingStartPxS = 150.0f;
static constexpr float kFlingStopPxS = 20.0f;
// Cap: a wild swipe on a 50k-item list should not teleport the resident.
static constexpr float kFlingMaxPxS = 8000.0f;

bool PointerInput::on_event(const SDL_Event& e, int w, int h) {
    double t = e.common.timestamp / 1000.0;
    switch (e.type) {
    case SDL_FINGERDOWN:
        if (finger_active_) return true;  // a second finger: ignored
        finger_active_ = true;
        finger_ = e.tfinger.fingerId;
        queue_.push_back({Event::Down, ImVec2(e.tfinger.x * w, e.tfinger.y * h), t, 0});
        return true;
    case SDL_FINGERMOTION:
        if (!finger_active_ || e.tfinger.fingerId != finger_) return true;
        queue_.push_back({Event::Move, ImVec2(e.tfinger.x * w, e.tfinger.y * h), t, 0});
        return true;
    case SDL_FINGERUP:
        if (!finger_active_ || e.tfinger.fingerId != finger_) return true;
        finger_active_ = false;
        queue_.push_back({Event::Up, ImVec2(e.tfinger.x * w, e.tfinger.y * h), t, 0});
        return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        // Touch screens on X11 also send emulated mouse events: the finger path has them.
        if (e.button.which == SDL_TOUCH_MOUSEID) return true;
        if (e.button.button != SDL_BUTTON_LEFT) return true;
        queue_.push_back({e.type == SDL_MOUSEBUTTONDOWN ? Event::Down : Event::Up,
                          ImVec2((float)e.button.x, (float)e.button.y), t, 0});
        return true;
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID) return true;
        queue_.push_back({Event::Move, ImVec2((float)e.motion.x, (float)e.motion.y), t, 0});
        return true;
    case SDL_MOUSEWHEEL:
        if (e.wheel.which == SDL_TOUCH_MOUSEID) return true;
        queue_.push_back({Event::Wheel, ImVec2(), t, (float)e.wheel.y});
        return true;
    default:
        return false;
    }
}

void PointerInput::apply(ImGuiIO& io, double now_s) {
    // Release queued events up to and including one button transition.
    while (!queue_.empty()) {
        Event ev = queue_.front();
        queue_.pop_front();
        bool transition = false;
        switch (ev.kind) {
        case Event::Wheel:
            wheel_ += ev.wheel;
            break;
        case Event::Down:
            samples_.clear();
            samples_.push_back({ev.pos.y, ev.t});
            press_pos_ = ev.pos;
            last_y_ = ev.pos.y;
            if (ev.pos.x >= capture_min_.x && ev.pos.x < capture_max_.x && ev.pos.y >= capture_min_.y &&
                ev.pos.y < capture_max_.y) {
                // Writing on the pad: ImGui sees no press (the finger is off its screen) and
                // a moving page stops where it is.
                state_ = State::Capturing;
                imgui_down_ = false;
                imgui_pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
                captured_.push_back({CapturedPoint::Begin, ev.pos});
            } else if (std::fabs(fling_velocity_) > kFlingStartPxS) {
                state_ = State::Catching;  // stops the fling; not a tap
                imgui_pos_ = ev.pos;
            } else {
                state_ = State::Pressed;
                imgui_pos_ = ev.pos;
                imgui_down_ = true;
                transition = true;
            }
            fling_velocity_ = 0;
            break;
        case Event::Move:
            if (state_ == State::Idle) { imgui_pos_ = ev.pos; break; }  // mouse hover
            if (state_ == State::Capturing) {
                captured_.push_back({CapturedPoint::Move, ev.pos});
                break;
            }
            samples_.push_back({ev.pos.y, ev.t});
            while (samples_.size() > 2 && ev.t - samples_.front().t > kVelocityWindowS) samples_.pop_front();
            if (state_ == State::Pressed || state_ == State::Catching) {
                float dx = ev.pos.x - press_pos_.x, dy = ev.pos.y - press_pos_.y;
                if (dx * dx + dy * dy > slop_ * slop_) {
                    // Becomes a drag: take the press away from ImGui without a click.
                    if (imgui_down_) transition = true;
                    state_ = State::Dragging;
                    imgui_down_ = false;
                    imgui_pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
                    last_y_ = ev.pos.y;  // start scrolling from here: no jump by the slop
                } else if (state_ == State::Pressed) {
                    imgui_pos_ = ev.pos;
                }
            }
            if (state_ == State::Dragging) {
                pending_scroll_ += last_y_ - ev.pos.y;
                last_y_ = ev.pos.y;
            }
            break;
        case Event::Up:
            if (state_ == State::Capturing) {
                captured_.push_back({CapturedPoint::End, ev.pos});
                state_ = State::Idle;
                break;
            }
            if (state_ == State::Dragging && samples_.size() >= 2) {
                const Sample& a = samples_.front();
                double dt = ev.t - a.t;
                if (dt > 0.0 && ev.t - samples_.back().t < kVelocityWindowS) {
                    float v = static_cast<float>((a.y - ev.pos.y) / dt);
                    if (std::fabs(v) > kFlingStartPxS) {
                        fling_velocity_ = std::clamp(v, -kFlingMaxPxS, kFlingMaxPxS);
                        fling_last_t_ = now_s;
                    }
                }
            }
            if (state_ == State::Pressed) {
                imgui_pos_ = ev.pos;
                imgui_down_ = false;
                transition = true;
            }
            if (state_ == State::Dragging || state_ == State::Catching) imgui_pos_ = ev.pos;
            state_ = State::Idle;
            break;
        }
        if (transition) break;
    }
    io.MousePos = imgui_pos_;
    io.MouseDown[0] = imgui_down_;
    for (int i = 1; i < 5; i++) io.MouseDown[i] = false;
    io.MouseWheel = wheel_;
    wheel_ = 0;
}

float PointerInput::take_scroll(double now_s) {
    float delta = pending_scroll_;
    pending_scroll_ = 0;
    if (fling_velocity_ != 0.0f && state_ == State::Idle) {
        double dt = std::min(now_s - fling_last_t_, 0.1);  // a stalled frame must not jump
        fling_last_t_ = now_s;
        // Exact integral of v·e^(−t/τ) over the frame, then decay.
        double decay = std::exp(-dt / kFlingTauS);
        delta += static_cast<float>(fling_velocity_ * kFlingTauS * (1.0 - decay));
        fling_velocity_ = static_cast<float>(fling_velocity_ * decay);
        if (std::fabs(fling_velocity_) < kFlingStopPxS) fling_velocity_ = 0;
    }
    return delta;
}

}  // namespace gongkai
