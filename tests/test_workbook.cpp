// Directory tables as Excel workbooks (issue 14, docs/workbooks.md): .xlsx written here with
// libxlsxwriter (what a department's Excel saves) or crafted part by part with libzip (what
// a hostile or broken file holds), .xls crafted as BIFF8 records in a compound file.
#include <catch2/catch.hpp>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstring>

#include "source_import.h"
#include "support.h"
#include "workbook.h"
#include "xls_reader.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// [SECTION] Builders

// The cells of a CSV as Excel writes it (quotes, doubled quotes, multi-line cells), BOM dropped.
std::vector<std::vector<std::string>> csv_cells(std::string text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; i++; }
            else if (c == '"') quoted = false;
            else if (c != '\r') field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

const std::string kDemoCsv = "directory/社会救助.csv";
std::string demo_csv() { return slurp(assets_dir() / kDemoCsv); }

// Writes `cells` into `ws` as the published 标准目录 is laid out in Excel: the title merged
// across the table, the spanning headers merged over their sub-headers, and each run of
// blank 一级事项 (column B) merged with the filled cell above it.
void write_directory_sheet(lxw_worksheet* ws, const std::vector<std::vector<std::string>>& cells) {
    const lxw_col_t last_col = 13;  // N: the standard's 14 columns
    for (size_t r = 0; r < cells.size(); r++)
        for (size_t c = 0; c < cells[r].size(); c++)
            if (!cells[r][c].empty())
                worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), cells[r][c].c_str(), nullptr);
    worksheet_merge_range(ws, 0, 0, 0, last_col, cells[0][0].c_str(), nullptr);
    // Row 2 spans: 序号, 内容…渠道 vertically; 公开事项, 公开对象, 公开方式, 公开层级 across.
    for (lxw_col_t c : {0, 3, 4, 5, 6, 7}) worksheet_merge_range(ws, 1, c, 2, c, cells[1][c].c_str(), nullptr);
    for (lxw_col_t c : {1, 8, 10, 12}) {
        worksheet_merge_range(ws, 1, c, 1, static_cast<lxw_col_t>(c + 1), cells[1][c].c_str(), nullptr);
        // merge_range blanks the range: the sub-headers below are rewritten.
    }
    size_t r = 3;
    while (r < cells.size()) {
        size_t end = r + 1;
        while (end < cells.size() && cells[end].size() > 1 && cells[end][1].empty()) end++;
        if (end - r > 1)
            worksheet_merge_range(ws, static_cast<lxw_row_t>(r), 1, static_cast<lxw_row_t>(end - 1), 1, cells[r][1].c_str(), nullptr);
        r = end;
    }
}

// Runs `build` on a new workbook at `path` and returns the saved file's bytes.
template <class Build>
std::string xlsx_file(const std::string& path, Build build) {
    lxw_workbook* wb = workbook_new(path.c_str());
    REQUIRE(wb != nullptr);
    build(wb);
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    return slurp(path);
}

