// See workbook.h. The .xlsx reader: a zip (libzip, read from memory) of XML parts (expat,
// streamed while inflating, no DTD). [SECTION] index:
//   [SECTION] Names        — cell references, error names, messages
//   [SECTION] Zip          — the archive, bounded entry by entry
//   [SECTION] XML          — expat with depth and DOCTYPE guards
//   [SECTION] Parts        — workbook.xml, its relationships, shared strings, the sheet
//   [SECTION] Grid         — numbers as Excel shows them, merged ranges applied
#include "workbook.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include "source_import.h"
#include "utf8.h"

namespace gongkai {

static_assert(kMaxWorkbookRows == static_cast<int>(kMaxDirectoryRows) + 3, "title row and two header rows");
static_assert(kMaxWorkbookFileBytes == kMaxDirectoryBytes);
static_assert(kMaxSharedStringBytes == kMaxDirectoryBytes);

//-----------------------------------------------------------------------------
// [SECTION] Names
//-----------------------------------------------------------------------------

std::string column_letters(int column) {
    std::string s;
    for (int c = column; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

std::string cell_name(int row, int column) { return column_letters(column) + std::to_string(row); }

// "AB12" → row 12, column 28. False for anything else ("12", "A", "A0", "AAAA1").
bool parse_cell_name(std::string_view ref, int* row, int* column) {
    size_t i = 0;
    long c = 0, r = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) c = c * 26 + (ref[i++] - 'A' + 1);
    if (c == 0) return false;
    size_t digits = 0;
    // Excel's last row is 1,048,576: seven digits.
    while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && digits < 7) { r = r * 10 + (ref[i++] - '0'); digits++; }
    if (i != ref.size() || r == 0) return false;
    *row = static_cast<int>(r);
    *column = static_cast<int>(c);
    return true;
}

const char* workbook_error_name(WorkbookError e) {
    switch (e) {
        case WorkbookError::NotAWorkbook: return "NotAWorkbook";
        case WorkbookError::EncryptedWorkbook: return "EncryptedWorkbook";
        case WorkbookError::FileTooLarge: return "FileTooLarge";
        case WorkbookError::TooManyEntries: return "TooManyEntries";
        case WorkbookError::PartTooLarge: return "PartTooLarge";
        case WorkbookError::PartSizeMismatch: return "PartSizeMismatch";
        case WorkbookError::UnsafeEntryName: return "UnsafeEntryName";
        case WorkbookError::DamagedZip: return "DamagedZip";
        case WorkbookError::MissingPart: return "MissingPart";
        case WorkbookError::XmlMalformed: return "XmlMalformed";
        case WorkbookError::XmlDoctype: return "XmlDoctype";
        case WorkbookError::XmlTooDeep: return "XmlTooDeep";
        case WorkbookError::TooManySharedStrings: return "TooManySharedStrings";
        case WorkbookError::SharedStringsTooLarge: return "SharedStringsTooLarge";
        case WorkbookError::TooManyRows: return "TooManyRows";
        case WorkbookError::TooManyColumns: return "TooManyColumns";
        case WorkbookError::TooManyCells: return "TooManyCells";
        case WorkbookError::TooManyMerges: return "TooManyMerges";
        case WorkbookError::SheetTextTooLarge: return "SheetTextTooLarge";
        case WorkbookError::BadCellReference: return "BadCellReference";
        case WorkbookError::NoSheets: return "NoSheets";
        case WorkbookError::TooManySheets: return "TooManySheets";
        case WorkbookError::SheetNotFound: return "SheetNotFound";
        case WorkbookError::SheetHidden: return "SheetHidden";
        case WorkbookError::XlsUnreadable: return "XlsUnreadable";
        case WorkbookError::XlsPasswordProtected: return "XlsPasswordProtected";
        case WorkbookError::XlsReaderCrashed: return "XlsReaderCrashed";
        case WorkbookError::XlsTimeout: return "XlsTimeout";
        case WorkbookError::XlsProtocol: return "XlsProtocol";
    }
    return "WorkbookError";  // not reached: every value is named above
}

std::string WorkbookFailure::message() const { return std::string(workbook_error_name(error)) + ": " + detail; }

std::string cell_issue_message(const GridCellIssue& issue) {
    switch (issue.issue) {
        case CellIssue::FormulaWithoutValue:
            return "FormulaWithoutValue: 公式“" + issue.value +
                   "”没有计算结果（文件不是由 Excel 保存的）：请在 Excel 中打开并保存，或填写数值";
        case CellIssue::ErrorValue:
            return "ErrorValue: 单元格的值是错误“" + issue.value + "”：请修正公式或引用";
    }
    return "CellIssue";  // not reached
}

namespace {

struct Failed {
    WorkbookFailure f;
};
[[noreturn]] void fail(WorkbookError e, std::string detail, std::string sheet = {}, std::string cell = {}) {
    throw Failed{{e, std::move(detail), std::move(sheet), std::move(cell)}};
}

//-----------------------------------------------------------------------------
// [SECTION] Zip
//-----------------------------------------------------------------------------

// A part name inside the package, normalised: no "..", no leading "/", no backslash.
bool entry_name_is_safe(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return false;
    if (name.find(':') != std::string_view::npos) return false;  // C:/… or a URL
    size_t start = 0;
    while (start <= name.size()) {
        size_t slash = name.find('/', start);
        if (slash == std::string_view::npos) slash = name.size();
        if (name.substr(start, slash - start) == "..") return false;
        start = slash + 1;
    }
    return true;
}

class XmlHandler;
void parse_xml(std::string_view part, XmlHandler& handler, const char* data, size_t size, bool final);

class ZipPackage {
public:
    explicit ZipPackage(std::string_view bytes) : file_bytes_(bytes.size()) {
        static constexpr unsigned char kOle[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
        if (bytes.size() > kMaxWorkbookFileBytes)
            fail(WorkbookError::FileTooLarge, "工作簿有 " + std::to_string(bytes.size()) + " 字节，上限为 " +
                                                  std::to_string(kMaxWorkbookFileBytes) + " 字节");
        if (bytes.size() >= 8 && std::memcmp(bytes.data(), kOle, 8) == 0)
            fail(WorkbookError::EncryptedWorkbook,
                 "这是加密（设置了打开密码）的工作簿，或是改名为 .xlsx 的 .xls 文件：请取消密码后另存为 .xlsx");
        if (bytes.size() < 4 || bytes.substr(0, 2) != "PK")
            fail(WorkbookError::NotAWorkbook, "不是 .xlsx 工作簿（不是 zip 文件）：请在 Excel 中另存为 .xlsx");
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
        if (!src) fail(WorkbookError::DamagedZip, std::string("无法读取：") + zip_error_strerror(&err));
        // ZIP_CHECKCONS: the central directory must agree with the local headers.
        zip_.reset(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err));
        if (!zip_) {
            std::string why = zip_error_strerror(&err);
            zip_error_fini(&err);
            zip_source_free(src);
            fail(WorkbookError::DamagedZip, "zip 文件已损坏或不完整（" + why + "）：请重新保存或重新发送");
        }
        zip_error_fini(&err);
        zip_int64_t n = zip_get_num_entries(zip_.get(), 0);
        if (n < 0 || static_cast<zip_uint64_t>(n) > kMaxWorkbookEntries)
            fail(WorkbookError::TooManyEntries, "zip 中有 " + std::to_string(n) + " 个条目，上限为 " +
                                                    std::to_string(kMaxWorkbookEntries));
        for (zip_int64_t i = 0; i < n; i++) {
            const char* name = zip_get_name(zip_.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
            if (!name) fail(WorkbookError::DamagedZip, "zip 条目名无法读取");
            if (!entry_name_is_safe(name)) fail(WorkbookError::UnsafeEntryName, std::string("zip 中有不安全的条目名“") + name + "”");
        }
    }
    ZipPackage(const ZipPackage&) = delete;
    ZipPackage& operator=(const ZipPackage&) = delete;

    bool has(const std::string& name) const { return zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_ENC_RAW) >= 0; }

