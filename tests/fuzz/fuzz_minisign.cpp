// Fuzz target: minisign key and signature parsing — parse_public_key on the input, and
// verify() of a fixed message (data/manifest.json, the demo manifest gongkai-publish
// built) against the input as its .minisig, with one fixed trusted key
// (data/trusted.pub, whose secret key signed data/manifest.json.minisig).
#include <vector>

#include "fuzz_support.h"
#include "minisign.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string message = fuzz::read_fuzz_data("manifest.json");
    static const std::vector<minisign::PublicKey> trusted = [] {
        auto key = minisign::parse_public_key(fuzz::read_fuzz_data("trusted.pub"));
        if (!key) fuzz::fuzz_fail("data/trusted.pub does not parse");
        return std::vector<minisign::PublicKey>{*key};
    }();
    std::string_view input = fuzz::as_view(data, size);

    if (auto key = minisign::parse_public_key(input)) {
        // A parsed key prints back to a string that parses to the same key.
        auto again = minisign::parse_public_key(minisign::public_key_string(*key));
        if (!again || again->pk != key->pk || again->key_id != key->key_id) fuzz::fuzz_fail("public key round trip");
    }
    auto verified = minisign::verify(message, input, trusted);
    if (verified && verified->key.pk != trusted.front().pk) fuzz::fuzz_fail("verified by a key that is not trusted");
    if (!verified) (void)verified.error().describe();
    return 0;
}
