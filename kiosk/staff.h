// The staff panel's machinery, apart from drawing: the hidden gesture that opens the PIN pad,
// the PIN (an Argon2id hash, libsodium's crypto_pwhash_str), the lockout after wrong PINs,
// and the device status the panel shows. The screens are screens/staff_*.cpp; the app
// (app_staff.cpp, [SECTION] Staff panel) runs the session and hands its StaffView to them.
//
// The session (one per kiosk):
//
//            5 taps in the top-left corner within 3 s
//   Closed ─────────────────────────────────────▶ PIN set? ──no──▶ NoPin: how to set one
//     ▲                                              │ yes
//     │                                              ▼
//     │                 ┌──────────────────────▶ Pad: digits, 确定 (while locked the keys
//     │                 │                            │   take nothing and a countdown shows)
//     │   wrong: failures + 1; from the fifth        ▼
//     │   a lock, 30 s doubling to 1 h ◀────── verifying (Argon2id on a worker, ~60 ms)
//     │                                              │ right: failures = 0
//     │                                              ▼
//     └── 关闭, panel_timeout_s untouched, ◀────── Panel and its screens
//         or the kiosk's idle reset (from every state but Closed)
//
// Invariant: a staff route (registry.cpp rows with `staff` set) is shown only while the
// session is open, the panel's only in Panel; no route, deep link or --route reaches any
// of them (their rows are not deep_link, and App::navigate refuses them).
#pragma once
#include <cstdint>
#include <deque>
#include <future>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"

