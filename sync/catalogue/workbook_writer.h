// Writing directory tables (标准目录) as Excel workbooks (.xlsx) with Debian's libxlsxwriter:
// the blank template `gongkai-publish template` hands a department, and filled tables for
// the tests that check a workbook imports to the same catalogue as its CSV. The layout is
// the published standard's, the one parse_directory_table reads (docs/workbooks.md).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"

namespace gongkai {

enum class WorkbookWriteError {
    DomainEmpty,          // --domain is empty or only spaces
    DomainNotSheetName,   // a name Excel refuses for a sheet: []:*?/\ , over 31 characters, ' at either end, "History"
    DomainNotInTitle,     // a name the importer could not read back from the title: holds 领域 or a line break, or starts or ends with a space
    DomainUnknown,        // not one of the domains the source's catalogue.toml lists
    OutNotXlsx,           // the output name does not end in .xlsx
    OutExists,            // the output file exists and overwriting was not asked for (--force)
    SheetInvalid,         // a sheet spec the writer cannot lay out: duplicate name, wrong cell count, bad merge
    WorkbookWriteFailed,  // libxlsxwriter, the temp file, the fsync or the rename failed
};
const ErrorDomain& error_domain(WorkbookWriteError);

// The standard's fourteen columns in the order the demo CSVs and the published tables use
// (source_import.cpp kColumnNames): 序号, 一级事项, 二级事项, 公开内容（要素）, 公开依据, 公开时限,
// 公开主体, 公开渠道和载体, then the tick pairs 全社会/特定群体, 主动/依申请, 县级/乡级.
inline constexpr std::size_t kDirectoryColumnCount = 14;
// Rows above the body: the title and the two-row header.
inline constexpr std::size_t kDirectoryHeaderRows = 3;
// Body rows a blank template formats and validates: the largest demo table has 20 rows and
// a real domain's directory tens; 500 is room for any one domain, and the blank template
// stays a 23 KB file (measured: gongkai-publish template --domain 社会救助).
inline constexpr std::size_t kTemplateEntryRows = 500;

// The 13 channels of the standard's 公开渠道和载体 column, in the order every demo table
// lists them. A cell ticks a channel with ■ and leaves it □.
extern const char* const kDirectoryChannels[13];

// "徐汇区社会救助领域基层政务公开标准目录": the title row every demo CSV opens with, from which
// the importer reads the domain name back.
std::string directory_title(std::string_view domain_name);

// Ok, or why `name` cannot name a directory table's sheet and title: DomainEmpty,
// DomainNotSheetName or DomainNotInTitle, with the offending character in the detail.
Error domain_name_problem(std::string_view name);

// A rectangle of merged body cells, in body coordinates (row 0 is the first row under the
// header, column 0 is 序号). The text is the top-left cell's; the others are written blank.
struct BodyMerge {
    std::size_t first_row = 0, last_row = 0;
    std::size_t first_column = 0, last_column = 0;
};

// One sheet: a directory table in the standard's layout.
struct WorkbookSheetSpec {
    std::string sheet_name;   // e.g. 社会救助 (checked with domain_name_problem's sheet rules)
    std::string domain_name;  // the title's domain: directory_title(domain_name)
    // Body rows, each kDirectoryColumnCount cells as a CSV export holds them (a merged
    // 一级事项 is blank below its first row). 序号 cells that are whole numbers are written
    // as numbers, as a clerk typing them in Excel would; every other cell as text.
    std::vector<std::vector<std::string>> rows;
    std::vector<BodyMerge> merges;  // e.g. level1_run_merges(rows)
    // Rows formatted (borders, wrapping) and validated (√ lists, the channel prompt): at
    // least rows.size(); a template has kTemplateEntryRows.
    std::size_t entry_rows = 0;
    bool hidden = false;  // a hidden sheet (a department's lookup list); one sheet must stay visible
};

// The merges of each run of 一级事项 spanning more than one row: a row whose 一级事项 cell is
// blank continues the run above it (how Excel exports a merged cell to CSV).
std::vector<BodyMerge> level1_run_merges(const std::vector<std::vector<std::string>>& rows);

// The blank template of one domain: the title, the header, kTemplateEntryRows empty rows.
WorkbookSheetSpec directory_template_sheet(std::string_view domain_name);

enum class ExistingFile { Refuse, Replace };

// Writes the sheets in order to `path` (must end in .xlsx): to a temporary file beside it,
// fsynced, then renamed into place, so a reader sees no file or the whole workbook. An
// existing `path` is OutExists unless `existing` is Replace. On any error nothing is left.
Error write_directory_workbook(const std::string& path, const std::vector<WorkbookSheetSpec>& sheets,
                               ExistingFile existing = ExistingFile::Refuse);

}  // namespace gongkai