    // Streams the part through `handler`, counting inflated bytes against its stated size
    // and the bounds. Throws MissingPart when there is no such part.
    void parse(const std::string& name, XmlHandler& handler) {
        zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_ENC_RAW);
        if (index < 0) fail(WorkbookError::MissingPart, "工作簿缺少“" + name + "”：文件不完整或不是 Excel 保存的");
        zip_stat_t st;
        if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            fail(WorkbookError::DamagedZip, "无法读取“" + name + "”的大小");
        // A compressed size beyond the file is a lie libzip's consistency check may not catch.
        if ((st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size > file_bytes_)
            fail(WorkbookError::DamagedZip, "“" + name + "”记录的压缩大小 " + std::to_string(st.comp_size) + " 字节超过文件本身");
        if (st.size > kMaxWorkbookPartBytes)
            fail(WorkbookError::PartTooLarge, "“" + name + "”解压后有 " + std::to_string(st.size) + " 字节，上限为 " +
                                                  std::to_string(kMaxWorkbookPartBytes));
        zip_file_t* file = zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0);
        if (!file) fail(WorkbookError::DamagedZip, "无法打开“" + name + "”（" + zip_strerror(zip_.get()) + "）");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(file, zip_fclose);
        // 64 KiB: a few inflate windows per read; a part is parsed as it arrives.
        static constexpr size_t kChunk = 64u << 10;
        std::vector<char> buf(kChunk);
        zip_uint64_t count = 0;
        for (;;) {
            zip_int64_t got = zip_fread(file, buf.data(), buf.size());
            if (got < 0)
                fail(WorkbookError::DamagedZip, "“" + name + "”已损坏（" + zip_file_strerror(file) + "）：请重新保存或重新发送");
            if (got == 0) break;
            count += static_cast<zip_uint64_t>(got);
            inflated_ += static_cast<zip_uint64_t>(got);
            if (count > st.size)
                fail(WorkbookError::PartSizeMismatch, "“" + name + "”解压出的字节多于 zip 中记录的 " + std::to_string(st.size) +
                                                          " 字节：文件被篡改或损坏");
            if (inflated_ > kMaxWorkbookInflatedBytes)
                fail(WorkbookError::PartTooLarge, "工作簿解压后超过 " + std::to_string(kMaxWorkbookInflatedBytes) + " 字节");
            parse_xml(name, handler, buf.data(), static_cast<size_t>(got), false);
        }
        parse_xml(name, handler, nullptr, 0, true);
    }

private:
    // Owned from the moment it opens: a failure later in the constructor (too many entries,
    // an unsafe name) still closes the archive.
    std::unique_ptr<zip_t, void (*)(zip_t*)> zip_{nullptr, zip_discard};
    zip_uint64_t inflated_ = 0;
    zip_uint64_t file_bytes_ = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] XML
//-----------------------------------------------------------------------------

std::string_view local_name(const char* name) {
    std::string_view n(name);
    if (auto colon = n.rfind(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
    return n;
}

// An xsd:boolean attribute: "1" or "true".
bool is_true(const char* v) { return v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0); }

const char* attribute(const char** attrs, std::string_view local) {
    for (size_t i = 0; attrs[i]; i += 2)
        if (local_name(attrs[i]) == local) return attrs[i + 1];
    return nullptr;
}

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** attrs) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}

    // The parser of the part being read; created on its first chunk.
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser{nullptr, XML_ParserFree};
    int depth = 0;
    std::optional<WorkbookFailure> failure;  // set in a callback; the parser is stopped
    std::string part;

    void stop(WorkbookError e, std::string detail) {
        if (!failure) failure = WorkbookFailure{e, std::move(detail), {}, {}};
        XML_StopParser(parser.get(), XML_FALSE);
    }
};