namespace gongkai {

class Cache;

//-----------------------------------------------------------------------------
// The gesture
//-----------------------------------------------------------------------------
// Five taps within 3 s in the top-left square, kStaffCornerPx design px on a side (scaled
// with the screen). The top-left because it is the same place on every screen and in both
// orientations, kiosk and board: the top bar's Back button starts 20 px in, so the square
// covers only Back's outer third — a resident aims at Back's middle (145 px in), outside
// it. 100 px is ~16 mm on a 27" 1080-px panel: a fingertip fits with room to spare.
// Five taps, not three: a resident who taps Back twice in a hurry is far from five.
inline constexpr float kStaffCornerPx = 100;
inline constexpr int kStaffGestureTaps = 5;
inline constexpr std::uint64_t kStaffGestureWindowMs = 3000;
// The first two taps of a run reach whatever is under the corner (Back, on most screens: at
// worst two pages back, as a resident's own double tap would); from the third on they are
// the gesture's and reach nothing. So the gesture costs at most two Backs, and a resident
// who taps Back two or three times never loses more than the third.
inline constexpr int kStaffGesturePassTaps = 2;

class StaffGesture {
public:
    enum class Tap {
        Elsewhere,  // not in the corner: the run starts again; the tap is the page's
        Counted,    // in the corner, and the page gets it too
        Swallowed,  // in the corner: the gesture's alone (its lift as well)
        Open,       // the fifth: open the pad (this press and its lift are the gesture's)
    };
    // A finger or the mouse went down at (x, y) screen pixels; `corner_px` the square's side.
    Tap down(float x, float y, float corner_px, std::uint64_t now_ms);
    void reset() { taps_.clear(); }

private:
    std::deque<std::uint64_t> taps_;
};

//-----------------------------------------------------------------------------
// The PIN
//-----------------------------------------------------------------------------
// 4 to 8 digits: what a technician can type on a numeric pad and remember; the hash and the
// lockout, not the length, keep a guesser out (docs/security.md).
inline constexpr size_t kPinMinDigits = 4, kPinMaxDigits = 8;
// KioskError::PinInvalid naming the rule the PIN breaks, or Ok.
Error check_pin_format(std::string_view pin);
// libsodium's crypto_pwhash_str: Argon2id v1.3 (crypto_pwhash_ALG_DEFAULT in 1.0.18) with
// OPSLIMIT_INTERACTIVE (2 passes) and MEMLIMIT_INTERACTIVE (64 MiB): "$argon2id$v=19$m=65536,t=2,p=1$…".
// Interactive, not moderate (256 MiB, ~0.7 s): the kiosk has the memory only for a moment and
// the lockout already limits a guesser to a few tries an hour; the hash guards a copied file.
// Measured by build/tests/gongkai-tests "[staff][pin-timing]": docs/performance.md.
Result<std::string> hash_pin(std::string_view pin);
bool verify_pin(const std::string& hash, std::string_view pin);
bool looks_like_pin_hash(std::string_view hash);  // "$argon2id$" and the right length

//-----------------------------------------------------------------------------
// The lockout
//-----------------------------------------------------------------------------
// Five wrong PINs are free (a finger that slips, a forgotten change); each wrong PIN from the
// fifth locks the pad: 30 s, then doubling — 60, 120 … — capped at an hour. 30 s costs a staff
// member who mistyped little; the cap keeps a forgetful technician's wait bounded, and at a
// try an hour a 4-digit PIN takes ~7 months on average to guess. Counted on the wall clock and
// kept in the cache (kStateStaffPinFailures, kStateStaffLockedUntil), so restarting the kiosk
// does not reset it; a right PIN does.
inline constexpr int kPinLockAfterFailures = 5;
inline constexpr int kPinFirstLockS = 30, kPinMaxLockS = 3600;
int pin_lock_seconds(int failures);
inline constexpr const char* kStateStaffPinFailures = "staff.pin_failures";
inline constexpr const char* kStateStaffLockedUntil = "staff.pin_locked_until";  // unix seconds

struct PinLockout {
    int failures = 0;
    std::int64_t locked_until_s = 0;
    // Seconds left at `now_s` (0: not locked). A lock further off than the cap (the clock was
    // set back) counts as the cap.
    std::int64_t seconds_left(std::int64_t now_s);  // re-anchors a lock past the cap
    void wrong(std::int64_t now_s);
};
// From the cache's state; a key that is missing or unreadable counts as no failures.
PinLockout read_pin_lockout(Cache& cache);

// Verifies on a worker thread: Argon2id takes longer than a frame (docs/performance.md).
class PinCheck {
public:
    void start(std::string hash, std::string pin);
    bool running() const { return pending_.valid(); }
    // The answer once ready: 1 right, 0 wrong, -1 not yet.
    int poll();

private:
    std::future<bool> pending_;
};

//-----------------------------------------------------------------------------
// What the panel shows
//-----------------------------------------------------------------------------
// Read from the cache's state (the keys gongkai-sync status --json reads), the outbox, the
// file system and the network interfaces — on the frame loop's step every few seconds while
// the panel is open (a handful of reads of small rows), never in a draw.
struct StaffStatus {
    bool catalogue = false;
    std::int64_t catalogue_version = 0, catalogue_items = 0;
    std::string catalogue_source, catalogue_created, catalogue_installed_at;
    std::string catalogue_error;  // why the catalogue could not be read, named
    bool stale = false;
    std::string last_success, last_attempt, last_error, sync_requested_at;
    std::int64_t outbox_records = -1;
    std::string outbox_error;
    std::uint64_t disk_free_bytes = 0, disk_total_bytes = 0;
    std::string disk_error;
    std::int64_t system_uptime_s = -1;
    std::vector<std::string> addresses;  // "eth0 192.168.1.20", loopback left out
    std::string version;
};
StaffStatus read_staff_status(Cache& cache, std::int64_t now_s);

// What the staff screens draw: the session's stage, the pad, the status, the drafts being
// edited. Rebuilt by the app; the screens only read it and emit UiEvent::Kind::Staff.
struct StaffView {
    enum class Stage { Closed, NoPin, Pad, Panel };
    Stage stage = Stage::Closed;
    // The pad: what was typed (drawn as dots), whether the Argon2id check runs, the lockout.
    std::string digits;
    bool verifying = false;
    int failures = 0;
    std::int64_t lock_left_s = 0;
    // The last answer to staff: a refusal with its named reason, or what was done.
    std::string message;
    bool message_is_error = false;
    // Change PIN ("staff-new-pin"): the first entry, kept until the second matches it.
    bool new_pin_repeat = false;
    StaffStatus status;
    std::int64_t now_s = 0, kiosk_uptime_s = 0;
    bool sync_requested = false;  // since the panel opened: shown until the daemon's next attempt
    // Hall details: kStaffHallFields texts (name, address, hours, then the windows, one a
    // field, empty ones dropped on save, then the help line), the field the keyboard types
    // into (-1: none). Indices: kStaffHallFirstWindow, kStaffHallHelp.
    std::vector<std::string> hall;
    int hall_field = -1;
    // A field was just chosen: the next frame scrolls it clear of the keyboard (once, so a
    // finger can still scroll the page while typing).
    bool hall_reveal = false;
    // Display defaults as chosen on the screen (applied with 应用), and as the device runs.
    struct Display {
        std::string orientation = "portrait";  // "portrait" / "landscape"
        int rotation = 0;                      // 0 / 90 / 180 / 270: the picture turned (rotation.h)
        std::string theme = "standard";        // "standard" / "large" (长辈版) / "high-contrast"
        std::string language = "zh-CN";
        double text_scale = 1.0;
        int idle_reset_s = 90;
        int volume = 100;
        bool operator==(const Display&) const = default;
    };
    Display display, display_running;
    // The touch test: every point a finger touched (screen pixels), newest last, and each
    // finger's latest point; bounded by kStaffTouchPoints.
    struct TouchPoint { float x, y; int finger; };
    std::vector<TouchPoint> touches;
    bool saving = false;  // a settings write (or a PIN hash) runs on its worker
    // The --config file the kiosk runs with: the no-PIN message names it in the command.
    std::string config_path;
};
// name, address, hours, six windows (the demo halls list three to five) and the help line
// ("需要帮忙": where a resident who is stuck turns).
inline constexpr int kStaffHallWindows = 6, kStaffHallFirstWindow = 3;
inline constexpr int kStaffHallHelp = kStaffHallFirstWindow + kStaffHallWindows, kStaffHallFields = kStaffHallHelp + 1;
// A minute of a finger moving at 60 events a second: enough to see a calibration's drift.
inline constexpr size_t kStaffTouchPoints = 4000;

// "sync.requested_at": the kiosk asks gongkai-sync for a cycle now (it has no network code);
// the daemon looks every few seconds (sync/catalogue/cache.h kStateSyncRequested).

// Exit status of the kiosk when staff tap 重新启动: systemd's Restart=always starts it again;
// 75 is EX_TEMPFAIL in sysexits.h ("try again"), told apart from a crash (signal) and from a
// failed start (1) in the journal.
inline constexpr int kStaffRestartExitStatus = 75;

}  // namespace gongkai
