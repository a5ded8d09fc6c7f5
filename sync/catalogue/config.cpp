// See config.h.
#include "config.h"
#include "config_layers.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "log.h"
#include "utf8.h"
#include "minisign.h"
#include "toml_source.h"

namespace gongkai {

int Config::logical_width() const {
    if (width > 0) return width;
    return orientation == Orientation::Portrait ? 1080 : 1920;
}
int Config::logical_height() const {
    if (height > 0) return height;
    return orientation == Orientation::Portrait ? 1920 : 1080;
}

std::string default_cache_path() {
    // systemd's StateDirectory= (the packaged units: /var/lib/gongkai) — a list separated by
    // ':' when a unit names several; the first is ours.
    if (const char* state = std::getenv("STATE_DIRECTORY"); state && *state) {
        std::string first(state);
        first = first.substr(0, first.find(':'));
        if (!first.empty()) return first + "/cache.db";
    }
    // root, or a user who can write the packaged state directory (the services' users, a
    // technician's `sudo -u gongkai-kiosk gongkai-kiosk --set-pin`, which drops the unit's
    // STATE_DIRECTORY): the device's cache there.
    if (geteuid() == 0 || access("/var/lib/gongkai", W_OK | X_OK) == 0) return "/var/lib/gongkai/cache.db";
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) return std::string(state) + "/gongkai/cache.db";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/state/gongkai/cache.db";
    return "gongkai-cache.db";
}

std::string default_config_path() {
    if (const char* env = std::getenv("GONGKAI_CONFIG"); env && *env) return env;
    std::error_code ec;
    if (std::filesystem::exists("/etc/gongkai/gongkai.toml", ec)) return "/etc/gongkai/gongkai.toml";
    return {};
}

// Why a [report] url cannot be used, or "" when it can: https:// (http:// only with the
// development switch), a host, and no query or fragment (batches/<device>/<sha256>.json is appended).
static std::string report_url_problem(const std::string& url, bool allow_http) {
    const bool https = url.starts_with("https://"), http = url.starts_with("http://");
    if (!https && !(http && allow_http)) return "must start with https://";
    const std::string rest = url.substr(https ? 8 : 7);
    const size_t slash = rest.find('/');
    if (slash == 0 || rest.empty()) return "has no host";
    if (url.find_first_of("?# \t\r\n") != std::string::npos) return "must not hold a query (?), a fragment (#) or spaces";
    return {};
}

// Why a [sync] url cannot be polled, or "" when it can: https:// (http:// only with the
// development switch), a host, no spaces. The sync cycle refuses others too (InsecureUrl);
// here they are refused before a device runs on them.
static std::string sync_url_problem(const std::string& url, bool allow_http) {
    const bool https = url.starts_with("https://"), http = url.starts_with("http://");
    if (!https && !(http && allow_http)) return http ? "must start with https:// (http:// only with insecure_allow_http, for development)" : "must start with https://";
    const std::string rest = url.substr(https ? 8 : 7);
    if (rest.empty() || rest[0] == '/') return "has no host";
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7F) return "must not hold spaces or control characters";
    return {};
}

// Why a [site] base_url cannot be put in a QR code, or "" when it can: http:// or https://
// (a resident's phone opens it; the kiosk fetches nothing from it), a host, printable
// ASCII only (every phone's scanner opens it; write an internationalised host in its
// xn-- form and a path percent-encoded), no query or fragment (page paths are appended),
// at most kMaxSiteBaseUrlBytes. `url` ends in "/" afterwards: "https://gk.example.cn"
// and "https://gk.example.cn/" both mean the site's root.
static std::string site_base_url_problem(std::string& url) {
    const bool https = url.starts_with("https://"), http = url.starts_with("http://");
    if (!https && !http) return "must start with https:// or http://";
    for (unsigned char c : url)
        if (c <= 0x20 || c >= 0x7F) return "must hold only printable ASCII (no spaces; percent-encode the path, xn-- for the host)";
    if (url.find_first_of("?#") != std::string::npos) return "must not hold a query (?) or a fragment (#)";
    const std::string rest = url.substr(https ? 8 : 7);
    if (rest.empty() || rest[0] == '/') return "has no host";
    if (!url.ends_with("/")) url += "/";
    if (url.size() > kMaxSiteBaseUrlBytes) return "must be at most " + std::to_string(kMaxSiteBaseUrlBytes) + " bytes";
    return {};
}