void XMLCALL on_start(void* user, const char* name, const char** attrs) {
    auto* h = static_cast<XmlHandler*>(user);
    if (h->failure) return;
    if (++h->depth > kMaxXmlDepth) {
        h->stop(WorkbookError::XmlTooDeep, "“" + h->part + "”的元素嵌套超过 " + std::to_string(kMaxXmlDepth) + " 层");
        return;
    }
    try {
        h->start(local_name(name), attrs);
    } catch (Failed& f) {
        h->failure = std::move(f.f);
        XML_StopParser(h->parser.get(), XML_FALSE);
    }
}
void XMLCALL on_end(void* user, const char* name) {
    auto* h = static_cast<XmlHandler*>(user);
    if (h->failure) return;
    h->depth--;
    try {
        h->end(local_name(name));
    } catch (Failed& f) {
        h->failure = std::move(f.f);
        XML_StopParser(h->parser.get(), XML_FALSE);
    }
}
void XMLCALL on_text(void* user, const char* s, int len) {
    auto* h = static_cast<XmlHandler*>(user);
    if (h->failure) return;
    try {
        h->text(std::string_view(s, static_cast<size_t>(len)));
    } catch (Failed& f) {
        h->failure = std::move(f.f);
        XML_StopParser(h->parser.get(), XML_FALSE);
    }
}
// No OOXML part has a DOCTYPE; one that does is refused before any entity is declared,
// so nothing is ever expanded (billion laughs) or fetched (external entities).
void XMLCALL on_doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* h = static_cast<XmlHandler*>(user);
    h->stop(WorkbookError::XmlDoctype, "“" + h->part + "”含有 DOCTYPE（实体声明）：Excel 不会写这种内容，拒绝读取");
}
void XMLCALL on_entity(void* user, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                       const XML_Char*, const XML_Char*) {
    auto* h = static_cast<XmlHandler*>(user);
    h->stop(WorkbookError::XmlDoctype, "“" + h->part + "”声明了实体：拒绝读取");
}

