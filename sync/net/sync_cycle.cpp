// See sync_cycle.h.
#include "sync_cycle.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "bundle.h"
#include "http_client.h"
#include "log.h"
#include "manifest.h"

namespace gongkai {

static std::string join_url(const std::string& base, const std::string& path) {
    return base.empty() || base.back() == '/' ? base + path : base + "/" + path;
}

static Result<SyncOutcome> run_cycle(const Config& cfg, Cache& cache, std::uint64_t& wire) {
    if (cfg.sync_url.empty() || cfg.trusted_keys.empty())
        return make_error(NetError::SyncNotConfigured, "config " + cfg.source);
    std::vector<minisign::PublicKey> trusted;
    for (auto& k : cfg.trusted_keys) {
        auto key = minisign::parse_public_key(k);
        if (!key) return make_error(BaseError::ConfigInvalid, "trusted_keys: " + key.error().describe());
        trusted.push_back(*key);
    }
    auto installed = cache.info();
    std::int64_t installed_version = installed ? installed->version : -1;
    bool installed_from_sync = installed && installed->source == "sync";

    FetchRequest req;
    req.ca_file = cfg.ca_file;
    req.allow_http = cfg.insecure_allow_http;
    req.low_speed_bytes_per_s = cfg.low_speed_bytes_per_s;
    req.low_speed_time_s = cfg.low_speed_time_s;
    req.url = join_url(cfg.sync_url, "manifest.json");
    req.max_bytes = kMaxManifestBytes;
    // A 304 is only trustworthy if what we installed came from that manifest — and then
    // not for ever: nginx's ETag is the file's mtime in whole seconds plus its size, so a
    // site copied into place within the same second, with a manifest of the same size,
    // answers 304 to a device that should update. Every full_check_every-th poll asks
    // without If-None-Match, which bounds such a false 304 to that many polls.
    std::int64_t conditional_polls = 0;
    if (installed_from_sync) {
        auto etag = cache.state(kStateManifestEtag);
        if (!etag) return etag.error();
        auto polls = cache.state(kStateConditionalPolls);
        if (!polls) return polls.error();
        conditional_polls = std::strtoll(polls->c_str(), nullptr, 10);
        if (conditional_polls < 0) conditional_polls = 0;
        if (conditional_polls + 1 < cfg.full_check_every) req.if_none_match = *etag;
    }
    auto manifest_resp = fetch(req);
    if (!manifest_resp) return manifest_resp.error();
    wire += manifest_resp->wire_bytes;
    if (manifest_resp->not_modified) {
        if (Error e = cache.set_state(kStateConditionalPolls, std::to_string(conditional_polls + 1))) return e;
        return SyncOutcome{false, installed_version, 0};
    }
    if (installed_from_sync && conditional_polls != 0)
        if (Error e = cache.set_state(kStateConditionalPolls, "0")) return e;

    req.url = join_url(cfg.sync_url, "manifest.json.minisig");
    req.if_none_match.clear();
    auto sig_resp = fetch(req);
    if (!sig_resp) return sig_resp.error();
    wire += sig_resp->wire_bytes;
    auto verified = minisign::verify(manifest_resp->body, sig_resp->body, trusted);
    if (!verified) return verified.error();
    auto manifest = parse_manifest(manifest_resp->body);
    if (!manifest) return manifest.error();

    std::time_t now = std::time(nullptr), expires;
    parse_rfc3339_utc(manifest->expires, &expires);
    if (now > expires) return make_error(CatalogueError::ManifestExpired, "expired " + manifest->expires);
    if (installed_from_sync && manifest->version < installed_version)
        return make_error(CatalogueError::ManifestRollback, "manifest version " + std::to_string(manifest->version) +
                                                           " < installed " + std::to_string(installed_version));
    if (installed_from_sync && manifest->version == installed_version) {
        // Same catalogue; remember the ETag and the (possibly renewed) expiry.
        if (Error e = cache.set_state(kStateManifestEtag, manifest_resp->etag)) return e;
        if (Error e = cache.set_state(kStateCatalogueExpires, manifest->expires)) return e;
        return SyncOutcome{false, installed_version, 0};
    }

    const std::uint64_t cap = static_cast<std::uint64_t>(cfg.max_bundle_mib) << 20;
    // Verified bytes (SHA-256 and size as the signed manifest says) are streamed into the
    // cache in one transaction (Cache::install_bundle). The rollback check above ran before
    // the downloads; install_bundle repeats it inside the write transaction, so a newer
    // catalogue another gongkai-sync installed meanwhile is never replaced by this older one.
    BundleInstall how;
    how.state = {{kStateCatalogueExpires, manifest->expires}, {kStateManifestEtag, manifest_resp->etag}};
    how.version = manifest->version;
    how.only_newer = true;
    // The delta, when it starts from exactly what this device has installed.
    if (manifest->delta && installed_from_sync && manifest->delta->from_version == installed_version &&
        manifest->delta->size <= cap) {
        req.url = join_url(cfg.sync_url, manifest->delta->path);
        req.max_bytes = manifest->delta->size;
        auto delta_resp = fetch(req);
        if (delta_resp) wire += delta_resp->wire_bytes;
        if (!delta_resp) {
            log_warn("sync", "delta unavailable, fetching the whole bundle: " + delta_resp.error().describe());
        } else if (delta_resp->body.size() != manifest->delta->size || sha256_hex(delta_resp->body) != manifest->delta->sha256) {
            log_warn("sync", "delta does not match the manifest, fetching the whole bundle");
        } else if (auto json = delta_json_bytes(delta_resp->body); !json || *json > kMaxDeltaJsonBytes) {
            log_info("sync", "the delta makes " + (json ? std::to_string(*json >> 20) + " MiB" : std::string("an undeclared size")) +
                                 " of JSON, over " + std::to_string(kMaxDeltaJsonBytes >> 20) +
                                 " MiB: fetching the whole bundle, which streams in less memory");
        } else {
            auto base = cache.installed_bundle_json();
            Error e = base ? Error{} : base.error();
            if (base) {
                how.delta_base = &*base;
                how.max_json_bytes = std::min<std::size_t>(how.max_json_bytes, kMaxDeltaJsonBytes);  // what it declared
                e = cache.install_bundle(delta_resp->body, how);
                how.delta_base = nullptr;
                how.max_json_bytes = BundleInstall{}.max_json_bytes;
                if (!e) return SyncOutcome{true, manifest->version, 0, /*used_delta=*/true};
            }
            // A delta that does not apply costs the whole bundle; a cache that cannot take
            // a catalogue is the cycle's error.
            const bool bundle_error = e.code == CatalogueError::BundleCorrupt || e.code == CatalogueError::BundleUnsupported ||
                                      e.code == CatalogueError::BundleMismatch || !base;
            if (!bundle_error) return e;
            log_warn("sync", "delta did not apply to the installed catalogue, fetching the whole bundle: " + e.describe());
        }
    }
    if (manifest->bundle_size > cap)
        return make_error(NetError::TooLarge, "manifest announces " + std::to_string(manifest->bundle_size) +
                                                   " bytes; max_bundle_mib is " + std::to_string(cfg.max_bundle_mib));
    req.url = join_url(cfg.sync_url, manifest->bundle_path);
    req.max_bytes = manifest->bundle_size;
    auto bundle_resp = fetch(req);
    if (!bundle_resp) return bundle_resp.error();
    wire += bundle_resp->wire_bytes;
    if (bundle_resp->body.size() != manifest->bundle_size)
        return make_error(CatalogueError::BundleMismatch, "size " + std::to_string(bundle_resp->body.size()) + " ≠ manifest " +
                                                         std::to_string(manifest->bundle_size));
    if (sha256_hex(bundle_resp->body) != manifest->bundle_sha256)
        return make_error(CatalogueError::BundleMismatch, "SHA-256 of " + req.url + " differs from the manifest");
    if (Error e = cache.install_bundle(bundle_resp->body, how)) return e;
    return SyncOutcome{true, manifest->version, 0, /*used_delta=*/false};
}

Result<SyncOutcome> sync_once(const Config& cfg, Cache& cache) {
    std::uint64_t wire = 0;
    std::string now = utc_now_rfc3339();
    // Status writes are checked: a cache that cannot record them is itself the error
    // (full disk, read-only, corrupt), and is logged under the cycle's outcome.
    if (Error e = cache.set_state(kStateLastAttempt, now)) {
        log_error("sync", e.describe());
        return e;
    }
    auto result = run_cycle(cfg, cache, wire);
    if (!result) {
        log_error("sync", result.error().describe());
        if (Error e = cache.set_state(kStateLastError, result.error().describe()))
            log_error("sync", "could not record the error: " + e.describe());
        return result;
    }
    result->wire_bytes = wire;
    if (Error e = cache.set_state(kStateLastSuccess, now)) {
        log_error("sync", e.describe());
        return e;
    }
    if (Error e = cache.set_state(kStateLastError, "")) {
        log_error("sync", e.describe());
        return e;
    }
    log_info("sync", result->updated ? "installed catalogue version " + std::to_string(result->version) +
                                           (result->used_delta ? " (from a delta)" : "")
                                     : "catalogue unchanged (version " + std::to_string(result->version) + ")");
    return result;
}

}  // namespace gongkai
