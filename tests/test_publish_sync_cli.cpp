// gongkai-publish and gongkai-sync as the central office and a device run them: real
// binaries, a real nginx with TLS, the real minisign CLI, and a running kiosk.
#include <sys/wait.h>

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <iconv.h>
#include <nlohmann/json.hpp>

#include "kiosk_fixture.h"
#include "nginx_fixture.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("gongkai-publish validate --json reports items per domain and no errors for the demo source", "[publish]") {
    Run r = publish("validate --source " + assets_dir().string() + " --json");
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["items"] == 128);
    CHECK(j["domains"]["社会救助"] == 17);
    CHECK(j["domains"].size() == 7);
    CHECK(j["errors"].empty());
}

TEST_CASE("gongkai-publish validate accepts a GB18030 export and names every problem of broken tables", "[publish]") {
    TempDir dir;
    std::string src = copy_source(dir);
    std::string table = src + "/directory/社会救助.csv";
    std::string utf8 = slurp(table).substr(3);  // drop the BOM
    SECTION("GB18030 with CRLF, as Excel saves it") {
        write_file(table, to_gb18030(utf8));
        Run r = publish("validate --source " + src + " --json");
        CHECK(r.status == 0);
        CHECK(nlohmann::json::parse(r.out)["domains"]["社会救助"] == 17);
    }
    SECTION("a missing column, a bad tick, undecodable bytes") {
        std::string missing = utf8;
        missing.replace(missing.find(",公开依据,"), std::string(",公开依据,").size(), ",依据,");
        write_file(table, missing);
        std::string pension = slurp(src + "/directory/养老服务.csv");
        size_t tick = pension.rfind("√");
        pension.replace(tick, std::string("√").size(), "有");
        write_file(src + "/directory/养老服务.csv", pension);
        write_file(src + "/directory/医疗卫生.csv", "\xEF\xBB\xBF" + std::string("\xff\xfe\xfd garbage"));
        Run r = publish("validate --source " + src + " --json");
        CHECK(r.status == 1);
        auto errors = nlohmann::json::parse(r.out)["errors"];
        std::vector<std::string> seen;
        for (auto& e : errors) seen.push_back(e["file"].get<std::string>() + ":" + std::to_string(e["line"].get<int>()) + ":" +
                                              std::to_string(e["column"].get<int>()) + ": " + e["message"].get<std::string>());
        INFO(nlohmann::json(seen).dump(1));
        auto has = [&](const std::string& prefix, const std::string& fragment) {
            for (auto& s : seen)
                if (s.starts_with(prefix) && s.find(fragment) != std::string::npos) return true;
            return false;
        };
        CHECK(has("directory/社会救助.csv:3:0: ", "缺少列“公开依据”"));
        CHECK(has("directory/养老服务.csv:", "只能填 √ 或留空，这里是“有”"));
        CHECK(has("directory/医疗卫生.csv:1:1: ", "SourceEncoding"));  // the first byte after the BOM
    }
}

TEST_CASE("gongkai-publish build writes a site minisign verifies, and a broken source publishes nothing", "[publish][interop]") {
    TempDir dir;
    REQUIRE(publish("keygen --secret-key " + dir.file("sk") + " --public-key " + dir.file("pk.pub")).status == 0);
    CHECK(publish("keygen --secret-key " + dir.file("sk") + " --public-key " + dir.file("pk.pub")).status == 1);  // no overwrite
    Run b = publish("build --source " + assets_dir().string() + " --secret-key " + dir.file("sk") + " --out " + dir.file("site"));
    REQUIRE(b.status == 0);
    CHECK(shell("minisign -V -p " + dir.file("pk.pub") + " -m " + dir.file("site/manifest.json")) == 0);
    auto first = nlohmann::json::parse(slurp(dir.file("site/manifest.json")));
    std::string bundle = dir.file("site/" + first["bundle"]["path"].get<std::string>());
    CHECK(std::filesystem::file_size(bundle) == first["bundle"]["size"].get<size_t>());

    REQUIRE(publish("build --source " + assets_dir().string() + " --secret-key " + dir.file("sk") + " --out " + dir.file("site")).status == 0);
    auto second = nlohmann::json::parse(slurp(dir.file("site/manifest.json")));
    CHECK(second["version"].get<long long>() > first["version"].get<long long>());

    std::string src = copy_source(dir);
    write_file(src + "/directory/社会救助.csv", "not a table");
    Run broken = publish("build --source " + src + " --secret-key " + dir.file("sk") + " --out " + dir.file("site"));
    CHECK(broken.status == 1);
    CHECK(broken.err.find("nothing was published") != std::string::npos);
    CHECK(nlohmann::json::parse(slurp(dir.file("site/manifest.json")))["version"] == second["version"]);
}

