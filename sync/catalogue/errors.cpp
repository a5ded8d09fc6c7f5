// Names and messages of ErrorCode. No `default:` — a new code must be named here.
#include "errors.h"

namespace gongkai {

const char* error_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::Ok: return "Ok";
    case ErrorCode::FileMissing: return "FileMissing";
    case ErrorCode::FileUnreadable: return "FileUnreadable";
    case ErrorCode::FileNotRegular: return "FileNotRegular";
    case ErrorCode::FileOutsideSource: return "FileOutsideSource";
    case ErrorCode::FileTooLarge: return "FileTooLarge";
    case ErrorCode::FileWriteFailed: return "FileWriteFailed";
    case ErrorCode::SourceEncoding: return "SourceEncoding";
    case ErrorCode::SourceSyntax: return "SourceSyntax";
    case ErrorCode::SourceInvalid: return "SourceInvalid";
    case ErrorCode::BundleCorrupt: return "BundleCorrupt";
    case ErrorCode::BundleUnsupported: return "BundleUnsupported";
    case ErrorCode::CacheOpenFailed: return "CacheOpenFailed";
    case ErrorCode::CacheCorrupt: return "CacheCorrupt";
    case ErrorCode::CacheSchemaTooNew: return "CacheSchemaTooNew";
    case ErrorCode::CacheWriteFailed: return "CacheWriteFailed";
    case ErrorCode::CacheEmpty: return "CacheEmpty";
    case ErrorCode::CacheBusy: return "CacheBusy";
    case ErrorCode::CacheFull: return "CacheFull";
    case ErrorCode::CacheReadOnly: return "CacheReadOnly";
    case ErrorCode::NotFound: return "NotFound";
    case ErrorCode::KeyMalformed: return "KeyMalformed";
    case ErrorCode::KeyEncrypted: return "KeyEncrypted";
    case ErrorCode::SignatureMalformed: return "SignatureMalformed";
    case ErrorCode::SignatureUnknownKey: return "SignatureUnknownKey";
    case ErrorCode::SignatureInvalid: return "SignatureInvalid";
    case ErrorCode::SyncNotConfigured: return "SyncNotConfigured";
    case ErrorCode::InsecureUrl: return "InsecureUrl";
    case ErrorCode::NetConnect: return "NetConnect";
    case ErrorCode::NetTls: return "NetTls";
    case ErrorCode::NetTimeout: return "NetTimeout";
    case ErrorCode::NetHttpStatus: return "NetHttpStatus";
    case ErrorCode::NetTruncated: return "NetTruncated";
    case ErrorCode::NetProtocol: return "NetProtocol";
    case ErrorCode::NetHeadersTooLarge: return "NetHeadersTooLarge";
    case ErrorCode::NetOther: return "NetOther";
    case ErrorCode::TooLarge: return "TooLarge";
    case ErrorCode::ManifestInvalid: return "ManifestInvalid";
    case ErrorCode::ManifestRollback: return "ManifestRollback";
    case ErrorCode::ManifestExpired: return "ManifestExpired";
    case ErrorCode::BundleMismatch: return "BundleMismatch";
    case ErrorCode::VersionExhausted: return "VersionExhausted";
    case ErrorCode::ConfigInvalid: return "ConfigInvalid";
    case ErrorCode::FontUnavailable: return "FontUnavailable";
    case ErrorCode::FontAtlasTooLarge: return "FontAtlasTooLarge";
    case ErrorCode::DisplayUnavailable: return "DisplayUnavailable";
    }
    return "Unknown";
}

