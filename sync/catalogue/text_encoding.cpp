// See text_encoding.h.
#include "text_encoding.h"

#include "utf8.h"

#include <iconv.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace gongkai {

const char* to_string(TextEncoding e) {
    switch (e) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Utf8Bom: return "UTF-8 with BOM";
    case TextEncoding::Gb18030: return "GB18030";
    }
    return "UTF-8";
}

bool is_valid_utf8(std::string_view s, size_t* error_offset) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned char c = p[i];
        size_t len;
        unsigned cp;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else { if (error_offset) *error_offset = i; return false; }
        if (i + len > n) { if (error_offset) *error_offset = i; return false; }
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) { if (error_offset) *error_offset = i; return false; }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are invalid.
        static const unsigned min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_len[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            if (error_offset) *error_offset = i;
            return false;
        }
        i += len;
    }
    return true;
}

static Result<std::string> gb18030_to_utf8(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return make_error(CatalogueError::SourceEncoding, "iconv has no GB18030 converter");
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in_p = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    char* out_p = out.data();
    size_t out_left = out.size();
    while (in_left > 0) {
        size_t r = iconv(cd, &in_p, &in_left, &out_p, &out_left);
        if (r != (size_t)-1) break;
        if (errno == E2BIG) {
            size_t used = out.size() - out_left;
            out.resize(out.size() * 2);
            out_p = out.data() + used;
            out_left = out.size() - used;
            continue;
        }
        size_t offset = bytes.size() - in_left;
        iconv_close(cd);
        return make_error(CatalogueError::SourceEncoding,
                          "undecodable byte at offset " + std::to_string(offset) + " (neither UTF-8 nor GB18030)");
    }
    out.resize(out.size() - out_left);
    iconv_close(cd);
    return out;
}

TextPosition position_of_offset(std::string_view bytes, size_t offset) {
    TextPosition p{1, 1};
    for (size_t i = 0; i < offset && i < bytes.size(); i++) {
        unsigned char c = bytes[i];
        if (c == '\n') { p.line++; p.column = 1; }
        else if ((c & 0xC0) != 0x80) p.column++;  // count characters, not continuation bytes
    }
    return p;
}

// Valid multi-byte UTF-8 sequences and invalid bytes, resynchronising after each bad byte.
static void count_utf8(std::string_view s, size_t* valid_multibyte, size_t* invalid) {
    *valid_multibyte = *invalid = 0;
    size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { i++; continue; }
        size_t len;
        // One sequence: validated by is_valid_utf8 on at most 4 bytes.
        for (len = 2; len <= 4 && i + len <= s.size(); len++)
            if (is_valid_utf8(s.substr(i, len))) break;
        if (len <= 4 && i + len <= s.size()) { (*valid_multibyte)++; i += len; }
        else { (*invalid)++; i++; }
    }
}

static Error encoding_error(std::string_view bytes, size_t offset, const std::string& what, TextPosition* where) {
    TextPosition p = position_of_offset(bytes, offset);
    if (where) *where = p;
    return make_error(CatalogueError::SourceEncoding, what + " at line " + std::to_string(p.line) + ", column " +
                                                     std::to_string(p.column) + " (byte offset " + std::to_string(offset) + ")");
}

Result<DecodedText> decode_text(std::string_view bytes, TextPosition* where) {
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (bytes.starts_with(kBom)) {
        size_t off = 0;
        if (!is_valid_utf8(bytes.substr(kBom.size()), &off))
            return encoding_error(bytes.substr(kBom.size()), off, "UTF-8 BOM but invalid UTF-8", where);
        return DecodedText{std::string(bytes.substr(kBom.size())), TextEncoding::Utf8Bom};
    }
    size_t first_bad = 0;
    if (is_valid_utf8(bytes, &first_bad)) return DecodedText{std::string(bytes), TextEncoding::Utf8};
    size_t valid_multibyte, invalid;
    count_utf8(bytes, &valid_multibyte, &invalid);
    // GB18030 text has a few byte pairs that happen to be valid UTF-8 (lead C2–DF with a
    // trail A1–BF) but several invalid bytes for each of them; UTF-8 text with a pasted
    // GBK word has hundreds of valid characters for a handful of invalid bytes. A factor
    // of 4 separates the two with room on both sides.
    if (valid_multibyte > 4 * invalid)
        return encoding_error(bytes, first_bad, "UTF-8 text with an invalid byte (a word in another encoding?)", where);
    auto converted = gb18030_to_utf8(bytes);
    if (!converted) {
        // The offset is in the detail ("undecodable byte at offset N"): locate it too.
        size_t at = 0;
        if (auto p = converted.error().detail.find("offset "); p != std::string::npos)
            at = std::strtoull(converted.error().detail.c_str() + p + 7, nullptr, 10);
        return encoding_error(bytes, at, "neither UTF-8 nor GB18030: undecodable byte", where);
    }
    return DecodedText{std::move(*converted), TextEncoding::Gb18030};
}

