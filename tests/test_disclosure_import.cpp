// Issue 11's content on the publish side: validity windows in district time, the 五公开
// category, urgent and targeted notices, result lists with masked names, interpretations
// (解读) and responses (回应) — read from small source folders in tests/data/disclosure
// (copied, then broken on purpose), each mistake named at its file:line:column.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "clock.h"
#include "model.h"
#include "personal_data.h"
#include "source_import.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

// tests/data/disclosure: one domain (the sample table), one guide (dibao-apply), notices of
// every new kind, one interpretation and one response.
std::string copy_disclosure_source(const TempDir& dir, const std::string& name = "source") {
    const std::string src = dir.file(name);
    std::filesystem::copy(std::filesystem::path(GONGKAI_TESTS_DIR) / "data" / "disclosure", src,
                          std::filesystem::copy_options::recursive);
    return src;
}

std::time_t at(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) { return district_moment(y, mo, d, h, mi, s); }

const Notice* notice_by_id(const Catalogue& cat, std::string_view id) {
    for (auto& n : cat.notices)
        if (n.id == id) return &n;
    return nullptr;
}

std::vector<std::string> formatted(const std::vector<SourceProblem>& problems) {
    std::vector<std::string> out;
    for (auto& p : problems) out.push_back(format_problem(p));
    return out;
}

// The head of a notice every case below starts from: lines 1–4.
const std::string kNoticeHead = "[[notice]]\nid = \"n\"\ntitle = \"t\"\nbody = \"b\"\n";

struct ProblemCase {
    const char* name;
    std::string toml;
    int line, column;
    const char* message;  // a fragment of the message
};

// A fresh copy of the disclosure source with `file` replaced by `text`. A new notices.toml
// drops the interpretation and the response too: they link to the notices it replaces.
std::string source_with(const TempDir& dir, const std::string& file, const std::string& text) {
    const std::string src = copy_disclosure_source(dir);
    if (file == "notices.toml") {
        write_file(src + "/interpretations.toml", "");
        write_file(src + "/responses.toml", "");
    }
    write_file(src + "/" + file, text);
    return src;
}

// Imports source_with(file, c.toml): exactly one problem, at the case's position, saying
// the case's words.
void expect_one_problem(const ProblemCase& c, const std::string& file) {
    INFO(c.name);
    INFO(c.toml);
    TempDir dir;
    ImportResult r = import_source(source_with(dir, file, c.toml));
    INFO(Catch::Detail::stringify(formatted(r.problems)));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].file == file);
    CHECK(r.problems[0].line == c.line);
    CHECK(r.problems[0].column == c.column);
    CHECK(r.problems[0].message.find(c.message) != std::string::npos);
}

}  // namespace

//-----------------------------------------------------------------------------
// The model: windows in district time, masking, categories
//-----------------------------------------------------------------------------

TEST_CASE("a date window holds from its first day's 00:00 to its last day's 24:00, district time", "[disclosure][model]") {
    // 2026-12-01 00:00 in the district is 2026-11-30T16:00:00Z, whatever the machine's zone.
    std::time_t utc;
    REQUIRE(parse_rfc3339_utc("2026-11-30T16:00:00Z", &utc));
    CHECK(in_force("2026-12-01", "2026-12-01", utc));
    CHECK_FALSE(in_force("2026-12-01", "2026-12-01", utc - 1));
    CHECK(in_force("2026-12-01", "2026-12-01", at(2026, 12, 1, 23, 59, 59)));
    CHECK_FALSE(in_force("2026-12-01", "2026-12-01", at(2026, 12, 2)));
    // Open bounds.
    CHECK(in_force("", "", 0));
    CHECK(in_force("", "2026-12-01", at(2000, 1, 1)));
    CHECK(in_force("2026-12-01", "", at(2100, 1, 1)));
    // The year changes at the district's midnight.
    CHECK(in_force("", "2026-12-31", at(2026, 12, 31, 23, 59, 59)));
    CHECK_FALSE(in_force("", "2026-12-31", at(2027, 1, 1)));
    CHECK_FALSE(in_force("2027-01-01", "", at(2026, 12, 31, 23, 59, 59)));
    CHECK(in_force("2027-01-01", "", at(2027, 1, 1)));
    // 29 February: a day in 2028, no day in 2027.
    std::time_t end;
    REQUIRE(validity_end("2028-02-29", &end));
    CHECK(end == at(2028, 3, 1));
    CHECK(in_force("2028-02-29", "2028-02-29", at(2028, 2, 29, 12)));
    CHECK_FALSE(in_force("2028-02-29", "2028-02-29", at(2028, 3, 1)));
    CHECK_FALSE(validity_start("2027-02-29", &end));
    CHECK_FALSE(in_force("2027-02-29", "", at(2027, 3, 1)));  // a bound that is no day is never in force
}

