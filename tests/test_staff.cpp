// The staff panel (issue 12 §3): the hidden gesture, the PIN pad and its lockout, the panel's
// settings saved through config_layers.h and seen after a restart, refusals with their
// reasons, display changes reverted unless kept, the panel's timeout, no route to it, and
// 立即同步 reaching the daemon. The real app loop (SDL dummy driver) fed real SDL events, on a
// real config directory and cache; the clock stepped with set_wall_clock / pretend_time_passed.
#include <SDL.h>
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "app.h"
#include "cache.h"
#include "config_layers.h"
#include "demo_catalogue.h"
#include "kiosk_fixture.h"
#include "minisign.h"
#include "nginx_fixture.h"
#include "rotation.h"
#include "site_fixture.h"
#include "staff.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// 2026-12-01T10:00:00+08:00: the kiosk's wall clock in these tests, moved by set_wall_clock.
constexpr std::int64_t kNow = 1796090400;
constexpr const char* kPin = "2468";

// A device's /etc/gongkai: gongkai.toml (the cache's path and `extra`) and, once written,
// local.toml beside it. The cache holds the demo catalogue.
struct DeviceDir {
    TempDir dir;
    std::string config;
    explicit DeviceDir(const std::string& extra = "") : config(dir.file("gongkai.toml")) {
        write_file(config, "[cache]\npath = \"" + dir.file("cache.db") + "\"\n" + extra);
    }
    std::string local() const { return local_config_path(config); }
    void set_pin(const std::string& pin) {
        auto hash = hash_pin(pin);
        REQUIRE(hash);
        REQUIRE(apply_settings(config, {{"staff", "pin_hash", SettingValue(*hash)}}));
    }
};

// The kiosk as it starts on the device `d` (kiosk_fixture.h), at kNow unless told, with the
// staff panel's own steps: the hidden gesture and the PIN pad.
struct StaffKiosk : Kiosk {
    explicit StaffKiosk(const DeviceDir& d, int width = 1080, int height = 1920, std::int64_t now_s = kNow)
        : Kiosk(ConfigPath{d.config}, width, height, now_s) {}
    // `n` quick taps in the top-left corner, 40 px in (on Back, where a top bar has one), queued
    // together: well inside 3 s.
    void corner_taps(int n) {
        for (int i = 0; i < n; i++) {
            push_finger(SDL_FINGERDOWN, ImVec2(40, 40));
            push_finger(SDL_FINGERUP, ImVec2(40, 40));
        }
        app->settle();
    }
    void type_pin(const std::string& pin) {
        for (char c : pin) tap(std::string("staff.key/") + c);
        tap("staff.key/ok");
        app->wait_for_staff_work();
        app->settle();
    }
    void open_panel(const std::string& pin = kPin) {
        corner_taps(5);
        REQUIRE(app->route().is("staff-pin"));
        type_pin(pin);
        REQUIRE(app->route().is("staff"));
    }
    // The panel, then its 大厅信息 page.
    void open_hall() {
        open_panel();
        tap("staff.open/staff-hall");
        REQUIRE(app->route().is("staff-hall"));
    }
};

}  // namespace

TEST_CASE("five quick taps in the top-left corner open the PIN pad, four do not, and taps further apart than 3 s do not add up",
          "[staff][gesture][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.corner_taps(4);
    CHECK(k.app->route().is("home"));
    CHECK(k.app->staff().stage == StaffView::Stage::Closed);
    k.app->pretend_time_passed(3.5);  // the four are now older than the gesture's 3 s
    k.corner_taps(1);
    CHECK(k.app->route().is("home"));
    k.corner_taps(5);
    CHECK(k.app->route().is("staff-pin"));
    CHECK(k.app->staff().stage == StaffView::Stage::Pad);
    CHECK(k.app->frame().find_text("请输入员工密码"));
    CHECK(k.app->frame().find_target("staff.key/0"));
    // 关闭: back where the gesture was made.
    k.tap("staff.close");
    CHECK(k.app->route().is("home"));
    CHECK(k.app->staff().stage == StaffView::Stage::Closed);
}

