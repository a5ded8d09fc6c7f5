// See app.h. [SECTION] index:
//   [SECTION] Creation       — SDL, renderer choice, ImGui, look and language, first catalogue load
//   [SECTION] Loop           — events, polling, frame scheduling
//   [SECTION] Leaving a page — the rating's leave prompt holds a navigation until it closes
//   [SECTION] Idle reset
//   [SECTION] Frame          — chrome, scroll region, the route's screen and panel
//   [SECTION] Screenshots
#include "app.h"

#include <chrono>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharToUtf8
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <malloc.h>
#include <png.h>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "clock.h"
#include "log.h"
#include "rotation.h"
#include "outbox.h"
#include "service_notify.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Creation
//-----------------------------------------------------------------------------

Result<std::unique_ptr<App>> App::create(const AppOptions& options, std::unique_ptr<Cache> cache) {
    std::unique_ptr<App> app(new App);
    app->options_ = options;
    app->cache_ = std::move(cache);
    if (options.now != 0) app->wall_fixed_ms_ = static_cast<std::int64_t>(options.now) * 1000;
    // A display change not kept before its deadline is undone before anything is drawn.
    app->check_pending_settings();
    app->lockout_ = read_pin_lockout(*app->cache_);
    app->writer_ = std::make_unique<CacheWriter>(app->cache_->path());
    app->choose_look(app->options_.config);
    app->reading_.set_volume(app->options_.config.volume);
    app->wraps_.set_language(app->strings_->line_break_lang);
    app->search_ = std::make_unique<SearchController>(*app->strings_, *app->writer_);
    // outbox_max_mib is the daemon's limit too: the kiosk refuses a rating past it, as
    // add_feedback does for anyone (docs/feedback.md).
    app->rating_ = std::make_unique<PageRating>(*app->writer_, static_cast<std::uint64_t>(app->options_.config.outbox_max_mib) << 20);
    if (Error e = app->open_window()) return e;
    app->started_ms_ = app->now_ms();
    app->board_ = std::make_unique<BoardRotation>(app->options_.config);
    app->display_power_ = std::make_unique<DisplayPower>(app->window_, app->options_.config.board_display_off_command,
                                                         app->options_.config.board_display_on_command);
    // The input method's threads wake the loop with an event of their own when candidates or
    // an engine are ready: candidates show on the next frame, not at the next 1-s poll.
    app->wake_event_ = SDL_RegisterEvents(1);
    std::function<void()> wake;
    if (app->wake_event_ != static_cast<Uint32>(-1))
        wake = [type = app->wake_event_] {
            SDL_Event e{};
            e.type = type;
            SDL_PushEvent(&e);
        };
    app->text_input_ = std::make_unique<TextInput>(options.input, std::move(wake));
    app->init_imgui();
    app->input_ = PointerInput(app->theme_.tap_slop * app->scale_);
    const Config& cfg = app->options_.config;
    app->font_library_ = std::make_unique<FontLibrary>(cfg.font_regular, cfg.font_bold, cfg.font_face);
    app->font_library_->set_atlas_cache(app->options_.atlas_dir);
    app->next_poll_ms_ = 0;
    struct stat st {};
    if (app->cache_->path() != ":memory:" && ::stat(app->cache_->path().c_str(), &st) == 0) {
        app->cache_dev_ = st.st_dev;
        app->cache_ino_ = st.st_ino;
    }
    app->poll_catalogue();
    if (app->data_version_ < 0 && app->index_.domains.empty())
        log_error("cache", "no catalogue could be read; the screen shows an empty home page");
    if (cfg.mode == DeviceMode::Board) {
        log_info("board", std::string("board mode; display power: ") + app->display_power_->method());
        app->navigate(Route{"board", {}});
    }
    app->check_time();
    return app;
}

// A wrong name in the config never stops the kiosk: it says so and uses the default.
void App::choose_look(const Config& cfg) {
    Look look;
    if (!parse_theme_name(cfg.theme, &look))
        log_warn("config", "unknown [display] theme \"" + cfg.theme + "\" (known: " + kThemeNames + "); using standard");
    if (const UiStrings* s = find_ui_strings(cfg.language)) look.language = s->language;
    else log_warn("config", "unknown [display] language \"" + cfg.language + "\" (known: " + ui_string_languages() + "); using zh-CN");
    // A board is read from across the hall: 长辈版's type (≥ 1.4×) on every board.
    if (cfg.mode == DeviceMode::Board) look.large = true;
    default_look_ = look;
    look_ = look;
    theme_ = theme_for(look_, static_cast<float>(cfg.text_scale));
    strings_ = find_ui_strings(look_.language);
}

void App::apply_look(const Look& look) {
    if (look == look_) return;
    look_ = look;
    theme_ = theme_for(look_, static_cast<float>(options_.config.text_scale));
    if (const UiStrings* s = find_ui_strings(look_.language)) strings_ = s;
    wraps_.set_language(strings_->line_break_lang);
    search_->set_strings(*strings_);
    apply_style();
    fonts_dirty_ = true;  // new sizes, and the new language's characters
    load_route_data();    // pages laid out for the old sizes are laid out again
    frames_pending_ = std::max(frames_pending_, 3);
}

Error App::open_window() {
    const AppOptions& options = options_;
    if (options.headless) {
        // The dummy driver draws into memory: no display, same pixels (PITFALLS.md).
        const char* driver = std::getenv("SDL_VIDEODRIVER");
        if (!driver || (std::string(driver) != "dummy" && std::string(driver) != "offscreen"))
            setenv("SDL_VIDEODRIVER", "dummy", 1);
    }
    // Fingers are handled by PointerInput; SDL's synthetic mouse events would double them.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    // A kiosk must not blank its screen; the display's own power policy decides that.
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // Locked down, closing the window is not quitting: SDL then sends SDL_QUIT only for
    // SIGINT/SIGTERM, and the close request itself is ignored in handle_event.
    locked_down_ = options.config.fullscreen && !options.windowed;
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, locked_down_ ? "0" : "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
        return make_error(KioskError::DisplayUnavailable, std::string("SDL_Init: ") + SDL_GetError());
    if (!options.headless) {
        // With no X11, Wayland or KMS display, SDL 2.26 falls back on its "offscreen" (EGL)
        // driver and the kiosk would run where nobody can see it. Unless that was asked for
        // (SDL_VIDEODRIVER), it means there is no display.
        std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
        if ((driver == "offscreen" || driver == "dummy") && !std::getenv("SDL_VIDEODRIVER")) {
            SDL_Quit();
            return make_error(KioskError::DisplayUnavailable, "no display: SDL found only its \"" + driver + "\" driver");
        }
    }

    const Config& cfg = options.config;  // options_: a pending display change already undone
    int w = options.width > 0 ? options.width : cfg.logical_width();
    int h = options.height > 0 ? options.height : cfg.logical_height();
    Uint32 flags = SDL_WINDOW_SHOWN;
    bool fullscreen = cfg.fullscreen && !options.windowed && !options.headless;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    if (fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        // Fullscreen is made at the screen's own size, never at the preset's: on an X server
        // without a window manager nobody resizes the window, yet SDL reports the desktop's
        // size and the kiosk would lay out for it while drawing into the preset's (measured
        // on Xvfb: a 1080×1920 window on a 1280×720 screen showed a cut-off page).
        SDL_DisplayMode desktop{};
        if (SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0 && desktop.h > 0) {
            w = desktop.w;
            h = desktop.h;
            x = SDL_WINDOWPOS_UNDEFINED_DISPLAY(0);
            y = SDL_WINDOWPOS_UNDEFINED_DISPLAY(0);
        }
    }
    window_ = SDL_CreateWindow("Gongkai 公开", x, y, w, h, flags);
    if (!window_) return make_error(KioskError::DisplayUnavailable, std::string("SDL_CreateWindow: ") + SDL_GetError());

    // Renderer: SDL_Renderer picks the GPU path on a real kiosk (OpenGL/GLES2, vsync)
    // and falls back to its software rasteriser headless or without a GPU; the ImGui
    // backend is the same for both (docs/architecture.md).
    if (!options.headless)
        renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) return make_error(KioskError::DisplayUnavailable, std::string("SDL_CreateRenderer: ") + SDL_GetError());
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer_, &info) != 0)
        return make_error(KioskError::DisplayUnavailable, std::string("SDL_GetRendererInfo: ") + SDL_GetError());
    vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    max_texture_w_ = info.max_texture_width;
    max_texture_h_ = info.max_texture_height;
    log_info("display", std::string("renderer ") + info.name + (vsync_ ? " (vsync)" : "") + ", max texture " +
                            std::to_string(info.max_texture_width) + "x" + std::to_string(info.max_texture_height));
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);
    SDL_StopTextInput();  // no on-screen IME until a text field asks for it

    rotation_ = cfg.rotation;
    update_canvas_size();
    // The design is drawn for a 1080-px short side; other screens scale it.
    scale_ = std::min(width_, height_) / 1080.0f;
    return {};
}