// A zip of the given parts, each stored deflated (or stored as is when `store`), as bytes.
std::string zip_of(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& parts, bool store = false) {
    const std::string path = dir.file("crafted.zip");
    std::filesystem::remove(path);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    for (auto& [name, content] : parts) {
        // libzip reads the buffer at zip_close: keep a copy alive until then, and libzip frees
        // it. An empty part gets no buffer: libzip never frees one of length 0 (LeakSanitizer).
        char* copy = content.empty() ? nullptr : static_cast<char*>(std::malloc(content.size()));
        if (copy) std::memcpy(copy, content.data(), content.size());
        zip_source_t* src = zip_source_buffer(z, copy, content.size(), copy != nullptr);
        zip_int64_t index = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
        REQUIRE(index >= 0);
        if (store) zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    REQUIRE(zip_close(z) == 0);
    return slurp(path);
}

const std::string kWorkbookXml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="社会救助" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string kRelsXml =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(</Relationships>)";
std::string sheet_xml(const std::string& sheet_data, const std::string& after = "") {
    return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           sheet_data + "</sheetData>" + after + "</worksheet>";
}
// A one-sheet workbook of raw parts: the sheet's XML and the shared strings' XML.
std::string raw_xlsx(const TempDir& dir, const std::string& sheet, const std::string& shared_strings = "") {
    std::vector<std::pair<std::string, std::string>> parts = {
        {"xl/workbook.xml", kWorkbookXml}, {"xl/_rels/workbook.xml.rels", kRelsXml}, {"xl/worksheets/sheet1.xml", sheet}};
    if (!shared_strings.empty()) parts.push_back({"xl/sharedStrings.xml", shared_strings});
    return zip_of(dir, parts);
}

std::string error_of(const SheetRead& r) { return r.failure ? workbook_error_name(r.failure->error) : "none"; }
std::string text_at(const SheetGrid& g, int row, int col) {
    if (static_cast<size_t>(row) > g.rows.size()) return "<no row>";
    auto& f = g.rows[static_cast<size_t>(row - 1)].fields;
    return static_cast<size_t>(col) <= f.size() ? f[static_cast<size_t>(col - 1)].text : "";
}

std::vector<std::string> formatted(const std::vector<SourceProblem>& ps) {
    std::vector<std::string> out;
    for (auto& p : ps) out.push_back(format_problem(p));
    return out;
}

// A source of one domain, 社会救助, whose directory is `directory` (with `extra` TOML lines).
void write_source(const TempDir& dir, const std::string& directory, const std::string& extra = "") {
    write_file(dir.path / "catalogue.toml", "name = \"测试\"\nversion = 1\n[[domain]]\nid = \"social-assistance\"\nname = \"社会救助\"\n"
                                            "directory = \"" + directory + "\"\n" + extra);
}

void check_same_rows(const DirectoryTable& a, const DirectoryTable& b) {
    CHECK(a.title == b.title);
    CHECK(a.domain_name == b.domain_name);
    REQUIRE(a.rows.size() == b.rows.size());
    for (size_t i = 0; i < a.rows.size(); i++) {
        INFO("row " << i);
        CHECK(a.rows[i].line == b.rows[i].line);
        CHECK(a.rows[i].level1 == b.rows[i].level1);
        CHECK(a.rows[i].level2 == b.rows[i].level2);
        const auto &x = a.rows[i].standard, &y = b.rows[i].standard;
        CHECK(x.content_elements == y.content_elements);
        CHECK(x.basis == y.basis);
        CHECK(x.time_limit == y.time_limit);
        CHECK(x.bodies == y.bodies);
        CHECK(x.channels == y.channels);
        CHECK(x.audience == y.audience);
        CHECK(x.mode == y.mode);
        CHECK(x.tier == y.tier);
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// The layout: the same table as CSV and as a workbook
//-----------------------------------------------------------------------------

TEST_CASE("a workbook with merged 一级事项 imports to the same rows as the CSV export of the same table", "[workbook][import]") {
    TempDir dir;
    const auto cells = csv_cells(demo_csv());
    REQUIRE(cells.size() > 5);
    std::string bytes = xlsx_file(dir.file("社会救助.xlsx"), [&](lxw_workbook* wb) {
        write_directory_sheet(workbook_add_worksheet(wb, "社会救助"), cells);
    });
    std::vector<SourceProblem> csv_problems, xlsx_problems;
    DirectoryTable from_csv = parse_directory_table(demo_csv(), "社会救助.csv", csv_problems);
    SheetRead read = read_xlsx_sheet(bytes, "");
    REQUIRE(error_of(read) == "none");
    CHECK(read.grid.sheet == "社会救助");
    DirectoryTable from_xlsx = parse_directory_grid(read.grid, "社会救助.xlsx", BlankPolicy::Merges, xlsx_problems);
    CHECK(csv_problems.empty());
    CHECK(formatted(xlsx_problems) == std::vector<std::string>{});
    // The CSV's lines are its records' first lines (multi-line cells span several); the
    // workbook's are row numbers. Everything else is equal.
    for (size_t i = 0; i < from_csv.rows.size() && i < from_xlsx.rows.size(); i++) from_csv.rows[i].line = static_cast<int>(i) + 4;
    check_same_rows(from_csv, from_xlsx);
    CHECK(from_xlsx.sheet == "社会救助");
}

TEST_CASE("import_source reads directory = \"….xlsx\" and the catalogue equals the CSV's", "[workbook][import]") {
    TempDir csv_dir, xlsx_dir;
    write_source(csv_dir, kDemoCsv);
    write_file(csv_dir.path / kDemoCsv, demo_csv());
    write_source(xlsx_dir, "directory/社会救助.xlsx");
    std::filesystem::create_directories(xlsx_dir.path / "directory");
    xlsx_file(xlsx_dir.file("directory/社会救助.xlsx"), [&](lxw_workbook* wb) {
        write_directory_sheet(workbook_add_worksheet(wb, "社会救助"), csv_cells(demo_csv()));
    });
    ImportResult a = import_source(csv_dir.path.string()), b = import_source(xlsx_dir.path.string());
    CHECK(formatted(a.problems) == std::vector<std::string>{});
    CHECK(formatted(b.problems) == std::vector<std::string>{});
    REQUIRE(a.catalogue.items.size() == b.catalogue.items.size());
    for (size_t i = 0; i < a.catalogue.items.size(); i++) {
        CHECK(a.catalogue.items[i].id == b.catalogue.items[i].id);
        CHECK(a.catalogue.items[i].level1 == b.catalogue.items[i].level1);
        CHECK(a.catalogue.items[i].title == b.catalogue.items[i].title);
    }
}

TEST_CASE("sheet = \"NAME\" reads that sheet of a district workbook, and a missing name lists the sheets there are", "[workbook][import]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path / "directory");
    const auto cells = csv_cells(demo_csv());
    xlsx_file(dir.file("directory/全区目录.xlsx"), [&](lxw_workbook* wb) {
        lxw_worksheet* notes = workbook_add_worksheet(wb, "说明");
        worksheet_write_string(notes, 0, 0, "各领域目录见后面的工作表", nullptr);
        write_directory_sheet(workbook_add_worksheet(wb, "社会救助"), cells);
    });
    SECTION("the named sheet is read") {
        write_source(dir, "directory/全区目录.xlsx", "sheet = \"社会救助\"\n");
        ImportResult r = import_source(dir.path.string());
        CHECK(formatted(r.problems) == std::vector<std::string>{});
        CHECK(r.catalogue.items.size() == cells.size() - 3);
    }
    SECTION("without sheet the first sheet is read, and it is not a directory table") {
        write_source(dir, "directory/全区目录.xlsx");
        ImportResult r = import_source(dir.path.string());
        REQUIRE(!r.problems.empty());
        CHECK(format_problem(r.problems[0]) ==
              "directory/全区目录.xlsx:说明!1:1: 找不到表头：标准目录应有两行表头，第二行含“一级事项”“二级事项”");
    }
    SECTION("a sheet name is matched as written: a space at its end is part of it") {
        xlsx_file(dir.file("directory/全区目录.xlsx"), [&](lxw_workbook* wb) {
            write_directory_sheet(workbook_add_worksheet(wb, "说明"), cells);
            write_directory_sheet(workbook_add_worksheet(wb, "社会救助 "), cells);
        });
        write_source(dir, "directory/全区目录.xlsx", "sheet = \"社会救助 \"\n");
        ImportResult r = import_source(dir.path.string());
        CHECK(formatted(r.problems) == std::vector<std::string>{});
        write_source(dir, "directory/全区目录.xlsx", "sheet = \"社会救助\"\n");
        r = import_source(dir.path.string());
        CHECK(formatted(r.problems) ==
              std::vector<std::string>{"catalogue.toml:7:9: SheetNotFound: 没有名为“社会救助”的工作表（工作簿中有：“说明”、“社会救助 ”）"});
    }
    SECTION("a name that is not there is a problem at the sheet key, listing the sheets") {
        write_source(dir, "directory/全区目录.xlsx", "sheet = \"社会保险\"\n");
        ImportResult r = import_source(dir.path.string());
        CHECK(formatted(r.problems) ==
              std::vector<std::string>{"catalogue.toml:7:9: SheetNotFound: 没有名为“社会保险”的工作表（工作簿中有：“说明”、“社会救助”）"});
    }
}

TEST_CASE("sheet = on a CSV is a named problem and so is a directory that is not .xlsx, .xls or .csv is refused by name", "[workbook][import]") {
    TempDir dir;
    write_file(dir.path / kDemoCsv, demo_csv());
    SECTION("sheet on a CSV") {
        write_source(dir, kDemoCsv, "sheet = \"社会救助\"\n");
        CHECK(formatted(import_source(dir.path.string()).problems) ==
              std::vector<std::string>{"catalogue.toml:7:9: SheetOnCsv: “sheet”只用于 Excel 工作簿（.xlsx / .xls），CSV 文件只有一张表：请删除这一行"});
    }
    SECTION("an .ods") {
        write_file(dir.path / "directory/社会救助.ods", "x");
        write_source(dir, "directory/社会救助.ods");
        CHECK(formatted(import_source(dir.path.string()).problems) ==
              std::vector<std::string>{"catalogue.toml:6:13: UnknownDirectoryFormat: 目录表“directory/社会救助.ods”应为 .xlsx、.xls 或 .csv 文件"});
    }
}

//-----------------------------------------------------------------------------
// Merges exactly: no guessing
//-----------------------------------------------------------------------------

TEST_CASE("a blank 一级事项 outside any merge is a problem at its cell, not filled down", "[workbook][import]") {
    TempDir dir;
    auto cells = csv_cells(demo_csv());
    std::filesystem::create_directories(dir.path / "directory");
    // Row 7 (index 6) of the demo continues the 一级事项 above it in the CSV (blank); here it is
    // left blank without a merge — as when a clerk deletes a cell instead of merging.
    REQUIRE(cells[6][1].empty());
    xlsx_file(dir.file("directory/社会救助.xlsx"), [&](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "社会救助");
        auto unmerged = cells;
        for (size_t r = 3; r < unmerged.size(); r++)
            if (unmerged[r][1].empty() && r != 6) unmerged[r][1] = "最低生活保障";  // every other blank filled in
        for (size_t r = 0; r < unmerged.size(); r++)
            for (size_t c = 0; c < unmerged[r].size(); c++)
                if (!unmerged[r][c].empty()) worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), unmerged[r][c].c_str(), nullptr);
    });
    write_source(dir, "directory/社会救助.xlsx");
    ImportResult r = import_source(dir.path.string());
    REQUIRE(r.problems.size() >= 1);
    CHECK(format_problem(r.problems[0]) ==
          "directory/社会救助.xlsx:社会救助!B7: “一级事项”为空（不在合并单元格内）：请填写，或与上方的一级事项合并单元格");
    CHECK(r.problems[0].sheet == "社会救助");
    CHECK(r.problems[0].cell == "B7");
    CHECK(r.problems[0].line == 7);
    CHECK(r.problems[0].column == 2);

    SECTION("validate --json gives file, sheet, cell, line and column") {
        Run v = publish("validate --source " + dir.path.string() + " --json");
        CHECK(v.status != 0);
        CHECK(v.out.find(R"("file": "directory/社会救助.xlsx",)") != std::string::npos);
        CHECK(v.out.find(R"("sheet": "社会救助",)") != std::string::npos);
        CHECK(v.out.find(R"("cell": "B7",)") != std::string::npos);
    }
}