TEST_CASE("a minute window holds from its first minute up to, not including, its last", "[disclosure][model]") {
    const std::string from = "2026-12-02T08:00", until = "2026-12-02T18:00";
    CHECK_FALSE(in_force(from, until, at(2026, 12, 2, 7, 59, 59)));
    CHECK(in_force(from, until, at(2026, 12, 2, 8, 0)));
    CHECK(in_force(from, until, at(2026, 12, 2, 17, 59, 59)));
    CHECK_FALSE(in_force(from, until, at(2026, 12, 2, 18, 0)));
    // Across midnight and the year.
    CHECK(in_force("2026-12-31T22:00", "2027-01-01T02:00", at(2027, 1, 1, 1, 59)));
    CHECK_FALSE(in_force("2026-12-31T22:00", "2027-01-01T02:00", at(2027, 1, 1, 2, 0)));
    // A date start and a minute end mix.
    CHECK(in_force("2026-12-02", "2026-12-02T18:00", at(2026, 12, 2, 0, 0)));
    Notice n;
    n.valid_from = from;
    n.valid_until = until;
    CHECK(notice_in_force(n, at(2026, 12, 2, 12)));
    CHECK_FALSE(notice_has_ended(n, at(2026, 12, 2, 17, 59)));
    CHECK(notice_has_ended(n, at(2026, 12, 2, 18)));
    // By days, a notice in force at any minute of a day is current that day.
    CHECK(notice_is_current(n, "2026-12-02"));
    CHECK_FALSE(notice_is_current(n, "2026-12-01"));
    CHECK_FALSE(notice_is_current(n, "2026-12-03"));
    CHECK_FALSE(notice_has_expired(n, "2026-12-02"));
    CHECK(notice_has_expired(n, "2026-12-03"));
}

TEST_CASE("mask_person_name keeps a name's first and last character and hides the rest behind one asterisk", "[disclosure][model]") {
    const std::pair<const char*, const char*> cases[] = {
        {"张三", "张*"},          {"张小明", "张*明"},     {"欧阳小明", "欧*明"},   {"司马相如", "司*如"},
        {"阿依古丽·买买提", "阿*提"}, {"阿依・买买提", "阿*提"}, {"李", "*"},         {"", ""},
        {"张 三", "张*"},         {"John Smith", "J*h"}};
    for (auto [in, out] : cases) {
        INFO(in);
        CHECK(mask_person_name(in) == out);
    }
}

TEST_CASE("category_from_string reads the id, the full name and its first two characters of each of the five", "[disclosure][model]") {
    for (DisclosureCategory c : kDisclosureCategories) {
        const std::string name = category_name(c);
        INFO(name);
        CHECK(category_from_string(name) == c);
        CHECK(category_from_string(name.substr(0, 6)) == c);  // 决策
        CHECK(category_from_string(category_id(c)) == c);
    }
    CHECK(category_from_string("结果") == DisclosureCategory::Result);
    CHECK(category_from_string("decision") == DisclosureCategory::Decision);
    for (const char* wrong : {"", "决", "其他公开", "公开", "Decision", "决策公开 "}) {
        INFO(wrong);
        CHECK_FALSE(category_from_string(wrong).has_value());
    }
    CHECK(std::string(category_name(DisclosureCategory::Unset)).empty());
}

//-----------------------------------------------------------------------------
// Validity text and the 公示期
//-----------------------------------------------------------------------------

TEST_CASE("validity text: a date stays a date, a time becomes its minute, other seconds and zones are refused", "[disclosure][import]") {
    using P = ValidityTextProblem;
    const std::tuple<const char*, const char*, P> cases[] = {
        {"2026-11-23", "2026-11-23", P::None},
        {"2026-11-23T18:00", "2026-11-23T18:00", P::None},
        {"2026-11-23 18:00", "2026-11-23T18:00", P::None},
        {"2026-11-23T18:00:00", "2026-11-23T18:00", P::None},
        {"2026-11-23T18:00:00+08:00", "2026-11-23T18:00", P::None},
        {"2026-11-23t00:00", "2026-11-23T00:00", P::None},
        {"2026-11-23T18:00:30", "", P::Seconds},
        {"2026-11-23T18:00:00.5", "", P::Seconds},
        {"2026-11-23T10:00:00Z", "", P::Offset},
        {"2026-11-23T18:00+09:00", "", P::Offset},
        {"2026-11-23T24:00", "", P::NotADate},
        {"2026-11-23T18", "", P::NotADate},
        {"2026-11-23T18:00+8", "", P::NotADate},
        {"2026-02-29", "", P::NotADate},
        {"2026/11/23", "", P::NotADate},
        {"18:00:00", "", P::NotADate},
    };
    for (auto [in, out, problem] : cases) {
        INFO(in);
        P why = P::None;
        CHECK(normalize_validity_text(in, &why) == out);
        CHECK(why == problem);
    }
}

