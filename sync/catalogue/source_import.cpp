// See source_import.h. [SECTION] index:
//   [SECTION] Cell helpers        — trimming, multi-line splitting, header names
//   [SECTION] CSV records         — libcsv with line numbers
//   [SECTION] Directory tables    — a grid from CSV or a workbook (workbook.h), header mapping,
//                                   fill-down (CSV) or exact merges (workbooks), ticks, channel boxes
//   [SECTION] TOML sources        — catalogue.toml, guides/*.toml, notices.toml
//   [SECTION] Disclosure sources  — category, urgent, halls/groups, result lists; 解读, 回应
//   [SECTION] Validity text       — valid_from / valid_until as editors write them
//   [SECTION] Assembly            — ids, links, ordering, validation
#include "source_import.h"

#include <csv.h>
#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bundle.h"
#include "clock.h"
#include "cache.h"
#include "personal_data.h"
#include "search_index.h"
#include "segmenter.h"
#include "site_writer.h"
#include "toml_source.h"
#include "utf8.h"

namespace fs = std::filesystem;

namespace gongkai {

// What validate accepts, a device accepts (docs/security.md): each editor's bound within
// the bundle decoder's.
static_assert(kMaxSourceResultRows <= kMaxResultRows && kMaxSourceResultColumns <= kMaxResultColumns);
static_assert(kMaxSourcePublicDays <= kMaxPublicDays && kMaxTargetNames <= kMaxTargets);
static_assert(kMaxSourceInterpretations <= kMaxInterpretations && kMaxSourceResponses <= kMaxResponses);
static_assert(kMaxResultCellChars * 4 <= kMaxResultCellBytes);


std::string format_problem(const SourceProblem& p) {
    std::string s = p.file;
    if (!p.sheet.empty()) {
        s += ":" + p.sheet;
        if (!p.cell.empty()) s += "!" + p.cell;
        else if (p.line > 0) s += "!" + std::to_string(p.line) + ":" + std::to_string(p.line);
        return s + ": " + p.message;
    }
    if (p.line > 0) s += ":" + std::to_string(p.line);
    if (p.column > 0) s += ":" + std::to_string(p.column);
    return s + ": " + p.message;
}

// Ids name web pages and go into QR codes (site_writer.h): ASCII letters, digits and -,
// at most kMaxPageIdBytes — a domain's `reserve` bytes fewer, for the ".<8 hex>" its
// directory rows' ids append. "" when `id` is fine.
static std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

static std::string id_problem(std::string_view id, size_t reserve = 0) {
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return "id 只能用字母、数字和 -：" + std::string(id);
    if (id.size() > kMaxPageIdBytes - reserve)
        return "id 最长 " + std::to_string(kMaxPageIdBytes - reserve) + " 个字符（用作网页文件名和二维码网址）：" + std::string(id);
    return {};
}

//-----------------------------------------------------------------------------
// [SECTION] Cell helpers
//-----------------------------------------------------------------------------

static bool is_space_at(std::string_view s, size_t i, size_t* len) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { *len = 1; return true; }
    // U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE appear in Excel exports.
    if (s.substr(i, 3) == "\xE3\x80\x80") { *len = 3; return true; }
    if (s.substr(i, 2) == "\xC2\xA0") { *len = 2; return true; }
    return false;
}

static std::string trim(std::string_view s) {
    size_t b = 0, e = s.size(), len = 0;
    while (b < e && is_space_at(s, b, &len)) b += len;
    // Trailing: step back over single-byte spaces and the multi-byte ones we know.
    while (e > b) {
        if (e - b >= 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") { e -= 3; continue; }
        if (e - b >= 2 && s.substr(e - 2, 2) == "\xC2\xA0") { e -= 2; continue; }
        char c = s[e - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { e--; continue; }
        break;
    }
    return std::string(s.substr(b, e - b));
}

// A multi-line cell is a list: one entry per non-empty line.
static std::vector<std::string> split_lines(std::string_view cell) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= cell.size()) {
        size_t nl = cell.find('\n', start);
        if (nl == std::string_view::npos) nl = cell.size();
        std::string line = trim(cell.substr(start, nl - start));
        if (!line.empty()) out.push_back(std::move(line));
        start = nl + 1;
    }
    return out;
}

// Header names vary in spacing and bracket width between departments:
// "公开内容(要素)" and "公开内容（要素）" are the same column.
static std::string normalize_header(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        size_t len;
        if (is_space_at(s, i, &len)) { i += len; continue; }
        if (s[i] == '(') { out += "（"; i++; continue; }
        if (s[i] == ')') { out += "）"; i++; continue; }
        out += s[i++];
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] CSV records
//-----------------------------------------------------------------------------

struct CsvField {
    std::string text;
    int line = 0;
};
struct CsvRecord {
    std::vector<CsvField> fields;
    int line() const { return fields.empty() ? 0 : fields.front().line; }
};

struct CsvState {
    std::vector<CsvRecord> records;
    CsvRecord current;
    int line = 1;            // line of the byte being fed
    int field_start = 1;     // line where the next field starts
};

static void csv_on_field(void* data, size_t len, void* user) {
    auto* st = static_cast<CsvState*>(user);
    std::string text(static_cast<const char*>(data), len);
    // Cells written on Windows keep CR LF inside quotes; a list is split on LF alone.
    std::erase(text, '\r');
    st->current.fields.push_back({std::move(text), st->field_start});
    st->field_start = st->line;
}

static void csv_on_record(int, void* user) {
    auto* st = static_cast<CsvState*>(user);
    st->records.push_back(std::move(st->current));
    st->current = {};
    st->field_start = st->line + 1;
}

// libcsv has no notion of line numbers, so bytes are fed one at a time and newlines
// counted here. Directory tables are tens of kilobytes: the cost is negligible.
static bool parse_csv(std::string_view text, CsvState& st, std::string* error) {
    csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) { *error = "csv_init failed"; return false; }
    for (char c : text) {
        if (csv_parse(&p, &c, 1, csv_on_field, csv_on_record, &st) != 1) {
            *error = std::string("line ") + std::to_string(st.line) + ": " + csv_strerror(csv_error(&p));
            csv_free(&p);
            return false;
        }
        if (c == '\n') st.line++;
    }
    csv_fini(&p, csv_on_field, csv_on_record, &st);
    csv_free(&p);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Directory tables
//-----------------------------------------------------------------------------

// The standard's columns. Sub-header names (row 3) win over the spanning header (row 2).
enum Column { ColSeq, ColLevel1, ColLevel2, ColContent, ColBasis, ColTimeLimit, ColBodies, ColChannels,
              ColPublic, ColSpecific, ColActive, ColOnRequest, ColCounty, ColTownship, ColCount };
static const char* const kColumnNames[ColCount] = {
    "序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
    "全社会", "特定群体", "主动", "依申请", "县级", "乡级"};

std::string bundle_size_problem(const Catalogue& cat, std::size_t max_json_bytes, std::uint64_t max_packed_bytes) {
    std::string json = bundle_json(cat);
    if (json.size() > max_json_bytes)
        return "目录过大：打包后的 JSON 有 " + std::to_string(json.size()) + " 字节，设备解码上限为 " +
               std::to_string(max_json_bytes) + " 字节";
    // JSON no larger than the limit compresses below it: only a larger one is encoded.
    if (json.size() > max_packed_bytes) {
        std::uint64_t packed = encode_bundle(cat).size();
        if (packed > max_packed_bytes)
            return "目录过大：打包后有 " + std::to_string(packed) + " 字节，设备默认上限为 " + std::to_string(max_packed_bytes) +
                   " 字节（max_bundle_mib）";
    }
    return {};
}

std::string charset_problem(const Catalogue& cat) {
    const std::string charset = catalogue_charset(cat);
    size_t n = 0;
    for (size_t i = 0; i < charset.size();) {
        utf8::next(charset, i);
        n++;
    }
    if (n <= kMaxCatalogueCharacters) return {};
    return "目录用字过多：共 " + std::to_string(n) + " 个不同的字符，设备最多能清楚显示 " + std::to_string(kMaxCatalogueCharacters) +
           " 个（检查是否误贴了大段外文或乱码）";
}

std::string cell_text_problem(std::string_view t) {
    if (t.size() > kMaxCellBytes)
        return "单元格过长（" + std::to_string(t.size()) + " 字节，上限 " + std::to_string(kMaxCellBytes) + " 字节）";
    if (t.find('\0') != std::string_view::npos) return "含有 NUL 字符（U+0000）：请删除";
    if (t.find("\xEF\xBB\xBF") != std::string_view::npos) return "含有 BOM 字符（U+FEFF）：请删除";
    // Whatever the reader (a workbook's escapes, an .xls string): what is published is UTF-8.
    if (size_t at = 0; !is_valid_utf8(t, &at)) return "含有无效的 UTF-8 字节（第 " + std::to_string(at + 1) + " 字节）：请重新输入这个单元格";
    return {};
}

static bool is_tick(std::string_view s) { return s == "√" || s == "✓" || s == "✔" || s == "☑"; }

