// espeak-ng behind a worker thread. See speech_synth.h.
#include "speech_synth.h"

#include <espeak-ng/espeak_ng.h>

#include <atomic>
#include <cstring>

#include "log.h"
#include "reading.h"
#include "speech_errors.h"

namespace gongkai {

// ---------------------------------------------------------------------------------------------
// SpeechStream
// ---------------------------------------------------------------------------------------------

size_t SpeechStream::samples_available() const {
    std::lock_guard lock(mutex_);
    return size_;
}

size_t SpeechStream::read(size_t from, std::int16_t* out, size_t n) const {
    std::lock_guard lock(mutex_);
    size_t copied = 0;
    while (copied < n && from < size_) {
        size_t in_chunk = from % kChunk;
        size_t take = std::min({n - copied, kChunk - in_chunk, size_ - from});
        std::memcpy(out + copied, chunks_[from / kChunk].get() + in_chunk, take * sizeof(std::int16_t));
        copied += take;
        from += take;
    }
    return copied;
}

std::vector<size_t> SpeechStream::sentence_starts() const {
    std::lock_guard lock(mutex_);
    return starts_;
}

int SpeechStream::sentence_at(size_t sample) const {
    std::lock_guard lock(mutex_);
    auto it = std::upper_bound(starts_.begin(), starts_.end(), sample);
    return static_cast<int>(it - starts_.begin()) - 1;
}

bool SpeechStream::finished() const {
    std::lock_guard lock(mutex_);
    return finished_;
}

bool SpeechStream::stopped() const {
    std::lock_guard lock(mutex_);
    return stopped_;
}

Error SpeechStream::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void SpeechStream::wait() const {
    std::unique_lock lock(mutex_);
    done_cv_.wait(lock, [&] { return finished_; });
}

bool SpeechStream::wait_for(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return done_cv_.wait_for(lock, timeout, [&] { return finished_; });
}

std::vector<std::int16_t> SpeechStream::samples() const {
    std::vector<std::int16_t> out(samples_available());
    out.resize(read(0, out.data(), out.size()));
    return out;
}

void SpeechStream::append(const std::int16_t* samples, size_t n) {
    std::lock_guard lock(mutex_);
    while (n > 0) {
        if (size_ % kChunk == 0 && size_ / kChunk == chunks_.size()) chunks_.push_back(std::make_unique<std::int16_t[]>(kChunk));
        size_t in_chunk = size_ % kChunk;
        size_t take = std::min(n, kChunk - in_chunk);
        std::memcpy(chunks_[size_ / kChunk].get() + in_chunk, samples, take * sizeof(std::int16_t));
        size_ += take;
        samples += take;
        n -= take;
    }
}

void SpeechStream::begin_sentence() {
    std::lock_guard lock(mutex_);
    starts_.push_back(size_);
}

void SpeechStream::finish(bool stopped, Error error) {
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
        stopped_ = stopped;
        error_ = std::move(error);
    }
    done_cv_.notify_all();
}

// ---------------------------------------------------------------------------------------------
// espeak-ng: one global engine, one lock
// ---------------------------------------------------------------------------------------------

// espeak-ng's callback appends through this (SpeechStream::append is private).
struct SpeechStreamWriter {
    static void append(SpeechStream& s, const std::int16_t* samples, size_t n) { s.append(samples, n); }
};

namespace {

// espeak-ng calls the synth callback with this much audio at a time: the longest a stop
// waits. At ~1,500x real time (docs/speech.md) 50 ms of audio is ~0.03 ms of work; a stop
// measured 0.03-0.06 ms from stop() to the stream marked finished.
constexpr int kBufferMs = 50;

struct Engine {
    std::mutex mutex;          // held for every espeak-ng call
    bool initialised = false;
    int sample_rate = 0;
    Error init_error;
};

Engine& engine() {
    static Engine e;
    return e;
}

struct RenderTarget {
    SpeechStream* stream = nullptr;
    const std::atomic<bool>* stop = nullptr;
};
// The render espeak-ng is working for: set under the engine lock around each espeak_Synth.
RenderTarget g_target;

int on_synth(short* wav, int count, espeak_EVENT*) {
    if (wav && count > 0) SpeechStreamWriter::append(*g_target.stream, wav, static_cast<size_t>(count));
    return g_target.stop->load() ? 1 : 0;  // 1: espeak-ng abandons the sentence
}

std::string status_text(espeak_ng_STATUS status) {
    char buf[512] = {};
    espeak_ng_GetStatusCodeMessage(status, buf, sizeof buf);
    return buf;
}

// Under the engine lock.
Error initialise_engine() {
    Engine& e = engine();
    if (e.initialised) return {};
    if (e.init_error) return e.init_error;
    espeak_ng_InitializePath(nullptr);
    espeak_ng_STATUS status = espeak_ng_Initialize(nullptr);
    if (status == ENS_OK) status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, kBufferMs, nullptr);
    if (status != ENS_OK) {
        e.init_error = make_error(SpeechError::EngineUnavailable, status_text(status));
        return e.init_error;
    }
    espeak_SetSynthCallback(on_synth);
    e.sample_rate = espeak_ng_GetSampleRate();
    e.initialised = true;
    return {};
}

