// See batch.h.
#include "batch.h"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "file_write.h"
#include "json_limits.h"
#include "manifest.h"  // sha256_hex

namespace gongkai {

namespace {

std::string b64(const unsigned char* data, size_t n) {
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
    out.pop_back();  // the terminating NUL
    return out;
}

// Exactly `n` bytes from base64, or false.
bool unb64_exact(std::string_view text, unsigned char* out, size_t n) {
    size_t len = 0;
    if (text.size() > 4 * n) return false;
    if (sodium_base642bin(out, n, text.data(), text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) return false;
    return len == n;
}

bool is_hex_id(const std::string& s) {
    if (s.size() != 32) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string signed_bytes(std::string_view payload) { return std::string(kBatchSignaturePrefix).append(payload); }

Error key_error(const std::string& path, const std::string& what) {
    return make_error(CatalogueError::DeviceKeyInvalid, path + ": " + what);
}

}  // namespace

std::string DeviceKey::public_key_base64() const { return b64(public_key.data(), public_key.size()); }

std::string device_id_for(const std::array<unsigned char, 32>& public_key) {
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, public_key.data(), 16);
    return hex;
}

std::optional<std::array<unsigned char, 32>> parse_device_public_key(std::string_view base64) {
    std::array<unsigned char, 32> pk{};
    if (!unb64_exact(base64, pk.data(), pk.size())) return std::nullopt;
    return pk;
}

Result<DeviceKey> load_device_key(const std::string& path) {
    if (sodium_init() < 0) return key_error(path, "libsodium failed to initialise");
    struct stat st{};
    if (stat(path.c_str(), &st) != 0) return key_error(path, "no key file");
    if (!S_ISREG(st.st_mode)) return key_error(path, "not a regular file");
    if (st.st_mode & 077) return key_error(path, "readable by others (mode must be 0600)");
    if (st.st_size > 4096) return key_error(path, "larger than a key file");
    std::ifstream in(path);
    std::string header, line;
    if (!std::getline(in, header) || header != "gongkai-device-key 1") return key_error(path, "first line is not 'gongkai-device-key 1'");
    if (!std::getline(in, line)) return key_error(path, "no key line");
    DeviceKey key;
    if (!unb64_exact(line, key.secret_key.data(), key.secret_key.size())) return key_error(path, "the key line is not a base64 Ed25519 secret key");
    crypto_sign_ed25519_sk_to_pk(key.public_key.data(), key.secret_key.data());
    key.id = device_id_for(key.public_key);
    return key;
}

Result<DeviceKey> load_or_create_device_key(const std::string& path) {
    struct stat st{};
    if (stat(path.c_str(), &st) == 0) return load_device_key(path);
    if (sodium_init() < 0) return key_error(path, "libsodium failed to initialise");
    DeviceKey key;
    crypto_sign_keypair(key.public_key.data(), key.secret_key.data());
    std::string text = "gongkai-device-key 1\n" + b64(key.secret_key.data(), key.secret_key.size()) + "\n";
    if (Error e = write_file_atomic(path, text, 0600)) return e;
    sodium_memzero(text.data(), text.size());
    return load_device_key(path);  // what the next start reads
}

SealedBatch seal_batch(const DeviceKey& key, const std::vector<OutboxRecord>& records) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const OutboxRecord& r : records) {
        // A stored body is JSON this build wrote; one that does not parse goes as a string
        // so the office sees it rather than the device choking on it forever.
        auto body = nlohmann::ordered_json::parse(r.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) body = {{"unreadable", r.body}};
        list.push_back({{"id", r.id}, {"kind", to_string(r.kind)}, {"created", r.created}, {"body", std::move(body)}});
    }
    nlohmann::ordered_json payload = {{"device_id", key.id}, {"records", std::move(list)}};
    std::string text = payload.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    std::string msg = signed_bytes(text);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), key.secret_key.data());
    nlohmann::ordered_json envelope = {{"format", "gongkai-batch"}, {"format_version", 1}, {"device_id", key.id},
                                       {"signature", b64(sig, sizeof sig)}, {"payload", text}};
    return {sha256_hex(text) + ".json", envelope.dump() + "\n"};
}

