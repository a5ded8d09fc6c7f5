// The catalogue bundle: the whole catalogue as one JSON document (schema:
// docs/bundle.schema.json), compressed with zstd. The same bytes are embedded in the
// kiosk as the demo catalogue, signed and served by gongkai-publish, and installed by
// gongkai-sync. Items are serialised by item_to_json, which the cache reuses.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "errors.h"
#include "model.h"

namespace gongkai {

inline constexpr const char* kBundleFormat = "gongkai-catalogue-bundle";
inline constexpr int kBundleFormatVersion = 1;
// A 50,000-item catalogue is ~60 MB of JSON (measured by the generator in tests/);
// 256 MiB leaves room to grow and still stops a decompression bomb.
inline constexpr std::size_t kMaxBundleJsonBytes = 256u << 20;

nlohmann::json item_to_json(const Item& item);
Result<Item> item_from_json(const nlohmann::json& j);

nlohmann::json catalogue_to_json(const Catalogue& cat);
Result<Catalogue> catalogue_from_json(const nlohmann::json& j);

// zstd level 19: bundles are built once centrally and fetched by every kiosk.
std::string encode_bundle(const Catalogue& cat, int zstd_level = 19);
Result<Catalogue> decode_bundle(std::string_view bytes, std::size_t max_json_bytes = kMaxBundleJsonBytes);

}  // namespace gongkai
