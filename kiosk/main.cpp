// gongkai-kiosk: the touchscreen app. Also, for staff and scripts, --list, --query,
// --candidates, --screenshot and --speak, which read the same config and cache as the kiosk
// itself, and --pinyin and --recognize, which read nothing but their argument.
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "app.h"
#include "atlas_cache.h"
#include "cache.h"
#include "clock.h"
#include "command_line.h"
#include "config.h"
#include "config_layers.h"
#include "demo_catalogue.h"
#include "input/handwriting.h"
#include "input/pinyin_ime.h"
#include "log.h"
#include "screens/screens.h"
#include "search_index.h"
#include "speech/page_sentences.h"
#include "speech/reading.h"
#include "speech/speech_errors.h"
#include "speech/speech_synth.h"
#include "speech/wav.h"
#include "staff.h"
#include "theme.h"
#include "ui_strings.h"

using namespace gongkai;

namespace {

struct Args {
    std::string config, screenshot, route = "home", query, size, theme, lang, pinyin, speak, wav, recognize, candidates, now_text;
    std::time_t now = 0;  // --now; 0: the system clock
    bool has_query = false, has_candidates = false;
    int width = 0, height = 0, limit = 10;
    bool list = false, json = false, windowed = false, check_config = false, set_pin = false;
};

// --check-config: the layers as the staff panel checks a change — every section, unknown
// keys refused — so a technician's hand edit is refused here before a device runs on it.
int check_config_layers(const std::string& path) {
    if (path.empty()) {
        std::fprintf(stderr, "gongkai-kiosk: no config file (--config, $GONGKAI_CONFIG or /etc/gongkai/gongkai.toml): built-in defaults\n");
        return 2;
    }
    std::vector<std::string> problems;
    auto cfg = load_config_layers(path, all_config_sections(), /*strict_keys=*/true, nullptr, &problems);
    // What gongkai-sync checks at start (a trusted key that is no minisign key) is refused
    // here too, so "ok" means both programs will run on it.
    if (cfg)
        if (Error e = check_trusted_keys(*cfg)) problems.push_back(e.detail);
    if (cfg && problems.empty()) {
        // Not an error (a kiosk shows its cache without it), but nothing will be synced.
        if (cfg->sync_url.empty() || cfg->trusted_keys.empty())
            std::fprintf(stderr, "gongkai-kiosk: note: [sync] url and trusted_keys are not both set: this device will not sync\n");
        std::printf("ok: %s\n", cfg->source.c_str());
        return 0;
    }
    if (problems.empty()) problems.push_back(cfg.error().detail);
    for (const std::string& problem : problems) std::fprintf(stderr, "gongkai-kiosk: ConfigInvalid: %s\n", problem.c_str());
    return 2;
}

// --size WxH, each 320 (the smallest screen the layout fits) to 8192 (the largest
// texture a renderer is expected to offer).
std::string parse_size(const std::string& v, int* w, int* h) {
    static const std::regex kSize("([0-9]{3,4})x([0-9]{3,4})");  // digits only: no sign, space or "+"
    std::smatch m;
    if (std::regex_match(v, m, kSize)) {
        *w = std::stoi(m[1]);
        *h = std::stoi(m[2]);
        if (*w >= 320 && *h >= 320 && *w <= 8192 && *h <= 8192) return {};
    }
    return "--size must be WxH, each 320 to 8192, e.g. 1080x1920";
}

// --list --json: every item, then what is in force at `now` on this device — its notices
// (those meant for its hall and groups), interpretations and responses — each with its
// "kind" (item, notice, interpretation, response).
int print_list(Cache& cache, const Config& cfg, std::time_t now) {
    Cache::ReadSnapshot snapshot(cache);  // the index and the items of one catalogue
    auto index = cache.load_index();
    auto items = index ? cache.load_summaries("") : Result<std::vector<ItemSummary>>(index.error());
    if (!items) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", items.error().describe().c_str());
        return 1;
    }
    nlohmann::json out = nlohmann::json::array();
    for (auto& item : *items) {
        out.push_back({{"kind", "item"}, {"id", item.id}, {"title", item.title}, {"domain", index->domain_name(item.domain_id)},
                       {"domain_id", item.domain_id}, {"level1", item.level1}});
    }
    const DeviceTarget device{cfg.hall_id, cfg.hall_name, cfg.hall_groups};
    for (const Notice& n : index->notices) {
        if (!notice_targets(n, device) || !notice_in_force(n, now)) continue;
        nlohmann::json o = {{"kind", "notice"}, {"id", n.id}, {"title", n.title}, {"domain", index->domain_name(n.domain_id)},
                            {"domain_id", n.domain_id}, {"level1", ""}, {"category", category_name(n.category)}, {"category_id", category_id(n.category)},
                            {"urgent", n.urgent}, {"valid_from", n.valid_from}, {"valid_until", n.valid_until}};
        if (n.results) o["results"] = n.results->rows.size();
        out.push_back(std::move(o));
    }
    for (const Interpretation& i : index->interpretations) {
        if (!in_force(i.valid_from, i.valid_until, now)) continue;
        out.push_back({{"kind", "interpretation"}, {"id", i.id}, {"title", i.title}, {"domain", ""}, {"domain_id", ""},
                       {"level1", ""}, {"published", i.published}, {"items", i.items}, {"notices", i.notices}});
    }
    for (const Response& r : index->responses)
        out.push_back({{"kind", "response"}, {"id", r.id}, {"title", r.question}, {"domain", ""}, {"domain_id", ""},
                       {"level1", ""}, {"answered", r.answered}, {"items", r.items}, {"notices", r.notices}});
    std::cout << out.dump(1) << "\n";
    return 0;
}

