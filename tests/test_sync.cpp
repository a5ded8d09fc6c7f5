// gongkai-sync against a real nginx with TLS on 127.0.0.1: every attack and fault case
// ends with the old catalogue in the cache and a named error.
#include <catch2/catch.hpp>
#include <ctime>

#include "bundle.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "manifest.h"
#include "minisign.h"
#include "nginx_fixture.h"
#include "site_fixture.h"
#include "sync_cycle.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

Catalogue demo_with(std::int64_t version, const std::string& marker = "") {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = version;
    cat->created = "2026-11-25T00:00:00Z";
    if (!marker.empty()) cat->items[0].summary = marker;
    return *cat;
}

struct Device {
    TempDir dir;
    Config cfg;
    std::unique_ptr<Cache> cache;
    explicit Device(const std::string& url, const std::vector<minisign::SecretKey>& trusted) {
        cfg.cache_path = dir.file("cache.db");
        cfg.sync_url = url;
        cfg.ca_file = TestPki::get().ca;
        for (auto& k : trusted) cfg.trusted_keys.push_back(minisign::public_key_string(k.public_key()));
        auto opened = open_cache_with_fallback(cfg.cache_path, demo_bundle());
        REQUIRE(opened);
        cache = std::move(opened->cache);
    }
    Result<SyncOutcome> sync() { return sync_once(cfg, *cache); }
    std::int64_t version() { return cache->info()->version; }
};

// Runs a cycle that must fail with `code`, and checks that nothing was installed.
void expect_refused(Device& d, ErrorCode code) {
    std::int64_t before = d.version();
    LogCatcher quiet;
    auto r = d.sync();
    REQUIRE_FALSE(r);
    INFO(r.error().describe());
    CHECK(r.error().code == code);
    CHECK(d.version() == before);
    CHECK(d.cache->state(kStateLastError)->starts_with(error_name(code)));
}

}  // namespace

TEST_CASE("first sync installs the signed catalogue, an unchanged site costs one 304, an update replaces it", "[sync][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(100), key);
    Device d(nginx.url("a/"), {key});
    CHECK(d.cache->info()->source == "demo");

    auto first = d.sync();
    REQUIRE(first);
    CHECK(first->updated);
    CHECK(d.version() == 100);
    CHECK(d.cache->info()->source == "sync");

    auto second = d.sync();
    REQUIRE(second);
    CHECK_FALSE(second->updated);
    CHECK(second->wire_bytes < 400);  // a 304's headers, no body

    Site::publish(nginx.site_dir("a"), demo_with(101, "第二版"), key);
    auto third = d.sync();
    REQUIRE(third);
    CHECK(third->updated);
    CHECK(d.version() == 101);
    CHECK(d.cache->load_catalogue()->items[0].summary == "第二版");
    CHECK(d.cache->state(kStateLastError)->empty());
}

TEST_CASE("a manifest altered after signing is refused", "[sync][nginx][attack]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site site = Site::publish(nginx.site_dir("a"), demo_with(100), key);
    std::string m = slurp(site.dir + "/manifest.json");
    m.replace(m.find("\"version\": 100"), 14, "\"version\": 999");
    write_file(site.dir + "/manifest.json", m);
    Device d(nginx.url("a/"), {key});
    expect_refused(d, CatalogueError::SignatureInvalid);
}

TEST_CASE("a manifest signed by an unknown key is refused, and a rotated key listed in trusted_keys is accepted", "[sync][nginx][attack]") {
    Nginx nginx;
    auto old_key = minisign::generate(), new_key = minisign::generate(), stranger = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(100), stranger);
    Device d(nginx.url("a/"), {old_key});
    expect_refused(d, CatalogueError::SignatureUnknownKey);

    Site::publish(nginx.site_dir("b"), demo_with(100), new_key);
    Device rotated(nginx.url("b/"), {old_key, new_key});
    REQUIRE(rotated.sync());
    CHECK(rotated.version() == 100);
}

