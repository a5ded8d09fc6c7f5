// Fuzz target: parse_manifest — manifest.json as fetched from the server. Parsing runs
// before the signature is checked only in tests, but the parser must hold for any bytes.
// Input: the JSON text. An accepted manifest must survive manifest_to_json unchanged.
#include "fuzz_support.h"
#include "manifest.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto m = parse_manifest(fuzz::as_view(data, size));
    if (!m) { (void)m.error().describe(); return 0; }
    std::string text = manifest_to_json(*m);
    auto again = parse_manifest(text);
    if (!again) fuzz::fuzz_fail("an accepted manifest does not re-parse after manifest_to_json");
    if (manifest_to_json(*again) != text) fuzz::fuzz_fail("manifest_to_json is not stable");
    return 0;
}
