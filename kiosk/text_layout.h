// Line breaking for Chinese text with libunibreak (UAX #14): breaks between ideographs,
// never before closing punctuation (，。、；：？！）」) nor after opening punctuation,
// and Latin words kept whole. ImGui's own TextWrapped treats a Chinese run between spaces
// as one word and lets a line start with "。" (PITFALLS.md), so the kiosk wraps here.
#pragma once
#include <imgui.h>

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

}  // namespace gongkai