const char* error_message(ErrorCode code) {
    switch (code) {
    case ErrorCode::Ok: return "no error";
    case ErrorCode::FileMissing: return "a required file does not exist";
    case ErrorCode::FileUnreadable: return "a file could not be read";
    case ErrorCode::FileNotRegular: return "a file that must be a regular file is a device, FIFO, directory or socket";
    case ErrorCode::FileOutsideSource: return "a file named by the source lies outside the source directory";
    case ErrorCode::FileTooLarge: return "a file is larger than allowed";
    case ErrorCode::FileWriteFailed: return "a file could not be written";
    case ErrorCode::SourceEncoding: return "the file is not valid UTF-8 or GB18030 text";
    case ErrorCode::SourceSyntax: return "the file could not be parsed";
    case ErrorCode::SourceInvalid: return "the catalogue source breaks the disclosure standard";
    case ErrorCode::BundleCorrupt: return "the catalogue bundle is damaged or incomplete";
    case ErrorCode::BundleUnsupported: return "the catalogue bundle is in a format this version cannot read";
    case ErrorCode::CacheOpenFailed: return "the local cache could not be opened";
    case ErrorCode::CacheCorrupt: return "the local cache file is damaged";
    case ErrorCode::CacheSchemaTooNew: return "the local cache was written by a newer version of Gongkai";
    case ErrorCode::CacheWriteFailed: return "writing the local cache failed; nothing was changed";
    case ErrorCode::CacheEmpty: return "the local cache holds no catalogue yet";
    case ErrorCode::CacheBusy: return "the local cache is locked by another program; try again later";
    case ErrorCode::CacheFull: return "the disk holding the local cache is full; nothing was changed";
    case ErrorCode::CacheReadOnly: return "the local cache cannot be written (read-only); nothing was changed";
    case ErrorCode::NotFound: return "no such entry in the installed catalogue";
    case ErrorCode::KeyMalformed: return "the key is not a minisign key";
    case ErrorCode::KeyEncrypted: return "the secret key is password-protected; create one with gongkai-publish keygen or minisign -G -W";
    case ErrorCode::SignatureMalformed: return "the signature file is not a minisign signature";
    case ErrorCode::SignatureUnknownKey: return "the signature was made by a key this device does not trust";
    case ErrorCode::SignatureInvalid: return "the signature does not match the file";
    case ErrorCode::SyncNotConfigured: return "sync is not configured: [sync] url and trusted_keys are required";
    case ErrorCode::InsecureUrl: return "the update URL must use https://";
    case ErrorCode::NetConnect: return "could not connect to the update server";
    case ErrorCode::NetTls: return "the update server's certificate was not accepted";
    case ErrorCode::NetTimeout: return "the update server was too slow";
    case ErrorCode::NetHttpStatus: return "the update server answered with an error";
    case ErrorCode::NetTruncated: return "the download ended early";
    case ErrorCode::NetProtocol: return "the update server's answer is not valid HTTP";
    case ErrorCode::NetHeadersTooLarge: return "the update server sent more headers than allowed";
    case ErrorCode::NetOther: return "the download failed";
    case ErrorCode::TooLarge: return "the download was larger than allowed";
    case ErrorCode::ManifestInvalid: return "the update manifest is not valid";
    case ErrorCode::ManifestRollback: return "the update is older than the installed catalogue (refused)";
    case ErrorCode::ManifestExpired: return "the update manifest has expired (refused)";
    case ErrorCode::BundleMismatch: return "the downloaded catalogue does not match its signed manifest";
    case ErrorCode::VersionExhausted: return "the catalogue version cannot be increased any further";
    case ErrorCode::ConfigInvalid: return "the configuration file is not valid";
    case ErrorCode::FontUnavailable: return "the Chinese font could not be loaded";
    case ErrorCode::FontAtlasTooLarge: return "the characters to show do not fit the graphics card's largest texture";
    case ErrorCode::DisplayUnavailable: return "no display is available to open a window on";
    }
    return "unknown error";
}

std::string Error::describe() const {
    std::string s = error_name(code);
    s += ": ";
    s += error_message(code);
    if (!detail.empty()) {
        s += " (";
        s += detail;
        s += ")";
    }
    return s;
}

}  // namespace gongkai
