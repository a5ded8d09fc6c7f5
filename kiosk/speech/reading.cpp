// Text → toned pinyin for read-aloud. See reading.h for the contract.
//
// [SECTION] The dictionary: gongkai-reading-gen's table, embedded in the binary (reading_data.cpp)
// [SECTION] Segmentation: the most probable split of a run of Chinese into dictionary words
// [SECTION] Rules for function words the dictionary cannot settle (为, 应, 只, 一, 不)
// [SECTION] The reader: Chinese runs, numbers, Latin words, pauses
#include "reading.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "numbers.h"
#include "reading_blob.h"
#include "unihan.h"
#include "utf8.h"

// reading_data.cpp: the generated table, placed in .rodata by the assembler (.incbin).
extern "C" const unsigned char gongkai_reading_blob[];
extern "C" const unsigned char gongkai_reading_blob_end[];

namespace gongkai {

namespace blob = reading_blob;

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] The dictionary
// ---------------------------------------------------------------------------------------------

struct Entry {
    unsigned length = 0, cost = 0;
    const std::uint16_t* chars = nullptr;
    const std::uint16_t* syllables = nullptr;
};

class Dictionary {
public:
    Dictionary() {
        const unsigned char* base = gongkai_reading_blob;
        std::memcpy(&header_, base, sizeof header_);
        // A table from another layout would be read as garbage: refuse it at once, loudly.
        if (std::memcmp(header_.magic, blob::kMagic, 4) != 0) std::abort();
        syllables_ = reinterpret_cast<const char*>(base + header_.syllables_offset);
        index_ = reinterpret_cast<const std::uint32_t*>(base + header_.index_offset);
        pool_ = reinterpret_cast<const std::uint16_t*>(base + header_.pool_offset);
    }
    size_t size() const { return header_.entry_count; }
    size_t syllable_count() const { return header_.syllable_count; }
    const char* syllable(std::uint16_t id) const { return syllables_ + size_t(id) * blob::kSyllableSlot; }

