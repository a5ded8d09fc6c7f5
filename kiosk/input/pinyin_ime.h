// The pinyin candidate engine (拼音候选): the Latin letters a resident has typed ("dibao",
// "sfz", "lvhua" with v for ü) → the candidate bar, Chinese words and phrases best first, as
// an IME shows them. libime (fcitx5's engine, Debian's libimepinyin) does the decoding with its
// system dictionary and language model; the catalogue's own words are added as a user
// dictionary with a boost, so 低保申请 and 社保卡 rank like the everyday words they are here.
// No SDL, no ImGui: the candidate bar that shows the result is the UI's (docs/input.md).
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "errors.h"

namespace libime {
class PinyinIME;
}

namespace gongkai {

struct ItemNames;

// Where libime's data lies. The defaults are where Debian 12 installs it (libime-data,
// libime-data-language-model); kiosk/CMakeLists.txt checks at configure time that they exist.
struct PinyinImeFiles {
    std::string dictionary = GONGKAI_LIBIME_DICTIONARY;          // /usr/share/libime/sc.dict
    std::string language_model = GONGKAI_LIBIME_LANGUAGE_MODEL;  // /usr/lib/<triplet>/libime/zh_CN.lm
};

// Longest input a candidate bar is computed for. The longest catalogue title in full pinyin,
// 城乡居民养老保险参保登记, is 41 letters; 64 leaves room for a sentence of that length while a
// keystroke still decodes in milliseconds (docs/performance.md). Longer input is PinyinTooLong.
// The built-in paths, each overridden by its environment variable when that is set and not
// empty: GONGKAI_LIBIME_DICTIONARY, GONGKAI_LIBIME_LANGUAGE_MODEL (an image that keeps the data
// elsewhere; the tests of a missing file).
PinyinImeFiles pinyin_ime_files_from_environment();

inline constexpr std::size_t kMaxPinyinLetters = 64;

// The words of a catalogue worth typing: every item's title and 一级事项 and the residents'
// own words for it (colloquial terms), cut at anything that is not a Han character
// ("新生儿出生登记（报户口）" → 新生儿出生登记, 报户口), two characters or more, each once.
std::vector<std::string> catalogue_words(const std::vector<ItemNames>& items);

// Thread: load() takes ~90 ms and ~28 MiB (docs/performance.md), so the kiosk calls it once at
// start-up on a worker and hands the engine to the UI when it is done; until then the bar is
// empty. candidates() may be called from any thread; calls are serialised by a mutex (libime's
// decoder keeps caches in the shared model). A keystroke of real input costs p50 0.8 ms,
// p99 4–7 ms, but the longest accepted input of one repeated vowel ("aaaa…", 64 letters) takes
// ~80 ms, five frames: the UI should compute the bar on a worker and show the latest result,
// as search_controller does with its index build (docs/input.md).
class PinyinIme {
public:
    // Loads the dictionary and the language model, then adds `extra_words` (catalogue_words)
    // as a boosted user dictionary. Errors: DictionaryUnavailable, LanguageModelUnavailable
    // (InputError), with the path and libime's reason in the detail.
    static Result<std::unique_ptr<PinyinIme>> load(const PinyinImeFiles& files,
                                                   const std::vector<std::string>& extra_words = {});
    ~PinyinIme();
    PinyinIme(const PinyinIme&) = delete;
    PinyinIme& operator=(const PinyinIme&) = delete;

    // The candidate bar for what has been typed so far, at most `limit` entries, best first,
    // no entry twice. Upper case is read as lower case (a resident with caps lock on); `'`
    // separates syllables as in any IME (xi'an). Empty input gives an empty bar. Anything else
    // that is not a-z is PinyinNotLetters; more than kMaxPinyinLetters letters is PinyinTooLong.
    Result<std::vector<std::string>> candidates(std::string_view typed, std::size_t limit) const;

    // How many of load()'s extra words had a reading and were added.
    std::size_t extra_words_added() const { return extra_words_added_; }

private:
    PinyinIme() = default;
    std::unique_ptr<libime::PinyinIME> ime_;
    std::size_t extra_words_added_ = 0;
    mutable std::mutex decoding_;
};

}  // namespace gongkai