TEST_CASE("an older signed manifest is refused as a rollback", "[sync][nginx][attack]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(200), key);
    Device d(nginx.url("a/"), {key});
    REQUIRE(d.sync());
    Site::publish(nginx.site_dir("a"), demo_with(150), key);
    expect_refused(d, CatalogueError::ManifestRollback);
    CHECK(d.version() == 200);
}

TEST_CASE("an expired manifest is refused, and a catalogue past its manifest's expiry is reported stale", "[sync][nginx][attack]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(100), key, std::time(nullptr) - 60);
    Device d(nginx.url("a/"), {key});
    expect_refused(d, CatalogueError::ManifestExpired);

    // Freeze attack: the mirror keeps serving the last manifest past its expiry.
    Site::publish(nginx.site_dir("b"), demo_with(100), key, std::time(nullptr) + 3600);
    Device frozen(nginx.url("b/"), {key});
    REQUIRE(frozen.sync());
    CHECK_FALSE(catalogue_is_stale(*frozen.cache, std::time(nullptr)));
    CHECK(catalogue_is_stale(*frozen.cache, std::time(nullptr) + 7200));
}

TEST_CASE("a manifest paired with another build's bundle is refused (mix-and-match)", "[sync][nginx][attack]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site a = Site::publish(nginx.site_dir("a"), demo_with(100), key);
    Site b = Site::publish(nginx.site_dir("b"), demo_with(101, "另一版"), key);
    write_file(a.dir + "/" + a.manifest.bundle_path, b.bundle);  // same path, other bundle
    Device d(nginx.url("a/"), {key});
    expect_refused(d, CatalogueError::BundleMismatch);

    // A bundle whose own version differs from the signed manifest's, with matching hash.
    Site c = Site::publish(nginx.site_dir("c"), demo_with(300), key);
    c.manifest.version = 301;
    c.write_manifest(key);
    Device d2(nginx.url("c/"), {key});
    expect_refused(d2, CatalogueError::BundleMismatch);
}

TEST_CASE("oversized bundles are cut off while streaming, with or without Content-Length", "[sync][nginx][fault]") {
    Nginx nginx;
    auto key = minisign::generate();
    SECTION("the manifest announces more than max_bundle_mib") {
        Site s = Site::publish(nginx.site_dir("a"), demo_with(100), key);
        s.manifest.bundle_size = (65ull << 20);
        s.write_manifest(key);
        Device d(nginx.url("a/"), {key});
        expect_refused(d, NetError::TooLarge);
    }
    SECTION("the served file is larger than the signed size") {
        Site s = Site::publish(nginx.site_dir("a"), demo_with(100), key);
        write_file(s.dir + "/" + s.manifest.bundle_path, s.bundle + std::string(100000, 'x'));
        Device d(nginx.url("a/"), {key});
        expect_refused(d, NetError::TooLarge);
    }
    SECTION("a chunked body (no Content-Length) larger than the signed size") {
        Site s = Site::publish(nginx.site_dir("a"), demo_with(100), key);
        write_file(s.dir + "/" + s.manifest.bundle_path, s.bundle + std::string(100000, 'x'));
        Device d(nginx.url("chunked/a/"), {key});
        expect_refused(d, NetError::TooLarge);
    }
}

TEST_CASE("a server slower than the low-speed limit is abandoned", "[sync][nginx][fault]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(100), key);
    Device d(nginx.url("slow/a/"), {key});
    d.cfg.low_speed_bytes_per_s = 1000;  // nginx sends 256 bytes/s here
    d.cfg.low_speed_time_s = 2;
    expect_refused(d, NetError::NetTimeout);
}

TEST_CASE("a body cut off mid-transfer is refused as truncated", "[sync][nginx][fault]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(100), key);
    Device d(nginx.url("slow/a/"), {key});
    std::thread killer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // manifest and signature are through
        nginx.stop(SIGKILL);
    });
    expect_refused(d, NetError::NetTruncated);
    killer.join();
}

