// Personal numbers are masked before a comment or a query is stored (issue 10 §1): each
// kind, and the near misses that must stay as written.
#include <catch2/catch.hpp>

#include "personal_data.h"

using namespace gongkai;

namespace {

std::vector<PersonalKind> kinds(std::string_view text) { return scrub_personal_data(text).found; }
std::string masked(std::string_view text) { return scrub_personal_data(text).text; }

}  // namespace

TEST_CASE("an 18-character ID number is masked when its check digit is right, and still masked when it is not", "[personal]") {
    // 11010519491231002X is the national standard's own example (GB 11643).
    CHECK(masked("我的身份证11010519491231002X丢了") == "我的身份证＊＊＊丢了");
    CHECK(kinds("11010519491231002X") == std::vector{PersonalKind::IdNumber});
    CHECK(kinds("11010519491231002x") == std::vector{PersonalKind::IdNumber});
    CHECK(kinds("１１０１０５１９４９１２３１００２Ｘ") == std::vector{PersonalKind::IdNumber});  // full-width
    // One digit wrong: not a valid ID, but a long run of digits all the same.
    CHECK(kinds("110105194912310021") == std::vector{PersonalKind::DigitRun});
    CHECK(masked("110105194912310021") == "＊＊＊");
}

TEST_CASE("mobile and landline numbers are masked, written the ways people write them", "[personal]") {
    for (const char* phone : {"13812345678", "138 1234 5678", "138-1234-5678", "+8613812345678", "８６１３８１２３４５６７８"}) {
        INFO(phone);
        CHECK(kinds(phone) == std::vector{PersonalKind::Mobile});
        CHECK(masked(std::string("电话") + phone + "联系我") == "电话＊＊＊联系我");
    }
    for (const char* phone : {"021-64871234", "02164871234", "0571-8765432"}) {
        INFO(phone);
        CHECK(kinds(phone) == std::vector{PersonalKind::Landline});
    }
    // A local number without its area code is a long digit run.
    CHECK(kinds("6487 1234") == std::vector{PersonalKind::DigitRun});
}

TEST_CASE("a bank card number that passes the Luhn check is masked", "[personal]") {
    CHECK(kinds("6222021234567890128") == std::vector{PersonalKind::BankCard});  // 19 digits, Luhn-valid
    CHECK(kinds("4111 1111 1111 1111") == std::vector{PersonalKind::BankCard});
    CHECK(masked("卡号4111-1111-1111-1111") == "卡号＊＊＊");
}

TEST_CASE("the hotline, document numbers, dates, amounts, times and ages are not personal and stay as written", "[personal]") {
    for (const char* text : {"12345", "拨打12345热线", "国发〔2012〕45号", "民发〔2021〕57号", "2026-11-26", "2026年11月26日",
                             "1510元", "9:00–17:00", "0-6岁儿童", "45个工作日", "第649号", "100000元", "80岁", "1-3号窗口",
                             "十一月", "123456"}) {
        INFO(text);
        CHECK(kinds(text).empty());
        CHECK(masked(text) == text);
    }
}

TEST_CASE("several numbers in one comment are each masked, and the text around them is kept", "[personal]") {
    auto s = scrub_personal_data("我叫张三，身份证11010519491231002X，手机13812345678，请打12345");
    CHECK(s.text == "我叫张三，身份证＊＊＊，手机＊＊＊，请打12345");
    CHECK(s.found == std::vector{PersonalKind::IdNumber, PersonalKind::Mobile});
    // Invalid UTF-8 and an empty text pass through.
    CHECK(masked("") == "");
    CHECK(kinds("\xff\xfe" "13812345678").size() == 1);
}
