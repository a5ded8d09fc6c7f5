// The device configuration (TOML), shared by gongkai-kiosk and gongkai-sync.
// Every key is documented in config/gongkai.toml. Unknown keys are reported, not fatal.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "catalogue_errors.h"
#include "hall_schedule.h"

namespace gongkai {

enum class Orientation { Portrait, Landscape };
// [display] mode: a touchscreen kiosk residents use, or a wall-mounted notice board
// (公示栏) nobody touches, rotating what is in force (kiosk/board.h).
enum class DeviceMode { Kiosk, Board };

struct Config {
    std::string source = "built-in defaults";  // the files it came from, for logs: "preset + main + local"
    // The layers read, in order (config_layers.h): the preset's file, the main file,
    // local.toml; and the preset's name ("" for none).
    std::vector<std::string> layers;
    std::string preset;
    // [cache]
    std::string cache_path;  // default: default_cache_path()
    // [display]
    DeviceMode mode = DeviceMode::Kiosk;
    Orientation orientation = Orientation::Portrait;
    int width = 0, height = 0;  // 0: 1080×1920 portrait / 1920×1080 landscape
    // How the picture is turned for a screen mounted another way round: 0, 90 (clockwise),
    // 180 or 270 degrees (kiosk/rotation.h). A landscape panel hung portrait: 90 or 270.
    int rotation = 0;
    bool fullscreen = true;
    std::string font_regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    std::string font_bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    // Face 2 of Noto Sans CJK is SC; face 0 (JP) draws Japanese shapes of 门, 说, 骨.
    int font_face = 2;
    // Look and language, checked by the kiosk (an unknown name falls back with a warning):
    std::string language = "zh-CN";   // the kiosk's text table: "zh-CN" or "en"
    std::string theme = "standard";   // "standard" or "high-contrast"
    double text_scale = 1.0;          // 1.0–1.5: multiplies every type size
    // Seconds without a touch before the kiosk counts down and returns to a clean home
    // screen (query cleared, reading stopped, look back to the above); 0: never.
    int idle_reset_s = 90;
    // Read-aloud's volume, 0–100 % of the speech engine's full volume (the staff panel).
    int volume = 100;
    // [staff] (the staff panel behind the hidden gesture, docs/deploy.md): the PIN as the
    // Argon2id string libsodium's crypto_pwhash_str writes ("" : no PIN, no panel); and
    // how long the panel stays open untouched.
    std::string staff_pin_hash;
    int staff_panel_timeout_s = 60;
    // [hall]
    std::string district = "徐汇区";   // shown in the title: "徐汇区政务公开"
    // The hall the device stands in, shown on home and on the help screen; each may be
    // empty (not shown). windows: one line per window, "1–3号窗口：社会救助、养老服务".
    std::string hall_name, hall_address, hall_hours, hall_help;
    std::vector<std::string> hall_windows;
    // The groups the device belongs to ("东片", "便民窗口"): the office's report groups
    // the fleet by them.
    std::vector<std::string> hall_groups;
    // The hall's stable id ("xujiahui"): notices target halls by it (or by name).
    std::string hall_id;
    // When the hall is open (opening_hours, closed_dates, open_dates): a board shows
    // notices only then and blanks its screen otherwise. None given: always open.
    HallSchedule hall_schedule;
    // [board] (mode = "board"): how long each page stays, from its length —
    // clamp(chars / chars_per_s, min_dwell_s, max_dwell_s); how long a touch pauses the
    // rotation; after how many other slides an urgent notice comes round again.
    int board_min_dwell_s = 8, board_max_dwell_s = 40, board_chars_per_s = 5;
    int board_pause_s = 60, board_urgent_every = 3;
    // Run to turn the display off / on outside / inside opening hours when the display
    // server offers no DPMS the kiosk can drive itself (X11's is used when present). Empty:
    // the screen is drawn black instead.
    std::string board_display_off_command, board_display_on_command;
    // [sync] (read by gongkai-sync)
    std::string sync_url;
    std::string ca_file;
    std::vector<std::string> trusted_keys;
    std::vector<std::string> trusted_key_origins;  // "file:line:column" of each, for errors
    int interval_s = 300;
    // Every this many polls the manifest is fetched without If-None-Match, so a false 304
    // (nginx's ETag is the mtime in whole seconds plus the size: a site copied into place
    // within the same second with a same-sized manifest keeps its ETag) cannot hide an
    // update for longer than full_check_every × interval_s. 1: never conditional.
    int full_check_every = 10;
    // Development only: accept http:// URLs. Never on a kiosk in the field.
    bool insecure_allow_http = false;
    // Largest bundle a device accepts, whatever the manifest says (50k items ≈ 10 MB).
    int max_bundle_mib = 64;
    // A transfer slower than this many bytes/s for this many seconds is abandoned
    // (NetTimeout). Defaults: 1 KiB/s for 30 s — see http_client.h.
    int low_speed_bytes_per_s = 1024;
    int low_speed_time_s = 30;
    // [report] (read by gongkai-sync, outbox_max_mib also by the kiosk): the office's inbox
    // for batches of ratings, search misses and heartbeats (docs/feedback.md); empty: the
    // outbox fills and nothing is sent.
    std::string report_url;
    int heartbeat_s = 900;
    // The TLS client certificate and key the inbox asks for (ssl_verify_client), PEM; and
    // the CA the inbox's certificate is checked against (default: [sync] ca_file).
    std::string report_client_cert, report_client_key, report_ca_file;
    // The device's Ed25519 key that signs its batches; default: device.key beside the cache.
    std::string device_key_path;
    // The outbox stops taking new ratings past this size (never dropping what it holds):
    // 64 MiB is ~200,000 ratings, years of a busy hall's feedback.
    int outbox_max_mib = 64;
    // Records per uploaded batch (at most batch.h's kMaxBatchRecords, 500). Smaller for an
    // inbox with a small body limit; a 413 halves it by itself anyway.
    int batch_max_records = 500;
    // [site] (read by the kiosk): where gongkai-publish's web pages are served, ending in
    // "/" (load_config adds a missing one). The item and notice pages show a QR code of
    // <site_base_url>item/<id>.html; empty: no QR code.
    std::string site_base_url;

