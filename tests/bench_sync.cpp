// Sync benchmarks (hidden from the default run; scripts/bench-sync runs them and
// docs/performance.md records the numbers). Each prints lines starting "bench:".
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bundle.h"
#include "cache.h"
#include "manifest.h"
#include "minisign.h"
#include "nginx_fixture.h"
#include "sync_cycle.h"
#include "synthetic.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void write_site(const std::string& dir, const Catalogue& cat, const minisign::SecretKey& key,
                const Catalogue* delta_base = nullptr) {
    std::string bundle = encode_bundle(cat);
    Manifest m{cat.version, format_rfc3339_utc(std::time(nullptr)), format_rfc3339_utc(std::time(nullptr) + 86400),
               "bundles/b-" + std::to_string(cat.version) + ".bundle", bundle.size(), sha256_hex(bundle)};
    write_file(dir + "/" + m.bundle_path, bundle);
    if (delta_base) {
        std::string delta = encode_delta(bundle_json(cat), bundle_json(*delta_base));
        m.delta = Manifest::Delta{delta_base->version, "bundles/d-" + std::to_string(cat.version) + ".zst", delta.size(), sha256_hex(delta)};
        write_file(dir + "/" + m.delta->path, delta);
    }
    std::string text = manifest_to_json(m);
    write_file_newer(dir + "/manifest.json", text);
    write_file(dir + "/manifest.json.minisig", minisign::sign(key, text, "bench"));
}

std::string device_config(const TempDir& dir, const Nginx& nginx, const std::string& site, const minisign::SecretKey& key) {
    std::string path = dir.file("gongkai.toml");
    write_file(path, "[cache]\npath = \"" + dir.file("cache.db") + "\"\n[sync]\nurl = \"" + nginx.url(site + "/") +
                         "\"\nca_file = \"" + TestPki::get().ca + "\"\ntrusted_keys = [\"" +
                         minisign::public_key_string(key.public_key()) + "\"]\n");
    return path;
}

// One `gongkai-sync --config CFG --once` under /usr/bin/time: the child's own rusage.
// (wait4 on a child forked from this test process would report this process's RSS: the
// kernel carries a process's peak across exec, and the fork starts with this one's pages.)
struct SyncRun {
    double wall_s = 0, cpu_s = 0, peak_rss_mib = 0;
};
SyncRun timed_sync_once(const std::string& cfg, const TempDir& dir) {
    const std::string out = dir.file("time.txt");
    const std::string cmd = "/usr/bin/time -f '%e %U %S %M' -o '" + out + "' '" + GONGKAI_SYNC_BINARY + "' --config '" + cfg +
                            "' --once >'" + dir.file("sync.log") + "' 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    double wall, user, sys, kib;
    REQUIRE(std::sscanf(slurp(out).c_str(), "%lf %lf %lf %lf", &wall, &user, &sys, &kib) == 4);
    return {wall, user + sys, kib / 1024.0};
}

SyncRun median_of(std::vector<SyncRun> runs) {
    auto median = [&](double SyncRun::*field) {
        std::vector<double> v;
        for (auto& r : runs) v.push_back(r.*field);
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    return {median(&SyncRun::wall_s), median(&SyncRun::cpu_s), median(&SyncRun::peak_rss_mib)};
}

}  // namespace

