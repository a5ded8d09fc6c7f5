// Import of directory tables exactly as Excel exports them, and of the guide sources.
#include <catch2/catch.hpp>
#include <iconv.h>

#include "bundle.h"
#include "source_import.h"
#include "text_encoding.h"
#include "utf8.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

static std::string sample_csv() { return slurp(reference_dir() / "sample-directory-社会救助.csv"); }

// A source of one domain, 社会救助, whose directory is the sample export: guides are added to it.
static void write_assistance_source(const TempDir& dir) {
    write_file(dir.path / "catalogue.toml",
               "name = \"测试\"\nversion = 1\n[[domain]]\nid = \"social-assistance\"\nname = \"社会救助\"\n"
               "directory = \"directory/社会救助.csv\"\n");
    write_file(dir.path / "directory/社会救助.csv", sample_csv());
}

static std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
    return s;
}

TEST_CASE("the sample Excel export parses: title, two-row header, fill-down, multi-line cells, boxes, ticks", "[import]") {
    std::vector<SourceProblem> problems;
    DirectoryTable t = parse_directory_table(sample_csv(), "sample.csv", problems);
    CHECK(problems.empty());
    CHECK(t.encoding == TextEncoding::Utf8Bom);
    CHECK(t.title == "徐汇区社会救助领域基层政务公开标准目录");
    CHECK(t.domain_name == "社会救助");
    REQUIRE(t.rows.size() == 8);
    // Row 2's 一级事项 is a merged cell exported blank: filled down from row 1.
    CHECK(t.rows[0].level1 == "综合业务");
    CHECK(t.rows[1].level1 == "综合业务");
    CHECK(t.rows[1].level2 == "监督检查");
    CHECK(t.rows[3].level1 == "最低生活保障");
    CHECK(t.rows[3].level2 == "办事指南");
    // Multi-line cell → one element per line.
    CHECK(t.rows[3].standard.content_elements ==
          std::vector<std::string>{"办理事项", "办理条件", "最低生活保障标准", "申请材料", "办理流程", "办理时间、地点", "联系方式"});
    // ■ ticked, □ not.
    CHECK(t.rows[0].standard.channels == std::vector<std::string>{"政府网站", "公开查阅点", "政务服务中心"});
    CHECK(t.rows[4].standard.channels == std::vector<std::string>{"社区/企事业单位/村公示栏（电子屏）"});
    // √ columns.
    CHECK(t.rows[0].standard.audience == std::vector<std::string>{"全社会"});
    CHECK(t.rows[0].standard.mode == std::vector<std::string>{"主动"});
    CHECK(t.rows[0].standard.tier == std::vector<std::string>{"县级", "乡级"});
    CHECK(t.rows[4].standard.tier == std::vector<std::string>{"乡级"});
    CHECK(t.rows[4].standard.time_limit == "制定或获取信息之日起10个工作日内；在居（村）委会公示7个工作日");
    // Line numbers count the physical lines of multi-line records.
    CHECK(t.rows[0].line == 4);
    CHECK(t.rows[1].line == 7);  // row 1 spans lines 4–6
}

TEST_CASE("GB18030, UTF-8 without BOM, and LF line endings give the same table", "[import]") {
    std::vector<SourceProblem> p0, p1, p2;
    std::string utf8 = sample_csv().substr(3);  // without BOM
    DirectoryTable bom = parse_directory_table(sample_csv(), "a.csv", p0);
    DirectoryTable gb = parse_directory_table(to_gb18030(utf8), "b.csv", p1);
    DirectoryTable lf = parse_directory_table(replace_all(utf8, "\r\n", "\n"), "c.csv", p2);
    CHECK(p0.empty());
    CHECK(p1.empty());
    CHECK(p2.empty());
    CHECK(gb.encoding == TextEncoding::Gb18030);
    CHECK(lf.encoding == TextEncoding::Utf8);
    REQUIRE(gb.rows.size() == bom.rows.size());
    REQUIRE(lf.rows.size() == bom.rows.size());
    for (size_t i = 0; i < bom.rows.size(); i++) {
        CHECK(gb.rows[i].level2 == bom.rows[i].level2);
        CHECK(gb.rows[i].standard.basis == bom.rows[i].standard.basis);
        CHECK(lf.rows[i].standard.content_elements == bom.rows[i].standard.content_elements);
    }
}

