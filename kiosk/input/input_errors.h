// Errors of on-screen text input (输入): the pinyin candidate engine's data files and the
// text it is given. See errors.h.
#pragma once
#include "errors.h"

namespace gongkai {

enum class InputError {
    DictionaryUnavailable,     // libime's pinyin dictionary (sc.dict, libime-data) is missing or unreadable
    LanguageModelUnavailable,  // libime's language model (zh_CN.lm, libime-data-language-model) is missing or unreadable
    PinyinNotLetters,          // the typed text has something other than the letters a-z (after lower-casing)
    PinyinTooLong,             // the typed text is longer than a candidate bar is computed for (kMaxPinyinLetters)
};
const ErrorDomain& error_domain(InputError);

}  // namespace gongkai