TEST_CASE("HTTP errors, refused connections and bad TLS are named and change nothing", "[sync][nginx][fault]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site::publish(nginx.site_dir("a"), demo_with(100), key);
    SECTION("404") {
        Device d(nginx.url("missing/"), {key});
        expect_refused(d, NetError::NetHttpStatus);
        CHECK(d.cache->state(kStateLastError)->find("HTTP 404") != std::string::npos);
    }
    SECTION("500") {
        Device d(nginx.url("error500/"), {key});
        expect_refused(d, NetError::NetHttpStatus);
        CHECK(d.cache->state(kStateLastError)->find("HTTP 500") != std::string::npos);
    }
    SECTION("connection refused") {
        Device d("https://127.0.0.1:" + std::to_string(free_port()) + "/a/", {key});
        expect_refused(d, NetError::NetConnect);
    }
    SECTION("a certificate from an untrusted CA") {
        Device d(nginx.url("a/"), {key});
        d.cfg.ca_file = TestPki::get().other_ca;
        expect_refused(d, NetError::NetTls);
    }
    SECTION("a certificate for another host name") {
        Device d("https://localhost:" + std::to_string(nginx.port) + "/a/", {key});
        expect_refused(d, NetError::NetTls);
    }
    SECTION("plain http:// without the development switch") {
        Device d("http://127.0.0.1:" + std::to_string(nginx.port) + "/a/", {key});
        expect_refused(d, NetError::InsecureUrl);
    }
}

TEST_CASE("a manifest signed by the stock minisign CLI with a minisign -G key is accepted", "[sync][nginx][interop]") {
    Nginx nginx;
    TempDir keys;
    REQUIRE(shell("minisign -G -W -p " + keys.file("k.pub") + " -s " + keys.file("k.key")) == 0);
    auto ours = minisign::generate();  // only used to lay out the site; its signature is replaced
    Site s = Site::publish(nginx.site_dir("a"), demo_with(100), ours);
    std::filesystem::remove(s.dir + "/manifest.json.minisig");
    REQUIRE(shell("minisign -S -s " + keys.file("k.key") + " -m " + s.dir + "/manifest.json -t 'signed by minisign'") == 0);
    Device d(nginx.url("a/"), {});
    d.cfg.trusted_keys = {slurp(keys.file("k.pub"))};
    auto r = d.sync();
    INFO((r ? "" : r.error().describe()));
    REQUIRE(r);
    CHECK(d.version() == 100);
}

TEST_CASE("minisign -V verifies what gongkai-publish signs, and minisign -S accepts its secret keys", "[sync][interop]") {
    TempDir dir;
    auto key = minisign::generate();
    write_file(dir.file("k.pub"), minisign::public_key_file(key.public_key()));
    write_file(dir.file("k.key"), minisign::secret_key_file(key));
    write_file(dir.file("m.json"), "{\"version\": 1}\n");
    write_file(dir.file("m.json.minisig"), minisign::sign(key, "{\"version\": 1}\n", "gongkai test"));
    CHECK(shell("minisign -V -p " + dir.file("k.pub") + " -m " + dir.file("m.json")) == 0);
    CHECK(shell("minisign -S -s " + dir.file("k.key") + " -m " + dir.file("m.json") + " -x " + dir.file("again.minisig")) == 0);
    auto v = minisign::verify("{\"version\": 1}\n", slurp(dir.file("again.minisig")), {key.public_key()});
    CHECK(v);
}

TEST_CASE("the bundle JSON rebuilt from the cache is byte-identical to the one installed (the base of a delta)", "[sync][delta]") {
    TempDir dir;
    auto cache = Cache::open(dir.file("c.db"), CacheMode::ReadWrite);
    Catalogue cat = demo_with(100);
    REQUIRE_FALSE((*cache)->install(cat, "sync"));
    CHECK(bundle_json(*(*cache)->load_catalogue()) == bundle_json(cat));
    CHECK(*(*cache)->installed_bundle_json() == bundle_json(cat));  // item by item, what a delta applies to
}