TEST_CASE("a 公示期 ends on its last whole day for a date, the same minute days later for a time", "[disclosure][import]") {
    const std::tuple<const char*, int, const char*> cases[] = {
        {"2026-11-30", 7, "2026-12-06"},
        {"2026-11-30", 1, "2026-11-30"},
        {"2026-12-28", 7, "2027-01-03"},  // the year changes
        {"2028-02-25", 7, "2028-03-02"},  // 29 February counts
        {"2027-02-25", 7, "2027-03-03"},
        {"2026-11-30T09:00", 7, "2026-12-07T09:00"},
        {"2026-12-31T23:30", 1, "2027-01-01T23:30"},
        {"2026-11-30", 0, ""},
        {"not a date", 7, ""},
    };
    for (auto [from, days, end] : cases) {
        INFO(from << " + " << days);
        CHECK(public_window_end(from, days) == end);
    }
}

//-----------------------------------------------------------------------------
// The source as written
//-----------------------------------------------------------------------------

TEST_CASE("the disclosure source imports: categories, urgent targeted notices, minute windows, 解读 and 回应", "[disclosure][import]") {
    TempDir dir;
    ImportResult r = import_source(copy_disclosure_source(dir));
    INFO(Catch::Detail::stringify(formatted(r.problems)));
    REQUIRE(r.problems.empty());
    const Catalogue& cat = r.catalogue;
    REQUIRE(cat.notices.size() == 4);
    CHECK(cat.notices[0].category == DisclosureCategory::Service);
    CHECK_FALSE(cat.notices[0].urgent);
    CHECK(cat.notices[0].valid_from.empty());
    const Notice* standard = notice_by_id(cat, "dibao-standard-2027");
    REQUIRE(standard);
    CHECK(standard->category == DisclosureCategory::Decision);  // written "决策"
    CHECK(standard->valid_from == "2026-12-01");
    const Notice* water = notice_by_id(cat, "water-cut");
    REQUIRE(water);
    CHECK(water->category == DisclosureCategory::Management);
    CHECK(water->urgent);
    CHECK(water->halls == std::vector<std::string>{"caohejing", "漕河泾街道社区事务受理服务中心"});
    CHECK(water->groups == std::vector<std::string>{"xuhui-south"});
    CHECK(water->valid_from == "2026-12-02T08:00");   // 2026-12-02T08:00:00, a TOML local date-time
    CHECK(water->valid_until == "2026-12-02T18:00");  // "2026-12-02 18:00", quoted
    CHECK_FALSE(water->results);

    REQUIRE(cat.interpretations.size() == 1);
    const Interpretation& in = cat.interpretations[0];
    CHECK(in.id == "dibao-standard-2027-explained");
    CHECK(in.published == "2026-11-20");
    CHECK(in.what_changed == "低保标准从每人每月1510元提高到1550元。");
    CHECK(in.items == std::vector<std::string>{"dibao-apply"});
    CHECK(in.notices == std::vector<std::string>{"dibao-standard-2027"});
    REQUIRE(cat.responses.size() == 1);
    CHECK(cat.responses[0].asked_via == "12345热线");
    CHECK(cat.responses[0].answered == "2026-11-18");
    CHECK(cat.responses[0].items == std::vector<std::string>{"dibao-apply"});
    CHECK(cat.responses[0].notices.empty());
}

