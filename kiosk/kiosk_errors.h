// Errors of the kiosk's screen: fonts and the display. See errors.h.
#pragma once
#include "errors.h"

namespace gongkai {

enum class KioskError {
    FontUnavailable,     // the CJK font could not be loaded or rasterised
    FontAtlasTooLarge,   // no glyph size fits the renderer's maximum texture size
    DisplayUnavailable,  // SDL found no display to open a window on
};
const ErrorDomain& error_domain(KioskError);

}  // namespace gongkai
