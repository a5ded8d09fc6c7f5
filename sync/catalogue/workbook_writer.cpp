// Directory tables as .xlsx workbooks: the layout (title, two-row header, column widths,
// print setup), the √ and ■/□ data validation, and the write-beside-then-rename of the file.
// [SECTION] Errors  [SECTION] Names  [SECTION] Layout  [SECTION] Writing the file
#include "workbook_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>

#include "file_write.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Errors
//-----------------------------------------------------------------------------

// No `default:` — a new code must be named here.
static const char* workbook_write_error_name(int value) {
    switch (static_cast<WorkbookWriteError>(value)) {
    case WorkbookWriteError::DomainEmpty: return "DomainEmpty";
    case WorkbookWriteError::DomainNotSheetName: return "DomainNotSheetName";
    case WorkbookWriteError::DomainNotInTitle: return "DomainNotInTitle";
    case WorkbookWriteError::DomainUnknown: return "DomainUnknown";
    case WorkbookWriteError::OutNotXlsx: return "OutNotXlsx";
    case WorkbookWriteError::OutExists: return "OutExists";
    case WorkbookWriteError::SheetInvalid: return "SheetInvalid";
    case WorkbookWriteError::WorkbookWriteFailed: return "WorkbookWriteFailed";
    }
    return "Unknown";
}

static const char* workbook_write_error_message(int value) {
    switch (static_cast<WorkbookWriteError>(value)) {
    case WorkbookWriteError::DomainEmpty: return "no domain name was given (--domain 社会救助)";
    case WorkbookWriteError::DomainNotSheetName:
        return "Excel does not allow this as a sheet name: at most 31 characters, none of [ ] : * ? / \\, no ' at either end";
    case WorkbookWriteError::DomainNotInTitle: return "the domain name cannot be read back from the table's title (it holds 领域 or a line break, or a space at either end)";
    case WorkbookWriteError::DomainUnknown: return "the domain is not one of those catalogue.toml lists";
    case WorkbookWriteError::OutNotXlsx: return "the output file name must end in .xlsx";
    case WorkbookWriteError::OutExists: return "the output file exists; nothing was written (add --force to replace it)";
    case WorkbookWriteError::SheetInvalid: return "the sheet cannot be laid out as a directory table";
    case WorkbookWriteError::WorkbookWriteFailed: return "the workbook could not be written; nothing was left behind";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(WorkbookWriteError) {
    static const ErrorDomain domain{"catalogue", workbook_write_error_name, workbook_write_error_message};
    return domain;
}

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------

const char* const kDirectoryChannels[13] = {
    "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
    "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他"};

std::string directory_title(std::string_view domain_name) {
    // The district every demo table names; the importer takes what lies between the
    // district's 区 and 领域 as the domain (source_import.cpp parse_directory_table).
    return "徐汇区" + std::string(domain_name) + "领域基层政务公开标准目录";
}

// Excel's limit on a sheet name is 31 UTF-16 code units (a CJK character is one; a
// character outside the BMP two).
static constexpr std::size_t kMaxSheetNameUnits = 31;

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF): what an .xlsx's
// XML must hold. utf8::next assumes valid input.
static bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; k++) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 2) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static constexpr char32_t kSmallest[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kSmallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

Error domain_name_problem(std::string_view name) {
    // A GB18030 terminal passes GB18030 bytes: Excel would show them as mojibake, or not open the file.
    if (!valid_utf8(name)) return make_error(WorkbookWriteError::DomainNotSheetName, "not UTF-8 text");
    std::size_t units = 0;
    bool only_blank = true;
    for (std::size_t i = 0; i < name.size();) {
        char32_t c = utf8::next(name, i);
        units += c > 0xFFFF ? 2 : 1;
        if (c != U' ' && c != U'\t' && c != U'\u3000') only_blank = false;
        if (c == U'\n' || c == U'\r') return make_error(WorkbookWriteError::DomainNotInTitle, "a line break");
        if (c < 0x20 || c == 0x7F) return make_error(WorkbookWriteError::DomainNotSheetName, "a control character");
        if (std::u32string_view(U"[]:*?/\\").find(c) != std::u32string_view::npos) {
            std::string ch;
            utf8::append(ch, c);
            return make_error(WorkbookWriteError::DomainNotSheetName, "“" + ch + "” in “" + std::string(name) + "”");
        }
    }
    if (only_blank) return make_error(WorkbookWriteError::DomainEmpty);
    if (units > kMaxSheetNameUnits)
        return make_error(WorkbookWriteError::DomainNotSheetName, std::to_string(units) + " characters, Excel allows 31");
    if (name.front() == '\'' || name.back() == '\'') return make_error(WorkbookWriteError::DomainNotSheetName, "' at either end");
    // Excel reserves "History" for its change-tracking sheet, in any case.
    std::string lower(name);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "history") return make_error(WorkbookWriteError::DomainNotSheetName, "History is reserved by Excel");
    // The importer keeps what lies between 区 and 领域 as it is: " 社会救助" would not match
    // catalogue.toml's 社会救助.
    for (std::string_view space : {" ", "\t", "\u3000"})
        if (name.starts_with(space) || name.ends_with(space))
            return make_error(WorkbookWriteError::DomainNotInTitle, "a space at either end of “" + std::string(name) + "”");
    if (name.find("领域") != std::string_view::npos)
        return make_error(WorkbookWriteError::DomainNotInTitle, "the title would read “" + directory_title(name) + "”");
    return {};
}