TEST_CASE("publish, serve with nginx, sync: a running kiosk shows the new catalogue within 2 s", "[publish][sync][nginx][ui]") {
    Nginx nginx;
    Kiosk k;  // already running on the demo catalogue in k.dir/cache.db
    TempDir office;
    REQUIRE(publish("keygen --secret-key " + office.file("sk") + " --public-key " + office.file("pk.pub")).status == 0);
    REQUIRE(publish("build --source " + assets_dir().string() + " --secret-key " + office.file("sk") + " --out " +
                    nginx.site_dir("site")).status == 0);
    std::string pk = public_key_line(slurp(office.file("pk.pub")));
    write_file(k.dir.file("gongkai.toml"), "[cache]\npath = \"" + k.dir.file("cache.db") + "\"\n[sync]\nurl = \"" +
                                                nginx.url("site/") + "\"\nca_file = \"" + TestPki::get().ca +
                                                "\"\ntrusted_keys = [\"" + pk + "\"]\n");
    std::string cfg = "--config " + k.dir.file("gongkai.toml");

    Run s = sync_cli(cfg + " --once");
    INFO(s.err);
    REQUIRE(s.status == 0);
    CHECK(s.out.starts_with("updated to version "));
    auto t0 = std::chrono::steady_clock::now();
    while (k.app->index().info.source != "sync" && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3))
        k.app->step(true);  // the kiosk's own loop: waits for events or its 1-s poll
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(k.app->index().info.source == "sync");
    CHECK(seconds < 2.0);

    Run again = sync_cli(cfg + " --once");
    CHECK(again.status == 0);
    CHECK(again.out.starts_with("unchanged at version "));
    Run status = sync_cli(cfg + " status --json");
    REQUIRE(status.status == 0);
    auto j = nlohmann::json::parse(status.out);
    CHECK(j["items"] == 128);
    CHECK(j["stale"] == false);
    CHECK(j["last_error"].is_null());
    CHECK(j["last_success"].is_string());
    CHECK(j["catalogue_version"].get<long long>() > 1700000000);

    // A failing cycle: exit 1 and one line naming the reason; status keeps it.
    write_file(k.dir.file("bad.toml"), "[cache]\npath = \"" + k.dir.file("cache.db") + "\"\n[sync]\nurl = \"" +
                                            nginx.url("nowhere/") + "\"\nca_file = \"" + TestPki::get().ca +
                                            "\"\ntrusted_keys = [\"" + pk + "\"]\n");
    Run bad = sync_cli("--config " + k.dir.file("bad.toml") + " --once");
    CHECK(bad.status == 1);
    CHECK(bad.err.find("gongkai-sync: NetHttpStatus: the server answered with an error") != std::string::npos);
    auto j2 = nlohmann::json::parse(sync_cli(cfg + " status --json").out);
    CHECK(j2["last_error"].get<std::string>().starts_with("NetHttpStatus"));
}