// "■政府网站 □政府公报 …" → the ticked names. A cell without any box is a plain list
// (one per line or separated by 、), which some departments write instead.
static std::vector<std::string> parse_channels(std::string_view cell, bool* had_boxes) {
    static constexpr std::string_view kTicked = "■", kUnticked = "□";
    std::vector<std::string> out;
    *had_boxes = cell.find(kTicked) != std::string_view::npos || cell.find(kUnticked) != std::string_view::npos;
    if (!*had_boxes) {
        for (auto& line : split_lines(cell)) {
            size_t start = 0;
            while (start <= line.size()) {
                size_t sep = line.find("、", start);
                if (sep == std::string::npos) sep = line.size();
                std::string name = trim(std::string_view(line).substr(start, sep - start));
                if (!name.empty()) out.push_back(name);
                start = sep + std::string_view("、").size();
            }
        }
        return out;
    }
    size_t i = 0;
    while (i < cell.size()) {
        bool ticked;
        if (cell.substr(i, kTicked.size()) == kTicked) ticked = true;
        else if (cell.substr(i, kUnticked.size()) == kUnticked) ticked = false;
        else { i++; continue; }
        i += 3;  // both boxes are 3 bytes in UTF-8
        size_t next = std::min(cell.find(kTicked, i), cell.find(kUnticked, i));
        if (next == std::string_view::npos) next = cell.size();
        std::string name = trim(cell.substr(i, next - i));
        if (ticked && !name.empty()) out.push_back(name);
        i = next;
    }
    return out;
}

DirectoryFormat directory_format(std::string_view path) {
    auto ends_with = [&](std::string_view ext) {
        if (path.size() < ext.size()) return false;
        std::string tail = ascii_lower(std::string(path.substr(path.size() - ext.size())));
        return tail == ext;
    };
    if (ends_with(".xlsx")) return DirectoryFormat::Xlsx;
    if (ends_with(".xls")) return DirectoryFormat::Xls;
    if (ends_with(".csv")) return DirectoryFormat::Csv;
    return DirectoryFormat::Unknown;
}

// Where a problem is; for a workbook also as Excel names it: the sheet, and the cell ("E7")
// when the problem is about one cell (a whole row or the sheet has no cell).
static SourceProblem grid_problem(const std::string& file, const SheetGrid& grid, int line, int col, std::string msg) {
    SourceProblem p{file, line, col, std::move(msg)};
    if (!grid.from_workbook) return p;
    p.sheet = grid.sheet;
    if (line > 0 && col > 0) p.cell = cell_name(line, col);
    return p;
}

static bool row_is_blank(const GridRow& r) {
    return std::all_of(r.fields.begin(), r.fields.end(), [](const GridField& f) { return trim(f.text).empty(); });
}

DirectoryTable parse_directory_table(std::string_view bytes, const std::string& file,
                                     std::vector<SourceProblem>& problems) {
    DirectoryTable table;
    auto problem = [&](int line, int col, std::string msg) { problems.push_back({file, line, col, std::move(msg)}); };

    if (bytes.size() > kMaxDirectoryBytes) {
        problem(0, 0, "FileTooLarge: 目录表有 " + std::to_string(bytes.size()) + " 字节，上限为 " +
                          std::to_string(kMaxDirectoryBytes) + " 字节");
        return table;
    }
    TextPosition bad_at;
    auto decoded = decode_text(bytes, &bad_at);
    if (!decoded) { problem(bad_at.line, bad_at.column, decoded.error().describe()); return table; }

    CsvState st;
    std::string csv_error;
    if (!parse_csv(decoded->utf8, st, &csv_error)) { problem(st.line, 0, "CSV 格式错误：" + csv_error); return table; }
    if (st.records.size() > kMaxDirectoryRows + 3) {  // + the title row and the two header rows
        problem(st.records[kMaxDirectoryRows + 3].line(), 0,
                "行数超过上限 " + std::to_string(kMaxDirectoryRows) + "：请拆分目录表");
        return table;
    }
    SheetGrid grid;
    grid.rows.reserve(st.records.size());
    for (auto& rec : st.records) {
        GridRow row;
        row.line = rec.line();
        row.fields.reserve(rec.fields.size());
        for (auto& f : rec.fields) row.fields.push_back({std::move(f.text), f.line});
        grid.rows.push_back(std::move(row));
    }
    table = parse_directory_grid(grid, file, BlankPolicy::FillDown, problems);
    table.encoding = decoded->encoding;
    return table;
}

// A table with thousands of problems is one mistake made thousands of times (a column left
// empty, an error formula filled down): the first kMaxProblemsPerTable are listed, then how
// many more there are — 1.4 M listed took 1.9 GB and 294 MB of JSON that nobody reads.
static constexpr std::size_t kMaxProblemsPerTable = 200;

DirectoryTable parse_directory_grid(const SheetGrid& grid, const std::string& file, BlankPolicy blanks,
                                    std::vector<SourceProblem>& problems) {
    DirectoryTable table;
    struct Cap {
        std::vector<SourceProblem>& out;
        const std::string& file;
        std::size_t listed = 0, more = 0;
        ~Cap() {
            if (more)
                out.push_back({file, 0, 0,
                               "另有 " + std::to_string(more) + " 个问题未列出（每张表最多列出 " + std::to_string(kMaxProblemsPerTable) +
                                   " 个）：先改正上面的问题，再检查一次"});
        }
    } cap{problems, file};
    auto problem = [&](int line, int col, std::string msg) {
        if (cap.listed++ >= kMaxProblemsPerTable) { cap.more++; return; }
        problems.push_back(grid_problem(file, grid, line, col, std::move(msg)));
    };
    // What the reader found wrong in a cell it could otherwise read (a workbook's #REF!, a
    // formula Excel never calculated): the cell's text is unknown, so the table is not read.
    for (const GridCellIssue& issue : grid.issues) problem(issue.row, issue.column, cell_issue_message(issue));
    if (!grid.issues.empty()) return table;

    // Cells devices cannot install or show: oversized, or holding NUL / a BOM (U+FEFF).
    bool bad_cells = false;
    for (auto& rec : grid.rows) {
        for (size_t c = 0; c < rec.fields.size(); c++) {
            const std::string& t = rec.fields[c].text;
            if (std::string why = cell_text_problem(t); !why.empty()) {
                problem(rec.fields[c].line, static_cast<int>(c) + 1, why);
                bad_cells = true;
            }
        }
    }
    if (bad_cells) return table;
    // Find the header: the first row that names 一级事项 (row 3 of the published table);
    // the row above it carries the spanning names; anything above that is the title.
    size_t sub_header = grid.rows.size();
    for (size_t r = 0; r < grid.rows.size(); r++) {
        for (auto& f : grid.rows[r].fields)
            if (normalize_header(f.text) == "一级事项") { sub_header = r; break; }
        if (sub_header != grid.rows.size()) break;
    }
    if (sub_header == grid.rows.size() || sub_header == 0) {
        problem(1, 0, "找不到表头：标准目录应有两行表头，第二行含“一级事项”“二级事项”");
        return table;
    }
    const GridRow& top = grid.rows[sub_header - 1];
    const GridRow& sub = grid.rows[sub_header];
    table.sheet = grid.sheet;
    for (size_t r = 0; r + 1 < sub_header; r++)
        for (size_t c = 0; c < grid.rows[r].fields.size(); c++) {
            const GridField& f = grid.rows[r].fields[c];
            if (table.title.empty() && !trim(f.text).empty()) {
                table.title = trim(f.text);
                table.title_line = f.line;
                table.title_column = static_cast<int>(c) + 1;
            }
        }
    if (auto pos = table.title.find("领域"); pos != std::string::npos) {
        std::string before = table.title.substr(0, pos);
        // "徐汇区社会救助领域…": the domain follows the district name (…区/县/市).
        for (std::string_view marker : {"区", "县", "市"}) {
            if (auto m = before.find(marker); m != std::string::npos) { before = before.substr(m + marker.size()); break; }
        }
        table.domain_name = before;
    }

    int col_of[ColCount];
    std::fill(std::begin(col_of), std::end(col_of), -1);
    size_t ncols = std::max(top.fields.size(), sub.fields.size());
    for (size_t c = 0; c < ncols; c++) {
        std::string name = c < sub.fields.size() ? normalize_header(sub.fields[c].text) : "";
        if (name.empty() && c < top.fields.size()) name = normalize_header(top.fields[c].text);
        for (int k = 0; k < ColCount; k++)
            if (name == kColumnNames[k] && col_of[k] < 0) col_of[k] = static_cast<int>(c);
    }
    bool missing = false;
    for (int k = ColLevel1; k < ColCount; k++) {
        if (col_of[k] < 0) {
            problem(sub.line, 0, std::string("缺少列“") + kColumnNames[k] + "”：请使用标准目录的表头");
            missing = true;
        }
    }
    if (missing) return table;
    // A hidden column of the standard, or a hidden item row: published, but not seen by the
    // clerk who checks the workbook (a row hidden instead of deleted for a withdrawn item).
    for (int k = ColLevel1; k < ColCount; k++)
        if (std::find(grid.hidden_columns.begin(), grid.hidden_columns.end(), col_of[k] + 1) != grid.hidden_columns.end())
            problem(sub.line, col_of[k] + 1,
                    std::string("ColumnHidden: “") + kColumnNames[k] + "”列是隐藏的：请取消隐藏，核对后再发布");

    // A set, not a scan per row: 100,000 hidden rows would otherwise cost 10^10 comparisons.
    const std::unordered_set<int> hidden_rows(grid.hidden_rows.begin(), grid.hidden_rows.end());
    std::string level1_above;
    for (size_t r = sub_header + 1; r < grid.rows.size(); r++) {
        const GridRow& rec = grid.rows[r];
        if (row_is_blank(rec)) continue;
        if (hidden_rows.count(rec.line))
            problem(rec.line, 0, "RowHidden: 第 " + std::to_string(rec.line) +
                                       " 行是隐藏的：已撤销的事项请删除这一行，否则请取消隐藏，核对后再发布");
        auto cell = [&](int k) -> std::string {
            size_t c = static_cast<size_t>(col_of[k]);
            return c < rec.fields.size() ? rec.fields[c].text : std::string();
        };
        auto cell_line = [&](int k) {
            size_t c = static_cast<size_t>(col_of[k]);
            return c < rec.fields.size() ? rec.fields[c].line : rec.line;
        };
        auto col = [&](int k) { return col_of[k] + 1; };

        DirectoryRow row;
        row.line = rec.line;
        row.level1 = trim(cell(ColLevel1));
        // A CSV export writes a merged cell's value in its first row only: the rows below are
        // blank and take the value above. A workbook says exactly which cells are merged (the
        // reader has copied the value into each), so a blank there is a blank.
        if (row.level1.empty() && blanks == BlankPolicy::FillDown) row.level1 = level1_above;
        level1_above = row.level1;
        row.level2 = trim(cell(ColLevel2));
        if (row.level1.empty())
            problem(cell_line(ColLevel1), col(ColLevel1),
                    blanks == BlankPolicy::FillDown ? "“一级事项”为空，且上方没有可沿用的一级事项"
                                                    : "“一级事项”为空（不在合并单元格内）：请填写，或与上方的一级事项合并单元格");
        if (row.level2.empty()) problem(cell_line(ColLevel2), col(ColLevel2), "“二级事项”为空：请填写事项名称");

        DisclosureStandard& s = row.standard;
        s.content_elements = split_lines(cell(ColContent));
        s.basis = split_lines(cell(ColBasis));
        s.time_limit = trim(cell(ColTimeLimit));
        s.bodies = split_lines(cell(ColBodies));
        bool had_boxes = false;
        s.channels = parse_channels(cell(ColChannels), &had_boxes);

        struct Tick { int col; const char* value; std::vector<std::string>* into; };
        const Tick ticks[] = {{ColPublic, "全社会", &s.audience},  {ColSpecific, "特定群体", &s.audience},
                              {ColActive, "主动", &s.mode},        {ColOnRequest, "依申请", &s.mode},
                              {ColCounty, "县级", &s.tier},        {ColTownship, "乡级", &s.tier}};
        for (const Tick& t : ticks) {
            std::string v = trim(cell(t.col));
            if (v.empty()) continue;
            if (is_tick(v)) t.into->push_back(t.value);
            else problem(cell_line(t.col), col(t.col), "“" + std::string(t.value) + "”列只能填 √ 或留空，这里是“" + v + "”");
        }

        struct Required { bool empty; int col; const char* what; };
        const Required required[] = {
            {s.content_elements.empty(), ColContent, "“公开内容（要素）”为空"},
            {s.basis.empty(), ColBasis, "“公开依据”为空"},
            {s.time_limit.empty(), ColTimeLimit, "“公开时限”为空"},
            {s.bodies.empty(), ColBodies, "“公开主体”为空"},
            {s.channels.empty(), ColChannels, had_boxes ? "“公开渠道和载体”没有勾选任何 ■" : "“公开渠道和载体”为空"},
            {s.audience.empty(), ColPublic, "“公开对象”未勾选：在“全社会”或“特定群体”下填 √"},
            {s.mode.empty(), ColActive, "“公开方式”未勾选：在“主动”或“依申请”下填 √"},
            {s.tier.empty(), ColCounty, "“公开层级”未勾选：在“县级”或“乡级”下填 √"},
        };
        for (const Required& req : required)
            if (req.empty) problem(cell_line(req.col), col(req.col), req.what);
        table.rows.push_back(std::move(row));
    }
    if (table.rows.empty()) problem(sub.line, 0, "表中没有任何事项行");
    return table;
}