int print_query(Cache& cache, const std::string& query, int limit) {
    auto docs = cache.load_search_documents();
    auto index = cache.load_index();
    auto thesaurus = cache.load_thesaurus();
    if (!docs || !index || !thesaurus) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", (!docs ? docs.error() : !index ? index.error() : thesaurus.error()).describe().c_str());
        return 1;
    }
    SearchIndex search;
    search.build(std::move(*docs), SearchLanguage::standard(std::move(*thesaurus)));
    ItemShelf items;
    items.set(&cache, index->info);
    nlohmann::json out = nlohmann::json::array();
    for (const SearchHit& hit : search.search(query, static_cast<size_t>(limit))) {
        const ItemSummary* item = items.read_item(search.doc(hit.doc).id);
        if (!item) continue;
        out.push_back({{"id", item->id}, {"title", item->title}, {"domain", index->domain_name(item->domain_id)}, {"score", hit.score},
                       {"field", to_string(hit.field)}, {"match", to_string(hit.kind)}});
        if (hit.relaxed) out.back()["words"] = search.question_words(query);
        if (hit.answer >= 0) out.back()["answers"] = to_string(static_cast<QuestionFrame>(hit.answer));
    }
    std::cout << out.dump(1) << "\n";
    return 0;
}

// --recognize STROKES.json --json: the candidates for one handwritten character, best first,
// as [{"char":"低","score":0.93},…]. A file that cannot be read or is not within the limits
// of handwriting.h is a bad file (1), as is a missing model.
int print_recognized(const std::string& path, int limit) {
    auto input = read_strokes_file(path);
    if (!input) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", input.error().describe().c_str());
        return 1;
    }
    auto recogniser = HandwritingRecogniser::open();
    if (!recogniser) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", recogniser.error().describe().c_str());
        return 1;
    }
    auto candidates = (*recogniser)->recognise(*input, {static_cast<size_t>(limit), /*normalise=*/true});
    if (!candidates) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", candidates.error().describe().c_str());
        return 1;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const HandwritingCandidate& c : *candidates) out.push_back({{"char", c.character}, {"score", c.score}});
    std::cout << out.dump(1) << "\n";
    return 0;
}

// --candidates: the candidate bar the kiosk's pinyin input shows for PINYIN, with the
// catalogue's words boosted as on the kiosk. A JSON array of strings, best first.
int print_candidates(Cache& cache, const std::string& typed, int limit) {
    auto names = cache.load_item_names();
    if (!names) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", names.error().describe().c_str());
        return 1;
    }
    auto engine = PinyinIme::load(pinyin_ime_files_from_environment(), catalogue_words(*names));
    if (!engine) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", engine.error().describe().c_str());
        return 1;
    }
    auto bar = (*engine)->candidates(typed, static_cast<size_t>(limit));
    if (!bar) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", bar.error().describe().c_str());
        return 2;
    }
    nlohmann::json out = *bar;
    std::cout << out.dump() << "\n";
    return 0;
}

