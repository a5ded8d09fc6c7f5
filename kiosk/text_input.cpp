// See text_input.h.
#include "text_input.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "log.h"

namespace gongkai {

const char* input_mode_name(InputMode mode) {
    switch (mode) {
    case InputMode::Pinyin: return "pinyin";
    case InputMode::Handwriting: return "handwriting";
    }
    return "?";
}

static double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One thread; one waiting job per kind. Posting a job of a kind whose previous job has not
// started replaces it: only the newest input is worth computing.
class TextInput::Worker {
public:
    Worker() : thread_([this] { run(); }) {}
    ~Worker() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wanted_.notify_all();
        thread_.join();
    }
    void post(int kind, std::function<void()> job) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            jobs_[kind] = std::move(job);
        }
        wanted_.notify_one();
    }

private:
    void run() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wanted_.wait(lock, [&] { return stop_ || jobs_[0] || jobs_[1]; });
                if (stop_) return;
                for (auto& waiting : jobs_)
                    if (waiting) {
                        job = std::move(waiting);
                        waiting = nullptr;
                        break;
                    }
            }
            job();
        }
    }
    std::mutex mutex_;
    std::condition_variable wanted_;
    std::function<void()> jobs_[kKinds];
    bool stop_ = false;
    std::thread thread_;  // last: starts once the members above exist
};

TextInput::TextInput(TextInputOptions options, std::function<void()> wake)
    : options_(std::move(options)), wake_(std::move(wake)), worker_(std::make_unique<Worker>()) {}

void TextInput::load_handwriting() {
    if (handwriting_requested_) return;
    handwriting_requested_ = true;
    // Zinnia memory-maps its 26-MB model: ~10 ms, but on a slow disk's first read longer, so a
    // thread opens it like the pinyin engine.
    handwriting_loading_ = std::async(std::launch::async, [model = options_.handwriting_model, wake = wake_] {
        auto opened = HandwritingRecogniser::open(model);
        if (wake) wake();
        return opened;
    });
}

TextInput::~TextInput() {
    worker_.reset();  // the job in flight finishes; the waiting ones are dropped
    if (handwriting_loading_.valid()) handwriting_loading_.wait();
    if (pinyin_loading_.valid()) pinyin_loading_.wait();
}

void TextInput::catalogue_changed(std::function<Result<std::vector<std::string>>()> read_words) {
    // One load at a time: a catalogue that changes during a load is loaded after it.
    if (pinyin_loading_.valid()) {
        pinyin_reload_next_ = std::move(read_words);
        return;
    }
    pinyin_loading_ = std::async(std::launch::async, [files = options_.pinyin_files, read = std::move(read_words), wake = wake_] {
        std::vector<std::string> words;
        if (auto read_ok = read()) words = std::move(*read_ok);
        else log_error("input", "the catalogue's words for the pinyin candidates could not be read (loading without them): " +
                                    read_ok.error().describe());
        auto engine = PinyinIme::load(files, words);
        if (wake) wake();
        return engine;
    });
}

