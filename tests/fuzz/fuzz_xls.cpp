// Fuzz target: the in-process half of the .xls reader (xls_reader.h) — our compound-file
// reader (header, DIFAT, FAT and mini-FAT chains, directory entries) and BIFF8 record walk
// (BOUNDSHEET names and hidden state, MERGEDCELLS), then the decoder of the sandboxed
// child's answer frames, fed the same bytes. FreeXL itself runs only in the forked child
// with rlimits and is not fuzzed here (a crash there is XlsReaderCrashed, by design).
// Input: an .xls file's bytes.
#include "fuzz_support.h"
#include "xls_reader.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = fuzz::as_view(data, size);
    XlsLayout layout = read_xls_layout(bytes);
    if (layout.failure && layout.failure->detail.empty()) fuzz::fuzz_fail("failure without a detail");
    for (auto& sheet : layout.sheets) {
        if (sheet.merges.size() > kMaxWorkbookMerges) fuzz::fuzz_fail("merges beyond the bound");
        for (auto& m : sheet.merges)
            if (m.r1 < 1 || m.c1 < 1) fuzz::fuzz_fail("merge before A1");
        SheetGrid grid;
        grid.from_workbook = true;
        (void)apply_merges(grid, sheet.merges);
    }
    SheetGrid grid;
    if (!decode_xls_answer(bytes, grid)) {
        if (grid.rows.size() > static_cast<size_t>(kMaxWorkbookRows)) fuzz::fuzz_fail("answer grid beyond its bounds");
        (void)apply_merges(grid, layout.sheets.empty() ? std::vector<MergeRange>{} : layout.sheets[0].merges);
    }
    return 0;
}
