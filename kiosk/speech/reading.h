// Text → toned pinyin ("the reading"), as read-aloud speaks it: Chinese is segmented into
// words by their probability (max-product path over a 349k-word toned dictionary), each
// word read as the dictionary gives it, a character no word covers read by its own most
// common reading; a few function words whose reading the dictionary cannot settle
// (为, 应, 只, 一, 不) are settled by rules on their neighbours; numbers are read as a person
// reads them (numbers.h). No SDL, no I/O: a pure function of the text.
//
// Contract of pinyin_of (also `gongkai-kiosk --pinyin`): syllables separated by single spaces,
// each lower-case pinyin with ü written v and a tone digit 1–5 (5 = neutral): "yin2 hang2".
// Citation tones, except that 一 and 不 take the tone a speaker gives them before the next
// syllable (不便 bu2 bian4, 一次性 yi2 ci4 xing4); third-tone sandhi is left to the speech
// engine. Latin letters pass through as written ("ABC"); punctuation is not spoken and is
// left out; a character with no known reading is left out.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

struct Syllable {
    std::string pinyin;         // "yin2"; a Latin word as written ("ABC")
    size_t begin = 0, end = 0;  // bytes of the text this syllable reads (a number's syllables share its bytes)
    bool pause_before = false;  // punctuation or a line break came before it: the speaker pauses
    bool latin = false;         // passed through as written, not pinyin
};

// The reading of `text` (UTF-8), syllable by syllable.
std::vector<Syllable> reading_of(std::string_view text);
// "yin2 hang2": the syllables joined by single spaces.
std::string pinyin_line(const std::vector<Syllable>& syllables);
// pinyin_line(reading_of(text)).
std::string pinyin_of(std::string_view text);
// What espeak-ng's cmn-latn-pinyin voice is given for the syllables: separated by spaces,
// with ", " where the speaker pauses. (Without a space between them espeak-ng runs two
// syllables together: "yin2hang2" is read as one.)
std::string espeak_input(const std::vector<Syllable>& syllables);

// Size of the built-in dictionary, for docs and the log.
struct ReadingDictionaryInfo {
    size_t words = 0, syllables = 0, bytes = 0;
};
ReadingDictionaryInfo reading_dictionary_info();

}  // namespace gongkai
