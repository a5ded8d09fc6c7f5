// Board mode (公示栏): a wall-mounted screen nobody touches, rotating what is in force —
// notices, result lists and interpretations — within the hall's opening hours. This is
// the rotation's state machine; screens/board_screen.cpp draws its view, paging each
// slide to the screen and telling the rotation how many pages and characters it has.
//
//             hall closed (HallSchedule::open_at false)
//   ┌────────┐ ◀──────────────────────────────────────────────┐
//   │ Blank  │  screen black, display off (display_power.h)   │
//   └────────┘ ───── opens ──▶ ┌──────────┐ ──────────────────┘
//                              │  Show    │ page p of slide s, for dwell(p):
//                              │  s, p    │   clamp(chars(p) / chars_per_s, min_dwell_s, max_dwell_s)
//                              └──────────┘
//   dwell over ─▶ p+1, or the next slide (after every urgent_every pages, the urgent ones again)
//   a new urgent notice comes into force ─▶ shown at once (after the urgent page shown, if one is)
//   the slide shown ends or leaves the catalogue ─▶ the next one at once
//   a touch ─▶ Paused for pause_s from the last touch (the page stays; a bar says so)
//   nothing in force ─▶ an "no notices" page with the hall's name, still within hours
//
// Every decision reads the time it is given (the kiosk's wall clock, which --now and
// tests set), never the system's: a test steps a week through it in milliseconds.
#pragma once
#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <vector>

#include "cache.h"
#include "config.h"

namespace gongkai {

struct BoardSlide {
    enum class Kind { Notice, Interpretation };
    Kind kind = Kind::Notice;
    std::string id;
    bool urgent = false;
    bool operator==(const BoardSlide&) const = default;
};

// What the board shows: the screen draws exactly this.
struct BoardView {
    bool open = true;          // within opening hours; false: the screen is blank
    bool paused = false;       // a touch holds the page
    int paused_left_s = 0;
    BoardSlide slide;          // valid when has_slide
    bool has_slide = false;
    int position = 0, count = 0;   // "3 / 12": the slide's place among the regular and urgent slides
    int page = 0, pages = 1;
    std::int64_t page_started_ms = 0, page_ends_ms = 0;  // the progress bar
    std::int64_t now_ms = 0;
};

// The slides in force at `now` on this device, in rotation order: urgent notices first,
// then the other notices and result lists in catalogue order, then interpretations.
// `index` holds only the notices meant for this device (the kiosk drops the others on load).
std::vector<BoardSlide> board_slides(const CatalogueIndex& index, std::time_t now);

class BoardRotation {
public:
    explicit BoardRotation(const Config& cfg) : cfg_(cfg) {}
    // Brings the view to `now_ms` (milliseconds since the epoch). True when what is shown
    // changed (another page, slide, opening state or pause), so a frame must be drawn.
    bool tick(const CatalogueIndex& index, std::int64_t now_ms);
    // A touch: hold the page for pause_s.
    void touched(std::int64_t now_ms);
    // What the screen laid out for the current slide: its pages and the characters on each.
    void laid_out(const BoardSlide& slide, const std::vector<int>& chars_per_page);
    const BoardView& view() const { return view_; }
    // The next moment something changes by itself (a page's end, the hall opening or closing,
    // the pause ending): the app wakes for it.
    std::int64_t next_change_ms() const { return next_change_ms_; }

private:
    std::int64_t dwell_ms(int page) const;
    void show(const BoardSlide& slide, std::int64_t at_ms);
    // The slide after the current one in rotation, urgent interleaving applied.
    BoardSlide next_slide(const std::vector<BoardSlide>& slides);

    const Config& cfg_;
    BoardView view_;
    std::vector<int> page_chars_;      // from the layout; empty until the first frame of a slide
    std::set<std::string> urgent_seen_;  // urgent ids already shown first once
    int since_urgent_ = 0;             // regular pages shown since the urgent ones last came round
    BoardSlide last_regular_;          // where the regular rotation goes on after urgent ones
    int regular_pos_ = 0;              // its place among the regular slides, for when it leaves
    std::int64_t paused_until_ms_ = 0;
    std::int64_t next_change_ms_ = 0;
};

}  // namespace gongkai
