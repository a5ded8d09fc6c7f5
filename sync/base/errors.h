// Named errors, curl-style: every fallible function returns one. A code belongs to the
// layer that produces it — BaseError here (files, the device config), CatalogueError
// (sync/catalogue/catalogue_errors.h), NetError (sync/net/net_errors.h), KioskError
// (kiosk/kiosk_errors.h) — and each layer has one name/message switch for its enum with
// no `default:` (-Werror=switch makes a new code without its message fail the build).
// ErrorCode carries any of them; `detail` keeps the raw cause (SQLite rc and text, file
// path, curl code, byte offset) for the log.
#pragma once
#include <concepts>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>

namespace gongkai {

// What a layer's enum looks like to ErrorCode: its stable names and staff messages.
struct ErrorDomain {
    const char* layer;                  // "base", "catalogue", "net", "kiosk": for the log only
    const char* (*name)(int value);     // "CacheCorrupt": stable, used in logs and --json
    const char* (*message)(int value);  // one sentence for staff, in plain words
};

// A layer's error enum: a scoped enum with a `const ErrorDomain& error_domain(E)` found
// beside it (argument-dependent lookup).
template <class E>
concept ErrorEnum = std::is_enum_v<E> && requires(E e) {
    { error_domain(e) } -> std::same_as<const ErrorDomain&>;
};

// Files and the device config: what every layer reads and writes.
enum class BaseError {
    FileMissing,          // a path that must exist does not
    FileUnreadable,       // exists but could not be read (permissions, I/O error)
    FileNotRegular,       // a device, FIFO, directory or socket where a regular file must be
    FileOutsideSource,    // a path that leaves the source directory (.., an absolute path, a symlink)
    FileTooLarge,         // larger than the cap for its kind of file
    FileWriteFailed,      // a file could not be written, synced or renamed into place
    ConfigInvalid,        // the TOML config does not parse or a key has a wrong value
};
const ErrorDomain& error_domain(BaseError);

// One code of one layer, or none (Ok).
class ErrorCode {
public:
    constexpr ErrorCode() = default;
    template <ErrorEnum E>
    ErrorCode(E e) : domain_(&error_domain(e)), value_(static_cast<int>(e)) {}

    bool ok() const { return domain_ == nullptr; }
    const char* name() const { return domain_ ? domain_->name(value_) : "Ok"; }
    const char* message() const { return domain_ ? domain_->message(value_) : "no error"; }
    bool operator==(const ErrorCode& o) const { return domain_ == o.domain_ && value_ == o.value_; }
    template <ErrorEnum E>
    bool operator==(E e) const { return *this == ErrorCode(e); }

private:
    const ErrorDomain* domain_ = nullptr;
    int value_ = 0;
};
// Prints the name: what a failed test check shows.
std::ostream& operator<<(std::ostream& out, const ErrorCode& code);

// The stable name used in logs and `--json` output, e.g. "CacheCorrupt".
inline const char* error_name(ErrorCode code) { return code.name(); }
// One sentence for staff, in plain words.
inline const char* error_message(ErrorCode code) { return code.message(); }

struct [[nodiscard]] Error {
    ErrorCode code;
    std::string detail;

    explicit operator bool() const { return !code.ok(); }
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
