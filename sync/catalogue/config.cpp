// See config.h.
#include "config.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "log.h"
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
    if (geteuid() == 0) return "/var/lib/gongkai/cache.db";
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

Result<Config> load_config(const std::string& path) {
    Config cfg;
    cfg.cache_path = default_cache_path();
    if (path.empty()) return cfg;
    cfg.source = path;
    // Bounded like every TOML input (toml_source.h): a hostile or broken config cannot
    // overflow the stack of the kiosk or the daemon; it is ConfigInvalid and they say why.
    TextPosition where_bad;
    auto file = read_toml("", path, path, /*allow_gb18030=*/false, &where_bad);
    if (!file) {
        const Error& e = file.error();
        return make_error(BaseError::ConfigInvalid,
                          e.code == CatalogueError::SourceSyntax || e.code == CatalogueError::SourceEncoding ? e.detail : e.describe());
    }
    toml::table root = std::move(file->root);
    std::string error;
    auto where = [&](const toml::node& n) {
        return path + ":" + std::to_string(n.source().begin.line) + ":" + std::to_string(n.source().begin.column);
    };
    auto get_string = [&](const toml::table& t, const char* key, std::string& out) {
        if (auto* n = t.get(key)) {
            if (auto v = n->value<std::string>()) out = *v;
            else if (error.empty()) error = where(*n) + ": \"" + key + "\" must be a string";
        }
    };
    auto get_int = [&](const toml::table& t, const char* key, int& out, int lo, int hi) {
        if (auto* n = t.get(key)) {
            auto v = n->value<int64_t>();
            if (v && *v >= lo && *v <= hi) out = static_cast<int>(*v);
            else if (error.empty())
                error = where(*n) + ": \"" + key + "\" must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
        }
    };
    const std::map<std::string, std::set<std::string>> known = {
        {"cache", {"path"}},
        {"display", {"orientation", "width", "height", "fullscreen", "font_regular", "font_bold", "font_face", "language",
                     "theme", "text_scale"}},
        {"hall", {"district"}},
        {"report", {"url", "heartbeat_s"}},
        {"sync", {"url", "ca_file", "trusted_keys", "interval_s", "insecure_allow_http", "max_bundle_mib", "low_speed_bytes_per_s", "low_speed_time_s"}},
    };
    for (auto& [key, node] : root) {
        auto section = known.find(std::string(key.str()));
        if (section == known.end()) { log_warn("config", where(node) + ": unknown section [" + std::string(key.str()) + "]"); continue; }
        if (auto* t = node.as_table()) {
            for (auto& [k, v] : *t)
                if (!section->second.count(std::string(k.str())))
                    log_warn("config", where(v) + ": unknown key " + section->first + "." + std::string(k.str()));
        } else if (error.empty()) {
            // `cache = "/p.db"` instead of [cache] path = "/p.db": silently ignoring it would
            // run the device on defaults the operator did not choose.
            error = where(node) + ": \"" + section->first + "\" must be a table: write [" + section->first + "] on its own line";
        }
    }
    if (auto* t = root["cache"].as_table()) get_string(*t, "path", cfg.cache_path);
    if (auto* t = root["display"].as_table()) {
        std::string orientation;
        get_string(*t, "orientation", orientation);
        if (orientation == "landscape") cfg.orientation = Orientation::Landscape;
        else if (orientation.empty() || orientation == "portrait") cfg.orientation = Orientation::Portrait;
        else if (error.empty()) error = where(*t->get("orientation")) + ": orientation must be \"portrait\" or \"landscape\"";
        // 320 px is the smallest screen the layout still fits; 8192 the largest texture we expect.
        get_int(*t, "width", cfg.width, 320, 8192);
        get_int(*t, "height", cfg.height, 320, 8192);
        if (auto* n = t->get("fullscreen")) {
            if (auto v = n->value<bool>()) cfg.fullscreen = *v;
            else if (error.empty()) error = where(*n) + ": \"fullscreen\" must be true or false";
        }
        get_string(*t, "font_regular", cfg.font_regular);
        get_string(*t, "font_bold", cfg.font_bold);
        get_int(*t, "font_face", cfg.font_face, 0, 16);
        get_string(*t, "language", cfg.language);
        get_string(*t, "theme", cfg.theme);
        if (auto* n = t->get("text_scale")) {
            // 1.0–1.5: see kMinTextScale/kMaxTextScale in kiosk/theme.h for why.
            auto v = n->value<double>();
            if (v && *v >= 1.0 && *v <= 1.5) cfg.text_scale = *v;
            else if (error.empty()) error = where(*n) + ": \"text_scale\" must be a number from 1.0 to 1.5";
        }
    }
    if (auto* t = root["hall"].as_table()) get_string(*t, "district", cfg.district);
    if (auto* t = root["report"].as_table()) {
        get_string(*t, "url", cfg.report_url);
        // A heartbeat a minute at most keeps a fleet's uploads small; a day at most keeps a
        // silent device visible in the office's report within a day.
        get_int(*t, "heartbeat_s", cfg.heartbeat_s, 60, 86400);
    }
    if (auto* t = root["sync"].as_table()) {
        get_string(*t, "url", cfg.sync_url);
        get_string(*t, "ca_file", cfg.ca_file);
        // One poll a minute at most keeps a fleet of kiosks off the server; a day at most keeps them fresh.
        get_int(*t, "interval_s", cfg.interval_s, 60, 86400);
        get_int(*t, "max_bundle_mib", cfg.max_bundle_mib, 1, 1024);
        get_int(*t, "low_speed_bytes_per_s", cfg.low_speed_bytes_per_s, 1, 1 << 30);
        get_int(*t, "low_speed_time_s", cfg.low_speed_time_s, 1, 3600);
        if (auto* n = t->get("insecure_allow_http")) {
            if (auto v = n->value<bool>()) cfg.insecure_allow_http = *v;
            else if (error.empty()) error = where(*n) + ": \"insecure_allow_http\" must be true or false";
        }
        if (auto* n = t->get("trusted_keys")) {
            if (auto* arr = n->as_array()) {
                for (auto& el : *arr) {
                    if (auto v = el.value<std::string>()) {
                        cfg.trusted_keys.push_back(*v);
                        cfg.trusted_key_origins.push_back(where(el));
                    }
                    else if (error.empty()) error = where(el) + ": trusted_keys holds a non-string";
                }
            } else if (error.empty()) error = where(*n) + ": trusted_keys must be a list of strings";
        }
    }
    if (!error.empty()) return make_error(BaseError::ConfigInvalid, error);
    return cfg;
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