std::string directory_item_id(std::string_view domain_id, std::string_view level1, std::string_view level2) {
    std::string key(level1);
    key += '\x1f';  // ASCII unit separator: cannot occur in a cell, so "a|bc" ≠ "ab|c"
    key += level2;
    unsigned char hash[crypto_generichash_BYTES_MIN];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
    // 32 bits: a collision within one catalogue is reported as a duplicate id by
    // import_source; at 50,000 items the chance of one is ~25%, which the report makes
    // harmless (rename the row) and which keeps ids short enough for QR codes.
    static const char* hex = "0123456789abcdef";
    std::string id(domain_id);
    id += '.';
    for (int i = 0; i < 4; i++) { id += hex[hash[i] >> 4]; id += hex[hash[i] & 15]; }
    return id;
}

//-----------------------------------------------------------------------------
// [SECTION] Validity text
//-----------------------------------------------------------------------------

std::string normalize_validity_text(std::string_view s, ValidityTextProblem* problem) {
    *problem = ValidityTextProblem::NotADate;
    CalendarDate day{};
    if (s.size() < 10 || !parse_calendar_date(s.substr(0, 10), &day)) return {};
    if (s.size() == 10) {
        *problem = ValidityTextProblem::None;
        return std::string(s);
    }
    auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
    // TOML writes the date and the time apart with T, t or a space (RFC 3339 §5.6's note).
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return {};
    if (!(digit(11) && digit(12) && s.size() > 13 && s[13] == ':' && digit(14) && digit(15))) return {};
    const int hour = (s[11] - '0') * 10 + (s[12] - '0'), minute = (s[14] - '0') * 10 + (s[15] - '0');
    if (hour > 23 || minute > 59) return {};
    size_t at = 16;
    bool whole_minute = true;
    if (at < s.size() && s[at] == ':') {
        if (!(digit(at + 1) && digit(at + 2))) return {};
        whole_minute = s[at + 1] == '0' && s[at + 2] == '0';
        at += 3;
        if (at < s.size() && s[at] == '.') {  // a fraction of a second
            whole_minute = false;
            for (at++; digit(at); at++) {}
        }
    }
    bool district_offset = true;
    if (at < s.size()) {
        const std::string_view zone = s.substr(at);
        const bool numeric = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digit(at + 1) && digit(at + 2) &&
                             zone[3] == ':' && digit(at + 4) && digit(at + 5);
        if (!numeric && zone != "Z" && zone != "z") return {};
        district_offset = zone == "+08:00";
    }
    if (!whole_minute) {
        *problem = ValidityTextProblem::Seconds;
        return {};
    }
    if (!district_offset) {
        *problem = ValidityTextProblem::Offset;
        return {};
    }
    *problem = ValidityTextProblem::None;
    return std::string(s.substr(0, 10)) + "T" + std::string(s.substr(11, 5));
}

std::string public_window_end(std::string_view valid_from, int days) {
    std::time_t start;
    if (days < 1 || !validity_start(valid_from, &start)) return {};
    // District days are 86,400 s long all year (no daylight saving), so day arithmetic on
    // the moment is exact.
    if (valid_from.size() == 10) return district_date(start + static_cast<std::time_t>(days - 1) * 86400);
    const DistrictTime t = district_time(start + static_cast<std::time_t>(days) * 86400);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return buf;
}

//-----------------------------------------------------------------------------
// [SECTION] TOML sources
//-----------------------------------------------------------------------------

namespace {

struct TomlDoc {
    std::string file;
    toml::table root;
    bool ok = false;
};

// Every TOML source goes through read_toml (toml_source.h): confined to the source
// directory, size-capped and depth-checked before toml++ parses it.
TomlDoc load_toml(const std::string& root, const std::string& relative, const std::string& label,
                  std::vector<SourceProblem>& problems) {
    TomlDoc doc{label, {}, false};
    TextPosition where;
    auto file = read_toml(root, relative, label, /*allow_gb18030=*/true, &where);
    if (!file) {
        const Error& e = file.error();
        std::string message = e.describe();
        if (e.code == CatalogueError::SourceSyntax) {
            // The detail starts with "label:line:column: "; editors read the Chinese form.
            std::string what = e.detail;
            if (size_t p = what.find(": "); p != std::string::npos && where.line > 0) what = what.substr(p + 2);
            message = "TOML 语法错误：" + what;
            // TOML 1.0 (and toml++ 3.3) needs the seconds of an unquoted time: 2026-11-23T18:00
            // is refused while parsing, before the importer could accept it.
            if (what.find("while parsing time") != std::string::npos)
                message += "（不加引号的时间要写到秒，如 2026-11-23T18:00:00；或加引号写成 \"2026-11-23 18:00\"）";
        }
        problems.push_back({label, where.line, where.column, message});
        return doc;
    }
    doc.root = std::move(file->root);
    doc.ok = true;
    return doc;
}

// Reads fields of one TOML table, reporting wrong types and missing required keys with
// the table's own position.
struct TomlReader {
    const toml::table& table;
    const std::string& file;
    std::vector<SourceProblem>& problems;

