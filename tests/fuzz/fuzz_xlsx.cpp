// Fuzz target: read_xlsx_sheet and the directory parser on what it reads — the zip
// (libzip, from memory), entry names, relationship targets, expat with its DOCTYPE and depth
// guards, shared strings (rich runs, phonetic guides), cell references and types, merged
// ranges and every bound of docs/workbooks.md. libzip and expat are Debian's shared
// libraries, uninstrumented: coverage guides through our code only. Input: the file's bytes.
#include <vector>

#include "fuzz_support.h"
#include "source_import.h"
#include "workbook.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    SheetRead read = read_xlsx_sheet(fuzz::as_view(data, size), "");
    if (read.failure) {
        // Every failure has a name and words for the clerk.
        if (read.failure->detail.empty()) fuzz::fuzz_fail("failure without a detail");
        (void)read.failure->message();
        return 0;
    }
    if (!read.grid.from_workbook) fuzz::fuzz_fail("a workbook's grid not marked as one");
    size_t cells = 0;
    for (size_t r = 0; r < read.grid.rows.size(); r++) {
        if (read.grid.rows[r].line != static_cast<int>(r) + 1) fuzz::fuzz_fail("row line is not its number");
        cells += read.grid.rows[r].fields.size();
    }
    if (read.grid.rows.size() > static_cast<size_t>(kMaxWorkbookRows) || cells > 2 * kMaxWorkbookCells)
        fuzz::fuzz_fail("grid beyond its bounds");
    std::vector<SourceProblem> problems;
    DirectoryTable table = parse_directory_grid(read.grid, "directory/fuzz.xlsx", BlankPolicy::Merges, problems);
    for (auto& p : problems) {
        if (p.line < 0 || p.column < 0) fuzz::fuzz_fail("negative problem position");
        if (p.sheet != read.grid.sheet) fuzz::fuzz_fail("a workbook problem without its sheet");
        (void)format_problem(p);
    }
    for (auto& row : table.rows) (void)directory_item_id("fuzz", row.level1, row.level2);
    return 0;
}
