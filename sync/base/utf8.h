// UTF-8 ↔ code points: the one decoder and encoder every part of Gongkai uses (text
// layout, search, glyph collection, tests). Input is assumed valid UTF-8 (decode_text
// validates department files); a truncated sequence yields U+FFFD for one byte.
#pragma once
#include <string>
#include <string_view>

namespace gongkai::utf8 {

// The code point starting at s[i]; advances i past it.
inline char32_t next(std::string_view s, size_t& i) {
    unsigned char c = s[i];
    if (c < 0x80) { i++; return c; }
    size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (i + n > s.size()) { i++; return 0xFFFD; }
    char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; k++) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

// A Chinese character as search and the thesaurus count them: the BMP's CJK ideographs
// (Extension A, the unified block) and the compatibility ideographs.
inline bool is_han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

// Text a resident or an editor typed, for a terminal: control characters (a newline, an
// escape sequence) shown as \uXXXX, everything else as it is.
inline std::string escape_controls(std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7F) out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
        else out += static_cast<char>(c);
    }
    return out;
}

inline std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) out += next(s, i);
    return out;
}

inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// UTF-16 code units (an .xls string, Excel's _xHHHH_ escapes) as UTF-8: a surrogate pair is
// one character (an emoji), a lone surrogate is U+FFFD — never the invalid 3-byte form a unit
// at a time would make (a JSON writer refuses it, and publishing aborted).
inline std::string from_utf16(std::u16string_view units) {
    std::string out;
    out.reserve(units.size() * 3);
    for (size_t i = 0; i < units.size(); i++) {
        const char16_t u = units[i];
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
            append(out, 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (units[i + 1] - 0xDC00));
            i++;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            append(out, 0xFFFD);
        } else {
            append(out, u);
        }
    }
    return out;
}

inline std::string encode(std::u32string_view s) {
    std::string out;
    for (char32_t cp : s) append(out, cp);
    return out;
}

}  // namespace gongkai::utf8
