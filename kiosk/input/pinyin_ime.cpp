// The pinyin candidate engine over libime: loading its data, adding the catalogue's words,
// and one candidate bar per call. See pinyin_ime.h for the contract and its thread.
#include "pinyin_ime.h"

#include <algorithm>

#include <libime/core/userlanguagemodel.h>
#include <libime/pinyin/pinyincontext.h>
#include <libime/pinyin/pinyindictionary.h>
#include <libime/pinyin/pinyinime.h>

#include <cstdlib>
#include <exception>
#include <fstream>
#include <set>
#include <unordered_set>

#include "input/input_errors.h"
#include "model.h"
#include "speech/reading.h"

namespace gongkai {

namespace {

// The catalogue's words are scored by libime as words the language model does not know, far
// below everyday words of the same reading; the cost is added to a word's log10 score. Measured
// on the catalogue's words (docs/input.md): 2 still leaves "dbsq" → 第八十七 and 大别山区 above
// 低保申请; 3 puts 低保申请 first and 低保 first for "db"; 5 floods the bar with sentences the
// boost invents (低保社区, 低保时期 …). 3 it is.
constexpr float kCatalogueWordBoost = 3.0f;
// The words inside the catalogue's phrases (居住证 in 居住证办理) get a smaller boost: they
// are everyday words as well, and boosting them as much as the phrases lets one title's word
// take over a short input (with 3, "db" → 担保 from 创业担保贷款, "gjj" → 国家及 …). Measured
// over tests/test_pinyin_ime.cpp's 42 inputs (top-1 / top-5): pieces not added 33/37; added
// with 0: 34/37; 1: 34/38; 1.5: 33/38; 2 and 2.5: 33/38. 1 it is.
constexpr float kPieceBoost = 1.0f;

// Whole-input sentences before the single words: 2, so a phrase the model ranks second is
// still on the bar ahead of the words of its first syllable.
constexpr std::size_t kSentenceCandidates = 2;

// Fuzzy matching: Inner splits a syllable that may be two (xian → xi'an as well as xian);
// VE_UE accepts lue for lve (略 lüè), which residents type both ways. Not the southern
// z/zh, s/sh, n/l confusions: they double the readings of every syllable and push the
// intended word down for everyone who types standard pinyin.
const libime::PinyinFuzzyFlags kFuzzy{libime::PinyinFuzzyFlag::Inner, libime::PinyinFuzzyFlag::VE_UE};

// One code point from UTF-8, or 0 on a malformed byte (it then counts as "not Han").
char32_t next_code_point(std::string_view s, std::size_t* i) {
    unsigned char c = static_cast<unsigned char>(s[*i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || *i + extra >= s.size()) {  // a lead byte that is not one, or a cut-off sequence
        ++*i;
        return 0;
    }
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
    *i += extra + 1;
    return cp;
}

// CJK Unified Ideographs, Extension A and the supplementary planes' ideographs, and the
// compatibility ideographs: what a pinyin IME types.
bool is_han(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x2FFFF);
}

// Runs of two or more Han characters in `text`, each with its character count.
void han_runs(std::string_view text, std::vector<std::string>* out, std::unordered_set<std::string>* seen) {
    std::string run;
    std::size_t chars = 0;
    auto flush = [&] {
        if (chars >= 2 && seen->insert(run).second) out->push_back(run);
        run.clear();
        chars = 0;
    };
    for (std::size_t i = 0; i < text.size();) {
        std::size_t start = i;
        char32_t cp = next_code_point(text, &i);
        if (is_han(cp)) {
            run.append(text.substr(start, i - start));
            ++chars;
        } else {
            flush();
        }
    }
    flush();
}

// "zui4 di1" → "zui'di": libime's full pinyin, one syllable per character, or "" when the
// reading does not have one syllable per character.
std::string full_pinyin(std::string_view word) {
    std::string toned = pinyin_of(word);
    std::string out;
    std::size_t syllables = 0;
    bool in_syllable = false;
    for (char c : toned) {
        if (c >= 'a' && c <= 'z') {
            if (!in_syllable && syllables++ > 0) out += '\'';
            in_syllable = true;
            out += c;
        } else if (c == ' ') {
            in_syllable = false;
        } else if (c >= '1' && c <= '5') {
            // the tone: libime's dictionary is toneless
        } else {
            return {};  // a letter pinyin_of left as it was: no reading
        }
    }
    std::size_t chars = 0;
    for (std::size_t i = 0; i < word.size();) {
        next_code_point(word, &i);
        ++chars;
    }
    return syllables == chars ? out : std::string();
}

// libime's reason for refusing a file, cut to 200 bytes: KenLM quotes the first line of a file
// that is not a language model, which can be the whole file.
std::string reason(const std::exception& e) {
    std::string what = e.what();
    return what.size() > 200 ? what.substr(0, 200) + "…" : what;
}

bool readable_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return in.good() && in.peek() != std::ifstream::traits_type::eof();
}

}  // namespace

PinyinImeFiles pinyin_ime_files_from_environment() {
    PinyinImeFiles files;
    if (const char* v = std::getenv("GONGKAI_LIBIME_DICTIONARY"); v && *v) files.dictionary = v;
    if (const char* v = std::getenv("GONGKAI_LIBIME_LANGUAGE_MODEL"); v && *v) files.language_model = v;
    return files;
}

