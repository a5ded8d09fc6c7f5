// The one way Gongkai reads a TOML file (device config, catalogue.toml, guides, notices):
// bounded BEFORE toml++ sees it — a size cap and a nesting-depth pre-scan — because
// toml++ recurses per nesting level and ~40,000 nested tables overflow the stack.
#pragma once
#include <cstdint>
#include <string>
#include <toml++/toml.h>

#include "catalogue_errors.h"
#include "text_encoding.h"

namespace gongkai {

// The largest guide in the reference data is ~4 KB and notices.toml a few KB; 1 MiB
// is 250 times that and still parses in milliseconds.
inline constexpr std::uint64_t kMaxTomlBytes = 1u << 20;
// Our formats nest at most 3 levels ([[directory]] inside a guide, an array inside it).
// 64 leaves room for any hand-written file and is ~600× below the ~40,000 levels that
// overflowed the 8 MiB stack in toml++.
inline constexpr int kMaxTomlDepth = 64;

struct TomlFile {
    toml::table root;
    TextEncoding encoding = TextEncoding::Utf8;
};

// Depth of a TOML text: dotted keys in headers ([a.b.c] is 3), dotted keys before "=",
// and open [ / { of arrays and inline tables, counted outside strings and comments.
// Returns the position where the depth first exceeds `max_depth`, or line 0 if it never does.
TextPosition toml_depth_exceeded(std::string_view text, int max_depth = kMaxTomlDepth);

// What toml++ must not see, found before it parses:
//   TooDeep — nested deeper than max_depth (its recursion overflows the stack);
//   NonAsciiOutsideString — a character such as 〕 or a full-width space outside quotes and
//     comments. TOML allows none there, and toml++ 3.3.0 (Debian 12) reaches undefined
//     behaviour on some of them (TOML_UNREACHABLE in is_non_ascii_horizontal_whitespace,
//     upstream #190; found by tests/fuzz, reproducers in tests/fuzz/findings/);
//   NonAsciiEscaped — a backslash before such a character inside a "…" string (no escape is
//     spelt so), or a line-ending backslash whose next character is one toml++'s whitespace
//     test is undefined for: toml++ asks that test about it.
struct TomlPrescan {
    enum class Problem { None, TooDeep, NonAsciiOutsideString, NonAsciiEscaped };
    Problem problem = Problem::None;
    TextPosition at;    // 1-based; line 0 when there is no problem
    size_t offset = 0;  // the byte where it is
};
TomlPrescan toml_prescan(std::string_view text, int max_depth = kMaxTomlDepth);
// True for the code points toml++ 3.3.0's whitespace test reaches TOML_UNREACHABLE on
// (U+00A1–U+0499, U+2C5E–U+3057 but U+3000, U+FB26–U+FEFE): after a multi-line string's
// line-ending backslash toml++ tests the next character, which may validly be Chinese.
bool toml_whitespace_test_undefined(char32_t c);

// Reads `path` (a regular file of at most kMaxTomlBytes; with `root` non-empty it must lie
// under `root`), decodes it (UTF-8; GB18030 too when `allow_gb18030`), drops a leading
// byte-order mark, pre-scans (toml_prescan) and parses. Errors: the read errors of read_file, SourceEncoding, and SourceSyntax for a too
// deep or unparsable text. `where` receives the 1-based line and column of a located error
// (0 when the problem is the whole file). `label` names the file in error details.
Result<TomlFile> read_toml(const std::string& root, const std::string& path, const std::string& label,
                           bool allow_gb18030, TextPosition* where);

}  // namespace gongkai
