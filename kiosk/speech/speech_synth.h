// Speech synthesis for read-aloud: sentences → their reading (reading.h) → espeak-ng's
// cmn-latn-pinyin voice → 16-bit mono PCM at espeak-ng's rate (22,050 Hz), with the sample
// offset where each sentence starts, so the screen can highlight the sentence being read.
//
// Rendering runs on the synth's own worker thread, never the frame loop. What it renders
// goes into a SpeechStream that the player (speech_player.h) plays from while it grows:
// speech starts after the first sentence, not after the page. stop() ends a render within
// one espeak-ng buffer (kBufferMs of audio, well under a millisecond of work).
//
//   start(sentences) ──▶ worker: for each sentence: record its start, synthesize, append
//        │                   └─ stop() or a new start(): espeak-ng's callback returns 1, the
//        ▼                      stream is marked stopped and finished
//   SpeechStream (shared): samples so far, sentence starts, finished / stopped / error
//
// espeak-ng keeps one global state per process: every call to it is made under one lock,
// so several SpeechSynth objects may exist but render one at a time.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "errors.h"

namespace gongkai {

struct SynthOptions {
    std::string voice = "cmn-latn-pinyin";
    // espeak-ng's speed; with the pinyin voice a "word" is a syllable. espeak-ng's default,
    // 175, measured 3.9 syllables a second on a catalogue sentence (37 syllables, 9.6 s);
    // 150 measured 3.2 (11.5 s), chosen for older residents: slower than a news reader (~4).
    int words_per_minute = 150;
};

// Everything rendered for one start(): written by the worker, read from any thread.
class SpeechStream {
public:
    int sample_rate() const { return sample_rate_; }
    size_t sentence_count() const { return sentence_count_; }
    size_t samples_available() const;
    // Copies up to `n` samples starting at sample `from`; returns how many were copied.
    size_t read(size_t from, std::int16_t* out, size_t n) const;
    // The sample where each sentence rendered so far starts (sentence i at [i]).
    std::vector<size_t> sentence_starts() const;
    // The sentence being spoken at `sample`: the last rendered one starting at or before it; -1 before any.
    int sentence_at(size_t sample) const;
    // Every sentence rendered, or the render was stopped, or it failed.
    bool finished() const;
    bool stopped() const;
    Error error() const;
    void wait() const;
    bool wait_for(std::chrono::milliseconds timeout) const;
    // A copy of every sample rendered so far.
    std::vector<std::int16_t> samples() const;

private:
    friend class SpeechSynth;
    friend struct SpeechStreamWriter;  // espeak-ng's callback (speech_synth.cpp)
    // Samples live in fixed chunks so that appending never moves what a reader is copying
    // (a page of ~3 minutes is ~4 M samples: reallocating a vector under the lock would
    // stall the audio callback for milliseconds). 8192 samples = 0.37 s at 22,050 Hz.
    static constexpr size_t kChunk = 8192;
    void append(const std::int16_t* samples, size_t n);
    void begin_sentence();
    void finish(bool stopped, Error error);

    int sample_rate_ = 22050;
    size_t sentence_count_ = 0;
    mutable std::mutex mutex_;
    mutable std::condition_variable done_cv_;
    std::vector<std::unique_ptr<std::int16_t[]>> chunks_;
    size_t size_ = 0;
    std::vector<size_t> starts_;
    bool finished_ = false, stopped_ = false;
    Error error_;
};

// A finished render, for --speak and tests.
struct SpeechAudio {
    int sample_rate = 22050;
    std::vector<std::int16_t> samples;
    std::vector<size_t> sentence_starts;
    bool stopped = false;
};

class SpeechSynth {
public:
    // Starts espeak-ng (once per process) and checks the voice: SpeechError::EngineUnavailable,
    // SpeechError::VoiceMissing.
    static Result<std::unique_ptr<SpeechSynth>> create(SynthOptions options = {});
    ~SpeechSynth();  // stops the render in progress and joins the worker
    SpeechSynth(const SpeechSynth&) = delete;
    SpeechSynth& operator=(const SpeechSynth&) = delete;

    // Renders `sentences` on the worker; a render in progress is stopped first. Returns at once.
    std::shared_ptr<const SpeechStream> start(std::vector<std::string> sentences);
    // Stops the render in progress (its stream ends stopped); returns at once.
    void stop();
    // start() and wait: the whole audio, or the error that ended it.
    Result<SpeechAudio> render(std::vector<std::string> sentences);
    int sample_rate() const { return sample_rate_; }

private:
    struct Job;
    explicit SpeechSynth(SynthOptions options, int sample_rate);
    void run();
    void render_job(Job& job);

    SynthOptions options_;
    int sample_rate_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::shared_ptr<Job> pending_, current_;
    bool quit_ = false;
    std::thread worker_;
};

}  // namespace gongkai
