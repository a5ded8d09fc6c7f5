// Fuzz target: the catalogue bundle — decode_bundle (zstd, then JSON, then the model) with
// a 1 MiB cap on the decompressed JSON, and decode_delta against a fixed base
// (data/bundle_base.json, the JSON of a five-item catalogue gongkai-publish built).
// Input, by its first byte:
//   'J' + JSON  the harness compresses the JSON and decodes it as a bundle: mutations reach
//               the JSON and model readers, which zstd's checksum hides from raw mutation;
//   'D' + JSON  the same through encode_delta / decode_delta against the base;
//   otherwise   the bytes are a bundle (or delta) as downloaded: both decoders run on them.
#include <zstd.h>

#include "bundle.h"
#include "fuzz_support.h"

using namespace gongkai;

// 1 MiB: far above any seed (a few kB of JSON), far below the 2 GiB RSS limit, so a
// decompression bomb shows up as the cap's BundleCorrupt rather than an out-of-memory.
static constexpr std::size_t kFuzzJsonCap = 1u << 20;

static void check_decoded(const Result<Catalogue>& cat) {
    if (!cat) { (void)cat.error().describe(); return; }
    // An accepted catalogue re-encodes and decodes to the same JSON text.
    std::string json = bundle_json(*cat);
    auto again = decode_bundle(encode_bundle(*cat, 1), kFuzzJsonCap);
    if (json.size() <= kFuzzJsonCap / 2 && (!again || bundle_json(*again) != json))
        fuzz::fuzz_fail("an accepted bundle does not survive encode/decode");
}

static std::string zstd_level1(std::string_view text) {
    std::string out(ZSTD_compressBound(text.size()), '\0');
    size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 1);
    if (ZSTD_isError(n)) fuzz::fuzz_fail("ZSTD_compress failed");
    out.resize(n);
    return out;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string base = fuzz::read_fuzz_data("bundle_base.json");
    std::string_view input = fuzz::as_view(data, size);
    if (!input.empty() && input[0] == 'J') {
        check_decoded(decode_bundle(zstd_level1(input.substr(1)), kFuzzJsonCap));
    } else if (!input.empty() && input[0] == 'D') {
        check_decoded(decode_delta(encode_delta(std::string(input.substr(1)), base), base, kFuzzJsonCap));
    } else {
        check_decoded(decode_bundle(input, kFuzzJsonCap));
        check_decoded(decode_delta(input, base, kFuzzJsonCap));
    }
    return 0;
}