// Why a line of hall text cannot be shown, or "": one line (no control characters, so
// no NUL and no line break) of 1 to `max_chars` characters.
static std::string one_line_problem(const std::string& text, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size();) {
        char32_t cp = utf8::next(text, i);
        if (cp < 0x20 || cp == 0x7F) return "must not hold control characters (a NUL, a line break)";
        // Unicode's own line breaks and format controls break "one line" as surely: NEL,
        // C1 controls, the line and paragraph separators, bidi overrides, the BOM.
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x200E || cp == 0x200F)
            return "must not hold line separators or invisible format characters (U+" + [&] {
                char buf[8];
                std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
                return std::string(buf);
            }() + ")";
        chars++;
    }
    if (chars == 0) return "must not be empty";
    if (chars > max_chars) return "must be at most " + std::to_string(max_chars) + " characters";
    return {};
}

// Why a [staff] pin_hash is not one crypto_pwhash_str wrote, or "": an Argon2id string
// ("$argon2id$v=19$m=…,t=…,p=…$salt$hash") of printable ASCII that fits its buffer
// (crypto_pwhash_STRBYTES, 128 with the NUL). Whether it verifies is the panel's business.
static std::string pin_hash_problem(const std::string& hash) {
    if (!hash.starts_with("$argon2id$")) return "must be an Argon2id hash (\"$argon2id$…\"): set the PIN with gongkai-kiosk --set-pin";
    if (hash.size() > 127) return "is longer than an Argon2id hash string (127 bytes)";
    for (unsigned char c : hash)
        if (c <= 0x20 || c >= 0x7F) return "must hold only printable ASCII";
    return {};
}

// Hall texts' lengths. The district is in the title bar: the longest district names are
// 6 characters, and 20 still fits the bar at 1.5×. The others are shown wrapped on home
// and the help screen; their bounds are about twice the longest real ones seen (a hall's
// name 17, an address 28, opening hours 35, one window line 30, the help hint 45).
constexpr size_t kMaxDistrictChars = 20, kMaxHallNameChars = 40, kMaxHallLineChars = 80, kMaxHallHelpChars = 120;
// A hall lists its windows one line each; 24 is more windows than the largest hall has.
constexpr size_t kMaxHallWindows = 24;
// A device is in a few groups (a part of the district, a kind of hall); 16 is plenty.
constexpr size_t kMaxHallGroups = 16;

const std::set<std::string>& all_config_sections() {
    // "preset" and "local" are not sections of the file but of the layers: a preset that
    // cannot be used, a local.toml that cannot be read or sets what it may not.
    static const std::set<std::string> kAll = {"board", "cache", "display", "hall", "local", "preset", "report", "site", "staff", "sync"};
    return kAll;
}

Result<Config> load_config(const std::string& path) { return load_config(path, all_config_sections()); }

Result<Config> load_config(const std::string& path, const std::set<std::string>& fatal_sections) {
    return load_config_layers(path, fatal_sections, /*strict_keys=*/false, nullptr, nullptr);
}

std::string local_config_path(const std::string& config_path) {
    if (config_path.empty()) return {};
    std::filesystem::path dir = std::filesystem::path(config_path).parent_path();
    return (dir.empty() ? std::filesystem::path("local.toml") : dir / "local.toml").string();
}

bool preset_name_valid(std::string_view name) {
    if (name.empty() || name.size() > kMaxPresetNameBytes) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return name.front() != '-';
}

std::string preset_path(const std::string& config_path, std::string_view name) {
    std::filesystem::path dir = std::filesystem::path(config_path).parent_path();
    return ((dir.empty() ? std::filesystem::path("presets") : dir / "presets") / (std::string(name) + ".toml")).string();
}

// Later layers win key by key; a table is merged into a table, anything else replaces.
// Nodes are moved, so each keeps its source position (toml++ drops it on a copy) and a
// problem names the file and line it was written in.
static void merge_toml(toml::table& base, toml::table&& over) {
    for (auto&& [key, node] : over) {
        if (auto* over_table = node.as_table())
            if (auto* base_table = base.get_as<toml::table>(key)) {
                merge_toml(*base_table, std::move(*over_table));
                continue;
            }
        base.insert_or_assign(key, std::move(node));
    }
}

