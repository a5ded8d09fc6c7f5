// One sync cycle of gongkai-sync: poll the signed manifest, verify it, fetch and verify
// the bundle, install it in one transaction. Nothing is written to the catalogue before
// every check has passed; the sync status is recorded in device_state either way.
//
//   ┌────────┐ GET manifest.json (If-None-Match)   304 ──────────────────────────▶ Unchanged
//   │        │   (unconditional every [sync] full_check_every-th poll: a false 304 lasts no longer)
//   │  Poll  │──────────────────────────────────┐
//   └────────┘                                  ▼ 200
//   ┌──────────────┐ GET manifest.json.minisig; verify by a trusted key ─fail─▶ Signature*
//   │ VerifySigned │
//   └──────────────┘ parse ─fail─▶ ManifestInvalid;  expires < now ─▶ ManifestExpired
//          │         version < installed ─▶ ManifestRollback;  == installed ─▶ Unchanged
//          ▼
//   ┌───────────┐ GET bundle, capped at the manifest's size (and max_bundle_mib) while
//   │  Fetch    │ streaming ─▶ TooLarge / NetTimeout / NetTruncated / NetHttpStatus …
//   └───────────┘ size, SHA-256 ≠ manifest ─▶ BundleMismatch
//          ▼      decode ─fail─▶ BundleCorrupt;  bundle version ≠ manifest ─▶ BundleMismatch
//   ┌───────────┐
//   │  Apply    │ Cache::install — ONE transaction: catalogue + expiry + ETag ─▶ Updated
//   └───────────┘ (a kill -9 before COMMIT leaves the old catalogue, after it the new)
//
// Every error ends the cycle with the old catalogue untouched and last_error recorded;
// the daemon retries with exponential backoff (gongkai-sync.cpp).
#pragma once
#include <cstdint>
#include <ctime>
#include <string>

#include "cache.h"
#include "net_errors.h"
#include "config.h"
#include "minisign.h"

namespace gongkai {

struct SyncOutcome {
    bool updated = false;          // false: unchanged
    std::int64_t version = 0;      // the installed version after the cycle
    std::uint64_t wire_bytes = 0;  // bytes received: headers and bodies
    bool used_delta = false;       // installed from the manifest's delta
};

Result<SyncOutcome> sync_once(const Config& config, Cache& cache);

}  // namespace gongkai
