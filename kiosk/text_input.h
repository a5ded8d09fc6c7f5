// On-screen text input (输入法) for any text field on the kiosk: the keyboard's mode (拼音
// letters or the 手写 pad), the pinyin composition and its candidate bar, the pad's strokes and
// their candidates, and the worker that computes candidates off the frame loop. It owns no
// text: the field (search's query today, a comment box later) holds the text; this component
// is told when the text changed and answers a chosen candidate with the edit to apply.
// The keyboard that draws this state is screens/keyboard.cpp; the engines are input/.
//
// The input state machine (one per kiosk; the idle reset returns it to its start):
//
//                 key/mode.handwriting                    stroke ends
//   ┌─ Pinyin ─────────────────────────▶ Handwriting ──▶ (recognise on the worker)
//   │  bar = candidates for the          │  pad: strokes drawn so far   │
//   │  trailing letters of the text      │  bar = the pad's candidates ◀┘ newest only
//   │  (computed on the worker,          │  cand/N: insert that character, clear the pad
//   │   newest only)                     │  pad/clear: clear the pad and the bar
//   │  cand/N: replace the trailing      │
//   │  letters with the word             │
//   └◀──────────── key/mode.pinyin ──────┘
//   Invariant: the bar shows candidates for what is on screen now (the text's trailing letters
//   in Pinyin, the pad's strokes in Handwriting) or for the input just before it, never for
//   input that is gone: each request has a generation, a result of an older generation is
//   dropped, and every change that makes the bar wrong (a candidate chosen, the pad cleared,
//   the mode switched, the reset) empties it at once.
//
// Threads: the engines load on their own threads at start-up (the pinyin engine ~90 ms and
// 28 MiB; Zinnia's model is memory-mapped, ~10 ms) and again, for pinyin, when the catalogue
// changes (the old engine answers until the new one is ready). Candidates are computed on one
// worker thread that keeps at most one waiting request per kind: a newer keystroke or stroke
// replaces the one not yet started, so a slow request never queues a backlog. The worker calls
// `wake` (thread-safe; the app pushes an SDL event) when a result is ready, so the frame loop
// shows it on its next frame instead of at its next timeout.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "errors.h"
#include "input/handwriting.h"
#include "input/pinyin_ime.h"

namespace gongkai {

enum class InputMode { Pinyin, Handwriting };

// What the keyboard draws. Rebuilt by TextInput on every change; read on the frame thread only.
struct TextInputView {
    InputMode mode = InputMode::Pinyin;
    // Pinyin: the trailing run of letters a-z / A-Z of the text, which the bar's candidates
    // replace (empty: no bar). Kept in Handwriting mode too, unused there.
    std::string composition;
    // The bar, best first: pinyin words for `composition`, or characters for the pad.
    std::vector<std::string> candidates;
    // The pad: the strokes written so far in the pad's pixels (y down), the last one still
    // being written while `stroke_open`. pad_w × pad_h is the box they were written in.
    std::vector<HandwritingStroke> strokes;
    bool stroke_open = false;
    double pad_w = 0, pad_h = 0;
    // The engines: not loaded yet, loaded, or failed (then the error's name is logged and the
    // pad says handwriting is unavailable; a failed pinyin engine leaves the bar empty and the
    // letters still search).
    enum class Engine { Loading, Ready, Failed };
    Engine handwriting = Engine::Loading;
    Engine pinyin = Engine::Loading;
};

// A chosen candidate as an edit of the field's text: drop the last `erase_bytes` bytes (the
// composition's letters, which are ASCII), then append `insert`.
struct TextEdit {
    size_t erase_bytes = 0;
    std::string insert;
};

// The candidates shown at most: ten fill a 1080-px bar with two-character words; more would
// be off the screen's edge (the keyboard draws as many as fit).
inline constexpr size_t kMaxInputCandidates = 10;

struct TextInputOptions {
    std::string handwriting_model = HandwritingRecogniser::kDefaultModel;
    PinyinImeFiles pinyin_files = pinyin_ime_files_from_environment();
};

class TextInput {
public:
    // Loads nothing yet: the handwriting model with load_handwriting, the pinyin engine with
    // catalogue_changed (each on its own thread). `wake` is called from worker threads
    // whenever a result or an engine is ready.
    TextInput(TextInputOptions options, std::function<void()> wake);
    ~TextInput();  // waits for the loads and the candidate in flight
    TextInput(const TextInput&) = delete;
    TextInput& operator=(const TextInput&) = delete;