TEST_CASE("a result list's names are masked and its personal numbers scrubbed at import, and its window derived", "[disclosure][import]") {
    TempDir dir;
    ImportResult r = import_source(copy_disclosure_source(dir));
    REQUIRE(r.problems.empty());
    const Notice* list = notice_by_id(r.catalogue, "dibao-review-2026-12");
    REQUIRE(list);
    CHECK(list->category == DisclosureCategory::Result);
    CHECK(list->valid_from == "2026-11-30");
    CHECK(list->valid_until == "2026-12-06");  // 7 days from 2026-11-30, none written
    REQUIRE(list->results);
    const ResultList& res = *list->results;
    CHECK(res.public_days == 7);
    CHECK(res.columns == std::vector<std::string>{"姓名", "家庭人数", "保障金额（元/月）", "备注"});
    REQUIRE(res.rows.size() == 4);
    CHECK(res.rows[0] == std::vector<std::string>{"张*明", "3", "4530", "新申请"});
    CHECK(res.rows[1][0] == "李*");
    CHECK(res.rows[1][3] == "联系电话" + std::string(kPersonalMask));
    CHECK(res.rows[2][0] == "欧*娜");
    CHECK(res.rows[3][0] == "阿*提");
    CHECK(res.rows[3][3] == "身份证" + std::string(kPersonalMask));
    // Nothing of a full name or a number is left anywhere in the catalogue's result list.
    for (auto& row : res.rows)
        for (auto& cell : row)
            for (const char* secret : {"张小明", "李四", "欧阳娜娜", "买买提", "13812345678", "310101199001011237"}) {
                INFO(cell);
                CHECK(cell.find(secret) == std::string::npos);
            }
    // The editor is told where a number was scrubbed: notices.toml's rows 2 and 4, column 4's cell.
    REQUIRE(r.warnings.size() == 2);
    CHECK(format_problem(r.warnings[0]) ==
          "notices.toml:41:21: 第2行“备注”中的个人号码已遮盖为＊＊＊：公示表不写身份证号、电话、银行卡号");
    CHECK(r.warnings[1].line == 43);
    CHECK(r.warnings[1].column == 25);
    // The window: in force through the district's 2026-12-06, gone at its midnight.
    CHECK_FALSE(notice_in_force(*list, at(2026, 11, 29, 23, 59)));
    CHECK(notice_in_force(*list, at(2026, 12, 1, 10)));
    CHECK(notice_in_force(*list, at(2026, 12, 6, 23, 59, 59)));
    CHECK_FALSE(notice_in_force(*list, at(2026, 12, 7)));
}

TEST_CASE("a result list that starts at a minute lasts public_days × 24 hours", "[disclosure][import]") {
    TempDir dir;
    const std::string src = copy_disclosure_source(dir);
    std::string notices = slurp(src + "/notices.toml");
    notices.replace(notices.find("valid_from = 2026-11-30"), std::string("valid_from = 2026-11-30").size(),
                    "valid_from = 2026-11-30T09:00:00");
    write_file(src + "/notices.toml", notices);
    ImportResult r = import_source(src);
    REQUIRE(r.problems.empty());
    const Notice* list = notice_by_id(r.catalogue, "dibao-review-2026-12");
    REQUIRE(list);
    CHECK(list->valid_until == "2026-12-07T09:00");
    CHECK(notice_in_force(*list, at(2026, 12, 7, 8, 59)));
    CHECK_FALSE(notice_in_force(*list, at(2026, 12, 7, 9, 0)));
}

TEST_CASE("valid_from and valid_until are read from TOML dates and times and quoted text alike", "[disclosure][import]") {
    const std::pair<const char*, const char*> accepted[] = {
        {"2026-12-02", "2026-12-02"},
        {"\"2026-12-02\"", "2026-12-02"},
        {"2026-12-02T18:00:00", "2026-12-02T18:00"},
        {"2026-12-02 18:00:00", "2026-12-02T18:00"},
        {"2026-12-02T18:00:00+08:00", "2026-12-02T18:00"},
        {"\"2026-12-02T18:00\"", "2026-12-02T18:00"},
        {"\"2026-12-02 18:00\"", "2026-12-02T18:00"},
    };
    for (auto [value, stored] : accepted) {
        INFO(value);
        TempDir dir;
        ImportResult r = import_source(source_with(dir, "notices.toml", kNoticeHead + "valid_until = " + value + "\n"));
        REQUIRE(r.problems.empty());
        CHECK(r.catalogue.notices.at(0).valid_until == stored);
    }
    // A time without seconds outside quotes is no TOML: the syntax error says how to write it.
    {
        TempDir dir;
        ImportResult r = import_source(source_with(dir, "notices.toml", kNoticeHead + "valid_until = 2026-12-02T18:00\n"));
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].line == 5);
        CHECK(r.problems[0].message.starts_with("TOML 语法错误："));
        CHECK(r.problems[0].message.ends_with("（不加引号的时间要写到秒，如 2026-11-23T18:00:00；或加引号写成 \"2026-11-23 18:00\"）"));
    }
    // Refused at the value: line 5, column 15 (after "valid_until = ").
    const std::pair<const char*, const char*> refused[] = {
        {"2026-12-02T18:00:30", "“valid_until”只精确到分钟：秒写 00 或不写，这里是“2026-12-02T18:00:30”"},
        {"2026-12-02T18:00:00.250", "只精确到分钟"},
        {"2026-12-02T10:00:00Z", "“valid_until”按北京时间填写：不写时区，或写 +08:00，这里是“2026-12-02T10:00:00Z”"},
        {"2026-12-02T18:00:00+09:00", "按北京时间填写"},
        {"18:00:00", "“valid_until”应为日期，如 2026-11-01，或日期和时间，如 2026-11-23T18:00:00（不加引号），这里是“18:00:00”"},
        {"\"2026-12-02T24:00\"", "应为日期，如 2026-11-01"},
        {"\"明天\"", "这里是“明天”"},
        {"20261202", "应为日期"},
    };
    for (auto [value, message] : refused)
        expect_one_problem({value, kNoticeHead + "valid_until = " + value + "\n", 5, 15, message}, "notices.toml");
}

