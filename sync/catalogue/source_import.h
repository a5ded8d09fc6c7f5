// Import of the human-editable catalogue source (the format of assets/catalogue/):
// catalogue.toml, one directory table per domain (an Excel workbook, .xlsx or .xls, read by
// workbook.h, or Excel's CSV export), guides/*.toml,
// notices.toml (with categories, urgent and targeted notices, result lists), and the
// optional interpretations.toml, responses.toml and thesaurus.toml. Every problem names
// file, line and column (a workbook's also its sheet and cell); a source with any problem must
// not be published or installed.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bundle.h"
#include "model.h"
#include "text_encoding.h"
#include "workbook.h"

namespace gongkai {

// A directory table is tens of kilobytes; a 50,000-row table (the size the cache and search
// are measured at, docs/performance.md) is ~15 MB. 64 MiB and 100,000 rows leave 4× and
// 2× room and stop a runaway export (1M rows took 3 GB of memory) before it is parsed.
inline constexpr std::size_t kMaxDirectoryBytes = 64u << 20;
inline constexpr std::size_t kMaxDirectoryRows = 100000;
// The longest cell in the reference data (a 公开依据 list) is under 2 KB; 64 KiB is 30×
// that, and with 100,000 rows no single cell can make the bundle exceed a device's limit.
inline constexpr std::size_t kMaxCellBytes = 64u << 10;
// The largest bundle a device accepts by default (Config::max_bundle_mib's default, 64):
// validate refuses a catalogue whose bundle would be larger, since every device would
// refuse it. The decoded JSON must also fit the decoder's kMaxBundleJsonBytes.
inline constexpr std::uint64_t kDeviceMaxBundleBytes = 64ull << 20;

// "" or why no device would install this catalogue: its bundle JSON is over the decoder's
// cap (kMaxBundleJsonBytes), or the compressed bundle over the default max_bundle_mib.
std::string bundle_size_problem(const Catalogue& cat, std::size_t max_json_bytes = kMaxBundleJsonBytes,
                                std::uint64_t max_packed_bytes = kDeviceMaxBundleBytes);

// The most distinct characters a catalogue's text may use. A kiosk builds its glyph atlas
// from them at three sizes; 6,000 at 1.5× text still fits the 16384-px texture every
// renderer offers (PITFALLS.md: 21,632 glyphs at 48 px needed 4096×16384), where more would
// shrink every glyph on the screen. Government text uses ~2,000–4,500 (the demo: 2,100;
// the 通用规范汉字表's two common tiers hold 6,500).
inline constexpr std::size_t kMaxCatalogueCharacters = 6000;
// "" or why devices could not draw this catalogue's text at its size: too many distinct characters.
std::string charset_problem(const Catalogue& cat);

// "" or why a cell/string cannot be published: too long, NUL, or U+FEFF inside.
std::string cell_text_problem(std::string_view text);

// [SECTION] Disclosure limits (issue 11: targeted notices, result lists, 解读, 回应)
// A hall or group name is a short label a device's config repeats ([hall] id / name,
// groups): 32 characters hold 徐汇区漕河泾街道社区事务受理服务中心 with room to spare, and
// 64 names is more than the district's 13 streets and towns with a hall each, twice.
inline constexpr std::size_t kMaxTargetNames = 64;
inline constexpr std::size_t kMaxTargetNameChars = 32;
// (kMaxSource…: what an editor may write. Each is within the device's bound of the same
// name in bundle.h — what validate accepts, a device accepts.)
// A result list (结果公开, e.g. 低保审核公示): a street's monthly list has tens of rows, a
// district-wide one a few hundred; 2,000 is ample, and a board pages through it at ~20
// rows a page (100 pages, the longest rotation a hall would tolerate). 12 columns is the
// widest table a portrait board shows at 3 m type; a cell is a name, an amount or a
// short remark: 100 characters is four lines on a phone. A header is a label: 16.
inline constexpr std::size_t kMaxSourceResultRows = 2000;
inline constexpr std::size_t kMaxSourceResultColumns = 12;
inline constexpr std::size_t kMaxResultCellChars = 100;
inline constexpr std::size_t kMaxResultColumnChars = 16;
// One person's name: the longest Chinese names (transliterated, with ·) run to ~15
// characters; more than 20 in a name cell is a list of names or a remark, which masking
// would not hide.
inline constexpr std::size_t kMaxResultNameChars = 20;
// 公示期: 7 days for 低保 (the demo's workflow), 5–15 for most results; 30 is the
// longest the district's result disclosures use. A longer window keeps names up longer
// than any rule allows.
inline constexpr int kMaxSourcePublicDays = 30;
// 解读 and 回应: a district publishes tens a year; 2,000 and 5,000 hold decades and keep a
// kiosk's lists bounded. 32 links is more items than one policy touches.
inline constexpr std::size_t kMaxSourceInterpretations = 2000;
inline constexpr std::size_t kMaxSourceResponses = 5000;
inline constexpr std::size_t kMaxLinksPerEntry = 32;

// How an editor may write valid_from / valid_until, and what the model keeps
// ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", district time, model.h Notice):
//   2026-11-23, "2026-11-23"                         → "2026-11-23"
//   2026-11-23T18:00:00, 2026-11-23 18:00:00,
//   2026-11-23T18:00:00+08:00, "2026-11-23T18:00",
//   "2026-11-23 18:00", "2026-11-23T18:00:00+08:00"   → "2026-11-23T18:00"
// Seconds must be 00 (the model keeps minutes); an offset must be +08:00 (the district's
// own time: 2026-11-23T10:00:00Z is a mistake waiting to happen, not a convenience).
enum class ValidityTextProblem { None, NotADate, Seconds, Offset };
std::string normalize_validity_text(std::string_view text, ValidityTextProblem* problem);
// The end of a 公示期 that starts at `valid_from` and lasts `days`: a date's last whole
// day (valid_from + days − 1: 2026-11-30 and 7 → 2026-12-06), a date-time's same minute
// `days` days later (2026-11-30T09:00 and 7 → 2026-12-07T09:00, 7 × 24 hours). "" for a
// `valid_from` that is neither.
std::string public_window_end(std::string_view valid_from, int days);

struct SourceProblem {
    std::string file;   // path as given (relative to the source dir where possible)
    int line = 0;       // 1-based; 0 when the problem is about the whole file
    int column = 0;     // 1-based spreadsheet/TOML column; 0 when not applicable
    std::string message;
    // A workbook's problems also name the sheet and the cell as Excel does ("社会救助",
    // "E7"; line and column are then its row and column number). Both "" for CSV and TOML;
    // cell "" for a problem about a whole row or sheet.
    std::string sheet;
    std::string cell;
};

// One parsed directory table (标准目录), before ids and links are assigned.
struct DirectoryRow {
    int line = 0;             // line of the row in the file, for problems found later
    std::string level1, level2;
    DisclosureStandard standard;
};
struct DirectoryTable {
    std::string title;        // e.g. 徐汇区社会救助领域基层政务公开标准目录
    int title_line = 1, title_column = 1;  // where the title was found
    std::string sheet;        // the workbook sheet read, "" for CSV
    std::string domain_name;  // 社会救助, read from the title
    TextEncoding encoding = TextEncoding::Utf8;
    std::vector<DirectoryRow> rows;
};

// Parses one table exactly as Excel exports it: a title row, the two-row header of the
// published 标准目录, merged cells exported as blanks (filled down), multi-line cells,
// ■/□ channel boxes and √ tick columns. Appends problems; rows with problems are kept
// as far as they could be read.
DirectoryTable parse_directory_table(std::string_view bytes, const std::string& file,
                                     std::vector<SourceProblem>& problems);

// What `directory = "…"` names, by its extension (any case): the exact contract of
// catalogue.toml (assets/catalogue/README.md). `sheet = "NAME"` is for workbooks only.
enum class DirectoryFormat { Csv, Xlsx, Xls, Unknown };
DirectoryFormat directory_format(std::string_view path);

// The header and row logic of parse_directory_table over a grid of cells, from a CSV
// (BlankPolicy::FillDown: a blank 一级事项 takes the one above, as Excel's CSV export leaves
// merged cells blank) or a workbook (BlankPolicy::Merges: the reader has applied the
// workbook's merged ranges, so a blank is a blank and a problem at its cell).
DirectoryTable parse_directory_grid(const SheetGrid& grid, const std::string& file, BlankPolicy blanks,
                                    std::vector<SourceProblem>& problems);

// Stable id of a directory row: "<domain_id>.<8 hex digits of BLAKE2b(level1 ␟ level2)>".
// Survives reordering and edits of every other column; renaming the row gives a new id.
std::string directory_item_id(std::string_view domain_id, std::string_view level1, std::string_view level2);

// Where an item came from: its directory table and row, or its guide file (line 1).
struct ItemOrigin {
    std::string file;  // relative to the source directory, as catalogue.toml names it
    int line = 0;
};

struct ImportResult {
    Catalogue catalogue;
    // Item id → where it was read. Every row is in the catalogue even when it has problems
    // (an empty 公开依据, a blank 二级事项): the office's report lists what is missing.
    std::map<std::string, ItemOrigin> origins;
    std::vector<SourceProblem> problems;  // empty means valid
    // Worth an editor's look but not wrong: nothing a device would refuse (a thesaurus
    // meaning no item uses any more, after the item was withdrawn).
    std::vector<SourceProblem> warnings;
};

// Reads a whole source directory. `today` (YYYY-MM-DD) is not needed: notices keep
// their dates and the kiosk decides what is current.
ImportResult import_source(const std::string& dir);

// "file:line:column: message" — the form editors and compilers use. A workbook's problem
// reads as Excel names the place: "file:社会救助!E7: message" for a cell,
// "file:社会救助!7:7: message" for a whole row (Excel's own name for row 7), and
// "file:社会救助: message" for the sheet.
std::string format_problem(const SourceProblem& p);

}  // namespace gongkai