static Error errno_error(const std::string& path) {
    if (errno == ENOENT) return make_error(BaseError::FileMissing, path);
    return make_error(BaseError::FileUnreadable, path + ": " + std::strerror(errno));
}

static const char* file_type_name(mode_t m) {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return errno_error(path);
    if (!S_ISREG(st.st_mode)) return make_error(BaseError::FileNotRegular, path + " is " + file_type_name(st.st_mode));
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return make_error(BaseError::FileTooLarge, path + ": " + std::to_string(st.st_size) + " bytes, at most " +
                                                       std::to_string(max_bytes) + " allowed");
    // O_NONBLOCK: if the path was swapped for a FIFO since stat, open does not wait for a writer.
    int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return errno_error(path);
    struct FdCloser { int fd; ~FdCloser() { close(fd); } } closer{fd};
    if (fstat(fd, &st) != 0) return errno_error(path);
    if (!S_ISREG(st.st_mode)) return make_error(BaseError::FileNotRegular, path + " is " + file_type_name(st.st_mode));
    std::string out;
    out.reserve(static_cast<size_t>(std::min<std::uint64_t>(st.st_size, max_bytes)));
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno_error(path);
        }
        if (n == 0) break;
        // The file may grow after fstat: the cap holds for what is actually read.
        if (out.size() + static_cast<size_t>(n) > max_bytes)
            return make_error(BaseError::FileTooLarge, path + ": more than " + std::to_string(max_bytes) + " bytes");
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

Result<std::string> read_file_under(const std::string& root, const std::string& relative, std::uint64_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path base = fs::canonical(root, ec);
    if (ec) return make_error(BaseError::FileMissing, root + ": " + ec.message());
    fs::path joined = base / relative;  // an absolute `relative` replaces base: caught below
    fs::path real = fs::canonical(joined, ec);  // resolves "..", "." and every symlink
    if (ec) {
        if (ec == std::errc::no_such_file_or_directory) {
            // Say "outside" rather than "missing" for a path that would leave the root anyway.
            fs::path lexical = joined.lexically_normal();
            auto rel = lexical.lexically_relative(base);
            if (rel.empty() || *rel.begin() == "..") return make_error(BaseError::FileOutsideSource, relative + " leaves " + root);
            return make_error(BaseError::FileMissing, joined.string());
        }
        return make_error(BaseError::FileUnreadable, joined.string() + ": " + ec.message());
    }
    auto rel = real.lexically_relative(base);
    if (rel.empty() || *rel.begin() == ".." || rel.is_absolute())
        return make_error(BaseError::FileOutsideSource, relative + " resolves to " + real.string() + ", outside " + base.string());
    return read_file(real.string(), max_bytes);
}

static bool is_chinese(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

std::string full_width_brackets(std::string_view text) {
    // Most text has no half-width bracket at all: leave it without decoding.
    if (text.find_first_of("([") == std::string_view::npos) return std::string(text);
    std::u32string cps = utf8::decode(text);
    bool changed = false;
    for (size_t open = 0; open < cps.size(); open++) {
        if (cps[open] == U'(') {
            size_t close = open + 1;
            while (close < cps.size() && cps[close] != U')' && cps[close] != U'(') close++;
            if (close >= cps.size() || cps[close] != U')') continue;
            bool chinese = (open > 0 && is_chinese(cps[open - 1])) || (close + 1 < cps.size() && is_chinese(cps[close + 1]));
            for (size_t i = open + 1; i < close && !chinese; i++) chinese = is_chinese(cps[i]);
            if (!chinese) continue;
            cps[open] = U'（';
            cps[close] = U'）';
            changed = true;
        } else if (cps[open] == U'[' && open + 5 < cps.size() && cps[open + 5] == U']') {
            bool year = true;
            for (size_t i = open + 1; i < open + 5; i++) year &= cps[i] >= U'0' && cps[i] <= U'9';
            const bool after_issuer = open > 0 && is_chinese(cps[open - 1]);
            if (!year || !after_issuer) continue;
            cps[open] = U'〔';
            cps[open + 5] = U'〕';
            changed = true;
        }
    }
    if (!changed) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    for (char32_t cp : cps) utf8::append(out, cp);
    return out;
}

}  // namespace gongkai
