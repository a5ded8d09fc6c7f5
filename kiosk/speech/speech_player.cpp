// SDL audio for read-aloud. See speech_player.h.
#include "speech_player.h"

#include <cstring>

#include "speech_errors.h"

namespace gongkai {

// 1024 samples = 46 ms at 22,050 Hz per callback: the highlight lags the voice by at most
// that, and the audio thread wakes ~22 times a second.
constexpr Uint16 kDeviceSamples = 1024;

Result<std::unique_ptr<SpeechPlayer>> SpeechPlayer::open(int sample_rate) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return make_error(SpeechError::AudioUnavailable, std::string("SDL audio: ") + SDL_GetError());
    std::unique_ptr<SpeechPlayer> player(new SpeechPlayer());
    SDL_AudioSpec want{}, have{};
    want.freq = sample_rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = kDeviceSamples;
    want.callback = &SpeechPlayer::callback;
    want.userdata = player.get();
    // allowed_changes 0: SDL converts to whatever the device needs; our callback always
    // sees 16-bit mono at the synth's rate.
    player->device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (player->device_ == 0) {
        std::string why = SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return make_error(SpeechError::AudioUnavailable, "SDL_OpenAudioDevice: " + why);
    }
    SDL_PauseAudioDevice(player->device_, 0);  // the callback runs from now on, playing silence while Idle
    return player;
}

SpeechPlayer::~SpeechPlayer() {
    if (device_) SDL_CloseAudioDevice(device_);  // waits for the callback to return
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SpeechPlayer::play(std::shared_ptr<const SpeechStream> stream) {
    std::lock_guard lock(mutex_);
    stream_ = std::move(stream);
    position_ = 0;
    state_ = stream_ ? PlayerState::Playing : PlayerState::Idle;
}

void SpeechPlayer::pause() {
    std::lock_guard lock(mutex_);
    if (state_ == PlayerState::Playing) state_ = PlayerState::Paused;
}

void SpeechPlayer::resume() {
    std::lock_guard lock(mutex_);
    if (state_ == PlayerState::Paused) state_ = PlayerState::Playing;
}

void SpeechPlayer::stop() {
    std::lock_guard lock(mutex_);
    stream_.reset();
    position_ = 0;
    state_ = PlayerState::Idle;
}

PlayerState SpeechPlayer::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

int SpeechPlayer::current_sentence() const {
    std::lock_guard lock(mutex_);
    if (!stream_ || state_ == PlayerState::Idle || state_ == PlayerState::Finished) return -1;
    return stream_->sentence_at(position_.load());
}

void SDLCALL SpeechPlayer::callback(void* self, Uint8* out, int bytes) {
    static_cast<SpeechPlayer*>(self)->fill(reinterpret_cast<std::int16_t*>(out), static_cast<size_t>(bytes) / sizeof(std::int16_t));
}

// On SDL's audio thread. The lock is held only for a copy of at most kDeviceSamples samples.
void SpeechPlayer::fill(std::int16_t* out, size_t n) {
    std::lock_guard lock(mutex_);
    size_t got = 0;
    if (state_ == PlayerState::Playing && stream_) {
        // finished() first: samples appended between the two calls are then still played.
        const bool finished = stream_->finished();
        got = stream_->read(position_.load(), out, n);
        position_ += got;
        if (got < n && finished && position_.load() >= stream_->samples_available()) state_ = PlayerState::Finished;
    }
    std::memset(out + got, 0, (n - got) * sizeof(std::int16_t));
    const int volume = volume_percent_.load();
    if (volume < 100) {
        const float gain = (volume / 100.0f) * (volume / 100.0f);
        for (size_t i = 0; i < got; i++) out[i] = static_cast<std::int16_t>(static_cast<float>(out[i]) * gain);
    }
}

const char* to_string(PlayerState state) {
    switch (state) {
    case PlayerState::Idle: return "idle";
    case PlayerState::Playing: return "playing";
    case PlayerState::Paused: return "paused";
    case PlayerState::Finished: return "finished";
    }
    return "unknown";
}

}  // namespace gongkai
