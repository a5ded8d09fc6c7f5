// See text_encoding.h.
#include "text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

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
    if (cd == (iconv_t)-1) return make_error(ErrorCode::SourceEncoding, "iconv has no GB18030 converter");
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
        return make_error(ErrorCode::SourceEncoding,
                          "undecodable byte at offset " + std::to_string(offset) + " (neither UTF-8 nor GB18030)");
    }
    out.resize(out.size() - out_left);
    iconv_close(cd);
    return out;
}

Result<DecodedText> decode_text(std::string_view bytes) {
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (bytes.starts_with(kBom)) {
        std::string_view rest = bytes.substr(kBom.size());
        size_t off = 0;
        if (!is_valid_utf8(rest, &off))
            return make_error(ErrorCode::SourceEncoding,
                              "UTF-8 BOM but invalid UTF-8 at byte offset " + std::to_string(off + kBom.size()));
        return DecodedText{std::string(rest), TextEncoding::Utf8Bom};
    }
    if (is_valid_utf8(bytes)) return DecodedText{std::string(bytes), TextEncoding::Utf8};
    auto converted = gb18030_to_utf8(bytes);
    if (!converted) return converted.error();
    return DecodedText{std::move(*converted), TextEncoding::Gb18030};
}

Result<std::string> read_file(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return make_error(ErrorCode::FileMissing, path);
        return make_error(ErrorCode::FileUnreadable, path + ": " + std::strerror(errno));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::FileUnreadable, path + ": " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return make_error(ErrorCode::FileUnreadable, path + ": read error");
    return ss.str();
}

}  // namespace gongkai
