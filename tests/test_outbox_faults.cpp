// The way back to the office against a real nginx inbox (issue 10 §2): TLS with client
// certificates, WebDAV PUT, and every fault the issue names — the server down for a
// month, kill -9 of the daemon mid-upload and of the kiosk's writer mid-write, a
// truncated response, 401/403/413/500, a wrong client certificate, a full disk. Across
// all of them: every record reaches the inbox, and none twice under different names
// that the office could not tell apart (it ingests by record id).
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "batch.h"
#include "cache.h"
#include "heartbeat.h"
#include "nginx_fixture.h"
#include "outbox.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// A device enrolled with the office: its signing key and a client certificate whose CN
// is its id, signed by the office's CA.
struct Device {
    TempDir dir;
    DeviceKey key;
    std::string config;
    explicit Device(const std::string& report_url, const std::string& extra = "", const std::string& cache_dir = "") {
        auto k = load_or_create_device_key(dir.file("device.key"));
        REQUIRE(k);
        key = *k;
        auto cert = TestPki::get().client(key.id);
        config = write_config(report_url, cert.cert, cert.key, extra, cache_dir);
    }
    std::string cache_path(const std::string& cache_dir = "") const { return (cache_dir.empty() ? dir.path.string() : cache_dir) + "/cache.db"; }
    std::string write_config(const std::string& report_url, const std::string& cert, const std::string& key_file, const std::string& extra,
                             const std::string& cache_dir = "") const {
        std::string path = dir.file("gongkai.toml");
        write_file(path, "[cache]\npath = \"" + cache_path(cache_dir) + "\"\n[hall]\nname = \"徐汇区行政服务中心\"\ngroups = [\"东片\"]\n"
                         "[sync]\nca_file = \"" + TestPki::get().ca + "\"\n[report]\nurl = \"" + report_url + "\"\n" +
                         (cert.empty() ? "" : "client_cert = \"" + cert + "\"\nclient_key = \"" + key_file + "\"\n") +
                         "device_key = \"" + dir.file("device.key") + "\"\n" + extra);
        return path;
    }
    std::unique_ptr<Cache> open(const std::string& cache_dir = "") const {
        auto c = Cache::open(cache_path(cache_dir), CacheMode::ReadWrite);
        REQUIRE(c);
        return std::move(*c);
    }
};

Feedback rating(int n) {
    Feedback f;
    f.page_kind = "item";
    f.page_id = "item-" + std::to_string(n % 50);
    f.catalogue_version = 3;
    f.rating = n % 5 + 1;
    f.comment = n % 4 ? "" : "第" + std::to_string(n) + "条意见";
    f.time = 1795000000 + n;
    return f;
}

