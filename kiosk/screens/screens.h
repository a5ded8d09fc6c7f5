// The kiosk's screens: one per file, each a function of the state it is given that
// draws with Ui and reports what the resident did through Ui::emit. No SQL, no file
// I/O here: the app loads what a screen needs before the frame (app.cpp).
#pragma once
#include <string>
#include <vector>

#include "cache.h"
#include "route.h"
#include "ui.h"

namespace gongkai {

// What the search screen shows; the app runs the query (search.h) on every change.
struct SearchView {
    std::string query;
    std::string domain_id;  // the chip selected; "" = all
    struct Row {
        Route route;
        std::string title, domain, line;
        int highlight_begin = -1, highlight_end = -1;
    };
    std::vector<Row> rows;
};

struct ScreenState {
    const CatalogueIndex& index;
    Route route;
    std::string today;                 // YYYY-MM-DD, for notices
    const Item* item = nullptr;        // item/<id>: the item, if it loaded
    std::vector<Item> linked;          // item/<id>: the items it links to
    bool stale = false;                // the installed catalogue may be out of date
    const SearchView* search = nullptr;
};

// The top bar: Back and Home, always in the same place and the same size.
void top_bar(Ui& ui, const ScreenState& s, std::string_view title, float height);
// Shown on every screen while the catalogue is past its signed expiry.
void stale_notice(Ui& ui);
void home_screen(Ui& ui, const ScreenState& s);
void domain_screen(Ui& ui, const ScreenState& s);
void item_screen(Ui& ui, const ScreenState& s);
void notice_screen(Ui& ui, const ScreenState& s);
void search_screen(Ui& ui, const ScreenState& s);
// The on-screen keyboard under the search results: its height, and drawing it.
float search_keyboard_height(const Ui& ui);
void search_keyboard(Ui& ui);

// The title shown in the top bar for a route.
std::string route_title(const ScreenState& s);

}  // namespace gongkai