TEST_CASE("the gesture works on a page and on the board, and costs at most two Backs", "[staff][gesture][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.app->navigate(Route::domain("social-assistance"));
        k.app->navigate(Route::item("dibao-apply"));
        k.app->settle();
        REQUIRE(k.app->route().is("item"));
        // The first two taps are Back's (item → domain → home), each seen before the next as a
        // hand taps; the next three are the gesture's alone.
        k.corner_taps(1);
        CHECK(k.app->route().is("domain"));
        k.corner_taps(1);
        CHECK(k.app->route().is("home"));
        k.corner_taps(3);
        CHECK(k.app->route().is("staff-pin"));
        k.tap("staff.close");
        CHECK(k.app->route().is("home"));
    }
    {
        DeviceDir board("[display]\nmode = \"board\"\n");
        board.set_pin(kPin);
        StaffKiosk k(board, 1920, 1080);
        REQUIRE(k.app->route().is("board"));
        k.corner_taps(5);
        CHECK(k.app->route().is("staff-pin"));
        k.tap("staff.close");
        CHECK(k.app->route().is("board"));
    }
}

TEST_CASE("with no PIN set the gesture shows how to set one, not the panel", "[staff][pin][ui]") {
    DeviceDir d;
    StaffKiosk k(d);
    k.corner_taps(5);
    CHECK(k.app->route().is("staff-pin"));
    CHECK(k.app->staff().stage == StaffView::Stage::NoPin);
    CHECK(k.app->frame().find_text("这台设备还没有员工密码"));
    // The command, one option a line (the path may wrap).
    std::string shown;
    for (const FrameRecord::Text& t : k.app->frame().texts) shown += t.text;
    CHECK(shown.find("sudo -u gongkai gongkai-kiosk") != std::string::npos);
    CHECK(shown.find(d.config) != std::string::npos);
    CHECK(k.app->frame().find_text("--set-pin"));
    CHECK_FALSE(k.app->frame().find_target("staff.key/1"));
    screenshot_if_asked(k, "staff-no-pin");
}

TEST_CASE("five wrong PINs lock the pad for 30 s, still locked after the kiosk restarts, and then the right PIN opens the panel",
          "[staff][pin][lockout][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.corner_taps(5);
        for (int i = 1; i <= 4; i++) {
            k.type_pin("1111");
            CHECK(k.app->route().is("staff-pin"));
            CHECK(k.app->staff().failures == i);
            CHECK(k.app->staff().lock_left_s == 0);
            CHECK(k.app->frame().find_text("密码不对"));
        }
        k.type_pin("1111");
        CHECK(k.app->staff().failures == 5);
        CHECK(k.app->staff().lock_left_s == 30);
        CHECK(k.app->frame().find_text("输错次数太多，请等待 30 秒"));
        screenshot_if_asked(k, "staff-pin-locked");
        // Locked: keys take nothing, the right PIN included.
        k.type_pin(kPin);
        CHECK(k.app->route().is("staff-pin"));
        CHECK(k.app->staff().digits.empty());
        k.set_wall(kNow + 10);
        CHECK(k.app->frame().find_text("输错次数太多，请等待 20 秒"));
    }
    {
        StaffKiosk k(d, 1080, 1920, kNow + 10);  // the same cache: the lockout was kept there
        k.corner_taps(5);
        CHECK(k.app->staff().lock_left_s == 20);
        CHECK(k.app->staff().failures == 5);
        k.type_pin(kPin);
        CHECK(k.app->route().is("staff-pin"));
        // The sixth wrong PIN after the lock ends doubles it.
        k.set_wall(kNow + 31);
        CHECK(k.app->staff().lock_left_s == 0);
        k.type_pin("9999");
        CHECK(k.app->staff().lock_left_s == 60);
        k.set_wall(kNow + 92);
        k.type_pin(kPin);
        CHECK(k.app->route().is("staff"));
        CHECK(k.app->staff().stage == StaffView::Stage::Panel);
        CHECK(k.app->frame().find_text("员工面板"));
        CHECK(k.app->frame().find_text(std::string("gongkai ") + GONGKAI_VERSION));
        screenshot_if_asked(k, "staff-panel");
    }
    // The right PIN cleared the count.
    auto cache = Cache::open(d.dir.file("cache.db"), CacheMode::ReadOnly);
    REQUIRE(cache);
    CHECK(*(*cache)->state(kStateStaffPinFailures) == "0");
}

