// Errors of the kiosk's screen: fonts, the display, QR codes. See errors.h.
#pragma once
#include "errors.h"

namespace gongkai {

enum class KioskError {
    FontUnavailable,     // the CJK font could not be loaded or rasterised
    FontAtlasTooLarge,   // no glyph size fits the renderer's maximum texture size
    DisplayUnavailable,  // SDL found no display to open a window on
    QrTextTooLong,       // a QR code's text is empty, holds a NUL, or is over kMaxQrTextBytes (qr_code.h)
    QrEncodeFailed,      // libqrencode could not encode the text (its errno is in the detail)
    PinInvalid,          // a staff PIN that is not 4 to 8 digits (the detail says which rule)
    PinHashFailed,       // libsodium could not hash a PIN (out of memory for Argon2id's 64 MiB)
    AtlasCacheMissing,   // no glyph atlas is stored for these fonts, sizes and characters (atlas_cache.h): build it
    AtlasCacheDamaged,   // a stored glyph atlas failed a check (the detail says which): it is built again
};
const ErrorDomain& error_domain(KioskError);

}  // namespace gongkai
