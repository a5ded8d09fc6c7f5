// A device runs on a preset, the main config and its own local.toml (config_layers.h).
// These cases are the contract of those layers and of the one way a device's settings
// change: validated first, written whole, and reverted unless confirmed. Real files.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "config.h"
#include "config_layers.h"
#include "support.h"
#include "theme.h"
#include "ui_strings.h"

using namespace gongkai;
using namespace gongkai::test;
namespace fs = std::filesystem;

namespace {
// A device directory like /etc/gongkai: gongkai.toml, presets/, and local.toml.
struct DeviceDir {
    TempDir dir;
    std::string main() const { return dir.file("gongkai.toml"); }
    std::string local() const { return dir.file("local.toml"); }
    void preset(const std::string& name, const std::string& text) const { write_file(dir.file("presets/" + name + ".toml"), text); }
};
}  // namespace

TEST_CASE("layers: local.toml wins over the main file, which wins over the preset, key by key", "[config][layers]") {
    DeviceDir d;
    d.preset("wall", "[display]\nmode = \"board\"\norientation = \"landscape\"\nidle_reset_s = 120\n[board]\nmin_dwell_s = 9\n");
    write_file(d.main(), "preset = \"wall\"\n[display]\norientation = \"portrait\"\n[hall]\nname = \"徐家汇街道社区事务受理中心\"\n");
    write_file(d.local(), "[display]\nidle_reset_s = 300\n");
    auto cfg = load_config(d.main());
    REQUIRE(cfg);
    CHECK(cfg->preset == "wall");
    CHECK(cfg->mode == DeviceMode::Board);               // preset only
    CHECK(cfg->orientation == Orientation::Portrait);    // main over preset
    CHECK(cfg->idle_reset_s == 300);                     // local over preset
    CHECK(cfg->board_min_dwell_s == 9);                  // a section only the preset has
    CHECK(cfg->hall_name == "徐家汇街道社区事务受理中心");  // main only
    CHECK(cfg->layers == std::vector<std::string>{d.dir.file("presets/wall.toml"), d.main(), d.local()});
}

TEST_CASE("layers: a wrong value is named with the file and line it was written in, whichever layer", "[config][layers]") {
    DeviceDir d;
    d.preset("wall", "# a comment\n[display]\ntext_scale = 3.0\n");
    write_file(d.main(), "preset = \"wall\"\n");
    auto cfg = load_config(d.main());
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().code == BaseError::ConfigInvalid);
    CHECK(cfg.error().detail == d.dir.file("presets/wall.toml") + ":3:14: \"text_scale\" must be a number from 1.0 to 1.5");
    write_file(d.local(), "\n[display]\n\nidle_reset_s = 7\n");
    write_file(d.main(), "preset = \"wall\"\n[display]\ntext_scale = 1.2\n");
    cfg = load_config(d.main());
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().detail.starts_with(d.local() + ":4:16: \"idle_reset_s\" must be 0 (never)"));
}

TEST_CASE("layers: the preset is named by local.toml first, and a wrong or missing preset is refused by name", "[config][layers]") {
    DeviceDir d;
    d.preset("hall", "[display]\nmode = \"kiosk\"\n");
    d.preset("wall", "[display]\nmode = \"board\"\n");
    write_file(d.main(), "preset = \"hall\"\n");
    write_file(d.local(), "preset = \"wall\"\n");
    CHECK(load_config(d.main())->mode == DeviceMode::Board);
    for (const char* bad : {"\"../../etc/passwd\"", "\"Wall\"", "\"\"", "7"}) {
        write_file(d.local(), std::string("preset = ") + bad + "\n");
        auto cfg = load_config(d.main());
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().detail.starts_with(d.local() + ":1:10: \"preset\" must be a preset's name"));
    }
    write_file(d.local(), "preset = \"gone\"\n");
    auto missing = load_config(d.main());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().detail.find("preset \"gone\"") != std::string::npos);
    CHECK(missing.error().detail.find("presets/gone.toml") != std::string::npos);
    d.preset("loop", "preset = \"hall\"\n");
    write_file(d.local(), "preset = \"loop\"\n");
    auto loop = load_config(d.main());
    REQUIRE_FALSE(loop);
    CHECK(loop.error().detail.ends_with("a preset cannot name another preset"));
}

