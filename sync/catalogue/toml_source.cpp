// See toml_source.h.
#include "toml_source.h"

#include "utf8.h"

namespace gongkai {

TextPosition toml_depth_exceeded(std::string_view s, int max_depth) {
    TomlPrescan p = toml_prescan(s, max_depth);
    return p.problem == TomlPrescan::Problem::TooDeep ? p.at : TextPosition{};
}

TomlPrescan toml_prescan(std::string_view s, int max_depth) {
    using Problem = TomlPrescan::Problem;
    // What the scanner is inside of. Keys are counted only in key position: at the start of
    // a line outside any array, or after "{" / "," inside an inline table.
    std::string open;       // the stack of "[" and "{" currently open (values)
    bool in_key = true;     // before the "=" of a key/value, or in a [header]
    bool in_header = false; // inside [ ] or [[ ]] at the start of a line
    int key_dots = 0;
    int line = 1, column = 1;
    auto depth = [&] { return static_cast<int>(open.size()) + key_dots + (in_header ? 1 : 0); };
    auto advance = [&](size_t& i) {
        unsigned char c = s[i++];
        if (c == '\n') { line++; column = 1; }
        else if ((c & 0xC0) != 0x80) column++;
    };
    // Skips a string starting at s[i] (one of " ' """ '''); stops at its end or at EOF.
    // Returns false at a backslash before a non-ASCII character: no escape is spelt so, and
    // toml++ asks its whitespace test about that character (a multi-line string's
    // line-ending backslash), which reaches the same undefined behaviour (`"""\˸`, U+02F8).
    auto skip_string = [&](size_t& i) -> bool {
        char q = s[i];
        bool multi = s.substr(i, 3) == std::string(3, q);
        size_t quote_len = multi ? 3 : 1;
        for (size_t k = 0; k < quote_len; k++) advance(i);
        while (i < s.size()) {
            if (q == '"' && s[i] == '\\') {
                advance(i);
                if (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80) return false;
                if (i < s.size()) advance(i);
                continue;
            }
            if (!multi && s[i] == '\n') return true;  // unterminated: the parser reports it
            if (s.substr(i, quote_len) == std::string(quote_len, q)) {
                for (size_t k = 0; k < quote_len; k++) advance(i);
                return true;
            }
            advance(i);
        }
        return true;
    };
    bool line_start = true;
    // A quote opens a string only where a key or a value begins — as toml++ reads it. In
    // the middle of a bare token (`y=1"。`) toml++ reads on past the quote, to the next
    // whitespace, and meets the character there: so does this scan.
    bool token_start = true;
    for (size_t i = 0; i < s.size();) {
        char c = s[i];
        if ((c == '"' || c == '\'') && token_start) {
            if (!skip_string(i)) return {Problem::NonAsciiEscaped, TextPosition{line, column}, i};
            line_start = false;
            token_start = false;
            continue;
        }
        if (c == '#') { while (i < s.size() && s[i] != '\n') advance(i); continue; }
        if (c == '\n') {
            if (open.empty()) { in_key = true; in_header = false; key_dots = 0; line_start = true; }
            token_start = true;
            advance(i);
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') { token_start = true; advance(i); continue; }
        token_start = c == '=' || c == '[' || c == '{' || c == ',' || c == '.';
        TextPosition here{line, column};
        if (static_cast<unsigned char>(c) >= 0x80) return {Problem::NonAsciiOutsideString, here, i};
        if (line_start && open.empty() && c == '[') {
            in_header = true;
            in_key = true;
            key_dots = 0;
            while (i < s.size() && s[i] == '[') advance(i);
            line_start = false;
            continue;
        }
        line_start = false;
        if (in_header) {
            if (c == ']') { in_header = false; in_key = false; key_dots = 0; }
            else if (c == '.') { key_dots++; if (depth() > max_depth) return {Problem::TooDeep, here, i}; }
            advance(i);
            continue;
        }
        if (in_key) {
            if (c == '.') { key_dots++; if (depth() > max_depth) return {Problem::TooDeep, here, i}; }
            else if (c == '=') { in_key = false; }
            advance(i);
            continue;
        }
        // Value position.
        if (c == '[' || c == '{') {
            open.push_back(c);
            key_dots = 0;
            if (depth() > max_depth) return {Problem::TooDeep, here, i};
            if (c == '{') in_key = true;
        } else if (c == ']' || c == '}') {
            if (!open.empty()) open.pop_back();
            key_dots = 0;
        } else if (c == ',' && !open.empty() && open.back() == '{') {
            in_key = true;
            key_dots = 0;
        }
        advance(i);
    }
    return {};
}

Result<TomlFile> read_toml(const std::string& root, const std::string& path, const std::string& label,
                           bool allow_gb18030, TextPosition* where) {
    if (where) *where = {};
    auto bytes = root.empty() ? read_file(path, kMaxTomlBytes) : read_file_under(root, path, kMaxTomlBytes);
    if (!bytes) return bytes.error();
    TomlFile out;
    std::string text;
    if (allow_gb18030) {
        auto decoded = decode_text(*bytes, where);
        if (!decoded) return make_error(CatalogueError::SourceEncoding, label + ": " + decoded.error().detail);
        text = std::move(decoded->utf8);
        out.encoding = decoded->encoding;
    } else {
        size_t bad = 0;
        if (!is_valid_utf8(*bytes, &bad)) {
            TextPosition p = position_of_offset(*bytes, bad);
            if (where) *where = p;
            return make_error(CatalogueError::SourceEncoding, label + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                                                             ": invalid UTF-8");
        }
        text = std::move(*bytes);
    }
    // Notepad saves UTF-8 with a byte-order mark; TOML does not allow one.
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    const TomlPrescan scan = toml_prescan(text);
    const std::string at = label + ":" + std::to_string(scan.at.line) + ":" + std::to_string(scan.at.column) + ": ";
    switch (scan.problem) {
    case TomlPrescan::Problem::None: break;
    case TomlPrescan::Problem::TooDeep:
        if (where) *where = scan.at;
        return make_error(CatalogueError::SourceSyntax, at + "nested deeper than " + std::to_string(kMaxTomlDepth) + " levels");
    case TomlPrescan::Problem::NonAsciiEscaped: {
        if (where) *where = scan.at;
        size_t end = scan.offset;
        utf8::next(text, end);
        return make_error(CatalogueError::SourceSyntax, at + "反斜杠后的字符“" + text.substr(scan.offset, end - scan.offset) +
                                                       "”：转义只能是 \\n、\\t、\\\"、\\\\、\\uXXXX 这样的写法");
    }
    case TomlPrescan::Problem::NonAsciiOutsideString: {
        if (where) *where = scan.at;
        size_t end = scan.offset;
        utf8::next(text, end);
        return make_error(CatalogueError::SourceSyntax, at + "引号外的字符“" + text.substr(scan.offset, end - scan.offset) +
                                                       "”：中文只能写在 \"…\" 里，或 # 注释之后");
    }
    }
    try {
        out.root = toml::parse(text, label);
    } catch (const toml::parse_error& e) {
        TextPosition p{static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)};
        if (where) *where = p;
        return make_error(CatalogueError::SourceSyntax, label + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                                                       std::string(e.description()));
    }
    return out;
}

}  // namespace gongkai