TEST_CASE("the lockout: five wrong PINs free, then 30 s doubling to at most an hour", "[staff][lockout]") {
    CHECK(pin_lock_seconds(4) == 0);
    CHECK(pin_lock_seconds(5) == 30);
    CHECK(pin_lock_seconds(6) == 60);
    CHECK(pin_lock_seconds(7) == 120);
    CHECK(pin_lock_seconds(11) == 1920);
    CHECK(pin_lock_seconds(12) == 3600);
    CHECK(pin_lock_seconds(1000) == 3600);
    PinLockout l{5, kNow + 100000};  // a lock set under a clock far ahead: at most the cap
    CHECK(l.seconds_left(kNow) == 3600);
}

TEST_CASE("a PIN is 4 to 8 digits, hashed with Argon2id, and verifies only itself", "[staff][pin]") {
    CHECK(check_pin_format("123").code == KioskError::PinInvalid);
    CHECK(check_pin_format("123456789").code == KioskError::PinInvalid);
    CHECK(check_pin_format("12a4").code == KioskError::PinInvalid);
    CHECK_FALSE(check_pin_format("0000"));
    CHECK_FALSE(check_pin_format("12345678"));
    auto hash = hash_pin("2468");
    REQUIRE(hash);
    CHECK(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
    CHECK(looks_like_pin_hash(*hash));
    CHECK(verify_pin(*hash, "2468"));
    CHECK_FALSE(verify_pin(*hash, "2469"));
    CHECK_FALSE(verify_pin("not a hash", "2468"));
}

TEST_CASE("Argon2id's hash and verify times of a PIN (docs/performance.md)", "[staff][pin-timing][.bench]") {
    auto hash = hash_pin("2468");
    REQUIRE(hash);
    std::vector<double> ms;
    for (int i = 0; i < 10; i++) {
        const auto t0 = std::chrono::steady_clock::now();
        CHECK(verify_pin(*hash, "2468"));
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    WARN("Argon2id verify (OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE): median " << ms[5] << " ms, min " << ms[0] << " ms, max " << ms[9] << " ms");
    // The frame loop while the pad checks a PIN: the longest step, which the worker must not lengthen.
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.corner_taps(5);
    for (char c : std::string(kPin)) k.tap(std::string("staff.key/") + c);
    const ImVec2 ok = k.center_of("staff.key/ok");
    k.push_finger(SDL_FINGERDOWN, ok);
    k.push_finger(SDL_FINGERUP, ok);
    double longest = 0, total = 0;
    int steps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    while (!k.app->route().is("staff") && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5)) {
        const auto s0 = std::chrono::steady_clock::now();
        k.app->step(false);
        const double step_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count();
        longest = std::max(longest, step_ms);
        steps++;
    }
    total = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(k.app->route().is("staff"));
    WARN("tap on 确定 to the panel: " << total << " ms over " << steps << " steps; longest step " << longest << " ms");
}

TEST_CASE("gongkai-kiosk --set-pin reads the PIN from stdin, stores its Argon2id hash in local.toml and refuses a PIN that is not 4-8 digits",
          "[staff][pin][cli]") {
    DeviceDir d;
    write_file(d.dir.file("pin"), "24680\n");
    Run ok = kiosk_cli("--config " + d.config + " --set-pin <" + d.dir.file("pin"));
    INFO(ok.err);
    CHECK(ok.status == 0);
    CHECK(ok.out == "The staff PIN is set (" + d.local() + ").\n");
    auto cfg = load_config(d.config);
    REQUIRE(cfg);
    CHECK(verify_pin(cfg->staff_pin_hash, "24680"));
    const std::string before = slurp(d.local());
    write_file(d.dir.file("short"), "123\n");
    Run bad = kiosk_cli("--config " + d.config + " --set-pin <" + d.dir.file("short"));
    CHECK(bad.status == 2);
    CHECK(bad.err == "gongkai-kiosk: PinInvalid: the staff PIN must be 4 to 8 digits (it has 3 characters)\n");
    write_file(d.dir.file("letters"), "12ab\n");
    bad = kiosk_cli("--config " + d.config + " --set-pin <" + d.dir.file("letters"));
    CHECK(bad.status == 2);
    CHECK(bad.err == "gongkai-kiosk: PinInvalid: the staff PIN must be 4 to 8 digits (it holds a character that is not a digit 0-9)\n");
    CHECK(slurp(d.local()) == before);
}

TEST_CASE("a hall name typed on the panel is saved to local.toml and shown after the kiosk restarts", "[staff][settings][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.open_hall();
        REQUIRE(k.app->route().is("staff-hall"));
        k.tap("staff.field/0");
        CHECK(k.app->frame().find_target("key/q"));  // the on-screen keyboard types into the field
        k.type_text("徐家汇街道服务中心");
        k.tap("staff.field/3");
        k.type_text("1号窗口：社会救助");
        screenshot_if_asked(k, "staff-hall");
        k.tap("staff.save-hall");
        k.app->wait_for_staff_work();
        k.app->settle();
        CHECK(k.app->staff().message == "已保存");
        CHECK(k.app->config().hall_name == "徐家汇街道服务中心");
        // In local.toml: the device's own settings, where the layers read them.
        const std::string local = slurp(d.local());
        CHECK(local.find("徐家汇街道服务中心") != std::string::npos);
        CHECK(local.find("1号窗口：社会救助") != std::string::npos);
        CHECK(slurp(d.config).find("徐家汇") == std::string::npos);
    }
    StaffKiosk again(d);
    CHECK(again.app->config().hall_name == "徐家汇街道服务中心");
    CHECK(again.app->config().hall_windows == std::vector<std::string>{"1号窗口：社会救助"});
    again.app->navigate(Route::help());
    again.app->settle();
    CHECK(again.app->frame().find_text("徐家汇街道服务中心"));  // the help screen's title
    CHECK(again.app->frame().find_text("1号窗口：社会救助"));
}