// Reads one layer as ConfigInvalid naming it when it cannot be read or parsed.
static Result<toml::table> read_layer(const std::string& path) {
    TextPosition where_bad;
    auto file = read_toml("", path, path, /*allow_gb18030=*/false, &where_bad);
    if (!file) {
        const Error& e = file.error();
        return make_error(BaseError::ConfigInvalid,
                          e.code == CatalogueError::SourceSyntax || e.code == CatalogueError::SourceEncoding ? e.detail : e.describe());
    }
    return std::move(file->root);
}

// local.toml as the device runs it: absent (or a dangling symlink: the package ships
// /etc/gongkai/local.toml → /var/lib/gongkai/local.toml before the panel first writes it)
// is no overrides. One that cannot be read or parsed is never what the panel wrote (it
// validates and writes atomically): a hand edit gone wrong, which must not brick the device —
// so it is logged and its last good copy (config_layers.h) is used, else nothing. `strict`
// (--check-config, the panel's validation): it is the error instead.
static Result<toml::table> read_local_layer(const std::string& path, std::string& used, bool strict) {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto link = fs::symlink_status(path, ec);
    if (ec || !fs::exists(link)) return toml::table{};
    // A symlink is followed; one whose target is missing is "not written yet". A loop or an
    // unreadable directory on the way is not missing: it is read, and fails by name.
    if (fs::is_symlink(link)) {
        std::error_code target_ec;
        auto target = fs::status(path, target_ec);
        if (target.type() == fs::file_type::not_found) return toml::table{};
    }
    auto local = read_layer(path);
    if (local) { used = path; return std::move(*local); }
    if (strict) return local.error();
    log_warn("config", local.error().detail + "; this device's own settings are ignored");
    std::string last_good = local_settings_real_path(path) + ".last-good";
    if (fs::exists(last_good, ec))
        if (auto good = read_layer(last_good)) {
            log_warn("config", "using " + last_good + " instead");
            used = last_good;
            return std::move(*good);
        }
    return toml::table{};
}

Result<toml::table> read_local_settings(const std::string& config_path) {
    std::string used;
    if (config_path.empty()) return toml::table{};
    return read_local_layer(local_config_path(config_path), used, /*strict=*/true);
}

// What local.toml may set: how the device looks and which hall it stands in. Never where it
// syncs from or whom it trusts ([sync]), where its cache or keys are ([cache], [report]),
// where its QR codes send residents ([site]), a font file, or a command it runs ([board]
// display_*_command): the kiosk's user writes local.toml, and neither that process nor a
// holder of the staff PIN may change those. They belong in gongkai.toml (root's).
static const std::map<std::string, std::set<std::string>>& local_settable() {
    static const std::map<std::string, std::set<std::string>> kSettable = {
        {"display", {"mode", "orientation", "width", "height", "fullscreen", "rotation", "language", "theme", "text_scale", "idle_reset_s", "volume"}},
        {"hall", {"district", "name", "address", "hours", "windows", "help", "groups", "id", "opening_hours", "closed_dates", "open_dates"}},
        {"board", {"min_dwell_s", "max_dwell_s", "chars_per_s", "pause_s", "urgent_every"}},
        {"staff", {"pin_hash", "panel_timeout_s"}},
    };
    return kSettable;
}

bool local_may_set(const std::string& section, const std::string& key) {
    if (section.empty()) return key == "preset";
    auto it = local_settable().find(section);
    return it != local_settable().end() && it->second.count(key);
}

