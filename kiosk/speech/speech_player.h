// Plays a SpeechStream through SDL audio while the synth may still be filling it, and
// tells the screen which sentence is being heard. SDL's audio thread pulls samples in a
// callback; the frame loop only calls these methods and reads current_sentence().
//
//          play(stream)              pause()
//   Idle ───────────────▶ Playing ◀─────────▶ Paused
//    ▲                      │        resume()    │
//    │  stop() from any     │ the stream is finished and every sample was heard
//    └──────────────────────┴──────▶ Finished ◀──┘ (stop() also ends in Idle)
//
// While the synth is behind (the next sentence not rendered yet) the device plays silence
// and the position waits. Without an audio device (a server, CI with no driver) open()
// fails with SpeechError::AudioUnavailable; nothing crashes. SDL_AUDIODRIVER=dummy or
// disk gives a device that plays nowhere (or into a file), at the real-time rate.
#pragma once
#include <SDL.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "errors.h"
#include "speech_synth.h"

namespace gongkai {

enum class PlayerState { Idle, Playing, Paused, Finished };

class SpeechPlayer {
public:
    // Opens the default audio device at `sample_rate` Hz, mono, 16-bit (SDL converts if the
    // device wants otherwise). SpeechError::AudioUnavailable with SDL's reason.
    static Result<std::unique_ptr<SpeechPlayer>> open(int sample_rate = 22050);
    ~SpeechPlayer();
    SpeechPlayer(const SpeechPlayer&) = delete;
    SpeechPlayer& operator=(const SpeechPlayer&) = delete;

    // Plays `stream` from its start, replacing whatever was playing.
    void play(std::shared_ptr<const SpeechStream> stream);
    void pause();
    void resume();
    // Silence now; back to Idle.
    void stop();
    // 0–100 (the staff panel's [display] volume): the samples are scaled on the audio thread by
    // (percent/100)², a loudness taper — a linear scale puts most of the audible change in
    // the slider's lowest fifth. 100 plays the engine's samples untouched.
    void set_volume(int percent) { volume_percent_ = percent < 0 ? 0 : percent > 100 ? 100 : percent; }

    PlayerState state() const;
    // The sentence being heard (an index into the list given to SpeechSynth::start), or -1
    // when nothing plays. Paused: the sentence paused in.
    int current_sentence() const;
    // Samples heard so far of the current stream.
    size_t position() const { return position_.load(); }

private:
    SpeechPlayer() = default;
    static void SDLCALL callback(void* self, Uint8* out, int bytes);
    void fill(std::int16_t* out, size_t n);

    SDL_AudioDeviceID device_ = 0;
    mutable std::mutex mutex_;  // guards stream_ and state_ against the audio thread
    std::shared_ptr<const SpeechStream> stream_;
    PlayerState state_ = PlayerState::Idle;
    std::atomic<size_t> position_{0};
    std::atomic<int> volume_percent_{100};
};

const char* to_string(PlayerState state);

}  // namespace gongkai