TEST_CASE("a table without a required column names the column and the header line", "[import]") {
    std::string csv = replace_all(sample_csv(), ",公开时限,", ",时限,");
    std::vector<SourceProblem> problems;
    parse_directory_table(csv, "missing.csv", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == "missing.csv");
    CHECK(problems[0].line == 3);
    CHECK(problems[0].message == "缺少列“公开时限”：请使用标准目录的表头");
}

TEST_CASE("a tick column holding anything but √ is reported at its cell", "[import]") {
    // Row 1 (line 4) ends "…,√,,√,,√,√": turn its 全社会 tick into an x.
    std::string csv = sample_csv();
    size_t row = csv.find("\r\n1,");
    size_t tick = csv.find(",√,,√,,√,√", row);
    csv.replace(tick, std::string(",√").size(), ",x");
    std::vector<SourceProblem> problems;
    parse_directory_table(csv, "tick.csv", problems);
    REQUIRE(problems.size() == 2);  // the bad mark, and the audience left unticked
    CHECK(format_problem(problems[0]) == "tick.csv:6:9: “全社会”列只能填 √ 或留空，这里是“x”");
    CHECK(format_problem(problems[1]) == "tick.csv:6:9: “公开对象”未勾选：在“全社会”或“特定群体”下填 √");
}

TEST_CASE("bytes that are neither UTF-8 nor GB18030 are refused with their offset", "[import]") {
    std::string bad = "\xff\xff\xff,broken\r\n";
    std::vector<SourceProblem> problems;
    parse_directory_table(bad, "bytes.csv", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.starts_with("SourceEncoding:"));
    CHECK(problems[0].message.find("offset 0") != std::string::npos);
}

TEST_CASE("an empty required cell is reported with its line and column", "[import]") {
    std::string csv = replace_all(sample_csv(), "监督检查", "");
    std::vector<SourceProblem> problems;
    parse_directory_table(csv, "empty.csv", problems);
    REQUIRE(problems.size() == 1);
    CHECK(format_problem(problems[0]) == "empty.csv:7:3: “二级事项”为空：请填写事项名称");
}

TEST_CASE("directory item ids depend only on domain, 一级事项 and 二级事项", "[import][ids]") {
    std::string a = directory_item_id("social-assistance", "最低生活保障", "办事指南");
    CHECK(a == directory_item_id("social-assistance", "最低生活保障", "办事指南"));
    CHECK(a.starts_with("social-assistance."));
    CHECK(a.size() == std::string("social-assistance.").size() + 8);
    CHECK(a != directory_item_id("social-assistance", "特困人员救助供养", "办事指南"));
    // The separator keeps "ab|c" and "a|bc" apart.
    CHECK(directory_item_id("d", "ab", "c") != directory_item_id("d", "a", "bc"));
    // Pinned: ids are printed on QR codes and stored in feedback, so the hash must never change.
    CHECK(a == "social-assistance.6f78be59");
}

TEST_CASE("a guide source with mistakes is refused with file, line and what to fix", "[import]") {
    TempDir dir;
    write_assistance_source(dir);
    write_file(dir.path / "guides/01-x.toml",
               "id = \"dibao\"\ntitle = \"最低生活保障申请\"\ndomain = \"社会救助\"\nlevel1 = \"最低生活保障\"\n"
               "summary = \"低保\"\nmaterials = [\"身份证\"]\nsteps = [\"申请\"]\nwhere = \"街道\"\n"
               "[[directory]]\nlevel1 = \"最低生活保障\"\nlevel2 = \"不存在的事项\"\n");
    write_file(dir.path / "guides/02-y.toml", "id = \"dibao\"\ntitle = \"重复\"\n");
    write_file(dir.path / "guides/03-z.toml", "id = \"broken\nx");
    ImportResult r = import_source(dir.path.string());
    std::vector<std::string> messages;
    for (auto& p : r.problems) messages.push_back(format_problem(p));
    CHECK_THAT(messages, Catch::Matchers::VectorContains(std::string(
                             "guides/01-x.toml:9:1: [[directory]] 指向的事项“最低生活保障 / 不存在的事项”不在“社会救助”目录表中")));
    CHECK_THAT(messages, Catch::Matchers::VectorContains(std::string("guides/02-y.toml:1:6: id “dibao”已被其他事项使用（不分大小写）")));
    CHECK_THAT(messages, Catch::Matchers::VectorContains(std::string("guides/02-y.toml:1: 缺少“domain”")));
    bool syntax = false;
    for (auto& m : messages) syntax |= m.starts_with("guides/03-z.toml:1:") && m.find("TOML 语法错误") != std::string::npos;
    CHECK(syntax);
}

