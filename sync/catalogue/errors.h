// Named errors of the catalogue layer (import, bundle, cache), curl-style: every
// fallible function returns one; each code has a message a staff member understands,
// and `detail` keeps the raw cause (SQLite rc and text, file path, byte offset) for the log.
#pragma once
#include <optional>
#include <string>
#include <utility>

namespace gongkai {

enum class ErrorCode {
    Ok,
    // Reading files
    FileMissing,          // a path that must exist does not
    FileUnreadable,       // exists but could not be read (permissions, I/O error)
    FileNotRegular,       // a device, FIFO, directory or socket where a regular file must be
    FileOutsideSource,    // a path that leaves the source directory (.., an absolute path, a symlink)
    FileTooLarge,         // larger than the cap for its kind of file
    FileWriteFailed,      // a file could not be written, synced or renamed into place
    // Catalogue sources (assets/catalogue format)
    SourceEncoding,       // bytes are neither UTF-8 nor GB18030, or UTF-8 with a few bytes of another encoding
    SourceSyntax,         // TOML or CSV that does not parse
    SourceInvalid,        // parses, but breaks the disclosure standard; see the problem list
    // Bundles
    BundleCorrupt,        // not zstd, or not JSON, or a required field is missing
    BundleUnsupported,    // a format_version this build does not read
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
    // Sync (gongkai-sync)
    SyncNotConfigured,    // [sync] url or trusted_keys missing
    InsecureUrl,          // http:// without the development switch, or another scheme
    NetConnect,           // could not connect (refused, unreachable, DNS)
    NetTls,               // TLS failed: unknown CA, hostname mismatch, handshake
    NetTimeout,           // too slow: below the low-speed limit, or over the total timeout
    NetHttpStatus,        // the server answered with an error status (404, 500 ...)
    NetTruncated,         // the body ended before its announced length
    NetProtocol,          // the server's answer is not valid HTTP (garbage, a 304 nobody asked for)
    NetHeadersTooLarge,   // the response headers exceed their cap (an endless header stream)
    NetOther,             // any other transfer failure (curl code in the detail)
    TooLarge,             // the response exceeded its size cap
    ManifestInvalid,      // the signed manifest is not the documented JSON
    ManifestRollback,     // its version is older than the installed catalogue
    ManifestExpired,      // its expiry time has passed
    BundleMismatch,       // the bundle's size, SHA-256 or version differs from the manifest
    // Publishing (gongkai-publish)
    VersionExhausted,     // the site's version is INT64_MAX: no higher version can be published
    // Configuration
    ConfigInvalid,        // the TOML config does not parse or a key has a wrong value
    // The kiosk's screen
    FontUnavailable,      // the CJK font could not be loaded or rasterised
    FontAtlasTooLarge,    // no glyph size fits the renderer's maximum texture size
    DisplayUnavailable,   // SDL found no display to open a window on
};

// The stable name used in logs and `--json` output, e.g. "CacheCorrupt".
const char* error_name(ErrorCode code);
// One sentence for staff, in plain words.
const char* error_message(ErrorCode code);

struct [[nodiscard]] Error {
    ErrorCode code = ErrorCode::Ok;
    std::string detail;

    explicit operator bool() const { return code != ErrorCode::Ok; }
    // "CacheCorrupt: the cache file is damaged (file is not a database: /var/lib/…)"
    std::string describe() const;
};

inline Error make_error(ErrorCode code, std::string detail = {}) { return Error{code, std::move(detail)}; }

// A value or the error that prevented it.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : value_(std::move(value)) {}
    Result(Error error) : error_(std::move(error)) {}
    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    const Error& error() const { return error_; }

private:
    std::optional<T> value_;
    Error error_;
};

}  // namespace gongkai