void App::update_canvas_size() {
    SDL_GetWindowSize(window_, &window_w_, &window_h_);
    rotated_canvas_size(rotation_, window_w_, window_h_, &width_, &height_);
    landscape_ = width_ > height_;
    if (canvas_) {
        SDL_DestroyTexture(canvas_);
        canvas_ = nullptr;
    }
    if (rotation_ == 0) return;
    canvas_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, width_, height_);
    if (!canvas_) {
        // A renderer without target textures: draw unturned rather than not at all.
        log_error("display", std::string("rotation ") + std::to_string(rotation_) + " needs a target texture: " + SDL_GetError() +
                                 "; drawing unturned");
        rotation_ = 0;
        rotated_canvas_size(0, window_w_, window_h_, &width_, &height_);
        landscape_ = width_ > height_;
    }
}

void App::init_imgui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // otherwise ImGui writes imgui.ini into the working directory
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForSDLRenderer(window_);
    ImGui_ImplSDLRenderer_Init(renderer_);
    imgui_ready_ = true;
    apply_style();
}

void App::apply_style() {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.WindowRounding = 0;
    style.ItemSpacing = ImVec2(scale_ * 24, 0);  // vertical rhythm comes from Ui::gap
    style.ScrollbarSize = scale_ * theme_.scrollbar_width;  // an indicator, not a control: dragging the page scrolls
    style.ScrollbarRounding = style.ScrollbarSize * 0.5f;
    style.Colors[ImGuiCol_WindowBg] = ImColor(theme_.background);
    style.Colors[ImGuiCol_ChildBg] = ImColor(IM_COL32(0, 0, 0, 0));
    style.Colors[ImGuiCol_ScrollbarBg] = ImColor(IM_COL32(0, 0, 0, 0));
    style.Colors[ImGuiCol_ScrollbarGrab] = ImColor(theme_.scrollbar);
}

// The renderer takes the atlas as RGBA, white with the coverage as alpha. The backend makes
// that from a whole RGBA copy of the atlas (GetTexDataAsRGBA32: 16 MiB for 4096×1024, on top
// of the texture's own 16 MiB at start-up's peak); here a band of rows at a time is
// converted into a 1-MiB buffer instead. The backend makes its own font texture whenever
// it has none, so it is given a 1-pixel stand-in once, from a stand-in atlas, and every
// draw uses this texture through the atlas's TexID.
void App::upload_font_texture() {
    ImGuiIO& io = ImGui::GetIO();
    if (!backend_font_stand_in_) {
        ImFontAtlas stand_in;
        static unsigned int white = IM_COL32_WHITE;
        stand_in.TexPixelsRGBA32 = &white;
        stand_in.TexWidth = stand_in.TexHeight = 1;
        ImFontAtlas* real = io.Fonts;
        io.Fonts = &stand_in;
        backend_font_stand_in_ = ImGui_ImplSDLRenderer_CreateFontsTexture();
        stand_in.TexPixelsRGBA32 = nullptr;  // not the stand-in's to free
        io.Fonts = real;
    }
    if (font_texture_) SDL_DestroyTexture(font_texture_);
    font_texture_ = nullptr;
    ImFontAtlas* atlas = io.Fonts;
    unsigned char* alpha = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsAlpha8(&alpha, &w, &h);  // builds ImGui's default font if that is what is left
    if (alpha && w > 0 && h > 0)
        font_texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
    if (!font_texture_) {
        log_error("fonts", std::string("the glyph atlas texture could not be made: ") + SDL_GetError());
    } else {
        // 256 KiB rows of RGBA at the widest atlas (4096 px × 4 B × 16 rows): one band fits
        // the cache, and 64 uploads make a 1024-row atlas.
        static constexpr int kBandRows = 16;
        std::vector<Uint32> band(static_cast<size_t>(w) * kBandRows);
        for (int y = 0; y < h; y += kBandRows) {
            const int rows = std::min(kBandRows, h - y);
            const unsigned char* src = alpha + static_cast<size_t>(y) * w;
            for (size_t i = 0, n = static_cast<size_t>(rows) * w; i < n; i++)
                band[i] = IM_COL32(255, 255, 255, src[i]);
            const SDL_Rect rect{0, y, w, rows};
            SDL_UpdateTexture(font_texture_, &rect, band.data(), w * 4);
        }
        SDL_SetTextureBlendMode(font_texture_, SDL_BLENDMODE_BLEND);
    }
    atlas->SetTexID(reinterpret_cast<ImTextureID>(font_texture_));
    // The coverage lives in the texture now; keeping it would cost another 4 MiB.
    atlas->ClearTexData();
}

