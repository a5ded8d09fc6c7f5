// The device config under a hostile review: a wrong value in one section must not take
// down what another program needs, and values that would hang or break a device are
// refused by name. Real files, real binaries.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "clock.h"
#include "config.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("a wrong display value keeps its default and leaves the cache, sync and report settings in force",
          "[config][hostile]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n[display]\ntext_scale = 1.6\n"
                                   "theme = 7\n[hall]\ndistrict = \"长宁区\"\n");
    auto strict = load_config(dir.file("c.toml"));
    REQUIRE_FALSE(strict);
    CHECK(strict.error().detail == dir.file("c.toml") + ":5:9: \"theme\" must be a string");
    LogCatcher log;
    auto daemon = load_config(dir.file("c.toml"), {"cache", "sync", "report"});
    REQUIRE(daemon);
    CHECK(daemon->cache_path == dir.file("cache.db"));
    CHECK(daemon->text_scale == 1.0);
    CHECK(daemon->theme == "standard");
    CHECK(daemon->district == "长宁区");
    CHECK(log.said("\"text_scale\" must be a number from 1.0 to 1.5; the default is used"));
    // gongkai-sync on the same file runs (and reports the unconfigured sync), it does not exit 2.
    Run r = sync_cli("--config " + dir.file("c.toml") + " --once");
    CHECK(r.status == 1);
    CHECK(r.err.find("SyncNotConfigured") != std::string::npos);
}

TEST_CASE("a district with a control character or over 20 characters is refused, and the kiosk keeps the default",
          "[config][hostile]") {
    TempDir dir;
    struct Case { const char* value; const char* why; };
    for (const Case c : {Case{"徐汇\\u0000区", "must not hold control characters (a NUL, a line break)"},
                         Case{"徐汇\\r\\n区", "must not hold control characters (a NUL, a line break)"},
                         Case{"", "must not be empty"},
                         Case{"一二三四五六七八九十一二三四五六七八九十一", "must be at most 20 characters"}}) {
        INFO(c.value);
        write_file(dir.file("c.toml"), std::string("[hall]\ndistrict = \"") + c.value + "\"\n");
        auto cfg = load_config(dir.file("c.toml"));
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().detail == dir.file("c.toml") + ":2:12: \"district\" " + c.why);
        auto kiosk = load_config(dir.file("c.toml"), {});
        REQUIRE(kiosk);
        CHECK(kiosk->district == "徐汇区");
    }
}

TEST_CASE("a report url without a host, with a query, or not https is refused at load", "[config][hostile]") {
    TempDir dir;
    struct Case { const char* url; const char* why; };
    for (const Case c : {Case{"https://", "has no host"}, Case{"https:///inbox/", "has no host"},
                         Case{"https://h/in box/", "must not hold a query (?), a fragment (#) or spaces"},
                         Case{"https://h/inbox/?a=b", "must not hold a query (?), a fragment (#) or spaces"},
                         Case{"ftp://h/inbox/", "must start with https://"},
                         Case{"http://h/inbox/", "must start with https://"}}) {
        INFO(c.url);
        write_file(dir.file("c.toml"), std::string("[report]\nurl = \"") + c.url + "\"\n");
        auto cfg = load_config(dir.file("c.toml"));
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().detail == dir.file("c.toml") + ":2:7: \"url\" " + c.why);
    }
    write_file(dir.file("c.toml"), "[sync]\ninsecure_allow_http = true\n[report]\nurl = \"http://127.0.0.1:8080/inbox/\"\n");
    CHECK(load_config(dir.file("c.toml")));
}

TEST_CASE("a cache path that is a FIFO is refused at once, by the kiosk's tools and by status", "[config][cache][hostile]") {
    TempDir dir;
    REQUIRE(mkfifo(dir.file("fifo.db").c_str(), 0600) == 0);
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("fifo.db") + "\"\n");
    auto start = std::chrono::steady_clock::now();
    Run list = kiosk_cli("--config " + dir.file("c.toml") + " --list --json");
    Run status = sync_cli("--config " + dir.file("c.toml") + " status --json");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));  // it hung forever before
    // The kiosk, as for any cache it cannot open, shows the demo from memory and says why.
    CHECK(list.status == 0);
    CHECK(list.err.find(dir.file("fifo.db") + " is not a regular file") != std::string::npos);
    CHECK(status.status == 1);
    CHECK(status.out.find("is not a regular file") != std::string::npos);
}