// Names the routes from the registry, so the message is true whatever screens exist.
void print_unknown_route(const std::string& route_text) {
    std::string known;
    for (const ScreenSpec& spec : screen_registry()) {
        if (!spec.deep_link) continue;
        known += (known.empty() ? "" : ", ") + std::string(spec.name) + (spec.takes_id ? spec.id_optional ? "[/<query>]" : "/<id>" : "");
    }
    std::fprintf(stderr, "gongkai-kiosk: no such route \"%s\" (routes: %s)\n", route_text.c_str(), known.c_str());
}

int screenshot(const Config& cfg, std::unique_ptr<Cache> cache, const std::string& out, const std::string& route_text,
               int width, int height, std::time_t now) {
    auto route = Route::parse(route_text);
    if (!route) {
        print_unknown_route(route_text);
        return 2;
    }
    AppOptions options{cfg, /*headless=*/true, /*windowed=*/true, width, height};
    options.now = now;
    options.engines = AppOptions::Engines::WhenTextIsTaken;
    options.atlas_dir = default_atlas_dir();
    options.picture = true;
    auto draw = [&](std::unique_ptr<Cache> from) -> Result<std::unique_ptr<App>> {
        auto app = App::create(options, std::move(from));
        if (!app) return app.error();
        if (!route->is("home")) (*app)->navigate(*route);
        (*app)->settle();
        return app;
    };
    auto app = draw(std::move(cache));
    if (app && (*app)->picture_damage() && cfg.cache_path != ":memory:") {
        // The page's reads found the file damaged (the cache was opened without its whole-file
        // check, CacheCheck::Later): the start-up policy now — the file aside, the demo in a
        // fresh one — and the picture taken again of what a kiosk would then show.
        app->reset();
        auto fresh = open_cache_with_fallback(cfg.cache_path, demo_bundle(), CacheCheck::AtOpen);
        app = fresh ? draw(std::move(fresh->cache)) : Result<std::unique_ptr<App>>(fresh.error());
    }
    if (!app) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", app.error().describe().c_str());
        return 1;
    }
    if (Error e = (*app)->save_screenshot(out)) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", e.describe().c_str());
        return 1;
    }
    return 0;
}

// The sentences read-aloud speaks on an item, notice, interpretation or response page, or the error that stops it.
Result<std::vector<std::string>> page_to_read(Cache& cache, const Route& route, const UiStrings& str) {
    auto sentences = page_sentences(cache, route, str);
    if (!sentences) return sentences.error();
    return sentence_texts(*sentences);
}

// --speak ROUTE --wav OUT: what read-aloud says on that page, as a WAV file.
int speak(const Config& cfg, Cache& cache, const std::string& route_text, const std::string& out) {
    auto route = Route::parse(route_text);
    if (!route) {
        print_unknown_route(route_text);
        return 2;
    }
    const UiStrings* str = find_ui_strings(cfg.language);
    auto sentences = page_to_read(cache, *route, str ? *str : default_ui_strings());
    if (!sentences) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", sentences.error().describe().c_str());
        return sentences.error().code == SpeechError::NothingToRead ? 2 : 1;
    }
    auto synth = SpeechSynth::create();
    if (!synth) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", synth.error().describe().c_str());
        return 1;
    }
    auto audio = (*synth)->render(*sentences);
    if (!audio) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", audio.error().describe().c_str());
        return 1;
    }
    if (Error e = write_wav(out, audio->samples, audio->sample_rate)) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", e.describe().c_str());
        return 1;
    }
    std::printf("%s: %zu sentences, %.1f s\n", out.c_str(), sentences->size(), double(audio->samples.size()) / audio->sample_rate);
    return 0;
}

