// Fuzz target: open_batch and the office's record checks — the bytes a device (or anyone
// holding a client certificate) PUTs into the office's inbox, as gongkai-publish collect reads
// them. The device key is fixed (kFuzzDeviceSeed), so a seed signed with it verifies.
// Input: a whole batch file; or `P` + payload text, which the harness signs with the fixed
// key and wraps in the envelope, so mutations reach the payload and record readers behind
// the signature. Every record of an accepted batch goes through its kind's check; what a
// check accepts must be within the bounds it promises.
#include <sodium.h>

#include "batch.h"
#include "fuzz_support.h"
#include "office_records.h"
#include "outbox.h"

using namespace gongkai;

namespace {

// The seed of the fuzz device's Ed25519 key (tests/fuzz/corpus/fuzz_batch/ is signed with it).
constexpr unsigned char kFuzzDeviceSeed[32] = {'g', 'o', 'n', 'g', 'k', 'a', 'i', ' ', 'f', 'u', 'z', 'z', ' ', 'd', 'e', 'v',
                                               'i', 'c', 'e', ' ', 'k', 'e', 'y', ' ', 's', 'e', 'e', 'd', ' ', 'v', '1', '!'};

const DeviceKey& fuzz_key() {
    static const DeviceKey key = [] {
        if (sodium_init() < 0) fuzz::fuzz_fail("sodium_init");
        DeviceKey k;
        crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), kFuzzDeviceSeed);
        k.id = device_id_for(k.public_key);
        return k;
    }();
    return key;
}

std::string envelope_for(std::string_view payload) {
    const DeviceKey& k = fuzz_key();
    std::string msg = std::string(kBatchSignaturePrefix).append(payload);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), k.secret_key.data());
    char b64[sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    nlohmann::json env = {{"format", "gongkai-batch"}, {"format_version", 1}, {"device_id", k.id}, {"signature", b64},
                          {"payload", std::string(payload)}};
    return env.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input = fuzz::as_view(data, size);
    std::string file = !input.empty() && input[0] == 'P' ? envelope_for(input.substr(1)) : std::string(input);
    const DeviceKey& key = fuzz_key();
    auto batch = open_batch(file, [&](const std::string& id) -> std::optional<std::array<unsigned char, 32>> {
        if (id == key.id) return key.public_key;
        return std::nullopt;
    });
    if (!batch) { (void)batch.error().describe(); return 0; }
    if (batch->records.size() > kMaxBatchRecords) fuzz::fuzz_fail("more records than a batch may hold");
    for (const BatchRecord& r : batch->records) {
        switch (r.kind) {
        case OutboxKind::Feedback:
            if (auto f = check_feedback_record(r.body)) {
                if (f->rating < 1 || f->rating > 5) fuzz::fuzz_fail("an accepted rating outside 1-5");
                if (utf8_length(f->comment) > kMaxCommentChars) fuzz::fuzz_fail("an accepted comment over 200 characters");
                if (f->page_id.empty() || f->page_id.size() > kMaxFeedbackIdBytes) fuzz::fuzz_fail("an accepted page id out of bounds");
            }
            break;
        case OutboxKind::Misses:
            if (auto m = check_misses_record(r.body)) {
                if (m->queries.size() > kMaxMissQueriesPerDay) fuzz::fuzz_fail("an accepted day with too many queries");
                for (auto& q : m->queries)
                    if (q.query.empty() || utf8_length(q.query) > kMaxMissQueryChars || q.count < 1) fuzz::fuzz_fail("an accepted query out of bounds");
            }
            break;
        case OutboxKind::Heartbeat:
            if (auto h = check_heartbeat_record(r.body)) {
                if (h->body.size() > kMaxHeartbeatBytes) fuzz::fuzz_fail("an accepted heartbeat over its size");
                if (!nlohmann::json::accept(h->body)) fuzz::fuzz_fail("a kept heartbeat is not JSON");
            }
            break;
        }
    }
    return 0;
}