TEST_CASE("layers: a dangling local.toml symlink is no overrides, and a change is written through it", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[hall]\nname = \"A\"\n");
    fs::create_directories(d.dir.file("state"));
    fs::create_symlink(d.dir.file("state/local.toml"), d.local());
    REQUIRE(load_config(d.main())->hall_name == "A");
    auto changed = apply_settings(d.main(), {{"hall", "name", SettingValue{std::string("湖南路街道社区事务受理中心")}}});
    REQUIRE(changed);
    CHECK(changed->hall_name == "湖南路街道社区事务受理中心");
    CHECK(fs::is_symlink(d.local()));  // the symlink stays; its target holds the settings
    CHECK(slurp(d.dir.file("state/local.toml")).find("湖南路街道社区事务受理中心") != std::string::npos);
    struct stat st {};
    REQUIRE(stat(d.dir.file("state/local.toml").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0660);  // it holds the PIN's hash: the gongkai group only
    CHECK(load_config(d.main())->hall_name == "湖南路街道社区事务受理中心");
}

TEST_CASE("settings: a change that fails validation is refused by name and nothing is written", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[display]\nidle_reset_s = 90\n");
    write_file(d.local(), "# the technician's note\n[hall]\nname = \"A\"\n");
    const std::string before = slurp(d.local());
    struct Case {
        SettingChange change;
        std::string reason;
    };
    for (const Case& c : std::vector<Case>{
             {{"display", "idle_reset_s", SettingValue{int64_t{5}}}, "\"idle_reset_s\" must be 0 (never) or an integer from 20 to 3600"},
             {{"display", "width", SettingValue{int64_t{100}}}, "\"width\" must be an integer from 320 to 8192"},
             {{"display", "orientation", SettingValue{std::string("sideways")}}, "orientation must be \"portrait\" or \"landscape\""},
             {{"display", "widht", SettingValue{int64_t{1080}}}, "display.widht cannot be set in local.toml"},
             {{"hall", "name", SettingValue{std::string("a\nb")}}, "must not hold control characters"},
             {{"sync", "url", SettingValue{std::string("https://evil.example/")}}, "sync.url cannot be set in local.toml"},
             {{"staff", "pin_hash", SettingValue{std::string("1234")}}, "must be an Argon2id hash"},
             {{"display", "theme", SettingValue{std::string("neon")}}, "\"theme\" must be one of standard, large, high-contrast"},
             {{"display", "language", SettingValue{std::string("fr")}}, "\"language\" must be one of zh-CN (also zh, zh-Hans), en"},
             {{"", "preset", SettingValue{std::string("nowhere")}}, "preset \"nowhere\""},
         }) {
        INFO(c.reason);
        auto refused = apply_settings(d.main(), {c.change});
        REQUIRE_FALSE(refused);
        INFO(refused.error().detail);
        CHECK(refused.error().code == BaseError::ConfigInvalid);
        CHECK(refused.error().detail.find(c.reason) != std::string::npos);
        CHECK(slurp(d.local()) == before);
    }
}

TEST_CASE("settings: a problem already in the main file does not lock the panel, and is not hidden by it", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[display]\ntheme = 7\n[sync]\ninterval_s = 5\n");  // two old mistakes
    auto changed = apply_settings(d.main(), {{"hall", "name", SettingValue{std::string("B")}}});
    REQUIRE(changed);
    CHECK(changed->hall_name == "B");
    auto still_bad = apply_settings(d.main(), {{"display", "text_scale", SettingValue{9.0}}});
    REQUIRE_FALSE(still_bad);
    CHECK(still_bad.error().detail.find("text_scale") != std::string::npos);
}

