// Caches damaged on purpose, where SQLite finds the damage only when it reads that page:
// what the kiosk's check after its first frame (and a picture's reads) must catch.
#pragma once
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "bundle.h"
#include "cache.h"
#include "demo_catalogue.h"
#include "sqlite_db.h"
#include "support.h"

namespace gongkai::test {

// The demo catalogue installed at `path` as a synced version 100, the file closed with its
// WAL checkpointed, so every page is in the file itself.
inline void install_synced_demo(const std::string& path) {
    auto cat = decode_bundle(demo_bundle());
    REQUIRE(cat);
    cat->version = 100;
    auto cache = Cache::open(path, CacheMode::ReadWrite);
    REQUIRE(cache);
    REQUIRE_FALSE((*cache)->install(*cat, "sync"));
    REQUIRE(sqlite3_exec((*cache)->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
}

// The first column of the first row `query` gives (text of a page number, a domain …).
inline std::string ask(const std::string& path, const std::string& query) {
    auto cache = Cache::open(path, CacheMode::ReadOnly);
    REQUIRE(cache);
    sql::Stmt st((*cache)->handle(), query.c_str());
    REQUIRE(st.step() == SQLITE_ROW);
    return st.text(0);
}

// Page `page`'s header (its first 12 bytes) overwritten: SQLite's btreeInitPage refuses it.
inline void damage_page(const std::string& path, std::int64_t page) {
    REQUIRE(page > 1);
    std::string bytes = slurp(path);
    const size_t at = static_cast<size_t>(page - 1) * 4096;  // the cache's page size
    REQUIRE(bytes.size() >= at + 4096);
    for (size_t i = 0; i < 12; i++) bytes[at + i] = static_cast<char>(0xA5);
    write_file(path, bytes);
}

}  // namespace gongkai::test