    int logical_width() const;
    int logical_height() const;
};

// Longest [site] base_url, in bytes. It and the longest page path ("notice/" + a 64-byte
// id + ".html", site_writer.h) make at most 236 bytes, within the kiosk's QR limit
// (kMaxQrTextBytes, kiosk/qr_code.h). Real ones are ~30 ("https://gk.xuhui.gov.cn/").
inline constexpr size_t kMaxSiteBaseUrlBytes = 160;

// $XDG_STATE_HOME/gongkai/cache.db, else ~/.local/state/gongkai/cache.db;
// /var/lib/gongkai/cache.db for root (a kiosk's system service).
std::string default_cache_path();

// [report] device_key, or device.key in the cache's directory; "" for an in-memory cache.
std::string device_key_path(const Config& cfg);

// The config file to read when --config is not given: $GONGKAI_CONFIG, else
// /etc/gongkai/gongkai.toml if it exists, else none (built-in defaults).
std::string default_config_path();

// Every section of the config: load_config(path) fails on a wrong value in any of them.
const std::set<std::string>& all_config_sections();

// Empty path → defaults. Warnings (unknown keys) go to the log. A section written as a
// plain value (`cache = "/p.db"`) is ConfigInvalid, not ignored.
Result<Config> load_config(const std::string& path);
// The same, where only a wrong value in `fatal_sections` fails the config: elsewhere it
// keeps its key's default with a warning. gongkai-sync needs cache, sync and report; the
// kiosk needs nothing to be right to start (it shows what it can, and says why).
Result<Config> load_config(const std::string& path, const std::set<std::string>& fatal_sections);

// ConfigInvalid naming the first trusted_keys entry that is not a minisign public key (its
// position, index and first characters). gongkai-sync calls it at start, so a garbage key
// stops the daemon once with its name instead of failing every cycle; the kiosk, which
// does not verify anything, is not sent to its defaults by it.
Error check_trusted_keys(const Config& cfg);

}  // namespace gongkai
