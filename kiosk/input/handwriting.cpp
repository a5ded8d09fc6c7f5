// Handwriting recognition: the limits, the normalisation (bounding box into the model's
// square, even resampling), Zinnia, and STROKES.json. See handwriting.h.
#include "handwriting.h"

#include <zinnia.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "text_encoding.h"  // read_file: capped, regular files only

namespace gongkai {

// [SECTION] Errors ---------------------------------------------------------------------------

static const char* handwriting_error_name(int value) {
    switch (static_cast<HandwritingError>(value)) {
    case HandwritingError::ModelMissing: return "ModelMissing";
    case HandwritingError::NoStrokes: return "NoStrokes";
    case HandwritingError::TooManyStrokes: return "TooManyStrokes";
    case HandwritingError::TooManyPoints: return "TooManyPoints";
    case HandwritingError::BadBox: return "BadBox";
    case HandwritingError::CoordinateOutOfBox: return "CoordinateOutOfBox";
    case HandwritingError::StrokesNotJson: return "StrokesNotJson";
    case HandwritingError::StrokesBadShape: return "StrokesBadShape";
    }
    return "Unknown";
}

static const char* handwriting_error_message(int value) {
    switch (static_cast<HandwritingError>(value)) {
    case HandwritingError::ModelMissing: return "the handwriting model could not be opened (install tegaki-zinnia-simplified-chinese)";
    case HandwritingError::NoStrokes: return "nothing was written: no strokes, or a stroke with no points";
    case HandwritingError::TooManyStrokes: return "too many strokes for one character";
    case HandwritingError::TooManyPoints: return "a stroke has too many points";
    case HandwritingError::BadBox: return "the writing box's width or height is missing or out of range";
    case HandwritingError::CoordinateOutOfBox: return "a point is not a number inside the writing box";
    case HandwritingError::StrokesNotJson: return "the strokes file is not valid JSON";
    case HandwritingError::StrokesBadShape: return "the strokes file is not {\"width\",\"height\",\"strokes\":[[[x,y],…],…]}";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(HandwritingError) {
    static const ErrorDomain domain{"handwriting", handwriting_error_name, handwriting_error_message};
    return domain;
}

// [SECTION] Limits ---------------------------------------------------------------------------

static bool box_side_ok(double side) { return std::isfinite(side) && side >= 1 && side <= kMaxHandwritingBoxSide; }

Error check_handwriting(const HandwrittenCharacter& input) {
    if (!box_side_ok(input.width) || !box_side_ok(input.height))
        return make_error(HandwritingError::BadBox, std::to_string(input.width) + " x " + std::to_string(input.height));
    if (input.strokes.empty()) return make_error(HandwritingError::NoStrokes);
    if (input.strokes.size() > kMaxHandwritingStrokes)
        return make_error(HandwritingError::TooManyStrokes, std::to_string(input.strokes.size()) + " strokes, at most " +
                                                                std::to_string(kMaxHandwritingStrokes));
    for (size_t s = 0; s < input.strokes.size(); ++s) {
        const HandwritingStroke& stroke = input.strokes[s];
        if (stroke.empty()) return make_error(HandwritingError::NoStrokes, "stroke " + std::to_string(s) + " has no points");
        if (stroke.size() > kMaxHandwritingPointsPerStroke)
            return make_error(HandwritingError::TooManyPoints, "stroke " + std::to_string(s) + ": " + std::to_string(stroke.size()) +
                                                                   " points, at most " + std::to_string(kMaxHandwritingPointsPerStroke));
        for (const HandwritingPoint& p : stroke) {
            // The comparisons are false for NaN, so NaN is refused here too.
            if (!(p.x >= 0 && p.x <= input.width && p.y >= 0 && p.y <= input.height)) {
                char detail[96];
                std::snprintf(detail, sizeof detail, "stroke %zu: (%g, %g)", s, p.x, p.y);
                return make_error(HandwritingError::CoordinateOutOfBox, detail);
            }
        }
    }
    return {};
}

// [SECTION] Normalisation --------------------------------------------------------------------

// The character's longer side fills this much of the model's square. Measured with
// gongkai-bench-handwriting on the 43 characters of tests/data/handwriting (docs/input.md),
// top-5 hits of medians/sloppy: 0.6 → 38/37, 0.7 → 39/37, 0.75 → 39/37, 0.8 → 38/37,
// 0.9 → 37/36, 1.0 → 36/36. 0.75 is the middle of the plateau: the Tegaki samples the model
// was trained on leave a margin inside their box.
static constexpr double kFill = 0.75;
// Resampled points are this far apart, in the model's square: 1/50 of the side. Measured as
// kFill was, at 0.9: no resampling 37/36, 1/10 → 37/36, 1/25 → 37/36, 1/50 → 37/36, 1/100 → 37/36
// top-5 — Zinnia keeps only the corners of a stroke's polyline approximation, so the spacing
// barely matters. It is kept because it makes the input independent of the touch screen's
// sampling rate (a 60 Hz and a 240 Hz pad give the same points), and 1/50 changed top-1 least.
static constexpr double kResampleStep = kHandwritingModelSide / 50;
// A character smaller than this (in the pad's pixels) is a dot: it is centred, not enlarged,
// so a tap does not become a full-size stroke of noise.
static constexpr double kMinExtent = 1.0;

// Zinnia's cost grows much faster than the points it is given when a stroke zigzags: one
// stroke of 2,048 zigzag points, resampled, ran for over 20 s; 64 such strokes were killed at
// 24 GiB (measured with `--recognize`, 2026-11-26). A real stroke in the 1000 square is at most
// ~1,400 units long, 70 points at kResampleStep; longer paths (a scribble, a stroke traced over
// and over) are sampled more coarsely so that no stroke gives more than this many points.
static constexpr size_t kMaxResampledPoints = 100;

static HandwritingStroke resample(const HandwritingStroke& stroke, double step) {
    if (stroke.empty()) return {};  // only for input check_handwriting() would refuse
    double path = 0;
    for (size_t i = 1; i < stroke.size(); ++i) path += std::hypot(stroke[i].x - stroke[i - 1].x, stroke[i].y - stroke[i - 1].y);
    step = std::max(step, path / double(kMaxResampledPoints - 2));  // the start and the end are kept besides
    HandwritingStroke out{stroke.front()};
    double carried = 0;  // path length since the last emitted point
    for (size_t i = 1; i < stroke.size(); ++i) {
        HandwritingPoint a = stroke[i - 1], b = stroke[i];
        double len = std::hypot(b.x - a.x, b.y - a.y);
        double at = step - carried;  // distance along this segment of the next point
        while (at <= len) {
            double t = at / len;
            out.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
            at += step;
        }
        carried = len - (at - step);
    }
    // The stroke's end is kept: it is where the finger lifted.
    const HandwritingPoint& last = stroke.back();
    if (std::hypot(out.back().x - last.x, out.back().y - last.y) > 1e-9) out.push_back(last);
    return out;
}

std::vector<HandwritingStroke> normalise_strokes(const HandwrittenCharacter& input, double side) {
    double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
    for (const HandwritingStroke& stroke : input.strokes)
        for (const HandwritingPoint& p : stroke) {
            min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
            min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
        }
    double extent = std::max(max_x - min_x, max_y - min_y);
    // A dot keeps the scale that maps the pad's box onto the square.
    double scale = extent < kMinExtent ? side / std::max(input.width, input.height) : side * kFill / extent;
    double off_x = side / 2 - (min_x + max_x) / 2 * scale;
    double off_y = side / 2 - (min_y + max_y) / 2 * scale;
    std::vector<HandwritingStroke> out;
    out.reserve(input.strokes.size());
    for (const HandwritingStroke& stroke : input.strokes) {
        HandwritingStroke mapped;
        mapped.reserve(stroke.size());
        for (const HandwritingPoint& p : stroke) mapped.push_back({p.x * scale + off_x, p.y * scale + off_y});
        out.push_back(resample(mapped, kResampleStep * side / kHandwritingModelSide));
    }
    return out;
}

// The raw points, only scaled from the pad's box to the square (aspect kept, top-left anchored).
static std::vector<HandwritingStroke> scale_strokes(const HandwrittenCharacter& input, double side) {
    double scale = side / std::max(input.width, input.height);
    std::vector<HandwritingStroke> out;
    for (const HandwritingStroke& stroke : input.strokes) {
        HandwritingStroke mapped;
        for (const HandwritingPoint& p : stroke) mapped.push_back({p.x * scale, p.y * scale});
        out.push_back(std::move(mapped));
    }
    return out;
}

// [SECTION] Zinnia ---------------------------------------------------------------------------

Result<std::unique_ptr<HandwritingRecogniser>> HandwritingRecogniser::open(const std::string& model_path) {
    std::unique_ptr<HandwritingRecogniser> self(new HandwritingRecogniser());
    self->recognizer_ = zinnia::Recognizer::create();
    if (!self->recognizer_->open(model_path.c_str()))
        return make_error(HandwritingError::ModelMissing, model_path + ": " + self->recognizer_->what());
    return self;
}

HandwritingRecogniser::~HandwritingRecogniser() { delete recognizer_; }

Result<std::vector<HandwritingCandidate>> HandwritingRecogniser::recognise(const HandwrittenCharacter& input,
                                                                             RecogniseOptions options) const {
    if (Error e = check_handwriting(input)) return e;
    const double side = kHandwritingModelSide;
    std::vector<HandwritingStroke> strokes = options.normalise ? normalise_strokes(input, side) : scale_strokes(input, side);
    std::unique_ptr<zinnia::Character> character(zinnia::Character::create());
    character->set_width(static_cast<size_t>(side));
    character->set_height(static_cast<size_t>(side));
    for (size_t s = 0; s < strokes.size(); ++s)
        for (const HandwritingPoint& p : strokes[s])
            character->add(s, static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    std::vector<HandwritingCandidate> out;
    if (options.limit == 0) return out;
    std::unique_ptr<zinnia::Result> result(recognizer_->classify(*character, options.limit));
    if (!result) return out;  // Zinnia answers nothing for a character it has no features of
    for (size_t i = 0; i < result->size(); ++i) out.push_back({result->value(i), result->score(i)});
    return out;
}

// [SECTION] STROKES.json ---------------------------------------------------------------------

// {"strokes":[[[x,y]]]} is three arrays inside an object: a valid file nests 4 deep. The scan
// runs before nlohmann builds its tree, whose recursion a "[[[[…" file would otherwise drive.
static constexpr int kMaxStrokesJsonDepth = 4;

// Before nlohmann builds a tree, one pass over the bytes: the nesting, and the strokes (arrays
// opened at depth 3) and points of each stroke (arrays at depth 4) counted against the limits.
// A tree of a 4 MiB file of points costs ~100 MiB (measured: docs/input.md); this refuses it at
// the cost of the scan. An array at those depths under another key counts too: stricter, never
// looser. The tree is still checked after parsing: this pass does not know the keys.
static Error prescan_strokes_json(std::string_view bytes) {
    int depth = 0;
    size_t strokes = 0, points = 0;
    bool in_string = false, escaped = false;
    for (char c : bytes) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > kMaxStrokesJsonDepth)
                return make_error(HandwritingError::StrokesNotJson, "nested deeper than " + std::to_string(kMaxStrokesJsonDepth));
            if (depth == 3 && ++strokes > kMaxHandwritingStrokes)
                return make_error(HandwritingError::TooManyStrokes, "more than " + std::to_string(kMaxHandwritingStrokes) + " strokes");
            if (depth == 3) points = 0;
            if (depth == 4 && ++points > kMaxHandwritingPointsPerStroke)
                return make_error(HandwritingError::TooManyPoints, "stroke " + std::to_string(strokes - 1) + ": more than " +
                                                                       std::to_string(kMaxHandwritingPointsPerStroke) + " points");
        } else if (c == ']' || c == '}') --depth;
    }
    return {};
}

static Error bad_shape(const std::string& what) { return make_error(HandwritingError::StrokesBadShape, what); }

Result<HandwrittenCharacter> parse_strokes_json(std::string_view bytes) {
    if (bytes.size() > kMaxStrokesFileBytes)
        return make_error(BaseError::FileTooLarge, std::to_string(bytes.size()) + " bytes, at most " + std::to_string(kMaxStrokesFileBytes));
    if (Error e = prescan_strokes_json(bytes)) return e;
    nlohmann::json doc = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return make_error(HandwritingError::StrokesNotJson);
    if (!doc.is_object()) return bad_shape("not an object");
    HandwrittenCharacter out;
    for (const char* key : {"width", "height"}) {
        auto it = doc.find(key);
        if (it == doc.end()) return make_error(HandwritingError::BadBox, std::string("no \"") + key + "\"");
        if (!it->is_number()) return make_error(HandwritingError::BadBox, std::string("\"") + key + "\" is not a number");
        (key[0] == 'w' ? out.width : out.height) = it->get<double>();
    }
    auto strokes = doc.find("strokes");
    if (strokes == doc.end() || !strokes->is_array()) return bad_shape("\"strokes\" is not an array");
    // Counted before anything is copied: 10,000 strokes are refused without building them.
    if (strokes->size() > kMaxHandwritingStrokes)
        return make_error(HandwritingError::TooManyStrokes, std::to_string(strokes->size()) + " strokes");
    for (const nlohmann::json& stroke : *strokes) {
        if (!stroke.is_array()) return bad_shape("a stroke is not an array of points");
        if (stroke.size() > kMaxHandwritingPointsPerStroke)
            return make_error(HandwritingError::TooManyPoints, std::to_string(stroke.size()) + " points");
        HandwritingStroke points;
        for (const nlohmann::json& point : stroke) {
            if (!point.is_array() || point.size() != 2 || !point[0].is_number() || !point[1].is_number())
                return bad_shape("a point is not [x, y]");
            points.push_back({point[0].get<double>(), point[1].get<double>()});
        }
        out.strokes.push_back(std::move(points));
    }
    if (Error e = check_handwriting(out)) return e;
    return out;
}

Result<HandwrittenCharacter> read_strokes_file(const std::string& path) {
    auto bytes = read_file(path, kMaxStrokesFileBytes);
    if (!bytes) return bytes.error();
    auto parsed = parse_strokes_json(*bytes);
    if (!parsed) return make_error(parsed.error().code, path + (parsed.error().detail.empty() ? "" : ": " + parsed.error().detail));
    return parsed;
}

}  // namespace gongkai
