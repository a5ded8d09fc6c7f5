// The directory workbooks the office writes (workbook_writer.h): the blank template
// `gongkai-publish template` hands a department, and the demo tables written as workbooks.
// Each workbook is opened as Excel would receive it — a zip of XML parts, read with libzip.
#include <csv.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bundle.h"
#include "source_import.h"
#include "support.h"
#include "workbook_writer.h"

using namespace gongkai;
using namespace gongkai::test;
namespace fs = std::filesystem;

namespace {

// The parts of an .xlsx, by name; a part that is missing reads as "".
struct Parts {
    bool is_zip = false;
    std::vector<std::string> names;
    std::string part(const std::string& name) const {
        auto it = std::find(names.begin(), names.end(), name);
        return it == names.end() ? std::string() : texts[static_cast<std::size_t>(it - names.begin())];
    }
    std::vector<std::string> texts;
};

Parts open_xlsx(const std::string& path) {
    Parts p;
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z) return p;
    p.is_zip = true;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
        std::string text(st.size, '\0');
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        zip_fread(f, text.data(), st.size);
        zip_fclose(f);
        p.names.push_back(st.name);
        p.texts.push_back(std::move(text));
    }
    zip_close(z);
    return p;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) n++;
    return n;
}

// Shared strings are XML-escaped: "&" and "<" never occur in the demo text, so the raw
// UTF-8 is searched directly.
bool has_string(const Parts& x, const std::string& s) { return x.part("xl/sharedStrings.xml").find("<t>" + s + "</t>") != std::string::npos ||
                                                              x.part("xl/sharedStrings.xml").find(">" + s + "</t>") != std::string::npos; }

// A CSV's records as cells (libcsv, the parser the importer uses), the BOM removed.
std::vector<std::vector<std::string>> csv_rows(std::string bytes) {
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    struct State {
        std::vector<std::vector<std::string>> rows{1};
    } st;
    csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    auto on_field = [](void* s, size_t n, void* data) {
        static_cast<State*>(data)->rows.back().emplace_back(static_cast<const char*>(s), n);
    };
    auto on_record = [](int, void* data) { static_cast<State*>(data)->rows.emplace_back(); };
    csv_parse(&p, bytes.data(), bytes.size(), on_field, on_record, &st);
    csv_fini(&p, on_field, on_record, &st);
    csv_free(&p);
    if (st.rows.back().empty()) st.rows.pop_back();
    return st.rows;
}

// A demo table as a workbook sheet: the body below its three header lines, 一级事项 runs merged.
WorkbookSheetSpec demo_sheet(const std::string& domain) {
    auto rows = csv_rows(slurp(assets_dir() / "directory" / (domain + ".csv")));
    WorkbookSheetSpec s;
    s.sheet_name = s.domain_name = domain;
    s.rows.assign(rows.begin() + kDirectoryHeaderRows, rows.end());
    s.merges = level1_run_merges(s.rows);
    return s;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; i++) out += s;
    return out;
}

const char* const kDemoDomains[] = {"就业创业", "社会救助", "社会保险", "户籍管理", "医疗卫生", "城市综合执法", "养老服务"};

}  // namespace