    int line_of(std::string_view key) const {
        if (auto* n = table.get(key)) return static_cast<int>(n->source().begin.line);
        return static_cast<int>(table.source().begin.line);
    }
    int column_of(std::string_view key) const {
        if (auto* n = table.get(key)) return static_cast<int>(n->source().begin.column);
        return 0;
    }
    void problem(std::string_view key, std::string msg) const {
        problems.push_back({file, line_of(key), column_of(key), std::move(msg)});
    }

    // As written, spaces and all: a name that must match another exactly (a workbook's sheet,
    // which Excel lets end in a space).
    std::string exact_str(std::string_view key) const {
        const toml::node* n = table.get(key);
        if (!n) return {};
        auto v = n->value<std::string>();
        if (!v) problem(key, "“" + std::string(key) + "”应为带引号的文字");
        else if (v->empty()) problem(key, "“" + std::string(key) + "”为空");
        else if (std::string why = cell_text_problem(*v); !why.empty()) problem(key, "“" + std::string(key) + "”" + why);
        return v ? *v : std::string();
    }

    std::string str(std::string_view key, bool required) const {
        const toml::node* n = table.get(key);
        if (!n) {
            if (required) problem(key, "缺少“" + std::string(key) + "”");
            return {};
        }
        if (auto v = n->value<std::string>()) {
            std::string s = trim(*v);
            if (required && s.empty()) problem(key, "“" + std::string(key) + "”为空");
            if (std::string why = cell_text_problem(s); !why.empty()) problem(key, "“" + std::string(key) + "”" + why);
            return s;
        }
        if (auto d = n->value<toml::date>()) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
            return buf;
        }
        problem(key, "“" + std::string(key) + "”应为文本");
        return {};
    }

    std::vector<std::string> list(std::string_view key, bool required) const {
        std::vector<std::string> out;
        const toml::node* n = table.get(key);
        if (!n) {
            if (required) problem(key, "缺少“" + std::string(key) + "”");
            return out;
        }
        const toml::array* arr = n->as_array();
        if (!arr) { problem(key, "“" + std::string(key) + "”应为文本列表 [\"…\", \"…\"]"); return out; }
        for (auto& el : *arr) {
            if (auto v = el.value<std::string>()) {
                std::string s = trim(*v);
                if (std::string why = cell_text_problem(s); !why.empty())
                    problems.push_back({file, static_cast<int>(el.source().begin.line),
                                        static_cast<int>(el.source().begin.column), "“" + std::string(key) + "”" + why});
                if (!s.empty()) out.push_back(std::move(s));
            } else {
                problems.push_back({file, static_cast<int>(el.source().begin.line),
                                    static_cast<int>(el.source().begin.column), "“" + std::string(key) + "”的每一项都应为文本"});
            }
        }
        if (required && out.empty()) problem(key, "“" + std::string(key) + "”不能为空列表");
        return out;
    }

    // Arrays of tables: [[directory]], [[workflow]], [[notice]], [[domain]].
    std::vector<const toml::table*> tables(std::string_view key) const {
        std::vector<const toml::table*> out;
        const toml::node* n = table.get(key);
        if (!n) return out;
        const toml::array* arr = n->as_array();
        if (!arr) { problem(key, "“" + std::string(key) + "”应写成 [[" + std::string(key) + "]] 表"); return out; }
        for (auto& el : *arr) {
            if (auto* t = el.as_table()) out.push_back(t);
            else problem(key, "“" + std::string(key) + "”应写成 [[" + std::string(key) + "]] 表");
        }
        return out;
    }
};

struct GuideSource {
    Item item;
    std::string file;
    int line = 0;
    std::string domain_name;
    struct Link { std::string level1, level2; int line, column; };
    std::vector<Link> directory_links;
};

struct NoticeSource {
    Notice notice;
    std::string domain_name, guide;
    int line = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Disclosure sources — notices' category, urgency, targets and result lists;
//           interpretations.toml (解读) and responses.toml (回应) — issue 11
//-----------------------------------------------------------------------------

size_t char_count(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

int node_line(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int node_column(const toml::node& n) { return static_cast<int>(n.source().begin.column); }

// A TOML date or date-time as text, so one parser (normalize_validity_text) judges every
// way of writing a bound. toml++ parses 2026-11-23T18:00:00 natively; a value it would
// not keep whole (fractions of a second) is spelt so the seconds check refuses it.
std::string toml_time_text(const toml::node& n) {
    char buf[64];
    if (auto d = n.value<toml::date>()) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
        return buf;
    }
    if (auto dt = n.value<toml::date_time>()) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", dt->date.year, dt->date.month, dt->date.day,
                      dt->time.hour, dt->time.minute, dt->time.second, dt->time.nanosecond ? ".5" : "");
        std::string s = buf;
        if (dt->offset) {
            const int m = dt->offset->minutes, a = m < 0 ? -m : m;
            if (m == 0) s += "Z";
            else {
                std::snprintf(buf, sizeof buf, "%c%02d:%02d", m < 0 ? '-' : '+', a / 60, a % 60);
                s += buf;
            }
        }
        return s;
    }
    if (auto t = n.value<toml::time>()) {
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t->hour, t->minute, t->second);
        return buf;
    }
    return {};
}

// The reader's checks for the disclosure keys, beside TomlReader's plain ones.
struct DisclosureReader {
    const TomlReader& r;
    std::vector<SourceProblem>& problems;

    void at(const toml::node& n, std::string msg) const {
        problems.push_back({r.file, node_line(n), node_column(n), std::move(msg)});
    }

    // valid_from / valid_until: "" when absent or refused (refusals are problems).
    std::string validity(std::string_view key) const {
        const toml::node* n = r.table.get(key);
        if (!n) return {};
        std::string written;
        if (auto s = n->value<std::string>()) {
            written = trim(*s);
            if (written.empty()) return {};  // "" has always meant no bound
        } else {
            written = toml_time_text(*n);
        }
        ValidityTextProblem why = ValidityTextProblem::NotADate;
        std::string value = written.empty() ? std::string() : normalize_validity_text(written, &why);
        const std::string k(key), shown = utf8::escape_controls(written.empty() ? std::string("（不是日期）") : written);
        switch (why) {
        case ValidityTextProblem::None: return value;
        case ValidityTextProblem::NotADate:
            r.problem(key, "“" + k + "”应为日期，如 2026-11-01，或日期和时间，如 2026-11-23T18:00:00（不加引号），这里是“" + shown + "”");
            return {};
        case ValidityTextProblem::Seconds:
            r.problem(key, "“" + k + "”只精确到分钟：秒写 00 或不写，这里是“" + shown + "”");
            return {};
        case ValidityTextProblem::Offset:
            r.problem(key, "“" + k + "”按北京时间填写：不写时区，或写 +08:00，这里是“" + shown + "”");
            return {};
        }
        return {};
    }

    bool flag(std::string_view key) const {
        const toml::node* n = r.table.get(key);
        if (!n) return false;
        if (auto b = n->value<bool>()) return *b;
        r.problem(key, "“" + std::string(key) + "”应为 true 或 false（不加引号）");
        return false;
    }

    // halls / groups: short distinct labels, each refused at its own position.
    std::vector<std::string> names(std::string_view key) const {
        std::vector<std::string> out;
        const toml::node* n = r.table.get(key);
        if (!n) return out;
        const toml::array* arr = n->as_array();
        const std::string k(key);
        if (!arr) {
            r.problem(key, "“" + k + "”应为文本列表，如 [\"漕河泾街道\"]");
            return out;
        }
        if (arr->size() > kMaxTargetNames) {
            r.problem(key, "“" + k + "”最多 " + std::to_string(kMaxTargetNames) + " 个名称，这里有 " + std::to_string(arr->size()) + " 个");
            return out;
        }
        for (const toml::node& el : *arr) {
            auto v = el.value<std::string>();
            std::string s = v ? trim(*v) : std::string();
            if (!v) at(el, "“" + k + "”的每一项都应为文本");
            else if (s.empty()) at(el, "“" + k + "”中有空的名称");
            else if (char_count(s) > kMaxTargetNameChars || !cell_text_problem(s).empty() ||
                     s.find_first_of("\n\r\t") != std::string::npos)
                at(el, "“" + k + "”中的名称最长 " + std::to_string(kMaxTargetNameChars) + " 个字、只占一行：“" + utf8::escape_controls(s) + "”");
            else if (std::find(out.begin(), out.end(), s) != out.end()) at(el, "“" + k + "”中“" + s + "”重复");
            else out.push_back(std::move(s));
        }
        return out;
    }

