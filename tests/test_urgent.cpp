// Urgent and targeted notices from the office to the devices, through a real nginx with
// TLS and the real sync cycle into the cache a running kiosk (or board) reads: only the
// devices a notice targets show it; it interrupts within one poll; it goes at its end time
// without another sync (the device offline); a notice removed by a later catalogue goes
// with the next poll.
#include "kiosk_fixture.h"
#include "nginx_fixture.h"
#include "site_fixture.h"
#include "sync_cycle.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// 2026-12-01T10:00:00+08:00, a Tuesday (python: datetime(2026,12,1,10,tzinfo=+8).timestamp()).
constexpr std::time_t kTuesday10 = 1796090400;

Notice urgent(std::string id, std::string title, std::string until, std::vector<std::string> groups = {},
              std::vector<std::string> halls = {}) {
    Notice n;
    n.id = std::move(id);
    n.title = std::move(title);
    n.body = "请注意：" + n.title + "。";
    n.valid_until = std::move(until);
    n.urgent = true;
    n.category = DisclosureCategory::Service;
    n.groups = std::move(groups);
    n.halls = std::move(halls);
    return n;
}

Catalogue catalogue(std::int64_t version, std::vector<Notice> notices) {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = version;
    cat->created = "2026-11-30T00:00:00Z";
    // Only the test's: the demo's notices and interpretations would join the board's rotation.
    cat->notices = std::move(notices);
    cat->interpretations.clear();
    return *cat;
}

// The device: its hall and groups, and the site it syncs from.
void east_hall(Config& cfg) {
    cfg.hall_id = "xujiahui";
    cfg.hall_name = "徐家汇街道社区事务受理服务中心";
    cfg.hall_groups = {"东片", "街道中心"};
}

// One sync cycle into the kiosk's cache, as gongkai-sync runs it, then the kiosk's next poll.
void sync_device(Kiosk& k, const Nginx& nginx, const minisign::SecretKey& key) {
    Config cfg;
    cfg.cache_path = k.dir.file("cache.db");
    cfg.sync_url = nginx.url("site/");
    cfg.ca_file = TestPki::get().ca;
    cfg.trusted_keys = {minisign::public_key_string(key.public_key())};
    auto cache = Cache::open(cfg.cache_path, CacheMode::ReadWrite);
    REQUIRE(cache);
    // The catalogue's signed expiry is checked against the system clock: published for a year.
    auto r = sync_once(cfg, **cache);
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r);
    k.app->poll_catalogue_now();
    k.app->settle();
}

bool shows(Kiosk& k, const std::string& text) {
    for (const FrameRecord::Text& t : k.app->frame().texts)
        if (t.text.find(text) != std::string::npos) return true;
    return false;
}

std::vector<std::string> ids(const std::vector<const Notice*>& notices) {
    std::vector<std::string> out;
    for (const Notice* n : notices) out.push_back(n->id);
    return out;
}

}  // namespace

TEST_CASE("an urgent notice reaches only the devices it targets, interrupts home and every screen, and goes at its end time while the device is offline", "[urgent][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    Kiosk k(1080, 1920, east_hall, kTuesday10);
    Site::publish(nginx.site_dir("site"), catalogue(100, {
        urgent("east-water", "东片今天中午停水", "2026-12-01T12:00", {"东片"}),
        urgent("west-road", "西片道路施工", "2026-12-31", {"西片"}),
        urgent("other-hall", "另一个中心的电梯检修", "2026-12-31", {}, {"longhua"}),
    }), key, std::time(nullptr) + 365 * 86400);
    sync_device(k, nginx, key);
    REQUIRE(k.app->index().info.version == 100);

    // Only the notice for this device's group is on it at all.
    CHECK(ids(k.app->urgent_notices()) == std::vector<std::string>{"east-water"});
    for (const Notice& n : k.app->index().notices) {
        CHECK(n.id != "west-road");
        CHECK(n.id != "other-hall");
    }
    // Home is its full page; 知道了 puts it away for this resident.
    REQUIRE(k.app->route().is("home"));
    CHECK(shows(k, "东片今天中午停水"));
    CHECK(k.app->frame().find_target("urgent-dismiss"));
    CHECK_FALSE(shows(k, "西片道路施工"));
    screenshot_if_asked(k, "urgent-home");
    k.tap("urgent-dismiss");
    CHECK_FALSE(k.app->frame().find_target("urgent-dismiss"));
    // Every other screen carries the banner; it opens the notice.
    k.app->navigate(Route::domain("social-assistance"));
    k.app->settle();
    REQUIRE(k.app->frame().find_target("urgent-banner"));
    CHECK(shows(k, "东片今天中午停水"));
    screenshot_if_asked(k, "urgent-banner");
    k.tap("urgent-banner");
    CHECK(k.app->route() == Route::notice("east-water"));

    // The device goes offline; at 12:00 the notice ends by itself, without a sync.
    nginx.stop(SIGKILL);
    k.app->navigate(Route::domain("health"));
    k.app->set_wall_clock(static_cast<std::int64_t>(kTuesday10 + 2 * 3600 - 60) * 1000);
    k.app->settle();
    CHECK(k.app->frame().find_target("urgent-banner"));
    k.app->set_wall_clock(static_cast<std::int64_t>(kTuesday10 + 2 * 3600) * 1000);
    k.app->settle();
    CHECK(k.app->urgent_notices().empty());
    CHECK_FALSE(k.app->frame().find_target("urgent-banner"));
    CHECK_FALSE(shows(k, "东片今天中午停水"));
}