TEST_CASE("a merged value applies to every cell of its range, across rows and columns", "[workbook]") {
    TempDir dir;
    std::string bytes = raw_xlsx(dir, sheet_xml(R"(<row r="2"><c r="B2" t="inlineStr"><is><t>综合业务</t></is></c></row>)",
                                                R"(<mergeCells count="1"><mergeCell ref="B2:C4"/></mergeCells>)"));
    // The merge reaches no further than the cells the sheet holds: row 2 ends at B, so
    // the range is clipped to B2:B2… unless the sheet is wider. Here another row is wider.
    std::string wider = raw_xlsx(dir, sheet_xml(R"(<row r="2"><c r="B2" t="inlineStr"><is><t>综合业务</t></is></c></row>)"
                                                R"(<row r="4"><c r="D4" t="inlineStr"><is><t>x</t></is></c></row>)",
                                                R"(<mergeCells count="1"><mergeCell ref="B2:C4"/></mergeCells>)"));
    SheetRead r = read_xlsx_sheet(wider, "");
    REQUIRE(error_of(r) == "none");
    for (int row = 2; row <= 4; row++)
        for (int col = 2; col <= 3; col++) CHECK(text_at(r.grid, row, col) == "综合业务");
    CHECK(text_at(r.grid, 4, 4) == "x");
    CHECK(error_of(read_xlsx_sheet(bytes, "")) == "none");
}

//-----------------------------------------------------------------------------
// Cells: strings, numbers, formulas, errors
//-----------------------------------------------------------------------------

TEST_CASE("cell values: shared strings with rich runs (phonetic guides skipped), inline strings, numbers as Excel shows them, booleans", "[workbook]") {
    TempDir dir;
    const std::string strings =
        R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">)"
        R"(<si><t>社会救助</t></si>)"
        R"(<si><r><rPr><b/></rPr><t>最低</t></r><r><t xml:space="preserve">生活保障</t></r><rPh sb="0" eb="2"><t>ズイテイ</t></rPh></si>)"
        R"(<si><t>第一行_x000D_
第二行</t></si>)"
        R"(</sst>)";
    // Rows and cells without r follow the ones before them.
    const std::string sheet = sheet_xml(
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>内联</t></is></c></row>)"
        R"(<row><c r="A2"><v>15</v></c><c r="B2" t="n"><v>15.0</v></c><c r="C2"><v>0.30000000000000004</v></c><c r="D2"><v>1.5E-3</v></c></row>)"
        R"(<row><c r="A3" t="b"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="AB3" t="str"><f>"甲"&amp;"乙"</f><v>甲乙</v></c><c r="AC3" s="4"/></row>)");
    SheetRead r = read_xlsx_sheet(raw_xlsx(dir, sheet, strings), "");
    REQUIRE(error_of(r) == "none");
    CHECK(text_at(r.grid, 1, 1) == "社会救助");
    CHECK(text_at(r.grid, 1, 2) == "最低生活保障");
    CHECK(text_at(r.grid, 1, 3) == "内联");
    CHECK(text_at(r.grid, 2, 1) == "15");
    CHECK(text_at(r.grid, 2, 2) == "15");
    CHECK(text_at(r.grid, 2, 3) == "0.3");
    CHECK(text_at(r.grid, 2, 4) == "0.0015");
    CHECK(text_at(r.grid, 3, 1) == "TRUE");
    CHECK(text_at(r.grid, 3, 2) == "第一行\n第二行");
    CHECK(text_at(r.grid, 3, 28) == "甲乙");
    // A styled empty cell holds nothing and does not widen the row.
    CHECK(r.grid.rows[2].fields.size() == 28);
}

TEST_CASE("an escaped emoji (a surrogate pair) is one character, a lone surrogate U+FFFD: the text stays UTF-8", "[workbook]") {
    TempDir dir;
    SheetRead r = read_xlsx_sheet(
        raw_xlsx(dir, sheet_xml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>20_xD83D__xDE00_天</t></is></c>)"
                                R"(<c r="B1" t="inlineStr"><is><t>孤_xD83D_单</t></is></c><c r="C1" t="inlineStr"><is><t>行_x000D__x000A_二</t></is></c></row>)")),
        "");
    REQUIRE(error_of(r) == "none");
    CHECK(text_at(r.grid, 1, 1) == "20😀天");
    CHECK(text_at(r.grid, 1, 2) == "孤\uFFFD单");
    CHECK(text_at(r.grid, 1, 3) == "行\n二");
    // Whatever a reader hands over, a cell that is not UTF-8 is a problem, never a published byte.
    CHECK(cell_text_problem("\xED\xA0\xBD") != "");
}

TEST_CASE("a table with thousands of problems lists the first 200 and says how many more there are", "[workbook][import]") {
    // The demo's title and header, then 1,000 rows holding only a 序号 and a 二级事项.
    const auto cells = csv_cells(demo_csv());
    std::string csv;
    for (size_t r = 0; r < 3; r++) {
        for (size_t c = 0; c < cells[r].size(); c++) csv += (c ? "," : "") + std::string("\"") + cells[r][c] + "\"";
        csv += "\n";
    }
    for (int i = 1; i <= 1000; i++) csv += std::to_string(i) + ",综合业务,事项" + std::to_string(i) + "\n";
    std::vector<SourceProblem> problems;
    parse_directory_table(csv, "社会救助.csv", problems);
    REQUIRE(problems.size() == 201);
    CHECK(problems[199].line == 4 + 199 / 8);  // eight missing elements a row
    CHECK_THAT(problems.back().message, Catch::StartsWith("另有 7800 个问题未列出（每张表最多列出 200 个）"));

    // Error cells past kMaxCellIssues stop the read before they fill memory.
    TempDir dir;
    std::string rows;
    for (int r = 1; r <= 1001; r++) {
        rows += "<row r=\"" + std::to_string(r) + "\">";
        for (int c = 0; c < 10; c++) rows += "<c t=\"e\"><v>#N/A</v></c>";
        rows += "</row>";
    }
    SheetRead flood = read_xlsx_sheet(raw_xlsx(dir, sheet_xml(rows)), "");
    REQUIRE(flood.failure);
    CHECK(error_of(flood) == "TooManyCells");
    CHECK_THAT(flood.failure->detail, Catch::Contains("错误值或未计算的公式超过 10000 个"));
}