TEST_CASE("each mistake in a notice's category, urgency, targets or window is refused at its line and column", "[disclosure][import]") {
    std::string many_halls = "halls = [";
    for (int i = 0; i <= static_cast<int>(kMaxTargetNames); i++) many_halls += (i ? ", \"h" : "\"h") + std::to_string(i) + "\"";
    many_halls += "]\n";
    const ProblemCase cases[] = {
        {"an unknown category", kNoticeHead + "category = \"其他公开\"\n", 5, 12,
         "“category”应为 决策公开、执行公开、管理公开、服务公开 或 结果公开（也可只写前两个字），这里是“其他公开”"},
        {"a category that is not text", kNoticeHead + "category = 3\n", 5, 12, "这里是“（不是文本）”"},
        {"urgent as text", kNoticeHead + "urgent = \"yes\"\nvalid_until = 2026-12-02\n", 5, 10, "“urgent”应为 true 或 false（不加引号）"},
        {"an urgent notice without an end", kNoticeHead + "urgent = true\n", 5, 10,
         "紧急公告（urgent = true）必须写“valid_until”：紧急提示到时自动撤下，不能一直挂着"},
        {"a hall named twice", kNoticeHead + "halls = [\"a\", \"a\"]\n", 5, 15, "“halls”中“a”重复"},
        {"an empty group", kNoticeHead + "groups = [\"\"]\n", 5, 11, "“groups”中有空的名称"},
        {"a group that is a number", kNoticeHead + "groups = [1]\n", 5, 11, "“groups”的每一项都应为文本"},
        {"groups as one text", kNoticeHead + "groups = \"south\"\n", 5, 10, "“groups”应为文本列表"},
        {"a hall name too long", kNoticeHead + "halls = [\"" + std::string(33, 'x') + "\"]\n", 5, 10, "名称最长 32 个字"},
        {"too many halls", kNoticeHead + many_halls, 5, 9, "“halls”最多 64 个名称，这里有 65 个"},
        {"an end before the start", kNoticeHead + "valid_from = 2026-12-05\nvalid_until = 2026-12-04\n", 6, 15, "“valid_until”早于“valid_from”"},
        {"an empty minute window", kNoticeHead + "valid_from = 2026-12-02T18:00:00\nvalid_until = 2026-12-02T18:00:00\n", 6, 15,
         "“valid_until”早于“valid_from”"},
    };
    for (const ProblemCase& c : cases) expect_one_problem(c, "notices.toml");
    // The same day at both ends is a whole day, not a mistake; and a source without any of
    // the new keys (written before issue 11) still imports, uncategorised.
    TempDir dir;
    ImportResult r = import_source(source_with(dir, "notices.toml", kNoticeHead + "valid_from = 2026-12-02\nvalid_until = 2026-12-02\n"));
    CHECK(r.problems.empty());
    CHECK(r.catalogue.notices.at(0).category == DisclosureCategory::Unset);
}

