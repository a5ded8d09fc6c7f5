// The kiosk application: SDL2 window + SDL_Renderer + Dear ImGui, the frame loop, and
// the read-only view of the cache the screens draw from. Redraws only on input,
// animation or a catalogue change, so an idle kiosk sleeps in SDL_WaitEventTimeout.
// What each screen is, loads and draws is the screen registry's (screens/registry.cpp);
// search is the SearchController's; writes go through the CacheWriter's thread.
//
// The loop (step):
//
//   ┌──────────── wait for an event, at most until the next catalogue poll (1 s) ─┐
//   ▼                                                                              │
//  events ─▶ PointerInput / ImGui backend ─▶ frames_pending = 3                    │
//   │          (a finger on the handwriting pad: strokes to TextInput, not ImGui)  │
//  poll: TextInput — engines loaded, newest candidates (its threads wake the wait) │
//  poll: PRAGMA data_version changed? ─▶ reload index (keep the old one on error)  │
//   │                                                                              │
//  frames_pending > 0 or a fling moving? ─yes─▶ draw a frame ─▶ screen events ─▶ navigate
//   │ no                                                                           │
//   └──────────────────────────────────────────────────────────────────────────────┘
//
// Three frames after an event: one for ImGui to see the press or release, one for the
// layout that results (a new page), one for hover/active states to settle.
#pragma once
#include <SDL.h>

#include <future>
#include <memory>
#include <string>

#include "board.h"
#include "cache.h"
#include "display_power.h"
#include "kiosk_errors.h"
#include "page_rating.h"
#include "cache_writer.h"
#include "config.h"
#include "config_layers.h"
#include "fonts.h"
#include "read_aloud.h"
#include "route.h"
#include "screens/screens.h"
#include "search_controller.h"
#include "staff.h"
#include "text_input.h"
#include "text_layout.h"
#include "theme.h"
#include "touch.h"
#include "ui.h"
#include "ui_strings.h"

namespace gongkai {

struct AppOptions {
    Config config;
    bool headless = false;    // SDL's dummy video driver and the software renderer
    bool windowed = false;    // ignore config's fullscreen
    int width = 0, height = 0;  // 0: the config's logical size
    TextInputOptions input;     // the handwriting model and pinyin data (tests point them elsewhere)
    // Non-zero: the wall clock stands at this moment (--now) until set_wall_clock moves it.
    std::time_t now = 0;
    // The file given with --config: the staff panel writes local.toml beside it through
    // config_layers.h, and a pending display change is confirmed or reverted there. "": the
    // panel can show status and test touch, but saves nothing.
    std::string config_path;
    // When the search index, the pinyin engine and the handwriting model load, on worker
    // threads (~0.3 s of CPU and ~60 MiB on the demo catalogue, more with a larger one): once the first frame
    // is shown, so a resident sees the page first; or only when a page takes text, so a
    // picture of one page that takes none (--screenshot) never waits for them.
    enum class Engines { AfterFirstFrame, WhenTextIsTaken } engines = Engines::AfterFirstFrame;
    // Where built glyph atlases are kept and restored from (atlas_cache.h); "": rasterise
    // every time. gongkai-kiosk uses default_atlas_dir(); tests choose.
    std::string atlas_dir;
    // This run makes a picture (--screenshot), not the kiosk. Only a frame that no other
    // follows is rasterised: ImGui draws a changed page 2–3 times while its layout settles,
    // ~25 ms each on the software renderer at 1080×1920, and only the last is ever seen. And
    // the kiosk's liveness is not stamped: the heartbeat's kiosk_alive says the kiosk runs.
    bool picture = false;
    // Non-empty: the cache was opened without its whole-file check (CacheCheck::Later), so
    // once the first frame is shown a worker thread runs it on a connection of its own; a
    // damaged file is then moved aside and this catalogue installed in a fresh one
    // (open_cache_with_fallback), which the next poll reads. gongkai-kiosk passes the demo.
    std::string_view damaged_cache_fallback;
};

class App {
public:
    static Result<std::unique_ptr<App>> create(const AppOptions& options, std::unique_ptr<Cache> cache);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // One pass of the loop. `wait`: sleep until an event or the next poll when idle.
    // Returns false once the window was closed.
    bool step(bool wait);
    // Runs until the window is closed (0) or staff tap 重新启动 (kStaffRestartExitStatus).
    int run();
    int exit_status() const { return exit_status_; }