TEST_CASE("a hidden item row or a hidden column of the standard is a problem: what the clerk cannot see is not published", "[workbook][import]") {
    TempDir dir;
    const auto cells = csv_cells(demo_csv());
    std::filesystem::create_directories(dir.path / "directory");
    xlsx_file(dir.file("directory/社会救助.xlsx"), [&](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "社会救助");
        write_directory_sheet(ws, cells);
        lxw_row_col_options hidden = {};
        hidden.hidden = 1;
        worksheet_set_row_opt(ws, 5, LXW_DEF_ROW_HEIGHT, nullptr, &hidden);        // row 6: an item
        worksheet_set_column_opt(ws, 4, 4, LXW_DEF_COL_WIDTH, nullptr, &hidden);  // column E: 公开依据
        worksheet_set_column_opt(ws, 20, 21, LXW_DEF_COL_WIDTH, nullptr, &hidden);  // notes beyond the table: no matter
    });
    write_source(dir, "directory/社会救助.xlsx");
    ImportResult r = import_source(dir.path.string());
    std::vector<std::string> got = formatted(r.problems);
    CHECK(std::count_if(got.begin(), got.end(), [](const std::string& p) { return p.find("RowHidden") != std::string::npos; }) == 1);
    CHECK(std::find(got.begin(), got.end(), "directory/社会救助.xlsx:社会救助!6:6: RowHidden: 第 6 行是隐藏的：已撤销的事项请删除这一行，否则请取消隐藏，核对后再发布") != got.end());
    CHECK(std::find(got.begin(), got.end(), "directory/社会救助.xlsx:社会救助!E3: ColumnHidden: “公开依据”列是隐藏的：请取消隐藏，核对后再发布") != got.end());
    CHECK(got.size() == 2);
}

TEST_CASE("overlapping merged ranges are a damaged file, named at the overlap, whatever their order", "[workbook][hostile]") {
    TempDir dir;
    const std::string row = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c><c r="B1" t="inlineStr"><is><t>乙</t></is></c></row>)"
                            R"(<row r="2"><c r="A2" t="inlineStr"><is><t>丙</t></is></c><c r="B2" t="inlineStr"><is><t>丁</t></is></c></row>)";
    for (const char* merges : {R"(<mergeCells><mergeCell ref="A1:A2"/><mergeCell ref="A2:B2"/></mergeCells>)",
                               R"(<mergeCells><mergeCell ref="A2:B2"/><mergeCell ref="A1:A2"/></mergeCells>)"}) {
        INFO(merges);
        SheetRead r = read_xlsx_sheet(raw_xlsx(dir, sheet_xml(row, merges)), "");
        REQUIRE(r.failure);
        CHECK(error_of(r) == "BadCellReference");
        CHECK_THAT(r.failure->detail, Catch::Contains("在 A2 重叠"));
    }
}

TEST_CASE("a formula's cached value is used, as libxlsxwriter and Excel save it", "[workbook]") {
    TempDir dir;
    std::string bytes = xlsx_file(dir.file("f.xlsx"), [](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, "社会救助");
        worksheet_write_formula_num(ws, 0, 0, "=10+5", nullptr, 15);
        worksheet_write_formula_str(ws, 0, 1, "=\"10个\"&\"工作日\"", nullptr, "10个工作日");
    });
    SheetRead r = read_xlsx_sheet(bytes, "");
    REQUIRE(error_of(r) == "none");
    CHECK(r.grid.issues.empty());
    CHECK(text_at(r.grid, 1, 1) == "15");
    CHECK(text_at(r.grid, 1, 2) == "10个工作日");
}

TEST_CASE("a formula without a cached value and an error value are problems at their cells", "[workbook][import]") {
    TempDir dir;
    auto cells = csv_cells(demo_csv());
    std::string rows;
    for (size_t r = 0; r < cells.size(); r++) {
        rows += "<row r=\"" + std::to_string(r + 1) + "\">";
        for (size_t c = 0; c < cells[r].size(); c++) {
            std::string ref = cell_name(static_cast<int>(r + 1), static_cast<int>(c + 1));
            std::string text = cells[r][c];
            if (r == 3 && c == 5) { rows += "<c r=\"" + ref + "\"><f>SUM(Z1:Z9)</f></c>"; continue; }
            if (r == 4 && c == 6) { rows += "<c r=\"" + ref + "\" t=\"e\"><f>#REF!+1</f><v>#REF!</v></c>"; continue; }
            if (r > 2 && c == 1 && text.empty()) text = cells[r - 1][1];  // no merges needed
            if (r > 2 && c == 1) cells[r][1] = text;
            if (text.empty()) continue;
            std::string esc;
            for (char ch : text) esc += ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : std::string(1, ch);
            rows += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + esc + "</t></is></c>";
        }
        rows += "</row>";
    }
    SheetRead read = read_xlsx_sheet(raw_xlsx(dir, sheet_xml(rows)), "");
    REQUIRE(error_of(read) == "none");
    std::vector<SourceProblem> problems;
    parse_directory_grid(read.grid, "社会救助.xlsx", BlankPolicy::Merges, problems);
    CHECK(formatted(problems) ==
          std::vector<std::string>{
              "社会救助.xlsx:社会救助!F4: FormulaWithoutValue: 公式“=SUM(Z1:Z9)”没有计算结果（文件不是由 Excel 保存的）：请在 Excel 中打开并保存，或填写数值",
              "社会救助.xlsx:社会救助!G5: ErrorValue: 单元格的值是错误“#REF!”：请修正公式或引用"});
}

TEST_CASE("a hidden sheet is a problem when it is named and when it is the first", "[workbook][import]") {
    TempDir dir;
    std::string bytes = xlsx_file(dir.file("h.xlsx"), [](lxw_workbook* wb) {
        lxw_worksheet* hidden = workbook_add_worksheet(wb, "旧目录");
        lxw_worksheet* shown = workbook_add_worksheet(wb, "社会救助");
        worksheet_write_string(hidden, 0, 0, "旧", nullptr);
        worksheet_write_string(shown, 0, 0, "新", nullptr);
        worksheet_activate(shown);
        worksheet_hide(hidden);
    });
    SheetRead named = read_xlsx_sheet(bytes, "旧目录");
    CHECK(error_of(named) == "SheetHidden");
    CHECK(named.failure->sheet == "旧目录");
    CHECK(error_of(read_xlsx_sheet(bytes, "")) == "SheetHidden");
    CHECK(error_of(read_xlsx_sheet(bytes, "社会救助")) == "none");

    SECTION("through import_source the problem names the file and the sheet") {
        write_file(dir.path / "directory/h.xlsx", bytes);
        write_source(dir, "directory/h.xlsx", "sheet = \"旧目录\"\n");
        CHECK(formatted(import_source(dir.path.string()).problems) ==
              std::vector<std::string>{"directory/h.xlsx:旧目录: SheetHidden: 工作表“旧目录”是隐藏的：公开的内容必须是办事员看得见的，请取消隐藏或选择另一个工作表"});
    }
}

//-----------------------------------------------------------------------------
// Hostile and broken files: each a named error, bounded in time and memory
//-----------------------------------------------------------------------------

