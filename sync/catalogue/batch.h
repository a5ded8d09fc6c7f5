// A batch: the one file a device PUTs to the office's inbox, carrying outbox records,
// signed with the device's own Ed25519 key (libsodium) so the office can tell a batch from
// the device apart from a forgery even if the device's TLS client certificate leaks.
// Format (docs/feedback.md):
//
//   {"format":"gongkai-batch","format_version":1,"device_id":"<32 hex>",
//    "signature":"<base64 Ed25519 over kBatchSignaturePrefix ‖ payload>",
//    "payload":"<JSON text: {\"device_id\":…,\"records\":[{\"id\",\"kind\",\"created\",\"body\":{…}}]}>"}
//
// The payload travels as a string so the signed bytes are exactly the bytes received
// (`jq '.payload | fromjson'` reads it). Its name in the inbox is
// batches/<device id>/<SHA-256 of the payload>.json: the same records make the same bytes
// (Ed25519 is deterministic, the payload has no time of its own), so a repeated upload
// overwrites the same file with the same content.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalogue_errors.h"
#include "outbox.h"

namespace gongkai {

inline constexpr const char* kBatchSignaturePrefix = "gongkai-batch-v1\n";  // domain separation
// nginx's client_max_body_size in docs/deploy.md is 2m; a batch is sealed under 1 MiB
// (kMaxBatchBodyBytes of record bodies plus the envelope's escaping), read up to 2 MiB.
inline constexpr size_t kMaxBatchBodyBytes = 512 * 1024;
inline constexpr size_t kMaxBatchFileBytes = 2 * 1024 * 1024;
// 500 records of ~300 bytes is ~150 KiB: one PUT per 500 ratings or 5 days of heartbeats.
inline constexpr size_t kMaxBatchRecords = 500;

// The device's signing key. Its id is the first 16 bytes of the public key in hex, so
// an id and a key cannot be paired wrongly.
struct DeviceKey {
    std::string id;
    std::array<unsigned char, 32> public_key{};
    std::array<unsigned char, 64> secret_key{};
    std::string public_key_base64() const;
};

// The key at `path` (created, mode 0600, when missing). The file:
//   gongkai-device-key 1\n<base64 of the 64-byte Ed25519 secret key>\n
// DeviceKeyInvalid for a file that is not that, or readable by group or others.
[[nodiscard]] Result<DeviceKey> load_or_create_device_key(const std::string& path);
// The same without creating one.
[[nodiscard]] Result<DeviceKey> load_device_key(const std::string& path);
// "<id of this public key>" from its base64; nullopt for anything else.
std::optional<std::array<unsigned char, 32>> parse_device_public_key(std::string_view base64);
std::string device_id_for(const std::array<unsigned char, 32>& public_key);

struct SealedBatch {
    std::string name;   // <SHA-256 of the payload, hex>.json
    std::string bytes;  // the file
};
SealedBatch seal_batch(const DeviceKey& key, const std::vector<OutboxRecord>& records);

struct BatchRecord {
    std::string id;
    OutboxKind kind = OutboxKind::Feedback;
    std::string created;
    nlohmann::json body;  // an object
};
struct OpenedBatch {
    std::string device_id;
    std::vector<BatchRecord> records;
};
// The device's public key, or nullopt for a device the office does not know.
using DeviceKeyLookup = std::function<std::optional<std::array<unsigned char, 32>>(const std::string& device_id)>;
// Checks size, depth and shape, then the signature, then every record.
// BatchInvalid, BatchUnknownDevice or BatchBadSignature, each naming what.
[[nodiscard]] Result<OpenedBatch> open_batch(std::string_view file, const DeviceKeyLookup& key_for);

}  // namespace gongkai