    void navigate(const Route& route);
    // Draws until nothing is pending (pages laid out, atlas complete, flings stopped,
    // search index built, queued writes done); at most `max_frames`.
    void settle(int max_frames = 30);
    [[nodiscard]] Error save_screenshot(const std::string& png_path);
    // The last frame's pixels, RGBA, row by row (what save_screenshot writes).
    [[nodiscard]] Error read_pixels(std::vector<unsigned char>* rgba, int* w, int* h);

    const Route& route() const { return nav_.current(); }
    const FrameRecord& frame() const { return record_; }
    float scroll_y() const { return scroll_y_; }
    float scroll_max_y() const { return scroll_max_y_; }
    int frames_drawn() const { return frames_drawn_; }
    bool idle() const {
        return frames_pending_ == 0 && !input_.busy() && !fonts_dirty_ && !engines_due() && !search_->building() &&
               writer_->pending() == 0 && !text_input_->busy() && integrity_ != IntegrityCheck::Running;
    }
    const FontSet& fonts() const { return fonts_; }
    const CatalogueIndex& index() const { return index_; }
    const ItemShelf& items() const { return shelf_; }
    // The whole-file check after the first frame has run (AppOptions::damaged_cache_fallback).
    bool cache_checked() const { return integrity_ == IntegrityCheck::Done; }
    const Error& picture_damage() const { return picture_damage_; }
    const SearchView& search_view() const { return search_->view(); }
    const TextInputView& input_view() const { return text_input_->view(); }
    const TextInput& text_input() const { return *text_input_; }
    const Theme& theme() const { return theme_; }
    const UiStrings& strings() const { return *strings_; }
    const Look& look() const { return look_; }
    const ReadingView& reading() const { return reading_.view(); }
    int reading_volume() const { return reading_.volume(); }  // 0–100, [display] volume
    const RatingView& rating() const { return rating_->view(); }
    SDL_Window* window() { return window_; }
    int width() const { return width_; }
    int height() const { return height_; }
    // Forces the next catalogue poll to happen on the next step (tests, SIGHUP later).
    void poll_catalogue_now() { next_poll_ms_ = 0; }
    // The wall clock every decision about time reads — what is in force, urgent banners,
    // the board's rotation and the hall's hours: the system's, or the one --now and tests set.
    std::int64_t wall_ms() const;
    // Stops the wall clock at `unix_ms` (milliseconds since the epoch); it moves only when
    // called again. Tests step through a week with it.
    void set_wall_clock(std::int64_t unix_ms);
    const BoardView& board() const { return board_->view(); }
    const DisplayPower& display_power() const { return *display_power_; }
    // Urgent notices in force for this device now, in catalogue order.
    std::vector<const Notice*> urgent_notices() const;
    // Seconds left in the idle countdown, or -1 when it is not showing.
    int idle_countdown() const { return idle_countdown_; }
    // Tests step through the idle timeout without waiting for it: the idle clock runs
    // this much ahead of SDL's.
    void pretend_time_passed(double seconds) { clock_skew_ms_ += static_cast<std::uint64_t>(seconds * 1000); }
    // The staff panel's session (staff.h; app_staff.cpp).
    const StaffView& staff() const { return staff_; }
    // Seconds left to keep or revert a display change, or -1 when no dialog shows.
    int confirm_countdown() const { return confirm_left_s_; }
    // The device config as the app now runs it (the panel's saved changes included).
    const Config& config() const { return options_.config; }
    // Waits for the staff panel's running save or PIN check to be answered (tests: the
    // worker's time is not a frame).
    void wait_for_staff_work();

private:
    App() = default;
    [[nodiscard]] Error open_window();
    void init_imgui();
    void choose_look(const Config& cfg);
    // Draws from now on with `look` (theme, type sizes, language): the atlas is rebuilt
    // and every page laid out again on the next frame.
    void apply_look(const Look& look);
    void apply_style();
    void handle_event(const SDL_Event& e);
    void handle_ui_event(const UiEvent& ev);
    void draw_frame();
    void draw_page(Ui& ui, const ScreenState& state, const ScreenSpec& spec, double now);
    void poll_catalogue();
    void check_cache_file();
    void load_route_data();
    // The handwriting model, and the shown catalogue's search index and pinyin words, are
    // loaded once AppOptions::engines says it is time (engines_stale_: a catalogue came
    // since they last were).
    bool engines_due() const;
    void start_engines();
    void rebuild_fonts();
    void note_missing_glyphs(const Ui& ui);
    void want_glyphs(const std::vector<std::string>& texts);
    void on_route_changed(const Route& before);
    // The text field the keyboard types into: the rating's comment while it is open on this
    // page, else the current screen's (search's query). The input method is told of every change.
    enum class TextField { None, Search, Comment, StaffHall };
    TextField text_field() const;
    void edit_text_field(const TextEdit& edit);
    void text_field_changed();
    void type_key(UiEvent::Kind key, const std::string& text);
    bool page_is_rateable() const;
    // Back, Home and links: see [SECTION] Leaving a page in app.cpp.
    void leave_page(const UiEvent& ev);
    void go_on_after_prompt();
    void stamp_liveness();
    // The strokes PointerInput captured on the pad this frame, to the input method; true if
    // one ended (its recognition was asked for).
    bool feed_pad_strokes();
    // The idle reset (see [SECTION] Idle reset in app.cpp).
    std::uint64_t now_ms() const { return SDL_GetTicks64() + clock_skew_ms_; }
    bool is_clean() const;
    // Once a second: what is in force changed with the time (a notice began or ended, an
    // urgent one came or went) → draw; the board's rotation and the display's power.
    void check_time();
    bool on_board() const { return nav_.current().is("board"); }
    void check_idle();
    void reset_for_next_resident();
    // [SECTION] Staff panel (app_staff.cpp)
    // A press at (x, y): the hidden gesture's (true: the press and its lift reach nothing else).
    bool staff_gesture(float x, float y);
    // True while a pointer event belongs to the gesture (the lift of a swallowed press).
    bool staff_swallows(const SDL_Event& e);
    void open_staff();
    void close_staff(bool idle_reset);
    void staff_event(const std::string& action);
    void staff_key(const std::string& key);
    void staff_step();
    void staff_record_touch(const SDL_Event& e);
    void refresh_staff_status();
    void load_staff_drafts();
    // Writes `changes` to local.toml on a worker (config_layers.h apply_settings); `what`
    // says what was saved. Display changes wait for 保留 within kDisplayConfirmS.
    enum class StaffSave { Plain, Display, Pin };
    void save_settings(StaffSave what, std::vector<SettingChange> changes, std::string pin = {});
    void finish_save();
    // The device runs on `cfg` from now on: look, language, idle reset, hall texts, volume and
    // the window's size are applied live.
    void adopt_config(const Config& cfg);
    void check_pending_settings();
    void revert_display(const char* why);
    bool staff_route() const;

