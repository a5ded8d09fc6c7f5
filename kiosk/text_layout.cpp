// See text_layout.h.
#include "text_layout.h"

#include <linebreak.h>

#include <algorithm>
#include <functional>
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

static bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF); }
static bool is_digit(char32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

// Units and measure words a number is read with: "45个工作日" or "5000元" broken after the
// digits reads as a number on one line and its meaning on the next. Longest first, so
// "个工作日" wins over "个".
static constexpr std::string_view kUnits[] = {
    "个工作日", "个自然日", "个月", "工作日", "自然日", "周岁", "小时", "分钟", "万元", "平方米", "公里",
    "日", "天", "年", "月", "号", "元", "岁", "周", "时", "分", "人", "次", "项", "户", "个", "倍", "%", "％",
};

// Marks positions where the kiosk's Chinese typography forbids a break that UAX #14
// allows: inside a number with its unit (45个工作日, 2026年11月1日 stays "2026年" "11月"
// "1日" each whole) and inside a document number (国发〔2012〕45号).
static void forbid_breaks(std::string_view text, std::vector<char>& brks) {
    auto forbid = [&](size_t from, size_t to) {  // no break after any byte in [from, to)
        for (size_t i = from; i < to && i < brks.size(); i++)
            if (brks[i] == LINEBREAK_ALLOWBREAK) brks[i] = LINEBREAK_NOBREAK;
    };
    for (size_t i = 0; i < text.size();) {
        size_t start = i, next = i;
        char32_t cp = utf8::next(text, next);
        if (!is_digit(cp)) { i = next; continue; }
        size_t end = next;
        while (end < text.size()) {
            size_t n = end;
            char32_t c = utf8::next(text, n);
            // A range of numbers is one number to the eye: "1–3号", "3-5个工作日", "9:00–17:00".
            const bool joiner = c == '.' || c == ',' || c == ':' || c == '-' || c == '~' || c == U'–' || c == U'～' || c == U'—';
            if (joiner && n < text.size()) {
                size_t after = n;
                if (!is_digit(utf8::next(text, after))) break;
            } else if (!is_digit(c)) {
                break;
            }
            end = n;
        }
        for (std::string_view unit : kUnits)
            if (text.substr(end, unit.size()) == unit) {
                end += unit.size();
                break;
            }
        forbid(start, end - 1);
        i = end;
    }
    // 〔year〕number号 with the two Han characters before it: the issuer's abbreviation ends
    // there (国发, 民发; 沪府办发 keeps "办发" whole). More would swallow the words before a
    // short one ("依据国发") and force a cut mid-number on a narrow line. Only the shape
    // 〔four digits〕 is a document number: each "〔" is looked at once, in constant time, so
    // a paragraph of 20,000 unclosed "〔" costs what 20,000 characters do.
    static constexpr std::string_view kOpen = "〔", kClose = "〕", kHao = "号";
    for (size_t at = text.find(kOpen); at != std::string_view::npos; at = text.find(kOpen, at + kOpen.size())) {
        size_t close = at + kOpen.size();
        int digits = 0;
        while (close < text.size() && digits < 4 && is_digit(static_cast<unsigned char>(text[close]))) close++, digits++;
        if (digits != 4 || text.substr(close, kClose.size()) != kClose) continue;
        size_t end = close + kClose.size();
        while (end < text.size() && is_digit(static_cast<unsigned char>(text[end]))) end++;
        if (text.substr(end, kHao.size()) == kHao) end += kHao.size();
        size_t begin = at;
        for (int k = 0; k < 2 && begin >= 3; k++) {
            size_t prev = begin - 3;
            size_t probe = prev;
            if (!is_han(utf8::next(text, probe)) || probe != begin) break;
            begin = prev;
        }
        forbid(begin, end - 1);
    }
}

// A paragraph of more than one line never ends on a line of one Chinese character (plus
// its punctuation), "款" or "准。" alone: the last break moves back one allowed break, so
// the last line takes at least two characters from the one above.
static void avoid_orphan(std::string_view text, const std::vector<char>& brks, std::vector<TextLine>& lines,
                         const std::function<float(size_t, size_t)>& width_of, float max_width) {
    if (lines.size() < 2) return;
    TextLine& last = lines.back();
    TextLine& above = lines[lines.size() - 2];
    size_t chars = 0;
    bool han = false;
    for (size_t i = last.begin; i < last.end;) {
        char32_t cp = utf8::next(text, i);
        if (is_line_start_forbidden(cp)) continue;
        chars++;
        han |= is_han(cp);
    }
    if (chars != 1 || !han || above.end != last.begin) return;
    // The latest allowed break in the line above that leaves it at least two characters,
    // if what it moves down still fits one line.
    size_t kept = 0, move_at = std::string_view::npos;
    for (size_t i = above.begin; i < above.end;) {
        utf8::next(text, i);
        kept++;
        if (i < above.end && kept >= 2 && brks[i - 1] == LINEBREAK_ALLOWBREAK) move_at = i;
    }
    if (move_at == std::string_view::npos || width_of(move_at, last.end) > max_width) return;
    above.end = move_at;
    above.width = width_of(above.begin, above.end);
    last.begin = move_at;
    last.width = width_of(last.begin, last.end);
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
    forbid_breaks(text, brks);
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
    avoid_orphan(text, brks, lines, width_of, max_width);
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

ListLayouts::List& ListLayouts::get(std::string_view key) {
    for (size_t i = 0; i < lists_.size(); i++)
        if (lists_[i].key == key) {
            std::rotate(lists_.begin() + static_cast<std::ptrdiff_t>(i), lists_.begin() + static_cast<std::ptrdiff_t>(i) + 1, lists_.end());
            return lists_.back();
        }
    if (lists_.size() >= kKept) lists_.erase(lists_.begin());
    lists_.push_back(List{std::string(key), {}, false, 0, {}});
    return lists_.back();
}

}  // namespace gongkai