App::~App() {
    text_input_.reset();  // its threads push SDL events: they end before SDL does
    search_.reset();  // waits for an index build in flight
    writer_.reset();  // runs the writes already queued
    if (font_texture_) SDL_DestroyTexture(font_texture_);
    if (imgui_ready_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (canvas_) SDL_DestroyTexture(canvas_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void App::rebuild_fonts() {
    fonts_dirty_ = false;
    const std::string title = strings_->app_title(options_.config.district);
    std::string display_text = title;
    for (auto& d : index_.domains) display_text += d.name + d.name_en;
    const float k = scale_ * theme_.text_scale;
    const FontSizes sizes{theme_.body_px * k, theme_.heading_px * k, theme_.display_px * k};
    // The hall's own text (config) is drawn on home and help: in the atlas from the start.
    const Config& c = options_.config;
    std::string hall = c.hall_name + c.hall_address + c.hall_hours + c.hall_help;
    for (auto& w : c.hall_windows) hall += w;
    // The atlas of the catalogue, the UI and the hall is the one kept on disk for the next
    // start; one grown by this session's characters is not.
    const auto kept = extra_chars_.empty() ? FontLibrary::Kept::Use : FontLibrary::Kept::Ignore;
    auto built = font_library_->build(index_.charset + strings_->all_text() + title + hall + extra_chars_, display_text, sizes,
                                      max_texture_w_, max_texture_h_, kept);
    if (built) {
        fonts_ = *built;
    } else {
        log_error("fonts", built.error().describe());
        ImFont* fallback = ImGui::GetIO().Fonts->Fonts[0];
        fonts_ = FontSet{fallback, fallback, fallback};
    }
    // Rasterising left ~10 MiB of freed glyph bitmaps in the heap, resident until glibc is
    // asked to return them: before the texture is made, which would otherwise come on top.
    malloc_trim(0);
    upload_font_texture();
    wraps_.clear();
    lists_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] Loop
//-----------------------------------------------------------------------------

// How often a running kiosk looks for a catalogue installed by gongkai-sync:
// PRAGMA data_version is one page-cache read, and 1 s keeps an update's appearance
// well inside the 2 s the sync issue allows.
static constexpr Uint64 kCataloguePollMs = 1000;

// Is the configured cache file still the one the connection reads? A file deleted under
// a running kiosk keeps its old inode readable forever and gongkai-sync's next install
// would land in a new file the kiosk never looks at; after an in-memory start (the file
// could not be created) a file that now exists holds what sync installed.
void App::check_cache_file() {
    const std::string& path = options_.config.cache_path;
    if (path.empty() || path == ":memory:") return;
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    const bool same = exists && st.st_dev == cache_dev_ && st.st_ino == cache_ino_;
    if (same) return;
    if (!exists) {
        if (cache_ino_ != 0 && !cache_file_warned_)
            log_warn("cache", path + " was removed; still showing the catalogue read from it");
        cache_file_warned_ = true;
        return;
    }
    auto reopened = Cache::open(path, CacheMode::ReadOnly);
    if (!reopened) {
        if (!cache_file_warned_) log_warn("cache", path + " changed but cannot be read: " + reopened.error().describe());
        cache_file_warned_ = true;
        return;
    }
    log_info("cache", path + " was replaced or created; reading it");
    switch_cache(std::move(*reopened));
    cache_dev_ = st.st_dev;
    cache_ino_ = st.st_ino;
    cache_file_warned_ = false;
}

// Reads another cache from now on: the index is read again at the next poll; until then the
// shelf reads only what matches the index shown.
void App::switch_cache(std::unique_ptr<Cache> cache) {
    cache_ = std::move(cache);
    shelf_.set(cache_.get(), index_.info);
    lists_.clear();
    data_version_ = -1;  // a different file: whatever its counter says, read it
    writer_->reconnect();
    // Another file: checked whole too (a check still running on the old one is not acted on).
    if (integrity_ == IntegrityCheck::Done) integrity_ = IntegrityCheck::NotStarted;
}

void App::poll_catalogue() {
    Uint64 now = SDL_GetTicks64();
    if (now < next_poll_ms_) return;
    next_poll_ms_ = now + kCataloguePollMs;
    // A picture is of the cache it was given: it follows no file (after the start-up policy
    // left the damaged file in an unwritable place, it must not read that file again).
    if (!options_.picture) check_cache_file();
    // Expiry passes with time, not with a write: checked on every poll.
    bool stale = catalogue_is_stale(*cache_, static_cast<std::time_t>(wall_ms() / 1000));
    if (stale != stale_) {
        stale_ = stale;
        if (stale) log_warn("cache", "the installed catalogue is past its signed expiry; showing the out-of-date notice");
        frames_pending_ = std::max(frames_pending_, 3);
    }
    std::int64_t v = cache_->data_version();
    if (v == data_version_) return;
    // Writes that install nothing change data_version too — the kiosk's own (ratings, search
    // misses, the liveness stamp every minute, on the CacheWriter's connection) and the
    // daemon's (outbox, state). The catalogue is read again only when another one is installed:
    // an idle kiosk does not rebuild its search index once a minute.
    if (data_version_ >= 0 && !index_.domains.empty()) {
        auto info = cache_->info();
        if (info && same_catalogue(*info, index_.info)) {
            data_version_ = v;
            return;
        }
    }
    // Index and the open route's data from one snapshot: never a mix of two catalogues.
    Cache::ReadSnapshot snapshot(*cache_);
    auto index = cache_->load_index();
    if (!index) {
        // Keep showing the last good catalogue; try again at the next poll.
        log_error("cache", "could not reload the catalogue: " + index.error().describe());
        return;
    }
    data_version_ = v;
    bool charset_changed = index->charset != index_.charset;
    bool first = index_.domains.empty();
    // A notice meant for other halls or groups is never shown here: dropped on load, so no
    // screen, list or board has to ask.
    const DeviceTarget device{options_.config.hall_id, options_.config.hall_name, options_.config.hall_groups};
    std::erase_if(index->notices, [&](const Notice& n) { return !notice_targets(n, device); });
    index_ = std::move(*index);
    shelf_.set(cache_.get(), index_.info);
    rating_->set_catalogue_version(index_.info.version);
    if (!first)
        log_info("cache", "catalogue version " + std::to_string(index_.info.version) + " (" + index_.info.source + ", " +
                              std::to_string(index_.info.items) + " items) is now shown");
    if (charset_changed) fonts_dirty_ = true;
    engines_stale_ = true;
    start_engines();
    load_route_data();
    frames_pending_ = std::max(frames_pending_, 3);
    in_force_ids_.clear();  // check_time looks again at the new catalogue
}

void App::check_cache_integrity() {
    const std::string& path = options_.config.cache_path;
    switch (integrity_) {
    case IntegrityCheck::NotStarted:
        if (options_.damaged_cache_fallback.empty() || options_.picture || frames_drawn_ == 0 || path.empty() ||
            path == ":memory:" || cache_->path() == ":memory:") return;
        integrity_ = IntegrityCheck::Running;
        integrity_job_ = std::async(std::launch::async, [path]() -> IntegrityResult {
            IntegrityResult out;
            struct stat st {};
            if (::stat(path.c_str(), &st) == 0) out.dev = st.st_dev, out.ino = st.st_ino;
            auto reader = Cache::open(path, CacheMode::ReadOnly);
            out.error = reader ? (*reader)->check_integrity() : reader.error();
            return out;
        });
        return;
    case IntegrityCheck::Running: {
        if (integrity_job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
        integrity_ = IntegrityCheck::Done;
        IntegrityResult checked = integrity_job_.get();
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) return;  // removed: nothing to check (check_cache_file warns)
        if (st.st_dev != checked.dev || st.st_ino != checked.ino) {
            integrity_ = IntegrityCheck::NotStarted;  // replaced while it was checked: check the new one
            return;
        }
        if (!checked.error) return;
        if (checked.error.code != CatalogueError::CacheCorrupt) {
            log_warn("cache", "could not check " + path + ": " + checked.error.describe());
            return;
        }
        log_warn("cache", "the check after the first frame found " + path + " damaged; applying the start-up policy");
        replace_damaged_cache();
        return;
    }
    case IntegrityCheck::Done: return;
    }
}

// The start-up policy for a damaged file, while running: moved aside, a fresh cache with the
// fallback (open_cache_with_fallback logs each step), read at once by check_cache_file. If
// nothing can be written there, the fallback is shown from memory, as at start.
void App::replace_damaged_cache() {
    auto fresh = open_cache_with_fallback(options_.config.cache_path, options_.damaged_cache_fallback, CacheCheck::AtOpen);
    if (!fresh) {
        log_error("cache", "could not replace the damaged cache: " + fresh.error().describe());
        return;
    }
    if (fresh->in_memory) {
        // cache_dev_/cache_ino_ stay the damaged file's: check_cache_file reads a file only
        // once another one is there (gongkai-sync's next install).
        switch_cache(std::move(fresh->cache));
        next_poll_ms_ = 0;  // read it at the next step
        return;
    }
    fresh->cache.reset();
    check_cache_file();  // the new file, now: the writer reconnects before its next write
}

bool App::engines_due() const {
    if (!engines_stale_ && text_input_->handwriting_requested()) return false;
    switch (options_.engines) {
    case AppOptions::Engines::AfterFirstFrame: return frames_drawn_ > 0 || text_field() != TextField::None;
    case AppOptions::Engines::WhenTextIsTaken: return text_field() != TextField::None;
    }
    return true;
}

void App::start_engines() {
    if (!engines_due()) return;
    text_input_->load_handwriting();  // once: it needs no catalogue
    if (!engines_stale_) return;
    engines_stale_ = false;
    search_->catalogue_changed(index_, shelf_, *cache_);
    // The pinyin engine learns the new catalogue's words: read on its loading thread from a
    // connection of its own, or here from an in-memory cache, which has no second connection.
    auto words_from = [](Cache& cache) -> Result<std::vector<std::string>> {
        auto names = cache.load_item_names();
        if (!names) return names.error();
        return catalogue_words(*names);
    };
    if (cache_->path() == ":memory:") {
        text_input_->catalogue_changed([words = words_from(*cache_)] { return words; });
    } else {
        text_input_->catalogue_changed([path = cache_->path(), words_from]() -> Result<std::vector<std::string>> {
            auto reader = Cache::open(path, CacheMode::ReadOnly);
            if (!reader) return reader.error();
            return words_from(**reader);
        });
    }
}

std::int64_t App::wall_ms() const {
    if (wall_fixed_ms_ != 0) return wall_fixed_ms_;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void App::set_wall_clock(std::int64_t unix_ms) {
    wall_fixed_ms_ = unix_ms;
    check_time();
}

std::vector<const Notice*> App::urgent_notices() const {
    std::vector<const Notice*> urgent;
    const std::time_t now = static_cast<std::time_t>(wall_ms() / 1000);
    for (const Notice& n : index_.notices)
        if (n.urgent && notice_in_force(n, now)) urgent.push_back(&n);
    return urgent;
}

void App::check_time() {
    const std::int64_t now_ms = wall_ms();
    const std::time_t now = static_cast<std::time_t>(now_ms / 1000);
    // Validity has minute resolution: the ids in force, compared once a poll, tell when a
    // notice began or ended — the banner goes at its end time without any sync.
    std::string ids;
    for (const Notice& n : index_.notices)
        if (notice_in_force(n, now)) ids += (n.urgent ? "!" : "") + n.id + "\n";
    for (const Interpretation& i : index_.interpretations)
        if (in_force(i.valid_from, i.valid_until, now)) ids += i.id + "\n";
    if (ids != in_force_ids_) {
        in_force_ids_ = std::move(ids);
        frames_pending_ = std::max(frames_pending_, 3);
    }
    if (on_board()) {
        if (board_->tick(index_, now_ms)) frames_pending_ = std::max(frames_pending_, 2);
        // The progress bar and the clock move: one frame a second while it shows.
        const std::int64_t second = now_ms / 1000;
        if (board_->view().open && second != last_board_second_) {
            last_board_second_ = second;
            frames_pending_ = std::max(frames_pending_, 1);
        }
        display_power_->set(board_->view().open);
    } else {
        display_power_->set(true);
    }
}

void App::load_route_data() {
    route_data_.reset();
    wraps_.clear();
    lists_.clear();
    const ScreenSpec& spec = screen_spec(nav_.current().screen);
    if (spec.load) route_data_ = spec.load(*cache_, nav_.current());
    // The item summaries the page lists, read ahead so they are there on its first frame;
    // anything else a draw misses is read after that frame (step, ItemShelf::fetch).
    const Route& r = nav_.current();
    if (r.is("domain")) shelf_.read_domain(r.id);
    if (r.is("item")) shelf_.read_item(r.id);
    if (r.is("notice"))
        for (const Notice& n : index_.notices)
            if (n.id == r.id) shelf_.read_item(n.item_id);
}

void App::navigate(const Route& route) {
    // The staff screens open from the gesture and the PIN only (staff.h), never from here.
    if (screen_spec(route.screen).staff) {
        log_warn("kiosk", "route " + route.str() + " is not opened from outside the kiosk");
        return;
    }
    Route before = nav_.current();
    nav_.go(route);
    on_route_changed(before);
}

void App::on_route_changed(const Route& before) {
    const ScreenSpec& from = screen_spec(before.screen);
    const ScreenSpec& to = screen_spec(nav_.current().screen);
    start_engines();  // a page that takes text needs them now
    if (&from != &to) {
        if (from.leave) from.leave(*search_);
        if (to.enter) to.enter(*search_, nav_.current());
    }
    // Reading stops when the resident leaves the page it reads.
    if (!(reading_.view().route == nav_.current())) reading_.stop();
    load_route_data();
    rating_->arrived(nav_.current(), page_is_rateable(), now_ms());
    text_field_changed();  // search/<query> prefills: its trailing letters get a bar
    frames_pending_ = std::max(frames_pending_, 3);
}

// An item or notice that exists: its page ends with the rating piece.
bool App::page_is_rateable() const {
    const Route& r = nav_.current();
    if (r.is("item")) return route_data_ != nullptr;
    if (r.is("notice"))
        return std::any_of(index_.notices.begin(), index_.notices.end(), [&](const Notice& n) { return n.id == r.id; });
    return false;
}

App::TextField App::text_field() const {
    const RatingView& rating = rating_->view();
    if (rating.editing_comment && rating.page == nav_.current()) return TextField::Comment;
    if (nav_.current().is("staff-hall") && staff_.hall_field >= 0 && staff_.hall_field < static_cast<int>(staff_.hall.size()))
        return TextField::StaffHall;
    if (screen_spec(nav_.current().screen).text_input) return TextField::Search;
    return TextField::None;
}

void App::handle_event(const SDL_Event& e) {
    if (e.type == SDL_QUIT) { quit_ = true; return; }
    switch (e.type) {
    case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEMOTION: case SDL_KEYDOWN:
    case SDL_TEXTINPUT: case SDL_MOUSEWHEEL:
        last_touch_ms_ = now_ms();
        // The touch that ends a countdown belongs to the countdown: the box stays up until
        // the finger lifts, so the release does not tap the page under it.
        if (idle_countdown_ >= 0) {
            dismissing_idle_ = true;
            idle_countdown_ = -1;
        }
        break;
    case SDL_FINGERUP: case SDL_MOUSEBUTTONUP:
        last_touch_ms_ = now_ms();
        break;
    default: break;
    }
    // Touches and clicks arrive where the window is; the screens live on the canvas.
    const SDL_Event turned = event_to_canvas(e, rotation_, window_w_, window_h_);
    if (staff_.stage != StaffView::Stage::Closed) {
        switch (e.type) {
        case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP: case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONUP: case SDL_KEYDOWN: case SDL_TEXTINPUT: case SDL_MOUSEWHEEL:
            staff_touch_ms_ = now_ms();
            break;
        default: break;
        }
        staff_record_touch(turned);
    }
    // The hidden gesture's presses (and their lifts) reach nothing else (staff.h); its
    // corner is the top-left of the picture as seen, whatever the rotation.
    if (staff_swallows(turned)) {
        frames_pending_ = std::max(frames_pending_, 3);
        return;
    }
    // On the board a touch holds the page (board.h); there is nothing to tap.
    if (on_board() && (e.type == SDL_FINGERDOWN || e.type == SDL_MOUSEBUTTONDOWN)) board_->touched(wall_ms());
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        update_canvas_size();
        float scale = std::min(width_, height_) / 1080.0f;
        if (scale != scale_) { scale_ = scale; fonts_dirty_ = true; }
    }
    if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE && !locked_down_ && !(SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP))
        quit_ = true;
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) {
        if (!locked_down_) quit_ = true;
        else log_info("kiosk", "a request to close the window was ignored: the kiosk is locked down (fullscreen)");
    }
    if (text_field() != TextField::None) {
        // Physical keyboards and IMEs (SDL text input) type as the on-screen keys do.
        if (e.type == SDL_TEXTINPUT) handle_ui_event({UiEvent::Kind::SearchType, {}, e.text.text});
        if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_BACKSPACE) handle_ui_event({UiEvent::Kind::SearchBackspace, {}, {}});
    }
    if (!input_.on_event(turned, width_, height_)) ImGui_ImplSDL2_ProcessEvent(&turned);
    frames_pending_ = std::max(frames_pending_, 3);
}