TEST_CASE("a notice removed by a later catalogue is gone after the next poll, and one targeted at this hall by name or id shows", "[urgent][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    Kiosk k(1080, 1920, east_hall, kTuesday10);
    Notice by_id = urgent("by-id", "本中心下午暂停办理居住证", "2026-12-02", {}, {"xujiahui"});
    Notice by_name = urgent("by-name", "本中心自助机维护", "2026-12-02", {}, {"徐家汇街道社区事务受理服务中心"});
    by_name.urgent = false;
    Site::publish(nginx.site_dir("site"), catalogue(100, {by_id, by_name}), key, std::time(nullptr) + 365 * 86400);
    sync_device(k, nginx, key);
    CHECK(ids(k.app->urgent_notices()) == std::vector<std::string>{"by-id"});
    CHECK(shows(k, "本中心下午暂停办理居住证"));
    bool by_name_listed = false;
    for (const Notice& n : k.app->index().notices) by_name_listed |= n.id == "by-name";
    CHECK(by_name_listed);

    // The office withdraws the urgent one: the next poll installs it, the kiosk shows home.
    Site::publish(nginx.site_dir("site"), catalogue(101, {by_name}), key, std::time(nullptr) + 365 * 86400);
    sync_device(k, nginx, key);
    REQUIRE(k.app->index().info.version == 101);
    CHECK(k.app->urgent_notices().empty());
    CHECK_FALSE(shows(k, "本中心下午暂停办理居住证"));
    CHECK_FALSE(k.app->frame().find_target("urgent-dismiss"));
}

TEST_CASE("on a board an urgent notice is shown first, at once, and comes round again after every urgent_every slides", "[urgent][board][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    Kiosk k(1920, 1080, [](Config& cfg) {
        east_hall(cfg);
        cfg.mode = DeviceMode::Board;
        cfg.board_urgent_every = 2;
    }, kTuesday10);
    std::vector<Notice> regular;
    for (int i = 1; i <= 4; i++) {
        Notice n;
        n.id = "r" + std::to_string(i);
        n.title = "常规公告" + std::to_string(i);
        n.body = "内容。";
        regular.push_back(n);
    }
    Site::publish(nginx.site_dir("site"), catalogue(100, regular), key, std::time(nullptr) + 365 * 86400);
    sync_device(k, nginx, key);
    k.app->set_wall_clock(static_cast<std::int64_t>(kTuesday10 + 30) * 1000);
    k.app->settle();
    REQUIRE(k.app->board().has_slide);
    CHECK_FALSE(k.app->board().slide.urgent);

    std::vector<Notice> with_urgent = regular;
    with_urgent.push_back(urgent("east-water", "东片今天中午停水", "2026-12-01T12:00", {"东片"}));
    Site::publish(nginx.site_dir("site"), catalogue(101, with_urgent), key, std::time(nullptr) + 365 * 86400);
    sync_device(k, nginx, key);
    // At once, mid-page: the board does not wait for the page's dwell to end.
    CHECK(k.app->board().slide.id == "east-water");
    CHECK(shows(k, "东片今天中午停水"));
    CHECK(shows(k, "紧急通知"));
    screenshot_if_asked(k, "board-urgent");
    // Then two regular slides, the urgent one again, two more, and so on.
    std::vector<std::string> sequence;
    for (std::time_t t = kTuesday10 + 31; t < kTuesday10 + 31 + 60 * 8; t++) {
        k.app->set_wall_clock(static_cast<std::int64_t>(t) * 1000);
        k.app->settle();
        const std::string id = k.app->board().slide.id;
        if (sequence.empty() || sequence.back() != id) sequence.push_back(id);
    }
    REQUIRE(sequence.size() >= 7);
    for (size_t i = 0; i < sequence.size(); i++) {
        INFO("slide " << i << " of the sequence");
        CHECK((sequence[i] == "east-water") == (i % 3 == 0));
    }
    // At 12:00 it has ended: the board rotates the regular notices only.
    k.app->set_wall_clock(static_cast<std::int64_t>(kTuesday10 + 2 * 3600) * 1000);
    k.app->settle();
    CHECK_FALSE(k.app->board().slide.urgent);
    CHECK(k.app->board().count == 4);
}
