// See read_aloud.h.
#include "read_aloud.h"

#include <algorithm>

#include "log.h"
#include "ui_strings.h"

namespace gongkai {

ReadAloud::~ReadAloud() { stop(); }

Error ReadAloud::open_engine() {
    if (!synth_) {
        auto synth = SpeechSynth::create();
        if (!synth) return synth.error();
        synth_ = std::move(*synth);
    }
    if (!player_) {
        auto player = SpeechPlayer::open(synth_->sample_rate());
        if (!player) return player.error();
        player_ = std::move(*player);
        player_->set_volume(volume_);
    }
    return {};
}

void ReadAloud::set_volume(int percent) {
    volume_ = std::clamp(percent, 0, 100);
    if (player_) player_->set_volume(volume_);
}

void ReadAloud::start(Cache& cache, const Route& route) {
    stop();
    if (Error e = open_engine()) {
        log_error("speech", "read-aloud is not available: " + e.describe());
        view_.available = false;
        return;
    }
    // The reading is Mandarin whatever the screen's language (the voice reads pinyin), so
    // its sentences are the Chinese page's.
    auto sentences = page_sentences(cache, route, default_ui_strings());
    if (!sentences) {
        log_error("speech", "cannot read " + route.str() + " aloud: " + sentences.error().describe());
        return;
    }
    sentences_ = std::move(*sentences);
    player_->play(synth_->start(sentence_texts(sentences_)));
    view_.route = route;
    view_.state = PlayerState::Playing;
    current_ = -1;
    poll();
}

void ReadAloud::pause() {
    if (player_ && view_.state == PlayerState::Playing) {
        player_->pause();
        view_.state = PlayerState::Paused;
    }
}

void ReadAloud::resume() {
    if (player_ && view_.state == PlayerState::Paused) {
        player_->resume();
        view_.state = PlayerState::Playing;
    }
}

void ReadAloud::stop() {
    if (synth_) synth_->stop();
    if (player_) player_->stop();
    sentences_.clear();
    current_ = -1;
    view_.state = PlayerState::Idle;
    view_.sentence.clear();
    view_.route = {};
}

bool ReadAloud::poll() {
    if (!player_ || view_.state == PlayerState::Idle) return false;
    if (player_->state() == PlayerState::Finished) {
        stop();
        return true;
    }
    const int now = player_->current_sentence();
    if (now == current_) return false;
    current_ = now;
    view_.sentence = now >= 0 && now < static_cast<int>(sentences_.size()) ? std::string(shown_text(sentences_[now])) : "";
    return true;
}

}  // namespace gongkai