    AppOptions options_;
    std::unique_ptr<Cache> cache_;
    std::unique_ptr<CacheWriter> writer_;
    // The file the cache connection reads, to notice it deleted or replaced (a restore, a
    // technician's rm) or, after an in-memory start, created: 0 when none.
    std::uint64_t cache_dev_ = 0, cache_ino_ = 0;
    bool cache_file_warned_ = false;
    CatalogueIndex index_;
    ItemShelf shelf_;  // index_'s item summaries, read a domain at a time
    std::int64_t data_version_ = -1;
    bool stale_ = false;  // the signed manifest's expiry has passed
    std::uint64_t next_poll_ms_ = 0;

    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    bool vsync_ = false;
    int max_texture_w_ = 0, max_texture_h_ = 0;
    int width_ = 0, height_ = 0;  // the canvas every screen lays out (rotation.h)
    // [display] rotation: the canvas is drawn into canvas_ and shown turned; the window
    // is window_w_ × window_h_. 0: drawn straight to the window, canvas_ unused.
    int rotation_ = 0, window_w_ = 0, window_h_ = 0;
    SDL_Texture* canvas_ = nullptr;
    // The glyph atlas as the renderer draws it (upload_font_texture); the backend holds only
    // a 1-pixel stand-in of its own.
    SDL_Texture* font_texture_ = nullptr;
    bool backend_font_stand_in_ = false;
    void upload_font_texture();
    // The last frame was laid out but not rasterised (AppOptions::picture).
    bool unpresented_ = false;
    void present_frame();
    void update_canvas_size();
    float scale_ = 1;
    bool landscape_ = false;
    bool imgui_ready_ = false;