bool TextInput::poll() {
    bool changed = false;
    auto ready = [](auto& future) {
        return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    };
    if (ready(handwriting_loading_)) {
        auto opened = handwriting_loading_.get();
        if (opened) {
            handwriting_ = std::move(*opened);
            view_.handwriting = TextInputView::Engine::Ready;
            if (view_.mode == InputMode::Handwriting && !view_.strokes.empty() && !view_.stroke_open) request_handwriting();
        } else {
            log_error("input", "handwriting is unavailable: " + opened.error().describe());
            view_.handwriting = TextInputView::Engine::Failed;
        }
        changed = true;
    }
    if (ready(pinyin_loading_)) {
        auto loaded = pinyin_loading_.get();
        if (loaded) {
            log_info("input", "pinyin candidates ready (" + std::to_string((*loaded)->extra_words_added()) + " catalogue words)");
            pinyin_ = std::move(*loaded);
            view_.pinyin = TextInputView::Engine::Ready;
            if (view_.mode == InputMode::Pinyin) request_pinyin();
        } else {
            // The engine already loaded (an older catalogue's) keeps answering.
            log_error("input", "pinyin candidates are unavailable: " + loaded.error().describe());
            if (!pinyin_) view_.pinyin = TextInputView::Engine::Failed;
        }
        if (pinyin_reload_next_) catalogue_changed(std::exchange(pinyin_reload_next_, nullptr));
        changed = true;
    }
    std::lock_guard<std::mutex> lock(mailbox_->mutex);
    for (int kind = 0; kind < kKinds; kind++) {
        Answer& answer = mailbox_->answers[kind];
        if (!answer.ready) continue;
        answer.ready = false;
        if (!waiting_[kind] || answer.generation != generation_[kind]) continue;  // stale: the input moved on
        waiting_[kind] = false;
        const bool shown = (kind == PinyinRequest) == (view_.mode == InputMode::Pinyin);
        if (!shown) continue;
        view_.candidates = std::move(answer.candidates);
        last_latency_ms_ = now_ms() - requested_at_ms_[kind];
        answered_++;
        changed = true;
    }
    return changed;
}

bool TextInput::busy() const {
    return pinyin_loading_.valid() || handwriting_loading_.valid() || waiting_[PinyinRequest] || waiting_[HandwritingRequest];
}

void TextInput::wait_for_answers(double budget_ms) {
    double newest = 0;
    for (int kind = 0; kind < kKinds; kind++)
        if (waiting_[kind]) newest = std::max(newest, requested_at_ms_[kind]);
    const double left = newest + budget_ms - now_ms();
    if (left <= 0) return;
    std::unique_lock<std::mutex> lock(mailbox_->mutex);
    mailbox_->answered.wait_for(lock, std::chrono::duration<double, std::milli>(left), [&] {
        for (int kind = 0; kind < kKinds; kind++)
            if (waiting_[kind] && !(mailbox_->answers[kind].ready && mailbox_->answers[kind].generation == generation_[kind]))
                return false;
        return true;
    });
}

void TextInput::drop_pending(Kind kind) {
    generation_[kind]++;
    waiting_[kind] = false;
}

void TextInput::request_pinyin() {
    drop_pending(PinyinRequest);
    if (view_.composition.empty()) {
        view_.candidates.clear();
        return;
    }
    if (!pinyin_) return;  // poll() asks again when the engine is ready
    // Longer than the engine takes (PinyinTooLong): no bar; the letters still search.
    if (view_.composition.size() > kMaxPinyinLetters) {
        view_.candidates.clear();
        return;
    }
    const std::uint64_t generation = generation_[PinyinRequest];
    waiting_[PinyinRequest] = true;
    requested_at_ms_[PinyinRequest] = now_ms();
    worker_->post(PinyinRequest, [engine = pinyin_, typed = view_.composition, generation, mailbox = mailbox_, wake = wake_] {
        std::vector<std::string> bar;
        if (auto got = engine->candidates(typed, kMaxInputCandidates)) bar = std::move(*got);
        else log_warn("input", "no pinyin candidates for \"" + typed + "\": " + got.error().describe());
        {
            std::lock_guard<std::mutex> lock(mailbox->mutex);
            mailbox->answers[PinyinRequest] = {generation, std::move(bar), true};
        }
        mailbox->answered.notify_all();
        if (wake) wake();
    });
}

void TextInput::request_handwriting() {
    drop_pending(HandwritingRequest);
    if (view_.strokes.empty()) {
        view_.candidates.clear();
        return;
    }
    if (!handwriting_) return;
    const std::uint64_t generation = generation_[HandwritingRequest];
    waiting_[HandwritingRequest] = true;
    requested_at_ms_[HandwritingRequest] = now_ms();
    HandwrittenCharacter written{view_.pad_w, view_.pad_h, view_.strokes};
    worker_->post(HandwritingRequest, [engine = handwriting_, written = std::move(written), generation, mailbox = mailbox_,
                                       wake = wake_] {
        std::vector<std::string> bar;
        if (auto got = engine->recognise(written, {kMaxInputCandidates, true}))
            for (auto& c : *got) bar.push_back(std::move(c.character));
        else log_warn("input", "handwriting not recognised: " + got.error().describe());
        {
            std::lock_guard<std::mutex> lock(mailbox->mutex);
            mailbox->answers[HandwritingRequest] = {generation, std::move(bar), true};
        }
        mailbox->answered.notify_all();
        if (wake) wake();
    });
}

