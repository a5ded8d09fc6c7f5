// open_cache_with_fallback: the start-up policy for a cache that may be missing,
// empty, damaged by a power cut, or unwritable. See cache.h.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "bundle.h"
#include "cache.h"
#include "outbox.h"
#include "log.h"

namespace fs = std::filesystem;

namespace gongkai {

namespace {

// A cache is usable if it opens, passes quick_check (unless that is left for later), and
// its index reads back.
// `keep`: the index read for the check is kept for the caller's first load_index() (the
// kiosk); gongkai-sync never loads one, and would hold it for nothing.
enum class IndexRead { Check, CheckAndKeep };
Result<std::unique_ptr<Cache>> open_checked(const std::string& path, CacheMode mode, IndexRead keep,
                                            CacheCheck check = CacheCheck::AtOpen) {
    auto cache = Cache::open(path, mode);
    if (!cache) return cache.error();
    if (check == CacheCheck::AtOpen)
        if (Error e = (*cache)->check_integrity()) return e;
    auto info = (*cache)->info();
    if (!info && info.error().code != CatalogueError::CacheEmpty) return info.error();
    if (info) {
        const std::int64_t version_before = (*cache)->data_version();
        auto index = (*cache)->load_index();
        if (!index) return index.error();
        if (keep == IndexRead::CheckAndKeep) (*cache)->keep_index(std::move(*index), version_before);
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

// Moves a damaged cache and its -wal/-shm to <path>.corrupt-<UTC time>: kept for
// inspection, out of the way of a fresh cache. Returns where it went.
Result<std::string> move_aside(const std::string& path) {
    std::string aside = path + ".corrupt-" + compact_utc_now();
    std::error_code ec;
    fs::rename(path, aside, ec);
    if (ec) return make_error(CatalogueError::CacheCorrupt, "could not move the damaged cache aside: " + ec.message());
    for (const char* suffix : {"-wal", "-shm"}) {
        std::error_code ignore;
        if (fs::exists(path + suffix, ignore)) fs::rename(path + suffix, aside + suffix, ignore);
    }
    return aside;
}

// What goes back to the office is not in the catalogue the server can send again: copy
// the unsent records the damaged file still yields into the new cache.
void salvage(Cache& fresh, const std::string& aside) {
    auto copied = salvage_outbox(fresh, aside);
    if (!copied) log_error("cache", "could not salvage the outbox of " + aside + ": " + copied.error().describe());
    else if (*copied > 0) log_warn("cache", "salvaged " + std::to_string(*copied) + " unsent records from " + aside);
}

}  // namespace

// Parent directories a cache needs are created 0755: the kiosk (another user) reads them.
Error create_cache_directory(const std::string& path) {
    if (path == ":memory:") return {};
    fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) return {};
    fs::path partial;
    for (auto& part : parent) {
        partial /= part;
        if (mkdir(partial.c_str(), 0755) == 0) {
            // mkdir's mode is masked by the umask (077 under some service managers): set it.
            if (chmod(partial.c_str(), 0755) != 0)
                return make_error(CatalogueError::CacheOpenFailed, "chmod 0755 " + partial.string() + ": " + std::strerror(errno));
        } else if (errno != EEXIST) {
            return make_error(CatalogueError::CacheOpenFailed, "create directory " + partial.string() + ": " + std::strerror(errno));
        }
    }
    return {};
}

Result<SyncCache> open_cache_for_sync(const std::string& path) {
    SyncCache out;
    if (Error e = create_cache_directory(path)) return e;
    auto opened = open_checked(path, CacheMode::ReadWrite, IndexRead::Check);
    if (!opened && opened.error().code == CatalogueError::CacheCorrupt) {
        out.damage = opened.error();
        log_error("cache", opened.error().describe());
        auto aside = move_aside(path);
        if (!aside) return aside.error();
        out.moved_aside_to = *aside;
        log_warn("cache", "moved the damaged cache to " + *aside + " and started a new one");
        opened = open_checked(path, CacheMode::ReadWrite, IndexRead::Check);
        if (opened) salvage(**opened, *aside);
        if (opened) {
            // The new cache says what happened, for `status --json` and the kiosk's log.
            if (Error e = (*opened)->set_state(kStateLastError, out.damage.describe() + "; moved to " + *aside))
                log_error("cache", e.describe());
        }
    }
    if (!opened) return opened.error();
    out.cache = std::move(*opened);
    return out;
}

Result<OpenedCache> open_cache_with_fallback(const std::string& path, std::string_view fallback_bundle, CacheCheck check) {
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

    if (Error e = create_cache_directory(path)) log_error("cache", e.describe());

    auto opened = open_checked(path, CacheMode::ReadWrite, IndexRead::CheckAndKeep, check);
    if (!opened && opened.error().code == CatalogueError::CacheCorrupt) {
        log_error("cache", opened.error().describe());
        auto moved = move_aside(path);
        if (!moved) {
            log_error("cache", moved.error().detail);
            return in_memory();
        }
        const std::string& aside = *moved;
        out.recovered_from_damage = true;
        out.moved_aside_to = aside;
        log_warn("cache", "moved the damaged cache to " + aside + " and started a new one");
        opened = open_checked(path, CacheMode::ReadWrite, IndexRead::CheckAndKeep);
        if (opened) salvage(**opened, aside);
    }
    if (!opened) {
        log_error("cache", opened.error().describe());
        // Unwritable or newer than us: still show what it holds, if anything.
        if (opened.error().code != CatalogueError::CacheCorrupt) {
            auto ro = open_checked(path, CacheMode::ReadOnly, IndexRead::CheckAndKeep, check);
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