TEST_CASE("each mistake in a result list is refused at its line and column", "[disclosure][import]") {
    // Lines 5–11: a 结果公开 notice and its table.
    auto list = [](const std::string& category, const std::string& window, const std::string& table) {
        return kNoticeHead + "category = \"" + category + "\"\n" + window + "[notice.results]\n" + table;
    };
    const std::string from = "valid_from = 2026-11-30\n";
    const std::string good = "columns = [\"姓名\", \"人数\"]\nname_columns = [\"姓名\"]\npublic_days = 7\nrows = [[\"张三\", 1]]\n";
    auto with = [&](const std::string& key_line_prefix, const std::string& replacement) {
        std::string t = good;
        const size_t at = t.find(key_line_prefix);
        t.replace(at, t.find('\n', at) - at, replacement);
        return t;
    };
    std::string rows_2001 = "rows = [";
    for (size_t i = 0; i <= kMaxSourceResultRows; i++) rows_2001 += std::string(i ? ", " : "") + "[\"张三\", 1]";
    rows_2001 += "]";
    std::string columns_13 = "columns = [\"姓名\"";
    for (size_t i = 1; i <= kMaxSourceResultColumns; i++) columns_13 += ", \"列" + std::to_string(i) + "\"";
    columns_13 += "]";
    const ProblemCase cases[] = {
        {"a table on a notice that is not 结果公开", list("服务公开", from, good), 7, 1,
         "公示表（[notice.results]）只用于结果公开的公告：请写 category = \"结果公开\""},
        {"no start", list("结果公开", "", good), 6, 1, "结果公示必须写“valid_from”：公示从哪一天开始"},
        {"31 days", list("结果公开", from, with("public_days", "public_days = 31")), 10, 15,
         "“public_days”（公示天数）应为 1 到 30 的整数"},
        {"0 days", list("结果公开", from, with("public_days", "public_days = 0")), 10, 15, "应为 1 到 30 的整数"},
        {"no public_days", list("结果公开", from, with("public_days", "")), 7, 1, "公示表缺少“public_days”（公示天数，如 7）"},
        {"an end after the window", list("结果公开", from + "valid_until = 2026-12-07\n", good), 7, 15,
         "公示期为7天：“valid_until”最晚为 2026-12-06，这里是 2026-12-07（可以不写 valid_until，由 public_days 推算）"},
        {"an end before the last day", list("结果公开", from + "valid_until = 2026-12-05\n", good), 7, 15,
         "公示期为7天：“valid_until”不能早于公示的最后一天（2026-12-06），这里是 2026-12-05"},
        {"a row short of a cell", list("结果公开", from, with("rows", "rows = [[\"张三\", 1], [\"李四\"]]")), 11, 20,
         "第2行有 1 格，columns 有 2 列"},
        {"a row that is not a list", list("结果公开", from, with("rows", "rows = [\"张三\"]")), 11, 9, "第1行应为一列一格的列表"},
        {"a cell that is a fraction", list("结果公开", from, with("rows", "rows = [[\"张三\", 1.5]]")), 11, 16,
         "第1行“人数”应为文本或整数"},
        {"two names in a name cell", list("结果公开", from, with("rows", "rows = [[\"张三、李四\", 2]]")), 11, 10,
         "第1行“姓名”每格只写一个人的姓名（最长 20 个字）：“张三、李四”"},
        {"an empty name", list("结果公开", from, with("rows", "rows = [[\"\", 2]]")), 11, 10, "每格只写一个人的姓名"},
        {"a long cell", list("结果公开", from, with("rows", "rows = [[\"张三\", \"" + std::string(101, 'x') + "\"]]")), 11, 16,
         "第1行“人数”最长 100 个字"},
        {"no rows", list("结果公开", from, with("rows", "rows = []")), 11, 8, "“rows”不能为空列表"},
        {"too many rows", list("结果公开", from, with("rows", rows_2001)), 11, 8, "公示表最多 2000 行，这里有 2001 行"},
        {"too many columns", list("结果公开", from, with("columns", columns_13)), 8, 11, "公示表最多 12 列，这里有 13 列"},
        {"a name column left unmasked", list("结果公开", from, with("name_columns", "")), 8, 12,
         "“姓名”列是姓名：请写进 name_columns（导入时按规定遮盖为“张*明”）"},
        {"a name column that is no column", list("结果公开", from, with("name_columns", "name_columns = [\"姓名\", \"名字\"]")), 9,
         23, "“name_columns”中的“名字”不是 columns 中的列"},
        {"results that are not a table", kNoticeHead + "category = \"结果公开\"\n" + from + "results = 3\n", 7, 11,
         "“results”应为表：在这条 [[notice]] 下面单独一行写 [notice.results]"},
    };
    for (const ProblemCase& c : cases) expect_one_problem(c, "notices.toml");
    // The table every case above breaks imports as it is.
    TempDir dir;
    const std::string src = source_with(dir, "notices.toml", list("结果公开", from, good));
    ImportResult r = import_source(src);
    CHECK(r.problems.empty());
    REQUIRE(r.catalogue.notices.at(0).results);
    CHECK(r.catalogue.notices[0].results->rows == std::vector<std::vector<std::string>>{{"张*", "1"}});
}

