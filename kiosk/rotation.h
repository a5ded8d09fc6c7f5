// Turning the picture for a screen mounted another way round ([display] rotation).
//
// A hall's monitor is often a landscape panel hung portrait, and under cage a fullscreen
// kiosk gets the output's own mode (1920×1080) whatever the wall says. With rotation = 90 the
// kiosk lays out a 1080×1920 canvas, draws it into a texture and shows that turned 90°
// clockwise; touches and clicks, which arrive in the window's coordinates, are turned back
// into the canvas's. 0 changes nothing (no texture, no extra copy).
//
//   window (W×H)                 canvas (logical, what every screen lays out)
//   rotation 90:  (wx, wy)  ←→  (lx, ly) = (wy, W − wx),      canvas H×W
//   rotation 180: (wx, wy)  ←→  (lx, ly) = (W − wx, H − wy),  canvas W×H
//   rotation 270: (wx, wy)  ←→  (lx, ly) = (H − wy, wx),      canvas H×W
#pragma once
#include <SDL.h>

namespace gongkai {

// The canvas a window of win_w × win_h lays out at `rotation` degrees (0, 90, 180, 270).
inline void rotated_canvas_size(int rotation, int win_w, int win_h, int* w, int* h) {
    const bool quarter = rotation == 90 || rotation == 270;
    *w = quarter ? win_h : win_w;
    *h = quarter ? win_w : win_h;
}

// A point on the canvas → where it shows in the window (the inverse of event_to_canvas).
inline void canvas_to_window(int rotation, int win_w, int win_h, float lx, float ly, float* wx, float* wy) {
    switch (rotation) {
    case 90: *wx = win_w - ly; *wy = lx; break;
    case 180: *wx = win_w - lx; *wy = win_h - ly; break;
    case 270: *wx = ly; *wy = win_h - lx; break;
    default: *wx = lx; *wy = ly; break;
    }
}

// An input event in the window's coordinates → the same event in the canvas's: fingers
// (normalised 0–1 to the canvas), mouse buttons and motion (pixels; motion's relative
// deltas turned too). Other events are returned as they are.
inline SDL_Event event_to_canvas(const SDL_Event& in, int rotation, int win_w, int win_h) {
    SDL_Event e = in;
    if (rotation == 0) return e;
    auto turn = [&](float wx, float wy, float* lx, float* ly) {  // pixels
        switch (rotation) {
        case 90: *lx = wy; *ly = win_w - wx; break;
        case 180: *lx = win_w - wx; *ly = win_h - wy; break;
        case 270: *lx = win_h - wy; *ly = wx; break;
        default: *lx = wx; *ly = wy; break;
        }
    };
    int cw = 0, ch = 0;
    rotated_canvas_size(rotation, win_w, win_h, &cw, &ch);
    switch (e.type) {
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION: {
        float lx = 0, ly = 0, dx = 0, dy = 0;
        turn(in.tfinger.x * win_w, in.tfinger.y * win_h, &lx, &ly);
        e.tfinger.x = cw > 0 ? lx / cw : 0;
        e.tfinger.y = ch > 0 ? ly / ch : 0;
        // A delta turns without the offset: turn (d, 0) and (0, 0) and subtract.
        float ox = 0, oy = 0;
        turn(0, 0, &ox, &oy);
        turn(in.tfinger.dx * win_w, in.tfinger.dy * win_h, &dx, &dy);
        e.tfinger.dx = cw > 0 ? (dx - ox) / cw : 0;
        e.tfinger.dy = ch > 0 ? (dy - oy) / ch : 0;
        break;
    }
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: {
        float lx = 0, ly = 0;
        turn(static_cast<float>(in.button.x), static_cast<float>(in.button.y), &lx, &ly);
        e.button.x = static_cast<Sint32>(lx);
        e.button.y = static_cast<Sint32>(ly);
        break;
    }
    case SDL_MOUSEMOTION: {
        float lx = 0, ly = 0, dx = 0, dy = 0, ox = 0, oy = 0;
        turn(static_cast<float>(in.motion.x), static_cast<float>(in.motion.y), &lx, &ly);
        turn(0, 0, &ox, &oy);
        turn(static_cast<float>(in.motion.xrel), static_cast<float>(in.motion.yrel), &dx, &dy);
        e.motion.x = static_cast<Sint32>(lx);
        e.motion.y = static_cast<Sint32>(ly);
        e.motion.xrel = static_cast<Sint32>(dx - ox);
        e.motion.yrel = static_cast<Sint32>(dy - oy);
        break;
    }
    default: break;
    }
    return e;
}

}  // namespace gongkai