TEST_CASE("the panel's keyboard types the hours' colon, dash and slash on its keys, and the residents' keyboard has none of them",
          "[staff][settings][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_hall();
    k.tap("staff.field/2");
    for (const char* key : {"9", ":", "0", "0", "-", "1", "7", ":", "0", "0", "/", "."}) k.tap(std::string("key/") + key);
    k.tap("staff.save-hall");
    k.app->wait_for_staff_work();
    k.app->settle();
    CHECK(k.app->staff().message == "已保存");
    CHECK(k.app->config().hall_hours == "9:00-17:00/.");
    k.app->navigate(Route::search());
    k.app->settle();
    CHECK(k.app->frame().find_target("key/q"));
    for (const char* key : {":", "-", "/", "."}) CHECK_FALSE(k.app->frame().find_target(std::string("key/") + key));
}

TEST_CASE("saving the hall writes only the fields staff changed: the office's help line and windows beyond the sixth stay the office's",
          "[staff][settings][ui]") {
    std::string windows = "windows = [";
    for (int i = 1; i <= 8; i++) windows += std::string(i > 1 ? ", " : "") + "\"" + std::to_string(i) + "号窗口\"";
    windows += "]\n";
    DeviceDir d("[hall]\nhelp = \"请按服务台呼叫铃\"\n" + windows);
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.open_hall();
        k.tap("staff.field/0");
        k.type_text("徐家汇街道");
        k.tap("staff.save-hall");
        k.app->wait_for_staff_work();
        k.app->settle();
        CHECK(k.app->staff().message == "已保存");
        CHECK(k.app->config().hall_windows.size() == 8);  // none of the eight lost
        const std::string local = slurp(d.local());
        CHECK(local.find("徐家汇街道") != std::string::npos);
        CHECK(local.find("help") == std::string::npos);
        CHECK(local.find("windows") == std::string::npos);
        // Saving again with nothing changed writes nothing.
        k.tap("staff.save-hall");
        CHECK(k.app->staff().message == k.app->strings().staff_nothing_changed);
    }
    // The office changes its help line later: the device shows the new one.
    write_file(d.config, slurp(d.config).replace(slurp(d.config).find("请按服务台呼叫铃"), std::string("请按服务台呼叫铃").size(),
                                                 "请到一楼咨询台"));
    StaffKiosk again(d);
    CHECK(again.app->config().hall_help == "请到一楼咨询台");
    CHECK(again.app->config().hall_name == "徐家汇街道");
}

