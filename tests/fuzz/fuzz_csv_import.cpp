// Fuzz target: parse_directory_table — a department's Excel-exported directory CSV,
// including UTF-8 / UTF-8-BOM / GB18030 detection, libcsv records, header mapping,
// fill-down, ticks and ■/□ channel boxes. Input: the file's bytes.
#include <vector>

#include "fuzz_support.h"
#include "source_import.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<SourceProblem> problems;
    DirectoryTable table = parse_directory_table(fuzz::as_view(data, size), "directory/fuzz.csv", problems);
    // Invariants the importer relies on: problems point inside the file, a clean table
    // has rows, and every row can be given an id.
    for (auto& p : problems) {
        if (p.line < 0 || p.column < 0) fuzz::fuzz_fail("negative problem position");
        (void)format_problem(p);
    }
    if (problems.empty() && table.rows.empty()) fuzz::fuzz_fail("no problems but no rows");
    for (auto& row : table.rows) {
        if (problems.empty() && (row.level1.empty() || row.level2.empty())) fuzz::fuzz_fail("clean row without names");
        (void)directory_item_id("fuzz", row.level1, row.level2);
    }
    return 0;
}