TEST_CASE("status --json reads only: a missing cache is reported, nothing is created", "[config][cache]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("no/such/dir/cache.db") + "\"\n");
    Run r = sync_cli("--config " + dir.file("c.toml") + " status --json");
    CHECK(r.status == 0);
    CHECK(r.out.find("\"catalogue_version\": null") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_CASE("the kiosk's staff tools refuse a theme or language they do not have", "[config][cli]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n[display]\ntheme = \"neon\"\n");
    Run r = kiosk_cli("--config " + dir.file("c.toml") + " --screenshot " + dir.file("x.png"));
    CHECK(r.status == 2);
    CHECK(r.err.find("ConfigInvalid: the configuration file is not valid (" + dir.file("c.toml") +
                     ":4:9: \"theme\" must be one of standard, large, high-contrast (also contrast))") != std::string::npos);
}

TEST_CASE("the hall's details are read one line each, and a bad one is refused by name", "[config][hall]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[hall]\nname = \"徐汇区行政服务中心\"\naddress = \"南宁路969号\"\nhours = \"周一至周五 9:00–17:00\"\n"
                                   "windows = [\"1–3号窗口：社会救助\", \"7号窗口：户籍管理\"]\nhelp = \"请按呼叫铃\"\n"
                                   "[display]\nidle_reset_s = 120\n");
    auto cfg = load_config(dir.file("c.toml"));
    REQUIRE(cfg);
    CHECK(cfg->hall_name == "徐汇区行政服务中心");
    CHECK(cfg->hall_address == "南宁路969号");
    CHECK(cfg->hall_hours == "周一至周五 9:00–17:00");
    CHECK(cfg->hall_windows == std::vector<std::string>{"1–3号窗口：社会救助", "7号窗口：户籍管理"});
    CHECK(cfg->hall_help == "请按呼叫铃");
    CHECK(cfg->idle_reset_s == 120);
    CHECK(load_config("")->idle_reset_s == 90);

    struct Case { std::string toml, detail; };
    std::string windows25 = "windows = [";
    for (int i = 0; i < 25; i++) windows25 += std::string(i ? ", " : "") + "\"" + std::to_string(i) + "号窗口\"";
    windows25 += "]";
    for (const Case& c : {Case{"[hall]\nname = \"大厅\\n二楼\"", ":2:8: \"name\" must not hold control characters (a NUL, a line break)"},
                          Case{"[hall]\nhelp = \"" + std::string(121, 'x') + "\"", ":2:8: \"help\" must be at most 120 characters"},
                          Case{"[hall]\nwindows = \"1号窗口\"", ":2:11: \"windows\" must be a list of strings, one per window"},
                          Case{"[hall]\nwindows = [\"1号窗口\", 2]", ":2:11: \"windows\" must be a list of strings, one per window"},
                          Case{"[hall]\n" + windows25, ":2:11: \"windows\" must list at most 24 windows"},
                          Case{"[hall]\nhelp = \"第一行\u2028第二行\"", ":2:8: \"help\" must not hold line separators or invisible format characters (U+2028)"},
                          Case{"[hall]\nname = \"\u202E大厅\"", ":2:8: \"name\" must not hold line separators or invisible format characters (U+202E)"},
                          Case{"[display]\nidle_reset_s = 90.0", ":2:16: \"idle_reset_s\" must be 0 (never) or an integer from 20 to 3600"},
                          Case{"[display]\nidle_reset_s = 5", ":2:16: \"idle_reset_s\" must be 0 (never) or an integer from 20 to 3600"}}) {
        INFO(c.toml);
        write_file(dir.file("c.toml"), c.toml + "\n");
        auto bad = load_config(dir.file("c.toml"));
        REQUIRE_FALSE(bad);
        CHECK(bad.error().detail == dir.file("c.toml") + c.detail);
        // The kiosk starts anyway, without the bad value.
        auto kiosk = load_config(dir.file("c.toml"), {});
        REQUIRE(kiosk);
        CHECK(kiosk->hall_windows.empty());
        CHECK(kiosk->idle_reset_s == 90);
    }
}

