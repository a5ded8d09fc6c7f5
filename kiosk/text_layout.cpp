// See text_layout.h.
#include "text_layout.h"

#include <linebreak.h>

#include <mutex>

#include "utf8.h"

namespace gongkai {

bool is_line_start_forbidden(unsigned cp) {
    switch (cp) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01:  // ，。、；：？！
    case 0xFF09: case 0x300D: case 0x300F: case 0x3011: case 0x300B: case 0x3009: case 0x201D:  // ）」』】》〉”
    case 0x2019: case 0xFF0E: case 0x30FB: case 0x2026: case 0xFF5E:                          // ’．・…～
    case ',': case '.': case ';': case ':': case '?': case '!': case ')': case ']': case '}':
        return true;
    default:
        return false;
    }
}

std::vector<TextLine> wrap_text(const ImFont* font, float size, std::string_view text, float max_width,
                                const char* language) {
    static std::once_flag init;
    std::call_once(init, init_linebreak);
    std::vector<TextLine> lines;
    if (text.empty()) return lines;

    // brks[i] describes the position after byte i.
    std::vector<char> brks(text.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(text.data()), text.size(), language, brks.data());
    const float scale = size / font->FontSize;

    size_t line_start = 0;
    float width = 0;                       // width of [line_start, i)
    size_t last_break = std::string::npos;  // byte index after which a break is allowed

    auto trimmed_end = [&](size_t end) {
        while (end > line_start && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r')) end--;
        return end;
    };
    auto width_of = [&](size_t b, size_t e) {
        float w = 0;
        for (size_t i = b; i < e;) {
            char32_t cp = utf8::next(text, i);
            w += font->GetCharAdvance(static_cast<ImWchar>(cp <= 0xFFFF ? cp : 0xFFFD)) * scale;
        }
        return w;
    };
    auto push_line = [&](size_t end) {
        size_t e = trimmed_end(end);
        lines.push_back({line_start, e, width_of(line_start, e)});
    };

    for (size_t i = 0; i < text.size();) {
        size_t next = i;
        char32_t cp = utf8::next(text, next);
        float advance = font->GetCharAdvance(static_cast<ImWchar>(cp <= 0xFFFF ? cp : 0xFFFD)) * scale;
        bool is_space = cp == ' ' || cp == '\n' || cp == '\r';
        if (width + advance > max_width && !is_space && i > line_start) {
            if (last_break != std::string::npos && last_break > line_start) {
                push_line(last_break);
                line_start = last_break;
                // Skip spaces the break left at the new line's start.
                while (line_start < text.size() && text[line_start] == ' ') line_start++;
                width = width_of(line_start, i);
            } else {
                // Emergency cut inside an unbreakable run (a long number or word).
                size_t cut = i;
                if (is_line_start_forbidden(cp)) {
                    // Pull the previous character down with the punctuation.
                    size_t prev = cut;
                    do { prev--; } while (prev > line_start && (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80);
                    if (prev > line_start) cut = prev;
                }
                push_line(cut);
                line_start = cut;
                width = width_of(line_start, i);
            }
            last_break = std::string::npos;
        }
        width += advance;
        char b = brks[next - 1];
        if (b == LINEBREAK_MUSTBREAK && next < text.size()) {
            push_line(next);
            line_start = next;
            width = 0;
            last_break = std::string::npos;
        } else if (b == LINEBREAK_ALLOWBREAK) {
            last_break = next;
        }
        i = next;
    }
    if (line_start < text.size() || lines.empty()) push_line(text.size());
    return lines;
}

std::vector<TextLine> WrapCache::wrap(const ImFont* font, float size, std::string_view text, float max_width) {
    for (auto& e : entries_)
        if (e.font == font && e.size == size && e.width == max_width && e.text == text) return e.lines;
    // A screen shows at most a few hundred paragraphs; beyond that the oldest go.
    if (entries_.size() > 512) entries_.erase(entries_.begin(), entries_.begin() + 256);
    entries_.push_back({font, size, max_width, std::string(text), wrap_text(font, size, text, max_width, language_.c_str())});
    return entries_.back().lines;
}

}  // namespace gongkai

