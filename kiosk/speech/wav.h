// A standard RIFF WAV file (PCM, 16-bit little-endian) of speech, for `--speak … --wav`
// and for listening to what read-aloud says without a speaker.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "errors.h"

namespace gongkai {

// Writes `samples` (mono, `sample_rate` Hz) to `path`, replacing it. BaseError::FileWriteFailed.
Error write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int sample_rate);

}  // namespace gongkai
