// SpeechError's names and messages. No `default:` — a new code must be named here.
#include "speech_errors.h"

namespace gongkai {

static const char* speech_error_name(int value) {
    switch (static_cast<SpeechError>(value)) {
    case SpeechError::EngineUnavailable: return "EngineUnavailable";
    case SpeechError::VoiceMissing: return "VoiceMissing";
    case SpeechError::SynthesisFailed: return "SynthesisFailed";
    case SpeechError::AudioUnavailable: return "AudioUnavailable";
    case SpeechError::NothingToRead: return "NothingToRead";
    case SpeechError::PageNotFound: return "PageNotFound";
    }
    return "Unknown";
}

static const char* speech_error_message(int value) {
    switch (static_cast<SpeechError>(value)) {
    case SpeechError::EngineUnavailable: return "the speech engine (espeak-ng) could not start";
    case SpeechError::VoiceMissing: return "the speech engine has no Mandarin pinyin voice (cmn-latn-pinyin)";
    case SpeechError::SynthesisFailed: return "the speech engine could not read a sentence";
    case SpeechError::AudioUnavailable: return "no audio device is available to play speech through";
    case SpeechError::NothingToRead: return "only an item, notice, interpretation or response page can be read aloud";
    case SpeechError::PageNotFound: return "the page to read aloud is not in the catalogue";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(SpeechError) {
    static const ErrorDomain domain{"speech", speech_error_name, speech_error_message};
    return domain;
}

}  // namespace gongkai