// --set-pin: the staff panel's PIN (the first one, or a forgotten one's replacement) read from
// stdin — not echoed on a terminal — stored as its Argon2id hash in [staff] pin_hash of the
// device's local.toml (config_layers.h); a lockout from wrong PINs is cleared. 2: no config
// file, or a PIN that is not 4 to 8 digits (the reason named); 1: it could not be stored.
int set_pin(const std::string& config_path) {
    if (config_path.empty()) {
        std::fprintf(stderr, "gongkai-kiosk: --set-pin needs --config FILE (the PIN is kept in local.toml beside it)\n");
        return 2;
    }
    termios saved{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        std::fprintf(stderr, "Staff PIN (4-8 digits): ");
    }
    // One line, at most 64 bytes read: a PIN is 8 digits, anything longer is refused anyway.
    std::string pin;
    for (int c; pin.size() <= 64 && (c = std::getchar()) != EOF && c != '\n';) pin += static_cast<char>(c);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!pin.empty() && pin.back() == '\r') pin.pop_back();
    if (Error e = check_pin_format(pin)) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", e.describe().c_str());
        return 2;
    }
    auto hash = hash_pin(pin);
    if (!hash) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", hash.error().describe().c_str());
        return 1;
    }
    auto cfg = apply_settings(config_path, {{"staff", "pin_hash", SettingValue(*hash)}});
    if (!cfg) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", cfg.error().describe().c_str());
        return cfg.error().code == BaseError::ConfigInvalid ? 2 : 1;
    }
    // A technician who sets a new PIN is past the lockout: the wrong PINs are forgotten.
    std::error_code ec;
    if (std::filesystem::exists(cfg->cache_path, ec)) {
        auto cache = Cache::open(cfg->cache_path, CacheMode::ReadWrite);
        Error e = cache ? (*cache)->set_state(kStateStaffPinFailures, "0") : cache.error();
        if (!e && cache) e = (*cache)->set_state(kStateStaffLockedUntil, "0");
        if (e) std::fprintf(stderr, "gongkai-kiosk: the PIN is set, but the lockout could not be cleared: %s\n", e.describe().c_str());
    } else {
        std::fprintf(stderr, "gongkai-kiosk: no cache at %s: no PIN lockout was cleared there ([cache] path, or run as the kiosk's user)\n",
                     cfg->cache_path.c_str());
    }
    std::printf("The staff PIN is set (%s).\n", local_config_path(config_path).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    set_log_program("gongkai-kiosk");
    CLI::App cli{"gongkai-kiosk: the touchscreen app. For staff and scripts it also lists the catalogue,\n"
                 "answers search queries and renders any screen to a PNG, from the same config and cache.\n"
                 "Without --config: $GONGKAI_CONFIG, else /etc/gongkai/gongkai.toml, else built-in defaults\n"
                 "(cache at /var/lib/gongkai/cache.db for root, ~/.local/state/gongkai/cache.db otherwise).",
                 "gongkai-kiosk"};
    cli.set_version_flag("--version", std::string("gongkai-kiosk ") + GONGKAI_VERSION);
    Args args;
    cli.add_option("--config", args.config, "device config");
    cli.add_flag("--windowed", args.windowed, "a window instead of the config's fullscreen");
    CLI::Option* check_opt = cli.add_flag("--check-config", args.check_config,
        "check the config's layers (its preset, the file, local.toml beside it) as the staff panel checks a change; "
        "print them, or every problem and exit 2");
    CLI::Option* screenshot_opt =
        cli.add_option("--screenshot", args.screenshot, "render ROUTE to this PNG with no display, then exit");
    cli.add_option("--route", args.route, "home, domain/<id>, item/<id>, notice/<id>, interpretation/<id>, response/<id>, board, search or search/<query>");
    CLI::Option* now_opt = cli.add_option("--now", args.now_text,
        "with --screenshot or --list: the moment to show, e.g. 2026-12-01T10:00:00+08:00 (what is in force, the board)");
    cli.add_option("--size", args.size, "window or screenshot size WxH (320-8192 each), e.g. 1080x1920");
    cli.add_option("--theme", args.theme, "look instead of the config's: standard, large (长辈版) or contrast")
        ->check(CLI::IsMember({"standard", "large", "contrast"}));
    cli.add_option("--lang", args.lang, "language instead of the config's: zh or en")->check(CLI::IsMember({"zh", "en"}));
    CLI::Option* list = cli.add_flag("--list", args.list, "print every item as JSON (needs --json)");
    CLI::Option* query = cli.add_option("--query", args.query, "print the search results for TEXT as JSON (needs --json)");
    // One staff mode at a time: a second would be ignored without a word.
    CLI::Option* candidates = cli.add_option("--candidates", args.candidates,
        "print the pinyin input's candidate bar for PINYIN (letters a-z, v for ü) as JSON (needs --json)");
    list->excludes(query)->excludes(screenshot_opt)->excludes(candidates);
    query->excludes(screenshot_opt)->excludes(candidates);
    candidates->excludes(screenshot_opt);
    cli.add_option("--limit", args.limit, "results for --query, candidates for --recognize and --candidates (default 10)")->check(CLI::Range(1, 1000));
    cli.add_flag("--json", args.json, "JSON output (the only format of --list, --query, --recognize and --candidates)");
    CLI::Option* pinyin = cli.add_option("--pinyin", args.pinyin, "print how read-aloud reads TEXT: toned pinyin, e.g. yin2 hang2");
    CLI::Option* speak_opt = cli.add_option("--speak", args.speak, "write what read-aloud says on ROUTE (item/<id>, notice/<id>, interpretation/<id>, response/<id>) to --wav");
    CLI::Option* wav = cli.add_option("--wav", args.wav, "the WAV file --speak writes (22,050 Hz, mono, 16-bit)");
    pinyin->excludes(list)->excludes(query)->excludes(screenshot_opt)->excludes(speak_opt)->excludes(candidates);
    speak_opt->excludes(list)->excludes(query)->excludes(screenshot_opt)->excludes(candidates);
    CLI::Option* set_pin_opt = cli.add_flag("--set-pin", args.set_pin,
        "read the staff panel's PIN (4-8 digits) from stdin and store its Argon2id hash in local.toml beside --config");
    set_pin_opt->excludes(list)->excludes(query)->excludes(screenshot_opt)->excludes(speak_opt)->excludes(candidates)->excludes(pinyin);
    CLI::Option* recognize = cli.add_option("--recognize", args.recognize,
                                            "print the candidates for the handwritten character in STROKES.json as JSON (needs --json)");
    recognize->excludes(list)->excludes(query)->excludes(screenshot_opt)->excludes(speak_opt)->excludes(pinyin)->excludes(candidates);
    try {
        cli.parse(argc, argv);
        args.has_query = cli.count("--query") > 0;
        args.has_candidates = candidates->count() > 0;
        std::string error;
        if (cli.count("--size")) error = parse_size(args.size, &args.width, &args.height);
        if (error.empty() && screenshot_opt->count() && args.screenshot.empty()) error = "--screenshot needs a file name";
        if (error.empty() && args.list && !args.json) error = "--list needs --json (the only output format)";
        if (error.empty() && args.has_query && !args.json) error = "--query needs --json (the only output format)";
        if (error.empty() && args.has_candidates && !args.json) error = "--candidates needs --json (the only output format)";
        if (error.empty() && speak_opt->count() && (args.speak.empty() || args.wav.empty())) error = "--speak needs a route and --wav FILE";
        if (error.empty() && recognize->count() && args.recognize.empty()) error = "--recognize needs a STROKES.json file";
        if (error.empty() && recognize->count() && !args.json) error = "--recognize needs --json (the only output format)";
        if (error.empty() && wav->count() && !speak_opt->count()) error = "--wav goes with --speak";
        if (error.empty() && now_opt->count() && !screenshot_opt->count() && !args.list) error = "--now goes with --screenshot or --list";
        // From 2000 (a clock of this century) to the end of 9998 (the year stays four digits in
        // district time, whatever the offset written).
        if (error.empty() && now_opt->count() &&
            (!parse_rfc3339(args.now_text, &args.now) || args.now < 946684800 || args.now >= 253370764800))
            error = "--now must be a time such as 2026-12-01T10:00:00+08:00 (RFC 3339, with its offset), from 2000 to 9998";
        if (!error.empty()) throw CLI::ValidationError(error);
    } catch (const CLI::ParseError& e) {
        return exit_for_parse_error(cli, e, "gongkai-kiosk");
    }
    // --pinyin reads nothing but its argument: no config, no cache.
    if (pinyin->count()) {
        std::printf("%s\n", pinyin_of(args.pinyin).c_str());
        return 0;
    }
    // --recognize reads nothing but its file and the handwriting model: no config, no cache.
    if (recognize->count()) return print_recognized(args.recognize, args.limit);
    if (check_opt->count()) return check_config_layers(args.config.empty() ? default_config_path() : args.config);
    const bool tool_mode = args.list || args.has_query || args.has_candidates || !args.screenshot.empty() || !args.speak.empty();
    std::string config_path = args.config.empty() ? default_config_path() : args.config;
    if (args.set_pin) return set_pin(config_path);
    // Staff tools stop on any wrong value. The kiosk itself keeps each wrong key's default
    // (and its cache, district, ...) with a warning; only a file it cannot read at all sends
    // it to the built-in defaults. Either way a resident sees a working screen.
    auto cfg = tool_mode ? load_config(config_path) : load_config(config_path, {});
    if (cfg) {
        // The command line's look and language win over the config's.
        if (!args.theme.empty()) cfg->theme = args.theme;
        if (!args.lang.empty()) cfg->language = args.lang == "zh" ? "zh-CN" : "en";
    }
    if (cfg && tool_mode) {
        Look look;
        std::string unknown;
        if (!parse_theme_name(cfg->theme, &look)) unknown = "[display] theme \"" + cfg->theme + "\" is not one of " + kThemeNames;
        else if (!find_ui_strings(cfg->language))
            unknown = "[display] language \"" + cfg->language + "\" is not one of " + ui_string_languages();
        if (!unknown.empty()) cfg = make_error(BaseError::ConfigInvalid, cfg->source + ": " + unknown);
    }
    if (!cfg) {
        if (tool_mode) {
            std::fprintf(stderr, "gongkai-kiosk: %s\n", cfg.error().describe().c_str());
            return 2;
        }
        log_error("config", cfg.error().describe() + "; using built-in defaults");
        cfg = load_config("");
    }

    // The kiosk and a picture show their first frame without reading the whole file first
    // (CacheCheck::Later): the kiosk checks it after that frame (AppOptions::damaged_cache_fallback);
    // a picture reads only its page, and SQLite names damage in what it reads.
    const bool shows_a_page = !args.list && !args.has_query && !args.has_candidates && args.speak.empty();
    auto opened = open_cache_with_fallback(cfg->cache_path, demo_bundle(), shows_a_page ? CacheCheck::Later : CacheCheck::AtOpen);
    if (!opened) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", opened.error().describe().c_str());
        return 1;
    }
    if (args.list) return print_list(*opened->cache, *cfg, args.now != 0 ? args.now : std::time(nullptr));
    if (args.has_query) return print_query(*opened->cache, args.query, args.limit);
    if (args.has_candidates) return print_candidates(*opened->cache, args.candidates, args.limit);
    if (!args.speak.empty()) return speak(*cfg, *opened->cache, args.speak, args.wav);
    if (!args.screenshot.empty())
        return screenshot(*cfg, std::move(opened->cache), args.screenshot, args.route, args.width, args.height, args.now);

    AppOptions options{*cfg, false, args.windowed, args.width, args.height};
    options.config_path = config_path;  // the staff panel's settings: local.toml beside it
    options.atlas_dir = default_atlas_dir();
    options.damaged_cache_fallback = demo_bundle();
    auto app = App::create(options, std::move(opened->cache));
    if (!app && app.error().code == KioskError::DisplayUnavailable) {
        // No display (a server, a container, CI): show what the kiosk would, as a picture.
        log_warn("display", app.error().describe());
        // A file of our own, made with O_EXCL by mkstemps: a fixed name in a shared /tmp
        // could be a symlink someone else left there.
        std::string out = (std::filesystem::temp_directory_path() / "gongkai-home-XXXXXX.png").string();
        int fd = ::mkstemps(out.data(), 4);
        if (fd < 0) {
            std::fprintf(stderr, "gongkai-kiosk: cannot create a file in %s: %s\n", std::filesystem::temp_directory_path().c_str(),
                         std::strerror(errno));
            return 1;
        }
        ::close(fd);
        auto again = open_cache_with_fallback(cfg->cache_path, demo_bundle());
        if (!again) return 1;
        int rc = screenshot(*cfg, std::move(again->cache), out, "home", args.width, args.height, 0);
        if (rc != 0) return rc;
        std::printf("No display was found, so the home screen was rendered to:\n  %s\n"
                    "To run the kiosk in a window, start it where a display is available (a desktop session,\n"
                    "or a kiosk compositor such as cage), or on this machine with a virtual display:\n"
                    "  apt-get install -y xvfb && xvfb-run -s '-screen 0 1080x1920x24' %s --windowed\n",
                    out.c_str(), argv[0]);
        return 0;
    }
    if (!app) {
        std::fprintf(stderr, "gongkai-kiosk: %s\n", app.error().describe().c_str());
        return 1;
    }
    return (*app)->run();
}
