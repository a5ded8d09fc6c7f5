// See app.h. [SECTION] index:
//   [SECTION] Creation       — SDL, renderer choice, ImGui, first catalogue load
//   [SECTION] Loop           — events, polling, frame scheduling
//   [SECTION] Frame          — chrome, scroll region, the route's screen
//   [SECTION] Screenshots
#include "app.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharToUtf8
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb/stb_image_write.h>

#include <cstdlib>
#include <chrono>
#include <ctime>

#include "log.h"
#include "strings.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Creation
//-----------------------------------------------------------------------------

Result<std::unique_ptr<App>> App::create(const AppOptions& options, std::unique_ptr<Cache> cache) {
    std::unique_ptr<App> app(new App);
    app->options_ = options;
    app->cache_ = std::move(cache);

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
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0)
        return make_error(ErrorCode::DisplayUnavailable, std::string("SDL_Init: ") + SDL_GetError());
    if (!options.headless) {
        // With no X11, Wayland or KMS display, SDL 2.26 falls back on its "offscreen" (EGL)
        // driver and the kiosk would run where nobody can see it. Unless that was asked for
        // (SDL_VIDEODRIVER), it means there is no display.
        std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
        if ((driver == "offscreen" || driver == "dummy") && !std::getenv("SDL_VIDEODRIVER")) {
            SDL_Quit();
            return make_error(ErrorCode::DisplayUnavailable, "no display: SDL found only its \"" + driver + "\" driver");
        }
    }

    const Config& cfg = options.config;
    int w = options.width > 0 ? options.width : cfg.logical_width();
    int h = options.height > 0 ? options.height : cfg.logical_height();
    Uint32 flags = SDL_WINDOW_SHOWN;
    bool fullscreen = cfg.fullscreen && !options.windowed && !options.headless;
    if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    app->window_ = SDL_CreateWindow("Gongkai 公开", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!app->window_) return make_error(ErrorCode::DisplayUnavailable, std::string("SDL_CreateWindow: ") + SDL_GetError());

    // Renderer: SDL_Renderer picks the GPU path on a real kiosk (OpenGL/GLES2, vsync)
    // and falls back to its software rasteriser headless or without a GPU; the ImGui
    // backend is the same for both (docs/architecture.md).
    if (!options.headless)
        app->renderer_ = SDL_CreateRenderer(app->window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!app->renderer_) app->renderer_ = SDL_CreateRenderer(app->window_, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer_) return make_error(ErrorCode::DisplayUnavailable, std::string("SDL_CreateRenderer: ") + SDL_GetError());
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(app->renderer_, &info);
    app->vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    app->max_texture_w_ = info.max_texture_width;
    app->max_texture_h_ = info.max_texture_height;
    log_info("display", std::string("renderer ") + info.name + (app->vsync_ ? " (vsync)" : "") + ", max texture " +
                            std::to_string(info.max_texture_width) + "x" + std::to_string(info.max_texture_height));
    if (fullscreen) SDL_ShowCursor(SDL_DISABLE);
    SDL_StopTextInput();  // no on-screen IME until a text field asks for it

    SDL_GetWindowSize(app->window_, &app->width_, &app->height_);
    app->landscape_ = app->width_ > app->height_;
    // The design is drawn for a 1080-px short side; other screens scale it.
    app->scale_ = std::min(app->width_, app->height_) / 1080.0f;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // otherwise ImGui writes imgui.ini into the working directory
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui_ImplSDL2_InitForSDLRenderer(app->window_);
    ImGui_ImplSDLRenderer_Init(app->renderer_);
    app->imgui_ready_ = true;

    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.WindowRounding = 0;
    style.ItemSpacing = ImVec2(app->scale_ * 24, 0);  // vertical rhythm comes from Ui::gap
    style.ScrollbarSize = app->scale_ * 14;             // an indicator, not a control: dragging the page scrolls
    style.ScrollbarRounding = app->scale_ * 7;
    style.Colors[ImGuiCol_WindowBg] = ImColor(app->theme_.background);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.45f, 0.45f, 0.45f, 0.6f);

    app->input_ = PointerInput(28.0f * app->scale_);
    app->font_library_ = std::make_unique<FontLibrary>(cfg.font_regular, cfg.font_bold, cfg.font_face);
    app->next_poll_ms_ = 0;
    app->poll_catalogue();
    if (app->data_version_ < 0 && app->index_.domains.empty())
        log_error("cache", "no catalogue could be read; the screen shows an empty home page");
    return app;
}