std::vector<std::string> catalogue_words(const std::vector<ItemNames>& items) {
    std::vector<std::string> words;
    std::unordered_set<std::string> seen;
    for (const ItemNames& item : items) {
        han_runs(item.title, &words, &seen);
        han_runs(item.level1, &words, &seen);
        for (const std::string& term : item.terms) han_runs(term, &words, &seen);
    }
    return words;
}

Result<std::unique_ptr<PinyinIme>> PinyinIme::load(const PinyinImeFiles& files,
                                                    const std::vector<std::string>& extra_words) {
    // libime throws on a missing or damaged file (std::ios_base::failure, std::runtime_error);
    // a missing file is checked first so the detail names it plainly.
    if (!readable_file(files.dictionary))
        return make_error(InputError::DictionaryUnavailable, files.dictionary + ": missing, empty or unreadable");
    if (!readable_file(files.language_model))
        return make_error(InputError::LanguageModelUnavailable, files.language_model + ": missing, empty or unreadable");
    auto dictionary = std::make_unique<libime::PinyinDictionary>();
    try {
        dictionary->load(libime::PinyinDictionary::SystemDict, files.dictionary.c_str(), libime::PinyinDictFormat::Binary);
    } catch (const std::exception& e) {
        return make_error(InputError::DictionaryUnavailable, files.dictionary + ": " + reason(e));
    }
    std::unique_ptr<libime::UserLanguageModel> model;
    try {
        model = std::make_unique<libime::UserLanguageModel>(files.language_model.c_str());
    } catch (const std::exception& e) {
        return make_error(InputError::LanguageModelUnavailable, files.language_model + ": " + reason(e));
    }
    std::unique_ptr<PinyinIme> engine(new PinyinIme);
    std::unordered_set<std::string> added;
    auto add = [&](const std::string& word, float boost) {
        if (!added.insert(word).second) return;
        std::string pinyin = full_pinyin(word);
        if (pinyin.empty()) return;
        try {
            dictionary->addWord(libime::PinyinDictionary::UserDict, pinyin, word, boost);
            ++engine->extra_words_added_;
        } catch (const std::exception&) {
            // libime refused the reading (a syllable it does not know): the word is left out.
        }
    };
    for (const std::string& phrase : extra_words) {
        add(phrase, kCatalogueWordBoost);
        // The catalogue's phrases are titles and sayings (居住证办理, 吃低保); what residents
        // type is often a word inside one (居住证, 低保). Every 2–4 character piece the
        // language model knows as a word is boosted too (4: the longest common government
        // term, 社会保险 / 失业登记; a longer piece is a phrase of two of them).
        std::vector<std::size_t> starts;  // byte offset of each character, and the end
        for (std::size_t i = 0; i < phrase.size();) {
            starts.push_back(i);
            next_code_point(phrase, &i);
        }
        starts.push_back(phrase.size());
        const std::size_t chars = starts.size() - 1;
        for (std::size_t from = 0; from < chars; ++from)
            for (std::size_t length = 2; length <= 4 && from + length <= chars; ++length) {
                std::string piece = phrase.substr(starts[from], starts[from + length] - starts[from]);
                if (piece.size() == phrase.size()) continue;
                if (model->index(piece) != model->unknown()) add(piece, kPieceBoost);
            }
    }
    engine->ime_ = std::make_unique<libime::PinyinIME>(std::move(dictionary), std::move(model));
    engine->ime_->setNBest(kSentenceCandidates);
    engine->ime_->setFuzzyFlags(kFuzzy);
    return engine;
}

PinyinIme::~PinyinIme() = default;

Result<std::vector<std::string>> PinyinIme::candidates(std::string_view typed, std::size_t limit) const {
    std::string letters;
    letters.reserve(typed.size());
    for (char c : typed) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if ((c < 'a' || c > 'z') && c != '\'')
            return make_error(InputError::PinyinNotLetters, "byte " + std::to_string(letters.size()) + " of the input");
        letters += c;
    }
    // Letters are what cost (libime's lattice); separators are bounded with them, one
    // between any two letters at most.
    const size_t letter_count = letters.size() - static_cast<size_t>(std::count(letters.begin(), letters.end(), '\''));
    if (letter_count > kMaxPinyinLetters)
        return make_error(InputError::PinyinTooLong, std::to_string(letter_count) + " letters, at most " +
                                                         std::to_string(kMaxPinyinLetters));
    if (letters.size() > 2 * kMaxPinyinLetters)
        return make_error(InputError::PinyinTooLong, std::to_string(letters.size()) + " letters and separators, at most " +
                                                         std::to_string(2 * kMaxPinyinLetters));
    std::vector<std::string> bar;
    if (letters.find_first_not_of('\'') == std::string::npos || limit == 0) return bar;
    std::lock_guard<std::mutex> lock(decoding_);
    libime::PinyinContext context(ime_.get());
    context.type(letters);
    std::set<std::string> seen;
    for (const libime::SentenceResult& candidate : context.candidates()) {
        std::string text = candidate.toString();
        // libime offers the letters themselves when it has nothing (vvvv…): not a candidate.
        const bool chinese = std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        if (text.empty() || !chinese || !seen.insert(text).second) continue;
        bar.push_back(std::move(text));
        if (bar.size() == limit) break;
    }
    return bar;
}

}  // namespace gongkai
