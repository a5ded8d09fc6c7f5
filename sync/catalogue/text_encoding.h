// Decoding of department files: UTF-8, UTF-8 with BOM, or GB18030 (Excel's default for
// Chinese), detected without being told (glibc's iconv for GB18030); and the one bounded
// file reader: regular files only, size-capped, optionally confined to a directory.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "catalogue_errors.h"

namespace gongkai {

enum class TextEncoding { Utf8, Utf8Bom, Gb18030 };
const char* to_string(TextEncoding e);

struct DecodedText {
    std::string utf8;        // BOM removed; line endings untouched
    TextEncoding encoding = TextEncoding::Utf8;
};

// Where a decoding problem is: 1-based line and column (column in characters of the
// line's valid prefix), filled by decode_text on SourceEncoding.
struct TextPosition {
    int line = 0;
    int column = 0;
};
TextPosition position_of_offset(std::string_view bytes, size_t offset);

// Valid UTF-8 (with or without BOM) is taken as UTF-8: GB18030 text of any length
// is almost never valid UTF-8 because its lead bytes 0x81–0xFE are followed by bytes
// below 0x80 or by 0x80–0xFE pairs that break UTF-8's continuation rules.
// Otherwise the bytes are decoded as GB18030; failing both gives SourceEncoding with
// the byte offset of the first undecodable byte.
// Text that is mostly UTF-8 (over 4 valid multi-byte sequences per invalid byte) but holds a few invalid sequences — a GBK word pasted into a UTF-8 file — is
// NOT decoded as GB18030 (that turns every other character into mojibake): it is a
// SourceEncoding error at the first bad byte, whose line and column go to `where`.
Result<DecodedText> decode_text(std::string_view bytes, TextPosition* where = nullptr);

bool is_valid_utf8(std::string_view s, size_t* error_offset = nullptr);

// Chinese typography for imported text: a half-width bracket pair in Chinese text becomes
// full-width — "公开内容(要素)" → "公开内容（要素）", "》(国发〔2012〕52号)" → "》（国发〔2012〕52号）" —
// and a year in half-width square brackets before a document number becomes 〔〕
// ("民发[2012]220号" → "民发〔2012〕220号"). A pair with no Chinese inside or beside it,
// "(021)" alone or "f(x)", and an unmatched bracket are left as written.
std::string full_width_brackets(std::string_view text);

// The largest file any Gongkai program reads whole: a previous bundle (compressed, so
// below the decoder's 256 MiB JSON cap) is the biggest; 512 MiB stops /dev/zero-like
// inputs long before memory runs out.
inline constexpr std::uint64_t kMaxReadBytes = 512ull << 20;

// Reads a whole REGULAR file (binary), at most `max_bytes`. lstat/stat before opening,
// open with O_NONBLOCK (a FIFO cannot block), fstat after: FileMissing, FileUnreadable,
// FileNotRegular (device, FIFO, directory, socket), FileTooLarge.
Result<std::string> read_file(const std::string& path, std::uint64_t max_bytes = kMaxReadBytes);

// Reads `relative` only if, after resolving "..", symlinks and absolute paths, it is a
// regular file located under `root`: else FileOutsideSource (and the errors of read_file).
Result<std::string> read_file_under(const std::string& root, const std::string& relative, std::uint64_t max_bytes);

}  // namespace gongkai
