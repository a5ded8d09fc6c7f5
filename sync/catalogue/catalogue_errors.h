// Errors of the catalogue layer: reading department sources, bundles, the local SQLite
// cache, minisign keys and signatures, and signed manifests. See errors.h for how codes of
// every layer travel together.
#pragma once
#include "errors.h"

namespace gongkai {

enum class CatalogueError {
    // Catalogue sources (assets/catalogue format)
    SourceEncoding,       // bytes are neither UTF-8 nor GB18030, or UTF-8 with a few bytes of another encoding
    SourceSyntax,         // TOML or CSV that does not parse
    SourceInvalid,        // parses, but breaks the disclosure standard; see the problem list
    // Bundles
    BundleCorrupt,        // not zstd, or not JSON, or a required field is missing
    BundleUnsupported,    // a format_version this build does not read
    BundleMismatch,       // the bundle's size, SHA-256 or version differs from the manifest
    // The local cache
    CacheOpenFailed,      // sqlite3_open failed (directory missing, permissions)
    CacheCorrupt,         // not a database, malformed, or fails quick_check
    CacheSchemaTooNew,    // written by a newer Gongkai; we do not downgrade it
    CacheWriteFailed,     // a write transaction failed and was rolled back
    CacheEmpty,           // the cache holds no catalogue yet
    CacheBusy,            // another connection held the write lock past the busy timeout
    CacheFull,            // the disk (or the cache's page limit) is full
    CacheReadOnly,        // the cache file or its directory cannot be written
    NotFound,             // no such domain or item in the installed catalogue
    // Keys and signatures (minisign format)
    KeyMalformed,         // not a minisign key file or key string
    KeyEncrypted,         // a password-protected secret key: use `minisign -G -W` or gongkai-publish keygen
    SignatureMalformed,   // not a minisign signature file
    SignatureUnknownKey,  // signed by a key that is not in trusted_keys
    SignatureInvalid,     // the signature or its trusted comment does not verify
    // Signed manifests
    ManifestInvalid,      // the signed manifest is not the documented JSON
    ManifestRollback,     // its version is older than the installed catalogue
    ManifestExpired,      // its expiry time has passed
    // Publishing (gongkai-publish)
    VersionExhausted,     // the site's version is INT64_MAX: no higher version can be published
    SiteUnsafeId,         // an id cannot name a web page file and URL (site_writer.h: page_id_problem)
    // What goes back to the office (outbox.h, batch.h)
    OutboxFull,           // the outbox holds outbox_max_mib already: the record was refused, and counted
    FeedbackInvalid,      // a rating outside 1–5, an unknown reason, an over-long id
    DeviceKeyInvalid,     // the device's signing key file is missing its key, malformed or readable by others
    BatchInvalid,         // a batch file that is not the documented envelope or payload
    BatchUnknownDevice,   // a batch from a device id the office has no public key for
    BatchBadSignature,    // a batch whose signature does not verify with its device's key
};
const ErrorDomain& error_domain(CatalogueError);

}  // namespace gongkai