TEST_CASE("a file that is not a zip, and a password-protected workbook (an OLE file), are refused by name", "[workbook][hostile]") {
    CHECK(error_of(read_xlsx_sheet("序号,一级事项\n", "")) == "NotAWorkbook");
    CHECK(error_of(read_xlsx_sheet("", "")) == "NotAWorkbook");
    std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    ole.resize(4096, '\0');
    SheetRead r = read_xlsx_sheet(ole, "");
    CHECK(error_of(r) == "EncryptedWorkbook");
    CHECK(r.failure->message().starts_with("EncryptedWorkbook: 这是加密（设置了打开密码）的工作簿"));
}

TEST_CASE("a zip bomb is refused by its stated size, and a lying size by the bytes counted while inflating", "[workbook][hostile]") {
    TempDir dir;
    // 130 MiB of spaces inside the sheet: deflates to ~130 KB.
    std::string huge = sheet_xml("") ;
    huge.insert(huge.size() - std::string("</worksheet>").size(), std::string((130u << 20), ' '));
    std::string bomb = raw_xlsx(dir, huge);
    CHECK(bomb.size() < (1u << 20));
    CHECK(error_of(read_xlsx_sheet(bomb, "")) == "PartTooLarge");

    // The same part with its stated size rewritten to 1,000 bytes in both headers.
    std::string lying = bomb;
    const std::string name = "xl/worksheets/sheet1.xml";
    for (size_t at = 0; (at = lying.find(name, at)) != std::string::npos; at += name.size()) {
        // Local header: name at 30, size at 22; central directory: name at 46, size at 24.
        size_t header = lying.compare(at - 30, 4, "PK\x03\x04") == 0 ? at - 30 : at - 46;
        size_t size_at = lying.compare(header, 4, "PK\x03\x04") == 0 ? header + 22 : header + 24;
        const uint32_t stated = 1000;
        std::memcpy(&lying[size_at], &stated, 4);
    }
    // libzip hands over every inflated byte: the count stops it at 1,000 + one chunk.
    CHECK(error_of(read_xlsx_sheet(lying, "")) == "PartSizeMismatch");
}

TEST_CASE("DOCTYPE (billion laughs), deep nesting and too many shared strings are refused by name", "[workbook][hostile]") {
    TempDir dir;
    std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)"
                         R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sst><si><t>&lol3;</t></si></sst>)";
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(""), laughs), "")) == "XmlDoctype");

    std::string nest;
    for (int i = 0; i < 1000; i++) nest += "<a>";
    for (int i = 0; i < 1000; i++) nest += "</a>";
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(nest)), "")) == "XmlTooDeep");

    std::string many = R"(<sst count="999999999">)";
    many.reserve((kMaxSharedStrings + 1) * 9);
    for (size_t i = 0; i <= kMaxSharedStrings; i++) many += "<si><t/></si>";
    many += "</sst>";
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(""), many), "")) == "TooManySharedStrings");

    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml("<row><c>"), ""), "")) == "XmlMalformed");
}

TEST_CASE("cells beyond the bounds: a row past the limit, a column past 256, a merge over a million cells", "[workbook][hostile]") {
    TempDir dir;
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(R"(<row r="1000000"><c><v>1</v></c></row>)")), "")) == "TooManyRows");
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(R"(<row r="1"><c r="XFD1"><v>1</v></c></row>)")), "")) == "TooManyColumns");
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(R"(<row r="1"><c r="1A"><v>1</v></c></row>)")), "")) == "BadCellReference");
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)")), "")) == "BadCellReference");
    // A value in A1 and IV100003 and one merge A1:IV100003 (25.6 M cells): over kMaxWorkbookCells.
    std::string sheet = sheet_xml(R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="100003"><c r="IV100003"><v>1</v></c></row>)",
                                  R"(<mergeCells><mergeCell ref="A1:IV100003"/></mergeCells>)");
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet), "")) == "TooManyCells");
}

TEST_CASE("an entry name or relationship target that leaves the package is refused by name", "[workbook][hostile]") {
    TempDir dir;
    std::string traversal = zip_of(dir, {{"xl/workbook.xml", kWorkbookXml}, {"../../etc/evil.xml", "<a/>"}});
    CHECK(error_of(read_xlsx_sheet(traversal, "")) == "UnsafeEntryName");
    std::string rels = kRelsXml;
    rels.replace(rels.find("worksheets/sheet1.xml"), std::string("worksheets/sheet1.xml").size(), "../../../etc/passwd");
    std::string escaping = zip_of(dir, {{"xl/workbook.xml", kWorkbookXml}, {"xl/_rels/workbook.xml.rels", rels}});
    CHECK(error_of(read_xlsx_sheet(escaping, "")) == "UnsafeEntryName");
    CHECK(error_of(read_xlsx_sheet(zip_of(dir, {{"xl/workbook.xml", kWorkbookXml}}), "")) == "MissingPart");
}

