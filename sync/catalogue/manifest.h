// manifest.json: the small signed file a kiosk polls. It names one bundle by path, size
// and SHA-256, so the signature over the manifest covers the bundle too. Format:
// docs/bundle.md.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "catalogue_errors.h"
#include "clock.h"

namespace gongkai {

inline constexpr const char* kManifestFormat = "gongkai-manifest";
inline constexpr int kManifestFormatVersion = 1;
// The manifest is a few hundred bytes; 64 KiB is generous and stops a hostile server
// from feeding the daemon an endless "manifest" (also the fetch cap in sync_cycle.cpp).
inline constexpr std::size_t kMaxManifestBytes = 64 * 1024;

struct Manifest {
    std::int64_t version = 0;   // only increases
    std::string created;        // RFC 3339 UTC, e.g. 2026-11-25T19:50:00Z
    std::string expires;        // RFC 3339 UTC; after it the manifest is refused
    std::string bundle_path;    // relative to the site's base URL
    std::uint64_t bundle_size = 0;
    std::string bundle_sha256;  // lower-case hex
    // Optional: the same catalogue as a delta from version `from_version`'s bundle JSON,
    // offered when smaller than the bundle. Devices on another version use the bundle.
    struct Delta {
        std::int64_t from_version = 0;
        std::string path;
        std::uint64_t size = 0;
        std::string sha256;
    };
    std::optional<Delta> delta;
};

std::string manifest_to_json(const Manifest& m);
// ManifestInvalid naming the first problem (and the field). Never throws: every field
// is type-checked before it is read, and size and depth are bounded before parsing.
Result<Manifest> parse_manifest(std::string_view json_text);

std::string sha256_hex(std::string_view data);

}  // namespace gongkai
