// Item summaries, read a domain at a time when a screen first asks for them.
//
// Why: home shows the domains and their counts, nothing of the items. Reading every
// item's summary at start was half of the 50,000-item start-up and 30 MiB home never
// shows (docs/performance.md, issue 13). The kiosk reads a domain's summaries when its
// list opens, or when a page names one of its items, and keeps them until the catalogue
// changes.
//
// Invariant: what the shelf hands out belongs to the catalogue it was set to. Each read
// is one snapshot that first compares the installed catalogue (same_catalogue) with that
// one; another catalogue installed since gives nothing and sets outdated(), and the
// owner reads the index again (App::poll_catalogue does within kCataloguePollMs) and
// sets the shelf to it.
//
//   set(cache, info) ──► empty ──domain(d) / find(id)──► d read and kept ──► …
//        ▲                          │ another catalogue installed
//        └──── owner re-reads ◄──── outdated: every answer empty / nullptr
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cache.h"

namespace gongkai {

class ItemShelf {
public:
    // Reads from `cache` (not owned; nullptr: reads nothing) the catalogue `info` names.
    // Forgets whatever was read before.
    void set(Cache* cache, const CatalogueInfo& info);

    // The domain's items in display order; empty for an unknown domain, an unreadable
    // cache (logged once) or another catalogue installed.
    const std::vector<ItemSummary>& domain(std::string_view domain_id) const;
    // The summary of an item, reading its domain first if needed; nullptr if it is not
    // in this catalogue.
    const ItemSummary* find(std::string_view id) const;
    // A read found another catalogue installed than the one set.
    bool outdated() const { return outdated_; }
    // Domains read so far (tests and the benchmark look).
    size_t domains_read() const { return shelves_.size(); }

private:
    struct Shelf {
        std::vector<ItemSummary> rows;
        std::unordered_map<std::string_view, size_t> at;  // id → position in rows (views into rows)
    };
    const Shelf* read(std::string_view domain_id) const;

    Cache* cache_ = nullptr;
    CatalogueInfo info_;
    // Read lazily from const accessors: the screens draw from a const state, and what
    // they are given does not change, only how much of it is in memory.
    mutable std::map<std::string, Shelf, std::less<>> shelves_;
    // Ids asked for that are in no domain read so far → their domain ("" for none), so a
    // page asking every frame asks the cache once.
    mutable std::unordered_map<std::string, std::string> domain_of_;
    mutable bool outdated_ = false;
    mutable bool error_logged_ = false;
};

}  // namespace gongkai
