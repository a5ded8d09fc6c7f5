// kill -9 of gongkai-sync at random points during a real sync and apply: the cache must
// open afterwards and hold exactly the old or the new catalogue, every time.
// GONGKAI_KILL_ITERATIONS sets the count (default 8; scripts/bench-sync runs 50).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>

#include <sqlite3.h>

#include "bundle.h"
#include "cache.h"
#include "manifest.h"
#include "minisign.h"
#include "nginx_fixture.h"
#include "synthetic.h"

using namespace gongkai;
using namespace gongkai::test;

TEST_CASE("kill -9 of gongkai-sync at random points leaves exactly the old or the new catalogue", "[sync][nginx][kill]") {
    Nginx nginx;
    auto key = minisign::generate();
    // New: 20,000 items, so the apply transaction takes long enough to be hit.
    const int old_items = 500, new_items = 20000;
    Catalogue next = synthetic_catalogue(new_items, 2000, 2);
    std::string bundle = encode_bundle(next, 3);
    Manifest m{2000, format_rfc3339_utc(std::time(nullptr)), format_rfc3339_utc(std::time(nullptr) + 86400),
               "bundles/b.bundle", bundle.size(), sha256_hex(bundle)};
    write_file(nginx.site_dir("a") + "/bundles/b.bundle", bundle);
    std::string manifest = manifest_to_json(m);
    write_file(nginx.site_dir("a") + "/manifest.json", manifest);
    write_file(nginx.site_dir("a") + "/manifest.json.minisig", minisign::sign(key, manifest, "kill test"));

    TempDir dir;
    std::string pristine = dir.file("pristine.db"), live = dir.file("cache.db");
    {
        auto c = Cache::open(pristine, CacheMode::ReadWrite);
        REQUIRE_FALSE((*c)->install(synthetic_catalogue(old_items, 1000, 1), "sync"));
        sqlite3_exec((*c)->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    }
    write_file(dir.file("gongkai.toml"), "[cache]\npath = \"" + live + "\"\n[sync]\nurl = \"" + nginx.url("a/") +
                                              "\"\nca_file = \"" + TestPki::get().ca + "\"\ntrusted_keys = [\"" +
                                              minisign::public_key_string(key.public_key()) + "\"]\n");
    auto reset = [&] {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(live + suffix);
        std::filesystem::copy_file(pristine, live);
    };

    // One uninterrupted run measures how long a whole cycle takes.
    reset();
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = spawn_sync({"--config", dir.file("gongkai.toml"), "--once"});
    int status = 0;
    waitpid(pid, &status, 0);
    double full_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    const char* env = std::getenv("GONGKAI_KILL_ITERATIONS");
    const int iterations = env ? std::atoi(env) : 8;
    std::mt19937 rng(12345);
    std::uniform_real_distribution<double> when(0.0, full_ms * 1.1);
    int saw_old = 0, saw_new = 0;
    for (int i = 0; i < iterations; i++) {
        reset();
        pid = spawn_sync({"--config", dir.file("gongkai.toml"), "--once"});
        double delay = when(rng);
        std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(delay * 1000)));
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);

        auto cache = Cache::open(live, CacheMode::ReadWrite);
        INFO("iteration " << i << ", killed after " << delay << " ms of " << full_ms);
        REQUIRE(cache);
        REQUIRE_FALSE((*cache)->check_integrity());
        auto info = (*cache)->info();
        REQUIRE(info);
        if (info->version == 1000) {
            CHECK(info->items == old_items);
            saw_old++;
        } else {
            REQUIRE(info->version == 2000);
            CHECK(info->items == new_items);
            auto last = (*cache)->load_item(next.items.back().id);
            REQUIRE(last);
            CHECK(last->title == next.items.back().title);
            saw_new++;
        }
    }
    std::printf("kill -9 during sync: %d iterations, full cycle %.0f ms, %d left the old catalogue, %d the new\n",
                iterations, full_ms, saw_old, saw_new);
    CHECK(saw_old + saw_new == iterations);
}