TEST_CASE("settings: removing a key brings the preset's value back", "[config][layers]") {
    DeviceDir d;
    d.preset("small", "[display]\nidle_reset_s = 60\n");
    write_file(d.main(), "preset = \"small\"\n");
    REQUIRE(apply_settings(d.main(), {{"display", "idle_reset_s", SettingValue{int64_t{240}}}}));
    CHECK(load_config(d.main())->idle_reset_s == 240);
    REQUIRE(apply_settings(d.main(), {{"display", "idle_reset_s", std::nullopt}}));
    CHECK(load_config(d.main())->idle_reset_s == 60);
    CHECK(read_local_settings(d.main())->empty());
}

TEST_CASE("settings: a display change is reverted unless confirmed, and kept when confirmed", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[display]\norientation = \"portrait\"\n");
    write_file(d.local(), "[display]\ntheme = \"large\"\n");
    const std::string before = slurp(d.local());
    CHECK_FALSE(pending_settings(d.main()).pending);

    REQUIRE(apply_settings(d.main(), {{"display", "orientation", SettingValue{std::string("landscape")}}}, 20, 1'800'000'000));
    PendingSettings p = pending_settings(d.main());
    CHECK(p.pending);
    CHECK(p.deadline_unix_s == 1'800'000'020);
    CHECK(load_config(d.main())->orientation == Orientation::Landscape);  // in force while it waits
    REQUIRE_FALSE(revert_settings(d.main()));
    CHECK_FALSE(pending_settings(d.main()).pending);
    CHECK(slurp(d.local()) == before);  // byte for byte, comments and all
    CHECK(load_config(d.main())->orientation == Orientation::Portrait);
    CHECK(load_config(d.main())->theme == "large");

    REQUIRE(apply_settings(d.main(), {{"display", "orientation", SettingValue{std::string("landscape")}}}, 20, 1'800'000'000));
    REQUIRE_FALSE(confirm_settings(d.main()));
    CHECK_FALSE(pending_settings(d.main()).pending);
    REQUIRE_FALSE(revert_settings(d.main()));  // nothing pending: nothing to revert
    CHECK(load_config(d.main())->orientation == Orientation::Landscape);
}

TEST_CASE("settings: a first change with no local.toml before reverts to no local settings", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[display]\nwidth = 1080\n");
    REQUIRE(apply_settings(d.main(), {{"display", "width", SettingValue{int64_t{8000}}}}, 20));
    CHECK(load_config(d.main())->width == 8000);
    REQUIRE_FALSE(revert_settings(d.main()));
    CHECK(load_config(d.main())->width == 1080);
}

TEST_CASE("layers: a local.toml that does not parse is logged and its last good copy used", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[hall]\nname = \"main\"\n");
    REQUIRE(apply_settings(d.main(), {{"hall", "name", SettingValue{std::string("good")}}}));
    REQUIRE(apply_settings(d.main(), {{"hall", "address", SettingValue{std::string("南宁路969号")}}}, 20));
    REQUIRE_FALSE(confirm_settings(d.main()));
    write_file(d.local(), "[hall\nname = ");  // a hand edit gone wrong
    LogCatcher log;
    auto cfg = load_config(d.main());
    REQUIRE(cfg);
    CHECK(cfg->hall_name == "good");  // from local.toml.last-good
    CHECK(log.said("this device's own settings are ignored"));
    fs::remove(d.local() + ".last-good");
    CHECK(load_config(d.main())->hall_name == "main");
}

TEST_CASE("presets: each shipped preset loads with the shipped gongkai.toml, and has the shape its name says", "[config][layers]") {
    TempDir etc;
    fs::copy(GONGKAI_CONFIG_DIR, etc.path, fs::copy_options::recursive);
    const std::string main = etc.file("gongkai.toml");
    auto shipped = load_config(main);
    REQUIRE(shipped);
    CHECK(shipped->preset == "hall-kiosk-portrait");
    struct Shape {
        const char* preset;
        DeviceMode mode;
        int width, height;
    };
    for (const Shape& s : {Shape{"hall-kiosk-portrait", DeviceMode::Kiosk, 1080, 1920}, Shape{"board-landscape", DeviceMode::Board, 1920, 1080},
                           Shape{"window-kiosk-small", DeviceMode::Kiosk, 1280, 800}}) {
        INFO(s.preset);
        auto cfg = apply_settings(main, {{"", "preset", SettingValue{std::string(s.preset)}}});
        REQUIRE(cfg);
        CHECK(cfg->mode == s.mode);
        CHECK(cfg->logical_width() == s.width);
        CHECK(cfg->logical_height() == s.height);
        CHECK(cfg->fullscreen);
    }
    size_t presets = 0;
    for (auto& entry : fs::directory_iterator(etc.file("presets"))) {
        presets++;
        CHECK(preset_name_valid(entry.path().stem().string()));
    }
    CHECK(presets == 3);
}

TEST_CASE("the cache defaults to systemd's StateDirectory when the unit sets one", "[config][layers]") {
    const char* old = std::getenv("STATE_DIRECTORY");
    std::string saved = old ? old : "";
    setenv("STATE_DIRECTORY", "/var/lib/gongkai:/var/lib/other", 1);
    CHECK(default_cache_path() == "/var/lib/gongkai/cache.db");
    if (old) setenv("STATE_DIRECTORY", saved.c_str(), 1);
    else unsetenv("STATE_DIRECTORY");
}

TEST_CASE("every theme and language the config accepts is one the kiosk has", "[config][layers]") {
    TempDir dir;
    for (const char* theme : {"standard", "large", "high-contrast", "contrast"})
        for (const char* language : {"zh-CN", "zh", "zh-Hans", "en"}) {
            write_file(dir.file("c.toml"), std::string("[display]\ntheme = \"") + theme + "\"\nlanguage = \"" + language + "\"\n");
            auto cfg = load_config(dir.file("c.toml"));
            REQUIRE(cfg);
            Look look;
            CHECK(parse_theme_name(cfg->theme, &look));
            CHECK(find_ui_strings(cfg->language) != nullptr);
        }
}

TEST_CASE("gongkai-kiosk --check-config names every problem in every layer, and prints the layers when clean", "[config][layers][cli]") {
    DeviceDir d;
    d.preset("wall", "[display]\nmode = \"board\"\n");
    write_file(d.main(), "preset = \"wall\"\n[display]\nwidht = 1080\n[sync]\ninterval_s = 5\n");
    write_file(d.local(), "[hall]\nname = \"A\\tB\"\n");
    Run bad = kiosk_cli("--config " + d.main() + " --check-config");
    CHECK(bad.status == 2);
    CHECK(bad.err.find(d.main() + ":3:9: unknown key display.widht") != std::string::npos);
    CHECK(bad.err.find(d.main() + ":5:14: \"interval_s\" must be an integer from 60 to 86400") != std::string::npos);
    CHECK(bad.err.find(d.local() + ":2:8: \"name\" must not hold control characters") != std::string::npos);
    write_file(d.main(), "preset = \"wall\"\n");
    write_file(d.local(), "[hall]\nname = \"A\"\n");
    Run good = kiosk_cli("--config " + d.main() + " --check-config");
    CHECK(good.status == 0);
    CHECK(good.out == "ok: " + d.dir.file("presets/wall.toml") + " + " + d.main() + " + " + d.local() + "\n");
}

TEST_CASE("settings: a second display change while one waits keeps the confirmed settings as the ones to go back to", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "[display]\ntheme = \"standard\"\n");
    REQUIRE(apply_settings(d.main(), {{"display", "text_scale", SettingValue{1.2}}}));  // confirmed: needs none
    REQUIRE(apply_settings(d.main(), {{"display", "theme", SettingValue{std::string("large")}}}, 20, 1'800'000'000));
    REQUIRE(apply_settings(d.main(), {{"display", "orientation", SettingValue{std::string("landscape")}}}, 20, 1'800'000'010));
    CHECK(pending_settings(d.main()).deadline_unix_s == 1'800'000'030);
    // A PIN set while they wait needs no confirmation: it survives their revert.
    const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    REQUIRE(apply_settings(d.main(), {{"staff", "pin_hash", SettingValue{hash}}}));
    REQUIRE_FALSE(revert_settings(d.main()));
    auto cfg = load_config(d.main());
    REQUIRE(cfg);
    CHECK(cfg->theme == "standard");
    CHECK(cfg->orientation == Orientation::Portrait);
    CHECK(cfg->text_scale == 1.2);
    CHECK(cfg->staff_pin_hash == hash);
}

TEST_CASE("settings: a confirmed change becomes the last good copy a broken local.toml falls back to", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "");
    REQUIRE(apply_settings(d.main(), {{"hall", "name", SettingValue{std::string("A")}}}));
    REQUIRE(apply_settings(d.main(), {{"display", "theme", SettingValue{std::string("large")}}}, 20));
    REQUIRE_FALSE(confirm_settings(d.main()));
    REQUIRE(apply_settings(d.main(), {{"hall", "address", SettingValue{std::string("南宁路969号")}}}));
    write_file(d.local(), "[hall\n");
    LogCatcher log;
    auto cfg = load_config(d.main());
    REQUIRE(cfg);
    CHECK(cfg->hall_name == "A");
    CHECK(cfg->theme == "large");
    CHECK(cfg->hall_address == "南宁路969号");
}

TEST_CASE("settings: a local.toml that cannot be read is not written over", "[config][layers]") {
    DeviceDir d;
    write_file(d.main(), "");
    write_file(d.local(), "[hall]\nname = \"A\"\n[staff\n");  // broken by hand
    const std::string before = slurp(d.local());
    auto refused = apply_settings(d.main(), {{"hall", "name", SettingValue{std::string("B")}}});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == BaseError::ConfigInvalid);
    CHECK(refused.error().detail.find(d.local()) != std::string::npos);
    CHECK(slurp(d.local()) == before);
}

TEST_CASE("layers: local.toml cannot set where the device syncs from, whom it trusts, its cache, its QR site or a command", "[config][layers][security]") {
    DeviceDir d;
    write_file(d.main(), "[sync]\nurl = \"https://gk.example.cn/\"\ninterval_s = 300\n[cache]\npath = \"" + d.dir.file("cache.db") + "\"\n");
    write_file(d.local(), "[sync]\ntrusted_keys = [\"RWQevil\"]\nurl = \"https://evil.example/\"\n[cache]\npath = \"/tmp/x.db\"\n"
                          "[site]\nbase_url = \"https://phish.example/\"\n[board]\ndisplay_off_command = \"rm -rf /\"\npause_s = 30\n"
                          "[display]\nfont_regular = \"/etc/shadow\"\ntheme = \"large\"\n");
    LogCatcher log;
    auto cfg = load_config(d.main(), {"cache", "sync", "report"});  // as the daemon reads it
    REQUIRE(cfg);
    CHECK(cfg->sync_url == "https://gk.example.cn/");
    CHECK(cfg->trusted_keys.empty());
    CHECK(cfg->cache_path == d.dir.file("cache.db"));
    CHECK(cfg->site_base_url.empty());
    CHECK(cfg->board_display_off_command.empty());
    CHECK(cfg->font_regular != "/etc/shadow");
    CHECK(cfg->board_pause_s == 30);  // what it may set still applies
    CHECK(cfg->theme == "large");
    CHECK(log.said("\"sync\" cannot be set in local.toml"));
    for (const char* key : {"sync", "cache", "site"}) {
        auto refused = apply_settings(d.main(), {{key, "url", SettingValue{std::string("https://x.example/")}}});
        REQUIRE_FALSE(refused);
        CHECK(refused.error().detail.find("cannot be set in local.toml") != std::string::npos);
    }
    Run check = kiosk_cli("--config " + d.main() + " --check-config");
    CHECK(check.status == 2);
    CHECK(check.err.find("board.display_off_command cannot be set in local.toml") != std::string::npos);
}

TEST_CASE("layers: a preset local.toml names that is gone falls back to the main file's on a running device", "[config][layers]") {
    DeviceDir d;
    d.preset("hall", "[display]\nidle_reset_s = 120\n");
    write_file(d.main(), "preset = \"hall\"\n[cache]\npath = \"" + d.dir.file("cache.db") + "\"\n[hall]\nname = \"A\"\n");
    write_file(d.local(), "preset = \"renamed-in-an-upgrade\"\n");
    LogCatcher log;
    auto daemon = load_config(d.main(), {"cache", "sync", "report"});
    REQUIRE(daemon);
    CHECK(daemon->preset == "hall");
    auto kiosk = load_config(d.main(), {});
    REQUIRE(kiosk);
    CHECK(kiosk->idle_reset_s == 120);
    CHECK(kiosk->hall_name == "A");
    CHECK(kiosk->cache_path == d.dir.file("cache.db"));
    CHECK(log.said("preset \"renamed-in-an-upgrade\""));
    auto strict = load_config(d.main());
    REQUIRE_FALSE(strict);
    CHECK(strict.error().detail.find("renamed-in-an-upgrade") != std::string::npos);
}

TEST_CASE("gongkai-kiosk --check-config refuses a local.toml the device would ignore, and a key the daemon would refuse", "[config][layers][cli]") {
    DeviceDir d;
    write_file(d.main(), "");
    write_file(d.local(), "[display]\nwidth = \n");
    Run broken = kiosk_cli("--config " + d.main() + " --check-config");
    CHECK(broken.status == 2);
    CHECK(broken.err.find(d.local()) != std::string::npos);
    std::filesystem::remove(d.local());
    std::filesystem::create_symlink("local.toml", d.local());  // a loop
    Run loop = kiosk_cli("--config " + d.main() + " --check-config");
    CHECK(loop.status == 2);
    std::filesystem::remove(d.local());
    write_file(d.main(), "[sync]\ntrusted_keys = [\"not-a-key\"]\n");
    Run key = kiosk_cli("--config " + d.main() + " --check-config");
    CHECK(key.status == 2);
    CHECK(key.err.find("trusted_keys[0]") != std::string::npos);
}

TEST_CASE("config: numbers and switches are refused in the wrong type, and a sync URL or cache path that cannot work is named", "[config][layers]") {
    TempDir dir;
    struct Case {
        std::string toml, reason;
    };
    for (const Case& c : std::vector<Case>{
             {"[display]\nfullscreen = 1\n", "\"fullscreen\" must be true or false"},
             {"[display]\nwidth = 1000.0\n", "\"width\" must be an integer"},
             {"[display]\nvolume = true\n", "\"volume\" must be an integer"},
             {"[sync]\nurl = \"ftp://x/\"\n", "\"url\" must start with https://"},
             {"[sync]\nurl = \"http://x/\"\n", "http:// only with insecure_allow_http"},
             {"[sync]\nurl = \"https:///a\"\n", "\"url\" has no host"},
             {"[cache]\npath = \"\"\n", "\"path\" must not be empty"},
         }) {
        INFO(c.toml);
        write_file(dir.file("c.toml"), c.toml);
        auto cfg = load_config(dir.file("c.toml"));
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().detail.find(c.reason) != std::string::npos);
    }
    write_file(dir.file("c.toml"), "[sync]\nurl = \"http://127.0.0.1:8080/\"\ninsecure_allow_http = true\n");
    CHECK(load_config(dir.file("c.toml")));
}

TEST_CASE("config: a problem between two keys is named where the key was written, not where its section began", "[config][layers]") {
    DeviceDir d;
    d.preset("wall", "[board]\nmin_dwell_s = 10\n");
    write_file(d.main(), "preset = \"wall\"\n");
    write_file(d.local(), "[board]\n\nmax_dwell_s = 5\n");
    auto cfg = load_config(d.main());
    REQUIRE_FALSE(cfg);
    CHECK(cfg.error().detail.starts_with(d.local() + ":3:15: \"max_dwell_s\" must not be less than"));
}