Result<Config> load_config_layers(const std::string& path, const std::set<std::string>& fatal_sections, bool strict_keys,
                                  const toml::table* local_replacement, std::vector<std::string>* all_problems) {
    Config cfg;
    cfg.cache_path = default_cache_path();
    if (path.empty()) return cfg;
    // A wrong value keeps its key's default. In a fatal section it fails the whole config
    // (the first such problem is the error); elsewhere it is a warning, so a display typo
    // can neither stop the daemon's syncing nor send the kiosk to another cache.
    std::string error, section;
    auto problem = [&](std::string message) {
        if (fatal_sections.count(section)) {
            if (all_problems) all_problems->push_back(message);
            if (error.empty()) error = std::move(message);
        } else {
            log_warn("config", message + "; the default is used");
        }
    };
    // Bounded like every TOML input (toml_source.h): a hostile or broken config cannot
    // overflow the stack of the kiosk or the daemon; it is ConfigInvalid and they say why.
    auto main_file = read_layer(path);
    if (!main_file) return main_file.error();
    const std::string local_path = local_config_path(path);
    std::string local_used;
    toml::table local;
    section = "local";
    if (local_replacement) {
        local = *local_replacement;
        local_used = local_path;
    } else if (auto read = read_local_layer(local_path, local_used, strict_keys)) {
        local = std::move(*read);
    } else {
        problem(read.error().detail);
    }
    // local.toml's keys outside local_settable() are dropped, each named: an error when
    // checking strictly (the panel, --check-config), a warning for a running device.
    auto not_settable = [&](const std::string& message) {
        if (strict_keys) problem(message);
        else log_warn("config", message + "; ignored");
    };
    std::vector<std::string> dropped_top;
    for (auto&& [key, node] : local) {
        const std::string name(key.str());
        auto* table = node.as_table();
        if (!table) {
            if (!local_may_set("", name)) dropped_top.push_back(name);
            continue;
        }
        if (!local_settable().count(name)) {
            dropped_top.push_back(name);
            continue;
        }
        std::vector<std::string> dropped;
        for (auto&& [k, v] : *table)
            if (!local_may_set(name, std::string(k.str()))) dropped.push_back(std::string(k.str()));
        for (const std::string& k : dropped) {
            not_settable(local_path + ": " + name + "." + k + " cannot be set in local.toml (this device's own settings): set it in " + path);
            table->erase(k);
        }
    }
    for (const std::string& name : dropped_top) {
        not_settable(local_path + ": \"" + name + "\" cannot be set in local.toml (only preset and [display], [hall], [board], [staff]): set it in " + path);
        local.erase(name);
    }
    // The preset is named by the device's own settings first (the staff panel picks one),
    // else by the main file. One that cannot be used is a problem of the "preset" pseudo-
    // section: fatal for a strict load, else the next choice (the main file's, then none).
    toml::table root;
    std::vector<std::string> files;
    section = "preset";
    for (const toml::table* layer : {static_cast<const toml::table*>(&local), static_cast<const toml::table*>(&*main_file)}) {
        const toml::node* preset_node = layer->get("preset");
        if (!preset_node) continue;
        auto name = preset_node->value<std::string>();
        const auto& src = preset_node->source();
        std::string at = src.path ? *src.path + ":" + std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column) : local_path;
        if (!name || !preset_name_valid(*name)) {
            problem(at + ": \"preset\" must be a preset's name: lower-case letters, digits and '-', not starting with '-', at most " +
                    std::to_string(kMaxPresetNameBytes) + " bytes (config/presets/)");
            continue;
        }
        std::string file = preset_path(path, *name);
        auto preset = read_layer(file);
        if (!preset) {
            problem(at + ": preset \"" + *name + "\": " + preset.error().detail);
            continue;
        }
        if (auto* inner = preset->get("preset")) {
            problem(file + ":" + std::to_string(inner->source().begin.line) + ": a preset cannot name another preset");
            continue;
        }
        cfg.preset = *name;
        root = std::move(*preset);
        files.push_back(file);
        break;
    }
    local.erase("preset");
    main_file->erase("preset");
    merge_toml(root, std::move(*main_file));
    files.push_back(path);
    if (!local_used.empty()) {
        merge_toml(root, std::move(local));
        files.push_back(local_used);
    }
    cfg.layers = files;
    cfg.source.clear();
    for (auto& f : files) cfg.source += (cfg.source.empty() ? "" : " + ") + f;
    auto where = [&](const toml::node& n) {
        // A node without a source was made by apply_settings: it is local.toml's.
        if (!n.source().path) return local_config_path(path);
        return *n.source().path + ":" + std::to_string(n.source().begin.line) + ":" + std::to_string(n.source().begin.column);
    };
    auto get_string = [&](const toml::table& t, const char* key, std::string& out) {
        if (auto* n = t.get(key)) {
            if (auto v = n->value<std::string>()) out = *v;
            else problem(where(*n) + ": \"" + key + "\" must be a string");
        }
    };
    auto get_int = [&](const toml::table& t, const char* key, int& out, int lo, int hi) {
        if (auto* n = t.get(key)) {
            // An integer written as one: toml++ would read 1000.0 or true as a number too.
            auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
            if (v && *v >= lo && *v <= hi) out = static_cast<int>(*v);
            else problem(where(*n) + ": \"" + key + "\" must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
        }
    };
    const std::map<std::string, std::set<std::string>> known = {
        {"cache", {"path"}},
        {"display", {"orientation", "width", "height", "fullscreen", "font_regular", "font_bold", "font_face", "language",
                     "theme", "text_scale", "idle_reset_s", "mode", "volume", "rotation"}},
        {"hall", {"district", "name", "address", "hours", "windows", "help", "groups", "id", "opening_hours", "closed_dates", "open_dates"}},
        {"board", {"min_dwell_s", "max_dwell_s", "chars_per_s", "pause_s", "urgent_every", "display_off_command", "display_on_command"}},
        {"report", {"url", "heartbeat_s", "client_cert", "client_key", "ca_file", "device_key", "outbox_max_mib", "batch_max_records"}},
        {"site", {"base_url"}},
        {"staff", {"pin_hash", "panel_timeout_s"}},
        {"sync", {"url", "ca_file", "trusted_keys", "interval_s", "insecure_allow_http", "max_bundle_mib", "low_speed_bytes_per_s", "low_speed_time_s", "full_check_every"}},
    };
    // Unknown names are warnings in a file a technician wrote (a newer key an older build
    // does not know must not stop it); a change the staff panel validates (strict_keys)
    // refuses them, so a typo never lands unnoticed.
    std::string unknown_error;
    auto unknown = [&](std::string message) {
        if (!strict_keys) log_warn("config", message);
        else {
            if (all_problems) all_problems->push_back(message);
            if (unknown_error.empty()) unknown_error = std::move(message);
        }
    };
    for (auto& [key, node] : root) {
        if (key.str() == "preset") continue;  // read above
        auto known_section = known.find(std::string(key.str()));
        if (known_section == known.end()) { unknown(where(node) + ": unknown section [" + std::string(key.str()) + "]"); continue; }
        if (auto* t = node.as_table()) {
            for (auto& [k, v] : *t)
                if (!known_section->second.count(std::string(k.str())))
                    unknown(where(v) + ": unknown key " + known_section->first + "." + std::string(k.str()));
        } else {
            // `cache = "/p.db"` instead of [cache] path = "/p.db": silently ignoring it would
            // run the device on defaults the operator did not choose.
            section = known_section->first;
            problem(where(node) + ": \"" + section + "\" must be a table: write [" + section + "] on its own line");
        }
    }
    section = "cache";
    if (auto* t = root["cache"].as_table()) {
        std::string cache_path = cfg.cache_path;
        get_string(*t, "path", cache_path);
        if (cache_path.empty()) problem(where(*t->get("path")) + ": \"path\" must not be empty (leave the key out for the default)");
        else cfg.cache_path = cache_path;
    }
    section = "display";
    if (auto* t = root["display"].as_table()) {
        std::string orientation;
        get_string(*t, "orientation", orientation);
        if (orientation == "landscape") cfg.orientation = Orientation::Landscape;
        else if (orientation.empty() || orientation == "portrait") cfg.orientation = Orientation::Portrait;
        else problem(where(*t->get("orientation")) + ": orientation must be \"portrait\" or \"landscape\"");
        // 320 px is the smallest screen the layout still fits; 8192 the largest texture we expect.
        std::string mode;
        get_string(*t, "mode", mode);
        if (mode == "board") cfg.mode = DeviceMode::Board;
        else if (mode.empty() || mode == "kiosk") cfg.mode = DeviceMode::Kiosk;
        else problem(where(*t->get("mode")) + ": mode must be \"kiosk\" or \"board\"");
        get_int(*t, "width", cfg.width, 320, 8192);
        if (auto* n = t->get("rotation")) {
            auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
            if (v && (*v == 0 || *v == 90 || *v == 180 || *v == 270)) cfg.rotation = static_cast<int>(*v);
            else problem(where(*n) + ": \"rotation\" must be 0, 90, 180 or 270 (degrees clockwise)");
        }
        get_int(*t, "height", cfg.height, 320, 8192);
        if (auto* n = t->get("fullscreen")) {
            if (auto v = n->is_boolean() ? n->value<bool>() : std::nullopt) cfg.fullscreen = *v;
            else problem(where(*n) + ": \"fullscreen\" must be true or false");
        }
        get_string(*t, "font_regular", cfg.font_regular);
        get_string(*t, "font_bold", cfg.font_bold);
        get_int(*t, "font_face", cfg.font_face, 0, 16);
        // The names the kiosk's theme.cpp (parse_theme_name) and ui_strings.cpp
        // (find_ui_strings) accept — checked here so the staff panel's validation and every
        // staff tool refuse an unknown one before it is written (tests/test_config_layers.cpp
        // checks the kiosk takes every name listed).
        std::string language = cfg.language, theme = cfg.theme;
        get_string(*t, "language", language);
        if (language == "zh-CN" || language == "zh" || language == "zh-Hans" || language == "en") cfg.language = language;
        else problem(where(*t->get("language")) + ": \"language\" must be one of zh-CN (also zh, zh-Hans), en");
        get_string(*t, "theme", theme);
        if (theme == "standard" || theme == "large" || theme == "high-contrast" || theme == "contrast") cfg.theme = theme;
        else problem(where(*t->get("theme")) + ": \"theme\" must be one of standard, large, high-contrast (also contrast)");
        if (auto* n = t->get("text_scale")) {
            // 1.0–1.5: see kMinTextScale/kMaxTextScale in kiosk/theme.h for why.
            auto v = n->value<double>();
            if (v && *v >= 1.0 && *v <= 1.5) cfg.text_scale = *v;
            else problem(where(*n) + ": \"text_scale\" must be a number from 1.0 to 1.5");
        }
        // 0: never (a staff-attended desk). Below 20 s a resident reading a long guide is
        // interrupted; above an hour the next resident finds the last one's page.
        if (auto* n = t->get("idle_reset_s")) {
            auto v = n->is_integer() ? n->value<int64_t>() : std::nullopt;  // 90.0 is not a count of seconds
            if (v && (*v == 0 || (*v >= 20 && *v <= 3600))) cfg.idle_reset_s = static_cast<int>(*v);
            else problem(where(*n) + ": \"idle_reset_s\" must be 0 (never) or an integer from 20 to 3600");
        }
        // Read-aloud's loudness, a percentage of the speech engine's full volume.
        get_int(*t, "volume", cfg.volume, 0, 100);
    }
    section = "hall";
    if (auto* t = root["hall"].as_table()) {
        auto get_line = [&](const char* key, std::string& out, size_t max_chars) {
            std::string value = out;
            get_string(*t, key, value);
            if (value == out) return;
            if (std::string why = one_line_problem(value, max_chars); !why.empty()) problem(where(*t->get(key)) + ": \"" + key + "\" " + why);
            else out = value;
        };
        get_line("district", cfg.district, kMaxDistrictChars);
        get_line("name", cfg.hall_name, kMaxHallNameChars);
        get_line("address", cfg.hall_address, kMaxHallLineChars);
        get_line("hours", cfg.hall_hours, kMaxHallLineChars);
        get_line("help", cfg.hall_help, kMaxHallHelpChars);
        if (auto* n = t->get("windows")) {
            std::vector<std::string> windows;
            std::string why;
            if (auto* arr = n->as_array(); !arr) why = "must be a list of strings, one per window";
            else if (arr->size() > kMaxHallWindows) why = "must list at most " + std::to_string(kMaxHallWindows) + " windows";
            else
                for (auto& el : *arr) {
                    auto v = el.value<std::string>();
                    why = v ? one_line_problem(*v, kMaxHallLineChars) : "must be a list of strings, one per window";
                    if (!why.empty()) break;
                    windows.push_back(*v);
                }
            if (!why.empty()) problem(where(*n) + ": \"windows\" " + why);
            else cfg.hall_windows = std::move(windows);
        }
        if (auto* n = t->get("groups")) {
            std::vector<std::string> groups;
            std::string why;
            if (auto* arr = n->as_array(); !arr) why = "must be a list of strings";
            else if (arr->size() > kMaxHallGroups) why = "must list at most " + std::to_string(kMaxHallGroups) + " groups";
            else
                for (auto& el : *arr) {
                    auto v = el.value<std::string>();
                    why = !v ? "must be a list of strings" : v->empty() ? "must not hold an empty name" : one_line_problem(*v, kMaxHallNameChars);
                    if (!why.empty()) break;
                    groups.push_back(*v);
                }
            if (!why.empty()) problem(where(*n) + ": \"groups\" " + why);
            else cfg.hall_groups = std::move(groups);
        }
        get_line("id", cfg.hall_id, kMaxHallNameChars);
        // The schedule: each list parsed into one HallSchedule; any wrong entry keeps the
        // whole schedule at its default (always open), with the entry named.
        HallSchedule schedule;
        std::string why;
        for (const char* key : {"opening_hours", "closed_dates", "open_dates"}) {
            auto* n = t->get(key);
            if (!n || !why.empty()) continue;
            auto* arr = n->as_array();
            if (!arr) why = "must be a list of strings";
            else if (arr->empty()) why = "is an empty list: leave the key out instead (no opening_hours: always open)";
            else if (arr->size() > HallSchedule::kMaxEntries) why = "must list at most " + std::to_string(HallSchedule::kMaxEntries) + " entries";
            else
                for (auto& el : *arr) {
                    auto v = el.value<std::string>();
                    if (!v) why = "must be a list of strings";
                    else if (v->size() > 200) why = "has an entry longer than 200 bytes";
                    else why = std::string(key) == "opening_hours" ? schedule.add_weekly(*v)
                             : std::string(key) == "closed_dates" ? schedule.add_closed(*v) : schedule.add_open_date(*v);
                    if (!why.empty()) { n = &el; break; }
                }
            if (!why.empty()) problem(where(*n) + ": \"" + key + "\" " + why);
        }
        if (why.empty()) cfg.hall_schedule = std::move(schedule);
    }
    section = "board";
    if (auto* t = root["board"].as_table()) {
        // 3 s is the least a passer-by needs to see a title; 10 minutes the most any page may
        // hold a board. Reading speed: 1–30 characters a second (an elderly reader ~4–5).
        get_int(*t, "min_dwell_s", cfg.board_min_dwell_s, 3, 600);
        get_int(*t, "max_dwell_s", cfg.board_max_dwell_s, 3, 600);
        if (cfg.board_max_dwell_s < cfg.board_min_dwell_s) {
            problem(where(t->get("max_dwell_s") ? *t->get("max_dwell_s") : *t) + ": \"max_dwell_s\" must not be less than \"min_dwell_s\"");
            cfg.board_min_dwell_s = 8;
            cfg.board_max_dwell_s = 40;
        }
        get_int(*t, "chars_per_s", cfg.board_chars_per_s, 1, 30);
        get_int(*t, "pause_s", cfg.board_pause_s, 5, 600);
        get_int(*t, "urgent_every", cfg.board_urgent_every, 1, 50);
        get_string(*t, "display_off_command", cfg.board_display_off_command);
        get_string(*t, "display_on_command", cfg.board_display_on_command);
    }
    section = "sync";
    if (auto* t = root["sync"].as_table())
        if (auto* n = t->get("insecure_allow_http"); n && n->is_boolean()) cfg.insecure_allow_http = *n->value<bool>();
    section = "report";
    if (auto* t = root["report"].as_table()) {
        std::string url;
        get_string(*t, "url", url);
        if (std::string why = url.empty() ? "" : report_url_problem(url, cfg.insecure_allow_http); !why.empty())
            problem(where(*t->get("url")) + ": \"url\" " + why);
        else cfg.report_url = url;
        // A heartbeat a minute at most keeps a fleet's uploads small; a day at most keeps a
        // silent device visible in the office's report within a day.
        get_int(*t, "heartbeat_s", cfg.heartbeat_s, 60, 86400);
        get_string(*t, "client_cert", cfg.report_client_cert);
        get_string(*t, "client_key", cfg.report_client_key);
        get_string(*t, "ca_file", cfg.report_ca_file);
        get_string(*t, "device_key", cfg.device_key_path);
        if (cfg.report_client_cert.empty() != cfg.report_client_key.empty())
            problem(where(t->get("client_cert") ? *t->get("client_cert") : *t->get("client_key")) +
                    ": \"client_cert\" and \"client_key\" go together: give both or neither");
        // 1 MiB holds ~3,000 ratings; past 1 GiB the outbox would crowd the cache's disk.
        get_int(*t, "outbox_max_mib", cfg.outbox_max_mib, 1, 1024);
        // 500: batch.h kMaxBatchRecords, what the office reads in one batch.
        get_int(*t, "batch_max_records", cfg.batch_max_records, 1, 500);
    }
    section = "site";
    if (auto* t = root["site"].as_table()) {
        std::string url;
        get_string(*t, "base_url", url);
        if (std::string why = url.empty() ? "" : site_base_url_problem(url); !why.empty())
            problem(where(*t->get("base_url")) + ": \"base_url\" " + why);
        else cfg.site_base_url = url;
    }
    section = "sync";
    if (auto* t = root["sync"].as_table()) {
        std::string url;
        get_string(*t, "url", url);
        if (std::string why = url.empty() ? "" : sync_url_problem(url, cfg.insecure_allow_http); !why.empty())
            problem(where(*t->get("url")) + ": \"url\" " + why);
        else cfg.sync_url = url;
        get_string(*t, "ca_file", cfg.ca_file);
        // One poll a minute at most keeps a fleet of kiosks off the server; a day at most keeps them fresh.
        get_int(*t, "interval_s", cfg.interval_s, 60, 86400);
        get_int(*t, "max_bundle_mib", cfg.max_bundle_mib, 1, 1024);
        get_int(*t, "low_speed_bytes_per_s", cfg.low_speed_bytes_per_s, 1, 1 << 30);
        get_int(*t, "low_speed_time_s", cfg.low_speed_time_s, 1, 3600);
        // 1 (every poll unconditional) to 1000 (a false 304 could then last 1000 polls).
        get_int(*t, "full_check_every", cfg.full_check_every, 1, 1000);
        if (auto* n = t->get("insecure_allow_http")) {
            if (auto v = n->is_boolean() ? n->value<bool>() : std::nullopt) cfg.insecure_allow_http = *v;
            else problem(where(*n) + ": \"insecure_allow_http\" must be true or false");
        }
        if (auto* n = t->get("trusted_keys")) {
            if (auto* arr = n->as_array()) {
                for (auto& el : *arr) {
                    if (auto v = el.value<std::string>()) {
                        cfg.trusted_keys.push_back(*v);
                        cfg.trusted_key_origins.push_back(where(el));
                    }
                    else problem(where(el) + ": trusted_keys holds a non-string");
                }
            } else problem(where(*n) + ": trusted_keys must be a list of strings");
        }
    }
    section = "staff";
    if (auto* t = root["staff"].as_table()) {
        std::string hash;
        get_string(*t, "pin_hash", hash);
        if (std::string why = hash.empty() ? "" : pin_hash_problem(hash); !why.empty()) problem(where(*t->get("pin_hash")) + ": \"pin_hash\" " + why);
        else cfg.staff_pin_hash = hash;
        // 15 s is enough to read the status; 10 minutes is the longest an unattended
        // open panel may wait for a passer-by.
        get_int(*t, "panel_timeout_s", cfg.staff_panel_timeout_s, 15, 600);
    }
    if (!error.empty()) return make_error(BaseError::ConfigInvalid, error);
    if (!unknown_error.empty()) return make_error(BaseError::ConfigInvalid, unknown_error);
    return cfg;
}

std::string device_key_path(const Config& cfg) {
    if (!cfg.device_key_path.empty()) return cfg.device_key_path;
    if (cfg.cache_path.empty() || cfg.cache_path == ":memory:") return "";
    std::filesystem::path dir = std::filesystem::path(cfg.cache_path).parent_path();
    return (dir.empty() ? std::filesystem::path("device.key") : dir / "device.key").string();
}

Error check_trusted_keys(const Config& cfg) {
    for (size_t i = 0; i < cfg.trusted_keys.size(); i++) {
        auto key = minisign::parse_public_key(cfg.trusted_keys[i]);
        if (key) continue;
        // The first characters identify the entry without printing a whole (secret?) string.
        std::string head = cfg.trusted_keys[i].substr(0, 12);
        for (char& c : head)
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
        std::string origin = i < cfg.trusted_key_origins.size() ? cfg.trusted_key_origins[i] + ": " : cfg.source + ": ";
        return make_error(BaseError::ConfigInvalid, origin + "trusted_keys[" + std::to_string(i) + "] (\"" + head +
                                                        "…\") is not a minisign public key: " + key.error().describe());
    }
    return {};
}

}  // namespace gongkai
