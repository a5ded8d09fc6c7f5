// RIFF WAV writer: the 44-byte canonical header (RIFF, "fmt " with PCM format 1, "data").
#include "wav.h"

#include <cstdio>
#include <cstring>

namespace gongkai {

namespace {

void put16(std::string& out, std::uint16_t v) { out += char(v & 0xFF); out += char(v >> 8); }
void put32(std::string& out, std::uint32_t v) { for (int i = 0; i < 4; i++) out += char((v >> (8 * i)) & 0xFF); }

}  // namespace

Error write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int sample_rate) {
    const std::uint16_t channels = 1, bits = 16;
    const std::uint32_t data_bytes = static_cast<std::uint32_t>(samples.size() * sizeof(std::int16_t));
    std::string header;
    header += "RIFF";
    put32(header, 36 + data_bytes);  // the rest of the file after this field
    header += "WAVEfmt ";
    put32(header, 16);               // size of the PCM fmt chunk
    put16(header, 1);                // format 1: integer PCM
    put16(header, channels);
    put32(header, static_cast<std::uint32_t>(sample_rate));
    put32(header, static_cast<std::uint32_t>(sample_rate) * channels * bits / 8);  // bytes per second
    put16(header, channels * bits / 8);                                           // bytes per frame
    put16(header, bits);
    header += "data";
    put32(header, data_bytes);
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return make_error(BaseError::FileWriteFailed, path + ": " + std::strerror(errno));
    // Samples are host order; the kiosk's machines are little-endian, as WAV is.
    bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size() &&
              std::fwrite(samples.data(), sizeof(std::int16_t), samples.size(), f) == samples.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) return make_error(BaseError::FileWriteFailed, path);
    return {};
}

}  // namespace gongkai
