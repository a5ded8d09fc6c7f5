// Handwriting recognition (手写输入) for one character: strokes drawn on a pad in, candidate
// characters with scores out. Wraps Debian's Zinnia with the Tegaki simplified-Chinese model.
// No SDL or ImGui here: the pad that collects the strokes lives in the screen layer.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"

namespace zinnia {
class Recognizer;
}

namespace gongkai {

enum class HandwritingError {
    ModelMissing,        // the Zinnia model file does not exist or Zinnia cannot open it
    NoStrokes,           // no strokes, or a stroke with no points
    TooManyStrokes,      // more than kMaxHandwritingStrokes strokes
    TooManyPoints,       // a stroke with more than kMaxHandwritingPointsPerStroke points
    BadBox,              // width or height missing, not a number, or outside 1..kMaxHandwritingBoxSide
    CoordinateOutOfBox,  // a point that is not a finite number inside the width × height box
    StrokesNotJson,      // a STROKES.json that does not parse as JSON, or nests deeper than its shape
    StrokesBadShape,     // valid JSON, but not {"width":W,"height":H,"strokes":[[[x,y],…],…]}
};
const ErrorDomain& error_domain(HandwritingError);

// 36 strokes is the most of any character in GB 18030's common set (the traditional 齉 has 36;
// simplified ones stop near 30); 64 leaves room for a resident's corrections without letting a
// scribble cost the recogniser unbounded time.
inline constexpr size_t kMaxHandwritingStrokes = 64;
// A touch screen reports at most ~120 points a second: 2,048 is a 17-second stroke.
inline constexpr size_t kMaxHandwritingPointsPerStroke = 2048;
// The pad is part of a screen, and the kiosk's screens are at most 8192 px a side (--size).
inline constexpr double kMaxHandwritingBoxSide = 8192;
// 64 strokes × 2,048 points × "[8192.25,8192.25]," (18 bytes) is 2.4 MB: 4 MiB holds any
// input within the limits above, with whitespace, and refuses a file before it is parsed (BaseError::FileTooLarge).
inline constexpr size_t kMaxStrokesFileBytes = 4u << 20;

struct HandwritingPoint {
    double x = 0, y = 0;  // pixels in the pad's box, y growing downwards
};
using HandwritingStroke = std::vector<HandwritingPoint>;

// One handwritten character as the pad saw it.
struct HandwrittenCharacter {
    double width = 0, height = 0;  // the pad's box
    std::vector<HandwritingStroke> strokes;
};

struct HandwritingCandidate {
    std::string character;  // one character, UTF-8
    double score = 0;       // Zinnia's SVM score: higher is better; comparable within one call only
};

// The checks recognise() makes, for callers that want them before: box, counts, coordinates.
Error check_handwriting(const HandwrittenCharacter& input);

// Fits the strokes' bounding box, aspect kept, centred, into the model's square of `side`
// (kHandwritingModelSide) and resamples each stroke at evenly spaced points. What
// recognise() feeds Zinnia when `normalise` is on; exposed for the tests. Meant for input that
// check_handwriting() accepts; anything else gives meaningless points, never a crash.
std::vector<HandwritingStroke> normalise_strokes(const HandwrittenCharacter& input, double side);

// The square Zinnia sees. Its features are coordinates divided by the box, so the side only
// sets the rounding to integers: 1000 keeps 0.1 % steps.
inline constexpr double kHandwritingModelSide = 1000;

struct RecogniseOptions {
    size_t limit = 10;       // at most this many candidates
    // Off: the raw points scaled to the model's square, as PITFALLS' first measurement. For that
    // comparison only: without resampling nothing bounds Zinnia's time on a long zigzag stroke.
    bool normalise = true;
};

class HandwritingRecogniser {
public:
    // Debian's tegaki-zinnia-simplified-chinese puts its model here.
    static constexpr const char* kDefaultModel = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";
    static Result<std::unique_ptr<HandwritingRecogniser>> open(const std::string& model_path = kDefaultModel);
    ~HandwritingRecogniser();

    // Candidates best first. Safe to call from one thread at a time.
    Result<std::vector<HandwritingCandidate>> recognise(const HandwrittenCharacter& input, RecogniseOptions options = {}) const;

private:
    HandwritingRecogniser() = default;
    zinnia::Recognizer* recognizer_ = nullptr;
};

// STROKES.json: {"width":W,"height":H,"strokes":[[[x,y],…],…]}. Bounded: the size is checked
// before parsing, the nesting before building a tree, then the box and the limits above.
Result<HandwrittenCharacter> parse_strokes_json(std::string_view bytes);
Result<HandwrittenCharacter> read_strokes_file(const std::string& path);

}  // namespace gongkai