void App::edit_text_field(const TextEdit& edit) {
    switch (text_field()) {
    case TextField::Search: search_->replace_end(edit.erase_bytes, edit.insert); break;
    case TextField::Comment: rating_->replace_end(edit.erase_bytes, edit.insert); break;
    case TextField::StaffHall: {
        std::string& text = staff_.hall[staff_.hall_field];
        text.erase(text.size() - std::min(edit.erase_bytes, text.size()));
        text += edit.insert;
        break;
    }
    case TextField::None: break;
    }
    text_field_changed();
}

void App::text_field_changed() {
    const TextField field = text_field();
    text_input_->text_changed(field == TextField::Comment ? rating_->view().comment
                              : field == TextField::StaffHall ? staff_.hall[staff_.hall_field]
                                                              : search_->view().query);
    // A physical keyboard or IME types into a text field only. Switched on a change only:
    // starting it again on every key would reset a desktop IME's composition.
    const bool want = field != TextField::None;
    if (want != (SDL_IsTextInputActive() == SDL_TRUE)) want ? SDL_StartTextInput() : SDL_StopTextInput();
}

// The keyboard's keys, to the field it is shown for.
void App::type_key(UiEvent::Kind key, const std::string& text) {
    if (text_field() == TextField::StaffHall) {
        std::string& field = staff_.hall[staff_.hall_field];
        switch (key) {
        case UiEvent::Kind::SearchType: field += text; break;
        case UiEvent::Kind::SearchBackspace:
            // One character: its continuation bytes, then its lead byte.
            while (!field.empty() && (static_cast<unsigned char>(field.back()) & 0xC0) == 0x80) field.pop_back();
            if (!field.empty()) field.pop_back();
            break;
        case UiEvent::Kind::SearchClear: field.clear(); break;
        default: return;
        }
        text_field_changed();
        return;
    }
    const bool comment = text_field() == TextField::Comment;
    switch (key) {
    case UiEvent::Kind::SearchType: comment ? rating_->type(text) : search_->type(text); break;
    case UiEvent::Kind::SearchBackspace: comment ? rating_->backspace() : search_->backspace(); break;
    case UiEvent::Kind::SearchClear: comment ? rating_->clear_comment() : search_->clear(); break;
    default: return;
    }
    text_field_changed();
}