    // items / notices of an interpretation or response: ids that exist, each refused at
    // its own position (`kind`: 事项 or 公告). `known` null: the file that defines them could
    // not be read (its own problem says why), so no id is refused for being missing.
    std::vector<std::string> links(std::string_view key, const std::set<std::string>* known, const char* kind) const {
        std::vector<std::string> out;
        const toml::node* n = r.table.get(key);
        if (!n) return out;
        const toml::array* arr = n->as_array();
        const std::string k(key);
        if (!arr) {
            r.problem(key, "“" + k + "”应为 id 列表，如 [\"dibao-apply\"]");
            return out;
        }
        if (arr->size() > kMaxLinksPerEntry) {
            r.problem(key, "“" + k + "”最多 " + std::to_string(kMaxLinksPerEntry) + " 个 id，这里有 " + std::to_string(arr->size()) + " 个");
            return out;
        }
        for (const toml::node& el : *arr) {
            auto v = el.value<std::string>();
            std::string id = v ? trim(*v) : std::string();
            if (!v) at(el, "“" + k + "”的每一项都应为 id 文本");
            else if (known && !known->count(id)) at(el, "没有 id 为“" + utf8::escape_controls(id) + "”的" + kind);
            else if (std::find(out.begin(), out.end(), id) != out.end()) at(el, "“" + k + "”中“" + id + "”重复");
            else out.push_back(std::move(id));
        }
        return out;
    }

    // A YYYY-MM-DD day (published, answered).
    std::string day(std::string_view key, bool required) const {
        std::string s = r.str(key, required);
        CalendarDate d{};
        if (!s.empty() && !parse_calendar_date(s, &d)) {
            r.problem(key, "“" + std::string(key) + "”应为日期，如 2026-11-01（不加引号），这里是“" + utf8::escape_controls(s) + "”");
            return {};
        }
        return s;
    }
};

// valid_from must come before valid_until: an empty window is a notice nobody sees.
void check_window(const TomlReader& r, const std::string& from, const std::string& until) {
    std::time_t start, end;
    if (!from.empty() && !until.empty() && validity_start(from, &start) && validity_end(until, &end) && end <= start)
        r.problem("valid_until", "“valid_until”早于“valid_from”");
}

// A column that holds people's names by its header (姓名, 户主姓名, 申请人姓名 …).
bool looks_like_name_column(std::string_view header) {
    return header.find("姓名") != std::string_view::npos || header == "户主" || header == "申请人" || header == "名字";
}

// [notice.results]: the table of a 结果公开 notice, its names masked and its other cells
// scrubbed of personal numbers before anything else sees them. The notice's own window
// (valid_from, valid_until) is checked against public_days here and valid_until derived
// when absent. nullopt when the table is refused (the problems say why).
std::optional<ResultList> read_results(const toml::table& t, const TomlReader& notice, Notice& n, ImportResult& result) {
    auto& problems = result.problems;
    TomlReader rr{t, notice.file, problems};
    DisclosureReader dr{rr, problems};
    const size_t before = problems.size();
    ResultList list;

    if (n.category != DisclosureCategory::Result)
        notice.problem("results", "公示表（[notice.results]）只用于结果公开的公告：请写 category = \"结果公开\"");

    // 公示期.
    if (const toml::node* d = t.get("public_days")) {
        auto days = d->value<int64_t>();
        if (!days || *days < 1 || *days > kMaxSourcePublicDays)
            dr.at(*d, "“public_days”（公示天数）应为 1 到 " + std::to_string(kMaxSourcePublicDays) + " 的整数");
        else
            list.public_days = static_cast<int>(*days);
    } else {
        notice.problem("results", "公示表缺少“public_days”（公示天数，如 7）");
    }
    if (n.valid_from.empty() && !notice.table.get("valid_from"))
        notice.problem("results", "结果公示必须写“valid_from”：公示从哪一天开始");
    if (list.public_days > 0 && !n.valid_from.empty()) {
        const std::string window_end = public_window_end(n.valid_from, list.public_days);
        const std::string days = std::to_string(list.public_days);
        std::time_t limit = 0, end = 0;
        validity_end(window_end, &limit);
        if (n.valid_until.empty() && !notice.table.get("valid_until")) {
            n.valid_until = window_end;
        } else if (!n.valid_until.empty() && validity_end(n.valid_until, &end)) {
            if (end > limit)
                notice.problem("valid_until", "公示期为" + days + "天：“valid_until”最晚为 " + window_end + "，这里是 " + n.valid_until +
                                                  "（可以不写 valid_until，由 public_days 推算）");
            else if (end <= limit - 86400)
                notice.problem("valid_until", "公示期为" + days + "天：“valid_until”不能早于公示的最后一天（" + window_end +
                                                  "），这里是 " + n.valid_until);
        }
    }

    // Columns, and which of them hold names.
    list.columns = rr.list("columns", true);
    const toml::node* columns_node = t.get("columns");
    if (list.columns.size() > kMaxSourceResultColumns)
        rr.problem("columns", "公示表最多 " + std::to_string(kMaxSourceResultColumns) + " 列，这里有 " + std::to_string(list.columns.size()) + " 列");
    for (size_t c = 0; c < list.columns.size(); c++) {
        if (char_count(list.columns[c]) > kMaxResultColumnChars)
            rr.problem("columns", "列名最长 " + std::to_string(kMaxResultColumnChars) + " 个字：“" + list.columns[c] + "”");
        if (std::find(list.columns.begin(), list.columns.begin() + c, list.columns[c]) != list.columns.begin() + c)
            rr.problem("columns", "列名“" + list.columns[c] + "”重复");
    }
    // Rows are read against the columns: with too many there is nothing sound to read them by.
    if (list.columns.size() > kMaxSourceResultColumns) return std::nullopt;
    std::vector<bool> is_name(list.columns.size(), false);
    if (const toml::node* nc = t.get("name_columns")) {
        if (const toml::array* arr = nc->as_array()) {
            for (const toml::node& el : *arr) {
                auto v = el.value<std::string>();
                auto it = v ? std::find(list.columns.begin(), list.columns.end(), trim(*v)) : list.columns.end();
                if (it == list.columns.end())
                    dr.at(el, "“name_columns”中的“" + (v ? utf8::escape_controls(*v) : std::string("（不是文本）")) + "”不是 columns 中的列");
                else
                    is_name[it - list.columns.begin()] = true;
            }
        } else {
            rr.problem("name_columns", "“name_columns”应为列名列表，如 [\"姓名\"]");
        }
    }
    // A name column left out of name_columns would publish full names: refused, not guessed.
    if (const toml::array* arr = columns_node ? columns_node->as_array() : nullptr)
        for (size_t c = 0, k = 0; k < arr->size() && c < list.columns.size(); k++) {
            auto v = (*arr)[k].value<std::string>();
            if (!v || trim(*v).empty()) continue;
            if (looks_like_name_column(list.columns[c]) && !is_name[c])
                dr.at((*arr)[k], "“" + list.columns[c] + "”列是姓名：请写进 name_columns（导入时按规定遮盖为“张*明”）");
            c++;
        }

    // Rows.
    const toml::node* rows_node = t.get("rows");
    const toml::array* rows = rows_node ? rows_node->as_array() : nullptr;
    if (!rows_node) rr.problem("rows", "公示表缺少“rows”");
    else if (!rows) rr.problem("rows", "“rows”应为行的列表：rows = [[\"张三\", 3], …]");
    else if (rows->empty()) rr.problem("rows", "“rows”不能为空列表");
    else if (rows->size() > kMaxSourceResultRows)
        rr.problem("rows", "公示表最多 " + std::to_string(kMaxSourceResultRows) + " 行，这里有 " + std::to_string(rows->size()) + " 行");
    if (rows && rows->size() <= kMaxSourceResultRows) {
        for (size_t k = 0; k < rows->size(); k++) {
            const toml::node& row_node = (*rows)[k];
            const toml::array* row = row_node.as_array();
            const std::string which = "第" + std::to_string(k + 1) + "行";
            if (!row) {
                dr.at(row_node, which + "应为一列一格的列表：[\"张三\", 3]");
                continue;
            }
            if (row->size() != list.columns.size()) {
                dr.at(row_node, which + "有 " + std::to_string(row->size()) + " 格，columns 有 " + std::to_string(list.columns.size()) + " 列");
                continue;
            }
            std::vector<std::string> cells;
            for (size_t c = 0; c < row->size(); c++) {
                const toml::node& cell = (*row)[c];
                std::string text;
                if (auto s = cell.value<std::string>()) text = trim(*s);
                else if (auto i = cell.as_integer()) text = std::to_string(i->get());
                else {
                    dr.at(cell, which + "“" + list.columns[c] + "”应为文本或整数");
                    continue;
                }
                if (std::string why = cell_text_problem(text); !why.empty()) {
                    dr.at(cell, which + "“" + list.columns[c] + "”" + why);
                    continue;
                }
                if (is_name[c]) {
                    // One person's name per cell: masking "张三、李四" gives "张*四", which hides nobody.
                    bool one_name = !text.empty() && char_count(text) <= kMaxResultNameChars &&
                                    text.find_first_of("0123456789,;/(") == std::string::npos;
                    for (std::string_view sep : {"、", "，", "；", "（", "／"}) one_name = one_name && text.find(sep) == std::string::npos;
                    if (!one_name) {
                        dr.at(cell, which + "“" + list.columns[c] + "”每格只写一个人的姓名（最长 " + std::to_string(kMaxResultNameChars) +
                                        " 个字）：“" + utf8::escape_controls(text) + "”");
                        continue;
                    }
                    cells.push_back(mask_person_name(text));
                    continue;
                }
                if (char_count(text) > kMaxResultCellChars) {
                    dr.at(cell, which + "“" + list.columns[c] + "”最长 " + std::to_string(kMaxResultCellChars) + " 个字");
                    continue;
                }
                Scrubbed scrubbed = scrub_personal_data(text);
                if (!scrubbed.found.empty())
                    result.warnings.push_back({notice.file, node_line(cell), node_column(cell),
                                               which + "“" + list.columns[c] + "”中的个人号码已遮盖为" + std::string(kPersonalMask) +
                                                   "：公示表不写身份证号、电话、银行卡号"});
                cells.push_back(std::move(scrubbed.text));
            }
            if (cells.size() == list.columns.size()) list.rows.push_back(std::move(cells));
        }
    }
    if (problems.size() != before) return std::nullopt;
    return list;
}

