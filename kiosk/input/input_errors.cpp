// InputError's names and messages. No `default:` — a new code must be named here.
#include "input_errors.h"

namespace gongkai {

static const char* input_error_name(int value) {
    switch (static_cast<InputError>(value)) {
    case InputError::DictionaryUnavailable: return "DictionaryUnavailable";
    case InputError::LanguageModelUnavailable: return "LanguageModelUnavailable";
    case InputError::PinyinNotLetters: return "PinyinNotLetters";
    case InputError::PinyinTooLong: return "PinyinTooLong";
    }
    return "Unknown";
}

static const char* input_error_message(int value) {
    switch (static_cast<InputError>(value)) {
    case InputError::DictionaryUnavailable: return "the pinyin dictionary (package libime-data) could not be loaded";
    case InputError::LanguageModelUnavailable:
        return "the pinyin language model (package libime-data-language-model) could not be loaded";
    case InputError::PinyinNotLetters: return "pinyin is typed with the letters a to z only (v for ü)";
    case InputError::PinyinTooLong: return "the pinyin typed is too long for the candidate bar";
    }
    return "unknown error";
}

const ErrorDomain& error_domain(InputError) {
    static const ErrorDomain domain{"input", input_error_name, input_error_message};
    return domain;
}

}  // namespace gongkai