TEST_CASE("a one-item change travels as a delta from the installed version, and other devices take the bundle", "[sync][nginx][delta]") {
    Nginx nginx;
    TempDir office;
    auto pub = [&](const std::string& args) {
        return std::system((std::string(GONGKAI_PUBLISH_BINARY) + " " + args + " >/dev/null 2>&1").c_str());
    };
    REQUIRE(pub("keygen --secret-key " + office.file("sk") + " --public-key " + office.file("pk.pub")) == 0);
    std::string src = office.file("source");
    std::filesystem::copy(assets_dir(), src, std::filesystem::copy_options::recursive);
    std::string site = nginx.site_dir("s");
    REQUIRE(pub("build --source " + src + " --secret-key " + office.file("sk") + " --out " + site) == 0);
    auto key = minisign::parse_public_key(slurp(office.file("pk.pub")));
    REQUIRE(key);

    Device d(nginx.url("s/"), {});
    d.cfg.trusted_keys = {minisign::public_key_string(*key)};
    auto first = d.sync();
    REQUIRE(first);
    CHECK_FALSE(first->used_delta);

    // One guide's summary changes.
    std::string guide = src + "/guides/01-dibao-apply.toml";
    std::string text = slurp(guide);
    text.replace(text.find("summary = \""), 11, "summary = \"（已更新）");
    write_file(guide, text);
    REQUIRE(pub("build --source " + src + " --secret-key " + office.file("sk") + " --out " + site) == 0);
    auto m = parse_manifest(slurp(site + "/manifest.json"));
    REQUIRE(m);
    REQUIRE(m->delta);
    CHECK(m->delta->size < m->bundle_size / 4);

    auto second = d.sync();
    REQUIRE(second);
    CHECK(second->updated);
    CHECK(second->used_delta);
    CHECK(second->wire_bytes < m->bundle_size);
    CHECK(d.cache->load_item("dibao-apply")->summary.starts_with("（已更新）"));

    // A device still on the demo catalogue cannot use the delta: it takes the bundle.
    Device fresh(nginx.url("s/"), {});
    fresh.cfg.trusted_keys = d.cfg.trusted_keys;
    auto r = fresh.sync();
    REQUIRE(r);
    CHECK_FALSE(r->used_delta);
    CHECK(fresh.version() == m->version);
}

TEST_CASE("a delta that would make more than kMaxDeltaJsonBytes of JSON is not applied: the whole bundle streams in instead", "[sync][nginx][delta]") {
    // What a delta declares: the JSON it makes; nothing for what is not a zstd frame.
    const Catalogue small = demo_with(100);
    const std::string small_json = bundle_json(small);
    CHECK(delta_json_bytes(encode_delta(bundle_json(demo_with(101, "改")), small_json)) == bundle_json(demo_with(101, "改")).size());
    CHECK_FALSE(delta_json_bytes("not a zstd frame"));
    // One frame only: a first frame's size says nothing of what follows it.
    const std::string one = encode_delta(small_json, small_json);
    const char skippable[8] = {0x50, 0x2A, 0x4D, 0x18, 0, 0, 0, 0};  // a skippable frame of 0 bytes
    CHECK_FALSE(delta_json_bytes(std::string(skippable, sizeof skippable) + one));
    CHECK_FALSE(delta_json_bytes(one + one));
    CHECK(delta_json_bytes(one) == small_json.size());

    // A catalogue whose JSON passes the bound: the demo's directory rows repeated under new ids
    // (a 50,000-item catalogue's JSON is 49.9 MB).
    Catalogue big = demo_with(100);
    std::vector<Item> rows;
    for (const Item& i : big.items)
        if (i.kind == ItemKind::Directory) rows.push_back(i);
    REQUIRE_FALSE(rows.empty());
    for (int copy = 1; bundle_json(big).size() <= kMaxDeltaJsonBytes; copy++) {
        for (int batch = 0; batch < 20; batch++) {
            for (Item row : rows) {
                row.id += "-" + std::to_string(copy) + "-" + std::to_string(batch);
                row.title += "（" + std::to_string(copy * 20 + batch) + "）";
                big.items.push_back(std::move(row));
            }
        }
    }
    Nginx nginx;
    auto key = minisign::generate();
    const std::string dir = nginx.site_dir("big");
    Site::publish(dir, big, key);
    Device d(nginx.url("big/"), {key});
    REQUIRE(d.sync());
    REQUIRE(d.version() == 100);

    Catalogue next = big;
    next.version = 101;
    next.items[0].summary = "（已更新）";
    Site site = Site::publish(dir, next, key);
    const std::string delta = encode_delta(bundle_json(next), bundle_json(big));
    REQUIRE(delta.size() < site.bundle.size());  // the delta would be the cheaper download
    REQUIRE(delta_json_bytes(delta) > kMaxDeltaJsonBytes);
    site.manifest.delta = Manifest::Delta{100, "bundles/delta-100-101.bundle", delta.size(), sha256_hex(delta)};
    write_file(dir + "/" + site.manifest.delta->path, delta);
    site.write_manifest(key);

    LogCatcher log;
    auto r = d.sync();
    REQUIRE(r);
    CHECK(r->updated);
    CHECK_FALSE(r->used_delta);
    CHECK(log.said("fetching the whole bundle, which streams in less memory"));
    CHECK(d.version() == 101);
    CHECK(d.cache->load_item(next.items[0].id)->summary == "（已更新）");
}

