// Fuzz target: parse_strokes_json — STROKES.json as `gongkai-kiosk --recognize` reads it (and,
// later, whatever the handwriting pad hands over). Input: the JSON text. An accepted character
// must normalise into the model's square: every point finite and inside it.
#include "fuzz_support.h"
#include "handwriting.h"

#include <cmath>

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto input = parse_strokes_json(fuzz::as_view(data, size));
    if (!input) { (void)input.error().describe(); return 0; }
    const double side = kHandwritingModelSide;
    for (const HandwritingStroke& stroke : normalise_strokes(*input, side))
        for (const HandwritingPoint& p : stroke)
            // 1 unit of slack: a dot in a box larger than the square is centred, not shrunk.
            if (!(std::isfinite(p.x) && std::isfinite(p.y) && p.x >= -1 && p.x <= side + 1 && p.y >= -1 && p.y <= side + 1))
                fuzz::fuzz_fail("a normalised point is outside the model's square");
    return 0;
}
