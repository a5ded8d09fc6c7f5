// BaseError's names and messages, and what every code shares. No `default:` — a new code
// must be named here.
#include "errors.h"

#include <ostream>

namespace gongkai {

static const char* base_error_name(int value) {
    switch (static_cast<BaseError>(value)) {
    case BaseError::FileMissing: return "FileMissing";
    case BaseError::FileUnreadable: return "FileUnreadable";
    case BaseError::FileNotRegular: return "FileNotRegular";
    case BaseError::FileOutsideSource: return "FileOutsideSource";
    case BaseError::FileTooLarge: return "FileTooLarge";
    case BaseError::FileWriteFailed: return "FileWriteFailed";
    case BaseError::ConfigInvalid: return "ConfigInvalid";
    }
    return "Unknown";
}

static const char* base_error_message(int value) {
    switch (static_cast<BaseError>(value)) {
    case BaseError::FileMissing: return "a required file does not exist";
    case BaseError::FileUnreadable: return "a file could not be read";
    case BaseError::FileNotRegular: return "a file that must be a regular file is a device, FIFO, directory or socket";
    case BaseError::FileOutsideSource: return "a file named by the source lies outside the source directory";
    case BaseError::FileTooLarge: return "a file is larger than allowed";
    case BaseError::FileWriteFailed: return "a file could not be written";
    case BaseError::ConfigInvalid: return "the configuration file is not valid";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(BaseError) {
    static const ErrorDomain domain{"base", base_error_name, base_error_message};
    return domain;
}

std::ostream& operator<<(std::ostream& out, const ErrorCode& code) { return out << code.name(); }

std::string Error::describe() const {
    std::string s = code.name();
    s += ": ";
    s += code.message();
    if (!detail.empty()) {
        s += " (";
        s += detail;
        s += ")";
    }
    return s;
}

}  // namespace gongkai