TEST_CASE("the gongkai-sync daemon syncs at start and exits cleanly on SIGTERM", "[sync][nginx][daemon]") {
    Nginx nginx;
    TempDir office, device;
    REQUIRE(publish("keygen --secret-key " + office.file("sk") + " --public-key " + office.file("pk.pub")).status == 0);
    REQUIRE(publish("build --source " + assets_dir().string() + " --secret-key " + office.file("sk") + " --out " +
                    nginx.site_dir("site")).status == 0);
    std::string pk = public_key_line(slurp(office.file("pk.pub")));
    write_file(device.file("gongkai.toml"), "[cache]\npath = \"" + device.file("cache.db") + "\"\n[sync]\nurl = \"" +
                                                 nginx.url("site/") + "\"\nca_file = \"" + TestPki::get().ca +
                                                 "\"\ntrusted_keys = [\"" + pk + "\"]\ninterval_s = 60\n");
    pid_t pid = spawn_sync({"--config", device.file("gongkai.toml")});
    bool synced = false;
    for (int i = 0; i < 100 && !synced; i++) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto j = nlohmann::json::parse(sync_cli("--config " + device.file("gongkai.toml") + " status --json").out, nullptr, false);
        synced = !j.is_discarded() && j["source"] == "sync";
    }
    CHECK(synced);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);  // a hang here fails the test by CTest's timeout
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("gongkai-publish misses lists a device's zero-result queries, most frequent first, and never changes the file", "[cli][search][misses]") {
    TempDir dir;
    const std::string path = dir.file("cache.db");
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE(cache);
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-20", "营业时间", 0));
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-21", "营业时间", 0));
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-22", "营业时间", 0));
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-21", "楼顶搭房子", 0));
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-21", "楼顶搭房子", 0));
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-22", "低保", 2));  // found a little: not a zero-result query
    }
    const auto before = std::filesystem::last_write_time(path);
    Run r = publish("misses --cache " + path + " --json");
    CHECK(r.status == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 2);
    CHECK(j[0] == nlohmann::json{{"query", "营业时间"}, {"count", 3}, {"first_day", "2026-11-20"}, {"last_day", "2026-11-22"}});
    CHECK(j[1]["query"] == "楼顶搭房子");
    CHECK(j[1]["count"] == 2);
    Run text = publish("misses --cache " + path);
    CHECK(text.status == 0);
    CHECK(text.out == "     3  营业时间\n     2  楼顶搭房子\n");
    CHECK(std::filesystem::last_write_time(path) == before);
    // Not a cache: a named error, exit 1; no --cache: a usage error, exit 2.
    write_file(dir.file("junk.db"), "not a database");
    Run junk = publish("misses --cache " + dir.file("junk.db"));
    CHECK(junk.status == 1);
    CHECK(junk.err.find("gongkai-publish: Cache") != std::string::npos);
    CHECK(publish("misses").status == 2);
}

TEST_CASE("gongkai-publish misses reads a device of an older schema, leaves nothing beside its file, and shows control characters escaped",
          "[cli][search][misses][hostile]") {
    TempDir dir;
    const std::string path = dir.file("old.db");
    {
        auto cache = Cache::open(path, CacheMode::ReadWrite);
        REQUIRE(cache);
        REQUIRE_FALSE((*cache)->record_search_miss("2026-11-20", "护照\n\x1b[31m红", 0));
        // As a device of issue 8 left it: schema 4, without the thesaurus tables.
        REQUIRE(sqlite3_exec((*cache)->handle(), "DROP TABLE search_extras; DROP TABLE thesaurus; PRAGMA user_version=4", nullptr,
                             nullptr, nullptr) == SQLITE_OK);
    }
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(path + suffix);
    Run r = publish("misses --cache " + path);
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out == "     1  护照\\u000a\\u001b[31m红\n");
    // The device's file was read from a copy: still schema 4, no -wal or -shm beside it.
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    CHECK_FALSE(std::filesystem::exists(path + "-shm"));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == 4);
    sqlite3_finalize(st);
    sqlite3_close(db);
}
