// Decoding of department files: UTF-8, UTF-8 with BOM, or GB18030 (Excel's default for
// Chinese), detected without being told. Uses glibc's iconv for GB18030.
#pragma once
#include <string>
#include <string_view>

#include "errors.h"

namespace gongkai {

enum class TextEncoding { Utf8, Utf8Bom, Gb18030 };
const char* to_string(TextEncoding e);

struct DecodedText {
    std::string utf8;        // BOM removed; line endings untouched
    TextEncoding encoding = TextEncoding::Utf8;
};

// Valid UTF-8 (with or without BOM) is taken as UTF-8: GB18030 text of any length
// is almost never valid UTF-8 because its lead bytes 0x81–0xFE are followed by bytes
// below 0x80 or by 0x80–0xFE pairs that break UTF-8's continuation rules.
// Otherwise the bytes are decoded as GB18030; failing both gives SourceEncoding with
// the byte offset of the first undecodable byte.
Result<DecodedText> decode_text(std::string_view bytes);

bool is_valid_utf8(std::string_view s, size_t* error_offset = nullptr);

// Reads a whole file (binary). FileMissing / FileUnreadable on failure.
Result<std::string> read_file(const std::string& path);

}  // namespace gongkai
