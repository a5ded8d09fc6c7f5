// Numbers read as a person reads them: which digits are a year, a code or an amount, and
// how an amount is said in Chinese. See numbers.h for the rules and examples.
#include "numbers.h"

#include <array>

namespace gongkai {

namespace {

const std::array<const char*, 10> kDigit = {"ling2", "yi1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3"};

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// Counted things: a number before one of these is a count, so 2 is 两 and 一 changes tone
// (两个, 一个 yi2 ge4, 一年 yi4 nian2). 月, 日, 号, 级, 型 name one thing (二月, 二号, 一级) and
// are left out on purpose. 小 stands for 小时, 分 is a count only in 分钟 (checked apart).
constexpr std::u32string_view kCountWords = U"个人名位户天年周次件项份张本套台辆间家种类条页批岁倍元块所栋座";
// Units and measure words: five digits or more before one of these are an amount
// (12345元), not a code (12345).
constexpr std::u32string_view kUnits =
    U"个人名位户天年周次件项份张本套台辆间家种类条页批岁倍元块所栋座角万亿千百十月日号时分秒米克斤吨度例层室楼期届轮班组平公毫厘";
// Words after which digits are a number to dial or quote, read one by one at any length.
constexpr std::array<std::u32string_view, 9> kCodeWords = {U"电话", U"热线", U"拨打", U"号码", U"编号", U"邮编", U"传真", U"分机", U"致电"};
constexpr std::u32string_view kOpenBrackets = U"〔[【(（［";
constexpr std::u32string_view kCloseBrackets = U"〕]】)）］";
constexpr std::u32string_view kRangeDashes = U"-~～—–";

void add(std::vector<NumberSyllable>& out, const char* s, bool yi = false) { out.push_back({s, yi}); }

// One group of up to four digits (thousands to ones). `most_significant` is true for the
// group that starts the number; `last_unit` tells whether 万/亿 follows the group.
void group_reading(std::vector<NumberSyllable>& out, std::string_view g, bool most_significant, bool unit_follows) {
    static const char* kPlace[] = {"qian1", "bai3", "shi2", nullptr};
    const size_t offset = 4 - g.size();
    bool zero = false, emitted = false;
    for (size_t i = 0; i < g.size(); i++) {
        int d = g[i] - '0';
        const char* place = kPlace[i + offset];
        if (d == 0) { zero = emitted; continue; }
        if (zero) { add(out, "ling2"); zero = false; }
        const bool first = most_significant && !emitted;
        // A number starting in the tens is 十…, not 一十… (十一, 十五万); elsewhere 一十 (一百一十).
        if (!(d == 1 && first && place && i + offset == 2)) {
            // 两 before 千 anywhere (一万两千), and as a number's first digit before 百 or 万/亿 (两百, 两万).
            bool liang = d == 2 && place && (i + offset == 0 || (first && i + offset == 1));
            if (d == 2 && !place && first && i == g.size() - 1 && unit_follows) liang = true;
            // 一 before 百, 千 or 万/亿 changes tone (一百 yi4 bai3, 一万 yi2 wan4).
            bool yi = d == 1 && (place ? i + offset <= 1 : unit_follows);
            add(out, liang ? "liang3" : kDigit[d], yi);
        }
        if (place) add(out, place);
        emitted = true;
    }
}

std::u32string_view digits_at(std::u32string_view text, size_t pos) {
    size_t end = pos;
    while (end < text.size() && is_digit(text[end])) end++;
    return text.substr(pos, end - pos);
}

std::string ascii(std::u32string_view digits) {
    std::string s;
    for (char32_t c : digits) s += static_cast<char>(c);
    return s;
}

void append(std::vector<NumberSyllable>& out, const std::vector<NumberSyllable>& more) { out.insert(out.end(), more.begin(), more.end()); }

bool after_code_word(std::u32string_view text, size_t pos) {
    // Up to two characters between the word and the digits ("拨打：12345", "电话 021…").
    for (auto w : kCodeWords)
        for (size_t gap = 0; gap <= 2; gap++)
            if (pos >= w.size() + gap && text.substr(pos - gap - w.size(), w.size()) == w) return true;
    return false;
}

}  // namespace

std::vector<NumberSyllable> digits_reading(std::string_view digits) {
    std::vector<NumberSyllable> out;
    for (char c : digits)
        if (c >= '0' && c <= '9') add(out, kDigit[c - '0']);
    return out;
}

std::vector<NumberSyllable> cardinal_reading(std::string_view digits) {
    size_t start = digits.find_first_not_of('0');
    if (start == std::string_view::npos) return {{"ling2", false}};
    digits = digits.substr(start);
    // 16 digits is 万亿 (10^12) × 9999: beyond that nobody says the number as an amount.
    if (digits.size() > 16) return digits_reading(digits);
    static const char* kGroupUnit[] = {nullptr, "wan4", "yi4", "wan4"};  // 万, 亿, 万亿 (the 亿 was said with 万亿's group)
    std::vector<NumberSyllable> out;
    const size_t groups = (digits.size() + 3) / 4;
    size_t first_len = digits.size() - (groups - 1) * 4;
    bool zero_pending = false;
    for (size_t gi = 0; gi < groups; gi++) {
        std::string_view g = gi == 0 ? digits.substr(0, first_len) : digits.substr(first_len + (gi - 1) * 4, 4);
        const size_t rank = groups - 1 - gi;  // 0 ones, 1 万, 2 亿, 3 万亿
        if (g.find_first_not_of('0') == std::string_view::npos) { zero_pending = true; continue; }
        // A gap of zeros before this group, or a group under 1000 after a larger one: 零 (一万零五, 十万零五百).
        if (gi > 0 && (zero_pending || g[0] == '0')) add(out, "ling2");
        zero_pending = false;
        std::string_view trimmed = gi == 0 ? g : g.substr(g.find_first_not_of('0'));
        // Keep the places of a trimmed group: group_reading reads by position from the right.
        group_reading(out, trimmed, gi == 0, rank > 0);
        if (rank == 3) { add(out, "wan4"); add(out, "yi4"); }
        else if (rank > 0) add(out, kGroupUnit[rank]);
    }
    return out;
}

NumberReading read_number(std::u32string_view text, size_t pos) {
    NumberReading r;
    std::u32string_view first = digits_at(text, pos);
    size_t end = pos + first.size();
    const char32_t before = pos > 0 ? text[pos - 1] : 0;
    auto at = [&](size_t i) -> char32_t { return i < text.size() ? text[i] : 0; };

    // 2026-11-23: a date as written in notices.
    if (first.size() == 4 && at(end) == '-') {
        std::u32string_view month = digits_at(text, end + 1);
        size_t after_month = end + 1 + month.size();
        std::u32string_view day = at(after_month) == '-' ? digits_at(text, after_month + 1) : std::u32string_view{};
        if (month.size() >= 1 && month.size() <= 2 && day.size() >= 1 && day.size() <= 2) {
            append(r.syllables, digits_reading(ascii(first)));
            add(r.syllables, "nian2");
            append(r.syllables, cardinal_reading(ascii(month)));
            add(r.syllables, "yue4");
            append(r.syllables, cardinal_reading(ascii(day)));
            add(r.syllables, "ri4");
            r.length = after_month + 1 + day.size() - pos;
            return r;
        }
    }
    // 9:30 or 9：30 — a time of day.
    if (first.size() <= 2 && (at(end) == ':' || at(end) == U'：')) {
        std::u32string_view minutes = digits_at(text, end + 1);
        if (minutes.size() == 2) {
            append(r.syllables, cardinal_reading(ascii(first)));
            add(r.syllables, "dian3");
            if (minutes != U"00") {
                append(r.syllables, cardinal_reading(ascii(minutes)));
                add(r.syllables, "fen1");
            }
            r.length = end + 1 + 2 - pos;
            // 9:00–17:00: opening hours are a range, read 九点到十七点.
            if (one_of(at(pos + r.length), kRangeDashes) && is_digit(at(pos + r.length + 1))) {
                add(r.syllables, "dao4");
                r.length += 1;
            }
            return r;
        }
    }
    // 021-64871234: an area code and a landline, digit by digit.
    if (first.size() >= 3 && first.size() <= 4 && first[0] == '0' && at(end) == '-') {
        std::u32string_view line = digits_at(text, end + 1);
        if (line.size() >= 7 && line.size() <= 8) {
            append(r.syllables, digits_reading(ascii(first)));
            append(r.syllables, digits_reading(ascii(line)));
            r.length = end + 1 + line.size() - pos;
            return r;
        }
    }
    // 12,345: thousands separators make it an amount.
    std::string whole = ascii(first);
    bool grouped = false;
    while (at(end) == ',' && digits_at(text, end + 1).size() == 3) {
        whole += ascii(text.substr(end + 1, 3));
        end += 4;
        grouped = true;
    }
    std::string fraction;
    if (at(end) == '.' && is_digit(at(end + 1))) {
        fraction = ascii(digits_at(text, end + 1));
        end += 1 + fraction.size();
    }
    const bool percent = at(end) == '%';
    const char32_t next = percent ? '%' : at(end);
    r.length = end + (percent ? 1 : 0) - pos;

    if (percent) {
        add(r.syllables, "bai3");
        add(r.syllables, "fen1");
        add(r.syllables, "zhi1");
    }
    if (!grouped && fraction.empty() && !percent) {
        const bool year = whole.size() == 4 && (next == U'年' || (one_of(before, kOpenBrackets) && one_of(next, kCloseBrackets)));
        const bool code = (whole.size() >= 5 && !one_of(next, kUnits) && before != U'第') ||
                          (whole.size() >= 2 && whole[0] == '0') || after_code_word(text, pos);
        if (year || code) {
            r.syllables = digits_reading(whole);
            return r;
        }
        // A count: 两个, 一个 (yi2 ge4), 两小时, 一分钟 — not after 第 (第一个 is an ordinal).
        const bool count = before != U'第' && (one_of(next, kCountWords) || (next == U'小' && at(end + 1) == U'时') ||
                                                (next == U'分' && at(end + 1) == U'钟'));
        if (count && whole == "2") { add(r.syllables, "liang3"); return r; }
        if (count && whole == "1") { add(r.syllables, "yi1", true); return r; }
    }
    append(r.syllables, cardinal_reading(whole));
    if (!fraction.empty()) {
        add(r.syllables, "dian3");
        append(r.syllables, digits_reading(fraction));
    }
    // 3-5个 → 三到五个, 30%–50% → 百分之三十到百分之五十, 1.5–2 → 一点五到二: the dash between two
    // numbers is 到; the second number is read on its own.
    const size_t after = pos + r.length;
    if (one_of(at(after), kRangeDashes) && is_digit(at(after + 1))) {
        add(r.syllables, "dao4");
        r.length += 1;
    }
    return r;
}

}  // namespace gongkai