std::vector<BodyMerge> level1_run_merges(const std::vector<std::vector<std::string>>& rows) {
    constexpr std::size_t kLevel1 = 1;
    auto blank = [](const std::vector<std::string>& row) {
        return row.size() <= kLevel1 || row[kLevel1].find_first_not_of(" \t\r\n") == std::string::npos;
    };
    std::vector<BodyMerge> merges;
    for (std::size_t r = 0; r < rows.size();) {
        std::size_t end = r + 1;
        while (end < rows.size() && blank(rows[end])) end++;
        if (!blank(rows[r]) && end - r > 1) merges.push_back({r, end - 1, kLevel1, kLevel1});
        r = end;
    }
    return merges;
}

WorkbookSheetSpec directory_template_sheet(std::string_view domain_name) {
    WorkbookSheetSpec s;
    s.sheet_name = std::string(domain_name);
    s.domain_name = std::string(domain_name);
    s.entry_rows = kTemplateEntryRows;
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] Layout
//-----------------------------------------------------------------------------
//   row 1  徐汇区<领域>领域基层政务公开标准目录                  (merged A1:N1)
//   row 2  序号 | 公开事项      | 公开内容… | … | 公开渠道和载体 | 公开对象        | 公开方式    | 公开层级
//   row 3       | 一级事项|二级事项|           |   |                | 全社会|特定群体 | 主动|依申请 | 县级|乡级
// 序号 and the six single columns are merged over rows 2–3; the four group headers over
// their two sub-columns. Exported to CSV, this is exactly the demo tables' lines 1–3.

namespace {

struct ColumnLayout {
    const char* top;     // row 2
    const char* sub;     // row 3, or nullptr when the column is merged over both rows
    double width;        // Excel character units; a CJK character takes about 2
    bool centred_body;   // ticks and 序号 sit centred; text columns read from the left
};

// Widths: a clerk reads the table without widening any column. 公开内容 and 公开依据 hold
// lists of document titles (the demo's longest lines are 25–30 characters): 34 and 40
// units show 17–20 characters a line before wrapping. Tick columns need their header on
// one line: 特定群体 is 4 characters, 9 units. 公开渠道和载体 holds 13 boxed channel names: 30
// units take them in 5–6 lines. The sum, 231 units of 7 px, is 43 cm at 100%: fitted to
// the width of an A3 landscape page (40 cm inside the margins) it prints at about 93%.
const ColumnLayout kColumns[kDirectoryColumnCount] = {
    {"序号", nullptr, 5, true},
    {"公开事项", "一级事项", 13, false},
    {nullptr, "二级事项", 17, false},
    {"公开内容（要素）", nullptr, 34, false},
    {"公开依据", nullptr, 40, false},
    {"公开时限", nullptr, 18, false},
    {"公开主体", nullptr, 20, false},
    {"公开渠道和载体", nullptr, 30, false},
    {"公开对象", "全社会", 9, true},
    {nullptr, "特定群体", 9, true},
    {"公开方式", "主动", 9, true},
    {nullptr, "依申请", 9, true},
    {"公开层级", "县级", 9, true},
    {nullptr, "乡级", 9, true},
};
constexpr lxw_col_t kLastColumn = kDirectoryColumnCount - 1;
constexpr lxw_col_t kChannelsColumn = 7;

// The three tick groups: first column, and what the input prompt says about them.
struct TickGroup {
    lxw_col_t first;
    const char* title;    // ≤ 32 characters (Excel's limit on a prompt title)
    const char* message;  // ≤ 255 characters (Excel's limit on a prompt)
};
const TickGroup kTickGroups[] = {
    {8, "公开对象：填 √", "向全社会公开的，在“全社会”下填 √；只向特定群体（如申请人）公开的，在“特定群体”下填 √。不适用的留空。"},
    {10, "公开方式：填 √", "主动公开的，在“主动”下填 √；依申请公开的，在“依申请”下填 √。不适用的留空。"},
    {12, "公开层级：填 √", "由区（县级）公开的，在“县级”下填 √；由街道、镇（乡级）公开的，在“乡级”下填 √。两级都公开的都填 √。"},
};

struct Formats {
    lxw_format *title, *header, *body, *body_centred;
};

Formats make_formats(lxw_workbook* wb) {
    // 宋体 (SimSun) is the font Chinese government tables are printed in; Excel and
    // LibreOffice substitute a CJK font where it is missing.
    constexpr const char* kFont = "宋体";
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_font_name(f.title, kFont);
    format_set_bold(f.title);
    format_set_font_size(f.title, 16);  // 三号, the size Chinese official documents set titles in
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);