Result<OpenedBatch> open_batch(std::string_view file, const DeviceKeyLookup& key_for) {
    auto invalid = [](const std::string& what) { return make_error(CatalogueError::BatchInvalid, what); };
    if (sodium_init() < 0) return invalid("libsodium failed to initialise");
    if (file.size() > kMaxBatchFileBytes) return invalid("larger than " + std::to_string(kMaxBatchFileBytes) + " bytes");
    // The envelope nests one level; the payload six at most: payload → records → record →
    // body → queries → query (a misses record; a rating's reasons and a heartbeat's outbox
    // are one level less). 5 refused every batch holding a day of search misses.
    if (json_depth_exceeded(file, 2) != std::string_view::npos) return invalid("the envelope nests deeper than 2 levels");
    auto env = nlohmann::json::parse(file, nullptr, false);
    if (env.is_discarded() || !env.is_object()) return invalid("not a JSON object");
    auto str = [&](const nlohmann::json& j, const char* key) -> const std::string* {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
    };
    const std::string* format = str(env, "format");
    if (!format || *format != "gongkai-batch") return invalid("format is not gongkai-batch");
    auto version = env.find("format_version");
    if (version == env.end() || !version->is_number_integer() || *version != 1) return invalid("format_version is not 1");
    const std::string* device = str(env, "device_id");
    const std::string* signature = str(env, "signature");
    const std::string* payload = str(env, "payload");
    if (!device || !is_hex_id(*device)) return invalid("device_id is not 32 lowercase hex digits");
    if (!signature || !payload) return invalid("signature or payload missing");
    auto pk = key_for(*device);
    if (!pk) return make_error(CatalogueError::BatchUnknownDevice, "device " + *device + " is not in the office's device list");
    unsigned char sig[crypto_sign_BYTES];
    if (!unb64_exact(*signature, sig, sizeof sig)) return make_error(CatalogueError::BatchBadSignature, "the signature is not 64 bytes of base64");
    std::string msg = signed_bytes(*payload);
    if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), pk->data()) != 0)
        return make_error(CatalogueError::BatchBadSignature, "device " + *device + ": the signature does not match the payload");
    if (json_depth_exceeded(*payload, 6) != std::string_view::npos) return invalid("the payload nests deeper than 6 levels");
    auto p = nlohmann::json::parse(*payload, nullptr, false);
    if (p.is_discarded() || !p.is_object()) return invalid("the payload is not a JSON object");
    const std::string* inner_device = str(p, "device_id");
    if (!inner_device || *inner_device != *device) return invalid("the payload's device_id differs from the envelope's");
    auto records = p.find("records");
    if (records == p.end() || !records->is_array()) return invalid("the payload has no records array");
    if (records->size() > kMaxBatchRecords) return invalid("more than " + std::to_string(kMaxBatchRecords) + " records");
    OpenedBatch out;
    out.device_id = *device;
    for (size_t i = 0; i < records->size(); i++) {
        auto& r = (*records)[i];
        std::string at = "record " + std::to_string(i + 1) + ": ";
        if (!r.is_object()) return invalid(at + "not an object");
        const std::string* id = str(r, "id");
        const std::string* kind = str(r, "kind");
        const std::string* created = str(r, "created");
        if (!id || !is_hex_id(*id)) return invalid(at + "id is not 32 lowercase hex digits");
        auto k = kind ? outbox_kind_from_string(*kind) : std::nullopt;
        if (!k) return invalid(at + "unknown kind");
        if (!created || created->size() > 32) return invalid(at + "created is missing or too long");
        auto body = r.find("body");
        if (body == r.end() || !body->is_object()) return invalid(at + "body is not an object");
        out.records.push_back({*id, *k, *created, std::move(*body)});
    }
    return out;
}

}  // namespace gongkai
