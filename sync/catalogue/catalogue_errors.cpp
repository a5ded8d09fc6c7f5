// CatalogueError's names and messages. No `default:` — a new code must be named here.
#include "catalogue_errors.h"

namespace gongkai {

static const char* catalogue_error_name(int value) {
    switch (static_cast<CatalogueError>(value)) {
    case CatalogueError::SourceEncoding: return "SourceEncoding";
    case CatalogueError::SourceSyntax: return "SourceSyntax";
    case CatalogueError::SourceInvalid: return "SourceInvalid";
    case CatalogueError::BundleCorrupt: return "BundleCorrupt";
    case CatalogueError::BundleUnsupported: return "BundleUnsupported";
    case CatalogueError::BundleMismatch: return "BundleMismatch";
    case CatalogueError::CacheOpenFailed: return "CacheOpenFailed";
    case CatalogueError::CacheCorrupt: return "CacheCorrupt";
    case CatalogueError::CacheSchemaTooNew: return "CacheSchemaTooNew";
    case CatalogueError::CacheWriteFailed: return "CacheWriteFailed";
    case CatalogueError::CacheEmpty: return "CacheEmpty";
    case CatalogueError::CacheBusy: return "CacheBusy";
    case CatalogueError::CacheFull: return "CacheFull";
    case CatalogueError::CacheReadOnly: return "CacheReadOnly";
    case CatalogueError::NotFound: return "NotFound";
    case CatalogueError::KeyMalformed: return "KeyMalformed";
    case CatalogueError::KeyEncrypted: return "KeyEncrypted";
    case CatalogueError::SignatureMalformed: return "SignatureMalformed";
    case CatalogueError::SignatureUnknownKey: return "SignatureUnknownKey";
    case CatalogueError::SignatureInvalid: return "SignatureInvalid";
    case CatalogueError::ManifestInvalid: return "ManifestInvalid";
    case CatalogueError::ManifestRollback: return "ManifestRollback";
    case CatalogueError::ManifestExpired: return "ManifestExpired";
    case CatalogueError::VersionExhausted: return "VersionExhausted";
    case CatalogueError::SiteUnsafeId: return "SiteUnsafeId";
    case CatalogueError::OutboxFull: return "OutboxFull";
    case CatalogueError::FeedbackInvalid: return "FeedbackInvalid";
    case CatalogueError::DeviceKeyInvalid: return "DeviceKeyInvalid";
    case CatalogueError::BatchInvalid: return "BatchInvalid";
    case CatalogueError::BatchUnknownDevice: return "BatchUnknownDevice";
    case CatalogueError::BatchBadSignature: return "BatchBadSignature";
    }
    return "Unknown";
}

static const char* catalogue_error_message(int value) {
    switch (static_cast<CatalogueError>(value)) {
    case CatalogueError::SourceEncoding: return "the file is not valid UTF-8 or GB18030 text";
    case CatalogueError::SourceSyntax: return "the file could not be parsed";
    case CatalogueError::SourceInvalid: return "the catalogue source breaks the disclosure standard";
    case CatalogueError::BundleCorrupt: return "the catalogue bundle is damaged or incomplete";
    case CatalogueError::BundleUnsupported: return "the catalogue bundle is in a format this version cannot read";
    case CatalogueError::BundleMismatch: return "the downloaded catalogue does not match its signed manifest";
    case CatalogueError::CacheOpenFailed: return "the local cache could not be opened";
    case CatalogueError::CacheCorrupt: return "the local cache file is damaged";
    case CatalogueError::CacheSchemaTooNew: return "the local cache was written by a newer version of Gongkai";
    case CatalogueError::CacheWriteFailed: return "writing the local cache failed; nothing was changed";
    case CatalogueError::CacheEmpty: return "the local cache holds no catalogue yet";
    case CatalogueError::CacheBusy: return "the local cache is locked by another program; try again later";
    case CatalogueError::CacheFull: return "the disk holding the local cache is full; nothing was changed";
    case CatalogueError::CacheReadOnly: return "the local cache cannot be written (read-only); nothing was changed";
    case CatalogueError::NotFound: return "no such entry in the installed catalogue";
    case CatalogueError::KeyMalformed: return "the key is not a minisign key";
    case CatalogueError::KeyEncrypted: return "the secret key is password-protected; create one with gongkai-publish keygen or minisign -G -W";
    case CatalogueError::SignatureMalformed: return "the signature file is not a minisign signature";
    case CatalogueError::SignatureUnknownKey: return "the signature was made by a key this device does not trust";
    case CatalogueError::SignatureInvalid: return "the signature does not match the file";
    case CatalogueError::ManifestInvalid: return "the update manifest is not valid";
    case CatalogueError::ManifestRollback: return "the update is older than the installed catalogue (refused)";
    case CatalogueError::ManifestExpired: return "the update manifest has expired (refused)";
    case CatalogueError::VersionExhausted: return "the catalogue version cannot be increased any further";
    case CatalogueError::SiteUnsafeId: return "an id cannot be used as the name of a web page";
    case CatalogueError::OutboxFull: return "the outbox is full (outbox_max_mib): the record was refused and counted, nothing older was dropped";
    case CatalogueError::FeedbackInvalid: return "the rating record is not valid";
    case CatalogueError::DeviceKeyInvalid: return "the device's signing key cannot be used";
    case CatalogueError::BatchInvalid: return "the batch is not a Gongkai batch";
    case CatalogueError::BatchUnknownDevice: return "the batch comes from a device the office has no key for";
    case CatalogueError::BatchBadSignature: return "the batch's signature does not verify";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(CatalogueError) {
    static const ErrorDomain domain{"catalogue", catalogue_error_name, catalogue_error_message};
    return domain;
}

}  // namespace gongkai