// Record ids queued, in one transaction (the test's setup, not the path under test).
std::set<std::string> queue_ratings(Cache& cache, int n) {
    std::set<std::string> ids;
    REQUIRE(sqlite3_exec(cache.handle(), "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK);
    for (int i = 0; i < n; i++) {
        auto id = add_feedback(cache, rating(i), 64u << 20);
        REQUIRE(id);
        ids.insert(*id);
    }
    REQUIRE(sqlite3_exec(cache.handle(), "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
    return ids;
}

// What the office's inbox holds for `device`: how many times each record id arrived,
// over all batch files (a file overwritten by a repeated PUT counts once). Every file
// must open with the device's key.
std::map<std::string, int> arrived(const Nginx& nginx, const Device& device) {
    std::map<std::string, int> seen;
    std::filesystem::path dir = nginx.inbox + "/batches/" + device.key.id;
    if (!std::filesystem::exists(dir)) return seen;
    auto lookup = [&](const std::string& id) -> std::optional<std::array<unsigned char, 32>> {
        if (id == device.key.id) return device.key.public_key;
        return std::nullopt;
    };
    for (auto& f : std::filesystem::directory_iterator(dir)) {
        auto batch = open_batch(slurp(f.path()), lookup);
        INFO(f.path());
        REQUIRE(batch);
        for (auto& r : batch->records) seen[r.id]++;
    }
    return seen;
}

std::int64_t outbox_records(const Device& device, const std::string& cache_dir = "") {
    auto cache = device.open(cache_dir);
    auto stats = outbox_stats(*cache);
    REQUIRE(stats);
    return stats->records;
}

// Every queued id arrived; returns how many arrived in more than one batch file (the
// office's ingest by record id makes those one).
int check_all_arrived(const std::set<std::string>& queued, const std::map<std::string, int>& seen) {
    int missing = 0, repeated = 0;
    for (auto& id : queued) {
        auto it = seen.find(id);
        if (it == seen.end()) missing++;
        else if (it->second > 1) repeated++;
    }
    CHECK(missing == 0);
    return repeated;
}

// The office's half: `gongkai-publish collect` of the inbox into a fresh office.db, then
// the rows it holds per kind. Run last in a test: collect moves the batch files aside.
struct OfficeCounts {
    std::int64_t feedback = 0, heartbeats = 0, misses_days = 0, rejected = 0;
};
OfficeCounts collect_into_office(const Nginx& nginx, const Device& device) {
    TempDir office;
    write_file(office.file("devices.toml"), "[[device]]\nid = \"" + device.key.id + "\"\npublic_key = \"" +
                                                device.key.public_key_base64() + "\"\nname = \"test device\"\n");
    Run r = publish("collect --inbox " + nginx.inbox + " --db " + office.file("office.db") + " --devices " + office.file("devices.toml") + " --json");
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    auto summary = nlohmann::json::parse(r.out);
    CHECK(summary["batches_rejected"].empty());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(office.file("office.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto count = [&](const char* sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        std::int64_t n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return n;
    };
    OfficeCounts c{count("SELECT count(*) FROM feedback"), count("SELECT count(*) FROM heartbeats"),
                   count("SELECT count(*) FROM misses_days"), count("SELECT count(*) FROM rejected_records")};
    sqlite3_close(db);
    return c;
}

}  // namespace

TEST_CASE("ratings reach the office's inbox in signed batches over TLS with the device's client certificate", "[outbox][nginx]") {
    Nginx nginx;
    Device device(nginx.inbox_url("inbox/"), "batch_max_records = 10\n");
    std::set<std::string> ids;
    {
        auto cache = device.open();
        ids = queue_ratings(*cache, 25);
    }
    Run r = sync_cli("--config " + device.config + " upload");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out == "uploaded 25 records in 3 batches\n");
    auto seen = arrived(nginx, device);
    CHECK(seen.size() == 25);
    CHECK(check_all_arrived(ids, seen) == 0);
    CHECK(outbox_records(device) == 0);

    SECTION("outbox --json then says the outbox is empty and when it last uploaded") {
        Run o = sync_cli("--config " + device.config + " outbox --json");
        REQUIRE(o.status == 0);
        auto j = nlohmann::json::parse(o.out);
        CHECK(j["records"] == 0);
        CHECK(j["by_kind"]["feedback"] == 0);
        CHECK(j["oldest_age_s"].is_null());
    }
}

TEST_CASE("outbox --json prints the depth by kind and the oldest record's age", "[outbox][cli]") {
    Device device("https://127.0.0.1:9/inbox/");
    {
        auto cache = device.open();
        queue_ratings(*cache, 3);
        REQUIRE(add_heartbeat(*cache, R"({"format":"gongkai-heartbeat"})", std::time(nullptr) - 3600, 64u << 20));
        REQUIRE_FALSE(cache->record_search_miss("2000-01-01", "养老", 0));
        REQUIRE(queue_search_misses(*cache, "2000-01-02", 64u << 20));
    }
    Run o = sync_cli("--config " + device.config + " outbox --json");
    INFO(o.err);
    REQUIRE(o.status == 0);
    auto j = nlohmann::json::parse(o.out);
    CHECK(j["records"] == 5);
    CHECK(j["by_kind"] == nlohmann::json::parse(R"({"feedback":3,"misses":1,"heartbeat":1})"));
    CHECK(j["oldest"] == format_rfc3339_utc(1795000000));
    CHECK(j["oldest_age_s"].get<std::int64_t>() >= std::time(nullptr) - 1795000000 - 5);
    CHECK(j["full"] == false);
    CHECK(j["max_bytes"] == 64 << 20);
}

TEST_CASE("a heartbeat cycle queues this device's state and uploads it with the ratings", "[outbox][nginx][heartbeat]") {
    Nginx nginx;
    Device device(nginx.inbox_url("inbox/"), "heartbeat_s = 600\n");
    {
        auto cache = device.open();
        queue_ratings(*cache, 2);
        REQUIRE_FALSE(cache->set_state(kStateKioskAlive, utc_now_rfc3339()));
    }
    Run r = sync_cli("--config " + device.config + " heartbeat");
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto seen = arrived(nginx, device);
    CHECK(seen.size() == 3);
    nlohmann::json beat;
    for (auto& f : std::filesystem::directory_iterator(nginx.inbox + "/batches/" + device.key.id)) {
        auto batch = open_batch(slurp(f.path()), [&](const std::string&) { return std::optional(device.key.public_key); });
        REQUIRE(batch);
        for (auto& rec : batch->records)
            if (rec.kind == OutboxKind::Heartbeat) beat = rec.body;
    }
    REQUIRE(beat.is_object());
    CHECK(beat["format_version"] == 2);
    CHECK(beat["hall"] == "徐汇区行政服务中心");
    CHECK(beat["groups"] == nlohmann::json::array({"东片"}));
    CHECK(beat["heartbeat_s"] == 600);
    CHECK(beat["kiosk_alive"] == true);
    CHECK(beat["outbox"]["feedback"] == 2);  // what waited when the heartbeat was written
    CHECK(beat["free_disk_bytes"].get<std::uint64_t>() > 0);
    CHECK(beat["uptime_s"].get<std::int64_t>() > 0);
    CHECK(beat["software_version"] == GONGKAI_VERSION);
    // The office accepts the device's own heartbeat as it is.
    auto office = collect_into_office(nginx, device);
    CHECK(office.heartbeats == 1);
    CHECK(office.feedback == 2);
    CHECK(office.rejected == 0);
}

TEST_CASE("every refusal by the inbox is a named error and keeps every record for the next attempt", "[outbox][nginx][faults]") {
    Nginx nginx;
    struct Fault { const char* what; std::string path; int cert; const char* error; };
    enum { OwnCert, NoCert, OtherCaCert, OtherDeviceCert };
    const std::vector<Fault> faults = {
        {"401", "inbox401/", OwnCert, "NetUnauthorized"},
        {"403", "inbox403/", OwnCert, "NetUnauthorized"},
        {"500", "inbox500/", OwnCert, "NetHttpStatus"},
        {"413 for a single record", "inbox413/", OwnCert, "NetPayloadTooLarge"},
        {"no client certificate", "inbox/", NoCert, "NetUnauthorized"},
        {"a certificate from another CA", "inbox/", OtherCaCert, "NetUnauthorized"},
        {"another device's certificate", "inbox/", OtherDeviceCert, "NetUnauthorized"},
    };
    Device device(nginx.inbox_url("inbox/"));
    std::set<std::string> ids;
    {
        auto cache = device.open();
        // The oldest rating has a comment that alone is larger than inbox413's 1 KiB limit.
        Feedback big = rating(1);
        big.comment = std::string(200, '"');  // each " is 4 bytes once escaped twice: ~1.1 KiB
        auto id = add_feedback(*cache, big, 64u << 20);
        REQUIRE(id);
        ids = queue_ratings(*cache, 1);
        ids.insert(*id);
    }
    for (const Fault& f : faults) {
        INFO(f.what);
        std::string cert, key;
        if (f.cert == OwnCert) std::tie(cert, key) = std::pair{TestPki::get().client(device.key.id).cert, TestPki::get().client(device.key.id).key};
        if (f.cert == OtherCaCert) std::tie(cert, key) = std::pair{TestPki::get().client(device.key.id, true).cert, TestPki::get().client(device.key.id, true).key};
        if (f.cert == OtherDeviceCert) std::tie(cert, key) = std::pair{TestPki::get().client(std::string(32, 'e')).cert, TestPki::get().client(std::string(32, 'e')).key};
        device.write_config(nginx.inbox_url(f.path), cert, key, "");
        Run r = sync_cli("--config " + device.config + " upload");
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(r.err.find(f.error) != std::string::npos);
        CHECK(outbox_records(device) == 2);
    }
    // Nothing reached the inbox while it refused; then the right certificate delivers it all.
    CHECK(arrived(nginx, device).empty());
    auto own = TestPki::get().client(device.key.id);
    device.write_config(nginx.inbox_url("inbox/"), own.cert, own.key, "");
    Run ok = sync_cli("--config " + device.config + " upload");
    INFO(ok.err);
    REQUIRE(ok.status == 0);
    check_all_arrived(ids, arrived(nginx, device));
    CHECK(outbox_records(device) == 0);
}

TEST_CASE("a batch the inbox refuses as too large is split until it fits", "[outbox][nginx][faults]") {
    Nginx nginx;
    Device device(nginx.inbox_url("inbox413/"));
    std::set<std::string> ids;
    {
        auto cache = device.open();
        ids = queue_ratings(*cache, 8);  // ~1.5 KiB together, ~200 bytes each
    }
    Run r = sync_cli("--config " + device.config + " upload");
    INFO(r.err);
    REQUIRE(r.status == 0);
    // Everything arrived (under inbox413/, which stores like inbox/).
    std::map<std::string, int> seen;
    for (auto& f : std::filesystem::directory_iterator(nginx.dir.file("inbox413/batches/" + device.key.id))) {
        auto batch = open_batch(slurp(f.path()), [&](const std::string&) { return std::optional(device.key.public_key); });
        REQUIRE(batch);
        for (auto& rec : batch->records) seen[rec.id]++;
    }
    check_all_arrived(ids, seen);
}

TEST_CASE("a response cut off mid-body leaves the records queued, and the next upload delivers them once", "[outbox][nginx][faults]") {
    // A server behind the inbox that stores the batch, then answers 201 with a body it cuts
    // short: the device cannot know the office has it, so it keeps it.
    TempDir stored;
    std::atomic<int> answered{0};
    auto server = std::make_unique<RawServer>([&](int fd, const std::string& request) {
        write_file(stored.file("batch-" + std::to_string(answered) + ".json"), request.substr(request.find("\r\n\r\n") + 4));
        const char reply[] = "HTTP/1.1 201 Created\r\nContent-Length: 100\r\nConnection: close\r\n\r\nstored";
        send(fd, reply, sizeof reply - 1, MSG_NOSIGNAL);
        answered++;
    });
    Nginx nginx;
    nginx.stop(SIGTERM);
    nginx.truncating_port = server->port;
    nginx.start();
    Device device(nginx.inbox_url("truncated/"));
    std::set<std::string> ids;
    {
        auto cache = device.open();
        ids = queue_ratings(*cache, 5);
    }
    Run r = sync_cli("--config " + device.config + " upload");
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(r.err.find("NetTruncated") != std::string::npos);
    CHECK(answered >= 1);
    CHECK(outbox_records(device) == 5);
    server.reset();
    // The office got the batch; the device sends it again to the real inbox under the same name.
    auto own = TestPki::get().client(device.key.id);
    device.write_config(nginx.inbox_url("inbox/"), own.cert, own.key, "");
    REQUIRE(sync_cli("--config " + device.config + " upload").status == 0);
    check_all_arrived(ids, arrived(nginx, device));
    // The same five records sealed to the same bytes: what the cut-off server stored is
    // exactly the file the inbox holds now.
    std::vector<std::filesystem::path> files;
    for (auto& f : std::filesystem::directory_iterator(nginx.inbox + "/batches/" + device.key.id)) files.push_back(f.path());
    REQUIRE(files.size() == 1);
    CHECK(slurp(files[0]) == slurp(stored.file("batch-0.json")));
}

TEST_CASE("the inbox down for a month: the outbox holds to outbox_max_mib, refuses and counts past it, flags the heartbeat, "
          "then delivers everything it held",
          "[outbox][nginx][faults]") {
    Nginx nginx;
    Device device(nginx.inbox_url("inbox/"), "outbox_max_mib = 1\nheartbeat_s = 900\n");
    nginx.stop(SIGKILL);
    // The daemon's cycle with the server down: a named connection error, the heartbeat queued.
    Run down = sync_cli("--config " + device.config + " heartbeat");
    CHECK(down.status == 1);
    CHECK(down.err.find("NetConnect") != std::string::npos);
    CHECK(outbox_records(device) == 1);
    // Thirty days of a busy hall at one heartbeat per 15 minutes: written as the daemon
    // and the kiosk write them, with the clock of each moment.
    auto cfg = load_config(device.config);
    REQUIRE(cfg);
    const std::uint64_t limit = 1u << 20;
    std::set<std::string> kept;
    int refused = 0, full_errors = 0;
    {
        auto cache = device.open();
        const std::time_t start = 1795000000;
        REQUIRE(sqlite3_exec(cache->handle(), "PRAGMA synchronous=OFF", nullptr, nullptr, nullptr) == SQLITE_OK);  // setup speed only
        for (int day = 0; day < 30; day++)
            for (int beat = 0; beat < 96; beat++) {
                std::time_t now = start + day * 86400 + beat * 900;
                auto h = add_heartbeat(*cache, heartbeat_json(*cfg, *cache, now, start), now, limit);
                REQUIRE(h);
                for (int k = 0; k < 4; k++) {  // 384 ratings a day
                    Feedback f = rating(day * 1000 + beat * 4 + k);
                    f.comment = "这一页的材料清单说得不清楚，第" + std::to_string(k) + "项";
                    auto id = add_feedback(*cache, f, limit);
                    if (id) kept.insert(*id);
                    else {
                        refused++;
                        if (id.error().code == CatalogueError::OutboxFull) full_errors++;
                    }
                }
            }
        auto stats = outbox_stats(*cache);
        REQUIRE(stats);
        CHECK(stats->bytes <= static_cast<std::int64_t>(limit));
        CHECK(stats->refused == refused);
        CHECK(stats->feedback == static_cast<std::int64_t>(kept.size()));
        auto beat = nlohmann::json::parse(heartbeat_json(*cfg, *cache, start + 30 * 86400, start));
        CHECK(beat["outbox"]["full"] == true);
        CHECK(beat["outbox"]["refused"] == refused);
    }
    CHECK(refused > 0);
    CHECK(full_errors == refused);  // every refusal named OutboxFull, none silent
    nginx.start();
    Run up = sync_cli("--config " + device.config + " upload");
    INFO(up.err);
    REQUIRE(up.status == 0);
    auto seen = arrived(nginx, device);
    CHECK(check_all_arrived(kept, seen) == 0);
    CHECK(outbox_records(device) == 0);
    auto office = collect_into_office(nginx, device);
    CHECK(office.feedback == static_cast<std::int64_t>(kept.size()));
    CHECK(office.heartbeats + office.feedback == static_cast<std::int64_t>(seen.size()));
    CHECK(office.rejected == 0);
    WARN("a month offline at outbox_max_mib = 1: " << kept.size() << " ratings kept, " << refused << " refused and counted, "
         << seen.size() << " records delivered");
}

TEST_CASE("kill -9 of the daemon at 50 random points mid-upload: every record arrives, the cache stays sound",
          "[outbox][nginx][faults][kill]") {
    Nginx nginx;
    Device device(nginx.inbox_url("inbox/"), "batch_max_records = 5\n");
    std::set<std::string> ids;
    {
        auto cache = device.open();
        ids = queue_ratings(*cache, 6000);
    }
    // Kill points past the program's start-up (measured: a sanitizer build starts slower),
    // spread over the first 60 ms of uploading.
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(sync_cli("--config " + device.config + " outbox --json").status == 0);
    const int startup_us = static_cast<int>(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
    std::mt19937 rng(20261126);
    int mid_upload_kills = 0, runs = 0, after_progress = 0;
    // A loaded machine (the sanitizer build beside another job) starts uploading later: each kill
    // that lands before the first batch went moves the window 5 ms later (at most 0.5 s), so
    // enough kills land mid-upload, after some batches, wherever the machine's speed puts them.
    int later_us = 0;
    std::int64_t left = static_cast<std::int64_t>(ids.size());
    while ((mid_upload_kills < 50 || after_progress < 10) && runs < 400) {
        runs++;
        pid_t pid = spawn_sync({"--config", device.config, "upload"});
        std::this_thread::sleep_for(std::chrono::microseconds(startup_us / 2 + later_us + std::uniform_int_distribution<int>(0, 60000)(rng)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFSIGNALED(status)) break;  // it finished before the kill: the outbox is empty
        mid_upload_kills++;
        // Killed after it had delivered and removed some batches, not before its first PUT.
        std::int64_t now_left = outbox_records(device);
        after_progress += now_left < left;
        if (now_left == left) later_us = std::min(later_us + 5000, 500000);
        left = now_left;
    }
    CHECK(mid_upload_kills >= 50);
    CHECK(after_progress >= 10);
    Run last = sync_cli("--config " + device.config + " upload");
    INFO(last.err);
    REQUIRE(last.status == 0);
    auto seen = arrived(nginx, device);
    int repeated = check_all_arrived(ids, seen);
    CHECK(seen.size() == ids.size());
    CHECK(outbox_records(device) == 0);
    auto office = collect_into_office(nginx, device);
    CHECK(office.feedback == static_cast<std::int64_t>(ids.size()));  // 0 lost, 0 duplicated in office.db
    CHECK(office.rejected == 0);
    auto cache = device.open();
    CHECK_FALSE(cache->check_integrity());
    WARN(mid_upload_kills << " kills mid-upload (" << after_progress << " after some batches had gone): " << ids.size() << " records, all arrived; " << repeated
                          << " arrived in two batch files (the office ingests them once, by record id)");
}

TEST_CASE("kill -9 of the kiosk's writer at 50 random points: every rating it confirmed is in the outbox", "[outbox][faults][kill]") {
    Nginx nginx;
    Device device(nginx.inbox_url("inbox/"));
    { device.open(); }  // created and migrated before the writer starts
    std::mt19937 rng(11);
    std::set<std::string> confirmed;
    int kills = 0;
    for (; kills < 50; kills++) {
        int out[2];
        REQUIRE(pipe(out) == 0);
        pid_t pid = fork();
        if (pid == 0) {
            dup2(out[1], 1);
            close(out[0]);
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 2);
            execl(GONGKAI_OUTBOX_WRITER_BINARY, "gongkai-test-outbox-writer", device.cache_path().c_str(), (char*)nullptr);
            _exit(127);
        }
        close(out[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(5000, 80000)(rng)));
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        std::string printed;
        char buf[4096];
        ssize_t n;
        while ((n = read(out[0], buf, sizeof buf)) > 0) printed.append(buf, static_cast<size_t>(n));
        close(out[0]);
        for (size_t at = 0; at + 33 <= printed.size(); at += 33) confirmed.insert(printed.substr(at, 32));
    }
    REQUIRE(confirmed.size() > 50);
    auto cache = device.open();
    CHECK_FALSE(cache->check_integrity());
    std::set<std::string> in_outbox;
    auto rows = outbox_oldest(*cache, 1000000, SIZE_MAX);
    REQUIRE(rows);
    for (auto& r : *rows) in_outbox.insert(r.id);
    int lost = 0;
    for (auto& id : confirmed) lost += !in_outbox.count(id);
    CHECK(lost == 0);
    cache.reset();
    REQUIRE(sync_cli("--config " + device.config + " upload").status == 0);
    auto seen = arrived(nginx, device);
    check_all_arrived(confirmed, seen);
    CHECK(seen.size() == in_outbox.size());
    CHECK(collect_into_office(nginx, device).feedback == static_cast<std::int64_t>(in_outbox.size()));
    WARN(kills << " kills of the writer: " << confirmed.size() << " ratings confirmed, 0 lost, " << in_outbox.size() << " in the outbox");
}

TEST_CASE("a full disk: the upload that cannot record its success sends the same batch again later, and nothing is lost",
          "[outbox][nginx][faults][disk]") {
    TempDir mount_point;
    if (mount("gongkai-test", mount_point.path.c_str(), "tmpfs", 0, "size=2m") != 0) {
        WARN("cannot mount a small tmpfs here (needs root): the full-disk test is skipped");
        return;
    }
    struct Unmount {
        std::string at;
        ~Unmount() { umount2(at.c_str(), MNT_DETACH); }
    } unmount{mount_point.path.string()};
    Nginx nginx;
    Device device(nginx.inbox_url("inbox/"), "batch_max_records = 500\n", mount_point.path.string());
    std::set<std::string> ids;
    {
        auto cache = device.open(mount_point.path.string());
        ids = queue_ratings(*cache, 300);
        REQUIRE(sqlite3_exec(cache->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    // Fill the disk, leaving `spare` bytes.
    auto fill = [&](std::uintmax_t spare) {
        std::string filler = mount_point.file("filler");
        FILE* f = std::fopen(filler.c_str(), "wb");
        REQUIRE(f);
        std::string block(4096, 'x');
        while (std::fwrite(block.data(), 1, block.size(), f) == block.size() && std::fflush(f) == 0) {}
        std::fclose(f);
        std::filesystem::resize_file(filler, std::filesystem::file_size(filler) > spare ? std::filesystem::file_size(filler) - spare : 0);
    };
    SECTION("a rating written while the disk is full is refused with CacheFull, nothing half-written") {
        auto cache = device.open(mount_point.path.string());  // the kiosk's connection, open before the disk filled
        fill(0);
        auto r = add_feedback(*cache, rating(1), 64u << 20);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == CatalogueError::CacheFull);
        CHECK_FALSE(cache->check_integrity());
        auto stats = outbox_stats(*cache);
        REQUIRE(stats);
        CHECK(stats->records == static_cast<std::int64_t>(ids.size()));
    }
    SECTION("the upload's removal fails; after space is freed the same batch goes again") {
        // Room to open the cache (its 32 KiB -shm) but not to log the removal of 300 records.
        fill(40 * 1024);
        Run full = sync_cli("--config " + device.config + " upload");
        INFO(full.err);
        CHECK(full.status == 1);
        CHECK(full.err.find("CacheFull") != std::string::npos);
        CHECK(arrived(nginx, device).size() == ids.size());  // the office has them
        std::filesystem::remove(mount_point.file("filler"));
        CHECK(outbox_records(device, mount_point.path.string()) == static_cast<std::int64_t>(ids.size()));
        Run again = sync_cli("--config " + device.config + " upload");
        INFO(again.err);
        REQUIRE(again.status == 0);
        auto seen = arrived(nginx, device);
        // The same records sealed to the same name: the repeated PUT overwrote one file.
        CHECK(check_all_arrived(ids, seen) == 0);
        CHECK(outbox_records(device, mount_point.path.string()) == 0);
        CHECK(collect_into_office(nginx, device).feedback == static_cast<std::int64_t>(ids.size()));
    }
}