void parse_xml(std::string_view part, XmlHandler& h, const char* data, size_t size, bool final) {
    if (!h.parser) {
        h.parser.reset(XML_ParserCreate("UTF-8"));
        if (!h.parser) fail(WorkbookError::XmlMalformed, "expat 无法创建解析器");
        h.part = std::string(part);
        XML_SetUserData(h.parser.get(), &h);
        XML_SetElementHandler(h.parser.get(), on_start, on_end);
        XML_SetCharacterDataHandler(h.parser.get(), on_text);
        XML_SetStartDoctypeDeclHandler(h.parser.get(), on_doctype);
        XML_SetEntityDeclHandler(h.parser.get(), on_entity);
        XML_SetParamEntityParsing(h.parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    }
    if (XML_Parse(h.parser.get(), data, static_cast<int>(size), final ? XML_TRUE : XML_FALSE) == XML_STATUS_ERROR) {
        if (h.failure) throw Failed{*h.failure};
        fail(WorkbookError::XmlMalformed, "“" + std::string(part) + "”第 " +
                                              std::to_string(XML_GetCurrentLineNumber(h.parser.get())) + " 行 XML 格式错误：" +
                                              XML_ErrorString(XML_GetErrorCode(h.parser.get())));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Parts
//-----------------------------------------------------------------------------

struct SheetEntry {
    std::string name, state, rel_id;
};

class WorkbookPart : public XmlHandler {
public:
    std::vector<SheetEntry> sheets;
    void start(std::string_view name, const char** attrs) override {
        if (name != "sheet") return;
        if (sheets.size() >= kMaxWorkbookSheets)
            fail(WorkbookError::TooManySheets, "工作簿的工作表超过 " + std::to_string(kMaxWorkbookSheets) + " 个");
        const char* n = attribute(attrs, "name");
        const char* state = attribute(attrs, "state");
        const char* id = attribute(attrs, "id");
        sheets.push_back({n ? n : "", state ? state : "", id ? id : ""});
    }
    void end(std::string_view) override {}
};

struct Relationship {
    std::string target, type;
};
class RelationshipsPart : public XmlHandler {
public:
    std::map<std::string, Relationship> by_id;
    void start(std::string_view name, const char** attrs) override {
        if (name != "Relationship") return;
        // Bounded by the part's size; a workbook has one per sheet plus ~4.
        if (by_id.size() >= kMaxWorkbookEntries) fail(WorkbookError::TooManyEntries, "工作簿的关系条目过多");
        const char* id = attribute(attrs, "Id");
        const char* target = attribute(attrs, "Target");
        const char* type = attribute(attrs, "Type");
        if (id && target) by_id[id] = {target, type ? type : ""};
    }
    void end(std::string_view) override {}
};

// A relationship's target, relative to `base` (the folder of the part the relationships
// belong to, "xl/" for the workbook, "" for the package) or absolute in the package, as a part name.
std::string resolve_target(std::string_view target, std::string_view base = "xl/") {
    std::string path = target.starts_with('/') ? std::string(target.substr(1)) : std::string(base) + std::string(target);
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        std::string seg = path.substr(start, slash - start);
        if (seg == "..") {
            if (parts.empty()) fail(WorkbookError::UnsafeEntryName, "关系目标“" + std::string(target) + "”指向工作簿之外");
            parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        start = slash + 1;
    }
    std::string out;
    for (auto& p : parts) out += (out.empty() ? "" : "/") + p;
    if (!entry_name_is_safe(out)) fail(WorkbookError::UnsafeEntryName, "关系目标“" + std::string(target) + "”不安全");
    return out;
}

// Excel escapes characters XML cannot hold as _xHHHH_ (a CR in a cell is _x000D_); the
// directory keeps lines split on LF alone, as the CSV reader does.
std::string unescape_ooxml(std::string s) {
    std::string out;
    out.reserve(s.size());
    std::u16string units;  // a run of escapes: a surrogate pair is two of them (an emoji)
    for (size_t i = 0; i < s.size();) {
        if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
            std::all_of(s.begin() + static_cast<long>(i) + 2, s.begin() + static_cast<long>(i) + 6,
                        [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
            units += static_cast<char16_t>(std::strtoul(s.substr(i + 2, 4).c_str(), nullptr, 16));
            i += 7;
            continue;
        }
        if (!units.empty()) {
            out += utf8::from_utf16(units);
            units.clear();
        }
        out += s[i++];
    }
    if (!units.empty()) out += utf8::from_utf16(units);
    std::erase(out, '\r');
    return out;
}

// Text of <t> elements under the current element, phonetic guides (<rPh>) skipped, kept to
// kMaxCellBytes + 1 bytes: enough for the directory parser to report the cell as too long.
struct TextCollector {
    std::string text;
    bool in_t = false;
    int in_rph = 0;
    void start(std::string_view name) {
        if (name == "rPh") in_rph++;
        else if (name == "t" && in_rph == 0) in_t = true;
    }
    void end(std::string_view name) {
        if (name == "rPh") in_rph--;
        else if (name == "t") in_t = false;
    }
    void add(std::string_view s) {
        if (!in_t) return;
        size_t room = kMaxCellBytes + 1 - std::min(text.size(), kMaxCellBytes + 1);
        text.append(s.substr(0, std::min(room, s.size())));
    }
};

class SharedStringsPart : public XmlHandler {
public:
    std::vector<std::string> strings;
    size_t total_bytes = 0;
    void start(std::string_view name, const char**) override {
        if (name == "si") {
            in_si = true;
            collector = {};
            if (strings.size() >= kMaxSharedStrings)
                fail(WorkbookError::TooManySharedStrings,
                     "共享字符串超过 " + std::to_string(kMaxSharedStrings) + " 个：不是一张目录表的大小");
        } else if (in_si) {
            collector.start(name);
        }
    }
    void end(std::string_view name) override {
        if (name == "si") {
            in_si = false;
            total_bytes += collector.text.size();
            if (total_bytes > kMaxSharedStringBytes)
                fail(WorkbookError::SharedStringsTooLarge, "共享字符串超过 " + std::to_string(kMaxSharedStringBytes) + " 字节");
            strings.push_back(unescape_ooxml(std::move(collector.text)));
        } else if (in_si) {
            collector.end(name);
        }
    }
    void text(std::string_view s) override {
        if (in_si) collector.add(s);
    }

private:
    bool in_si = false;
    TextCollector collector;
};

//-----------------------------------------------------------------------------
// [SECTION] Grid
//-----------------------------------------------------------------------------

// A number as Excel's General format shows it: integers without a decimal point (15, not
// 15.0 or 1.5E1), others to 15 significant digits (Excel's precision), so 0.1+0.2 reads 0.3.
// Dates are numbers too (a serial day, 46352): the reader keeps no styles, and a directory
// has no date columns (公开时限 is text such as “20个工作日”).
std::string excel_number_text(const std::string& v) {
    char* end = nullptr;
    double x = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(x)) return v;
    return number_text(x);
}

}  // namespace

std::string number_text(double x) {
    if (!std::isfinite(x)) return x != x ? "#NUM!" : "#NUM!";
    char buf[64];
    // 1e15: beyond it a double no longer holds every integer Excel shows in full.
    if (x == std::floor(x) && std::fabs(x) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", x == 0 ? 0.0 : x);
    else std::snprintf(buf, sizeof buf, "%.15g", x);
    return buf;
}

namespace {

// Sets row `row`, column `col` (1-based), widening the grid and counting cells held.
void grid_put(std::vector<GridRow>& grid, int row, int col, std::string value, size_t* held, const std::string& sheet) {
    if (grid.size() < static_cast<size_t>(row)) {
        size_t old = grid.size();
        grid.resize(static_cast<size_t>(row));
        for (size_t i = old; i < grid.size(); i++) grid[i].line = static_cast<int>(i) + 1;
    }
    auto& fields = grid[static_cast<size_t>(row - 1)].fields;
    if (fields.size() < static_cast<size_t>(col)) {
        *held += static_cast<size_t>(col) - fields.size();
        if (*held > kMaxWorkbookCells)
            fail(WorkbookError::TooManyCells, "工作表的单元格超过 " + std::to_string(kMaxWorkbookCells) + " 个", sheet);
        size_t old = fields.size();
        fields.resize(static_cast<size_t>(col));
        for (size_t i = old; i < fields.size(); i++) fields[i].line = row;
    }
    fields[static_cast<size_t>(col - 1)].text = std::move(value);
}

class SheetPart : public XmlHandler {
public:
    SheetPart(const std::vector<std::string>& strings, std::string sheet) : strings_(strings), sheet_(std::move(sheet)) {}
    std::vector<GridRow> rows;
    std::vector<GridCellIssue> issues;
    std::vector<int> hidden_rows;
    std::bitset<kMaxWorkbookColumns + 1> hidden_columns;  // a set: <col> spans may repeat a million times
    std::vector<MergeRange> merges;
    size_t cells = 0, text_bytes = 0;

    void start(std::string_view name, const char** attrs) override {
        if (in_c_) {
            if (name == "v") { in_v_ = true; has_v_ = true; }
            else if (name == "f") { in_f_ = true; has_f_ = true; }
            else if (name == "is") in_is_ = true;
            else if (in_is_) inline_.start(name);
            return;
        }
        if (name == "sheetData") in_data_ = true;
        else if (name == "row" && in_data_) {
            start_row(attribute(attrs, "r"));
            if (is_true(attribute(attrs, "hidden"))) hidden_rows.push_back(row_);  // at most one a row
        } else if (name == "col" && !in_data_ && is_true(attribute(attrs, "hidden"))) {
            // <col min="5" max="7" hidden="1"/>: a span of columns; only the first
            // kMaxWorkbookColumns can hold cells, and each is listed once.
            const long lo = std::max(1L, std::strtol(attribute(attrs, "min") ? attribute(attrs, "min") : "0", nullptr, 10));
            const long hi = std::min<long>(kMaxWorkbookColumns, std::strtol(attribute(attrs, "max") ? attribute(attrs, "max") : "0", nullptr, 10));
            for (long c = lo; c <= hi; c++) hidden_columns[static_cast<size_t>(c)] = true;
        }
        else if (name == "c" && in_data_) start_cell(attribute(attrs, "r"), attribute(attrs, "t"));
        else if (name == "mergeCell") add_merge(attribute(attrs, "ref"));
    }
    void end(std::string_view name) override {
        if (in_c_) {
            if (name == "c") finish_cell();
            else if (name == "v") in_v_ = false;
            else if (name == "f") in_f_ = false;
            else if (name == "is") in_is_ = false;
            else if (in_is_) inline_.end(name);
            return;
        }
        if (name == "sheetData") in_data_ = false;
    }
    void text(std::string_view s) override {
        // A <v> or <f> is a number, an index, an error name or a formula: kMaxCellBytes bounds it.
        auto add = [&](std::string& into) { into.append(s.substr(0, std::min(s.size(), kMaxCellBytes + 1 - std::min(into.size(), kMaxCellBytes + 1)))); };
        if (in_v_) add(v_);
        else if (in_f_) add(f_);
        else if (in_is_) inline_.add(s);
    }

private:
    const std::vector<std::string>& strings_;
    std::string sheet_;
    bool in_data_ = false, in_c_ = false, in_v_ = false, in_f_ = false, in_is_ = false, has_v_ = false, has_f_ = false;
    int row_ = 0, col_ = 0;
    std::string type_, v_, f_;
    TextCollector inline_;

    void start_row(const char* r) {
        int n = row_ + 1;  // a row without r follows the one before
        if (r) {
            char* end = nullptr;
            long v = std::strtol(r, &end, 10);
            if (*r == '\0' || *end != '\0' || v <= 0) fail(WorkbookError::BadCellReference, "行号“" + std::string(r) + "”无效", sheet_);
            if (v > kMaxWorkbookRows) too_many_rows(v);
            n = static_cast<int>(v);
        }
        if (n > kMaxWorkbookRows) too_many_rows(n);
        row_ = n;
        col_ = 0;
    }
    [[noreturn]] void too_many_rows(long row) {
        fail(WorkbookError::TooManyRows,
             "第 " + std::to_string(row) + " 行超过上限（" + std::to_string(kMaxDirectoryRows) + " 个事项行）：请拆分目录表", sheet_);
    }
    void start_cell(const char* r, const char* t) {
        if (row_ == 0) start_row(nullptr);
        int row = row_, col = col_ + 1;
        if (r && !parse_cell_name(r, &row, &col))
            fail(WorkbookError::BadCellReference, "单元格引用“" + std::string(r) + "”无效", sheet_);
        if (row != row_) {  // a cell outside its row: trust the cell
            if (row > kMaxWorkbookRows) too_many_rows(row);
            row_ = row;
        }
        if (col > kMaxWorkbookColumns)
            fail(WorkbookError::TooManyColumns, "单元格超出第 " + std::to_string(kMaxWorkbookColumns) + " 列", sheet_, cell_name(row, col));
        col_ = col;
        in_c_ = true;
        has_v_ = has_f_ = false;
        type_ = t ? t : "";
        v_.clear();
        f_.clear();
        inline_ = {};
    }
    void finish_cell() {
        in_c_ = false;
        std::string value;
        const std::string here = cell_name(row_, col_);
        if ((type_ == "e" || (has_f_ && !has_v_)) && issues.size() >= kMaxCellIssues)
            fail(WorkbookError::TooManyCells, "错误值或未计算的公式超过 " + std::to_string(kMaxCellIssues) + " 个：请检查公式后重新保存", sheet_, here);
        if (type_ == "e") {
            issues.push_back({row_, col_, CellIssue::ErrorValue, v_});
            place("");
            return;
        }
        if (has_f_ && !has_v_) {
            issues.push_back({row_, col_, CellIssue::FormulaWithoutValue, "=" + f_});
            place("");
            return;
        }
        if (type_ == "s") {
            char* end = nullptr;
            unsigned long i = std::strtoul(v_.c_str(), &end, 10);
            if (v_.empty() || *end != '\0' || i >= strings_.size())
                fail(WorkbookError::BadCellReference, "共享字符串编号“" + v_ + "”不存在", sheet_, here);
            value = strings_[i];
        } else if (type_ == "inlineStr") {
            value = unescape_ooxml(std::move(inline_.text));
        } else if (type_ == "str") {
            value = unescape_ooxml(v_);
        } else if (type_ == "b") {
            value = v_ == "1" ? "TRUE" : "FALSE";
        } else if (type_ == "n" || type_.empty()) {
            value = excel_number_text(v_);
        } else {  // "d" (an ISO 8601 date, Strict OOXML) and anything else: as written
            value = v_;
        }
        place(std::move(value));
    }
    void place(std::string value) {
        // A styled empty cell (<c r="Z5" s="3"/>) holds nothing: it must not widen the row.
        bool has_issue = !issues.empty() && issues.back().row == row_ && issues.back().column == col_;
        if (value.empty() && !has_issue) return;
        grid_put(rows, row_, col_, std::move(value), &cells, sheet_);
        text_bytes += rows[static_cast<size_t>(row_ - 1)].fields[static_cast<size_t>(col_ - 1)].text.size();
        if (text_bytes > kMaxDirectoryBytes)
            fail(WorkbookError::SheetTextTooLarge, "工作表的文字超过 " + std::to_string(kMaxDirectoryBytes) + " 字节", sheet_);
    }

private:
    void add_merge(const char* ref) {
        if (!ref) return;
        if (merges.size() >= kMaxWorkbookMerges)
            fail(WorkbookError::TooManyMerges, "合并单元格超过 " + std::to_string(kMaxWorkbookMerges) + " 个", sheet_);
        std::string_view s(ref);
        size_t colon = s.find(':');
        MergeRange m{};
        bool ok = colon != std::string_view::npos && parse_cell_name(s.substr(0, colon), &m.r1, &m.c1) &&
                  parse_cell_name(s.substr(colon + 1), &m.r2, &m.c2);
        if (!ok) fail(WorkbookError::BadCellReference, "合并区域“" + std::string(s) + "”无效", sheet_);
        if (m.r1 > m.r2) std::swap(m.r1, m.r2);
        if (m.c1 > m.c2) std::swap(m.c1, m.c2);
        merges.push_back(m);
    }
};

// Every cell of a merged range takes the value of its top-left cell — what Excel shows.
// A range is clipped to the cells the sheet holds (a whole-column merge A:A must not make a
// million rows); each cell it fills counts against kMaxWorkbookCells, and its text against
// kMaxDirectoryBytes (a long value merged over many cells).
void apply_merges_to(std::vector<GridRow>& rows, const std::vector<MergeRange>& merges, const std::string& sheet,
                     size_t* held, size_t* text_bytes) {
    if (merges.size() > kMaxWorkbookMerges)
        fail(WorkbookError::TooManyMerges, "合并单元格超过 " + std::to_string(kMaxWorkbookMerges) + " 个", sheet);
    int max_col = 0;
    for (auto& r : rows) max_col = std::max(max_col, static_cast<int>(r.fields.size()));
    const int max_row = static_cast<int>(rows.size());
    size_t filled = 0;
    // Which cells a merge already covers: overlapping ranges are a damaged file (Excel repairs
    // it on opening, so what it shows is not what would be published) and the result would
    // depend on the ranges' order. Columns are at most kMaxWorkbookColumns: 32 bytes a row.
    std::vector<std::bitset<kMaxWorkbookColumns + 1>> taken(static_cast<size_t>(max_row) + 1);
    for (const MergeRange& m : merges) {
        if (m.r1 < 1 || m.c1 < 1 || m.r1 > max_row || m.c1 > max_col) continue;
        const auto& top = rows[static_cast<size_t>(m.r1 - 1)].fields;
        std::string value = static_cast<size_t>(m.c1) <= top.size() ? top[static_cast<size_t>(m.c1 - 1)].text : std::string();
        int r2 = std::min(m.r2, max_row), c2 = std::min(m.c2, max_col);
        for (int r = m.r1; r <= r2; r++)
            for (int c = m.c1; c <= c2; c++) {
                if (taken[static_cast<size_t>(r)][static_cast<size_t>(c)])
                    fail(WorkbookError::BadCellReference,
                         "合并区域 " + cell_name(m.r1, m.c1) + ":" + cell_name(m.r2, m.c2) + " 与另一个合并区域在 " + cell_name(r, c) +
                             " 重叠：请在 Excel 中取消合并后重新合并",
                         sheet);
                taken[static_cast<size_t>(r)][static_cast<size_t>(c)] = true;
                if (r == m.r1 && c == m.c1) continue;
                if (++filled > kMaxWorkbookCells)
                    fail(WorkbookError::TooManyCells, "合并单元格覆盖的单元格超过 " + std::to_string(kMaxWorkbookCells) + " 个", sheet);
                *text_bytes += value.size();
                if (*text_bytes > kMaxDirectoryBytes)
                    fail(WorkbookError::SheetTextTooLarge, "工作表的文字（含合并单元格）超过 " + std::to_string(kMaxDirectoryBytes) + " 字节", sheet);
                grid_put(rows, r, c, value, held, sheet);
            }
    }
}

std::string sheet_list(const std::vector<SheetEntry>& sheets) {
    std::string s;
    for (auto& e : sheets) s += (s.empty() ? "“" : "”、“") + e.name;  // quoted: a name may end in a space
    if (!s.empty()) s += "”";
    return s;
}

SheetRead read_xlsx(std::string_view bytes, std::string_view wanted) {
    ZipPackage zip(bytes);
    // The package's relationships name the workbook part; every Excel and libxlsxwriter file
    // has it at xl/workbook.xml, which is also read when _rels/.rels is absent.
    std::string book_part = "xl/workbook.xml";
    if (zip.has("_rels/.rels")) {
        RelationshipsPart package;
        zip.parse("_rels/.rels", package);
        for (auto& [id, r] : package.by_id)
            if (r.type.ends_with("/officeDocument")) book_part = resolve_target(r.target, "");
    }
    const size_t slash = book_part.rfind('/');
    const std::string book_dir = slash == std::string::npos ? "" : book_part.substr(0, slash + 1);
    const std::string book_rels = book_dir + "_rels/" + book_part.substr(book_dir.size()) + ".rels";
    WorkbookPart book;
    zip.parse(book_part, book);
    if (book.sheets.empty()) fail(WorkbookError::NoSheets, "工作簿中没有工作表");
    const SheetEntry* chosen = &book.sheets.front();
    if (!wanted.empty()) {
        auto it = std::find_if(book.sheets.begin(), book.sheets.end(), [&](const SheetEntry& e) { return e.name == wanted; });
        if (it == book.sheets.end())
            fail(WorkbookError::SheetNotFound,
                 "没有名为“" + std::string(wanted) + "”的工作表（工作簿中有：" + sheet_list(book.sheets) + "）", std::string(wanted));
        chosen = &*it;
    }
    if (chosen->state == "hidden" || chosen->state == "veryHidden")
        fail(WorkbookError::SheetHidden,
             "工作表“" + chosen->name + "”是隐藏的：公开的内容必须是办事员看得见的，请取消隐藏或选择另一个工作表", chosen->name);

    RelationshipsPart rels;
    zip.parse(book_rels, rels);
    auto rel = rels.by_id.find(chosen->rel_id);
    if (rel == rels.by_id.end())
        fail(WorkbookError::MissingPart, "工作表“" + chosen->name + "”在 workbook.xml.rels 中没有对应的部件", chosen->name);
    const std::string sheet_part = resolve_target(rel->second.target, book_dir);

    SharedStringsPart strings;
    std::string strings_part = book_dir + "sharedStrings.xml";
    for (auto& [id, r] : rels.by_id)
        if (r.type.ends_with("/sharedStrings")) strings_part = resolve_target(r.target, book_dir);
    if (zip.has(strings_part)) zip.parse(strings_part, strings);

    SheetPart sheet(strings.strings, chosen->name);
    zip.parse(sheet_part, sheet);
    apply_merges_to(sheet.rows, sheet.merges, chosen->name, &sheet.cells, &sheet.text_bytes);

    SheetRead out;
    out.grid.from_workbook = true;
    out.grid.sheet = chosen->name;
    out.grid.rows = std::move(sheet.rows);
    out.grid.issues = std::move(sheet.issues);
    out.grid.hidden_rows = std::move(sheet.hidden_rows);
    for (int c = 1; c <= kMaxWorkbookColumns; c++)
        if (sheet.hidden_columns[static_cast<size_t>(c)]) out.grid.hidden_columns.push_back(c);
    return out;
}

}  // namespace

std::optional<WorkbookFailure> apply_merges(SheetGrid& grid, const std::vector<MergeRange>& merges) {
    size_t held = 0, text_bytes = 0;
    for (auto& r : grid.rows) {
        held += r.fields.size();
        for (auto& f : r.fields) text_bytes += f.text.size();
    }
    try {
        apply_merges_to(grid.rows, merges, grid.sheet, &held, &text_bytes);
    } catch (Failed& f) {
        return std::move(f.f);
    }
    return std::nullopt;
}

SheetRead read_xlsx_sheet(std::string_view bytes, std::string_view sheet) {
    try {
        return read_xlsx(bytes, sheet);
    } catch (Failed& f) {
        SheetRead out;
        out.failure = std::move(f.f);
        return out;
    } catch (std::bad_alloc&) {
        SheetRead out;
        out.failure = WorkbookFailure{WorkbookError::TooManyCells, "内存不足：工作簿过大", {}, {}};
        return out;
    }
}

}  // namespace gongkai
