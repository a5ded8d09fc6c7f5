// Fuzz target: the catalogue bundle — decode_bundle (zstd, then JSON, then the model) with
// a 1 MiB cap on the decompressed JSON, and decode_delta of the same bytes against a fixed
// base (data/bundle_base.json, a three-item catalogue). Input: the compressed bytes.
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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string base = fuzz::read_fuzz_data("bundle_base.json");
    std::string_view input = fuzz::as_view(data, size);
    check_decoded(decode_bundle(input, kFuzzJsonCap));
    check_decoded(decode_delta(input, base, kFuzzJsonCap));
    return 0;
}