TEST_CASE("each mistake in interpretations.toml and responses.toml is refused at its line and column", "[disclosure][import]") {
    // Lines 1–8 of an interpretation; each case edits one line.
    const std::string interpretation =
        "[[interpretation]]\nid = \"i\"\ntitle = \"t\"\npublished = 2026-11-20\nwhat_changed = \"a\"\nwho_affected = \"b\"\n"
        "what_to_do = \"c\"\nitems = [\"dibao-apply\"]\n";
    auto edit = [](std::string text, const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    const ProblemCase interpretation_cases[] = {
        {"an item that does not exist", edit(interpretation, "[\"dibao-apply\"]", "[\"dibao-apply\", \"no-such\"]"), 8, 25,
         "没有 id 为“no-such”的事项"},
        {"a notice that does not exist", interpretation + "notices = [\"no-such\"]\n", 9, 12, "没有 id 为“no-such”的公告"},
        {"no link at all", edit(interpretation, "items = [\"dibao-apply\"]\n", ""), 1, 1, "解读要写它解读的事项或公告"},
        {"an empty link list", edit(interpretation, "[\"dibao-apply\"]", "[]"), 1, 1, "解读要写它解读的事项或公告"},
        {"a publication date that is not one", edit(interpretation, "2026-11-20", "\"2026年11月20日\""), 4, 13,
         "“published”应为日期，如 2026-11-01（不加引号），这里是“2026年11月20日”"},
        {"an empty what_to_do", edit(interpretation, "\"c\"", "\"\""), 7, 14, "“what_to_do”为空"},
        {"no title", edit(interpretation, "title = \"t\"\n", ""), 1, 0, "缺少“title”"},
        {"an id no page can be named by", edit(interpretation, "\"i\"", "\"a/b\""), 2, 6, "解读 id 只能用字母、数字和 -：a/b"},
        {"a duplicate id in other case", interpretation + edit(interpretation, "\"i\"", "\"I\""), 10, 6, "解读 id “I”重复（不分大小写）"},
        {"a window the wrong way round", interpretation + "valid_from = 2026-12-05\nvalid_until = 2026-12-01\n", 10, 15,
         "“valid_until”早于“valid_from”"},
        {"a link repeated", edit(interpretation, "[\"dibao-apply\"]", "[\"dibao-apply\", \"dibao-apply\"]"), 8, 25,
         "“items”中“dibao-apply”重复"},
    };
    for (const ProblemCase& c : interpretation_cases) expect_one_problem(c, "interpretations.toml");

    const std::string response = "[[response]]\nid = \"r\"\nquestion = \"q\"\nanswer = \"a\"\nanswered = 2026-11-18\nnotices = [\"standing\"]\n";
    const ProblemCase response_cases[] = {
        {"no answer date", edit(response, "answered = 2026-11-18\n", ""), 1, 0, "缺少“answered”"},
        {"an answer date that is no day", edit(response, "2026-11-18", "\"2026-11-31\""), 5, 12, "“answered”应为日期"},
        {"a notice that does not exist", edit(response, "standing", "gone"), 6, 12, "没有 id 为“gone”的公告"},
        {"no link at all", edit(response, "notices = [\"standing\"]\n", ""), 1, 1, "回应要写它回应的事项或公告"},
        {"an empty answer", edit(response, "\"a\"", "\"  \""), 4, 10, "“answer”为空"},
        {"asked_via that is not text", response + "asked_via = 12345\n", 7, 13, "“asked_via”应为文本"},
        {"a duplicate id", response + response, 8, 6, "回应 id “r”重复（不分大小写）"},
    };
    for (const ProblemCase& c : response_cases) expect_one_problem(c, "responses.toml");
}

TEST_CASE("interpretations.toml and responses.toml are optional", "[disclosure][import]") {
    TempDir dir;
    const std::string src = copy_disclosure_source(dir);
    std::filesystem::remove(src + "/interpretations.toml");
    std::filesystem::remove(src + "/responses.toml");
    ImportResult r = import_source(src);
    CHECK(r.problems.empty());
    CHECK(r.catalogue.interpretations.empty());
    CHECK(r.catalogue.responses.empty());
}

TEST_CASE("a notices.toml that does not parse is one problem, not one more for each link of a 解读 or 回应 to a notice",
          "[disclosure][import]") {
    TempDir dir;
    const std::string src = copy_disclosure_source(dir);
    write_file(src + "/notices.toml", slurp(src + "/notices.toml") + "\n[[notice]\n");
    ImportResult r = import_source(src);
    INFO(Catch::Detail::stringify(formatted(r.problems)));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].file == "notices.toml");
    CHECK(r.problems[0].message.starts_with("TOML 语法错误"));
    // An item link is still checked: the items were read.
    write_file(src + "/responses.toml", "[[response]]\nid = \"r\"\nquestion = \"q\"\nanswer = \"a\"\nanswered = 2026-11-18\n"
                                        "items = [\"gone\"]\nnotices = [\"also-gone\"]\n");
    r = import_source(src);
    REQUIRE(r.problems.size() == 2);
    CHECK(format_problem(r.problems[1]) == "responses.toml:6:10: 没有 id 为“gone”的事项");
}