    // Opens the handwriting model on a thread, the first time only: it needs no catalogue,
    // and until a page takes text it is 26 MiB of resident memory nobody uses.
    void load_handwriting();
    bool handwriting_requested() const { return handwriting_requested_; }

    // The catalogue shown changed: the pinyin engine is loaded again with its words, on a
    // thread; `read_words` runs there too (it opens its own connection to the cache).
    void catalogue_changed(std::function<Result<std::vector<std::string>>()> read_words);

    // Frame thread, once per loop: swaps in loaded engines and the newest candidates.
    // True when the view changed (redraw).
    bool poll();
    // An engine is loading or a candidate request is not answered yet.
    bool busy() const;
    // Waits for the requests not yet answered (then poll() shows them), but not past `budget_ms`
    // after the newest was made: the app waits briefly before drawing, so the usual 1–5-ms
    // answer is drawn in this frame, while a slow one (a scribble) never holds more than one.
    void wait_for_answers(double budget_ms);

    void set_mode(InputMode mode);
    // The field's text is now `text` (typed, deleted, chosen, prefilled): in Pinyin the
    // composition is its trailing letters and the bar is computed for them.
    void text_changed(const std::string& text);

    // The pad, in its own pixels (0..w, 0..h; points outside are clamped to the box).
    void stroke_begin(double x, double y, double w, double h);
    void stroke_point(double x, double y);
    void stroke_end();  // recognition of all strokes so far starts on the worker
    void clear_pad();

    // The resident tapped the candidate `candidate` (its text, as the bar showed it): the edit
    // for the field, or nothing if the bar no longer holds it.
    std::optional<TextEdit> choose(const std::string& candidate);

    // The next resident: Pinyin, an empty pad, no composition, no bar.
    void reset();
    bool is_default() const;

    const TextInputView& view() const { return view_; }
    // Candidate latency as the UI sees it: request made (stroke ended, text changed) to result
    // swapped into the view, for the last answered request, in milliseconds; -1 before any.
    double last_latency_ms() const { return last_latency_ms_; }
    // How many answers were swapped into the view so far (tests wait for the next one).
    std::uint64_t answered() const { return answered_; }

private:
    enum Kind { PinyinRequest = 0, HandwritingRequest = 1, kKinds = 2 };
    struct Answer {
        std::uint64_t generation = 0;
        std::vector<std::string> candidates;
        bool ready = false;
    };
    // What the worker hands back, under `mutex`.
    struct Mailbox {
        std::mutex mutex;
        std::condition_variable answered;
        Answer answers[kKinds];
    };
    class Worker;

    void request_pinyin();
    void request_handwriting();
    void drop_pending(Kind kind);

    TextInputOptions options_;
    std::function<void()> wake_;
    TextInputView view_;
    std::shared_ptr<const PinyinIme> pinyin_;
    std::shared_ptr<const HandwritingRecogniser> handwriting_;
    std::future<Result<std::unique_ptr<PinyinIme>>> pinyin_loading_;
    std::future<Result<std::unique_ptr<HandwritingRecogniser>>> handwriting_loading_;
    bool handwriting_requested_ = false;
    // A catalogue that changed while an engine was loading: loaded next.
    std::function<Result<std::vector<std::string>>()> pinyin_reload_next_;
    std::shared_ptr<Mailbox> mailbox_ = std::make_shared<Mailbox>();
    std::uint64_t generation_[kKinds] = {0, 0};  // the newest request of each kind
    bool waiting_[kKinds] = {false, false};      // a request of this kind is not answered yet
    double requested_at_ms_[kKinds] = {0, 0};
    double last_latency_ms_ = -1;
    std::uint64_t answered_ = 0;
    std::unique_ptr<Worker> worker_;
};

const char* input_mode_name(InputMode mode);  // "pinyin", "handwriting": the mode keys' ids

}  // namespace gongkai