TEST_CASE("a guide's colloquial names past what a device takes are refused at the key", "[import][hostile]") {
    TempDir dir;
    write_assistance_source(dir);
    std::string many = "colloquial = [";
    for (int i = 0; i < 65; i++) many += (i ? ", \"叫法" : "\"叫法") + std::to_string(i) + "\"";
    many += "]\n";
    const std::string guide = "id = \"dibao\"\ntitle = \"最低生活保障申请\"\ndomain = \"社会救助\"\nlevel1 = \"最低生活保障\"\n"
                              "summary = \"低保\"\nmaterials = [\"身份证\"]\nsteps = [\"申请\"]\nwhere = \"街道\"\n";
    write_file(dir.path / "guides/01-x.toml", guide + many);
    std::string long_one;
    for (int i = 0; i < 43; i++) long_one += "很";
    write_file(dir.path / "guides/02-y.toml", "id = \"dibao2\"" + guide.substr(guide.find('\n')) + "colloquial = [\"" + long_one + "\"]\n");
    ImportResult r = import_source(dir.path.string());
    std::vector<std::string> messages;
    for (auto& p : r.problems) messages.push_back(format_problem(p));
    CHECK_THAT(messages, Catch::Matchers::VectorContains(std::string("guides/01-x.toml:9:14: 叫法最多 64 个，这里有 65 个")));
    CHECK_THAT(messages, Catch::Matchers::VectorContains(std::string("guides/02-y.toml:9:14: 有一个叫法太长：每个最多 42 个汉字")));
}

TEST_CASE("half-width brackets in Chinese text become full-width at import, and other brackets stay", "[import][typography]") {
    const std::pair<const char*, const char*> cases[] = {
        {"公开内容(要素)", "公开内容（要素）"},
        {"《条例》(国务院令第711号)", "《条例》（国务院令第711号）"},
        {"《通知》(民办函〔2019〕52号)", "《通知》（民办函〔2019〕52号）"},
        {"民发[2012]220号", "民发〔2012〕220号"},
        {"(第三版)", "（第三版）"},
        {"电话(021)64870000", "电话（021）64870000"},
        {"(021)64870000", "(021)64870000"},        // no Chinese inside or beside
        {"f(x) = 1", "f(x) = 1"},
        {"未配对(的括号", "未配对(的括号"},          // unmatched: left as written
        {"[2012]", "[2012]"},                       // no issuer before it
        {"已经是（全角）", "已经是（全角）"},
    };
    for (auto [in, out] : cases) {
        INFO(in);
        CHECK(full_width_brackets(in) == out);
    }
    // In the demo catalogue as imported: no half-width bracket pair is left in Chinese text.
    auto result = import_source(GONGKAI_ASSETS_DIR);
    REQUIRE(result.problems.empty());
    for (auto& item : result.catalogue.items)
        if (item.standard)
            for (auto& b : item.standard->basis) {
                INFO(b);
                CHECK(b.find("》(") == std::string::npos);
            }
}

TEST_CASE("a notice date that is not a real YYYY-MM-DD day is refused at its line, quoted or not", "[import][notices]") {
    TempDir dir;
    for (const char* value : {"\"2026-13-45\"", "\"2026/11/01\"", "\"2026年11月1日\"", "\"2026-02-29\"", "\"26-11-01\""}) {
        INFO(value);
        std::string src = copy_source(dir);
        std::string notices = slurp(src + "/notices.toml");
        notices.replace(notices.find("valid_from = 2026-11-01"), std::string("valid_from = 2026-11-01").size(), std::string("valid_from = ") + value);
        write_file(src + "/notices.toml", notices);
        auto r = import_source(src);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].file == "notices.toml");
        CHECK(r.problems[0].message.find("应为日期，如 2026-11-01") != std::string::npos);
        std::filesystem::remove_all(src);
    }
    // A real day, quoted, is fine (2028 is a leap year).
    std::string src = copy_source(dir);
    std::string notices = slurp(src + "/notices.toml");
    notices.replace(notices.find("valid_until = 2027-12-31"), std::string("valid_until = 2027-12-31").size(), "valid_until = \"2028-02-29\"");
    write_file(src + "/notices.toml", notices);
    CHECK(import_source(src).problems.empty());
}