// The keys issue 11 adds to [[notice]]: category, urgent, halls, groups, results. The
// window (valid_from, valid_until) is read by the caller.
void read_notice_disclosure(const toml::table& t, const TomlReader& nr, Notice& n, ImportResult& result) {
    DisclosureReader dr{nr, result.problems};
    if (const toml::node* c = t.get("category")) {
        auto s = c->value<std::string>();
        auto category = s ? category_from_string(trim(*s)) : std::nullopt;
        if (category) n.category = *category;
        else
            nr.problem("category", "“category”应为 决策公开、执行公开、管理公开、服务公开 或 结果公开（也可只写前两个字），这里是“" +
                                       (s ? utf8::escape_controls(*s) : std::string("（不是文本）")) + "”");
    }
    n.urgent = dr.flag("urgent");
    // An urgent banner interrupts every screen it targets until it ends: one that never
    // ends is a mistake (a forgotten 停水 banner months later), so it must say when.
    if (n.urgent && n.valid_until.empty() && !t.get("valid_until"))
        nr.problem("urgent", "紧急公告（urgent = true）必须写“valid_until”：紧急提示到时自动撤下，不能一直挂着");
    n.halls = dr.names("halls");
    n.groups = dr.names("groups");
    if (const toml::node* res = t.get("results")) {
        if (const toml::table* rt = res->as_table()) n.results = read_results(*rt, nr, n, result);
        else nr.problem("results", "“results”应为表：在这条 [[notice]] 下面单独一行写 [notice.results]");
    }
}

// interpretations.toml: [[interpretation]] — 政策解读 of decisions and policies.
void read_interpretations(const std::string& dir, const std::set<std::string>* item_ids, const std::set<std::string>* notice_ids,
                          ImportResult& result) {
    auto& problems = result.problems;
    TomlDoc doc = load_toml(dir, "interpretations.toml", "interpretations.toml", problems);
    if (!doc.ok) return;
    TomlReader r{doc.root, doc.file, problems};
    const auto tables = r.tables("interpretation");
    if (tables.size() > kMaxSourceInterpretations) {
        r.problem("interpretation", "解读最多 " + std::to_string(kMaxSourceInterpretations) + " 篇，这里有 " + std::to_string(tables.size()) + " 篇");
        return;
    }
    std::set<std::string> ids;
    for (const toml::table* t : tables) {
        TomlReader ir{*t, doc.file, problems};
        DisclosureReader dr{ir, problems};
        Interpretation in;
        in.id = ir.str("id", true);
        in.title = ir.str("title", true);
        in.published = dr.day("published", true);
        in.what_changed = ir.str("what_changed", true);
        in.who_affected = ir.str("who_affected", true);
        in.what_to_do = ir.str("what_to_do", true);
        const size_t before_links = problems.size();
        in.items = dr.links("items", item_ids, "事项");
        in.notices = dr.links("notices", notice_ids, "公告");
        const bool links_refused = problems.size() != before_links;
        in.valid_from = dr.validity("valid_from");
        in.valid_until = dr.validity("valid_until");
        check_window(ir, in.valid_from, in.valid_until);
        if (in.items.empty() && in.notices.empty() && !links_refused)
            problems.push_back({doc.file, static_cast<int>(t->source().begin.line), static_cast<int>(t->source().begin.column),
                                "解读要写它解读的事项或公告：items = [\"dibao-apply\"] 或 notices = [\"…\"]"});
        if (std::string why = id_problem(in.id); !in.id.empty() && !why.empty()) ir.problem("id", "解读 " + why);
        if (!in.id.empty() && !ids.insert(ascii_lower(in.id)).second) ir.problem("id", "解读 id “" + in.id + "”重复（不分大小写）");
        result.catalogue.interpretations.push_back(std::move(in));
    }
}