TEST_CASE("validate --json reports disclosure problems and scrubbed numbers like any other", "[disclosure][publish]") {
    TempDir dir;
    const std::string src = copy_disclosure_source(dir);
    std::string notices = slurp(src + "/notices.toml");
    notices.replace(notices.find("category = \"管理公开\""), std::string("category = \"管理公开\"").size(), "category = \"紧急公开\"");
    write_file(src + "/notices.toml", notices);
    write_file(src + "/responses.toml",
               "[[response]]\nid = \"r\"\nquestion = \"q\"\nanswer = \"a\"\nanswered = 2026-11-18\nitems = [\"dibao-renew\"]\n");
    Run v = publish("validate --source " + src + " --json");
    INFO(v.err);
    CHECK(v.status == 1);
    const auto out = nlohmann::json::parse(v.out);
    const nlohmann::json category = {{"file", "notices.toml"}, {"line", 20}, {"column", 12},
        {"message", "“category”应为 决策公开、执行公开、管理公开、服务公开 或 结果公开（也可只写前两个字），这里是“紧急公开”"}};
    const nlohmann::json link = {{"file", "responses.toml"}, {"line", 6}, {"column", 10}, {"message", "没有 id 为“dibao-renew”的事项"}};
    CHECK(out["errors"] == nlohmann::json::array({category, link}));
    REQUIRE(out["warnings"].size() == 2);
    CHECK(out["warnings"][0]["line"] == 41);
    CHECK(out["warnings"][0]["message"] == "第2行“备注”中的个人号码已遮盖为＊＊＊：公示表不写身份证号、电话、银行卡号");
}

TEST_CASE("the demo source categorises every notice, masks its 低保审核公示 list, and links its 解读 and 回应 to real items",
          "[disclosure][demo]") {
    ImportResult r = import_source(assets_dir().string());
    INFO(Catch::Detail::stringify(formatted(r.problems)));
    REQUIRE(r.problems.empty());
    CHECK(r.warnings.empty());
    const Catalogue& cat = r.catalogue;
    for (auto& n : cat.notices) {
        INFO(n.id);
        CHECK(n.category != DisclosureCategory::Unset);
        CHECK_FALSE(n.urgent);  // urgent notices are the office's, at the time: none in the demo
    }
    const Notice* list = notice_by_id(cat, "dibao-review-2026-12");
    REQUIRE(list);
    CHECK(list->category == DisclosureCategory::Result);
    CHECK(list->valid_from == "2026-11-30");
    CHECK(list->valid_until == "2026-12-06");
    REQUIRE(list->results);
    CHECK(list->results->public_days == 7);
    CHECK(list->results->columns.at(0) == "姓名");
    REQUIRE(list->results->rows.size() == 6);
    const std::vector<std::string> masked = {"王*国", "李*英", "张*明", "欧*华", "陈*", "阿*提"};
    for (size_t i = 0; i < masked.size(); i++) CHECK(list->results->rows[i][0] == masked[i]);
    // In force through the scripted week's start (2026-12-01), not on publication day
    // (2026-11-26) and not after 2026-12-06.
    std::time_t t;
    REQUIRE(parse_rfc3339("2026-12-01T10:00:00+08:00", &t));
    CHECK(notice_in_force(*list, t));
    CHECK_FALSE(notice_in_force(*list, at(2026, 11, 26, 12)));
    CHECK_FALSE(notice_in_force(*list, at(2026, 12, 7)));
    // 解读 and 回应 link the services residents ask about most.
    CHECK(cat.interpretations.size() >= 2);
    CHECK(cat.responses.size() >= 2);
    std::set<std::string> linked;
    for (auto& in : cat.interpretations) linked.insert(in.items.begin(), in.items.end());
    for (auto& resp : cat.responses) linked.insert(resp.items.begin(), resp.items.end());
    for (const char* id : {"dibao-apply", "birth-registration", "resident-pension"}) {
        INFO(id);
        CHECK(linked.count(id));
    }
}
