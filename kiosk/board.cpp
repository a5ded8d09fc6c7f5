// See board.h.
#include "board.h"

#include <algorithm>

namespace gongkai {

std::vector<BoardSlide> board_slides(const CatalogueIndex& index, std::time_t now) {
    std::vector<BoardSlide> urgent, regular;
    for (const Notice& n : index.notices) {
        if (!notice_in_force(n, now)) continue;
        (n.urgent ? urgent : regular).push_back({BoardSlide::Kind::Notice, n.id, n.urgent});
    }
    for (const Interpretation& i : index.interpretations)
        if (in_force(i.valid_from, i.valid_until, now)) regular.push_back({BoardSlide::Kind::Interpretation, i.id, false});
    urgent.insert(urgent.end(), regular.begin(), regular.end());
    return urgent;
}

std::int64_t BoardRotation::dwell_ms(int page) const {
    // Before the first frame lays the slide out, the shortest dwell: the layout comes a frame later.
    const int chars = page >= 0 && page < static_cast<int>(page_chars_.size()) ? page_chars_[page] : 0;
    const std::int64_t s = std::clamp(chars / std::max(cfg_.board_chars_per_s, 1), cfg_.board_min_dwell_s, cfg_.board_max_dwell_s);
    return s * 1000;
}

void BoardRotation::show(const BoardSlide& slide, std::int64_t at_ms) {
    if (!(view_.has_slide && view_.slide == slide)) page_chars_.clear();
    view_.slide = slide;
    view_.has_slide = true;
    view_.page = 0;
    view_.pages = std::max(1, static_cast<int>(page_chars_.size()));
    view_.page_started_ms = at_ms;
    view_.page_ends_ms = at_ms + dwell_ms(0);
    if (slide.urgent) {
        urgent_seen_.insert(slide.id);
        since_urgent_ = 0;
    } else {
        since_urgent_++;
        last_regular_ = slide;
    }
}

BoardSlide BoardRotation::next_slide(const std::vector<BoardSlide>& slides) {
    std::vector<BoardSlide> urgent, regular;
    for (const BoardSlide& s : slides) (s.urgent ? urgent : regular).push_back(s);
    // An urgent notice not yet shown goes first, each in catalogue order, each for its dwell.
    for (const BoardSlide& u : urgent)
        if (!urgent_seen_.count(u.id)) return u;
    // The regular rotation goes on after the last regular slide shown — or, when that one has
    // ended or left the catalogue, with the slide that took its place.
    auto next_regular = [&]() -> BoardSlide {
        auto it = std::find(regular.begin(), regular.end(), last_regular_);
        if (it != regular.end()) return it + 1 == regular.end() ? regular.front() : *(it + 1);
        return regular[static_cast<size_t>(regular_pos_) % regular.size()];
    };
    if (view_.has_slide && view_.slide.urgent) {
        auto it = std::find(urgent.begin(), urgent.end(), view_.slide);
        if (it != urgent.end() && it + 1 != urgent.end()) return *(it + 1);
        return regular.empty() ? urgent.front() : next_regular();
    }
    // urgent_every counts pages, so a long slide does not keep urgent notices away for long.
    if (!urgent.empty() && (regular.empty() || since_urgent_ >= cfg_.board_urgent_every)) return urgent.front();
    return next_regular();
}

bool BoardRotation::tick(const CatalogueIndex& index, std::int64_t now_ms) {
    const BoardView before = view_;
    const std::time_t now = static_cast<std::time_t>(now_ms / 1000);
    view_.now_ms = now_ms;
    view_.open = cfg_.hall_schedule.open_at(now);
    const std::int64_t hall_change_ms = static_cast<std::int64_t>(cfg_.hall_schedule.next_change(now)) * 1000;
    if (!view_.open) {
        view_.has_slide = false;
        view_.paused = false;
        paused_until_ms_ = 0;
        since_urgent_ = 0;
        urgent_seen_.clear();  // tomorrow, urgent notices lead again
        next_change_ms_ = hall_change_ms;
        view_.count = view_.position = 0;
        return view_.open != before.open || before.has_slide;
    }
    const std::vector<BoardSlide> slides = board_slides(index, now);
    view_.paused = paused_until_ms_ != 0 && now_ms < paused_until_ms_;
    view_.paused_left_s = view_.paused ? static_cast<int>((paused_until_ms_ - now_ms + 999) / 1000) : 0;
    if (slides.empty()) {
        view_.has_slide = false;
    } else {
        const bool current_gone = !view_.has_slide || std::find(slides.begin(), slides.end(), view_.slide) == slides.end();
        // A new urgent notice interrupts a regular page (even a paused one: it is urgent); an
        // urgent page shown keeps its dwell, and the new one comes next.
        const BoardSlide* fresh_urgent = nullptr;
        for (const BoardSlide& s : slides)
            if (s.urgent && !urgent_seen_.count(s.id)) { fresh_urgent = &s; break; }
        if (current_gone) {
            show(next_slide(slides), now_ms);
        } else if (fresh_urgent && !view_.slide.urgent) {
            show(*fresh_urgent, now_ms);
        } else if (!view_.paused) {
            // Advance through whole dwell periods. A clock that jumped far ahead (a test's
            // day, a suspended machine) starts the page afresh rather than replaying them.
            for (int guard = 0; now_ms >= view_.page_ends_ms && guard < 1000; guard++) {
                const std::int64_t at = view_.page_ends_ms;
                if (view_.page + 1 < view_.pages) {
                    view_.page++;
                    if (!view_.slide.urgent) since_urgent_++;
                    view_.page_started_ms = at;
                    view_.page_ends_ms = at + dwell_ms(view_.page);
                } else {
                    show(next_slide(slides), at);
                }
            }
            if (now_ms >= view_.page_ends_ms) {
                view_.page_started_ms = now_ms;
                view_.page_ends_ms = now_ms + dwell_ms(view_.page);
            }
        } else {
            // Paused: the page's time starts again when the pause ends.
            const std::int64_t left = view_.page_ends_ms - view_.page_started_ms;
            view_.page_started_ms = paused_until_ms_;
            view_.page_ends_ms = paused_until_ms_ + left;
        }
        if (view_.has_slide && !view_.slide.urgent) {
            // Where the rotation stands among the regular slides, for when this one leaves.
            int pos = 0;
            for (const BoardSlide& sl : slides)
                if (!sl.urgent) {
                    if (sl == view_.slide) regular_pos_ = pos;
                    pos++;
                }
        }
        view_.count = static_cast<int>(slides.size());
        view_.position = static_cast<int>(std::find(slides.begin(), slides.end(), view_.slide) - slides.begin()) + 1;
    }
    next_change_ms_ = hall_change_ms;
    if (view_.has_slide) next_change_ms_ = std::min(next_change_ms_, view_.page_ends_ms);
    if (view_.paused) next_change_ms_ = std::min(next_change_ms_, paused_until_ms_);
    return view_.open != before.open || view_.has_slide != before.has_slide || !(view_.slide == before.slide) ||
           view_.page != before.page || view_.paused != before.paused || view_.paused_left_s != before.paused_left_s ||
           view_.count != before.count;
}

void BoardRotation::touched(std::int64_t now_ms) {
    if (!view_.open) return;
    paused_until_ms_ = now_ms + static_cast<std::int64_t>(cfg_.board_pause_s) * 1000;
}

void BoardRotation::laid_out(const BoardSlide& slide, const std::vector<int>& chars_per_page) {
    if (!view_.has_slide || !(slide == view_.slide) || chars_per_page.empty() || chars_per_page == page_chars_) return;
    page_chars_ = chars_per_page;
    view_.pages = static_cast<int>(page_chars_.size());
    if (view_.page >= view_.pages) view_.page = view_.pages - 1;
    // The page's dwell now knows its length.
    view_.page_ends_ms = view_.page_started_ms + dwell_ms(view_.page);
    next_change_ms_ = std::min(next_change_ms_, view_.page_ends_ms);
}

}  // namespace gongkai