// responses.toml: [[response]] — 回应关切, the office's answers to questions the public raised.
void read_responses(const std::string& dir, const std::set<std::string>* item_ids, const std::set<std::string>* notice_ids,
                    ImportResult& result) {
    auto& problems = result.problems;
    TomlDoc doc = load_toml(dir, "responses.toml", "responses.toml", problems);
    if (!doc.ok) return;
    TomlReader r{doc.root, doc.file, problems};
    const auto tables = r.tables("response");
    if (tables.size() > kMaxSourceResponses) {
        r.problem("response", "回应最多 " + std::to_string(kMaxSourceResponses) + " 条，这里有 " + std::to_string(tables.size()) + " 条");
        return;
    }
    std::set<std::string> ids;
    for (const toml::table* t : tables) {
        TomlReader rr{*t, doc.file, problems};
        DisclosureReader dr{rr, problems};
        Response resp;
        resp.id = rr.str("id", true);
        resp.question = rr.str("question", true);
        resp.answer = rr.str("answer", true);
        resp.answered = dr.day("answered", true);
        resp.asked_via = rr.str("asked_via", false);
        const size_t before_links = problems.size();
        resp.items = dr.links("items", item_ids, "事项");
        resp.notices = dr.links("notices", notice_ids, "公告");
        if (resp.items.empty() && resp.notices.empty() && problems.size() == before_links)
            problems.push_back({doc.file, static_cast<int>(t->source().begin.line), static_cast<int>(t->source().begin.column),
                                "回应要写它回应的事项或公告：items = [\"dibao-apply\"] 或 notices = [\"…\"]"});
        if (std::string why = id_problem(resp.id); !resp.id.empty() && !why.empty()) rr.problem("id", "回应 " + why);
        if (!resp.id.empty() && !ids.insert(ascii_lower(resp.id)).second) rr.problem("id", "回应 id “" + resp.id + "”重复（不分大小写）");
        result.catalogue.responses.push_back(std::move(resp));
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Assembly
//-----------------------------------------------------------------------------

// Every text a resident reads, through full_width_brackets (text_encoding.h).
static void normalize_typography(Catalogue& cat) {
    auto fix = [](std::string& s) { s = full_width_brackets(s); };
    auto fix_all = [&](std::vector<std::string>& v) { for (auto& s : v) fix(s); };
    for (Domain& d : cat.domains) { fix(d.name); fix(d.summary); }
    for (Item& i : cat.items) {
        fix(i.level1); fix(i.title); fix(i.summary); fix_all(i.terms);
        if (i.standard) {
            DisclosureStandard& st = *i.standard;
            fix_all(st.content_elements); fix_all(st.basis); fix(st.time_limit); fix_all(st.bodies); fix_all(st.channels);
        }
        if (i.guide) {
            ServiceGuide& g = *i.guide;
            fix(g.summary); fix_all(g.eligibility); fix_all(g.materials); fix_all(g.steps); fix(g.where);
            fix(g.time_limit); fix(g.fee); fix_all(g.basis); fix_all(g.contacts);
        }
        for (WorkflowStep& w : i.workflow) { fix(w.step); fix(w.actor); fix(w.detail); fix(w.time_limit); }
    }
    for (Notice& n : cat.notices) { fix(n.title); fix(n.body); }
    for (Interpretation& i : cat.interpretations) { fix(i.title); fix(i.what_changed); fix(i.who_affected); fix(i.what_to_do); }
    for (Response& r : cat.responses) { fix(r.question); fix(r.answer); }
}

ImportResult import_source(const std::string& dir) {
    ImportResult result;
    auto& problems = result.problems;
    Catalogue& cat = result.catalogue;
    if (sodium_init() < 0) { problems.push_back({dir, 0, 0, "libsodium failed to initialise"}); return result; }

    const fs::path root(dir);
    TomlDoc main = load_toml(dir, "catalogue.toml", "catalogue.toml", problems);
    if (!main.ok) return result;
    TomlReader top{main.root, main.file, problems};
    cat.name = top.str("name", true);
    if (auto* v = main.root.get("version")) {
        if (auto i = v->value<int64_t>()) cat.version = *i;
        else top.problem("version", "“version”应为整数");
    }

    // Where "directory" is; `sheet` (a workbook's sheet, "" for its first) and where that is.
    struct DomainSource { Domain domain; std::string directory; int line, column; std::string sheet; int sheet_line = 0, sheet_column = 0; };
    std::vector<DomainSource> domains;
    std::map<std::string, int> domain_id_line, domain_name_line;  // first [[domain]] with that id / name
    for (const toml::table* t : top.tables("domain")) {
        TomlReader r{*t, main.file, problems};
        DomainSource d{{r.str("id", true), r.str("name", true), r.str("summary", false), r.str("name_en", false),
                        r.str("summary_en", false)},
                       r.str("directory", true), r.line_of("directory"), r.column_of("directory"),
                       r.exact_str("sheet"), r.line_of("sheet"), r.column_of("sheet")};
        // A row's id is "<domain id>.<8 hex digits>" (directory_item_id): 9 bytes more.
        if (std::string why = id_problem(d.domain.id, 9); !why.empty()) r.problem("id", "领域 " + why);
        // Devices store domains by id: a duplicate would fail every install (UNIQUE constraint).
        if (!d.domain.id.empty()) {
            if (auto [it, fresh] = domain_id_line.try_emplace(d.domain.id, r.line_of("id")); !fresh) {
                r.problem("id", "领域 id “" + d.domain.id + "”重复：第" + std::to_string(it->second) + "行已使用");
                continue;
            }
        }
        if (!d.domain.name.empty()) {
            if (auto [it, fresh] = domain_name_line.try_emplace(d.domain.name, r.line_of("name")); !fresh) {
                r.problem("name", "领域名称“" + d.domain.name + "”重复：第" + std::to_string(it->second) + "行已使用");
                continue;
            }
        }
        domains.push_back(std::move(d));
    }
    if (domains.empty()) top.problem("domain", "catalogue.toml 中没有任何 [[domain]]");

    // Directory tables, one per domain.
    std::map<std::string, std::vector<Item>> rows_by_domain;   // domain id → rows in table order
    std::map<std::string, std::string> domain_id_by_name;
    std::map<std::string, std::pair<std::string, int>> row_origin;  // item id → file, line
    for (auto& d : domains) {
        cat.domains.push_back(d.domain);
        domain_id_by_name[d.domain.name] = d.domain.id;
        if (d.directory.empty()) continue;
        // Only a regular file under the source directory, of bounded size: not /dev/zero,
        // a FIFO, or ../../../etc/passwd.
        auto bytes = read_file_under(dir, d.directory, kMaxDirectoryBytes);
        if (!bytes) {
            problems.push_back({main.file, d.line, d.column, bytes.error().describe()});
            continue;
        }
        DirectoryTable table;
        const DirectoryFormat format = directory_format(d.directory);
        if (format == DirectoryFormat::Unknown) {
            problems.push_back({main.file, d.line, d.column,
                                "UnknownDirectoryFormat: 目录表“" + d.directory + "”应为 .xlsx、.xls 或 .csv 文件"});
            continue;
        }
        if (format == DirectoryFormat::Csv) {
            if (d.sheet_line > 0 && d.sheet_column > 0)
                problems.push_back({main.file, d.sheet_line, d.sheet_column,
                                    "SheetOnCsv: “sheet”只用于 Excel 工作簿（.xlsx / .xls），CSV 文件只有一张表：请删除这一行"});
            table = parse_directory_table(*bytes, d.directory, problems);
        } else {
            SheetRead read = format == DirectoryFormat::Xlsx ? read_xlsx_sheet(*bytes, d.sheet) : read_xls_sheet(*bytes, d.sheet);
            if (read.failure) {
                SourceProblem p{d.directory, 0, 0, read.failure->message()};
                p.sheet = read.failure->sheet;
                p.cell = read.failure->cell;
                int row = 0, col = 0;
                if (!p.cell.empty() && parse_cell_name(p.cell, &row, &col)) { p.line = row; p.column = col; }
                // Naming a sheet that is not there is the catalogue.toml's mistake: point at `sheet`.
                if (read.failure->error == WorkbookError::SheetNotFound) p = {main.file, d.sheet_line, d.sheet_column, p.message};
                problems.push_back(std::move(p));
                continue;
            }
            table = parse_directory_grid(read.grid, d.directory, BlankPolicy::Merges, problems);
        }
        if (!table.domain_name.empty() && table.domain_name != d.domain.name)
            problems.push_back({d.directory, table.title_line, table.title_column,
                                "标题中的领域“" + table.domain_name + "”与 catalogue.toml 中的“" + d.domain.name + "”不一致",
                                table.sheet, table.title_line > 0 && !table.sheet.empty() ? cell_name(table.title_line, table.title_column) : ""});
        auto& rows = rows_by_domain[d.domain.id];
        for (auto& row : table.rows) {
            Item item;
            item.id = directory_item_id(d.domain.id, row.level1, row.level2);
            item.kind = ItemKind::Directory;
            item.domain_id = d.domain.id;
            item.level1 = row.level1;
            item.title = row.level2;
            std::string summary;
            for (auto& e : row.standard.content_elements) summary += (summary.empty() ? "" : "、") + e;
            // The content elements as the department listed them; the kiosk labels them
            // ("公开内容：…", ui_strings.h) in the resident's language.
            item.summary = summary;
            item.standard = std::move(row.standard);
            if (auto [it, inserted] = row_origin.try_emplace(item.id, d.directory, row.line); !inserted)
                problems.push_back({d.directory, row.line, 0,
                                    "事项重复：“" + item.level1 + " / " + item.title + "”与 " + it->second.first + " 第" +
                                        std::to_string(it->second.second) + "行相同（或编号冲突），请改名",
                                    table.sheet});
            rows.push_back(std::move(item));
        }
    }

    // Guides.
    std::vector<GuideSource> guides;
    std::vector<fs::path> guide_files;
    std::error_code ec;
    if (fs::is_directory(root / "guides", ec))
        for (auto& e : fs::directory_iterator(root / "guides", ec))
            if (e.path().extension() == ".toml") guide_files.push_back(e.path());
    std::sort(guide_files.begin(), guide_files.end());
    // Ids are compared without case: each is a web page's file name (item/<id>.html), and
    // "Dibao" and "dibao" are one file on a case-insensitive server or CDN.
    std::set<std::string> ids_seen;
    for (auto& id_origin : row_origin) ids_seen.insert(ascii_lower(id_origin.first));
    std::map<std::string, std::string> guide_title_file;  // title → the guide file that used it first
    for (auto& path : guide_files) {
        std::string label = "guides/" + path.filename().string();
        TomlDoc doc = load_toml(dir, label, label, problems);
        if (!doc.ok) continue;
        TomlReader r{doc.root, doc.file, problems};
        GuideSource g;
        g.file = label;
        g.line = 1;
        Item& item = g.item;
        item.kind = ItemKind::Guide;
        item.id = r.str("id", true);
        item.title = r.str("title", true);
        g.domain_name = r.str("domain", true);
        item.level1 = r.str("level1", true);
        ServiceGuide guide;
        guide.summary = r.str("summary", true);
        guide.eligibility = r.list("eligibility", false);
        guide.materials = r.list("materials", true);
        guide.steps = r.list("steps", true);
        guide.where = r.str("where", true);
        guide.time_limit = r.str("time_limit", false);
        guide.fee = r.str("fee", false);
        guide.basis = r.list("basis", false);
        guide.contacts = r.list("contacts", false);
        item.terms = r.list("colloquial", false);
        if (item.terms.size() > kMaxItemTerms)
            r.problem("colloquial", "叫法最多 " + std::to_string(kMaxItemTerms) + " 个，这里有 " + std::to_string(item.terms.size()) + " 个");
        for (const std::string& term : item.terms)
            if (term.size() > kMaxTermBytes)
                r.problem("colloquial", "有一个叫法太长：每个最多 " + std::to_string(kMaxTermBytes / 3) + " 个汉字");
        item.summary = guide.summary;
        item.guide = std::move(guide);
        // [en]: the guide in English, each key optional (the kiosk falls back to the
        // Chinese, marked, for what is missing).
        if (const toml::node* en = doc.root.get("en")) {
            if (const toml::table* t = en->as_table()) {
                TomlReader er{*t, doc.file, problems};
                item.title_en = er.str("title", false);
                ServiceGuide g_en{er.str("summary", false), er.list("eligibility", false), er.list("materials", false),
                                  er.list("steps", false), er.str("where", false), er.str("time_limit", false),
                                  er.str("fee", false), {}, er.list("contacts", false)};
                item.summary_en = g_en.summary;
                item.guide_en = std::move(g_en);
            } else {
                r.problem("en", "“en”应为表：在单独一行写 [en]，下面写英文的 title、summary 等");
            }
        }
        for (const toml::table* t : r.tables("directory")) {
            TomlReader lr{*t, doc.file, problems};
            g.directory_links.push_back({lr.str("level1", true), lr.str("level2", true),
                                         static_cast<int>(t->source().begin.line), static_cast<int>(t->source().begin.column)});
        }
        for (const toml::table* t : r.tables("workflow")) {
            TomlReader wr{*t, doc.file, problems};
            item.workflow.push_back({wr.str("step", true), wr.str("actor", false), wr.str("detail", false),
                                     wr.str("time_limit", false)});
        }
        if (!item.id.empty()) {
            if (std::string why = id_problem(item.id); !why.empty()) r.problem("id", why);
            if (!ids_seen.insert(ascii_lower(item.id)).second) r.problem("id", "id “" + item.id + "”已被其他事项使用（不分大小写）");
        }
        if (!item.title.empty()) {
            if (auto [it, fresh] = guide_title_file.try_emplace(item.title, label); !fresh)
                r.problem("title", "办事指南标题“" + item.title + "”与 " + it->second + " 重复");
        }
        auto dom = domain_id_by_name.find(g.domain_name);
        if (!g.domain_name.empty() && dom == domain_id_by_name.end())
            r.problem("domain", "领域“" + g.domain_name + "”不在 catalogue.toml 中");
        else if (dom != domain_id_by_name.end())
            item.domain_id = dom->second;
        guides.push_back(std::move(g));
    }

    for (auto& [id, origin] : row_origin) result.origins[id] = {origin.first, origin.second};
    for (auto& g : guides)
        if (!g.item.id.empty()) result.origins.try_emplace(g.item.id, ItemOrigin{g.file, g.line});

    // Links: a guide and the directory rows describing the same service point at each other.
    std::map<std::string, Item*> row_by_id;
    for (auto& [dom, rows] : rows_by_domain)
        for (auto& row : rows) row_by_id[row.id] = &row;
    for (auto& g : guides) {
        for (auto& link : g.directory_links) {
            std::string id = directory_item_id(g.item.domain_id, link.level1, link.level2);
            auto it = row_by_id.find(id);
            if (it == row_by_id.end()) {
                problems.push_back({g.file, link.line, link.column,
                                    "[[directory]] 指向的事项“" + link.level1 + " / " + link.level2 + "”不在“" +
                                        g.domain_name + "”目录表中"});
                continue;
            }
            g.item.links.push_back(id);
            it->second->links.push_back(g.item.id);
        }
    }

    // Order: the directory's own 一级事项 order; guides lead their group; groups that
    // only guides name follow the table's groups, in guide-file order. Grouping by a hash
    // map keeps this linear: a search per group was quadratic (50,000 groups: 13.5 s).
    for (auto& d : domains) {
        const std::string& dom = d.domain.id;
        std::unordered_map<std::string, size_t> group_index;
        std::vector<std::vector<const Item*>> group_guides, group_rows;
        auto group_of = [&](const std::string& g) {
            auto [it, fresh] = group_index.try_emplace(g, group_guides.size());
            if (fresh) { group_guides.emplace_back(); group_rows.emplace_back(); }
            return it->second;
        };
        auto& rows = rows_by_domain[dom];
        std::vector<size_t> row_group(rows.size());
        for (size_t i = 0; i < rows.size(); i++) row_group[i] = group_of(rows[i].level1);
        for (auto& g : guides)
            if (g.item.domain_id == dom) group_guides[group_of(g.item.level1)].push_back(&g.item);
        for (size_t i = 0; i < rows.size(); i++) group_rows[row_group[i]].push_back(&rows[i]);
        for (size_t k = 0; k < group_guides.size(); k++) {
            for (const Item* g : group_guides[k]) cat.items.push_back(*g);
            for (const Item* row : group_rows[k]) cat.items.push_back(*row);
        }
    }

    // Notices.
    bool notices_read = true;
    if (fs::exists(root / "notices.toml", ec)) {
        TomlDoc doc = load_toml(dir, "notices.toml", "notices.toml", problems);
        notices_read = doc.ok;
        if (doc.ok) {
            TomlReader r{doc.root, doc.file, problems};
            std::set<std::string> notice_ids;
            for (const toml::table* t : r.tables("notice")) {
                TomlReader nr{*t, doc.file, problems};
                Notice n;
                n.id = nr.str("id", true);
                n.title = nr.str("title", true);
                n.body = nr.str("body", true);
                DisclosureReader dr{nr, problems};
                n.valid_from = dr.validity("valid_from");
                n.valid_until = dr.validity("valid_until");
                n.title_en = nr.str("title_en", false);
                n.body_en = nr.str("body_en", false);
                std::string domain_name = nr.str("domain", false);
                std::string guide = nr.str("guide", false);
                if (!domain_name.empty()) {
                    auto it = domain_id_by_name.find(domain_name);
                    if (it == domain_id_by_name.end()) nr.problem("domain", "领域“" + domain_name + "”不在 catalogue.toml 中");
                    else n.domain_id = it->second;
                }
                if (!guide.empty()) {
                    if (!cat.find_item(guide)) nr.problem("guide", "没有 id 为“" + guide + "”的办事指南");
                    else n.item_id = guide;
                }
                check_window(nr, n.valid_from, n.valid_until);
                read_notice_disclosure(*t, nr, n, result);
                if (std::string why = id_problem(n.id); !n.id.empty() && !why.empty()) nr.problem("id", "公告 " + why);
                if (!n.id.empty() && !notice_ids.insert(ascii_lower(n.id)).second) nr.problem("id", "公告 id “" + n.id + "”重复（不分大小写）");
                cat.notices.push_back(std::move(n));
            }
        }
    }

    // Interpretations and responses (optional): linked to items and notices by id.
    {
        std::set<std::string> item_ids, notice_ids;
        for (const Item& i : cat.items) item_ids.insert(i.id);
        for (const Notice& n : cat.notices) notice_ids.insert(n.id);
        // A notices.toml that did not parse is one problem, not one more per link to it.
        const std::set<std::string>* notices_known = notices_read ? &notice_ids : nullptr;
        if (fs::exists(root / "interpretations.toml", ec)) read_interpretations(dir, &item_ids, notices_known, result);
        if (fs::exists(root / "responses.toml", ec)) read_responses(dir, &item_ids, notices_known, result);
    }

    // Thesaurus (optional): what residents say → what the catalogue says.
    if (fs::exists(root / "thesaurus.toml", ec)) {
        TomlDoc doc = load_toml(dir, "thesaurus.toml", "thesaurus.toml", problems);
        if (doc.ok) {
            TomlReader r{doc.root, doc.file, problems};
            // Every `means` word must be somewhere in the catalogue, or the entry leads
            // nowhere: the searched text of all items, normalised as search normalises it.
            std::string corpus;
            for (const SearchDocument& d : search_documents(cat)) {
                corpus += d.title + '\n' + d.summary + '\n' + d.body + '\n';
                for (auto& t : d.terms) corpus += t + '\n';
                for (auto& a : d.aliases) corpus += a + '\n';
            }
            const auto entries = r.tables("entry");
            if (entries.size() > kMaxThesaurusEntries)
                r.problem("entry", "同义词表最多 " + std::to_string(kMaxThesaurusEntries) + " 条，这里有 " + std::to_string(entries.size()) + " 条");
            for (size_t k = 0; k < entries.size() && k < kMaxThesaurusEntries; k++) {
                TomlReader er{*entries[k], doc.file, problems};
                ThesaurusEntry e;
                e.words = er.list("words", true);
                e.means = er.list("means", true);
                bool ok = !e.words.empty() && !e.means.empty();
                for (auto [key, side] : {std::pair{"words", &e.words}, {"means", &e.means}}) {
                    if (side->size() > kMaxThesaurusWordsPerSide) {
                        er.problem(key, "“" + std::string(key) + "”最多 " + std::to_string(kMaxThesaurusWordsPerSide) + " 个词");
                        ok = false;
                    }
                    for (const std::string& w : *side)
                        if (!thesaurus_word_problem(w).empty()) {
                            // The word as written, its control characters escaped (an escape
                            // sequence must not reach the editor's terminal).
                            const std::string shown = utf8::escape_controls(w);
                            er.problem(key, "“" + shown + "”不能用作同义词：只能是汉字、字母或数字，最长 " +
                                                std::to_string(kMaxThesaurusWordChars) + " 个字");
                            ok = false;
                        }
                }
                if (!ok) continue;
                // A meaning that is a question word or particle (怎么, 的) is dropped from every
                // query, so it can never be matched: a warning.
                for (const std::string& m : e.means)
                    if (strip_question_words(normalize_for_search(m)).find_first_not_of(' ') == std::string::npos ||
                        is_function_word(normalize_for_search(m)))
                        result.warnings.push_back({doc.file, er.line_of("means"), er.column_of("means"),
                                                   "“" + m + "”是虚词或问句用语，搜索时会被略去：这条同义词找不到东西"});
                // A meaning no item uses leads nowhere: a warning, not a refusal — it is
                // what withdrawing an item leaves behind, and a device would not mind.
                std::vector<std::string> used;
                for (const std::string& m : e.means) {
                    if (corpus.find(normalize_for_search(m)) != std::string::npos) {
                        used.push_back(m);
                        continue;
                    }
                    result.warnings.push_back({doc.file, er.line_of("means"), er.column_of("means"),
                                               "“" + m + "”在目录的任何事项中都没有出现：居民搜“" + e.words[0] + "”不会因它找到东西"});
                }
                e.means = std::move(used);
                if (!e.means.empty()) cat.thesaurus.push_back(std::move(e));
            }
        }
    }

    // Chinese typography, once ids and links are settled (a row's id hashes its names as
    // the department wrote them, so tidying a bracket never renames a row).
    normalize_typography(cat);

    // What every device would refuse: checked only for an otherwise valid source (it costs
    // one serialisation, and an encode when the JSON alone is past the device limit).
    if (problems.empty()) {
        if (std::string why = bundle_size_problem(cat); !why.empty()) problems.push_back({main.file, 1, 1, why});
        else if (std::string too_many = charset_problem(cat); !too_many.empty()) problems.push_back({main.file, 1, 1, too_many});
    }
    return result;
}

}  // namespace gongkai
