// Personal data residents type into boxes anyway — an ID number into search, a phone
// number into a comment — found and masked before anything is stored, let alone uploaded
// (issue 10 §1). What counts as personal:
//
//   IdNumber  18 characters: 17 digits and a check digit (0–9 or X) that satisfies
//             ISO 7064 MOD 11-2, as GB 11643 defines the 公民身份号码
//   BankCard  16–19 digits that satisfy the Luhn check (银联 cards are 16–19 long)
//   Mobile    11 digits starting 13–19 (optionally after +86 or 86)
//   Landline  an area code 0 + 2–3 digits, a separator or none, then 7–8 digits
//   DigitRun  any other run of 7 or more digits: a local landline (6487 1234), a
//             15-digit old ID number, an account number, an ID with a typo
//
// Digits may be full-width and grouped by single spaces or hyphens (138 1234 5678,
// 6222-0212-3456-7890). What is not personal and stays: the 12345 hotline, a document
// number 〔2012〕45号, a date 2026-11-26, an amount 1510元, a time 9:00–17:00, an age 0-6岁
// — runs of fewer than 7 digits, or split by other separators.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

enum class PersonalKind { IdNumber, BankCard, Mobile, Landline, DigitRun };
const char* to_string(PersonalKind kind);

struct Scrubbed {
    std::string text;                // each personal number replaced by kPersonalMask
    std::vector<PersonalKind> found;  // what was masked, in order
};

// What replaces a personal number: says that something was there, nothing of what.
inline constexpr std::string_view kPersonalMask = "＊＊＊";

Scrubbed scrub_personal_data(std::string_view text);

}  // namespace gongkai
