// See personal_data.h.
#include "personal_data.h"

#include "utf8.h"

namespace gongkai {

const char* to_string(PersonalKind kind) {
    switch (kind) {
    case PersonalKind::IdNumber: return "id-number";
    case PersonalKind::BankCard: return "bank-card";
    case PersonalKind::Mobile: return "mobile";
    case PersonalKind::Landline: return "landline";
    case PersonalKind::DigitRun: return "digit-run";
    }
    return "digit-run";
}

namespace {

// A run shorter than this is a count, an amount, a year, a hotline (12345) or a document
// number; a local landline is 7–8 digits, the shortest personal number there is.
constexpr size_t kMinPersonalDigits = 7;

int digit_of(char32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
    return -1;
}

bool is_x(char32_t c) { return c == 'X' || c == 'x' || c == U'Ｘ' || c == U'ｘ'; }
bool is_group_separator(char32_t c) { return c == ' ' || c == '-' || c == U'　' || c == U'－'; }

// GB 11643: weights 2^(17-i) mod 11 over the first 17 digits; the check character is
// "10X98765432"[sum mod 11].
bool id_check_digit_ok(const std::string& digits17, char32_t check) {
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char kCheck[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (digits17[static_cast<size_t>(i)] - '0') * kWeights[i];
    const char expected = kCheck[sum % 11];
    return expected == 'X' ? is_x(check) : digit_of(check) == expected - '0';
}

bool luhn_ok(const std::string& digits) {
    int sum = 0;
    bool twice = false;
    for (size_t i = digits.size(); i-- > 0;) {
        int d = digits[i] - '0';
        if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

PersonalKind classify(const std::string& digits, bool ends_with_x, bool grouped_as_landline) {
    if (digits.size() == 17 && ends_with_x) return PersonalKind::IdNumber;  // checked by the caller
    if (digits.size() == 18) return PersonalKind::IdNumber;                 // checked by the caller
    if (digits.size() >= 16 && digits.size() <= 19 && luhn_ok(digits)) return PersonalKind::BankCard;
    const std::string mobile = digits.size() == 13 && digits.compare(0, 2, "86") == 0 ? digits.substr(2) : digits;
    if (mobile.size() == 11 && mobile[0] == '1' && mobile[1] >= '3' && mobile[1] <= '9') return PersonalKind::Mobile;
    if (digits[0] == '0' && (grouped_as_landline || (digits.size() >= 10 && digits.size() <= 12))) return PersonalKind::Landline;
    return PersonalKind::DigitRun;
}

}  // namespace

Scrubbed scrub_personal_data(std::string_view text) {
    const std::u32string s = utf8::decode(text);
    Scrubbed out;
    std::u32string result;
    for (size_t i = 0; i < s.size();) {
        // A number starts at a digit, or at a + before one (+86 138…).
        const bool plus = (s[i] == '+' || s[i] == U'＋') && i + 1 < s.size() && digit_of(s[i + 1]) >= 0;
        if (!plus && digit_of(s[i]) < 0) {
            result += s[i++];
            continue;
        }
        const size_t start = i, j = plus ? i + 1 : i;
        // A run of digits, groups joined by one space or hyphen, and an ID's final X.
        std::string digits;
        bool ends_with_x = false, grouped_as_landline = false;
        size_t end = j, groups = 0;
        while (end < s.size()) {
            if (int d = digit_of(s[end]); d >= 0) {
                digits += static_cast<char>('0' + d);
                end++;
                continue;
            }
            if (digits.size() == 17 && is_x(s[end])) {
                ends_with_x = true;
                end++;
                break;
            }
            // Another group of at least 3 digits joins the run (138 1234 5678, 6222-0212-…);
            // a group of 1 or 2 does not (a date 2026-11-26, a range 1-3号).
            size_t next_group = 0;
            if (is_group_separator(s[end]))
                while (end + 1 + next_group < s.size() && digit_of(s[end + 1 + next_group]) >= 0) next_group++;
            if (next_group >= 3) {
                // 021-64871234: an area code, then the number.
                if (groups == 0 && digits[0] == '0' && digits.size() >= 3 && digits.size() <= 4) grouped_as_landline = true;
                groups++;
                end++;
                continue;
            }
            break;
        }
        const size_t count = digits.size() + (ends_with_x ? 1 : 0);
        bool personal = count >= kMinPersonalDigits;
        PersonalKind kind = PersonalKind::DigitRun;
        if (personal) {
            kind = classify(digits, ends_with_x, grouped_as_landline);
            if (kind == PersonalKind::IdNumber) {
                const std::string first17 = digits.substr(0, 17);
                const char32_t check = ends_with_x ? U'X' : static_cast<char32_t>(digits[17]);
                if (!id_check_digit_ok(first17, check)) kind = PersonalKind::DigitRun;  // still personal: a typo'd ID
            }
        }
        if (!personal) {
            // Not personal: copy the run as it was written.
            result.append(s, start, end - start);
            i = end;
            continue;
        }
        out.found.push_back(kind);
        result += utf8::decode(kPersonalMask);
        i = end;
    }
    out.text = utf8::encode(result);
    return out;
}

}  // namespace gongkai
