// 好差评 on the kiosk (issue 10 §1, docs/feedback.md): the rating of the page being read —
// what the piece at the end of an item or notice page shows (RatingView), the prompt when a
// resident leaves a page they read without rating it, and the records both make, posted to the
// CacheWriter (never written on the frame loop). The app tells it where the resident is, what
// they tapped and what time it is; screens/rating.cpp draws its view.
//
// One page visit (the state of the page shown; `rated_` remembers this resident's pages):
//
//            tap 3–5 (基本满意 … 非常满意): recorded at once
//   Asking ─────────────────────────────────────────────────────────▶ Thanked
//     │  tap 1–2 (不满意, 非常不满意)                                    ▲  ▲
//     ▼                                                                │  │
//   Reasons: chips toggle; the comment box opens the keyboard ── 提交 ─┘  │
//     │      tap 3–5: recorded at once, chips and comment dropped ───────┘
//     │      tap 1–2: the level changes; chips and comment stay
//     └── leaves the page (Back, Home, another page): recorded with what was chosen so far
//
//   Asking, and the resident leaves a page they read (≥ kReadDwellS on it, or scrolled to its
//   end) and has not declined the prompt ──▶ Prompt over the page; the navigation waits
//       a level tapped: recorded (no reasons asked: they are on their way) ──▶ they go on,
//                       with a short "谢谢" (kThanksToastS)
//       跳过, a tap outside the box, or kLeavePromptS untouched ──▶ they go on, nothing
//                       recorded, and the prompt is not shown again until the next resident
//   Idle reset, from any state: nothing recorded, everything forgotten (the resident is gone).
//
// Invariants: at most one record per page per resident; a record is posted only on a
// resident's tap (a level, 提交) or their leaving the page — never by the idle reset; the
// navigation a prompt holds always goes on, whatever the resident does.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "outbox.h"
#include "route.h"

namespace gongkai {

class CacheWriter;

// What the rating piece and the leave prompt draw. Rebuilt by PageRating; frame thread only.
struct RatingView {
    enum class Step { Asking, Reasons, Thanked };
    // The page this is about: an item or notice that exists; a default Route (home) when the
    // page shown has no rating piece.
    Route page;
    Step step = Step::Asking;
    int rating = 0;                       // Reasons, Thanked: 1 … 5
    std::vector<FeedbackReason> reasons;  // chosen chips, in kAllFeedbackReasons order
    std::string comment;                  // as typed (the record masks personal numbers)
    bool editing_comment = false;         // the keyboard shows and types into the comment
    // The piece just grew (the chips, the keyboard): the next frame scrolls the new part into
    // view. The app clears it once a frame has drawn it.
    enum class Reveal { None, Reasons, Comment };
    Reveal reveal = Reveal::None;
    // The leave prompt, over the page, and the seconds before it closes by itself.
    bool prompting = false;
    int prompt_seconds_left = 0;
    // "谢谢您的评价" for a moment on the page the resident went on to.
    bool thanks_toast = false;

    bool has(FeedbackReason r) const;
};

// Rating levels as the UI counts them (outbox.h: 5 非常满意 … 1 非常不满意).
inline constexpr int kRatingLevels = kRatingVerySatisfied - kRatingVeryDissatisfied + 1;

// A resident who spent this long on a page read it: 20 s is two or three short paragraphs at
// an older reader's pace (~250 characters a minute, slower than the ~400 of fluent readers);
// anyone who leaves sooner opened the wrong page or found their answer in the key facts.
inline constexpr int kReadDwellS = 20;
// The leave prompt closes by itself after this: enough to read one question and reach for a
// face (the idle box gives 10 s to read a question and reach the screen; a resident already
// touching it needs less), short enough that someone who did not notice it is not held up.
inline constexpr int kLeavePromptS = 8;
// The thank-you after a rating given on the way out: one short sentence, read in a glance.
inline constexpr int kThanksToastS = 3;

class PageRating {
public:
    // Records are posted to `writer`, refused past `outbox_max_bytes` (add_feedback).
    PageRating(CacheWriter& writer, std::uint64_t outbox_max_bytes) : writer_(writer), outbox_max_bytes_(outbox_max_bytes) {}

    // The version of the catalogue shown: records say which text was rated.
    void set_catalogue_version(std::int64_t version) { catalogue_version_ = version; }
    // The resident now sees `route` (on the app's clock, ms). `rateable`: an item or notice
    // page that exists, so it ends with the rating piece.
    void arrived(const Route& route, bool rateable, std::uint64_t now_ms);
    // The page was scrolled to its end (the app looks each frame).
    void reached_end() { reached_end_ = true; }
    // The resident asked to leave the page. True: the leave prompt opens, and the app holds
    // the navigation until the prompt has closed. False: go now — a low rating not yet sent
    // has been recorded with what was chosen so far.
    bool leaving(std::uint64_t now_ms);
    // A level tapped (1 … 5), in the piece or in the prompt.
    void rate(int level, std::uint64_t now_ms);
    void toggle_reason(FeedbackReason reason);
    void open_comment();
    void submit();
    void skip_prompt();

    // The comment, while the keyboard types into it (at most kMaxCommentChars characters).
    void type(const std::string& text);
    void backspace();
    void clear_comment();
    // A pinyin candidate chosen: the last `erase_bytes` bytes give way to `text`.
    void replace_end(size_t erase_bytes, const std::string& text);

    // Once per loop: counts the prompt down (closing it at 0) and ends the thank-you.
    // True when the view changed (redraw).
    bool poll(std::uint64_t now_ms);
    void revealed() { view_.reveal = RatingView::Reveal::None; }
    // The next resident (the idle reset): nothing recorded, nothing remembered.
    // The idle reset: the resident walked away. A low rating they tapped, with the reasons
    // they ticked, is recorded — both were their taps; a half-typed comment is dropped (it
    // was never sent, and may not be finished). Then everything is forgotten (reset).
    void resident_left();
    void reset();
    bool is_default() const;

    const RatingView& view() const { return view_; }

private:
    void record();  // posts the view's rating for view_.page
    void thank(std::uint64_t now_ms);

    CacheWriter& writer_;
    const std::uint64_t outbox_max_bytes_;
    std::int64_t catalogue_version_ = 0;
    RatingView view_;
    bool rateable_ = false;
    std::uint64_t arrived_ms_ = 0;
    bool reached_end_ = false;
    std::uint64_t prompt_until_ms_ = 0;
    std::uint64_t toast_until_ms_ = 0;
    // This resident's: the pages rated (route → level), and whether they declined the prompt.
    std::map<std::string, int> rated_;
    bool prompt_declined_ = false;
};

}  // namespace gongkai
