// App: [SECTION] Staff panel — the session drawn in staff.h: the hidden gesture, the PIN pad
// and its lockout, the panel's actions, settings saved through config_layers.h on a worker,
// and the display settings' revert-unless-confirmed dialog. The screens are screens/staff_*.cpp.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.h"
#include "clock.h"
#include "log.h"

namespace gongkai {

// 20 s to answer "保留这些显示设置吗？": long enough to read the question and reach 保留 on a
// screen that works (GNOME's display dialog gives 20 s, Windows 15), short enough that a
// technician facing a screen that does not (a size the panel cannot show) waits little.
static constexpr int kDisplayConfirmS = 20;
// The panel's status is read again this often while it shows: the daemon's cycle and the
// outbox move in seconds, and a read is a few small rows.
static constexpr std::uint64_t kStaffStatusRefreshMs = 2000;

static std::int64_t unix_s(std::int64_t ms) { return ms / 1000; }

bool App::staff_route() const { return screen_spec(nav_.current().screen).staff; }

// Every pointer press passes here first. Closed: the corner's taps count toward the gesture.
// While the session is open the corner is an ordinary place (the pad's and panel's buttons).
bool App::staff_gesture(float x, float y) {
    if (staff_.stage != StaffView::Stage::Closed) return false;
    switch (gesture_.down(x, y, kStaffCornerPx * scale_, now_ms())) {
    case StaffGesture::Tap::Elsewhere: case StaffGesture::Tap::Counted: return false;
    case StaffGesture::Tap::Swallowed: return true;
    case StaffGesture::Tap::Open:
        open_staff();
        return true;
    }
    return false;
}

bool App::staff_swallows(const SDL_Event& e) {
    switch (e.type) {
    case SDL_FINGERDOWN:
        if (gesture_holds_) return true;
        gesture_holds_ = staff_gesture(e.tfinger.x * width_, e.tfinger.y * height_);
        return gesture_holds_;
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.button != SDL_BUTTON_LEFT) return false;
        if (gesture_holds_) return true;
        gesture_holds_ = staff_gesture(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        return gesture_holds_;
    case SDL_FINGERMOTION: case SDL_MOUSEMOTION: return gesture_holds_;
    case SDL_FINGERUP: case SDL_MOUSEBUTTONUP:
        if (!gesture_holds_) return false;
        gesture_holds_ = false;
        return true;
    default: return false;
    }
}

void App::open_staff() {
    // A PIN set with --set-pin while the kiosk runs counts at once: the layers are read again.
    if (!options_.config_path.empty()) {
        if (auto cfg = load_config(options_.config_path, {})) options_.config.staff_pin_hash = cfg->staff_pin_hash;
    }
    lockout_ = read_pin_lockout(*cache_);
    staff_ = StaffView{};
    staff_.config_path = options_.config_path.empty() ? "/etc/gongkai/gongkai.toml" : options_.config_path;
    const std::string& hash = options_.config.staff_pin_hash;
    staff_.stage = looks_like_pin_hash(hash) ? StaffView::Stage::Pad : StaffView::Stage::NoPin;
    if (!hash.empty() && !looks_like_pin_hash(hash))
        log_warn("staff", "[staff] pin_hash is not an Argon2id hash string; set the PIN again with --set-pin");
    staff_.now_s = unix_s(wall_ms());
    const std::int64_t stored_until = lockout_.locked_until_s;
    staff_.lock_left_s = lockout_.seconds_left(staff_.now_s);
    if (lockout_.locked_until_s != stored_until)  // re-anchored at the cap: kept, so it ends
        writer_->post("re-anchor the staff PIN lock", [until = lockout_.locked_until_s](Cache& cache) {
            return cache.set_state(kStateStaffLockedUntil, std::to_string(until));
        });
    staff_.failures = lockout_.failures;
    staff_touch_ms_ = now_ms();
    log_info("staff", staff_.stage == StaffView::Stage::Pad ? "the staff gesture opened the PIN pad" : "the staff gesture: no PIN is set");
    reading_.stop();
    input_.stop_fling();
    Route before = nav_.current();
    nav_.go(Route{"staff-pin", {}});
    on_route_changed(before);
}

void App::close_staff(bool idle_reset) {
    if (staff_.stage == StaffView::Stage::Closed) return;
    log_info("staff", idle_reset ? "the staff panel closed: no touch for its timeout" : "the staff panel closed");
    staff_ = StaffView{};
    new_pin_first_.clear();
    gesture_.reset();
    Route before = nav_.current();
    while (staff_route() && nav_.depth() > 1) nav_.back();
    if (staff_route()) nav_.home();
    on_route_changed(before);
    if (idle_reset && options_.config.mode == DeviceMode::Kiosk) reset_for_next_resident();
}

void App::wait_for_staff_work() {
    const Uint64 deadline = SDL_GetTicks64() + 10000;
    while ((pin_check_.running() || save_job_.valid()) && SDL_GetTicks64() < deadline) {
        SDL_Delay(5);
        staff_step();
    }
}

void App::refresh_staff_status() {
    staff_status_ms_ = now_ms();
    staff_.status = read_staff_status(*cache_, unix_s(wall_ms()));
    staff_.kiosk_uptime_s = static_cast<std::int64_t>((now_ms() - started_ms_) / 1000);
    if (staff_.sync_requested && !staff_.status.last_attempt.empty() && staff_.status.last_attempt >= staff_.status.sync_requested_at)
        staff_.sync_requested = false;  // the daemon's cycle ran since: its result shows
}

void App::load_staff_drafts() {
    const Config& c = options_.config;
    staff_.hall.assign(kStaffHallFields, "");
    staff_.hall[0] = c.hall_name;
    staff_.hall[1] = c.hall_address;
    staff_.hall[2] = c.hall_hours;
    for (size_t i = 0; i < c.hall_windows.size() && i < static_cast<size_t>(kStaffHallWindows); i++)
        staff_.hall[kStaffHallFirstWindow + i] = c.hall_windows[i];
    staff_.hall[kStaffHallHelp] = c.hall_help;
    staff_.hall_field = -1;
    StaffView::Display d;
    d.orientation = c.orientation == Orientation::Landscape ? "landscape" : "portrait";
    d.rotation = c.rotation;
    d.theme = c.theme;
    d.language = c.language;
    d.text_scale = c.text_scale;
    d.idle_reset_s = c.idle_reset_s;
    d.volume = c.volume;
    staff_.display = d;
    staff_.display_running = d;
}

// Once a step: the PIN check's answer, a save's answer, the lockout's and the dialog's
// countdowns, the panel's status, and its inactivity.
void App::staff_step() {
    const std::int64_t now_s = unix_s(wall_ms());
    if (confirm_deadline_s_ > 0) {
        const std::int64_t left = confirm_deadline_s_ - now_s;
        if (left <= 0) revert_display("no answer before the deadline");
        const int shown = confirm_deadline_s_ > 0 ? static_cast<int>(left) : -1;
        if (shown != confirm_left_s_) {
            confirm_left_s_ = shown;
            frames_pending_ = std::max(frames_pending_, 2);
        }
    }
    if (save_job_.valid() && save_job_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) finish_save();
    if (pin_check_.running()) {
        const int right = pin_check_.poll();
        if (right >= 0 && staff_.stage == StaffView::Stage::Pad) {
            staff_.verifying = false;
            staff_.digits.clear();
            frames_pending_ = std::max(frames_pending_, 3);
            if (right == 1) {
                log_info("staff", "the right PIN: the staff panel opened");
                if (lockout_.failures > 0 || lockout_.locked_until_s > 0) {
                    lockout_ = {};
                    writer_->post("clear the staff PIN's failures", [](Cache& cache) {
                        if (Error e = cache.set_state(kStateStaffPinFailures, "0")) return e;
                        return cache.set_state(kStateStaffLockedUntil, "0");
                    });
                }
                staff_.stage = StaffView::Stage::Panel;
                staff_.message.clear();
                load_staff_drafts();
                refresh_staff_status();
                Route before = nav_.current();
                nav_.go(Route{"staff", {}});
                on_route_changed(before);
            } else {
                lockout_.wrong(now_s);
                log_warn("staff", "a wrong staff PIN (" + std::to_string(lockout_.failures) + " in a row)" +
                                      (lockout_.seconds_left(now_s) > 0 ? "; the pad is locked for " + std::to_string(lockout_.seconds_left(now_s)) + " s" : ""));
                writer_->post("count a wrong staff PIN", [l = lockout_](Cache& cache) {
                    if (Error e = cache.set_state(kStateStaffPinFailures, std::to_string(l.failures))) return e;
                    return cache.set_state(kStateStaffLockedUntil, std::to_string(l.locked_until_s));
                });
                staff_.failures = lockout_.failures;
                staff_.message = strings_->staff_pin_wrong;
                staff_.message_is_error = true;
            }
        }
    }
    if (staff_.stage == StaffView::Stage::Closed) return;
    staff_.now_s = now_s;
    const std::int64_t lock_left = lockout_.seconds_left(now_s);
    if (lock_left != staff_.lock_left_s) {
        staff_.lock_left_s = lock_left;
        frames_pending_ = std::max(frames_pending_, 1);
    }
    if (nav_.current().is("staff") && now_ms() - staff_status_ms_ >= kStaffStatusRefreshMs) {
        refresh_staff_status();
        frames_pending_ = std::max(frames_pending_, 1);
    }
    // The panel closes by itself: panel_timeout_s untouched, or the kiosk's idle reset if
    // that comes first. Not while a save runs: its answer is what staff wait for.
    std::uint64_t timeout_ms = static_cast<std::uint64_t>(std::max(options_.config.staff_panel_timeout_s, 1)) * 1000;
    const bool by_idle_reset = options_.config.idle_reset_s > 0 && static_cast<std::uint64_t>(options_.config.idle_reset_s) * 1000 < timeout_ms;
    if (by_idle_reset) timeout_ms = static_cast<std::uint64_t>(options_.config.idle_reset_s) * 1000;
    if (!save_job_.valid() && !pin_check_.running() && now_ms() - staff_touch_ms_ >= timeout_ms) close_staff(true);
}

void App::staff_key(const std::string& key) {
    const bool new_pin = nav_.current().is("staff-new-pin");
    if (!new_pin && (staff_.verifying || staff_.lock_left_s > 0)) return;
    if (staff_.saving) return;
    if (key == "del") {
        if (!staff_.digits.empty()) staff_.digits.pop_back();
        return;
    }
    if (key != "ok") {
        if (key.size() == 1 && key[0] >= '0' && key[0] <= '9' && staff_.digits.size() < kPinMaxDigits) staff_.digits += key;
        staff_.message.clear();
        return;
    }
    if (Error e = check_pin_format(staff_.digits)) {
        staff_.message = strings_->staff_pin_format;
        staff_.message_is_error = true;
        return;
    }
    if (!new_pin) {
        staff_.verifying = true;
        pin_check_.start(options_.config.staff_pin_hash, staff_.digits);
        return;
    }
    // Change PIN: the new one twice, then hashed and saved on the worker.
    if (!staff_.new_pin_repeat) {
        new_pin_first_ = staff_.digits;
        staff_.new_pin_repeat = true;
        staff_.digits.clear();
        staff_.message.clear();
        return;
    }
    if (staff_.digits != new_pin_first_) {
        staff_.message = strings_->staff_pin_mismatch;
        staff_.message_is_error = true;
        staff_.new_pin_repeat = false;
        staff_.digits.clear();
        new_pin_first_.clear();
        return;
    }
    save_settings(StaffSave::Pin, {}, staff_.digits);
    staff_.digits.clear();
    new_pin_first_.clear();
}

void App::staff_event(const std::string& action) {
    staff_touch_ms_ = now_ms();
    frames_pending_ = std::max(frames_pending_, 3);
    if (action == "keep" || action == "revert") {
        if (confirm_deadline_s_ == 0) return;
        if (action == "revert") {
            revert_display("staff tapped 恢复");
            return;
        }
        if (Error e = confirm_settings(options_.config_path)) {
            log_error("staff", "the display settings could not be kept: " + e.describe());
            staff_.message = strings_->staff_not_saved + e.describe();
            staff_.message_is_error = true;
        } else {
            log_info("staff", "the new display settings are kept");
            staff_.message = strings_->staff_kept;
            staff_.message_is_error = false;
        }
        confirm_deadline_s_ = 0;
        confirm_left_s_ = -1;
        return;
    }
    if (staff_.stage == StaffView::Stage::Closed) return;
    if (action == "close") {
        if (nav_.current().is("staff-pin") || nav_.current().is("staff")) close_staff(false);
        else {
            // A sub-screen: back to the panel; a draft not saved is dropped.
            Route before = nav_.current();
            nav_.back();
            load_staff_drafts();
            staff_.digits.clear();
            staff_.new_pin_repeat = false;
            on_route_changed(before);
            refresh_staff_status();
        }
        return;
    }
    if (action.starts_with("key/")) {
        staff_key(action.substr(4));
        return;
    }
    // Everything below is the panel's, behind the PIN.
    if (staff_.stage != StaffView::Stage::Panel) return;
    if (action.starts_with("open/")) {
        const std::string screen = action.substr(5);
        if (!screen_spec(screen).staff || screen == "staff-pin" || screen == "staff") return;
        staff_.message.clear();
        load_staff_drafts();
        staff_.touches.clear();
        Route before = nav_.current();
        nav_.go(Route{screen, {}});
        on_route_changed(before);
        return;
    }
    if (action == "sync") {
        const std::string at = utc_now_rfc3339();
        writer_->post("ask gongkai-sync for a cycle now", [at](Cache& cache) { return cache.set_state(kStateSyncRequested, at); });
        log_info("staff", "staff asked for a sync now (" + at + ")");
        staff_.sync_requested = true;
        staff_.status.sync_requested_at = at;
        staff_.message = strings_->staff_sync_asked;
        staff_.message_is_error = false;
        return;
    }
    if (action == "restart") {
        log_info("staff", "staff asked for a restart: exiting with status " + std::to_string(kStaffRestartExitStatus) +
                              " for systemd to start the kiosk again");
        exit_status_ = kStaffRestartExitStatus;
        quit_ = true;
        return;
    }
    if (action == "touch-clear") {
        staff_.touches.clear();
        return;
    }
    if (action.starts_with("field/")) {
        const int field = std::atoi(action.c_str() + 6);
        staff_.hall_field = field >= 0 && field < kStaffHallFields ? field : -1;
        staff_.hall_reveal = staff_.hall_field >= 0;
        text_field_changed();
        return;
    }
    if (action == "save-hall") {
        // Only what staff changed is written, as with the display defaults: a value the office
        // sets later in gongkai.toml or the preset still reaches a field left alone. A field
        // emptied removes the device's own value (the other layers' shows again).
        const Config& c = options_.config;
        std::vector<std::string> windows;
        for (int i = kStaffHallFirstWindow; i < kStaffHallFirstWindow + kStaffHallWindows; i++)
            if (!staff_.hall[i].empty()) windows.push_back(staff_.hall[i]);
        // The config may list more windows than the panel shows (up to 24): those stay.
        for (size_t i = kStaffHallWindows; i < c.hall_windows.size(); i++) windows.push_back(c.hall_windows[i]);
        std::vector<SettingChange> changes;
        auto text = [&](const char* key, const std::string& now, const std::string& was) {
            if (now == was) return;
            changes.push_back({"hall", key, now.empty() ? std::nullopt : std::optional<SettingValue>(now)});
        };
        text("name", staff_.hall[0], c.hall_name);
        text("address", staff_.hall[1], c.hall_address);
        text("hours", staff_.hall[2], c.hall_hours);
        text("help", staff_.hall[kStaffHallHelp], c.hall_help);
        if (windows != c.hall_windows)
            changes.push_back({"hall", "windows", windows.empty() ? std::nullopt : std::optional<SettingValue>(windows)});
        staff_.hall_field = -1;
        text_field_changed();
        if (changes.empty()) {
            staff_.message = strings_->staff_nothing_changed;
            staff_.message_is_error = false;
            return;
        }
        save_settings(StaffSave::Plain, std::move(changes));
        return;
    }
    if (action.starts_with("set/")) {
        // set/<key>/<value>: a draft of the display defaults, applied with 应用.
        const std::string rest = action.substr(4);
        const size_t slash = rest.find('/');
        if (slash == std::string::npos) return;
        const std::string key = rest.substr(0, slash), value = rest.substr(slash + 1);
        StaffView::Display& d = staff_.display;
        if (key == "orientation") d.orientation = value;
        else if (key == "rotation") d.rotation = std::atoi(value.c_str());
        else if (key == "theme") d.theme = value;
        else if (key == "language") d.language = value;
        else if (key == "text_scale") d.text_scale = std::round(std::atof(value.c_str()) * 10) / 10;
        else if (key == "idle_reset_s") d.idle_reset_s = std::atoi(value.c_str());
        else if (key == "volume") d.volume = std::atoi(value.c_str());
        staff_.message.clear();
        return;
    }
    if (action == "apply-display") {
        const StaffView::Display& d = staff_.display;
        const StaffView::Display& r = staff_.display_running;
        // Only what changed is written: local.toml keeps the device's own choices, and a
        // preset's or the main file's value stays in force for the rest.
        std::vector<SettingChange> look, plain;
        if (d.orientation != r.orientation) look.push_back({"display", "orientation", SettingValue(d.orientation)});
        if (d.rotation != r.rotation) look.push_back({"display", "rotation", SettingValue(static_cast<int64_t>(d.rotation))});
        if (d.theme != r.theme) look.push_back({"display", "theme", SettingValue(d.theme)});
        if (d.language != r.language) look.push_back({"display", "language", SettingValue(d.language)});
        if (d.text_scale != r.text_scale) look.push_back({"display", "text_scale", SettingValue(d.text_scale)});
        if (d.idle_reset_s != r.idle_reset_s) plain.push_back({"display", "idle_reset_s", SettingValue(static_cast<int64_t>(d.idle_reset_s))});
        if (d.volume != r.volume) plain.push_back({"display", "volume", SettingValue(static_cast<int64_t>(d.volume))});
        if (look.empty() && plain.empty()) {
            staff_.message = strings_->staff_nothing_changed;
            staff_.message_is_error = false;
            return;
        }
        // A change of look or size can leave the screen unreadable: it waits for 保留. The
        // idle reset and the volume cannot, and are saved as they are — but written together,
        // so a refused value refuses the whole change and nothing is half-applied.
        const StaffSave what = look.empty() ? StaffSave::Plain : StaffSave::Display;
        look.insert(look.end(), plain.begin(), plain.end());
        save_settings(what, std::move(look));
        return;
    }
}

void App::save_settings(StaffSave what, std::vector<SettingChange> changes, std::string pin) {
    if (options_.config_path.empty()) {
        staff_.message = strings_->staff_no_config_file;
        staff_.message_is_error = true;
        return;
    }
    if (save_job_.valid()) return;  // one at a time: the button shows 保存中
    staff_.saving = true;
    staff_.message.clear();
    save_what_ = what;
    const int confirm_s = what == StaffSave::Display ? kDisplayConfirmS : 0;
    const std::int64_t now_s = unix_s(wall_ms());
    // On a worker: a PIN's Argon2id hash costs more than a frame, and the write syncs files.
    save_job_ = std::async(std::launch::async, [path = options_.config_path, changes = std::move(changes), pin = std::move(pin),
                                                confirm_s, now_s]() mutable -> Result<Config> {
        if (!pin.empty()) {
            auto hash = hash_pin(pin);
            if (!hash) return hash.error();
            changes.push_back({"staff", "pin_hash", SettingValue(*hash)});
        }
        return apply_settings(path, changes, confirm_s, now_s);
    });
}

void App::finish_save() {
    Result<Config> saved = save_job_.get();
    staff_.saving = false;
    frames_pending_ = std::max(frames_pending_, 3);
    if (!saved) {
        // Refused (the value's reason, named) or not written: nothing changed.
        log_warn("staff", "a setting was not saved: " + saved.error().describe());
        staff_.message = strings_->staff_not_saved + saved.error().detail;
        staff_.message_is_error = true;
        if (save_what_ == StaffSave::Pin) staff_.new_pin_repeat = false;
        return;
    }
    log_info("staff", save_what_ == StaffSave::Pin ? "the staff PIN was changed" : "settings saved to " + local_config_path(options_.config_path));
    adopt_config(*saved);
    staff_.message_is_error = false;
    // A display change is not saved for good yet: the dialog asks, so no "已保存" under it.
    staff_.message = save_what_ == StaffSave::Pin ? strings_->staff_pin_changed : save_what_ == StaffSave::Display ? "" : strings_->staff_saved;
    if (save_what_ == StaffSave::Display) confirm_deadline_s_ = unix_s(wall_ms()) + kDisplayConfirmS;
    if (save_what_ == StaffSave::Pin && nav_.current().is("staff-new-pin")) {
        Route before = nav_.current();
        nav_.back();
        on_route_changed(before);
    }
    if (staff_.stage != StaffView::Stage::Closed) {
        const std::string message = staff_.message;
        load_staff_drafts();
        staff_.message = message;
    }
}

void App::revert_display(const char* why) {
    confirm_deadline_s_ = 0;
    confirm_left_s_ = -1;
    if (Error e = revert_settings(options_.config_path)) {
        log_error("staff", std::string("the display settings could not be reverted (") + why + "): " + e.describe());
        return;
    }
    log_info("staff", std::string("the display settings were reverted: ") + why);
    if (auto cfg = load_config(options_.config_path, {})) adopt_config(*cfg);
    else log_error("config", cfg.error().describe());
    if (staff_.stage != StaffView::Stage::Closed) {
        load_staff_drafts();
        staff_.message = strings_->staff_reverted;
        staff_.message_is_error = false;
    }
}

// At start-up, before the window opens: a display change made before a restart (or a crash)
// is still waiting for 保留. Its deadline passed while the kiosk was down: the last good
// settings come back before anything is drawn. Else the dialog shows the time left.
void App::check_pending_settings() {
    if (options_.config_path.empty()) return;
    const PendingSettings pending = pending_settings(options_.config_path);
    if (!pending.pending) return;
    const std::int64_t now_s = unix_s(wall_ms());
    if (now_s < pending.deadline_unix_s) {
        log_info("staff", "display settings wait to be kept: " + std::to_string(pending.deadline_unix_s - now_s) + " s left");
        confirm_deadline_s_ = pending.deadline_unix_s;
        return;
    }
    if (Error e = revert_settings(options_.config_path)) {
        log_error("staff", "the unconfirmed display settings could not be reverted: " + e.describe());
        return;
    }
    log_info("staff", "the display settings were not kept before their deadline: the last good ones are back");
    auto cfg = load_config(options_.config_path, {});
    if (cfg) options_.config = *cfg;
    else log_error("config", cfg.error().describe());
}

void App::adopt_config(const Config& cfg) {
    const Config before = options_.config;
    options_.config = cfg;
    options_.config.cache_path = before.cache_path;  // the open cache stays: a new path needs a restart
    // Look and language: the device's defaults; a resident's own choice ends with them.
    choose_look(options_.config);
    wraps_.set_language(strings_->line_break_lang);
    search_->set_strings(*strings_);
    apply_style();
    fonts_dirty_ = true;  // sizes, the language's characters, the hall's new text
    reading_.set_volume(options_.config.volume);
    // The window: its size follows the orientation where the app sizes it (windowed); a
    // fullscreen window is the display's size whatever the config says.
    if (cfg.orientation != before.orientation || cfg.width != before.width || cfg.height != before.height ||
        cfg.rotation != before.rotation) {
        int w = cfg.logical_width(), h = cfg.logical_height();
        if (options_.width > 0 && options_.height > 0) {
            // --size (or a test) chose the size: a new orientation turns it.
            const bool landscape = cfg.orientation == Orientation::Landscape;
            w = landscape ? std::max(options_.width, options_.height) : std::min(options_.width, options_.height);
            h = landscape ? std::min(options_.width, options_.height) : std::max(options_.width, options_.height);
            options_.width = w;
            options_.height = h;
        }
        // [display] rotation turns the picture inside whatever window there is (rotation.h):
        // the way to turn a fullscreen kiosk, whose window is the display's size.
        rotation_ = cfg.rotation;
        if (cfg.orientation != before.orientation || cfg.width != before.width || cfg.height != before.height) {
            if (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP)
                log_info("display", "fullscreen: the window stays the display's size; [display] rotation turns the picture");
            else
                SDL_SetWindowSize(window_, w, h);
        }
        update_canvas_size();
        scale_ = std::min(width_, height_) / 1080.0f;
        input_ = PointerInput(theme_.tap_slop * scale_);
        log_info("display", "the screens are now laid out at " + std::to_string(width_) + "x" + std::to_string(height_) +
                                (rotation_ != 0 ? ", turned " + std::to_string(rotation_) + "°" : ""));
    }
    load_route_data();
    frames_pending_ = std::max(frames_pending_, 3);
}

void App::staff_record_touch(const SDL_Event& e) {
    if (!nav_.current().is("staff-touch")) return;
    StaffView::TouchPoint p{};
    if (e.type == SDL_FINGERDOWN || e.type == SDL_FINGERMOTION) {
        p = {e.tfinger.x * width_, e.tfinger.y * height_, static_cast<int>(e.tfinger.fingerId % 10)};
    } else if (e.type == SDL_MOUSEBUTTONDOWN || (e.type == SDL_MOUSEMOTION && (e.motion.state & SDL_BUTTON_LMASK))) {
        p = {static_cast<float>(e.type == SDL_MOUSEMOTION ? e.motion.x : e.button.x),
             static_cast<float>(e.type == SDL_MOUSEMOTION ? e.motion.y : e.button.y), 0};
    } else {
        return;
    }
    if (staff_.touches.size() >= kStaffTouchPoints) staff_.touches.erase(staff_.touches.begin(), staff_.touches.begin() + kStaffTouchPoints / 4);
    staff_.touches.push_back(p);
}

}  // namespace gongkai
