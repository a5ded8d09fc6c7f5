// 朗读 on the kiosk: turns the open page into sentences, has the synth render them on its
// worker and the player play them through SDL audio, and tells the screen which sentence
// is being heard so it can be highlighted and kept in view. The app calls it from the
// frame thread only; the synth's worker and SDL's audio thread never touch the screen.
//
//   Idle ──start(page)──▶ Playing ◀──pause/resume──▶ Paused
//    ▲                      │ every sentence heard        │
//    └──── stop(), another page, the idle reset ──────────┘   (Finished counts as Idle)
//
// The engine and the audio device are opened at the first tap of 朗读, not at start-up:
// a kiosk nobody asks to read aloud never opens an audio device. If either cannot be
// opened the view says so (available = false) and the button gives way to a plain line.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cache.h"
#include "route.h"
#include "speech/page_sentences.h"
#include "speech/speech_player.h"
#include "speech/speech_synth.h"

namespace gongkai {

// What the screen shows of read-aloud.
struct ReadingView {
    bool available = true;           // false once the engine or audio failed to open
    PlayerState state = PlayerState::Idle;
    Route route;                     // the page being read
    std::string sentence;            // the text on screen being heard now ("" when none)
};

class ReadAloud {
public:
    ReadAloud() = default;
    ~ReadAloud();
    // Reads `route`'s page from its start (stopping whatever was read). An error (no audio,
    // no voice, the page gone) is logged and kept in the view; nothing is thrown.
    void start(Cache& cache, const Route& route);
    void pause();
    void resume();
    void stop();
    // Called every step: true when what the screen shows changed (the sentence moved on,
    // or the reading finished).
    bool poll();
    bool playing() const { return view_.state == PlayerState::Playing; }
    // Read-aloud's volume, 0–100 ([display] volume; the staff panel): kept for a player not
    // opened yet, applied at once to one that is.
    void set_volume(int percent);
    int volume() const { return volume_; }
    const ReadingView& view() const { return view_; }

private:
    [[nodiscard]] Error open_engine();

    std::unique_ptr<SpeechSynth> synth_;
    std::unique_ptr<SpeechPlayer> player_;
    std::vector<SpokenSentence> sentences_;
    int current_ = -1;
    int volume_ = 100;
    ReadingView view_;
};

}  // namespace gongkai
