// Names and messages of ErrorCode. No `default:` — a new code must be named here.
#include "errors.h"

namespace gongkai {

const char* error_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::Ok: return "Ok";
    case ErrorCode::FileMissing: return "FileMissing";
    case ErrorCode::FileUnreadable: return "FileUnreadable";
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
    case ErrorCode::NotFound: return "NotFound";
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
    case ErrorCode::SourceEncoding: return "the file is neither UTF-8 nor GB18030 text";
    case ErrorCode::SourceSyntax: return "the file could not be parsed";
    case ErrorCode::SourceInvalid: return "the catalogue source breaks the disclosure standard";
    case ErrorCode::BundleCorrupt: return "the catalogue bundle is damaged or incomplete";
    case ErrorCode::BundleUnsupported: return "the catalogue bundle is in a format this version cannot read";
    case ErrorCode::CacheOpenFailed: return "the local cache could not be opened";
    case ErrorCode::CacheCorrupt: return "the local cache file is damaged";
    case ErrorCode::CacheSchemaTooNew: return "the local cache was written by a newer version of Gongkai";
    case ErrorCode::CacheWriteFailed: return "writing the local cache failed; nothing was changed";
    case ErrorCode::CacheEmpty: return "the local cache holds no catalogue yet";
    case ErrorCode::NotFound: return "no such entry in the installed catalogue";
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
