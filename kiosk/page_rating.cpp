// See page_rating.h.
#include "page_rating.h"

#include <algorithm>
#include <ctime>

#include "cache_writer.h"
#include "utf8.h"

namespace gongkai {

bool RatingView::has(FeedbackReason r) const { return std::find(reasons.begin(), reasons.end(), r) != reasons.end(); }

void PageRating::arrived(const Route& route, bool rateable, std::uint64_t now_ms) {
    // A prompt never outlives its page (the app goes on only once it has closed); the
    // thank-you for the page just left shows on this one.
    const bool toast = view_.thanks_toast;
    view_ = RatingView{};
    view_.thanks_toast = toast;
    rateable_ = rateable;
    arrived_ms_ = now_ms;
    reached_end_ = false;
    if (!rateable) return;
    view_.page = route;
    // A page this resident rated already (they came Back to it): thanked, not asked again.
    if (auto found = rated_.find(route.str()); found != rated_.end()) {
        view_.step = RatingView::Step::Thanked;
        view_.rating = found->second;
    }
}

bool PageRating::leaving(std::uint64_t now_ms) {
    if (!rateable_ || view_.prompting) return false;
    view_.editing_comment = false;
    if (view_.step == RatingView::Step::Reasons) {
        record();  // not lost: the reasons and comment so far
        view_.step = RatingView::Step::Thanked;
        thank(now_ms);
        return false;
    }
    if (view_.step != RatingView::Step::Asking || prompt_declined_) return false;
    const bool read = reached_end_ || now_ms - arrived_ms_ >= static_cast<std::uint64_t>(kReadDwellS) * 1000;
    if (!read) return false;
    view_.prompting = true;
    prompt_until_ms_ = now_ms + static_cast<std::uint64_t>(kLeavePromptS) * 1000;
    view_.prompt_seconds_left = kLeavePromptS;
    return true;
}

void PageRating::rate(int level, std::uint64_t now_ms) {
    if (!rateable_ || level < kRatingVeryDissatisfied || level > kRatingVerySatisfied) return;
    if (view_.step == RatingView::Step::Thanked) return;  // one rating per page per resident
    view_.rating = level;
    if (view_.prompting) {
        // On the way out: the level alone, no reasons asked; the app's navigation goes on.
        view_.prompting = false;
        view_.reasons.clear();
        view_.comment.clear();
        record();
        view_.step = RatingView::Step::Thanked;
        thank(now_ms);
        return;
    }
    if (level <= kRatingAsksReason) {
        if (view_.step != RatingView::Step::Reasons) view_.reveal = RatingView::Reveal::Reasons;
        view_.step = RatingView::Step::Reasons;
        return;
    }
    view_.reasons.clear();
    view_.comment.clear();
    view_.editing_comment = false;
    record();
    view_.step = RatingView::Step::Thanked;
}

void PageRating::toggle_reason(FeedbackReason reason) {
    if (view_.step != RatingView::Step::Reasons) return;
    if (view_.has(reason)) std::erase(view_.reasons, reason);
    else view_.reasons.push_back(reason);
    // Kept in the records' order, whatever order they were tapped in.
    std::vector<FeedbackReason> ordered;
    for (FeedbackReason r : kAllFeedbackReasons)
        if (view_.has(r)) ordered.push_back(r);
    view_.reasons = std::move(ordered);
}

void PageRating::open_comment() {
    if (view_.step != RatingView::Step::Reasons || view_.editing_comment) return;
    view_.editing_comment = true;
    view_.reveal = RatingView::Reveal::Comment;
}

void PageRating::submit() {
    if (view_.step != RatingView::Step::Reasons) return;
    view_.editing_comment = false;
    record();
    view_.step = RatingView::Step::Thanked;
}

void PageRating::skip_prompt() {
    if (!view_.prompting) return;
    view_.prompting = false;
    prompt_declined_ = true;
}

// The box holds what a record keeps (kMaxCommentChars): more typed is dropped, so the
// resident sees exactly what will be sent.
void PageRating::type(const std::string& text) {
    if (!view_.editing_comment) return;
    size_t chars = 0;
    for (size_t i = 0; i < view_.comment.size(); chars++) utf8::next(view_.comment, i);
    for (size_t i = 0; i < text.size() && chars < kMaxCommentChars; chars++) {
        const size_t start = i;
        utf8::next(text, i);
        view_.comment.append(text, start, i - start);
    }
}

void PageRating::backspace() {
    if (!view_.editing_comment) return;
    std::string& s = view_.comment;
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty()) s.pop_back();
}

void PageRating::clear_comment() {
    if (view_.editing_comment) view_.comment.clear();
}

void PageRating::replace_end(size_t erase_bytes, const std::string& text) {
    if (!view_.editing_comment) return;
    view_.comment.resize(view_.comment.size() - std::min(erase_bytes, view_.comment.size()));
    type(text);
}

bool PageRating::poll(std::uint64_t now_ms) {
    bool changed = false;
    if (view_.prompting) {
        if (now_ms >= prompt_until_ms_) {
            // Left alone, the prompt goes and so does the resident: as 跳过.
            skip_prompt();
            changed = true;
        } else {
            const int left = static_cast<int>((prompt_until_ms_ - now_ms + 999) / 1000);
            if (left != view_.prompt_seconds_left) {
                view_.prompt_seconds_left = left;
                changed = true;
            }
        }
    }
    if (view_.thanks_toast && now_ms >= toast_until_ms_) {
        view_.thanks_toast = false;
        changed = true;
    }
    return changed;
}

void PageRating::resident_left() {
    if (rateable_ && view_.step == RatingView::Step::Reasons && !view_.prompting) {
        view_.comment.clear();
        record();
    }
    reset();
}

void PageRating::reset() {
    view_ = RatingView{};
    rateable_ = false;
    reached_end_ = false;
    rated_.clear();
    prompt_declined_ = false;
}

bool PageRating::is_default() const { return rated_.empty() && !prompt_declined_ && !view_.prompting && !view_.thanks_toast; }

void PageRating::thank(std::uint64_t now_ms) {
    view_.thanks_toast = true;
    toast_until_ms_ = now_ms + static_cast<std::uint64_t>(kThanksToastS) * 1000;
}

void PageRating::record() {
    rated_[view_.page.str()] = view_.rating;
    Feedback f;
    f.page_kind = view_.page.screen;  // "item" or "notice": only those are rateable
    f.page_id = view_.page.id;
    f.catalogue_version = catalogue_version_;
    f.rating = view_.rating;
    f.reasons = view_.reasons;
    f.comment = view_.comment;
    f.time = std::time(nullptr);
    // The writer names a refusal (OutboxFull, FeedbackInvalid) in the log; the resident is
    // thanked either way — a full outbox is the office's problem to see, not theirs.
    writer_.post("record a rating of " + view_.page.str(), [f = std::move(f), max = outbox_max_bytes_](Cache& cache) -> Error {
        auto added = add_feedback(cache, f, max);
        return added ? Error{} : added.error();
    });
}

}  // namespace gongkai