TEST_CASE("the 社会救助 template is one sheet named 社会救助 in a well-formed .xlsx", "[template]") {
    TempDir dir;
    REQUIRE_FALSE(write_directory_workbook(dir.file("社会救助.xlsx"), {directory_template_sheet("社会救助")}));
    Parts x = open_xlsx(dir.file("社会救助.xlsx"));
    REQUIRE(x.is_zip);
    for (const char* part : {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml",
                             "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"})
        CHECK(x.part(part) != "");
    CHECK(x.part("xl/worksheets/sheet2.xml") == "");
    CHECK(x.part("xl/workbook.xml").find("<sheet name=\"社会救助\" sheetId=\"1\"") != std::string::npos);
    // Nothing but the workbook is left in the directory: no temp file, no scratch files.
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("the template's title and two-row header are the standard's, merged as the published table", "[template]") {
    TempDir dir;
    REQUIRE_FALSE(write_directory_workbook(dir.file("t.xlsx"), {directory_template_sheet("社会救助")}));
    Parts x = open_xlsx(dir.file("t.xlsx"));
    const std::string sheet = x.part("xl/worksheets/sheet1.xml");
    SECTION("the title spans all fourteen columns and names the district and the domain") {
        CHECK(has_string(x, "徐汇区社会救助领域基层政务公开标准目录"));
        CHECK(sheet.find("<mergeCell ref=\"A1:N1\"/>") != std::string::npos);
    }
    SECTION("序号 and the six single columns span both header rows; the four groups span their two sub-columns") {
        for (const char* ref : {"A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:J2", "K2:L2", "M2:N2"})
            CHECK(sheet.find("<mergeCell ref=\"" + std::string(ref) + "\"/>") != std::string::npos);
        CHECK(sheet.find("<mergeCells count=\"11\">") != std::string::npos);
    }
    SECTION("every header name the importer maps is there") {
        for (const char* name : {"序号", "公开事项", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                                 "公开渠道和载体", "公开对象", "全社会", "特定群体", "公开方式", "主动", "依申请", "公开层级",
                                 "县级", "乡级"})
            CHECK(has_string(x, name));
    }
    SECTION("the header stays on screen: panes frozen below row 3") {
        CHECK(sheet.find("<pane ySplit=\"3\" topLeftCell=\"A4\" activePane=\"bottomLeft\" state=\"frozen\"/>") != std::string::npos);
    }
    SECTION("it prints one A3 landscape page wide, the header repeated on every page") {
        CHECK(sheet.find("paperSize=\"8\"") != std::string::npos);
        CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
        CHECK(sheet.find("fitToHeight=\"0\"") != std::string::npos);
        CHECK(sheet.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
        CHECK(x.part("xl/workbook.xml").find("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'社会救助'!$2:$3</definedName>") !=
              std::string::npos);
    }
    SECTION("公开内容 and 公开依据 are the widest columns, the tick columns the narrowest after 序号") {
        CHECK(sheet.find("<col min=\"4\" max=\"4\" width=\"34.7109375\"") != std::string::npos);
        CHECK(sheet.find("<col min=\"5\" max=\"5\" width=\"40.7109375\"") != std::string::npos);
        CHECK(sheet.find("<col min=\"9\" max=\"9\" width=\"9.7109375\"") != std::string::npos);
    }
}

TEST_CASE("the template's tick columns accept only √, and 公开渠道和载体 explains the ■/□ form", "[template]") {
    TempDir dir;
    REQUIRE_FALSE(write_directory_workbook(dir.file("t.xlsx"), {directory_template_sheet("社会救助")}));
    const std::string sheet = open_xlsx(dir.file("t.xlsx")).part("xl/worksheets/sheet1.xml");
    CHECK(sheet.find("<dataValidations count=\"4\">") != std::string::npos);
    // One list per tick pair, over all 500 entry rows (4 to 503), holding √ alone.
    for (const char* range : {"I4:J503", "K4:L503", "M4:N503"}) {
        auto at = sheet.find("sqref=\"" + std::string(range) + "\"");
        REQUIRE(at != std::string::npos);
        const std::string element = sheet.substr(sheet.rfind("<dataValidation ", at), sheet.find("</dataValidation>", at) - sheet.rfind("<dataValidation ", at));
        CHECK(element.find("type=\"list\"") != std::string::npos);
        CHECK(element.find("<formula1>\"√\"</formula1>") != std::string::npos);
        CHECK(element.find("errorTitle=\"只能填 √\"") != std::string::npos);
        CHECK(element.find("showInputMessage=\"1\"") != std::string::npos);
    }
    CHECK(count(sheet, "<formula1>\"√\"</formula1>") == 3);
    // The channel prompt lists the thirteen channels in the demo tables' order, each □.
    auto channels = sheet.find("sqref=\"H4:H503\"");
    REQUIRE(channels != std::string::npos);
    CHECK(sheet.find("□政府网站 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 □公开查阅点 □政务服务中心 □便民服务站 "
                     "□入户/现场 □社区/企事业单位/村公示栏（电子屏） □精准推送 □其他") != std::string::npos);
    CHECK(sheet.find("promptTitle=\"公开渠道和载体：■ 用，□ 不用\"") != std::string::npos);
}

TEST_CASE("the title the template writes is one the importer reads the domain back from", "[template]") {
    const std::string header = "序号,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,,公开方式,,公开层级,\r\n"
                               ",一级事项,二级事项,,,,,,全社会,特定群体,主动,依申请,县级,乡级\r\n"
                               "1,综合业务,政策法规文件,内容,依据,10个工作日,区民政局,■政府网站,√,,√,,√,\r\n";
    // 社区矫正 holds 区, the character the importer finds the district's end by.
    for (const char* domain : {"社会救助", "城市综合执法", "社区矫正", "公共法律服务"}) {
        CAPTURE(domain);
        std::vector<SourceProblem> problems;
        DirectoryTable t = parse_directory_table(directory_title(domain) + ",,,,,,,,,,,,,\r\n" + header, "t.csv", problems);
        CHECK(problems.empty());
        CHECK(t.domain_name == domain);
    }
}

TEST_CASE("a domain name that cannot name a sheet or be read back from the title is a named error", "[template]") {
    struct Case { std::string name; ErrorCode expected; };
    const Case cases[] = {
        {"", WorkbookWriteError::DomainEmpty},
        {"   ", WorkbookWriteError::DomainEmpty},
        {"\u3000", WorkbookWriteError::DomainEmpty},  // an ideographic space alone
        {"社会/救助", WorkbookWriteError::DomainNotSheetName},
        {"社会\\救助", WorkbookWriteError::DomainNotSheetName},
        {"[社会救助]", WorkbookWriteError::DomainNotSheetName},
        {"救助:低保", WorkbookWriteError::DomainNotSheetName},
        {"救助*", WorkbookWriteError::DomainNotSheetName},
        {"救助?", WorkbookWriteError::DomainNotSheetName},
        {"'社会救助", WorkbookWriteError::DomainNotSheetName},
        {"History", WorkbookWriteError::DomainNotSheetName},
        {repeat("救", 32), WorkbookWriteError::DomainNotSheetName},  // Excel allows 31 characters
        {"\xC9\xE7\xBB\xE1", WorkbookWriteError::DomainNotSheetName},  // 社会 in GB18030, from a terminal set to it
        {"社会救助领域", WorkbookWriteError::DomainNotInTitle},
        {"社会\n救助", WorkbookWriteError::DomainNotInTitle},
        {" 社会救助", WorkbookWriteError::DomainNotInTitle},
        {"社会救助\u3000", WorkbookWriteError::DomainNotInTitle},
        {"社会救助", ErrorCode()},
        {"国有土地上房屋征收与补偿", ErrorCode()},
        {repeat("救", 31), ErrorCode()},  // the longest Excel allows
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(domain_name_problem(c.name).code == c.expected);
    }
}

TEST_CASE("a workbook is written only to a .xlsx name, and an existing file is replaced only when asked", "[template]") {
    TempDir dir;
    auto files_in_dir = [&] { return std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()); };
    SECTION("a name not ending in .xlsx is OutNotXlsx and nothing is written") {
        for (const char* name : {"t.xls", "t.csv", "t", "t.xlsx.bak", ".xlsx", "t.XLSX.txt"}) {
            CAPTURE(name);
            CHECK(write_directory_workbook(dir.file(name), {directory_template_sheet("社会救助")}).code == WorkbookWriteError::OutNotXlsx);
        }
        CHECK(files_in_dir() == 0);
    }
    SECTION("the extension in any case, as Windows names files") {
        CHECK_FALSE(write_directory_workbook(dir.file("社会救助.XLSX"), {directory_template_sheet("社会救助")}));
        CHECK(open_xlsx(dir.file("社会救助.XLSX")).is_zip);
    }
    SECTION("an existing file is OutExists and keeps its bytes; Replace replaces it") {
        write_file(dir.file("t.xlsx"), "a colleague's filled table");
        CHECK(write_directory_workbook(dir.file("t.xlsx"), {directory_template_sheet("社会救助")}).code == WorkbookWriteError::OutExists);
        CHECK(slurp(dir.file("t.xlsx")) == "a colleague's filled table");
        CHECK(files_in_dir() == 1);
        CHECK_FALSE(write_directory_workbook(dir.file("t.xlsx"), {directory_template_sheet("社会救助")}, ExistingFile::Replace));
        CHECK(open_xlsx(dir.file("t.xlsx")).is_zip);
        CHECK(files_in_dir() == 1);
    }
    SECTION("a directory that does not exist is WorkbookWriteFailed") {
        CHECK(write_directory_workbook(dir.file("no/such/t.xlsx"), {directory_template_sheet("社会救助")}).code ==
              WorkbookWriteError::WorkbookWriteFailed);
    }
    SECTION("sheets the writer cannot lay out are SheetInvalid and nothing is written") {
        WorkbookSheetSpec short_row = directory_template_sheet("社会救助");
        short_row.rows = {{"1", "综合业务"}};
        CHECK(write_directory_workbook(dir.file("t.xlsx"), {short_row}).code == WorkbookWriteError::SheetInvalid);
        CHECK(write_directory_workbook(dir.file("t.xlsx"), {directory_template_sheet("社会救助"), directory_template_sheet("社会救助")}).code ==
              WorkbookWriteError::SheetInvalid);
        WorkbookSheetSpec hidden = directory_template_sheet("社会救助");
        hidden.hidden = true;
        CHECK(write_directory_workbook(dir.file("t.xlsx"), {hidden}).code == WorkbookWriteError::SheetInvalid);
        CHECK(write_directory_workbook(dir.file("t.xlsx"), {}).code == WorkbookWriteError::SheetInvalid);
        CHECK(files_in_dir() == 0);
    }
}

TEST_CASE("each demo table written as a workbook keeps its rows, with its 一级事项 runs merged", "[template]") {
    TempDir dir;
    std::vector<WorkbookSheetSpec> sheets;
    for (const char* d : kDemoDomains) sheets.push_back(demo_sheet(d));
    REQUIRE_FALSE(write_directory_workbook(dir.file("demo.xlsx"), sheets));
    Parts x = open_xlsx(dir.file("demo.xlsx"));
    REQUIRE(x.is_zip);
    for (std::size_t i = 0; i < sheets.size(); i++) {
        CAPTURE(sheets[i].sheet_name);
        CHECK(x.part("xl/workbook.xml").find("<sheet name=\"" + sheets[i].sheet_name + "\"") != std::string::npos);
        CHECK(has_string(x, directory_title(sheets[i].domain_name)));
        const std::string sheet = x.part("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
        CHECK(count(sheet, "<mergeCell ") == 11 + sheets[i].merges.size());
        CHECK_FALSE(sheets[i].merges.empty());
    }
    // 社会救助: 综合业务 spans its rows 1–2 (sheet rows 4–5), 最低生活保障 the next run.
    CHECK(level1_run_merges(demo_sheet("社会救助").rows).front().first_row == 0);
    CHECK(level1_run_merges(demo_sheet("社会救助").rows).front().last_row == 1);
    CHECK(x.part("xl/worksheets/sheet2.xml").find("<mergeCell ref=\"B4:B5\"/>") != std::string::npos);
    // Cell text is kept whole, line breaks included.
    CHECK(x.part("xl/sharedStrings.xml").find("《社会救助暂行办法》\n各地配套政策法规文件") != std::string::npos);
}

TEST_CASE("a workbook may hold hidden sheets beside the visible ones", "[template]") {
    TempDir dir;
    WorkbookSheetSpec lookup = demo_sheet("养老服务");
    lookup.hidden = true;
    REQUIRE_FALSE(write_directory_workbook(dir.file("t.xlsx"), {lookup, demo_sheet("社会救助")}));
    const std::string wb = open_xlsx(dir.file("t.xlsx")).part("xl/workbook.xml");
    CHECK(wb.find("<sheet name=\"养老服务\" sheetId=\"1\" state=\"hidden\"") != std::string::npos);
    CHECK(wb.find("<sheet name=\"社会救助\" sheetId=\"2\" r:id") != std::string::npos);
    CHECK(wb.find("activeTab=\"1\"") != std::string::npos);  // Excel opens on the visible sheet
}

TEST_CASE("gongkai-publish template writes the workbook, and refuses a bad request with exit 2 and nothing written", "[template][cli]") {
    TempDir dir;
    SECTION("a domain writes its template") {
        Run r = publish("template --domain 社会救助 --out " + dir.file("社会救助.xlsx"));
        CHECK(r.status == 0);
        CHECK(r.out.find("社会救助") != std::string::npos);
        Parts x = open_xlsx(dir.file("社会救助.xlsx"));
        REQUIRE(x.is_zip);
        CHECK(has_string(x, "徐汇区社会救助领域基层政务公开标准目录"));
    }
    SECTION("a domain with a character Excel forbids is DomainNotSheetName") {
        Run r = publish("template --domain '社会/救助' --out " + dir.file("t.xlsx"));
        CHECK(r.status == 2);
        CHECK(r.err.find("DomainNotSheetName") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.file("t.xlsx")));
    }
    SECTION("an empty domain is DomainEmpty") {
        Run r = publish("template --domain '' --out " + dir.file("t.xlsx"));
        CHECK(r.status == 2);
        CHECK(r.err.find("DomainEmpty") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.file("t.xlsx")));
    }
    SECTION("a name other than .xlsx is OutNotXlsx") {
        Run r = publish("template --domain 社会救助 --out " + dir.file("t.xls"));
        CHECK(r.status == 2);
        CHECK(r.err.find("OutNotXlsx") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.file("t.xls")));
    }
    SECTION("an existing file is OutExists unless --force") {
        write_file(dir.file("t.xlsx"), "filled in last week");
        Run r = publish("template --domain 社会救助 --out " + dir.file("t.xlsx"));
        CHECK(r.status == 2);
        CHECK(r.err.find("OutExists") != std::string::npos);
        CHECK(slurp(dir.file("t.xlsx")) == "filled in last week");
        CHECK(publish("template --domain 社会救助 --force --out " + dir.file("t.xlsx")).status == 0);
        CHECK(open_xlsx(dir.file("t.xlsx")).is_zip);
    }
    SECTION("with --source, only a domain its catalogue.toml lists") {
        Run r = publish("template --domain 社会求助 --source " + assets_dir().string() + " --out " + dir.file("t.xlsx"));
        CHECK(r.status == 2);
        CHECK(r.err.find("DomainUnknown") != std::string::npos);
        CHECK(r.err.find("社会救助") != std::string::npos);  // the names it does list
        CHECK_FALSE(fs::exists(dir.file("t.xlsx")));
        CHECK(publish("template --domain 养老服务 --source " + assets_dir().string() + " --out " + dir.file("t.xlsx")).status == 0);
    }
}