    Entry entry(size_t i) const {
        const std::uint16_t* p = pool_ + index_[i];
        return {unsigned(p[0] & 0xFF), unsigned(p[0] >> 8), p + 1, p + 1 + (p[0] & 0xFF)};
    }
    // The first entry not less than `key` (entries compare as u16 sequences).
    size_t lower_bound(const char16_t* key, size_t n) const {
        size_t lo = 0, hi = size();
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (less(entry(mid), key, n)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    // Every word starting at key[0] (up to n characters), as (length, entry), shortest first.
    template <class F>
    void words_at(const char16_t* key, size_t n, F&& found) const {
        for (size_t len = 1; len <= std::min<size_t>(n, blob::kMaxWordChars); len++) {
            size_t i = lower_bound(key, len);
            if (i == size()) return;
            Entry e = entry(i);
            // No entry starts with these `len` characters: no longer word can either.
            if (e.length < len || !std::equal(key, key + len, e.chars)) return;
            if (e.length == len) found(e);
        }
    }

private:
    static bool less(const Entry& e, const char16_t* key, size_t n) {
        size_t m = std::min<size_t>(e.length, n);
        for (size_t i = 0; i < m; i++)
            if (e.chars[i] != key[i]) return e.chars[i] < key[i];
        return e.length < n;
    }
    blob::Header header_{};
    const char* syllables_ = nullptr;
    const std::uint32_t* index_ = nullptr;
    const std::uint16_t* pool_ = nullptr;
};

const Dictionary& dictionary() {
    static const Dictionary d;
    return d;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Segmentation
// ---------------------------------------------------------------------------------------------

bool is_han(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

// A character no entry covers (outside the BMP, or with no reading anywhere) costs more than
// any word, so the path avoids it where it can; it is read as nothing.
constexpr unsigned kUnknownCost = blob::kUnihanCost + 1;

struct Word {
    size_t begin = 0, length = 0;  // in the run's characters
    std::optional<Entry> entry;    // nullopt: an unknown character
};

// The most probable split (least total cost = −log of the product of word probabilities),
// by dynamic programming from the run's end, as jieba does without its HMM.
std::vector<Word> segment(const std::u16string& run) {
    const Dictionary& dict = dictionary();
    const size_t n = run.size();
    std::vector<unsigned long> best(n + 1, 0);
    std::vector<Word> choice(n);
    for (size_t i = n; i-- > 0;) {
        best[i] = kUnknownCost + best[i + 1];
        choice[i] = Word{i, 1, std::nullopt};
        dict.words_at(run.data() + i, n - i, [&](const Entry& e) {
            unsigned long c = e.cost + best[i + e.length];
            // Ties go to the longer word (the later one found): 银行 over 银 + 行 at equal cost.
            if (c <= best[i]) { best[i] = c; choice[i] = Word{i, e.length, e}; }
        });
    }
    std::vector<Word> words;
    for (size_t i = 0; i < n; i += choice[i].length) words.push_back(choice[i]);
    return words;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Rules for function words
// ---------------------------------------------------------------------------------------------
// Each applies only to a character standing alone as a word: inside a dictionary word
// (为了, 作为, 应聘, 只有, 一般, 不要) the dictionary's reading stands.

enum class Sandhi { None, Yi, Bu };

std::u16string word_text(const std::u16string& run, const Word& w) { return run.substr(w.begin, w.length); }

bool word_in(const std::u16string& w, std::initializer_list<std::u16string_view> list) {
    for (auto x : list)
        if (w == x) return true;
    return false;
}

// 为 wéi ("is, as": 认定为就业困难人员, 一方为本市户籍, 以家庭为单位) or wèi ("for": 为孩子申报,
// 为保障…). The dictionary's single 为 is wèi; in the formal text of a disclosure catalogue
// the copula is the common one, so wèi is kept for what marks "for": a clause that opens with
// 为 (purpose: 为进一步做好…), and 为 before a person or a pronoun (为您, 为孩子, 为群众).
// After a lone 以 in the same clause it is the 以…为… frame: wéi.
const char* wei_reading(const std::u16string& next, bool clause_start, bool yi_in_clause) {
    if (yi_in_clause) return "wei2";
    if (clause_start) return "wei4";
    if (word_in(next, {u"您", u"你", u"你们", u"我", u"我们", u"他", u"她", u"他们", u"她们", u"其", u"此", u"大家", u"自己",
                       u"人民", u"群众", u"居民", u"市民", u"老人", u"老年人", u"孩子", u"儿童", u"子女", u"家庭", u"企业",
                       u"国家", u"社会", u"残疾人", u"学生", u"患者", u"申请人", u"职工", u"人们", u"百姓", u"老百姓", u"民", u"人"}))
        return "wei4";
    return "wei2";
}

// 只: zhī counts animals and one of a pair after a numeral (一只, 两只, 每只); otherwise the
// adverb zhǐ "only" (只作链接, 只生育). The dictionary's single 只 is zhī.
const char* zhi_reading(const std::u16string& previous) {
    if (word_in(previous, {u"一", u"二", u"两", u"三", u"四", u"五", u"六", u"七", u"八", u"九", u"十", u"几", u"每", u"这", u"那",
                           u"哪", u"多少", u"半"}))
        return "zhi1";
    return "zhi3";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The reader
// ---------------------------------------------------------------------------------------------

struct Piece {
    Syllable syllable;
    Sandhi sandhi = Sandhi::None;
};

struct Text {
    std::u32string cps;          // full-width digits, letters, ％ and ． made ASCII
    std::vector<size_t> begin;   // byte offset of each code point; begin[size] = text size
};

Text decode(std::string_view text) {
    Text t;
    for (size_t i = 0; i < text.size();) {
        t.begin.push_back(i);
        char32_t cp = utf8::next(text, i);
        if (cp >= 0xFF10 && cp <= 0xFF19) cp = '0' + (cp - 0xFF10);
        else if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) cp = cp - 0xFF21 + 'A';
        else if (cp == 0xFF05) cp = '%';
        else if (cp == 0xFF0E) cp = '.';
        t.cps += cp;
    }
    t.begin.push_back(text.size());
    return t;
}

bool is_latin(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

class Reader {
public:
    explicit Reader(std::string_view text) : t_(decode(text)) {}

    std::vector<Syllable> read() {
        const std::u32string& s = t_.cps;
        for (size_t k = 0; k < s.size();) {
            char32_t c = s[k];
            if (is_han(c)) {
                size_t end = k;
                while (end < s.size() && is_han(s[end])) end++;
                read_han(k, end);
                k = end;
            } else if (is_digit(c)) {
                NumberReading n = read_number(s, k);
                for (auto& ns : n.syllables)
                    push(ns.pinyin, k, k + n.length, ns.yi_sandhi ? Sandhi::Yi : Sandhi::None);
                k += std::max<size_t>(n.length, 1);
            } else if (is_latin(c)) {
                size_t end = k;
                while (end < s.size() && is_latin(s[end])) end++;
                std::string word;
                for (size_t i = k; i < end; i++) word += static_cast<char>(s[i]);
                push(word, k, end, Sandhi::None, /*latin=*/true);
                k = end;
            } else {
                // Spaces separate words; anything else (punctuation, a line break, a symbol) is a pause.
                if (c != ' ' && c != 0x3000 && c != '\t') {
                    pause_ = true;
                    yi_in_clause_ = false;
                }
                k++;
            }
        }
        apply_sandhi();
        std::vector<Syllable> out;
        for (auto& p : pieces_) out.push_back(std::move(p.syllable));
        return out;
    }

private:
    void push(std::string pinyin, size_t from, size_t to, Sandhi sandhi, bool latin = false) {
        Piece p;
        p.syllable.pinyin = std::move(pinyin);
        p.syllable.begin = t_.begin[from];
        p.syllable.end = t_.begin[to];
        p.syllable.pause_before = pause_ && !pieces_.empty();
        p.syllable.latin = latin;
        p.sandhi = sandhi;
        pieces_.push_back(std::move(p));
        pause_ = false;
    }

    void read_han(size_t from, size_t to) {
        std::u16string run;
        for (size_t k = from; k < to; k++) {
            char32_t cp = unihan::simplify(t_.cps[k]);  // 銀行 is looked up as 银行
            run += cp <= 0xFFFF ? static_cast<char16_t>(cp) : u'\0';
        }
        const Dictionary& dict = dictionary();
        std::vector<Word> words = segment(run);
        for (size_t wi = 0; wi < words.size(); wi++) {
            const Word& w = words[wi];
            if (!w.entry) continue;
            const std::u16string text = word_text(run, w);
            const bool clause_start = pause_ || pieces_.empty();
            const std::u16string next = wi + 1 < words.size() ? word_text(run, words[wi + 1]) : std::u16string();
            const std::u16string previous = wi > 0 ? word_text(run, words[wi - 1]) : std::u16string();
            for (size_t i = 0; i < w.length; i++) {
                std::string pinyin = dict.syllable(w.entry->syllables[i]);
                Sandhi sandhi = Sandhi::None;
                if (w.length == 1) {
                    if (text == u"为") pinyin = wei_reading(next, clause_start, yi_in_clause_);
                    else if (text == u"应") pinyin = "ying1";  // alone it is the modal "should" (应在, 应自动)
                    else if (text == u"只") pinyin = zhi_reading(previous);
                    else if (text == u"一") sandhi = one_is_ordinal(previous) ? Sandhi::None : Sandhi::Yi;
                    else if (text == u"不") sandhi = Sandhi::Bu;
                }
                size_t k = from + w.begin + i;
                push(std::move(pinyin), k, k + 1, sandhi);
            }
            if (text == u"以") yi_in_clause_ = true;
        }
    }

    // 第一, 统一, 唯一, 万一, 之一: 一 keeps yi1 after these whatever follows.
    static bool one_is_ordinal(const std::u16string& previous) {
        return word_in(previous, {u"第", u"统", u"唯", u"万", u"之", u"初", u"十"});
    }

    // 一 and 不 before the next syllable of the same phrase: 不 bu2 before a fourth tone; 一
    // yi2 before a fourth (or neutral) tone, yi4 before the others, yi1 at a phrase's end.
    void apply_sandhi() {
        for (size_t i = 0; i < pieces_.size(); i++) {
            Piece& p = pieces_[i];
            if (p.sandhi == Sandhi::None) continue;
            char tone = 0;
            if (i + 1 < pieces_.size() && !pieces_[i + 1].syllable.pause_before && !pieces_[i + 1].syllable.latin)
                tone = pieces_[i + 1].syllable.pinyin.back();
            if (p.sandhi == Sandhi::Bu) p.syllable.pinyin = tone == '4' ? "bu2" : "bu4";
            else p.syllable.pinyin = tone == 0 ? "yi1" : (tone == '4' || tone == '5') ? "yi2" : "yi4";
        }
    }

    Text t_;
    std::vector<Piece> pieces_;
    bool pause_ = false;
    bool yi_in_clause_ = false;
};

}  // namespace

std::vector<Syllable> reading_of(std::string_view text) { return Reader(text).read(); }

std::string pinyin_line(const std::vector<Syllable>& syllables) {
    std::string out;
    for (auto& s : syllables) {
        if (!out.empty()) out += ' ';
        out += s.pinyin;
    }
    return out;
}

std::string pinyin_of(std::string_view text) { return pinyin_line(reading_of(text)); }

std::string espeak_input(const std::vector<Syllable>& syllables) {
    std::string out;
    for (auto& s : syllables) {
        if (!out.empty()) out += s.pause_before ? ", " : " ";
        out += s.pinyin;
    }
    return out;
}

ReadingDictionaryInfo reading_dictionary_info() {
    const Dictionary& d = dictionary();
    return {d.size(), d.syllable_count(), size_t(gongkai_reading_blob_end - gongkai_reading_blob)};
}

}  // namespace gongkai
