// Fuzz target: a batch file in the office's inbox (batch.h open_batch). Two ways in, by
// the first byte: as it arrived (envelope, signature, payload — almost every mutation
// fails the signature, which is the point), or as a payload the fixed device key signs
// first, so the payload and record checks behind the signature are reached too.
#include <sodium.h>

#include "batch.h"
#include "fuzz_support.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const DeviceKey key = [] {
        if (sodium_init() < 0) fuzz::fuzz_fail("libsodium");
        DeviceKey k;
        unsigned char seed[crypto_sign_SEEDBYTES] = {7};
        crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed);
        k.id = device_id_for(k.public_key);
        return k;
    }();
    auto lookup = [](const std::string& id) -> std::optional<std::array<unsigned char, 32>> {
        if (id == key.id) return key.public_key;
        return std::nullopt;
    };
    if (size == 0) return 0;
    std::string_view input = fuzz::as_view(data + 1, size - 1);
    std::string file;
    if (data[0] & 1) {
        file = std::string(input);
    } else {
        // Sign the input as the payload, exactly as seal_batch would; "@@" stands for the
        // fixed device's id (seeds cannot know it).
        std::string payload(input);
        for (size_t at = 0; (at = payload.find("@@", at)) != std::string::npos; at += key.id.size()) payload.replace(at, 2, key.id);
        input = payload;
        std::string msg = std::string(kBatchSignaturePrefix).append(input);
        unsigned char sig[crypto_sign_BYTES];
        crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key.secret_key.data());
        char b64[sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
        nlohmann::json env = {{"format", "gongkai-batch"}, {"format_version", 1}, {"device_id", key.id},
                              {"signature", b64}, {"payload", payload}};
        file = env.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    auto opened = open_batch(file, lookup);
    if (!opened) {
        (void)opened.error().describe();
        return 0;
    }
    if (opened->device_id != key.id) fuzz::fuzz_fail("opened as another device");
    if (opened->records.size() > kMaxBatchRecords) fuzz::fuzz_fail("more records than the bound");
    for (auto& r : opened->records) {
        if (r.id.size() != 32 || !r.body.is_object()) fuzz::fuzz_fail("a record past the checks is malformed");
        (void)r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    return 0;
}