TEST_CASE("the help line typed on the panel is what the 需要帮忙 page says, and the field typed into stays above the keyboard",
          "[staff][settings][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.open_hall();
        const std::string help_field = "staff.field/" + std::to_string(kStaffHallHelp);
        // The last field is below the screen's edge: a finger drags the page up to it.
        for (int i = 0; i < 2 && !k.app->frame().find_target(help_field); i++) {
            k.push_finger(SDL_FINGERDOWN, ImVec2(540, 1600));
            k.app->step(false);
            for (int y = 1550; y >= 600; y -= 50) {
                k.push_finger(SDL_FINGERMOTION, ImVec2(540, static_cast<float>(y)));
                k.app->step(false);
            }
            k.push_finger(SDL_FINGERUP, ImVec2(540, 600));
            k.app->settle();
        }
        REQUIRE(k.app->frame().find_target(help_field));
        k.tap(help_field);
        REQUIRE(k.app->staff().hall_field == kStaffHallHelp);
        // The last field, typed into, is scrolled clear of the keyboard.
        const FrameRecord::Target* field = k.app->frame().find_target(help_field);
        const FrameRecord::Target* key = k.app->frame().find_target("key/1");
        REQUIRE(field);
        REQUIRE(key);
        CHECK(field->max.y <= key->min.y);
        k.type_text("看不懂？");  // an SDL text event holds at most 31 bytes
        k.type_text("请按服务台呼叫铃");
        k.app->settle();
        screenshot_if_asked(k, "staff-hall-help");
        // The header's 保存 has scrolled away; the one under the last field saves too.
        CHECK_FALSE(k.app->frame().find_target("staff.save-hall"));
        k.tap("staff.save-hall-end");
        k.app->wait_for_staff_work();
        k.app->settle();
        CHECK(k.app->staff().message == "已保存");
        CHECK(k.app->config().hall_help == "看不懂？请按服务台呼叫铃");
    }
    StaffKiosk again(d);
    again.app->navigate(Route::help());
    again.app->settle();
    CHECK(again.app->frame().find_text("看不懂？请按服务台呼叫铃"));
}

TEST_CASE("a value the config refuses (an idle reset of 10 s) is refused on the panel with its reason, and nothing is written",
          "[staff][settings][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    const std::string local_before = slurp(d.local());
    k.tap("staff.open/staff-display");
    for (int i = 0; i < 8; i++) k.tap("staff.minus/idle_reset_s");  // 90 → 10
    CHECK(k.app->staff().display.idle_reset_s == 10);
    k.tap("staff.apply-display");
    k.app->wait_for_staff_work();
    k.app->settle();
    INFO(k.app->staff().message);
    CHECK(k.app->staff().message_is_error);
    CHECK(k.app->staff().message.find("未保存") != std::string::npos);
    CHECK(k.app->staff().message.find("\"idle_reset_s\" must be 0 (never) or an integer from 20 to 3600") != std::string::npos);
    CHECK(k.app->frame().find_text("idle_reset_s"));
    screenshot_if_asked(k, "staff-refused");
    CHECK(slurp(d.local()) == local_before);
    CHECK(k.app->config().idle_reset_s == 90);
    CHECK_FALSE(pending_settings(d.config).pending);
    CHECK(k.app->confirm_countdown() == -1);
}

TEST_CASE("a display change not kept within 20 s is reverted, and one kept stays", "[staff][settings][confirm][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    const std::string local_before = slurp(d.local());
    k.tap("staff.open/staff-display");
    k.tap("staff.set/theme/large");
    k.tap("staff.apply-display");
    k.app->wait_for_staff_work();
    k.app->settle();
    CHECK(k.app->theme().large);
    CHECK(k.app->confirm_countdown() == 20);
    CHECK(pending_settings(d.config).pending);
    CHECK(k.app->frame().find_text("保留这些显示设置吗？"));
    CHECK(k.app->frame().find_text("20 秒后恢复原来的设置"));
    screenshot_if_asked(k, "staff-confirm");
    k.set_wall(kNow + 12);
    CHECK(k.app->confirm_countdown() == 8);
    k.set_wall(kNow + 21);
    CHECK(k.app->confirm_countdown() == -1);
    CHECK_FALSE(k.app->theme().large);
    CHECK(k.app->config().theme == "standard");
    CHECK_FALSE(pending_settings(d.config).pending);
    CHECK(slurp(d.local()) == local_before);

    // Kept: 保留 within the 20 s.
    k.tap("staff.set/theme/large");
    k.tap("staff.apply-display");
    k.app->wait_for_staff_work();
    k.app->settle();
    REQUIRE(k.app->confirm_countdown() == 20);
    k.tap("staff.keep");
    CHECK(k.app->confirm_countdown() == -1);
    CHECK_FALSE(pending_settings(d.config).pending);
    k.set_wall(kNow + 60);
    CHECK(k.app->theme().large);
    auto kept = load_config(d.config);
    REQUIRE(kept);
    CHECK(kept->theme == "large");
}