App::~App() {
    if (pending_search_.valid()) pending_search_.wait();
    if (imgui_ready_) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void App::rebuild_fonts() {
    fonts_dirty_ = false;
    std::string display_text = text::kAppTitle;
    for (auto& d : index_.domains) display_text += d.name;
    auto built = font_library_->build(index_.charset + extra_chars_, display_text, scale_, max_texture_w_, max_texture_h_);
    if (built) {
        fonts_ = *built;
    } else {
        log_error("fonts", built.error().describe());
        ImFont* fallback = ImGui::GetIO().Fonts->Fonts[0];
        fonts_ = FontSet{fallback, fallback, fallback};
    }
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    // The RGBA copy lives in the texture now; keeping it would double the atlas's memory.
    ImGui::GetIO().Fonts->ClearTexData();
    wraps_.clear();
}

//-----------------------------------------------------------------------------
// [SECTION] Loop
//-----------------------------------------------------------------------------

// How often a running kiosk looks for a catalogue installed by gongkai-sync:
// PRAGMA data_version is one page-cache read, and 1 s keeps an update's appearance
// well inside the 2 s the sync issue allows.
static constexpr Uint64 kCataloguePollMs = 1000;

void App::poll_catalogue() {
    Uint64 now = SDL_GetTicks64();
    if (now < next_poll_ms_) return;
    next_poll_ms_ = now + kCataloguePollMs;
    // Expiry passes with time, not with a write: checked on every poll.
    bool stale = catalogue_is_stale(*cache_, std::time(nullptr));
    if (stale != stale_) {
        stale_ = stale;
        if (stale) log_warn("cache", "the installed catalogue is past its signed expiry; showing the out-of-date notice");
        frames_pending_ = std::max(frames_pending_, 3);
    }
    std::int64_t v = cache_->data_version();
    if (v == data_version_) return;
    // Index and the open item from one snapshot: never a mix of two catalogues.
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
    index_ = std::move(*index);
    if (!first)
        log_info("cache", "catalogue version " + std::to_string(index_.info.version) + " (" + index_.info.source + ", " +
                              std::to_string(index_.info.items) + " items) is now shown");
    if (charset_changed) fonts_dirty_ = true;
    item_by_id_.clear();
    for (size_t i = 0; i < index_.items.size(); i++) item_by_id_[index_.items[i].id] = i;
    start_search_index_build();
    run_search();
    load_route_data();
    frames_pending_ = std::max(frames_pending_, 3);
}

void App::load_route_data() {
    item_.reset();
    linked_.clear();
    wraps_.clear();
    const Route& r = nav_.current();
    if (r.kind != Route::Kind::Item) return;
    auto item = cache_->load_item(r.id);
    if (!item) {
        if (item.error().code != ErrorCode::NotFound) log_error("cache", item.error().describe());
        return;
    }
    item_ = std::move(*item);
    for (auto& id : item_->links) {
        auto linked = cache_->load_item(id);
        if (linked) linked_.push_back(std::move(*linked));
    }
}

void App::navigate(const Route& route) {
    Route before = nav_.current();
    nav_.go(route);
    on_route_changed(before);
}

void App::on_route_changed(const Route& before) {
    const bool was_search = before.kind == Route::Kind::Search, is_search = nav_.current().kind == Route::Kind::Search;
    if (was_search && !is_search) leave_search();
    if (!was_search && is_search) {
        search_ = SearchView{};
        search_.query = nav_.current().id;
        run_search();
    }
    // A physical keyboard or IME types into the search screen only.
    if (is_search) SDL_StartTextInput();
    else SDL_StopTextInput();
    load_route_data();
    frames_pending_ = std::max(frames_pending_, 3);
}

// Fewer results than this is "few": the resident probably did not find what they meant.
static constexpr size_t kFewResults = 3;
// Results shown: a screen and a half of cards; more than that, a resident refines the query.
static constexpr size_t kSearchLimit = 30;

void App::run_search() {
    search_.rows.clear();
    if (search_.query.empty()) return;
    for (const SearchHit& hit : search_index_->search(search_.query, kSearchLimit, search_.domain_id)) {
        const SearchDocument& doc = search_index_->doc(hit.doc);
        auto found = item_by_id_.find(doc.id);
        if (found == item_by_id_.end()) continue;
        const ItemSummary* item = &index_.items[found->second];
        SearchView::Row row{Route::item(item->id), item->title, {}, item->summary, hit.highlight_begin, hit.highlight_end};
        // Found by an everyday word: say which, so the resident sees why this item is here.
        if (hit.field == SearchField::Term && hit.term >= 0 && hit.term < static_cast<int>(doc.terms.size()))
            row.line = std::string(text::kAlsoCalled) + doc.terms[hit.term] + "。" + item->summary;
        row.domain = index_.domain_name(item->domain_id);
        search_.rows.push_back(std::move(row));
    }
}

void App::start_search_index_build() {
    auto build_from = [](Cache& cache) -> std::shared_ptr<const SearchIndex> {
        auto index = std::make_shared<SearchIndex>();
        if (auto docs = cache.load_search_documents()) index->build(std::move(*docs));
        else log_error("search", docs.error().describe());
        return index;
    };
    if (cache_->path() == ":memory:") {
        // A private in-memory cache has no second connection to read from: build here.
        search_index_ = build_from(*cache_);
        return;
    }
    pending_search_ = std::async(std::launch::async, [path = cache_->path(), build_from] {
        auto reader = Cache::open(path, CacheMode::ReadOnly);
        if (!reader) {
            log_error("search", reader.error().describe());
            return std::shared_ptr<const SearchIndex>(std::make_shared<SearchIndex>());
        }
        return build_from(**reader);
    });
}

void App::finish_search_index_build() {
    if (!pending_search_.valid() || pending_search_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    search_index_ = pending_search_.get();
    run_search();
    frames_pending_ = std::max(frames_pending_, 3);
}

void App::leave_search() {
    std::string q = search_.query;
    while (!q.empty() && q.back() == ' ') q.pop_back();
    if (q.empty() || search_.rows.size() >= kFewResults) return;
    if (Error e = cache_->record_search_miss(today(), q, static_cast<int>(search_.rows.size())))
        log_warn("search", "could not count a query with few results: " + e.describe());
}

static void erase_last_char(std::string& s);

void App::handle_event(const SDL_Event& e) {
    if (e.type == SDL_QUIT) { quit_ = true; return; }
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        SDL_GetWindowSize(window_, &width_, &height_);
        landscape_ = width_ > height_;
        float scale = std::min(width_, height_) / 1080.0f;
        if (scale != scale_) { scale_ = scale; fonts_dirty_ = true; }
    }
    if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE && !(SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP))
        quit_ = true;
    if (nav_.current().kind == Route::Kind::Search) {
        // Physical keyboards and IMEs (SDL text input) type into the search, as the on-screen keys do.
        if (e.type == SDL_TEXTINPUT) { search_.query += e.text.text; run_search(); }
        if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_BACKSPACE) { erase_last_char(search_.query); run_search(); }
    }
    if (!input_.on_event(e, width_, height_)) ImGui_ImplSDL2_ProcessEvent(&e);
    frames_pending_ = std::max(frames_pending_, 3);
}

