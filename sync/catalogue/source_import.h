// Import of the human-editable catalogue source (the format of assets/catalogue/):
// catalogue.toml, one Excel-exported directory table per domain (CSV), guides/*.toml,
// notices.toml. Every problem names file, line and column; a source with any problem
// must not be published or installed.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "text_encoding.h"

namespace gongkai {

struct SourceProblem {
    std::string file;   // path as given (relative to the source dir where possible)
    int line = 0;       // 1-based; 0 when the problem is about the whole file
    int column = 0;     // 1-based spreadsheet/TOML column; 0 when not applicable
    std::string message;
};

// One parsed directory table (标准目录), before ids and links are assigned.
struct DirectoryRow {
    int line = 0;             // line of the row in the file, for problems found later
    std::string level1, level2;
    DisclosureStandard standard;
};
struct DirectoryTable {
    std::string title;        // e.g. 徐汇区社会救助领域基层政务公开标准目录
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

// Stable id of a directory row: "<domain_id>.<8 hex digits of BLAKE2b(level1 ␟ level2)>".
// Survives reordering and edits of every other column; renaming the row gives a new id.
std::string directory_item_id(std::string_view domain_id, std::string_view level1, std::string_view level2);

struct ImportResult {
    Catalogue catalogue;
    std::vector<SourceProblem> problems;  // empty means valid
};

// Reads a whole source directory. `today` (YYYY-MM-DD) is not needed: notices keep
// their dates and the kiosk decides what is current.
ImportResult import_source(const std::string& dir);

// "file:line:column: message" — the form editors and compilers use.
std::string format_problem(const SourceProblem& p);

}  // namespace gongkai
