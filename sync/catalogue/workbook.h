// Reading a department's directory table from an Excel workbook — .xlsx (libzip + expat,
// workbook.cpp) and the old .xls (FreeXL in a sandboxed child, xls_reader.cpp) — into the
// same grid of cells a CSV export is read into, with merged ranges applied exactly.
// Everything is bounded before and while it is parsed (docs/workbooks.md): a hostile file
// gives a named WorkbookError, never a hang, a crash or unbounded memory.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

// [SECTION] The grid both CSV and workbooks are read into

struct GridField {
    std::string text;
    int line = 0;  // CSV: the line where the field starts; workbook: the cell's row number
};
struct GridRow {
    int line = 0;  // CSV: the record's first line; workbook: the row number
    std::vector<GridField> fields;  // fields[c] is column c + 1 (A = 1)
};
// A cell the reader could locate but whose value it cannot know.
enum class CellIssue {
    FormulaWithoutValue,  // <f> with no cached <v>: the file was never calculated (written by a program, not Excel)
    ErrorValue,           // #REF!, #N/A, #DIV/0!, … (t="e", or an error cell in .xls)
};
struct GridCellIssue {
    int row = 0, column = 0;  // 1-based
    CellIssue issue = CellIssue::ErrorValue;
    std::string value;        // the error text ("#REF!") or the formula
};
struct SheetGrid {
    bool from_workbook = false;
    std::string sheet;        // the sheet's name ("" for CSV)
    std::vector<GridRow> rows;
    std::vector<GridCellIssue> issues;
    // Rows and columns Excel hides (.xlsx <row hidden="1">, <col hidden="1">), 1-based: a
    // clerk does not see them, so what they hold must not be published unseen.
    std::vector<int> hidden_rows, hidden_columns;
};
// What a blank cell in the 一级事项 column means (source_import.h parse_directory_grid).
enum class BlankPolicy { FillDown, Merges };

std::string cell_issue_message(const GridCellIssue& issue);

// A merged range, 1-based and inclusive (B2:C4 is 2, 2, 4, 3).
struct MergeRange {
    int r1 = 0, c1 = 0, r2 = 0, c2 = 0;
};

// A number as Excel's General format shows it: 15 (not 15.0), 0.3 (not 0.30000000000000004).
std::string number_text(double x);

// "A" for 1, "AB" for 28; "E7" for row 7, column 5.
std::string column_letters(int column);
std::string cell_name(int row, int column);
// "AB12" → row 12, column 28. False for anything else ("12", "A", "A0", "AAAA1").
bool parse_cell_name(std::string_view name, int* row, int* column);

// [SECTION] Bounds (each is also documented, with its reason, in docs/workbooks.md)

// A workbook file: the directory's CSV bound (kMaxDirectoryBytes, 64 MiB) — xlsx is zipped
// XML and smaller than the CSV of the same table (the demo's 社会救助: 7 KB xlsx, 9 KB CSV);
// .xls is 1–2× the CSV.
inline constexpr std::size_t kMaxWorkbookFileBytes = 64u << 20;
// Zip entries: Excel writes 10–15 for one sheet, plus ~3 per further sheet; 1,000 allows
// ~300 sheets and stops a central directory of millions of entries before it is walked.
inline constexpr std::size_t kMaxWorkbookEntries = 1000;
// One inflated XML part, checked against the zip's stated size AND counted while
// inflating (a lying header must not help). The largest table (100,000 rows × 14 columns,
// ~15 MB of text) is ~60 MB of sheet XML; 128 MiB is 2× that.
inline constexpr std::uint64_t kMaxWorkbookPartBytes = 128ull << 20;
// All parts read together: the sheet, the shared strings, workbook and relationships.
inline constexpr std::uint64_t kMaxWorkbookInflatedBytes = 256ull << 20;
// Elements nest 6 deep in a sheet (worksheet/sheetData/row/c/is/r/t); 64 is 10× that and
// keeps a crafted nesting from using the stack or time of a deep document.
inline constexpr int kMaxXmlDepth = 64;
// Shared strings: at most one per cell of the largest table (100,003 rows × 16 columns)
// and their text no more than the CSV bound; the `count` attribute is never trusted.
inline constexpr std::size_t kMaxSharedStrings = 1600048;
inline constexpr std::size_t kMaxSharedStringBytes = 64u << 20;
// Columns: the standard has 14; 256 (Excel 2003's last column, IV) allows notes beside the
// table and stops a cell at XFD1 from widening every row to 16,384 cells.
inline constexpr int kMaxWorkbookColumns = 256;
// Cells held (each row as wide as its last cell): 100,003 rows × 16 = 1.6 M; 2 M cells of
// ~40 bytes each is 80 MB at most, before any text.
inline constexpr std::size_t kMaxWorkbookCells = 2000000;
// Merged ranges: one per run of an 一级事项 plus the header's ~8; one per row is ample.
inline constexpr std::size_t kMaxWorkbookMerges = 100000;
// Error values and formulas without a value in one sheet: a directory table has none, a few
// are a clerk's slip; 10,000 is a broken export (an error formula filled down a column), and
// holding more would only fill memory with problems nobody reads (1.4 M took 1.9 GB).
inline constexpr std::size_t kMaxCellIssues = 10000;
// Rows: the title row and the two header rows above kMaxDirectoryRows (source_import.h).
inline constexpr int kMaxWorkbookRows = 100003;
// Sheets in a workbook: a district's 全区目录 has one per domain (~30); 255 is Excel 2003's
// own limit on sheets a workbook could be saved with.
inline constexpr std::size_t kMaxWorkbookSheets = 255;

