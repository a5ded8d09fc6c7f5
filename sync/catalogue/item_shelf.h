// Item summaries, read a domain at a time when a screen first needs them.
//
// Why: home shows the domains and their counts, nothing of the items. Reading every
// item's summary at start was half of the 50,000-item start-up and 30 MiB home never
// shows (docs/performance.md, issue 13). A domain's summaries are read when its list
// opens, or when a page names one of its items, and kept until the catalogue changes.
//
// Draws never read (no SQL in a draw): domain() and find() answer from what was read and
// note what was missing; the owner calls fetch() after the frame and draws again. The
// owner may also read ahead (read_domain, read_item) — App::load_route_data reads the
// domain a list shows, so the list is there on its first frame; search reads its results'.
//
// Invariant: what the shelf hands out belongs to the catalogue it was set to. Each read
// is one snapshot that first compares the installed catalogue (same_catalogue) with that
// one; another catalogue installed since gives nothing and sets outdated(), and the owner
// reads the index again (App::poll_catalogue does within kCataloguePollMs) and sets the
// shelf to it.
//
//   set(cache, info) ──► nothing read ──draw: domain(d) / find(id) misses──► wanted
//        ▲                     ▲                                               │ fetch()
//        │                     └──────────── d read and kept ◄─────────────────┘
//        └── owner re-reads ◄── outdated (another catalogue): nothing more is read
#pragma once
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cache.h"

namespace gongkai {

// A read that failed is tried again after this long, when a draw asks again: a busy or
// failing disk is not asked every frame, and a passing fault does not blank a list for good.
inline constexpr std::chrono::seconds kShelfRetryAfter{5};

class ItemShelf {
public:
    enum class Shelved {
        NotRead,     // not read yet: a draw's miss is read after the frame
        Read,        // here (possibly empty: a domain without items)
        Unreadable,  // the read failed (retried after kShelfRetryAfter), or another catalogue is installed
    };

    // Reads from `cache` (not owned; nullptr: reads nothing) the catalogue `info` names.
    // Forgets whatever was read before.
    void set(Cache* cache, const CatalogueInfo& info);

    // --- For draws: no I/O. A miss is noted for fetch().
    // The domain's items in display order; empty if not read yet, unknown, unreadable
    // (logged once) or of another catalogue.
    const std::vector<ItemSummary>& domain(std::string_view domain_id) const;
    // Where the domain's summaries stand: a list waits for Read, says so when Unreadable.
    Shelved state(std::string_view domain_id) const;
    // The summary of an item in a domain read so far; nullptr otherwise.
    const ItemSummary* find(std::string_view id) const;

    // --- For the owner, outside a draw.
    // Reads what draws missed since the last call. True if something new can be drawn.
    bool fetch();
    // Reads now, for a controller or ahead of a frame.
    const std::vector<ItemSummary>& read_domain(std::string_view domain_id);
    const ItemSummary* read_item(std::string_view id);

    // A read found another catalogue installed than the one set.
    bool outdated() const { return outdated_; }
    // The first read that found the file damaged (CacheCorrupt) since the last call, or Ok:
    // the owner checks the whole file then (the kiosk) or takes the picture again (--screenshot).
    Error take_damage();
    // Tests shorten the wait before a failed read is tried again.
    void set_retry_after(std::chrono::milliseconds wait) { retry_after_ = wait; }
    // Domains read so far (tests and the benchmark look).
    size_t domains_read() const { return shelves_.size(); }

private:
    struct Shelf {
        std::vector<ItemSummary> rows;
        std::unordered_map<std::string_view, size_t> at;  // id → position in rows (views into rows)
    };
    // The domain's shelf, reading it if it was not; nullptr if it cannot be read.
    const Shelf* read(std::string_view domain_id);
    const ItemSummary* in_shelves(std::string_view id) const;

    Cache* cache_ = nullptr;
    CatalogueInfo info_;
    std::map<std::string, Shelf, std::less<>> shelves_;
    // Read and failed → when it may be tried again.
    std::map<std::string, std::chrono::steady_clock::time_point, std::less<>> unreadable_;
    bool unreadable_now(std::string_view domain_id) const;
    Error damage_;
    std::chrono::milliseconds retry_after_ = kShelfRetryAfter;
    std::unordered_map<std::string, std::string> domain_of_;  // ids looked up → domain, "" for none
    // What draws missed: noted from const accessors (a draw sees a const state), read by fetch().
    mutable std::set<std::string, std::less<>> wanted_domains_, wanted_ids_;
    bool outdated_ = false;
    bool error_logged_ = false;
};

}  // namespace gongkai
