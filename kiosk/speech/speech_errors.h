// Errors of read-aloud (朗读): the speech engine, the audio device, the page to read. See errors.h.
#pragma once
#include "errors.h"

namespace gongkai {

enum class SpeechError {
    EngineUnavailable,  // espeak-ng could not start (its data, espeak-ng-data, is missing or unreadable)
    VoiceMissing,       // espeak-ng has no cmn-latn-pinyin voice
    SynthesisFailed,    // espeak-ng refused a sentence
    AudioUnavailable,   // SDL found no audio device to play through (none, or the driver failed)
    NothingToRead,      // the route is not a page read aloud (only item/<id> and notice/<id> are)
    PageNotFound,       // the item or notice of the route is not in the catalogue
};
const ErrorDomain& error_domain(SpeechError);

}  // namespace gongkai