TEST_CASE("the idle reset and read-aloud's volume are saved at once, without the dialog, and applied live", "[staff][settings][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    k.tap("staff.open/staff-display");
    k.tap("staff.plus/idle_reset_s");   // 90 → 100
    k.tap("staff.minus/volume");        // 100 → 90
    k.tap("staff.minus/volume");        // → 80
    k.tap("staff.apply-display");
    k.app->wait_for_staff_work();
    k.app->settle();
    CHECK(k.app->confirm_countdown() == -1);
    CHECK_FALSE(pending_settings(d.config).pending);
    CHECK(k.app->staff().message == "已保存");
    CHECK(k.app->config().idle_reset_s == 100);
    CHECK(k.app->config().volume == 80);
    CHECK(k.app->reading_volume() == 80);
    auto saved = load_config(d.config);
    REQUIRE(saved);
    CHECK(saved->idle_reset_s == 100);
    CHECK(saved->volume == 80);
}

TEST_CASE("a display change pending when the kiosk restarts: the dialog shows the time left, or the change is undone before the first frame once its deadline passed",
          "[staff][settings][confirm][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.open_panel();
        k.tap("staff.open/staff-display");
        k.tap("staff.set/orientation/landscape");
        k.tap("staff.apply-display");
        k.app->wait_for_staff_work();
        k.app->settle();
        // Live: the window turned.
        CHECK(k.app->width() == 1920);
        CHECK(k.app->height() == 1080);
        REQUIRE(k.app->confirm_countdown() == 20);
    }
    {
        StaffKiosk k(d, 1080, 1920, kNow + 5);
        CHECK(k.app->config().orientation == Orientation::Landscape);
        CHECK(k.app->confirm_countdown() == 15);
        CHECK(k.app->frame().find_target("staff.keep"));
    }
    {
        LogCatcher log;
        StaffKiosk k(d, 1080, 1920, kNow + 25);
        CHECK(k.app->config().orientation == Orientation::Portrait);
        CHECK(k.app->confirm_countdown() == -1);
        CHECK_FALSE(pending_settings(d.config).pending);
        CHECK(log.said("the display settings were not kept before their deadline: the last good ones are back"));
    }
}

TEST_CASE("a rotation chosen on the panel turns the picture at once, and the gesture's corner is then the top-left as seen",
          "[staff][settings][rotation][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    k.tap("staff.open/staff-display");
    k.tap("staff.set/rotation/90");
    k.tap("staff.apply-display");
    k.app->wait_for_staff_work();
    k.app->settle();
    REQUIRE(k.app->confirm_countdown() == 20);
    CHECK(k.app->width() == 1920);  // the canvas, turned inside the 1080x1920 window
    CHECK(k.app->height() == 1080);
    // 保留, tapped where it shows in the window.
    const ImVec2 keep = k.center_of("staff.keep");
    float wx = 0, wy = 0;
    canvas_to_window(90, k.w, k.h, keep.x, keep.y, &wx, &wy);
    k.tap_at(ImVec2(wx, wy));
    CHECK(k.app->confirm_countdown() == -1);
    CHECK(load_config(d.config)->rotation == 90);
    const ImVec2 close = k.center_of("staff.close");
    canvas_to_window(90, k.w, k.h, close.x, close.y, &wx, &wy);
    k.tap_at(ImVec2(wx, wy));
    k.tap_at(ImVec2(wx, wy));  // 返回面板, then 关闭 in the same place
    REQUIRE(k.app->staff().stage == StaffView::Stage::Closed);
    // The window's top-left is now the picture's bottom-left: no gesture there.
    k.corner_taps(5);
    CHECK(k.app->staff().stage == StaffView::Stage::Closed);
    canvas_to_window(90, k.w, k.h, 40, 40, &wx, &wy);
    for (int i = 0; i < 5; i++) {
        k.push_finger(SDL_FINGERDOWN, ImVec2(wx, wy));
        k.push_finger(SDL_FINGERUP, ImVec2(wx, wy));
    }
    k.app->settle();
    CHECK(k.app->route().is("staff-pin"));
}