TEST_CASE("the workbook part is found through the package relationships wherever it is", "[workbook]") {
    TempDir dir;
    const std::string package_rels =
        R"(<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/main.xml"/></Relationships>)";
    std::string rels = kRelsXml;
    rels.replace(rels.find("worksheets/sheet1.xml"), std::string("worksheets/sheet1.xml").size(), "../sheets/one.xml");
    std::string bytes = zip_of(dir, {{"_rels/.rels", package_rels},
                                     {"book/main.xml", kWorkbookXml},
                                     {"book/_rels/main.xml.rels", rels},
                                     {"sheets/one.xml", sheet_xml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>)")}});
    SheetRead r = read_xlsx_sheet(bytes, "");
    REQUIRE(error_of(r) == "none");
    CHECK(text_at(r.grid, 1, 1) == "甲");
    // A package relationship that leaves the package is refused like any other target.
    std::string escaping = package_rels;
    escaping.replace(escaping.find("book/main.xml"), std::string("book/main.xml").size(), "../main.xml");
    CHECK(error_of(read_xlsx_sheet(zip_of(dir, {{"_rels/.rels", escaping}}), "")) == "UnsafeEntryName");
}

TEST_CASE("a zip of more than 1,000 entries is refused before any is read", "[workbook][hostile]") {
    TempDir dir;
    std::vector<std::pair<std::string, std::string>> parts = {{"xl/workbook.xml", kWorkbookXml}};
    for (size_t i = 0; i < kMaxWorkbookEntries; i++) parts.push_back({"xl/media/image" + std::to_string(i) + ".png", ""});
    CHECK(error_of(read_xlsx_sheet(zip_of(dir, parts, true), "")) == "TooManyEntries");
}

TEST_CASE("a truncated workbook gives a named error at every cut, never a crash", "[workbook][hostile][fault]") {
    TempDir dir;
    std::string bytes = xlsx_file(dir.file("t.xlsx"), [](lxw_workbook* wb) {
        write_directory_sheet(workbook_add_worksheet(wb, "社会救助"), csv_cells(demo_csv()));
    });
    for (size_t cut : {size_t{0}, size_t{2}, size_t{30}, size_t{100}, bytes.size() / 4, bytes.size() / 2, bytes.size() - 23, bytes.size() - 1}) {
        INFO("cut at " << cut << " of " << bytes.size());
        SheetRead r = read_xlsx_sheet(std::string_view(bytes).substr(0, cut), "");
        REQUIRE(r.failure.has_value());
        std::string e = workbook_error_name(r.failure->error);
        CHECK((e == "NotAWorkbook" || e == "DamagedZip"));
    }
}

//-----------------------------------------------------------------------------
// .xls (BIFF8): crafted records in a compound file, read by FreeXL in a child
//-----------------------------------------------------------------------------

namespace {

void le(std::string& s, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; i++) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::string utf16le(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        uint32_t cp;
        if (c < 0x80) { cp = c; i += 1; }
        else if (c < 0xE0) { cp = (c & 0x1F) << 6 | (utf8[i + 1] & 0x3F); i += 2; }
        else { cp = (c & 0x0F) << 12 | (utf8[i + 1] & 0x3F) << 6 | (utf8[i + 2] & 0x3F); i += 3; }
        le(out, cp, 2);
    }
    return out;
}
size_t utf16_units(const std::string& utf8) { return utf16le(utf8).size() / 2; }

std::string record(uint16_t type, const std::string& data) {
    std::string r;
    le(r, type, 2);
    le(r, data.size(), 2);
    return r + data;
}
std::string bof(uint16_t kind) {  // BIFF8 BOF: version 0x0600, globals 0x0005 or worksheet 0x0010
    std::string d;
    le(d, 0x0600, 2); le(d, kind, 2); le(d, 0x0DBB, 2); le(d, 0x07CC, 2); le(d, 0, 4); le(d, 0x06, 4);
    return record(0x0809, d);
}

struct XlsSheetSpec {
    std::string name;
    bool hidden = false;
    std::vector<std::vector<std::string>> cells;
    std::vector<MergeRange> merges;  // 1-based
};

// A BIFF8 Workbook stream: globals (BOF, CODEPAGE, BOUNDSHEETs, SST holding "SST文字", EOF),
// then each sheet (BOF, DIMENSION, LABEL per text cell, a NUMBER where the text is "#15",
// a LABELSST where it is "#sst", a BOOLERR error where it is "#REF!", MERGEDCELLS, EOF).
std::string biff8_stream(const std::vector<XlsSheetSpec>& sheets) {
    std::string globals = bof(0x0005);
    std::string cp; le(cp, 1200, 2);
    globals += record(0x0042, cp);
    std::vector<size_t> patch;
    for (auto& s : sheets) {
        std::string d;
        le(d, 0, 4);
        d += static_cast<char>(s.hidden ? 1 : 0);
        d += '\0';
        d += static_cast<char>(utf16_units(s.name));
        d += '\1';
        d += utf16le(s.name);
        patch.push_back(globals.size() + 4);
        globals += record(0x0085, d);
    }
    std::string sst; le(sst, 1, 4); le(sst, 1, 4); le(sst, utf16_units("SST文字"), 2); sst += '\1'; sst += utf16le("SST文字");
    globals += record(0x00FC, sst);
    globals += record(0x000A, "");
    std::string stream = globals;
    for (size_t k = 0; k < sheets.size(); k++) {
        const uint32_t at = static_cast<uint32_t>(stream.size());
        for (int i = 0; i < 4; i++) stream[patch[k] + static_cast<size_t>(i)] = static_cast<char>((at >> (8 * i)) & 0xFF);
        const auto& s = sheets[k];
        stream += bof(0x0010);
        size_t cols = 0;
        for (auto& row : s.cells) cols = std::max(cols, row.size());
        std::string dim; le(dim, 0, 4); le(dim, s.cells.size(), 4); le(dim, 0, 2); le(dim, cols, 2); le(dim, 0, 2);
        stream += record(0x0200, dim);
        for (size_t r = 0; r < s.cells.size(); r++)
            for (size_t c = 0; c < s.cells[r].size(); c++) {
                const std::string& t = s.cells[r][c];
                if (t.empty()) continue;
                std::string d; le(d, r, 2); le(d, c, 2); le(d, 15, 2);
                if (t == "#15") { uint64_t bits; double x = 15; std::memcpy(&bits, &x, 8); le(d, bits, 8); stream += record(0x0203, d); }
                else if (t == "#sst") { le(d, 0, 4); stream += record(0x00FD, d); }
                else if (t == "#REF!") { d += '\x17'; d += '\x01'; stream += record(0x0205, d); }  // BOOLERR, an error
                else { le(d, utf16_units(t), 2); d += '\1'; d += utf16le(t); stream += record(0x0204, d); }
            }
        if (!s.merges.empty()) {
            std::string m; le(m, s.merges.size(), 2);
            for (auto& r : s.merges) { le(m, r.r1 - 1, 2); le(m, r.r2 - 1, 2); le(m, r.c1 - 1, 2); le(m, r.c2 - 1, 2); }
            stream += record(0x00E5, m);
        }
        stream += record(0x000A, "");
    }
    // Pad to the mini-stream cutoff (4096): the stream then lives in ordinary sectors.
    if (stream.size() < 4096) stream.resize(4096, '\0');
    return stream;
}

// A version-3 compound file (512-byte sectors) holding one stream, "Workbook": sector 0 is
// the FAT, the stream follows, then one directory sector (Root Entry, Workbook).
// A compound file holding one stream: version 3 (512-byte sectors, shift 9) as Excel 97–2003
// writes it, or version 4 (4096-byte sectors, shift 12; the header fills a whole sector).
std::string compound_file(const std::string& stream, const std::string& stream_name = "Workbook", int shift = 9) {
    const size_t sector = size_t{1} << shift;
    const size_t n = (stream.size() + sector - 1) / sector;
    REQUIRE(n + 2 <= sector / 4);  // one FAT sector maps sector / 4 sectors
    std::string h("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    h.resize(24, '\0');
    le(h, 0x003E, 2); le(h, shift == 12 ? 4 : 3, 2); le(h, 0xFFFE, 2); le(h, shift, 2); le(h, 6, 2);
    h.resize(44, '\0');
    le(h, 1, 4);                 // FAT sectors
    le(h, n + 1, 4);             // first directory sector
    le(h, 0, 4);                 // transaction
    le(h, 4096, 4);              // mini stream cutoff
    le(h, 0xFFFFFFFE, 4); le(h, 0, 4);  // mini FAT: none
    le(h, 0xFFFFFFFE, 4); le(h, 0, 4);  // DIFAT: none beyond the header
    le(h, 0, 4);                 // DIFAT[0]: the FAT is sector 0
    for (int i = 1; i < 109; i++) le(h, 0xFFFFFFFF, 4);
    h.resize(sector, '\0');
    std::string fat;
    le(fat, 0xFFFFFFFD, 4);
    for (size_t i = 1; i <= n; i++) le(fat, i == n ? 0xFFFFFFFE : i + 1, 4);
    le(fat, 0xFFFFFFFE, 4);
    while (fat.size() < sector) le(fat, 0xFFFFFFFF, 4);
    auto entry = [](const std::string& name, int type, uint32_t child, uint32_t start, uint32_t size) {
        std::string e = utf16le(name);
        e.resize(64, '\0');
        le(e, (utf16_units(name) + 1) * 2, 2);
        e += static_cast<char>(type);
        e += '\1';                                  // black
        le(e, 0xFFFFFFFF, 4); le(e, 0xFFFFFFFF, 4); le(e, child, 4);
        e.resize(116, '\0');
        le(e, start, 4); le(e, size, 4); le(e, 0, 4);
        return e;
    };
    std::string dir = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry(stream_name, 2, 0xFFFFFFFF, 1, static_cast<uint32_t>(stream.size()));
    dir.resize(sector, '\0');
    std::string body = stream;
    body.resize(n * sector, '\0');
    return h + fat + body + dir;
}

std::vector<MergeRange> level1_merges(const std::vector<std::vector<std::string>>& cells) {
    std::vector<MergeRange> m = {{1, 1, 1, 14}};
    for (int c : {1, 4, 5, 6, 7, 8}) m.push_back({2, c, 3, c});
    for (int c : {2, 9, 11, 13}) m.push_back({2, c, 2, c + 1});
    size_t r = 3;
    while (r < cells.size()) {
        size_t end = r + 1;
        while (end < cells.size() && cells[end].size() > 1 && cells[end][1].empty()) end++;
        if (end - r > 1) m.push_back({static_cast<int>(r) + 1, 2, static_cast<int>(end), 2});
        r = end;
    }
    return m;
}

}  // namespace

TEST_CASE("an .xls with merged 一级事项 imports to the same rows as the CSV export", "[workbook][xls][import]") {
    const auto cells = csv_cells(demo_csv());
    std::string xls = compound_file(biff8_stream({{"社会救助", false, cells, level1_merges(cells)}}));
    SheetRead read = read_xls_sheet(xls, "");
    REQUIRE(error_of(read) == "none");
    CHECK(read.grid.sheet == "社会救助");
    std::vector<SourceProblem> csv_problems, xls_problems;
    DirectoryTable from_csv = parse_directory_table(demo_csv(), "社会救助.csv", csv_problems);
    DirectoryTable from_xls = parse_directory_grid(read.grid, "社会救助.xls", BlankPolicy::Merges, xls_problems);
    CHECK(formatted(xls_problems) == std::vector<std::string>{});
    for (size_t i = 0; i < from_csv.rows.size(); i++) from_csv.rows[i].line = static_cast<int>(i) + 4;
    check_same_rows(from_csv, from_xls);
}

TEST_CASE("an .xls: numbers and shared strings, sheet by name, hidden sheets, a missing name", "[workbook][xls]") {
    std::string xls = compound_file(biff8_stream({{"旧目录", true, {{"旧"}}, {}},
                                                  {"社会救助", false, {{"#15", "#sst", "文字"}, {"", "合并"}}, {{2, 2, 2, 3}}}}));
    SheetRead r = read_xls_sheet(xls, "社会救助");
    REQUIRE(error_of(r) == "none");
    CHECK(text_at(r.grid, 1, 1) == "15");
    CHECK(text_at(r.grid, 1, 2) == "SST文字");
    CHECK(text_at(r.grid, 1, 3) == "文字");
    CHECK(text_at(r.grid, 2, 3) == "合并");
    CHECK(error_of(read_xls_sheet(xls, "旧目录")) == "SheetHidden");
    CHECK(error_of(read_xls_sheet(xls, "")) == "SheetHidden");
    SheetRead missing = read_xls_sheet(xls, "社会保险");
    CHECK(error_of(missing) == "SheetNotFound");
    CHECK(missing.failure->detail == "没有名为“社会保险”的工作表（工作簿中有：“旧目录”、“社会救助”）");
}

TEST_CASE("an .xls in a version-4 compound file (4096-byte sectors) reads as the version-3 one does", "[workbook][xls]") {
    const auto cells = csv_cells(demo_csv());
    const std::string stream = biff8_stream({{"社会救助", false, cells, level1_merges(cells)}});
    SheetRead v3 = read_xls_sheet(compound_file(stream), "");
    SheetRead v4 = read_xls_sheet(compound_file(stream, "Workbook", 12), "");
    REQUIRE(error_of(v3) == "none");
    REQUIRE(error_of(v4) == "none");
    REQUIRE(v4.grid.rows.size() == v3.grid.rows.size());
    for (size_t r = 0; r < v3.grid.rows.size(); r++)
        for (size_t c = 0; c < v3.grid.rows[r].fields.size(); c++)
            CHECK(text_at(v4.grid, static_cast<int>(r) + 1, static_cast<int>(c) + 1) == v3.grid.rows[r].fields[c].text);
}

TEST_CASE("an error value in an .xls is a problem at its cell", "[workbook][xls][import]") {
    auto cells = csv_cells(demo_csv());
    cells[4][6] = "#REF!";
    SheetRead read = read_xls_sheet(compound_file(biff8_stream({{"社会救助", false, cells, level1_merges(cells)}})), "");
    REQUIRE(error_of(read) == "none");
    std::vector<SourceProblem> problems;
    parse_directory_grid(read.grid, "社会救助.xls", BlankPolicy::Merges, problems);
    CHECK(formatted(problems) == std::vector<std::string>{"社会救助.xls:社会救助!G5: ErrorValue: 单元格的值是错误“#REF!”：请修正公式或引用"});
}

TEST_CASE("a broken or hostile .xls gives a named error: not OLE, a sector cycle, truncation, an encrypted xlsx", "[workbook][xls][hostile]") {
    CHECK(error_of(read_xls_sheet("PK\x03\x04 not ole", "")) == "NotAWorkbook");
    const auto cells = csv_cells(demo_csv());
    std::string good = compound_file(biff8_stream({{"社会救助", false, cells, level1_merges(cells)}}));
    // The FAT's first stream sector points at itself: a chain that never ends.
    std::string cycle = good;
    cycle[512 + 4] = 1; cycle[512 + 5] = 0; cycle[512 + 6] = 0; cycle[512 + 7] = 0;
    CHECK(error_of(read_xls_sheet(cycle, "")) == "XlsUnreadable");
    for (size_t cut : {size_t{100}, size_t{600}, good.size() / 2, good.size() - 100}) {
        INFO("cut at " << cut);
        std::string e = error_of(read_xls_sheet(good.substr(0, cut), ""));
        CHECK((e == "NotAWorkbook" || e == "XlsUnreadable"));
    }
    // A password-protected .xlsx is an OLE file whose stream is EncryptedPackage.
    std::string encrypted = compound_file(std::string(4096, 'x'), "EncryptedPackage");
    CHECK(error_of(read_xls_sheet(encrypted, "")) == "EncryptedWorkbook");
    CHECK(error_of(read_xlsx_sheet(encrypted, "")) == "EncryptedWorkbook");
}

TEST_CASE("the child's answer is decoded within bounds: oversized, truncated and unknown frames are XlsProtocol", "[workbook][xls][hostile]") {
    auto frame = [](char kind, uint32_t row, uint32_t col, const std::string& bytes, uint32_t len_override = 0) {
        std::string f(1, kind);
        le(f, row, 4); le(f, col, 4); le(f, len_override ? len_override : bytes.size(), 4);
        return f + bytes;
    };
    SheetGrid g;
    CHECK(!decode_xls_answer(frame('T', 1, 1, "甲") + frame('D', 0, 0, ""), g).has_value());
    CHECK(text_at(g, 1, 1) == "甲");
    auto name = [](std::optional<WorkbookFailure> f) { return f ? std::string(workbook_error_name(f->error)) : "none"; };
    SheetGrid g2;
    CHECK(name(decode_xls_answer(frame('T', 1, 1, "甲"), g2)) == "XlsProtocol");                      // no "done"
    CHECK(name(decode_xls_answer(frame('T', 1, 1, "甲", 0xFFFFFFF0u), g2)) == "XlsProtocol");          // lying length
    CHECK(name(decode_xls_answer(frame('T', 0, 1, "甲") + frame('D', 0, 0, ""), g2)) == "XlsProtocol"); // row 0
    CHECK(name(decode_xls_answer(frame('T', 1, 9999, "甲") + frame('D', 0, 0, ""), g2)) == "XlsProtocol");
    CHECK(name(decode_xls_answer(frame('X', 9999, 0, "?"), g2)) == "XlsProtocol");
    CHECK(name(decode_xls_answer(frame('X', static_cast<uint32_t>(WorkbookError::XlsUnreadable), 0, "FreeXL"), g2)) == "XlsUnreadable");
}

TEST_CASE("a child that crashes, spins, sleeps or balloons is stopped and named while the parent carries on", "[workbook][xls][hostile][fault]") {
    const auto cells = csv_cells(demo_csv());
    std::string xls = compound_file(biff8_stream({{"社会救助", false, cells, level1_merges(cells)}}));
    struct Case { XlsChildFault fault; const char* expected; };
    const Case cases[] = {
        {XlsChildFault::Crash, "XlsReaderCrashed"},
        {XlsChildFault::Spin, "XlsTimeout"},     // SIGXCPU at the 1 s CPU limit
        {XlsChildFault::Sleep, "XlsTimeout"},    // killed at a 500 ms wall-clock limit
#ifndef __SANITIZE_ADDRESS__
        {XlsChildFault::Balloon, "XlsReaderCrashed"},  // the 1 GiB address-space limit
#endif
    };
    for (const Case& c : cases) {
        INFO(c.expected);
        // A 1-s CPU limit for the spinning child only: filling 1 GiB can itself take a second of
        // CPU on a loaded machine, and that child must be named for its memory, not its time.
        set_xls_child_fault(c.fault, c.fault == XlsChildFault::Spin ? 1 : 10, c.fault == XlsChildFault::Sleep ? 500 : 10000);
        SheetRead r = read_xls_sheet(xls, "");
        set_xls_child_fault(XlsChildFault::None);
        CHECK(error_of(r) == c.expected);
    }
    CHECK(error_of(read_xls_sheet(xls, "")) == "none");
}

// Not a test: writes the fuzz seeds (tests/fuzz/corpus/README.md) into $GONGKAI_SEED_DIR.
//   GONGKAI_SEED_DIR=tests/fuzz/corpus build/tests/gongkai-tests "[.write-fuzz-seeds]"
TEST_CASE("write the workbook fuzz seeds", "[.write-fuzz-seeds]") {
    const char* out = std::getenv("GONGKAI_SEED_DIR");
    REQUIRE(out != nullptr);
    const std::filesystem::path root(out);
    TempDir dir;
    const auto cells = csv_cells(demo_csv());
    write_file(root / "fuzz_xlsx" / "demo-社会救助.xlsx", xlsx_file(dir.file("a.xlsx"), [&](lxw_workbook* wb) {
                   write_directory_sheet(workbook_add_worksheet(wb, "社会救助"), cells);
               }));
    const std::string strings =
        R"(<sst><si><t>社会救助</t></si><si><r><t>最低</t></r><r><t>生活保障</t></r><rPh sb="0" eb="2"><t>x</t></rPh></si></sst>)";
    write_file(root / "fuzz_xlsx" / "cell-types.xlsx",
               raw_xlsx(dir, sheet_xml(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>内联</t></is></c></row>)"
                                       R"(<row><c><v>15</v></c><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c><f>A1</f></c><c t="str"><f>A1</f><v>甲</v></c></row>)",
                                       R"(<mergeCells><mergeCell ref="A1:B2"/></mergeCells>)"),
                        strings));
    write_file(root / "fuzz_xls" / "demo-社会救助.xls", compound_file(biff8_stream({{"社会救助", false, cells, level1_merges(cells)}})));
    write_file(root / "fuzz_xls" / "two-sheets-hidden.xls",
               compound_file(biff8_stream({{"旧目录", true, {{"旧"}}, {}},
                                           {"社会救助", false, {{"#15", "#sst", "文字"}, {"", "合并"}}, {{2, 2, 2, 3}}}})));
}