//-----------------------------------------------------------------------------
// The written workbooks read back by the importer (the readers of branch xlsx-read)
//-----------------------------------------------------------------------------

namespace {

// `catalogue.toml` of a copy of the demo source with each domain's `directory = "directory/<name>.csv"`
// replaced by `replacement(name)`.
void repoint_directories(const std::string& source, const std::function<std::string(const std::string&)>& replacement) {
    std::string toml = slurp(fs::path(source) / "catalogue.toml");
    for (const char* d : kDemoDomains) {
        const std::string line = "directory = \"directory/" + std::string(d) + ".csv\"";
        auto at = toml.find(line);
        REQUIRE(at != std::string::npos);
        toml.replace(at, line.size(), replacement(d));
        fs::remove(fs::path(source) / "directory" / (std::string(d) + ".csv"));
    }
    write_file(fs::path(source) / "catalogue.toml", toml);
}

}  // namespace

TEST_CASE("the 社会救助 template filled with the demo's rows passes gongkai-publish validate", "[template][import]") {
    TempDir dir;
    const std::string source = copy_source(dir);
    std::string toml = slurp(fs::path(source) / "catalogue.toml");
    const std::string line = "directory = \"directory/社会救助.csv\"";
    toml.replace(toml.find(line), line.size(), "directory = \"directory/社会救助.xlsx\"");
    write_file(fs::path(source) / "catalogue.toml", toml);
    fs::remove(fs::path(source) / "directory" / "社会救助.csv");
    // The template as the command writes it, with the demo rows where a clerk types them.
    WorkbookSheetSpec filled = directory_template_sheet("社会救助");
    filled.rows = demo_sheet("社会救助").rows;
    filled.merges = level1_run_merges(filled.rows);
    REQUIRE_FALSE(write_directory_workbook(source + "/directory/社会救助.xlsx", {filled}));

    Run r = publish("validate --source " + source);
    CHECK(r.err == "");
    CHECK(r.status == 0);
    // The same catalogue as the demo's CSVs: its directory rows and guides.
    CHECK(r.out == publish("validate --source " + assets_dir().string()).out);
    CHECK(r.out == "128 items in 7 domains: valid\n");
}

