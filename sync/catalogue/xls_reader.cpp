// See workbook.h. The .xls (BIFF8) reader: stub while the sandboxed FreeXL reader is written.
#include "workbook.h"

namespace gongkai {

SheetRead read_xls_sheet(std::string_view, std::string_view) {
    SheetRead out;
    out.failure = WorkbookFailure{WorkbookError::XlsUnreadable, "尚不支持", {}, {}};
    return out;
}

}  // namespace gongkai