    f.header = workbook_add_format(wb);
    format_set_font_name(f.header, kFont);
    format_set_bold(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f.header);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_bg_color(f.header, 0xD9E1F2);  // Excel's pale blue header fill: prints as light grey

    f.body = workbook_add_format(wb);
    format_set_font_name(f.body, kFont);
    format_set_text_wrap(f.body);
    format_set_align(f.body, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.body, LXW_BORDER_THIN);
    // Text, not General: a 公开时限 of "10" or a date stays what the clerk typed.
    format_set_num_format(f.body, "@");

    f.body_centred = workbook_add_format(wb);
    format_set_font_name(f.body_centred, kFont);
    format_set_align(f.body_centred, LXW_ALIGN_CENTER);
    format_set_align(f.body_centred, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.body_centred, LXW_BORDER_THIN);
    return f;
}

std::string channels_prompt() {
    // "■政府网站 □政府公报 …": one box per channel, as every demo table writes the cell.
    std::string all;
    for (const char* c : kDirectoryChannels) { all += all.empty() ? "□" : " □"; all += c; }
    return "每个渠道前写一个方框：■ 表示使用，□ 表示不用。可复制下行后把用到的 □ 改成 ■：\n" + all;
}

// One line of 11-point text, in points. Excel draws 宋体 lines 14.25 pt apart; LibreOffice's
// substitute where 宋体 is missing (Noto Sans CJK) 16 pt, measured on the PDF of the
// 社会救助 table (docs/images/template.png). The taller one, with 0.5 pt to spare, so a
// row never clips its last line in either; plus 3 pt once for the cell's top margin.
constexpr double kLineHeight = 16.5;
constexpr double kRowPadding = 3;
// The tallest row Excel allows, in points.
constexpr double kMaxRowHeight = 409;

// The lines `text` takes in a wrapped column `width` units wide. A column unit is one
// digit's width; a CJK character, full-width punctuation and ■/□ take two. One unit is
// kept for the cell's padding. An estimate, like Excel's own autofit: it errs towards one
// line too many, never too few, for the demo tables' text: SimSun's 15 px glyph is 2.1
// units of Calibri's 7 px digit, and the 16.5 pt line (Excel needs 14.25) absorbs the 5%.
std::size_t wrapped_lines(std::string_view text, double width) {
    const double room = std::max(1.0, width - 1);
    std::size_t lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        double units = 0;
        for (std::size_t i = 0; i < line.size();) units += utf8::next(line, i) >= 0x2000 ? 2 : 1;
        lines += std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(units / room)));
        start = end + 1;
    }
    return lines;
}

bool whole_number(const std::string& s, double* value) {
    // Nine digits at most: exact in a double and far past any table's row count; a longer
    // "number" is an identifier and stays text.
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    *value = std::stod(s);
    return true;
}