bool App::feed_pad_strokes() {
    const float w = pad_max_.x - pad_min_.x, h = pad_max_.y - pad_min_.y;
    bool ended = false;
    for (const PointerInput::CapturedPoint& p : input_.take_captured()) {
        // The touch that ends the idle countdown belongs to the countdown, not the pad.
        if (dismissing_idle_ || w <= 0 || h <= 0) continue;
        const double x = p.pos.x - pad_min_.x, y = p.pos.y - pad_min_.y;
        switch (p.kind) {
        case PointerInput::CapturedPoint::Begin: text_input_->stroke_begin(x, y, w, h); break;
        case PointerInput::CapturedPoint::Move: text_input_->stroke_point(x, y); break;
        case PointerInput::CapturedPoint::End:
            text_input_->stroke_point(x, y);  // where it lifted, if it moved since the last point
            text_input_->stroke_end();
            ended = true;
            break;
        }
    }
    return ended;
}

void App::handle_ui_event(const UiEvent& ev) {
    // A rating's tap changes the page's layout, and may scroll its new part into view: a frame
    // lays it out, the next shows the scroll (rating.cpp), as after a new page.
    using K = UiEvent::Kind;
    if (ev.kind == K::Rate || ev.kind == K::RateReason || ev.kind == K::RateComment || ev.kind == K::RateSubmit ||
        ev.kind == K::RateSkip)
        frames_pending_ = std::max(frames_pending_, 3);
    switch (ev.kind) {
    case UiEvent::Kind::None: break;
    case UiEvent::Kind::Navigate: case UiEvent::Kind::Back: case UiEvent::Kind::Home: leave_page(ev); break;
    case UiEvent::Kind::SearchType: case UiEvent::Kind::SearchBackspace: case UiEvent::Kind::SearchClear:
        type_key(ev.kind, ev.text);
        break;
    case UiEvent::Kind::InputMode:
        text_input_->set_mode(ev.text == input_mode_name(InputMode::Handwriting) ? InputMode::Handwriting : InputMode::Pinyin);
        break;
    case UiEvent::Kind::InputCandidate:
        if (auto edit = text_input_->choose(ev.text)) edit_text_field(*edit);
        break;
    case UiEvent::Kind::PadClear: text_input_->clear_pad(); break;
    case UiEvent::Kind::SearchFilter: search_->filter(ev.text); break;
    case UiEvent::Kind::NoticeFilter: notice_category_ = ev.text; break;
    case UiEvent::Kind::ReadStart: reading_.start(*cache_, nav_.current()); break;
    case UiEvent::Kind::ReadPause: reading_.pause(); break;
    case UiEvent::Kind::ReadResume: reading_.resume(); break;
    case UiEvent::Kind::ReadStop: reading_.stop(); break;
    case UiEvent::Kind::ToggleLarge: {
        Look look = look_;
        look.large = !look.large;
        apply_look(look);
        break;
    }
    case UiEvent::Kind::ToggleContrast: {
        Look look = look_;
        look.contrast = !look.contrast;
        apply_look(look);
        break;
    }
    case UiEvent::Kind::ToggleLanguage: {
        Look look = look_;
        look.language = look.language == "en" ? "zh-CN" : "en";
        apply_look(look);
        break;
    }
    case UiEvent::Kind::Rate: {
        const int level = std::atoi(ev.text.c_str());
        rating_->rate(level, now_ms());
        text_field_changed();  // a higher level closes the comment
        go_on_after_prompt();
        break;
    }
    case UiEvent::Kind::RateReason:
        if (auto reason = feedback_reason_from_string(ev.text)) rating_->toggle_reason(*reason);
        break;
    case UiEvent::Kind::RateComment:
        rating_->open_comment();
        text_field_changed();  // the keyboard now types into the comment: its letters get a bar
        break;
    case UiEvent::Kind::RateSubmit:
        rating_->submit();
        text_field_changed();
        break;
    case UiEvent::Kind::RateSkip:
        rating_->skip_prompt();
        go_on_after_prompt();
        break;
    case UiEvent::Kind::Staff: staff_event(ev.text); break;
    case UiEvent::Kind::UrgentDismiss:
        urgent_dismissed_ = true;
        frames_pending_ = std::max(frames_pending_, 3);
        break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Leaving a page
//-----------------------------------------------------------------------------
// Back, Home and every link go through leave_page. Leaving an item or notice page, the rating
// may first record a low rating not yet sent, or hold the navigation behind its leave prompt
// (page_rating.h draws that state machine):
//
//   tap Back/Home/a link ──▶ rating_->leaving() ──false──▶ go now
//                                  │ true: the prompt shows, pending_leave_ = the tap
//                                  ▼
//             a level, 跳过, a tap outside, or kLeavePromptS ──▶ go_on_after_prompt(): go
//
// Invariant: pending_leave_ is set only while the prompt shows; the idle reset drops both.

void App::leave_page(const UiEvent& ev) {
    if (ev.kind == UiEvent::Kind::Navigate && ev.route == nav_.current()) return;
    if (rating_->view().prompting) return;  // the prompt covers the page: it already holds one
    if (rating_->leaving(now_ms())) {
        pending_leave_ = ev;
        reading_.stop();  // the resident asked to leave the page it reads
        frames_pending_ = std::max(frames_pending_, 3);
        return;
    }
    Route before = nav_.current();
    if (ev.kind == UiEvent::Kind::Navigate) nav_.go(ev.route);
    else if (ev.kind == UiEvent::Kind::Back) nav_.back();
    else nav_.home();
    on_route_changed(before);
}

void App::go_on_after_prompt() {
    if (pending_leave_.kind == UiEvent::Kind::None || rating_->view().prompting) return;
    const UiEvent ev = std::move(pending_leave_);
    pending_leave_ = {};
    leave_page(ev);  // the page is rated or the prompt declined: it goes straight on
}

// The kiosk says it is alive (docs/feedback.md: the heartbeat reports kiosk_alive): at start
// and every kKioskAliveStampS, posted to the writer like any write, so a locked cache never
// holds the frame loop. The time is taken here, when the loop is known to be running.
void App::stamp_liveness() {
    const std::uint64_t now = now_ms();
    if (next_alive_ms_ != 0 && now < next_alive_ms_) return;
    next_alive_ms_ = now + static_cast<std::uint64_t>(kKioskAliveStampS) * 1000;
    writer_->post("stamp the kiosk's liveness", [at = utc_now_rfc3339()](Cache& cache) { return cache.set_state(kStateKioskAlive, at); });
}

// How long the loop waits for candidates before drawing without them: 20 ms is four times
// recognition's median (5 ms; pinyin 0.8 ms), and less than the software frame it saves.
static constexpr double kAnswerWaitMs = 20;

bool App::step(bool wait) {
    SDL_Event e;
    const bool only_waiting = frames_pending_ == 0 && !input_.busy() && !fonts_dirty_;
    if (wait && only_waiting) {
        Uint64 now = SDL_GetTicks64();
        int timeout = next_poll_ms_ > now ? static_cast<int>(next_poll_ms_ - now) : 0;
        // While the search index builds, look again every 50 ms to swap it in promptly.
        if (search_->building()) timeout = std::min(timeout, 50);
        // While reading aloud, 100 ms: the highlight follows a sentence (~3 s) promptly.
        if (reading_.playing()) timeout = std::min(timeout, 100);
        // The input method's threads wake the loop themselves; 20 ms covers the instant
        // between an engine's thread waking it and its future becoming ready.
        if (text_input_->busy()) timeout = std::min(timeout, 20);
        // Under systemd's watchdog (run()) the loop must come round to ping in time, even if
        // the catalogue poll above were ever spaced out.
        timeout = std::min(timeout, max_wait_ms_);
        if (SDL_WaitEventTimeout(&e, std::max(timeout, 1))) handle_event(e);
    }
    while (SDL_PollEvent(&e)) handle_event(e);
    poll_catalogue();
    check_cache_integrity();
    start_engines();
    check_time();
    check_idle();
    staff_step();
    if (!options_.picture) stamp_liveness();
    // The leave prompt counts down and may close by itself: the resident goes on.
    if (rating_->poll(now_ms())) {
        frames_pending_ = std::max(frames_pending_, 2);
        go_on_after_prompt();
    }
    if (reading_.poll()) frames_pending_ = std::max(frames_pending_, 2);
    if (search_->poll()) frames_pending_ = std::max(frames_pending_, 3);
    // A keystroke in the last frame asked for candidates: ~1 ms usually. Waiting for them (not
    // past kAnswerWaitMs after the request) draws them in the next frame rather than the one after.
    if (frames_pending_ > 0) text_input_->wait_for_answers(kAnswerWaitMs);
    if (text_input_->poll()) {
        frames_pending_ = std::max(frames_pending_, 2);
        want_glyphs(text_input_->view().candidates);
    }
    if (frames_pending_ > 0 || input_.busy() || fonts_dirty_) {
        // Without vsync (software renderer) pace animation at ~60 Hz instead of spinning.
        if (input_.busy() && !vsync_) {
            Uint64 since = SDL_GetTicks64() - last_frame_ms_;
            if (since < 16) SDL_Delay(static_cast<Uint32>(16 - since));
        }
        draw_frame();
    }
    // What the frame's draws missed of the item summaries (no SQL in a draw): read, and drawn next.
    if (shelf_.fetch()) frames_pending_ = std::max(frames_pending_, 2);
    // A read that found the file damaged: a picture is taken again after the start-up policy
    // (main.cpp screenshot); the kiosk checks the whole file now, and acts on what that finds.
    Error damage = shelf_.take_damage();
    if (Error searched = search_->take_damage(); searched && !damage) damage = std::move(searched);
    if (damage) {
        if (options_.picture) {
            if (!picture_damage_) picture_damage_ = std::move(damage);
        } else if (integrity_ == IntegrityCheck::Done && !options_.damaged_cache_fallback.empty()) {
            integrity_ = IntegrityCheck::NotStarted;
        }
    }
    return !quit_;
}

int App::run() {
    // Under systemd (gongkai-kiosk.service): READY=1 once the first frame is on screen, then
    // WATCHDOG=1 from this loop — the frame thread itself — so a frozen loop stops the pings
    // and systemd restarts the kiosk. Idle, the loop sleeps at most half the watchdog interval.
    ServiceWatchdog watchdog = ServiceWatchdog::from_environment();
    if (watchdog.enabled())
        max_wait_ms_ = static_cast<int>(std::clamp<std::int64_t>(watchdog.interval().count() / 1000, 1, max_wait_ms_));
    bool ready = false;
    while (step(true)) {
        if (!ready && frames_drawn_ > 0) {
            notify_ready("showing " + nav_.current().str());
            ready = true;
        }
        watchdog.ping();
    }
    return exit_status_;
}

void App::settle(int max_frames) {
    // At least one step: events pushed since the last one are still in SDL's queue.
    // Waiting for the search index's worker or the writer thread does not count as a
    // frame (at most 10 s).
    const Uint64 deadline = SDL_GetTicks64() + 10000;
    for (int i = 0; i < max_frames && SDL_GetTicks64() < deadline;) {
        step(false);
        if (idle()) break;
        if (frames_pending_ == 0 && !input_.busy() && !fonts_dirty_) {
            SDL_Delay(2);
            continue;
        }
        i++;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Idle reset
//-----------------------------------------------------------------------------
// A kiosk left alone goes back to a clean home screen, so the next resident finds
// nothing of the last one's: no query, no open page, the device's own look.
//
//   in use ──(no touch for idle_reset_s)──▶ countdown (10 s, a box says so)
//     ▲                                       │           │
//     └──────────── any touch ────────────────┘           └─(reaches 0)─▶ reset ─▶ clean home
//   A clean kiosk (home, nothing typed, default look, at the top) has nothing to reset:
//   no countdown is shown.

// 10 s: long enough to read "还在看吗？" and reach the screen, short enough to be gentle.
static constexpr int kIdleCountdownS = 10;

bool App::is_clean() const {
    return nav_.current().is("home") && nav_.depth() == 1 && look_ == default_look_ && scroll_y_ == 0 &&
           search_->view().query.empty() && text_input_->is_default() && notice_category_.empty();
}

void App::check_idle() {
    // The staff panel has its own timeout (staff_step): no residents' countdown over it.
    if (staff_.stage != StaffView::Stage::Closed) return;
    const int timeout_s = options_.config.idle_reset_s;
    // A board is never "in use": nothing to reset.
    if (timeout_s <= 0 || dismissing_idle_ || on_board()) return;
    const std::uint64_t now = now_ms();
    // A resident listening to 朗读 is using the kiosk without touching it (a long guide
    // reads for three minutes): the idle time counts from when the reading ends.
    if (last_touch_ms_ == 0 || reading_.playing()) last_touch_ms_ = now;
    const std::uint64_t idle = now - last_touch_ms_;
    int countdown = -1;
    // A clean home shows no countdown, but may still hold what this resident rated (and
    // whether they declined the prompt): that is forgotten without a box.
    if (idle >= static_cast<std::uint64_t>(timeout_s) * 1000 && is_clean() && !rating_->is_default()) rating_->reset();
    // Nor does the next resident miss the urgent page this one put away on home.
    if (idle >= static_cast<std::uint64_t>(timeout_s) * 1000 && is_clean() && urgent_dismissed_) {
        urgent_dismissed_ = false;
        frames_pending_ = std::max(frames_pending_, 3);
    }
    if (idle >= static_cast<std::uint64_t>(timeout_s) * 1000 && !is_clean()) {
        const std::uint64_t into = idle - static_cast<std::uint64_t>(timeout_s) * 1000;
        countdown = kIdleCountdownS - static_cast<int>(into / 1000);
        if (countdown <= 0) {
            reset_for_next_resident();
            countdown = -1;
        }
    }
    if (countdown != idle_countdown_) {
        idle_countdown_ = countdown;
        frames_pending_ = std::max(frames_pending_, 2);
    }
}

void App::reset_for_next_resident() {
    log_info("kiosk", "idle for " + std::to_string(options_.config.idle_reset_s) + " s: back to a clean home screen");
    close_staff(false);
    Route before = nav_.current();
    // The resident is gone: no prompt, nothing remembered; a low rating they tapped is kept
    // with its reasons, never a half-typed comment (page_rating.h resident_left).
    pending_leave_ = {};
    urgent_dismissed_ = false;
    rating_->resident_left();
    nav_.home();  // a new visit: the page's scroll position starts at the top
    on_route_changed(before);
    search_->reset();
    notice_category_.clear();  // home's notices: 全部 again
    text_input_->reset();  // 拼音 again, an empty pad, no composition, no bar
    reading_.stop();
    apply_look(default_look_);
    input_.stop_fling();
    scroll_y_ = 0;
    last_touch_ms_ = now_ms();
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void App::draw_frame() {
    if (fonts_dirty_) rebuild_fonts();
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    io.DisplaySize = ImVec2(static_cast<float>(width_), static_cast<float>(height_));  // the canvas, turned or not
    const double now = SDL_GetTicks64() / 1000.0;
    input_.apply(io, now);  // after the backend, which overwrites mouse state
    if (feed_pad_strokes()) {
        // Recognition takes ~5 ms on the worker; a software frame 17-35 ms. Waiting up to
        // kAnswerWaitMs here draws the candidates in this frame instead of the next; a slow
        // answer (a scribble: up to 0.14 s) is not waited for and comes on a later one.
        text_input_->wait_for_answers(kAnswerWaitMs);
        if (text_input_->poll()) want_glyphs(text_input_->view().candidates);
        if (fonts_dirty_) rebuild_fonts();  // the candidates' characters, before ImGui's frame
    }
    ImGui::NewFrame();

    record_ = {};
    Ui ui(fonts_, wraps_, lists_, theme_, *strings_, record_, scale_, landscape_);
    const ScreenSpec& spec = screen_spec(nav_.current().screen);
    const std::time_t wall_now = static_cast<std::time_t>(wall_ms() / 1000);
    ScreenState state{index_, shelf_, nav_.current(), route_data_.get(), stale_,
                      &search_->view(), options_.config.district, &options_.config, options_.config.site_base_url,
                      &reading_.view(), &text_input_->view(), &rating_->view()};
    state.now = wall_now;
    state.board = &board_->view();
    state.urgent = urgent_notices();
    state.urgent_dismissed = urgent_dismissed_;
    state.notice_category = notice_category_;
    state.staff = &staff_;
    ui.set_spoken(reading_.view().route == nav_.current() ? reading_.view().sentence : std::string());

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(fonts_.body);
    if (on_board()) {
        // The board is the whole screen: no top bar, nothing to scroll (board_screen.cpp).
        spec.draw(ui, state);
    } else if (spec.staff) {
        // Staff screens draw their own header (staff_header): no residents' toggles.
        draw_page(ui, state, spec, now);
    } else {
        top_bar(ui, state, spec.title(*strings_, state));
        // The urgent banner, except where the urgent notice itself is what the page shows.
        const bool home_page = nav_.current().is("home") && !urgent_dismissed_;
        const bool its_page = !state.urgent.empty() && nav_.current().is("notice") && nav_.current().id == state.urgent.front()->id;
        if (!state.urgent.empty() && !home_page && !its_page) urgent_banner(ui, state);
        draw_page(ui, state, spec, now);
    }
    ImGui::PopFont();
    ImGui::End();
    const RatingView& rating = rating_->view();
    const bool revealing = rating.reveal != RatingView::Reveal::None;
    if (rating.thanks_toast || rating.prompting) {
        ImGui::PushFont(fonts_.body);
        if (rating.thanks_toast) thanks_toast(ui);
        if (rating.prompting) leave_prompt(ui, rating);
        ImGui::PopFont();
    }
    if (idle_countdown_ >= 0 || dismissing_idle_) {
        ImGui::PushFont(fonts_.body);
        idle_overlay(ui, std::max(idle_countdown_, 0));
        ImGui::PopFont();
        // The finger that dismissed it has lifted: the page takes touches again.
        if (dismissing_idle_ && !input_.busy() && !ImGui::GetIO().MouseDown[0]) dismissing_idle_ = false;
    }
    if (confirm_left_s_ >= 0) {
        ImGui::PushFont(fonts_.body);
        staff_confirm_overlay(ui, confirm_left_s_);
        ImGui::PopFont();
    }
    ImGui::Render();
    // Where a finger writes in the next frame: the pad this frame drew, if it drew one.
    const FrameRecord::Target* pad = record_.find_target("pad");
    pad_min_ = pad ? pad->min : ImVec2(0, 0);
    pad_max_ = pad ? pad->max : ImVec2(0, 0);
    if (idle_countdown_ >= 0 || rating.prompting || confirm_left_s_ >= 0) pad_max_ = pad_min_;  // a box covers it
    input_.set_capture_area(pad_min_, pad_max_);

    if (!options_.picture) present_frame();
    frames_drawn_++;
    last_frame_ms_ = SDL_GetTicks64();
    if (frames_pending_ > 0) frames_pending_--;

    note_missing_glyphs(ui);
    if (on_board() && board_->view().has_slide) board_->laid_out(board_->view().slide, record_.board_page_chars);
    // The rating's new part was scrolled into view in this frame (rating.cpp): once is enough.
    if (revealing) rating_->revealed();
    // The chosen hall field was scrolled into view in this frame (staff_hall.cpp); the scroll
    // shows in the next.
    if (staff_.hall_reveal && nav_.current().is("staff-hall")) {
        staff_.hall_reveal = false;
        frames_pending_ = std::max(frames_pending_, 2);
    }
    handle_ui_event(ui.event());
    if (options_.picture) {
        // Only a frame that nothing follows is rasterised; read_pixels draws the last one if
        // the loop stopped before the page settled.
        unpresented_ = frames_pending_ > 0 || fonts_dirty_;
        if (!unpresented_) present_frame();
    }
}

// Rasterises the frame ImGui::Render() made and shows it.
void App::present_frame() {
    unpresented_ = false;
    const ImU32 bg = theme_.background;
    if (canvas_) SDL_SetRenderTarget(renderer_, canvas_);
    SDL_SetRenderDrawColor(renderer_, bg & 0xFF, (bg >> 8) & 0xFF, (bg >> 16) & 0xFF, 0xFF);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (canvas_) {
        // The canvas turned about its centre, which is the window's: it then fills it.
        SDL_SetRenderTarget(renderer_, nullptr);
        SDL_RenderClear(renderer_);
        const SDL_Rect dst{(window_w_ - width_) / 2, (window_h_ - height_) / 2, width_, height_};
        SDL_RenderCopyEx(renderer_, canvas_, nullptr, &dst, rotation_, nullptr, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(renderer_);
}

// The scrolling page, and the route's panel (the search keyboard) under it in portrait
// or beside it in landscape, where the results keep the screen's height.
void App::draw_page(Ui& ui, const ScreenState& state, const ScreenSpec& spec, double now) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(theme_.page_margin * scale_, 0));
    std::string content_id = "content#" + std::to_string(nav_.visit());
    const float panel_h = spec.panel_height ? spec.panel_height(ui, state) : 0;
    const bool panel = spec.draw_panel != nullptr && panel_h > 0;
    const bool panel_beside = panel && landscape_;
    const float footer = panel && !panel_beside ? panel_h : 0;
    const float content_w = panel_beside ? std::round(io.DisplaySize.x * 0.5f) : 0;
    ImGui::BeginChild(content_id.c_str(), ImVec2(content_w, -footer), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (state.stale) stale_notice(ui);
    float delta = input_.take_scroll(now);
    if (rating_->view().prompting) delta = 0;  // the prompt's box is what the finger is on
    if (delta != 0) {
        float target = ImGui::GetScrollY() + delta;
        float max = ImGui::GetScrollMaxY();
        if (target <= 0 || target >= max) input_.stop_fling();
        ImGui::SetScrollY(std::clamp(target, 0.0f, max));
    }
    spec.draw(ui, state);
    // The sentence being read stays in view: when it is drawn outside the page's window,
    // the page scrolls to put it a third of the way down (not while a finger moves it).
    if (reading_.playing() && record_.spoken_drawn && !input_.busy()) {
        const float top = ImGui::GetWindowPos().y, h = ImGui::GetWindowHeight();
        if (record_.spoken_min.y < top || record_.spoken_max.y > top + h) {
            ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + record_.spoken_min.y - (top + h / 3), 0.0f, ImGui::GetScrollMaxY()));
            frames_pending_ = std::max(frames_pending_, 2);
        }
    }
    scroll_y_ = ImGui::GetScrollY();
    scroll_max_y_ = ImGui::GetScrollMaxY();
    // Scrolled to the end of a page that scrolls: read to the end, for the rating's prompt.
    if (scroll_max_y_ > 0 && scroll_y_ >= scroll_max_y_ - 1) rating_->reached_end();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    if (panel_beside) {
        ImGui::SameLine(0, 0);
        ImGui::BeginChild("panel", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::SetCursorPosY(std::max(0.0f, ImGui::GetContentRegionAvail().y - panel_h));
        spec.draw_panel(ui, state);
        ImGui::EndChild();
    } else if (panel) {
        spec.draw_panel(ui, state);
    }
}

// Candidates bring characters the catalogue never uses (邸, 堡): the atlas gets them before the
// frame that shows them, rather than after one frame drawn with a placeholder.
void App::want_glyphs(const std::vector<std::string>& texts) {
    if (!fonts_.heading) return;
    for (const std::string& text : texts)
        for (size_t i = 0; i < text.size();) {
            const char32_t cp = utf8::next(text, i);
            if (cp < 0x20 || cp > 0xFFFF || fonts_.heading->FindGlyphNoFallback(static_cast<ImWchar>(cp))) continue;
            char buf[5];
            ImTextCharToUtf8(buf, static_cast<unsigned>(cp));
            if (extra_chars_.find(buf) == std::string::npos) extra_chars_ += buf;
            fonts_dirty_ = true;
        }
}

void App::note_missing_glyphs(const Ui& ui) {
    if (ui.missing_glyphs().empty()) return;
    for (unsigned cp : ui.missing_glyphs()) {
        char buf[5];
        ImTextCharToUtf8(buf, cp);
        if (extra_chars_.find(buf) == std::string::npos) {
            extra_chars_ += buf;
            fonts_dirty_ = true;
        }
    }
    if (fonts_dirty_) {
        log_warn("fonts", "characters missing from the atlas were drawn; rebuilding it");
        font_library_->discard_restored(ui.missing_glyphs());
        frames_pending_ = std::max(frames_pending_, 2);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Screenshots
//-----------------------------------------------------------------------------

Error App::read_pixels(std::vector<unsigned char>* rgba, int* w, int* h) {
    if (unpresented_) present_frame();
    if (SDL_GetRendererOutputSize(renderer_, w, h) != 0)
        return make_error(KioskError::DisplayUnavailable, std::string("SDL_GetRendererOutputSize: ") + SDL_GetError());
    rgba->assign(static_cast<size_t>(*w) * *h * 4, 0);
    // ABGR8888 is R,G,B,A in memory on little-endian machines: what PNG_FORMAT_RGBA is.
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba->data(), *w * 4) != 0)
        return make_error(KioskError::DisplayUnavailable, std::string("SDL_RenderReadPixels: ") + SDL_GetError());
    return {};
}

Error App::save_screenshot(const std::string& png_path) {
    int w = 0, h = 0;
    std::vector<unsigned char> pixels;
    if (Error e = read_pixels(&pixels, &w, &h)) return e;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(w);
    image.height = static_cast<png_uint_32>(h);
    image.format = PNG_FORMAT_RGBA;
    // FAST: no filter search per row and zlib's fast level. A 1080×1920 page takes 25 ms
    // instead of 107–121 ms (libpng's default, stb's), and the file is no larger: 216 KB
    // against 231–283 KB, a UI's flat colours compress well either way (docs/performance.md).
    image.flags = PNG_IMAGE_FLAG_FAST;
    // Opened here, not by png_image_write_to_file: on a failed write that one removes the
    // path it was given, whatever was there (a symlink, a device node when run as root).
    std::FILE* file = std::fopen(png_path.c_str(), "wb");
    if (!file) return make_error(BaseError::FileWriteFailed, png_path + ": " + std::strerror(errno));
    const bool written = png_image_write_to_stdio(&image, file, 0, pixels.data(), w * 4, nullptr) != 0;
    const bool closed = std::fclose(file) == 0;  // a full disk may say so only here
    if (!written) return make_error(BaseError::FileWriteFailed, png_path + ": " + image.message);
    if (!closed) return make_error(BaseError::FileWriteFailed, png_path + ": " + std::strerror(errno));
    return {};
}

}  // namespace gongkai