TEST_CASE("the seven demo tables as sheets of one district workbook import to the same catalogue as the CSVs", "[template][import]") {
    TempDir dir;
    const std::string source = copy_source(dir);
    std::vector<WorkbookSheetSpec> sheets;
    for (const char* d : kDemoDomains) sheets.push_back(demo_sheet(d));
    // A hidden sheet last (a department's superseded table): never read, since no domain names it.
    WorkbookSheetSpec old_table = demo_sheet("社会救助");
    old_table.sheet_name = "旧版社会救助";
    old_table.hidden = true;
    sheets.push_back(old_table);
    repoint_directories(source, [](const std::string& d) { return "directory = \"directory/全区目录.xlsx\"\nsheet = \"" + d + "\""; });
    REQUIRE_FALSE(write_directory_workbook(source + "/directory/全区目录.xlsx", sheets));

    ImportResult from_csv = import_source(assets_dir().string()), from_xlsx = import_source(source);
    CHECK(from_csv.problems.empty());
    std::vector<std::string> problems;
    for (auto& p : from_xlsx.problems) problems.push_back(format_problem(p));
    CHECK(problems == std::vector<std::string>{});
    REQUIRE(from_xlsx.catalogue.items.size() == from_csv.catalogue.items.size());
    // The whole catalogue as devices receive it: every item, its standard and its links.
    CHECK(bundle_json(from_xlsx.catalogue) == bundle_json(from_csv.catalogue));
}