TEST_CASE("a false 304 (a site copied in within the same second, same-sized manifest) hides an update for at most full_check_every polls", "[sync][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    // Markers of one length: the two manifests and bundles differ only in digits, so their
    // sizes are equal, and nginx's ETag (mtime in seconds + size) is too once the mtime is.
    Site first = Site::publish(nginx.site_dir("a"), demo_with(100, "第一版"), key);
    const std::string manifest_path = first.dir + "/manifest.json";
    const auto mtime = std::filesystem::last_write_time(manifest_path);
    Device d(nginx.url("a/"), {key});
    d.cfg.full_check_every = 3;
    REQUIRE(d.sync());
    REQUIRE(d.version() == 100);

    Site second = Site::publish(nginx.site_dir("a"), demo_with(101, "第二版"), key);
    std::filesystem::last_write_time(manifest_path, mtime);  // what `cp -r` within the same second leaves
    REQUIRE(manifest_to_json(second.manifest).size() == manifest_to_json(first.manifest).size());

    // Polls 1 and 2 are conditional and nginx answers 304: the update is hidden (the fault is real).
    for (int poll = 1; poll <= 2; poll++) {
        auto r = d.sync();
        REQUIRE(r);
        INFO("poll " << poll);
        CHECK_FALSE(r->updated);
        CHECK(d.version() == 100);
        CHECK(*d.cache->state(kStateConditionalPolls) == std::to_string(poll));
    }
    // Poll 3 asks without If-None-Match and installs the update.
    auto third = d.sync();
    REQUIRE(third);
    CHECK(third->updated);
    CHECK(d.version() == 101);
    CHECK(*d.cache->state(kStateConditionalPolls) == "0");
    // And the count starts again: the next poll is conditional and cheap.
    auto fourth = d.sync();
    REQUIRE(fourth);
    CHECK_FALSE(fourth->updated);
    CHECK(fourth->wire_bytes < 400);
}

TEST_CASE("full_check_every = 1 never trusts a 304, and an unchanged full poll fetches only the manifest and its signature", "[sync][nginx]") {
    Nginx nginx;
    auto key = minisign::generate();
    Site first = Site::publish(nginx.site_dir("a"), demo_with(100, "第一版"), key);
    const auto mtime = std::filesystem::last_write_time(first.dir + "/manifest.json");
    Device d(nginx.url("a/"), {key});
    d.cfg.full_check_every = 1;
    REQUIRE(d.sync());
    auto unchanged = d.sync();
    REQUIRE(unchanged);
    CHECK_FALSE(unchanged->updated);
    // Manifest and signature with their headers: more than a 304, far less than the bundle.
    CHECK(unchanged->wire_bytes > 400);
    CHECK(unchanged->wire_bytes < 4000);
    Site::publish(nginx.site_dir("a"), demo_with(101, "第二版"), key);
    std::filesystem::last_write_time(first.dir + "/manifest.json", mtime);
    auto next = d.sync();
    REQUIRE(next);
    CHECK(next->updated);
    CHECK(d.version() == 101);
}