    std::unique_ptr<FontLibrary> font_library_;
    FontSet fonts_;
    std::string extra_chars_;   // characters found missing while drawing
    bool fonts_dirty_ = true;
    bool engines_stale_ = false;
    // The whole-file check left for after the first frame (AppOptions::damaged_cache_fallback):
    //   not started ──first frame──► running (worker) ──Ok──► done
    //                                      └──CacheCorrupt──► moved aside, fallback installed ──► done
    //   (the file replaced, or a read finding damage, sets it back to not started)
    enum class IntegrityCheck { NotStarted, Running, Done } integrity_ = IntegrityCheck::NotStarted;
    struct IntegrityResult {
        Error error;
        std::uint64_t dev = 0, ino = 0;  // the file checked: a verdict on a file since replaced is not acted on
    };
    std::future<IntegrityResult> integrity_job_;
    void check_cache_integrity();
    void replace_damaged_cache();
    void switch_cache(std::unique_ptr<Cache> cache);
    // A picture whose reads found the file damaged (--screenshot takes it again after the
    // start-up policy ran); Ok otherwise.
    Error picture_damage_;

    Look default_look_;  // from the config: what the device returns to when left alone
    Look look_;          // what the resident chose
    Theme theme_;
    const UiStrings* strings_ = &default_ui_strings();
    WrapCache wraps_;
    ListLayouts lists_;  // cleared with wraps_
    FrameRecord record_;
    PointerInput input_;
    Navigator nav_;
    std::unique_ptr<SearchController> search_;
    // The keyboard's input method: mode, composition, pad, candidates and their worker.
    std::unique_ptr<TextInput> text_input_;
    Uint32 wake_event_ = 0;        // pushed by the input method's threads: a result is ready
    ImVec2 pad_min_, pad_max_;     // the pad as the last frame drew it (empty: not drawn)
    std::unique_ptr<ScreenData> route_data_;  // what the current route's `load` read
    std::string notice_category_;  // home's category chip: category_id(), "" for 全部
    ReadAloud reading_;
    std::unique_ptr<PageRating> rating_;  // 好差评 of the page shown (page_rating.h)
    UiEvent pending_leave_;               // the navigation the leave prompt holds
    std::uint64_t next_alive_ms_ = 0;     // the next liveness stamp (now_ms clock); 0: at once

    // The longest an idle step waits for an event: run() lowers it to half the service
    // watchdog's interval; 1 s polls of the catalogue make it moot today.
    int max_wait_ms_ = 60000;
    int frames_pending_ = 3;
    int frames_drawn_ = 0;
    std::uint64_t last_frame_ms_ = 0;
    float scroll_y_ = 0, scroll_max_y_ = 0;
    bool quit_ = false;
    // A fullscreen kiosk (the config's fullscreen, not --windowed) is locked down: no key,
    // no window-close request (Alt+F4 where a window manager sends one) ends it; only a
    // signal does (systemd's stop, Ctrl+C in a terminal). docs/deploy.md lists every way
    // out that was tried. A window (development, staff tools) closes with Esc as usual.
    bool locked_down_ = false;

    std::uint64_t clock_skew_ms_ = 0;
    std::uint64_t last_touch_ms_ = 0;
    int idle_countdown_ = -1;       // seconds left on the countdown shown, -1: none
    bool dismissing_idle_ = false;  // a finger ended the countdown and is still down

    std::int64_t wall_fixed_ms_ = 0;   // 0: the system clock
    std::unique_ptr<BoardRotation> board_;
    std::unique_ptr<DisplayPower> display_power_;
    bool urgent_dismissed_ = false;    // this resident put away home's full page of urgent notices
    std::string in_force_ids_;         // what was in force at the last check_time, to see it change
    std::int64_t last_board_second_ = -1;

    // The staff panel (staff.h): the session, the gesture, the PIN check and the save that run
    // on workers, the lockout as kept in the cache.
    StaffView staff_;
    StaffGesture gesture_;
    bool gesture_holds_ = false;        // a press the gesture took is still down
    PinCheck pin_check_;
    PinLockout lockout_;
    std::uint64_t staff_touch_ms_ = 0;  // the last touch while the session is open (now_ms clock)
    std::uint64_t staff_status_ms_ = 0; // when the status was last read
    std::uint64_t started_ms_ = 0;
    std::string new_pin_first_;
    StaffSave save_what_ = StaffSave::Plain;
    std::future<Result<Config>> save_job_;
    // A display change awaiting 保留: its deadline on the wall clock (unix s), 0 for none.
    std::int64_t confirm_deadline_s_ = 0;
    int confirm_left_s_ = -1;
    int exit_status_ = 0;
};

}  // namespace gongkai