// Under the engine lock.
Error select_voice(const SynthOptions& options) {
    espeak_ng_STATUS status = espeak_ng_SetVoiceByName(options.voice.c_str());
    if (status != ENS_OK) return make_error(SpeechError::VoiceMissing, options.voice + ": " + status_text(status));
    espeak_ng_SetParameter(espeakRATE, options.words_per_minute, 0);
    return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// SpeechSynth
// ---------------------------------------------------------------------------------------------

struct SpeechSynth::Job {
    std::vector<std::string> sentences;
    std::shared_ptr<SpeechStream> stream;
    std::atomic<bool> stop{false};
};

Result<std::unique_ptr<SpeechSynth>> SpeechSynth::create(SynthOptions options) {
    int rate = 0;
    {
        std::lock_guard lock(engine().mutex);
        if (Error e = initialise_engine()) return e;
        if (Error e = select_voice(options)) return e;
        rate = engine().sample_rate;
    }
    return std::unique_ptr<SpeechSynth>(new SpeechSynth(std::move(options), rate));
}

SpeechSynth::SpeechSynth(SynthOptions options, int sample_rate)
    : options_(std::move(options)), sample_rate_(sample_rate), worker_([this] { run(); }) {}

SpeechSynth::~SpeechSynth() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
        if (current_) current_->stop = true;
        if (pending_) pending_->stream->finish(true, {});
        pending_.reset();
    }
    cv_.notify_all();
    worker_.join();
}

std::shared_ptr<const SpeechStream> SpeechSynth::start(std::vector<std::string> sentences) {
    auto job = std::make_shared<Job>();
    job->stream = std::make_shared<SpeechStream>();
    job->stream->sample_rate_ = sample_rate_;
    job->stream->sentence_count_ = sentences.size();
    job->sentences = std::move(sentences);
    {
        std::lock_guard lock(mutex_);
        if (current_) current_->stop = true;
        // A job never started is finished as stopped, so whoever waits on it returns.
        if (pending_) pending_->stream->finish(true, {});
        pending_ = job;
    }
    cv_.notify_all();
    return job->stream;
}

void SpeechSynth::stop() {
    std::lock_guard lock(mutex_);
    if (current_) current_->stop = true;
    if (pending_) pending_->stream->finish(true, {});
    pending_.reset();
}

Result<SpeechAudio> SpeechSynth::render(std::vector<std::string> sentences) {
    auto stream = start(std::move(sentences));
    stream->wait();
    if (Error e = stream->error()) return e;
    return SpeechAudio{stream->sample_rate(), stream->samples(), stream->sentence_starts(), stream->stopped()};
}

void SpeechSynth::run() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return quit_ || pending_; });
            if (quit_) return;
            job = std::move(pending_);
            current_ = job;
        }
        render_job(*job);
        std::lock_guard lock(mutex_);
        current_.reset();
    }
}

void SpeechSynth::render_job(Job& job) {
    Error error;
    for (const std::string& sentence : job.sentences) {
        if (job.stop) break;
        // The reading is computed here, on the worker, like the audio.
        const std::string text = espeak_input(reading_of(sentence));
        std::lock_guard lock(engine().mutex);
        job.stream->begin_sentence();
        if (text.empty()) continue;  // nothing speakable (only punctuation or unknown characters)
        if ((error = select_voice(options_))) break;
        g_target = {job.stream.get(), &job.stop};
        espeak_ERROR rc = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
        g_target = {};
        if (rc != EE_OK && !job.stop) {
            error = make_error(SpeechError::SynthesisFailed, "espeak_Synth returned " + std::to_string(rc) + " for: " + sentence);
            break;
        }
    }
    job.stream->finish(job.stop.load(), std::move(error));
}

}  // namespace gongkai