TEST_CASE("the panel closes itself after a minute untouched, and the pad too", "[staff][timeout][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    k.app->pretend_time_passed(50);
    k.app->step(false);
    CHECK(k.app->route().is("staff"));
    k.tap("staff.open/staff-touch");  // a touch: the minute starts again
    k.app->pretend_time_passed(50);
    k.app->step(false);
    CHECK(k.app->route().is("staff-touch"));
    k.app->pretend_time_passed(11);
    k.app->step(false);
    k.app->settle();
    CHECK(k.app->route().is("home"));
    CHECK(k.app->staff().stage == StaffView::Stage::Closed);
    k.corner_taps(5);
    REQUIRE(k.app->route().is("staff-pin"));
    k.app->pretend_time_passed(61);
    k.app->step(false);
    CHECK(k.app->route().is("home"));
}

TEST_CASE("no route reaches the staff screens: --route refuses them, and navigate ignores them", "[staff][route]") {
    for (const char* name : {"staff", "staff-pin", "staff-hall", "staff-display", "staff-touch", "staff-new-pin"}) {
        INFO(name);
        CHECK_FALSE(Route::parse(name));
    }
    TempDir out;
    Run r = kiosk_cli("--screenshot " + out.file("s.png") + " --route staff");
    CHECK(r.status == 2);
    CHECK(r.err.starts_with("gongkai-kiosk: no such route \"staff\" (routes: home, "));
    CHECK(r.err.find("staff") == r.err.find("\"staff\"") + 1);  // not listed among the routes
    CHECK_FALSE(std::filesystem::exists(out.file("s.png")));
    Run pin = kiosk_cli("--screenshot " + out.file("p.png") + " --route staff-pin");
    CHECK(pin.status == 2);
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.app->navigate(Route{"staff", {}});
    k.app->settle();
    CHECK(k.app->route().is("home"));
}

TEST_CASE("the touch test lights the cells under the finger and draws its points", "[staff][touch][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    k.tap("staff.open/staff-touch");
    REQUIRE(k.app->route().is("staff-touch"));
    CHECK(k.app->staff().touches.empty());
    k.push_finger(SDL_FINGERDOWN, ImVec2(100, 800));
    for (int i = 1; i <= 10; i++) {
        SDL_Event e{};
        e.type = SDL_FINGERMOTION;
        e.tfinger.fingerId = 1;
        e.tfinger.x = (100 + 80.0f * i) / k.w;
        e.tfinger.y = (800 + 60.0f * i) / k.h;
        SDL_PushEvent(&e);
    }
    k.push_finger(SDL_FINGERUP, ImVec2(900, 1400));
    k.tap_at(ImVec2(1000, 1800));
    CHECK(k.app->staff().touches.size() == 12);
    CHECK(k.app->staff().touches.back().x == Approx(1000));
    screenshot_if_asked(k, "staff-touch");
    k.tap("staff.touch-clear");
    CHECK(k.app->staff().touches.size() <= 1);  // the tap on 清除 itself
}

TEST_CASE("change PIN: the new PIN twice, two that differ are refused, and the old PIN stops working", "[staff][pin][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    {
        StaffKiosk k(d);
        k.open_panel();
        k.tap("staff.open/staff-new-pin");
        for (char c : std::string("1357")) k.tap(std::string("staff.key/") + c);
        k.tap("staff.key/ok");
        CHECK(k.app->frame().find_text("请再输入一次新密码"));
        for (char c : std::string("1358")) k.tap(std::string("staff.key/") + c);
        k.tap("staff.key/ok");
        CHECK(k.app->frame().find_text("两次输入不一致"));
        k.type_pin("1357");
        k.type_pin("1357");
        CHECK(k.app->staff().message == "密码已修改");
        CHECK(k.app->route().is("staff"));
    }
    auto cfg = load_config(d.config);
    REQUIRE(cfg);
    CHECK(verify_pin(cfg->staff_pin_hash, "1357"));
    CHECK_FALSE(verify_pin(cfg->staff_pin_hash, kPin));
}

