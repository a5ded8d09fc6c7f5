// open_cache_with_fallback: the start-up policy for a cache that may be missing,
// empty, damaged by a power cut, or unwritable. See cache.h.
#include <filesystem>

#include "bundle.h"
#include "cache.h"
#include "log.h"

namespace fs = std::filesystem;

namespace gongkai {

namespace {

// A cache is usable if it opens, passes quick_check, and its index reads back.
Result<std::unique_ptr<Cache>> open_checked(const std::string& path, CacheMode mode) {
    auto cache = Cache::open(path, mode);
    if (!cache) return cache.error();
    if (Error e = (*cache)->check_integrity()) return e;
    auto info = (*cache)->info();
    if (!info && info.error().code != ErrorCode::CacheEmpty) return info.error();
    if (info) {
        auto index = (*cache)->load_index();
        if (!index) return index.error();
    }
    return cache;
}

std::string compact_utc_now() {
    std::string t = utc_now_rfc3339();  // 2026-11-25T19:08:17Z → 20261125T190817Z
    std::string out;
    for (char c : t)
        if (c != '-' && c != ':') out += c;
    return out;
}

}  // namespace

Result<OpenedCache> open_cache_with_fallback(const std::string& path, std::string_view fallback_bundle) {
    auto fallback = decode_bundle(fallback_bundle);
    if (!fallback) return fallback.error();
    OpenedCache out;

    auto install_fallback = [&](Cache& cache) -> Error {
        if (Error e = cache.install(*fallback, "demo")) return e;
        out.installed_fallback = true;
        log_info("cache", "installed the embedded demo catalogue (" + std::to_string(fallback->items.size()) +
                              " items) into " + cache.path());
        return {};
    };
    auto in_memory = [&]() -> Result<OpenedCache> {
        auto mem = Cache::open(":memory:", CacheMode::ReadWrite);
        if (!mem) return mem.error();
        if (Error e = install_fallback(**mem)) return e;
        out.cache = std::move(*mem);
        out.in_memory = true;
        log_warn("cache", "showing the embedded demo catalogue from memory; " + path + " is not used");
        return std::move(out);  // captured by reference: moved explicitly
    };

    if (path != ":memory:") {
        std::error_code ec;
        fs::path parent = fs::path(path).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
    }

    auto opened = open_checked(path, CacheMode::ReadWrite);
    if (!opened && opened.error().code == ErrorCode::CacheCorrupt) {
        log_error("cache", opened.error().describe());
        std::string aside = path + ".corrupt-" + compact_utc_now();
        std::error_code ec;
        fs::rename(path, aside, ec);
        if (ec) {
            log_error("cache", "could not move the damaged cache aside: " + ec.message());
            return in_memory();
        }
        for (const char* suffix : {"-wal", "-shm"}) {
            std::error_code ignore;
            if (fs::exists(path + suffix, ignore)) fs::rename(path + suffix, aside + suffix, ignore);
        }
        out.recovered_from_damage = true;
        out.moved_aside_to = aside;
        log_warn("cache", "moved the damaged cache to " + aside + " and started a new one");
        opened = open_checked(path, CacheMode::ReadWrite);
    }
    if (!opened) {
        log_error("cache", opened.error().describe());
        // Unwritable or newer than us: still show what it holds, if anything.
        if (opened.error().code != ErrorCode::CacheCorrupt) {
            auto ro = open_checked(path, CacheMode::ReadOnly);
            if (ro && (*ro)->info()) {
                log_warn("cache", "reading " + path + " read-only");
                out.cache = std::move(*ro);
                return out;
            }
        }
        return in_memory();
    }
    out.cache = std::move(*opened);
    if (auto info = out.cache->info(); !info) {
        if (Error e = install_fallback(*out.cache)) {
            log_error("cache", e.describe());
            return in_memory();
        }
    }
    return out;
}

}  // namespace gongkai