TEST_CASE("the kiosk's --theme and --lang choose the look of a screenshot, and refuse what they do not know", "[config][look][cli]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n");
    for (const char* args : {"--theme large --lang en", "--theme contrast", "--theme standard --lang zh"}) {
        INFO(args);
        Run r = kiosk_cli("--config " + dir.file("c.toml") + " --screenshot " + dir.file("s.png") + " --route home --size 540x960 " + args);
        CHECK(r.status == 0);
        CHECK(std::filesystem::file_size(dir.file("s.png")) > 1000);
    }
    for (const char* args : {"--theme neon", "--lang fr", "--theme"}) {
        INFO(args);
        Run r = kiosk_cli("--config " + dir.file("c.toml") + " --screenshot " + dir.file("s.png") + " --route home " + args);
        CHECK(r.status == 2);
    }
}

TEST_CASE("a site base_url is http(s), a host, printable ASCII, no query, at most 160 bytes, and gains a missing final /",
          "[config][site][hostile]") {
    TempDir dir;
    struct Case { std::string url, why; };
    const std::string long_host = "https://" + std::string(150, 'a') + ".cn/";  // 161 bytes
    for (const Case& c : {Case{"ftp://gk.xuhui.gov.cn/", "must start with https:// or http://"},
                          Case{"gk.xuhui.gov.cn/", "must start with https:// or http://"},
                          Case{"https://", "has no host"},
                          Case{"https:///site/", "has no host"},
                          Case{"https://gk.xuhui.gov.cn/a b/", "must hold only printable ASCII (no spaces; percent-encode the path, xn-- for the host)"},
                          Case{"https://徐汇.gov.cn/", "must hold only printable ASCII (no spaces; percent-encode the path, xn-- for the host)"},
                          Case{"https://gk.xuhui.gov.cn/?from=kiosk", "must not hold a query (?) or a fragment (#)"},
                          Case{"https://gk.xuhui.gov.cn/#top", "must not hold a query (?) or a fragment (#)"},
                          Case{long_host, "must be at most 160 bytes"}}) {
        INFO(c.url);
        write_file(dir.file("c.toml"), "[site]\nbase_url = \"" + c.url + "\"\n");
        auto cfg = load_config(dir.file("c.toml"));
        REQUIRE_FALSE(cfg);
        CHECK(cfg.error().detail == dir.file("c.toml") + ":2:12: \"base_url\" " + c.why);
        // The kiosk starts all the same, without a QR code, and says why in its log.
        LogCatcher log;
        auto kiosk = load_config(dir.file("c.toml"), {});
        REQUIRE(kiosk);
        CHECK(kiosk->site_base_url.empty());
        CHECK(log.said("\"base_url\" " + c.why + "; the default is used"));
    }
    struct Good { const char* url; const char* stored; };
    for (const Good g : {Good{"https://gk.xuhui.gov.cn/", "https://gk.xuhui.gov.cn/"},
                         Good{"https://gk.xuhui.gov.cn", "https://gk.xuhui.gov.cn/"},
                         Good{"http://10.0.0.2:8080/gongkai", "http://10.0.0.2:8080/gongkai/"},
                         Good{"https://xn--2qq421a.gov.cn/%E5%85%AC%E5%BC%80/", "https://xn--2qq421a.gov.cn/%E5%85%AC%E5%BC%80/"}}) {
        INFO(g.url);
        write_file(dir.file("c.toml"), std::string("[site]\nbase_url = \"") + g.url + "\"\n");
        auto cfg = load_config(dir.file("c.toml"));
        REQUIRE(cfg);
        CHECK(cfg->site_base_url == g.stored);
    }
    write_file(dir.file("c.toml"), "[site]\nbase_url = \"\"\n");
    CHECK(load_config(dir.file("c.toml"))->site_base_url.empty());
    CHECK(load_config("")->site_base_url.empty());
    // gongkai-sync does not read [site]: a wrong base_url is a warning there, not a stop.
    write_file(dir.file("c.toml"), "[cache]\npath = \"" + dir.file("cache.db") + "\"\n[site]\nbase_url = 7\n");
    LogCatcher log;
    auto daemon = load_config(dir.file("c.toml"), {"cache", "sync", "report"});
    REQUIRE(daemon);
    CHECK(log.said("\"base_url\" must be a string; the default is used"));
}