TEST_CASE("sync benchmark: apply time and peak memory by catalogue size, and bytes on the wire", "[.bench][sync]") {
    Nginx nginx;
    auto key = minisign::generate();
    for (int n : {1000, 10000, 50000}) {
        Catalogue cat = synthetic_catalogue(n, 1000 + n, 3);
        auto t0 = std::chrono::steady_clock::now();
        std::string site = "size" + std::to_string(n);
        write_site(nginx.site_dir(site), cat, key);
        double publish_ms = ms_since(t0);
        size_t bundle_bytes = std::filesystem::file_size(nginx.site_dir(site) + "/bundles/b-" + std::to_string(cat.version) + ".bundle");

        // The whole cycle in a fresh gongkai-sync process: fetch, verify, decode, install.
        TempDir dev;
        std::string cfg = device_config(dev, nginx, site, key);
        const SyncRun cycle = timed_sync_once(cfg, dev);

        // The apply step alone, in this process: one transaction replacing n items.
        auto cache = Cache::open(dev.file("cache.db"), CacheMode::ReadWrite);
        Catalogue next = synthetic_catalogue(n, 2000 + n, 4);
        t0 = std::chrono::steady_clock::now();
        REQUIRE_FALSE((*cache)->install(next, "sync"));
        double install_ms = ms_since(t0);
        std::printf("bench: items=%d bundle_bytes=%zu publish_ms=%.0f sync_cycle_ms=%.0f sync_peak_rss_mib=%.1f install_ms=%.0f cache_mib=%.1f\n",
                    n, bundle_bytes, publish_ms, cycle.wall_s * 1000, cycle.peak_rss_mib, install_ms,
                    std::filesystem::file_size(dev.file("cache.db")) / 1048576.0);
    }

    // Bytes on the wire, for the demo-sized catalogue and for 10,000 items.
    for (int n : {128, 10000}) {
        Catalogue v1 = synthetic_catalogue(n, 1, 5);
        std::string site = "wire" + std::to_string(n);
        write_site(nginx.site_dir(site), v1, key);
        TempDir dev;
        Config cfg;
        cfg.cache_path = dev.file("cache.db");
        cfg.sync_url = nginx.url(site + "/");
        cfg.ca_file = TestPki::get().ca;
        cfg.trusted_keys = {minisign::public_key_string(key.public_key())};
        auto cache = Cache::open(cfg.cache_path, CacheMode::ReadWrite);
        auto first = sync_once(cfg, **cache);
        REQUIRE(first);
        auto unchanged = sync_once(cfg, **cache);
        REQUIRE(unchanged);

        Catalogue v2 = v1;
        v2.version = 2;
        v2.items[n / 2].summary += "（已更新）";
        write_site(nginx.site_dir(site), v2, key);  // no delta
        auto full = sync_once(cfg, **cache);
        REQUIRE(full);

        Catalogue v3 = v2;
        v3.version = 3;
        v3.items[n / 3].summary += "（再次更新）";
        write_site(nginx.site_dir(site), v3, key, &v2);
        auto delta = sync_once(cfg, **cache);
        REQUIRE(delta);
        CHECK(delta->used_delta);
        std::printf("bench: wire items=%d first_sync_bytes=%llu unchanged_poll_bytes=%llu one_item_change_bytes=%llu "
                    "one_item_change_with_delta_bytes=%llu\n",
                    n, (unsigned long long)first->wire_bytes, (unsigned long long)unchanged->wire_bytes,
                    (unsigned long long)full->wire_bytes, (unsigned long long)delta->wire_bytes);
    }
}

// Issue 13: the whole cycle of a fresh `gongkai-sync --once` (fetch over TLS, verify, stream
// into the cache), into an empty cache (bundle) and from the previous version (delta, one
// item changed), three runs each, medians. GONGKAI_BENCH_ITEMS overrides the sizes.
TEST_CASE("sync benchmark: peak memory and time of gongkai-sync --once, whole bundle and delta", "[.bench][sync-memory]") {
    Nginx nginx;
    auto key = minisign::generate();
    std::vector<int> sizes{35000, 50000};
    if (const char* env = std::getenv("GONGKAI_BENCH_ITEMS")) sizes = {std::atoi(env)};
    for (int n : sizes) {
        const std::string site = "mem" + std::to_string(n);
        const Catalogue v1 = synthetic_catalogue(n, 1, 11);
        write_site(nginx.site_dir(site), v1, key);
        TempDir dev;
        const std::string cfg = device_config(dev, nginx, site, key);
        std::vector<SyncRun> bundle_runs, delta_runs;
        bool used_delta = false;
        for (int run = 0; run < 3; run++) {
            std::filesystem::remove(dev.file("cache.db"));
            bundle_runs.push_back(timed_sync_once(cfg, dev));
        }
        std::filesystem::copy_file(dev.file("cache.db"), dev.file("v1.db"));  // closed: no -wal left

        Catalogue v2 = v1;
        v2.version = 2;
        v2.items[n / 2].summary += "（已更新）";
        write_site(nginx.site_dir(site), v2, key, &v1);
        for (int run = 0; run < 3; run++) {
            std::filesystem::copy_file(dev.file("v1.db"), dev.file("cache.db"), std::filesystem::copy_options::overwrite_existing);
            delta_runs.push_back(timed_sync_once(cfg, dev));
            const std::string log = slurp(dev.file("sync.log"));
            REQUIRE(log.find("installed catalogue version 2") != std::string::npos);
            // Over kMaxDeltaJsonBytes of JSON the device takes the whole bundle instead (bundle.h).
            used_delta = log.find("installed catalogue version 2 (from a delta)") != std::string::npos;
        }
        for (auto [mode, runs] : {std::pair{"bundle", &bundle_runs}, {"delta-offered", &delta_runs}}) {
            SyncRun m = median_of(*runs);
            std::printf("bench: sync-memory items=%d mode=%s%s wall_s=%.2f cpu_s=%.2f peak_rss_mib=%.1f (median of 3)\n", n, mode,
                        runs == &delta_runs ? (used_delta ? " used=delta" : " used=bundle") : "", m.wall_s, m.cpu_s, m.peak_rss_mib);
        }
    }
}
