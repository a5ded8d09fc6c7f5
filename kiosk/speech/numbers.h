// Numbers read as a person reads them, for read-aloud (reading.cpp):
//   * a year before 年 or in a document number's brackets, digit by digit: 2026年 → 二零二六年,
//     国发〔2012〕45号 → 二零一二 … 四十五号;
//   * a code — five or more digits with no unit after them (hotlines 12345, 12333, an
//     11-digit mobile, an 8-digit landline, a postcode), anything starting with 0 (021), or
//     digits after 电话/热线/拨打/号码/编号 — digit by digit: 12345 → yi1 er4 san1 si4 wu3;
//   * anything else as an amount: 12345元 → 一万两千三百四十五元, 30个 → 三十个, 2个 → 两个,
//     11月1日 → 十一月一日, 3.5 → 三点五, 15% → 百分之十五, 9:30 → 九点三十分,
//     2026-11-23 → 二零二六年十一月二十三日, 3-5个 → 三到五个.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

// A syllable a number reads as, and whether it is an 一 whose tone follows the next
// syllable's (一千 yi4 qian1, 一万 yi2 wan4, 一个 yi2 ge4) rather than staying yi1.
struct NumberSyllable {
    std::string pinyin;
    bool yi_sandhi = false;
};

// Digit by digit: "2012" → er4 ling2 yi1 er4.
std::vector<NumberSyllable> digits_reading(std::string_view digits);
// As an amount: "12345" → yi1 wan4 liang3 qian1 san1 bai3 si4 shi2 wu3 (with 一 marked).
// Numbers of more than 16 digits are read digit by digit.
std::vector<NumberSyllable> cardinal_reading(std::string_view digits);

struct NumberReading {
    std::vector<NumberSyllable> syllables;
    size_t length = 0;  // code points of `text` the number took, from `pos`
};
// The number expression starting at text[pos], an ASCII digit, read in its context (the
// characters before and after it). `text` has full-width digits, letters, ％ and ．
// already made ASCII.
NumberReading read_number(std::u32string_view text, size_t pos);

}  // namespace gongkai