// [SECTION] Errors

enum class WorkbookError {
    NotAWorkbook,          // not a zip (an .xlsx) / not an OLE compound file (an .xls)
    EncryptedWorkbook,     // an .xlsx that is an OLE file: Excel's password protection
    FileTooLarge,          // over kMaxWorkbookFileBytes
    TooManyEntries,        // over kMaxWorkbookEntries
    PartTooLarge,          // a part's stated or inflated size over kMaxWorkbookPartBytes / all parts over the total
    PartSizeMismatch,      // a part inflated to more bytes than the zip header states
    UnsafeEntryName,       // an entry or relationship target with .., an absolute path or a backslash
    DamagedZip,            // libzip could not read the archive or a part (truncated, bad CRC)
    MissingPart,           // no xl/workbook.xml, its relationships, or the sheet's part
    XmlMalformed,          // expat refused a part
    XmlDoctype,            // a part declares a DOCTYPE or an entity (billion laughs): never expanded
    XmlTooDeep,            // elements nested beyond kMaxXmlDepth
    TooManySharedStrings,  // over kMaxSharedStrings
    SharedStringsTooLarge, // over kMaxSharedStringBytes
    TooManyRows,           // a row beyond kMaxDirectoryRows + 3
    TooManyColumns,        // a cell beyond kMaxWorkbookColumns
    TooManyCells,          // over kMaxWorkbookCells
    TooManyMerges,         // over kMaxWorkbookMerges
    SheetTextTooLarge,     // the sheet's cells hold more text than kMaxDirectoryBytes (a shared string repeated)
    BadCellReference,      // r="1A", a merge ref="A1:", a shared string index past the table
    NoSheets,              // a workbook with no sheet
    TooManySheets,         // over kMaxWorkbookSheets
    SheetNotFound,         // sheet = "NAME" names no sheet (the message lists those there are)
    SheetHidden,           // the sheet read is hidden or very hidden: a clerk cannot see what is published
    XlsUnreadable,         // FreeXL refused the .xls (its code is in the detail)
    XlsPasswordProtected,  // an .xls with a password (FreeXL reports it obfuscated)
    XlsReaderCrashed,      // the child reading the .xls died (signal or memory limit)
    XlsTimeout,            // the child reading the .xls used its CPU-time limit
    XlsProtocol,           // the child's answer broke the protocol (oversized, truncated)
};
// "SheetNotFound": the name itself, which messages start with.
const char* workbook_error_name(WorkbookError e);

struct WorkbookFailure {
    WorkbookError error = WorkbookError::NotAWorkbook;
    std::string detail;  // what was found, in the clerk's words (Chinese), with numbers
    std::string sheet;   // where, when known
    std::string cell;
    std::string message() const;  // "SheetNotFound: 没有名为“…”的工作表（有：…）"
};

struct SheetRead {
    std::optional<WorkbookFailure> failure;  // set: nothing usable was read
    SheetGrid grid;
};

// Reads one sheet: `sheet` by name, or the first sheet when empty. Merged ranges are applied
// (every cell of a range holds the range's value); numbers print as Excel's General format
// shows them (15, not 15.0).
SheetRead read_xlsx_sheet(std::string_view bytes, std::string_view sheet);
// Every cell of each range takes its top-left cell's value, within the bounds above.
std::optional<WorkbookFailure> apply_merges(SheetGrid& grid, const std::vector<MergeRange>& merges);
SheetRead read_xls_sheet(std::string_view bytes, std::string_view sheet);

}  // namespace gongkai