// libxlsxwriter's own errors, named as the detail of WorkbookWriteFailed.
Error xlsx_error(const char* step, lxw_error e) {
    return make_error(WorkbookWriteError::WorkbookWriteFailed, std::string(step) + ": " + lxw_strerror(e));
}

Error lay_out_sheet(lxw_worksheet* ws, const WorkbookSheetSpec& spec, const Formats& f) {
    lxw_error e;
    // Columns: widths, and the body format for cells beyond entry_rows a clerk types into.
    for (lxw_col_t c = 0; c <= kLastColumn; c++)
        if ((e = worksheet_set_column(ws, c, c, kColumns[c].width, kColumns[c].centred_body ? f.body_centred : f.body)))
            return xlsx_error("column widths", e);

    // Title and header.
    const std::string title = directory_title(spec.domain_name);
    worksheet_set_row(ws, 0, 32, nullptr);  // 16-point title with room above and below
    if ((e = worksheet_merge_range(ws, 0, 0, 0, kLastColumn, title.c_str(), f.title))) return xlsx_error("title", e);
    // Header rows: one line of bold text (kLineHeight) with room for the borders.
    worksheet_set_row(ws, 1, 22, nullptr);
    worksheet_set_row(ws, 2, 22, nullptr);
    for (lxw_col_t c = 0; c <= kLastColumn; c++) {
        const ColumnLayout& col = kColumns[c];
        if (col.top && !col.sub) {
            e = worksheet_merge_range(ws, 1, c, 2, c, col.top, f.header);
        } else if (col.top) {  // a group: the top spans this column and the next
            e = worksheet_merge_range(ws, 1, c, 1, c + 1, col.top, f.header);
        } else {
            e = LXW_NO_ERROR;
        }
        if (e) return xlsx_error("header", e);
        if (col.sub && (e = worksheet_write_string(ws, 2, c, col.sub, f.header))) return xlsx_error("header", e);
    }

    // Body: the given rows, then blank formatted rows up to entry_rows.
    const std::size_t body_rows = std::max(spec.rows.size(), spec.entry_rows);
    std::vector<std::vector<bool>> covered(spec.rows.size(), std::vector<bool>(kDirectoryColumnCount, false));
    for (const BodyMerge& m : spec.merges)
        for (std::size_t r = m.first_row; r <= m.last_row; r++)
            for (std::size_t c = m.first_column; c <= m.last_column; c++)
                if (r != m.first_row || c != m.first_column) covered[r][c] = true;
    for (std::size_t r = 0; r < body_rows; r++) {
        const lxw_row_t row = static_cast<lxw_row_t>(kDirectoryHeaderRows + r);
        // A filled row is as tall as its longest wrapped cell: neither Excel nor LibreOffice
        // grows a row to fit text it did not type itself. Merged cells do not count (Excel's
        // autofit ignores them too); blank rows keep the default height, which Excel then
        // fits as a clerk types.
        if (r < spec.rows.size()) {
            std::size_t lines = 1;
            for (lxw_col_t c = 0; c <= kLastColumn; c++) {
                bool merged = false;
                for (const BodyMerge& m : spec.merges)
                    merged |= r >= m.first_row && r <= m.last_row && c >= m.first_column && c <= m.last_column;
                if (!merged) lines = std::max(lines, wrapped_lines(spec.rows[r][c], kColumns[c].width));
            }
            if ((e = worksheet_set_row(ws, row, std::min(kMaxRowHeight, static_cast<double>(lines) * kLineHeight + kRowPadding), nullptr)))
                return xlsx_error("row height", e);
        }
        for (lxw_col_t c = 0; c <= kLastColumn; c++) {
            lxw_format* fmt = kColumns[c].centred_body ? f.body_centred : f.body;
            const std::string* text = r < spec.rows.size() ? &spec.rows[r][c] : nullptr;
            double number;
            if (!text || text->empty() || covered[r][c]) e = worksheet_write_blank(ws, row, c, fmt);
            else if (c == 0 && whole_number(*text, &number)) e = worksheet_write_number(ws, row, c, number, fmt);
            else e = worksheet_write_string(ws, row, c, text->c_str(), fmt);
            if (e) return xlsx_error("body cell", e);
        }
    }
    for (const BodyMerge& m : spec.merges) {
        const std::string& text = spec.rows[m.first_row][m.first_column];
        lxw_format* fmt = kColumns[m.first_column].centred_body ? f.body_centred : f.body;
        if ((e = worksheet_merge_range(ws, static_cast<lxw_row_t>(kDirectoryHeaderRows + m.first_row),
                                       static_cast<lxw_col_t>(m.first_column),
                                       static_cast<lxw_row_t>(kDirectoryHeaderRows + m.last_row),
                                       static_cast<lxw_col_t>(m.last_column), text.c_str(), fmt)))
            return xlsx_error("merged body cells", e);
    }

    // Validation over every entry row: a list allowing only √ under each tick pair, and
    // the ■/□ prompt on 公开渠道和载体 (a prompt only: a list cannot hold the 13-channel
    // combinations, and Excel caps a list at 255 characters).
    if (body_rows > 0) {
        const lxw_row_t first = kDirectoryHeaderRows, last = static_cast<lxw_row_t>(kDirectoryHeaderRows + body_rows - 1);
        const char* tick_list[] = {"√", nullptr};
        for (const TickGroup& g : kTickGroups) {
            lxw_data_validation v{};
            v.validate = LXW_VALIDATION_TYPE_LIST;
            v.value_list = const_cast<char**>(tick_list);
            v.input_title = const_cast<char*>(g.title);
            v.input_message = const_cast<char*>(g.message);
            v.error_title = const_cast<char*>("只能填 √");
            v.error_message = const_cast<char*>("这一列只能填 √（对号）或留空。请从下拉列表中选择 √，或按 Delete 清空。");
            if ((e = worksheet_data_validation_range(ws, first, g.first, last, g.first + 1, &v)))
                return xlsx_error("√ validation", e);
        }
        const std::string prompt = channels_prompt();
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_ANY;
        v.input_title = const_cast<char*>("公开渠道和载体：■ 用，□ 不用");
        v.input_message = const_cast<char*>(prompt.c_str());
        if ((e = worksheet_data_validation_range(ws, first, kChannelsColumn, last, kChannelsColumn, &v)))
            return xlsx_error("channel prompt", e);
    }

    // What a clerk expects: the header stays on screen while scrolling, and every printed
    // page is one A3 landscape page wide with the header repeated.
    worksheet_freeze_panes(ws, kDirectoryHeaderRows, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 8);  // 8 is A3 in Excel's paper codes
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);  // inches: narrow, as Excel's "Narrow" preset
    if ((e = worksheet_repeat_rows(ws, 1, 2))) return xlsx_error("print titles", e);
    worksheet_fit_to_pages(ws, 1, 0);  // 1 page wide, as many tall as needed
    worksheet_center_horizontally(ws);
    if ((e = worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"))) return xlsx_error("footer", e);
    return {};
}

Error check_spec(const WorkbookSheetSpec& s) {
    if (Error e = domain_name_problem(s.sheet_name)) return make_error(WorkbookWriteError::SheetInvalid, "sheet name “" + s.sheet_name + "”: " + e.describe());
    if (Error e = domain_name_problem(s.domain_name)) return make_error(WorkbookWriteError::SheetInvalid, "domain “" + s.domain_name + "”: " + e.describe());
    for (std::size_t r = 0; r < s.rows.size(); r++)
        if (s.rows[r].size() != kDirectoryColumnCount)
            return make_error(WorkbookWriteError::SheetInvalid, s.sheet_name + ": body row " + std::to_string(r + 1) + " has " +
                                                               std::to_string(s.rows[r].size()) + " cells, not 14");
    for (const BodyMerge& m : s.merges)
        if (m.first_row > m.last_row || m.first_column > m.last_column || m.last_row >= s.rows.size() ||
            m.last_column >= kDirectoryColumnCount || (m.first_row == m.last_row && m.first_column == m.last_column))
            return make_error(WorkbookWriteError::SheetInvalid, s.sheet_name + ": a merge outside the body or of one cell");
    return {};
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Writing the file
//-----------------------------------------------------------------------------

Error write_directory_workbook(const std::string& path, const std::vector<WorkbookSheetSpec>& sheets, ExistingFile existing) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    // Any case, as Windows names files and as the importer reads `directory =` (Book1.XLSX).
    std::string extension = target.extension().string();
    for (char& ch : extension) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (extension != ".xlsx" || target.stem().empty()) return make_error(WorkbookWriteError::OutNotXlsx, path);
    if (sheets.empty()) return make_error(WorkbookWriteError::SheetInvalid, "no sheets");
    std::set<std::string> names;
    bool any_visible = false;
    for (const WorkbookSheetSpec& s : sheets) {
        if (Error e = check_spec(s)) return e;
        // Excel compares sheet names without case.
        std::string key = s.sheet_name;
        for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (!names.insert(key).second) return make_error(WorkbookWriteError::SheetInvalid, "two sheets named “" + s.sheet_name + "”");
        any_visible |= !s.hidden;
    }
    if (!any_visible) return make_error(WorkbookWriteError::SheetInvalid, "every sheet is hidden; Excel needs one visible");
    std::error_code ec;
    if (existing == ExistingFile::Refuse && fs::symlink_status(target, ec).type() != fs::file_type::not_found)
        return make_error(WorkbookWriteError::OutExists, path);

    // The temp file beside the target (rename works within one file system), hidden, and
    // not named .xlsx so nobody opens a half-written one.
    const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    int fd = mkstemp(temp.data());
    if (fd < 0) return make_error(WorkbookWriteError::WorkbookWriteFailed, "mkstemp in " + dir.string() + ": " + std::strerror(errno));
    // mkstemp makes the file 0600; a workbook is shared with colleagues like any document.
    fchmod(fd, 0644);
    close(fd);
    struct RemoveTemp {
        std::string path;
        bool keep = false;
        ~RemoveTemp() { if (!keep) ::unlink(path.c_str()); }
    } remove_temp{temp};

    lxw_workbook_options options{};
    // libxlsxwriter's scratch files in the target's directory, not /tmp: a tmpfs /tmp
    // would hold them in memory.
    std::string tmpdir = dir.string();
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(temp.c_str(), &options);
    if (!wb) return make_error(WorkbookWriteError::WorkbookWriteFailed, "workbook_new " + temp);
    const Formats formats = make_formats(wb);
    Error laid_out;
    std::vector<lxw_worksheet*> added;
    for (const WorkbookSheetSpec& s : sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, s.sheet_name.c_str());
        if (!ws) { laid_out = make_error(WorkbookWriteError::WorkbookWriteFailed, "add sheet " + s.sheet_name); break; }
        if ((laid_out = lay_out_sheet(ws, s, formats))) break;
        added.push_back(ws);
    }
    // The sheet Excel opens on must be visible, and libxlsxwriter does not hide the active one:
    // activate the first visible sheet, then hide the others asked for.
    if (!laid_out) {
        for (std::size_t i = 0; i < added.size(); i++)
            if (!sheets[i].hidden) { worksheet_activate(added[i]); worksheet_set_first_sheet(added[i]); break; }
        for (std::size_t i = 0; i < added.size(); i++)
            if (sheets[i].hidden) worksheet_hide(added[i]);
    }
    lxw_error closed = workbook_close(wb);  // frees wb, whether or not laying out failed
    if (laid_out) return laid_out;
    if (closed) return xlsx_error("workbook_close", closed);

    fd = open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        int err = errno;
        if (fd >= 0) close(fd);
        return make_error(WorkbookWriteError::WorkbookWriteFailed, "fsync " + temp + ": " + std::strerror(err));
    }
    close(fd);
    // Refuse: renameat2's RENAME_NOREPLACE makes "does not exist" and "now exists" one step,
    // so a file created since the check above is not replaced either.
    if (existing == ExistingFile::Refuse) {
        if (renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
            if (errno == EEXIST) return make_error(WorkbookWriteError::OutExists, path);
            // File systems without RENAME_NOREPLACE (EINVAL): link(2) also refuses an existing name.
            if (errno != EINVAL || ::link(temp.c_str(), path.c_str()) != 0) {
                if (errno == EEXIST) return make_error(WorkbookWriteError::OutExists, path);
                return make_error(WorkbookWriteError::WorkbookWriteFailed, "rename to " + path + ": " + std::strerror(errno));
            }
        }
    } else if (std::rename(temp.c_str(), path.c_str()) != 0) {
        return make_error(WorkbookWriteError::WorkbookWriteFailed, "rename to " + path + ": " + std::strerror(errno));
    }
    if (fs::exists(temp, ec)) ::unlink(temp.c_str());  // left only by the link(2) fallback
    remove_temp.keep = true;
    return sync_directory(dir.string());
}

}  // namespace gongkai