TEST_CASE("a catalogue using more distinct characters than a kiosk can draw clearly is refused by validate", "[import][hostile]") {
    TempDir dir;
    std::string src = copy_source(dir);
    // 6,100 distinct ideographs pasted into one notice: over 6,000 whatever the demo adds.
    std::string many;
    for (char32_t cp = 0x4E00; cp < 0x4E00 + 6100; cp++) utf8::append(many, cp);
    write_file(src + "/notices.toml", slurp(src + "/notices.toml") + "\n[[notice]]\nid = \"pasted\"\ntitle = \"x\"\nbody = \"" + many + "\"\n");
    auto r = import_source(src);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.find("目录用字过多") != std::string::npos);
    CHECK(import_source(GONGKAI_ASSETS_DIR).problems.empty());  // the demo's ~2,100 are fine
}

TEST_CASE("the thesaurus is read from thesaurus.toml, and each mistake is refused at its line and column", "[import][thesaurus]") {
    TempDir dir;
    // The demo source's thesaurus imports whole.
    {
        std::string src = copy_source(dir);
        auto r = import_source(src);
        REQUIRE(r.problems.empty());
        CHECK(r.warnings.empty());
        REQUIRE(r.catalogue.thesaurus.size() >= 40);
        CHECK(r.catalogue.thesaurus.front().means == std::vector<std::string>{"失业"});
        std::filesystem::remove_all(src);
    }
    // A meaning no item uses (an item was withdrawn) is a warning at its line, and the
    // entry keeps the meanings that are used; an entry left with none is dropped.
    {
        std::string src = copy_source(dir);
        write_file(src + "/thesaurus.toml", "[[entry]]\nwords = [\"看病\"]\nmeans = [\"医保\", \"火星移民\"]\n"
                                            "[[entry]]\nwords = [\"上火星\"]\nmeans = [\"火星移民\"]\n");
        auto r = import_source(src);
        CHECK(r.problems.empty());
        REQUIRE(r.warnings.size() == 2);
        CHECK(r.warnings[0].file == "thesaurus.toml");
        CHECK(r.warnings[0].line == 3);
        CHECK(r.warnings[0].message.find("“火星移民”在目录的任何事项中都没有出现") != std::string::npos);
        REQUIRE(r.catalogue.thesaurus.size() == 1);
        CHECK(r.catalogue.thesaurus[0].means == std::vector<std::string>{"医保"});
        std::filesystem::remove_all(src);
    }
    struct Case {
        const char* toml;
        int line, column;  // column: the value's (after "words = "), 0 for a key that is missing
        const char* message;
    };
    const Case cases[] = {
        {"[[entry]]\nwords = [\"看 病\"]\nmeans = [\"医保\"]\n", 2, 9, "“看 病”不能用作同义词"},
        {"[[entry]]\nwords = [\"一二三四五六七八九十一二三四五六七\"]\nmeans = [\"医保\"]\n", 2, 9, "最长 16 个字"},
        {"[[entry]]\nwords = [\"看病\"]\n", 1, 0, "缺少“means”"},
        {"[[entry]]\nwords = []\nmeans = [\"医保\"]\n", 2, 9, "“words”不能为空列表"},
        {"[[entry]]\nwords = \"看病\"\nmeans = [\"医保\"]\n", 2, 9, "应为文本列表"},
        {"entry = 3\n", 1, 9, "应写成 [[entry]] 表"},
    };
    for (const Case& c : cases) {
        INFO(c.toml);
        std::string src = copy_source(dir);
        write_file(src + "/thesaurus.toml", c.toml);
        auto r = import_source(src);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].file == "thesaurus.toml");
        CHECK(r.problems[0].line == c.line);
        CHECK(r.problems[0].column == c.column);
        CHECK(r.problems[0].message.find(c.message) != std::string::npos);
        std::filesystem::remove_all(src);
    }
    // 33 words to a side is past the limit; 32 is not.
    for (size_t n : {kMaxThesaurusWordsPerSide, kMaxThesaurusWordsPerSide + 1}) {
        std::string words;
        for (size_t i = 0; i < n; i++) words += std::string(words.empty() ? "" : ", ") + "\"词" + std::to_string(i) + "\"";
        std::string src = copy_source(dir);
        write_file(src + "/thesaurus.toml", "[[entry]]\nwords = [" + words + "]\nmeans = [\"医保\"]\n");
        CHECK(import_source(src).problems.size() == (n > kMaxThesaurusWordsPerSide ? 1u : 0u));
        std::filesystem::remove_all(src);
    }
}
