// Line breaking for Chinese text with libunibreak (UAX #14): breaks between ideographs,
// never before closing punctuation (，。、；：？！）」) nor after opening punctuation,
// and Latin words kept whole. ImGui's own TextWrapped treats a Chinese run between spaces
// as one word and lets a line start with "。" (PITFALLS.md), so the kiosk wraps here.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct TextLine {
    size_t begin = 0, end = 0;  // byte range in the text, trailing spaces/newline excluded
    float width = 0;
};

// Greedy fill: each line takes as much as fits in `max_width`. A run with no allowed
// break that is wider than the line is cut between characters, moving one more
// character down if the cut would start the next line with closing punctuation.
// `language` is libunibreak's (UAX #14 tailoring): "zh" by default, the table's
// line_break_lang for another UI language (ui_strings.h).
std::vector<TextLine> wrap_text(const ImFont* font, float size, std::string_view text, float max_width,
                                const char* language = "zh");

// True if a line may not start with this code point (closing punctuation, UAX #14 CL/CP/EX/IS/NS).
bool is_line_start_forbidden(unsigned codepoint);

// Memoises wrap_text for the strings of the current screen: pages redraw every frame of
// an animation and the same paragraphs wrap the same way. Cleared on route change.
class WrapCache {
public:
    std::vector<TextLine> wrap(const ImFont* font, float size, std::string_view text, float max_width);
    void clear() { entries_.clear(); }
    void set_language(std::string language) {
        if (language != language_) clear();
        language_ = std::move(language);
    }

private:
    struct Entry {
        const ImFont* font;
        float size, width;
        std::string text;
        std::vector<TextLine> lines;
    };
    std::vector<Entry> entries_;
    std::string language_ = "zh";
};

// What a long list's layout costs to find, found once: which rows it holds and where each
// one ends. Kept while the catalogue, the fonts and the width stay (the app clears it with
// the wrap cache), so a frame of a 5,000-row list costs what a frame of 20 rows does
// (Ui::rows draws only the rows in view).
class ListLayouts {
public:
    struct List {
        std::string key;
        std::vector<std::uint32_t> rows;  // what the screen lists, in order, in its own terms
        bool have_rows = false;
        float width = 0;                  // ends were measured at this width
        std::vector<float> ends;          // where row i ends, from the list's top; empty: not measured
    };
    // The list named `key` ("domain/<id>"), made empty if new.
    List& get(std::string_view key);
    void clear() { lists_.clear(); }

private:
    // A screen shows one long list; a few more kept cover going back and forth between
    // domains without laying them out again.
    static constexpr size_t kKept = 8;
    std::vector<List> lists_;  // most recently used last
};

}  // namespace gongkai
