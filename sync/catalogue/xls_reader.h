// The parts of the .xls reader (xls_reader.cpp) that run in-process and are fuzzed on their
// own (tests/fuzz/fuzz_xls.cpp): the compound-file and BIFF8 layout scan, and the decoder
// of the sandboxed FreeXL child's answer. read_xls_sheet (workbook.h) uses both.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workbook.h"

namespace gongkai {

struct XlsSheet {
    std::string name;
    bool hidden = false;        // BOUNDSHEET hsState 1 (hidden) or 2 (very hidden)
    bool is_worksheet = true;   // not a chart or macro sheet
    std::vector<MergeRange> merges;  // MERGEDCELLS records of the sheet's substream
    // Cells holding an error (BOOLERR, or a FORMULA whose cached result is an error), which
    // FreeXL reads as empty: each is an ErrorValue at its cell.
    std::vector<GridCellIssue> errors;
    std::uint32_t bof = 0;  // where its substream starts in the Workbook stream
};
struct XlsLayout {
    std::optional<WorkbookFailure> failure;
    bool password = false;  // a FILEPASS record: encrypted
    std::vector<XlsSheet> sheets;
};

// Reads the compound file's Workbook stream: every sheet's BOUNDSHEET record, and the
// MERGEDCELLS and error cells of the one sheet that is read — `wanted`, or the first for "".
// Every read is bounds-checked and every sector chain walk bounded by the sector count.
XlsLayout read_xls_layout(std::string_view bytes, std::string_view wanted = {});

// Decodes the child's frames into `grid`; a failure for a broken or oversized answer.
std::optional<WorkbookFailure> decode_xls_answer(std::string_view answer, SheetGrid& grid);

// Fault injection for the tests (tests/test_workbook.cpp): what the next children do instead
// of reading — crash, spin on the CPU, sleep, or allocate without end — and the CPU and wall
// limits they run under (the defaults are the production limits).
enum class XlsChildFault { None, Crash, Spin, Sleep, Balloon };
void set_xls_child_fault(XlsChildFault fault, int cpu_seconds = 10, int wall_millis = 20000);

}  // namespace gongkai
