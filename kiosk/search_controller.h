// Search on the kiosk: owns what the search screen shows (SearchView), the search index
// and its rebuild on a worker thread, and counting the queries that found little.
// The app feeds it the catalogue and the resident's keys; the screen only draws its view.
//
//   catalogue changed ──▶ build index on a worker (own read-only connection) ──▶ poll()
//   swaps it in and re-runs the query; until then the previous index answers.
#pragma once
#include <future>
#include <memory>
#include <string>
#include <unordered_map>

#include "cache.h"
#include "screens/screens.h"
#include "search_index.h"
#include "ui_strings.h"

namespace gongkai {

class CacheWriter;

class SearchController {
public:
    // A build's index, or why there is none.
    struct Built {
        std::shared_ptr<const SearchIndex> index;
        Error error;
    };
    SearchController(const UiStrings& strings, CacheWriter& writer) : strings_(&strings), writer_(writer) {}
    ~SearchController();

    // A new catalogue is shown: rebuild the index from `cache` (a worker thread on its own
    // connection, or here for an in-memory cache, which has no second connection).
    void catalogue_changed(const CatalogueIndex& index, ItemShelf& items, Cache& cache);
    // Swaps in a finished index; true if the results may have changed (redraw).
    bool poll();
    bool building() const { return pending_.valid(); }
    // The first build that found the cache file damaged (CacheCorrupt) since the last call,
    // or Ok: the app acts on it as on a damaged read of the item shelf.
    Error take_damage() {
        Error d = std::move(damage_);
        damage_ = {};
        return d;
    }

    void enter(std::string query);  // the resident opened search (search/<query> prefills)
    void leave();                   // ... and left it: a query that found little is counted
    void type(const std::string& text);
    void backspace();
    void clear();
    // A candidate chosen: the last `erase_bytes` bytes of the query (the pinyin letters it
    // replaces) give way to `text`, and the query runs once.
    void replace_end(size_t erase_bytes, const std::string& text);
    void filter(std::string domain_id);
    // The next resident: nothing the last one typed or chose stays (the idle reset).
    void reset() { view_ = SearchView{}; view_.unavailable = !have_index_ && !pending_.valid(); }

    // The resident switched language: result lines are composed with the new table.
    void set_strings(const UiStrings& strings) {
        strings_ = &strings;
        run();
    }

    const SearchView& view() const { return view_; }

private:
    void run();
    void swap_in(Built built);
    Error damage_;

    const UiStrings* strings_;
    CacheWriter& writer_;
    const CatalogueIndex* index_ = nullptr;
    ItemShelf* items_ = nullptr;  // the results' summaries (their domains are read as found)
    std::shared_ptr<const SearchIndex> search_index_ = std::make_shared<SearchIndex>();
    bool have_index_ = false;  // search_index_ was built from a catalogue (not the empty start)
    // Building the index takes ~0.5 s at 50,000 items: a worker does it, and poll() swaps
    // it in when ready, so the screen never freezes.
    std::future<Built> pending_;
    SearchView view_;
};

}  // namespace gongkai