void TextInput::set_mode(InputMode mode) {
    if (mode == view_.mode) return;
    view_.mode = mode;
    view_.candidates.clear();
    drop_pending(PinyinRequest);
    drop_pending(HandwritingRequest);
    if (mode == InputMode::Pinyin) request_pinyin();
    else if (!view_.stroke_open) request_handwriting();
}

// The trailing run of ASCII letters: what a candidate would replace. "低保sq" → "sq".
static std::string trailing_letters(const std::string& text) {
    size_t begin = text.size();
    while (begin > 0) {
        const char c = text[begin - 1];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
        begin--;
    }
    return text.substr(begin);
}

void TextInput::text_changed(const std::string& text) {
    std::string composition = trailing_letters(text);
    if (composition == view_.composition) return;
    view_.composition = std::move(composition);
    // The bar keeps the previous candidates until the new ones arrive (no flicker on every
    // key), except when there is nothing left to compose.
    if (view_.mode == InputMode::Pinyin) request_pinyin();
}

void TextInput::stroke_begin(double x, double y, double w, double h) {
    if (view_.mode != InputMode::Handwriting || w < 1 || h < 1) return;
    // The pad changed size (a look toggle) between strokes: the old strokes no longer fit.
    if (w != view_.pad_w || h != view_.pad_h) view_.strokes.clear();
    view_.pad_w = w;
    view_.pad_h = h;
    // A resident's corrections beyond the engine's limit are not drawn: the pad is full.
    if (view_.strokes.size() >= kMaxHandwritingStrokes) return;
    view_.strokes.emplace_back();
    view_.stroke_open = true;
    stroke_point(x, y);
}

void TextInput::stroke_point(double x, double y) {
    if (!view_.stroke_open || view_.strokes.back().size() >= kMaxHandwritingPointsPerStroke) return;
    // A finger that slides off the pad keeps writing along its edge.
    const HandwritingPoint p{std::clamp(x, 0.0, view_.pad_w), std::clamp(y, 0.0, view_.pad_h)};
    // The lift is reported where the last move was: one point, not two.
    HandwritingStroke& stroke = view_.strokes.back();
    if (!stroke.empty() && stroke.back().x == p.x && stroke.back().y == p.y) return;
    stroke.push_back(p);
}

void TextInput::stroke_end() {
    if (!view_.stroke_open) return;
    view_.stroke_open = false;
    request_handwriting();
}

void TextInput::clear_pad() {
    view_.strokes.clear();
    view_.stroke_open = false;
    if (view_.mode == InputMode::Handwriting) view_.candidates.clear();
    drop_pending(HandwritingRequest);
}

std::optional<TextEdit> TextInput::choose(const std::string& candidate) {
    if (std::find(view_.candidates.begin(), view_.candidates.end(), candidate) == view_.candidates.end()) return std::nullopt;
    TextEdit edit{0, candidate};
    if (view_.mode == InputMode::Pinyin) {
        edit.erase_bytes = view_.composition.size();
        view_.composition.clear();
        view_.candidates.clear();
        drop_pending(PinyinRequest);
    } else {
        clear_pad();  // ready for the next character
    }
    return edit;
}

void TextInput::reset() {
    view_.mode = InputMode::Pinyin;
    view_.composition.clear();
    view_.candidates.clear();
    view_.strokes.clear();
    view_.stroke_open = false;
    drop_pending(PinyinRequest);
    drop_pending(HandwritingRequest);
}

bool TextInput::is_default() const {
    return view_.mode == InputMode::Pinyin && view_.composition.empty() && view_.candidates.empty() && view_.strokes.empty();
}

}  // namespace gongkai
