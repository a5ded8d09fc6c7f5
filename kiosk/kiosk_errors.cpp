// KioskError's names and messages. No `default:` — a new code must be named here.
#include "kiosk_errors.h"

namespace gongkai {

static const char* kiosk_error_name(int value) {
    switch (static_cast<KioskError>(value)) {
    case KioskError::FontUnavailable: return "FontUnavailable";
    case KioskError::FontAtlasTooLarge: return "FontAtlasTooLarge";
    case KioskError::DisplayUnavailable: return "DisplayUnavailable";
    case KioskError::QrTextTooLong: return "QrTextTooLong";
    case KioskError::QrEncodeFailed: return "QrEncodeFailed";
    case KioskError::PinInvalid: return "PinInvalid";
    case KioskError::PinHashFailed: return "PinHashFailed";
    case KioskError::AtlasCacheMissing: return "AtlasCacheMissing";
    case KioskError::AtlasCacheDamaged: return "AtlasCacheDamaged";
    }
    return "Unknown";
}

static const char* kiosk_error_message(int value) {
    switch (static_cast<KioskError>(value)) {
    case KioskError::FontUnavailable: return "the Chinese font could not be loaded";
    case KioskError::FontAtlasTooLarge: return "the characters to show do not fit the graphics card's largest texture";
    case KioskError::DisplayUnavailable: return "no display is available to open a window on";
    case KioskError::QrTextTooLong: return "the web address is empty or too long for a QR code the kiosk shows";
    case KioskError::QrEncodeFailed: return "the web address could not be made into a QR code";
    case KioskError::PinInvalid: return "the staff PIN must be 4 to 8 digits";
    case KioskError::PinHashFailed: return "the staff PIN could not be hashed (not enough memory?)";
    case KioskError::AtlasCacheMissing: return "no stored glyph atlas matches the fonts and characters; it is built";
    case KioskError::AtlasCacheDamaged: return "the stored glyph atlas is damaged; it is built again";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(KioskError) {
    static const ErrorDomain domain{"kiosk", kiosk_error_name, kiosk_error_message};
    return domain;
}

}  // namespace gongkai