TEST_CASE("the hall's hours: weekly spans, holidays and worked days are read in district time, and a wrong entry is named and keeps the hall always open", "[config][board]") {
    TempDir dir;
    write_file(dir.file("c.toml"), "[display]\nmode = \"board\"\n[hall]\nid = \"xujiahui\"\n"
                                   "opening_hours = [\"mon-fri 08:30-11:30,13:00-17:00\", \"sat 09:00-12:00\"]\n"
                                   "closed_dates = [\"2027-01-01\", \"2027-02-16..2027-02-22\"]\nopen_dates = [\"2027-02-14 08:30-17:00\"]\n"
                                   "[board]\nmin_dwell_s = 5\nmax_dwell_s = 30\n[sync]\nfull_check_every = 4\n");
    auto cfg = load_config(dir.file("c.toml"));
    REQUIRE(cfg);
    CHECK(cfg->mode == DeviceMode::Board);
    CHECK(cfg->hall_id == "xujiahui");
    CHECK(cfg->board_min_dwell_s == 5);
    CHECK(cfg->board_max_dwell_s == 30);
    CHECK(cfg->full_check_every == 4);
    const HallSchedule& h = cfg->hall_schedule;
    // 2027-02-15 is a Monday: open 08:30–11:30 and 13:00–17:00 (district time, UTC+8).
    CHECK_FALSE(h.open_at(district_moment(2027, 2, 15, 8, 29)));
    CHECK(h.open_at(district_moment(2027, 2, 15, 8, 30)));
    CHECK_FALSE(h.open_at(district_moment(2027, 2, 15, 12, 0)));
    CHECK(h.open_at(district_moment(2027, 2, 15, 16, 59)));
    CHECK_FALSE(h.open_at(district_moment(2027, 2, 15, 17, 0)));
    CHECK(h.next_change(district_moment(2027, 2, 15, 12, 0)) == district_moment(2027, 2, 15, 13, 0));
    // The Spring Festival week is closed; the Sunday before it is worked.
    CHECK_FALSE(h.open_at(district_moment(2027, 2, 17, 10, 0)));
    CHECK(h.open_at(district_moment(2027, 2, 14, 10, 0)));
    CHECK_FALSE(h.open_at(district_moment(2027, 2, 21, 10, 0)));  // a Sunday in the holiday
    CHECK(h.next_change(district_moment(2027, 2, 16, 10, 0)) == district_moment(2027, 2, 23, 8, 30));
    // The same moments whatever the process's time zone.
    setenv("TZ", "America/New_York", 1);
    tzset();
    CHECK(h.open_at(district_moment(2027, 2, 15, 8, 30)));
    CHECK(district_time(district_moment(2027, 2, 15, 8, 30)).weekday == 0);
    unsetenv("TZ");
    tzset();

    for (const auto& [entry, why] : std::vector<std::pair<std::string, std::string>>{
             {"opening_hours = [\"mon-fri 17:00-08:30\"]", "closes before it opens"},
             {"opening_hours = [\"weekdays 08:30-17:00\"]", "is not a day or range of days"},
             {"opening_hours = [\"mon 08:30-17:00\", \"mon-fri 09:00-12:00\"]", "names a day twice"},
             {"opening_hours = [\"mon 08:30-12:00,11:00-17:00\"]", "overlapping"},
             {"closed_dates = [\"2027-02-30\"]", "is not a date"},
             {"open_dates = [\"2027-02-14\"]", "needs a date and hours"},
             {"opening_hours = \"mon-fri 08:30-17:00\"", "must be a list of strings"},
             {"opening_hours = [\"mon 08:00-12:00,\"]", "empty span"},
             {"opening_hours = []", "leave the key out"},
             {"open_dates = [\"2027-02-14 09:00-12:00\", \"2027-02-14 13:00-17:00\"]", "names 2027-02-14 twice"}}) {
        INFO(entry);
        write_file(dir.file("bad.toml"), "[hall]\n" + entry + "\n");
        auto bad = load_config(dir.file("bad.toml"));
        REQUIRE_FALSE(bad);
        CHECK(bad.error().detail.starts_with(dir.file("bad.toml") + ":2:"));
        CHECK(bad.error().detail.find(why) != std::string::npos);
        LogCatcher log;
        auto kiosk = load_config(dir.file("bad.toml"), {});
        REQUIRE(kiosk);
        CHECK(kiosk->hall_schedule.always_open());
    }
    write_file(dir.file("bad.toml"), "[display]\nmode = \"wall\"\n");
    auto bad = load_config(dir.file("bad.toml"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().detail == dir.file("bad.toml") + ":2:8: mode must be \"kiosk\" or \"board\"");
}