TEST_CASE("import_source reads directory = \"….xls\" with sheet =, and names problems by sheet and cell", "[workbook][xls][import]") {
    TempDir dir;
    auto cells = csv_cells(demo_csv());
    write_file(dir.path / "directory/全区目录.xls",
               compound_file(biff8_stream({{"说明", false, {{"各领域目录见后面的工作表"}}, {}},
                                           {"社会救助", false, cells, level1_merges(cells)}})));
    write_source(dir, "directory/全区目录.xls", "sheet = \"社会救助\"\n");
    ImportResult r = import_source(dir.path.string());
    CHECK(formatted(r.problems) == std::vector<std::string>{});
    CHECK(r.catalogue.items.size() == cells.size() - 3);

    SECTION("a blank 一级事项 with its merge removed is a problem at its cell") {
        write_file(dir.path / "directory/全区目录.xls",
                   compound_file(biff8_stream({{"社会救助", false, cells, {}}})));
        ImportResult unmerged = import_source(dir.path.string());
        REQUIRE(!unmerged.problems.empty());
        CHECK(format_problem(unmerged.problems[0]) ==
              "directory/全区目录.xls:社会救助!B5: “一级事项”为空（不在合并单元格内）：请填写，或与上方的一级事项合并单元格");
    }
}

TEST_CASE("a cell over 64 KiB is a problem at its cell, and a long shared string repeated past 64 MiB is SheetTextTooLarge", "[workbook][hostile]") {
    TempDir dir;
    const std::string long_text(kMaxCellBytes + 100, 'x');
    SheetRead one = read_xlsx_sheet(raw_xlsx(dir, sheet_xml(R"(<row r="3"><c r="D3" t="inlineStr"><is><t>)" + long_text + "</t></is></c></row>")), "");
    REQUIRE(error_of(one) == "none");
    CHECK(text_at(one.grid, 3, 4).size() == kMaxCellBytes + 1);  // kept one byte past the bound, no more
    std::vector<SourceProblem> problems;
    parse_directory_grid(one.grid, "x.xlsx", BlankPolicy::Merges, problems);
    REQUIRE(!problems.empty());
    CHECK(format_problem(problems[0]) == "x.xlsx:社会救助!D3: 单元格过长（65537 字节，上限 65536 字节）");

    // 60 KiB referenced by 1,200 cells: 72 MB of text from a 60-KiB part.
    const std::string strings = "<sst><si><t>" + std::string(60u << 10, 'y') + "</t></si></sst>";
    std::string rows;
    for (int r = 1; r <= 100; r++) {
        rows += "<row r=\"" + std::to_string(r) + "\">";
        for (int c = 1; c <= 12; c++) rows += "<c t=\"s\"><v>0</v></c>";
        rows += "</row>";
    }
    CHECK(error_of(read_xlsx_sheet(raw_xlsx(dir, sheet_xml(rows), strings), "")) == "SheetTextTooLarge");
}