TEST_CASE("重新启动 ends the loop with the exit status systemd restarts on", "[staff][ui]") {
    DeviceDir d;
    d.set_pin(kPin);
    StaffKiosk k(d);
    k.open_panel();
    k.tap("staff.restart");
    CHECK_FALSE(k.app->step(false));
    CHECK(k.app->exit_status() == kStaffRestartExitStatus);
    CHECK(kStaffRestartExitStatus == 75);
}

TEST_CASE("the panel's screens at 1080x1920 and 1920x1080 (GONGKAI_SCREENSHOT_DIR)", "[staff][screenshots]") {
    for (auto [w, h] : {std::pair{1080, 1920}, std::pair{1920, 1080}}) {
        const std::string size = w > h ? "landscape" : "portrait";
        DeviceDir d;
        d.set_pin(kPin);
        StaffKiosk k(d, w, h);
        k.corner_taps(5);
        for (char c : std::string("24")) k.tap(std::string("staff.key/") + c);
        screenshot_if_asked(k, "staff-pin-" + size);
        k.tap("staff.key/6");
        k.tap("staff.key/8");
        k.tap("staff.key/ok");
        k.app->wait_for_staff_work();
        k.app->settle();
        REQUIRE(k.app->route().is("staff"));
        screenshot_if_asked(k, "staff-panel-" + size);
        k.tap("staff.open/staff-display");
        screenshot_if_asked(k, "staff-display-" + size);
        k.tap("staff.set/theme/large");
        k.tap("staff.apply-display");
        k.app->wait_for_staff_work();
        k.app->settle();
        screenshot_if_asked(k, "staff-confirm-" + size);
        k.tap("staff.revert");
        k.tap("staff.close");
        k.tap("staff.open/staff-hall");
        k.tap("staff.field/0");
        k.type_text("徐家汇街道服务中心");
        screenshot_if_asked(k, "staff-hall-" + size);
        k.tap("staff.close");
        k.tap("staff.open/staff-touch");
        for (int i = 0; i < 30; i++) {
            SDL_Event e{};
            e.type = i == 0 ? SDL_FINGERDOWN : SDL_FINGERMOTION;
            e.tfinger.fingerId = 1;
            e.tfinger.x = 0.1f + 0.025f * i;
            e.tfinger.y = 0.35f + 0.015f * i;
            SDL_PushEvent(&e);
        }
        k.app->settle();
        screenshot_if_asked(k, "staff-touch-" + size);
        CHECK(k.app->staff().touches.size() == 30);
    }
}

TEST_CASE("立即同步 on the panel reaches the daemon: it pulls within seconds instead of at its next interval",
          "[staff][sync][daemon][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = 100;
    Site::publish(nginx.site_dir("a"), *cat, key);
    // An hour between pulls: without the request nothing would run again during the test.
    DeviceDir d("[sync]\nurl = \"" + nginx.url("a/") + "\"\nca_file = \"" + TestPki::get().ca + "\"\ntrusted_keys = [\"" +
                minisign::public_key_string(key.public_key()) + "\"]\ninterval_s = 3600\n");
    d.set_pin(kPin);
    pid_t daemon = spawn_sync({"--config", d.config});
    auto state = [&](const char* k) {
        auto cache = Cache::open(d.dir.file("cache.db"), CacheMode::ReadOnly);
        if (!cache) return std::string();
        auto v = (*cache)->state(k);
        return v ? *v : std::string();
    };
    auto wait_for = [&](const std::function<bool()>& done) {
        for (int i = 0; i < 200 && !done(); i++) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return done();
    };
    REQUIRE(wait_for([&] { return !state(kStateLastSuccess).empty(); }));  // the pull at start
    const std::string first = state(kStateLastAttempt);
    // RFC 3339 has whole seconds: the next attempt must be stamped in a later second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    {
        StaffKiosk k(d, 1080, 1920, 0);
        k.open_panel();
        k.tap("staff.sync");
        CHECK(k.app->frame().find_text("已请求同步"));
        k.app->settle();
    }
    CHECK(!state(kStateSyncRequested).empty());
    CHECK(wait_for([&] { return state(kStateLastAttempt) != first; }));
    kill(daemon, SIGTERM);
    int status = 0;
    waitpid(daemon, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(state(kStateLastError).empty());
}