bool App::step(bool wait) {
    SDL_Event e;
    if (wait && (idle() || (pending_search_.valid() && frames_pending_ == 0 && !input_.busy()))) {
        Uint64 now = SDL_GetTicks64();
        int timeout = next_poll_ms_ > now ? static_cast<int>(next_poll_ms_ - now) : 0;
        // While the search index builds, look again every 50 ms to swap it in promptly.
        if (pending_search_.valid()) timeout = std::min(timeout, 50);
        if (SDL_WaitEventTimeout(&e, std::max(timeout, 1))) handle_event(e);
    }
    while (SDL_PollEvent(&e)) handle_event(e);
    poll_catalogue();
    finish_search_index_build();
    if (!idle()) {
        // Without vsync (software renderer) pace animation at ~60 Hz instead of spinning.
        if (input_.busy() && !vsync_) {
            Uint64 since = SDL_GetTicks64() - last_frame_ms_;
            if (since < 16) SDL_Delay(static_cast<Uint32>(16 - since));
        }
        draw_frame();
    }
    return !quit_;
}

int App::run() {
    while (step(true)) {}
    return 0;
}

void App::settle(int max_frames) {
    // At least one step: events pushed since the last one are still in SDL's queue.
    // Waiting for the search index's worker does not count as a frame (at most 10 s).
    const Uint64 deadline = SDL_GetTicks64() + 10000;
    for (int i = 0; i < max_frames && SDL_GetTicks64() < deadline;) {
        step(false);
        if (idle()) break;
        if (frames_pending_ == 0 && !input_.busy() && !fonts_dirty_ && pending_search_.valid()) {
            SDL_Delay(2);
            continue;
        }
        i++;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

std::string App::today() const {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

static void erase_last_char(std::string& s) {
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty()) s.pop_back();
}

void App::draw_frame() {
    if (fonts_dirty_) rebuild_fonts();
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    const double now = SDL_GetTicks64() / 1000.0;
    input_.apply(io, now);  // after the backend, which overwrites mouse state
    ImGui::NewFrame();

    record_ = {};
    Ui ui(fonts_, wraps_, theme_, record_, scale_, landscape_);
    ScreenState state{index_, nav_.current(), today(), item_ ? &*item_ : nullptr, linked_, stale_, &search_};

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(fonts_.body);
    // 150 px: the 110-px buttons plus a margin that keeps a thumb off the screen's edge.
    top_bar(ui, state, route_title(state), 150 * scale_);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(40 * scale_, 0));
    std::string content_id = "content#" + std::to_string(nav_.visit());
    const bool searching = state.route.kind == Route::Kind::Search;
    // The keyboard sits under the results in portrait; in landscape, beside them, so the
    // results keep the screen's height.
    const bool keyboard_beside = searching && landscape_;
    const float footer = searching && !keyboard_beside ? search_keyboard_height(ui) : 0;
    const float content_w = keyboard_beside ? std::round(io.DisplaySize.x * 0.5f) : 0;
    ImGui::BeginChild(content_id.c_str(), ImVec2(content_w, -footer), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (state.stale) stale_notice(ui);
    float delta = input_.take_scroll(now);
    if (delta != 0) {
        float target = ImGui::GetScrollY() + delta;
        float max = ImGui::GetScrollMaxY();
        if (target <= 0 || target >= max) input_.stop_fling();
        ImGui::SetScrollY(std::clamp(target, 0.0f, max));
    }
    switch (state.route.kind) {
    case Route::Kind::Home: home_screen(ui, state); break;
    case Route::Kind::Domain: domain_screen(ui, state); break;
    case Route::Kind::Item: item_screen(ui, state); break;
    case Route::Kind::Notice: notice_screen(ui, state); break;
    case Route::Kind::Search: search_screen(ui, state); break;
    }
    scroll_y_ = ImGui::GetScrollY();
    scroll_max_y_ = ImGui::GetScrollMaxY();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    if (keyboard_beside) {
        ImGui::SameLine(0, 0);
        ImGui::BeginChild("keyboard", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::SetCursorPosY(std::max(0.0f, ImGui::GetContentRegionAvail().y - search_keyboard_height(ui)));
        search_keyboard(ui);
        ImGui::EndChild();
    } else if (searching) {
        search_keyboard(ui);
    }
    ImGui::PopFont();
    ImGui::End();
    ImGui::Render();

    const ImU32 bg = theme_.background;
    SDL_SetRenderDrawColor(renderer_, bg & 0xFF, (bg >> 8) & 0xFF, (bg >> 16) & 0xFF, 0xFF);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    SDL_RenderPresent(renderer_);
    frames_drawn_++;
    last_frame_ms_ = SDL_GetTicks64();
    if (frames_pending_ > 0) frames_pending_--;

    if (!ui.missing_glyphs().empty()) {
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
            frames_pending_ = std::max(frames_pending_, 2);
        }
    }
    const UiEvent& ev = ui.event();
    switch (ev.kind) {
    case UiEvent::Kind::None: break;
    case UiEvent::Kind::Navigate: navigate(ev.route); break;
    case UiEvent::Kind::Back: {
        Route before = nav_.current();
        nav_.back();
        on_route_changed(before);
        break;
    }
    case UiEvent::Kind::Home: {
        Route before = nav_.current();
        nav_.home();
        on_route_changed(before);
        break;
    }
    case UiEvent::Kind::SearchType: search_.query += ev.text; run_search(); break;
    case UiEvent::Kind::SearchBackspace: erase_last_char(search_.query); run_search(); break;
    case UiEvent::Kind::SearchClear: search_.query.clear(); run_search(); break;
    case UiEvent::Kind::SearchFilter: search_.domain_id = ev.text; run_search(); break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Screenshots
//-----------------------------------------------------------------------------

Error App::save_screenshot(const std::string& png_path) {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
    // ABGR8888 is R,G,B,A in memory on little-endian machines: what stbi_write_png wants.
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) != 0)
        return make_error(ErrorCode::DisplayUnavailable, std::string("SDL_RenderReadPixels: ") + SDL_GetError());
    if (!stbi_write_png(png_path.c_str(), w, h, 4, pixels.data(), w * 4))
        return make_error(ErrorCode::FileUnreadable, "could not write " + png_path);
    return {};
}

}  // namespace gongkai
