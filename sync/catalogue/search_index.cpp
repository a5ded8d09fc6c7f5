// See search_index.h. [SECTION] index:
//   [SECTION] Normalisation     — UTF-8 ↔ UTF-32, traditional → simplified, question words
//   [SECTION] Documents         — what text of an item is searched, by field
//   [SECTION] Index             — postings per field, by character, initial and syllable
//   [SECTION] Matching          — substring, pinyin (full / initials / mixed), sound-alike
//   [SECTION] Search            — candidates, early stop by field, ranking
#include "search_index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string.h>  // memmem
#include <type_traits>
#include <unordered_map>

#include "heap_size.h"
#include "segmenter.h"
#include "unihan.h"
#include "utf8.h"

namespace gongkai {

//-----------------------------------------------------------------------------
// [SECTION] Normalisation
//-----------------------------------------------------------------------------

namespace {



char32_t normalize_char(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII → ASCII
    if (c == 0x3000) c = ' ';
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 0x3400 && c <= 0xFFFF) c = unihan::simplify(c);
    return c;
}

using utf8::is_han;
bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string normalize_for_search(std::string_view text) {
    std::u32string s = utf8::decode(text);
    for (auto& c : s) c = normalize_char(c);
    return utf8::encode(s);
}

// Question words and particles, longest first, so 怎么办理 goes before 怎么 leaves 办理
// behind. These never name a service; 办理/申请 are kept because titles contain them.
static const char* const kQuestionWords[] = {
    "什么时候发", "什么时候", "要不要钱", "收不收费", "多长时间", "要带什么", "带什么",   "需要什么", "要多久",   "多少钱",   "怎么申请", "如何申请", "怎么领取", "怎么领",
    "怎么办理", "在哪里办理", "在哪儿办理", "到哪里办", "去哪里办", "在哪里办", "哪里可以办", "哪里办",
    "怎么办",   "怎么样",     "怎么",       "如何",     "在哪里",   "在哪儿",   "哪里",       "哪儿",
    "怎样",     "什么",       "请问",       "我想",     "我要",     "能不能",   "可以吗",     "吗",
    "呢",       "了",         "的",         "啊",       "吧",       "？",       "?",          "，",
    ",",        "。",         "！",         "!"};

// Only the phrases of two characters or more (多少钱, 怎么办): a sentence keeps its
// particles for the segmenter, so 走了 and 没了 stay words (and 了 alone is dropped later).
static std::string strip_question_phrases(std::string_view normalized) {
    std::string s(normalized);
    for (const char* w : kQuestionWords) {
        const size_t len = std::strlen(w);
        if (len < 6) continue;  // one character (3 UTF-8 bytes) or ASCII punctuation
        for (size_t p; (p = s.find(w)) != std::string::npos;) s = s.substr(0, p) + " " + s.substr(p + len);
    }
    return s;
}

std::string strip_question_words(std::string_view normalized) {
    const auto& kWords = kQuestionWords;
    std::string s(normalized);
    // As-you-type with an IME, a question word arrives a character at a time: "低保怎"
    // is "低保" plus the start of 怎么. Drop a trailing start of a question word (2+
    // characters long) when something else remains.
    for (const char* w : kWords) {
        std::string word(w);
        if (word.size() < 6) continue;  // 2+ CJK characters
        for (size_t cut = word.size() - 3; cut >= 3; cut -= 3) {
            std::string head = word.substr(0, cut);
            if (s.size() > head.size() && s.compare(s.size() - head.size(), head.size(), head) == 0) {
                s.resize(s.size() - head.size());
                break;
            }
            if (cut == 3) break;
        }
    }
    for (const char* w : kWords) {
        size_t len = std::strlen(w);
        // Rebuilt rather than replace()d: GCC 12 warns falsely (-Wrestrict, bug 105651) on it.
        for (size_t p; (p = s.find(w)) != std::string::npos;) s = s.substr(0, p) + " " + s.substr(p + len);
    }
    return s;
}

const char* to_string(SearchField f) {
    switch (f) {
    case SearchField::Title: return "title";
    case SearchField::Term: return "term";
    case SearchField::Summary: return "summary";
    case SearchField::Body: return "body";
    }
    return "body";
}

const char* to_string(MatchKind k) {
    switch (k) {
    case MatchKind::Exact: return "exact";
    case MatchKind::Prefix: return "prefix";
    case MatchKind::Substring: return "substring";
    case MatchKind::Pinyin: return "pinyin";
    case MatchKind::Initials: return "initials";
    case MatchKind::SoundAlike: return "sound-alike";
    }
    return "substring";
}

const char* to_string(QuestionFrame f) {
    switch (f) {
    case QuestionFrame::Fee: return "fee";
    case QuestionFrame::Duration: return "duration";
    case QuestionFrame::Where: return "where";
    case QuestionFrame::Payday: return "payday";
    case QuestionFrame::Materials: return "materials";
    }
    return "fee";
}

std::optional<QuestionFrame> question_frame_from_string(std::string_view s) {
    for (std::size_t f = 0; f < kQuestionFrameCount; f++)
        if (s == to_string(static_cast<QuestionFrame>(f))) return static_cast<QuestionFrame>(f);
    return std::nullopt;
}

std::optional<QuestionFrame> question_frame_of(std::string_view q) {
    // Checked in this order: 什么时候发 before 什么 alone, 要带什么 before 要什么.
    static const std::pair<QuestionFrame, std::vector<const char*>> kFrames[] = {
        {QuestionFrame::Payday, {"什么时候发", "什么时候到账", "几号发", "哪天发", "啥时候发", "什么时候给", "什么时候能拿到", "什么时候领"}},
        {QuestionFrame::Materials, {"要带什么", "带什么", "什么材料", "哪些材料", "要准备什么", "需要什么", "要什么证"}},
        {QuestionFrame::Fee, {"多少钱", "要不要钱", "要钱吗", "收费", "收不收费", "花多少", "免费吗", "费用"}},
        {QuestionFrame::Duration, {"要多久", "多久", "多长时间", "几天", "多少天", "几个工作日", "多快"}},
        {QuestionFrame::Where, {"在哪里", "在哪儿", "去哪里", "去哪儿", "到哪里", "到哪儿", "哪里办", "哪儿办", "在哪", "什么地方", "地址"}},
    };
    for (auto& [frame, phrases] : kFrames)
        for (const char* p : phrases)
            if (q.find(p) != std::string_view::npos) return frame;
    return std::nullopt;
}

static const char* const kHallHoursPhrases[] = {"营业时间", "办公时间", "上班时间", "开门时间", "开放时间", "工作时间",
                                                 "几点开门", "几点关门", "几点上班", "几点下班", "周末上班", "周六上班",
                                                 "星期六上班", "周日上班", "星期天上班", "节假日上班"};

bool asks_hall_hours(std::string_view q) {
    for (const char* p : kHallHoursPhrases)
        if (q.find(p) != std::string_view::npos) return true;
    return false;
}

namespace {

int numeral_digit(char32_t c) {
    switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    }
    return -1;
}

int numeral_unit(char32_t c) {
    switch (c) {
    case U'十': return 10;
    case U'百': return 100;
    case U'千': return 1000;
    }
    return 0;
}

// The value of a run of numerals written the usual way (八十, 一百二十, 十五, 三千零六),
// or -1 when the run is not one number (一一, 万一, 百百).
long numeral_value(std::u32string_view run) {
    long total = 0, digit = -1;
    int last_unit = 10000;
    for (char32_t c : run) {
        if (int d = numeral_digit(c); d >= 0) {
            if (digit >= 0 && !(digit == 0)) return -1;  // two digits in a row (but 零 before a digit)
            digit = d;
        } else if (int u = numeral_unit(c)) {
            if (u >= last_unit) return -1;
            total += (digit < 0 ? 1 : digit) * u;  // 十五: the 十 alone means 1 × 10
            if (digit == 0) return -1;
            digit = -1;
            last_unit = u;
        } else {
            return -1;
        }
    }
    return total + std::max(digit, 0L);
}

// After a lone numeral, what makes it a count rather than part of a word: 一个月, 六岁,
// 二型, 零到六岁, 三天.
bool counts_something(char32_t next) {
    static const std::u32string kUnits = U"岁周个年月天日元号型到至多以万次人口";
    return kUnits.find(next) != std::u32string::npos;
}

}  // namespace

std::u32string arabic_numbers(std::u32string_view text) {
    std::u32string out;
    for (size_t i = 0; i < text.size();) {
        size_t j = i;
        while (j < text.size() && (numeral_digit(text[j]) >= 0 || numeral_unit(text[j]))) j++;
        if (j == i) { out += text[i++]; continue; }
        std::u32string_view run = text.substr(i, j - i);
        const bool starts_well = numeral_digit(run[0]) >= 0 || run[0] == U'十';
        const bool lone = run.size() == 1;
        const long value = starts_well ? numeral_value(run) : -1;
        const bool convert = value >= 0 && (!lone || (j < text.size() && counts_something(text[j])) ||
                                            (i > 0 && (text[i - 1] == U'到' || text[i - 1] == U'至')));
        if (convert)
            for (char c : std::to_string(value)) out += static_cast<char32_t>(c);
        else
            out += run;
        i = j;
    }
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Documents
//-----------------------------------------------------------------------------

SearchDocument search_document(const Item& item, int domain_order, int order) {
    auto append = [](std::string& body, const std::string& s) {
        if (!s.empty()) { body += s; body += '\n'; }
    };
    SearchDocument d;
    d.id = item.id;
    d.domain_id = item.domain_id;
    d.domain_order = domain_order;
    d.order = order;
    d.guide = item.kind == ItemKind::Guide;
    d.title = normalize_for_search(item.title);
    for (auto& t : item.terms) d.terms.push_back(normalize_for_search(t));
    d.summary = normalize_for_search(item.summary);
    std::string body = item.level1 + "\n";
    if (item.standard) {
        for (auto& s : item.standard->content_elements) append(body, s);
        append(body, item.standard->time_limit);
        for (auto& s : item.standard->bodies) append(body, s);
    }
    if (item.guide) {
        for (auto* list : {&item.guide->eligibility, &item.guide->materials, &item.guide->steps}) for (auto& s : *list) append(body, s);
        append(body, item.guide->where);
        append(body, item.guide->time_limit);
    }
    for (auto& w : item.workflow) append(body, w.step + " " + w.detail);
    d.body = normalize_for_search(body);
    // Aliases: the group the item is listed under (and, in merge_linked_row, the rows it shows).
    if (!item.level1.empty() && item.level1 != item.title) d.aliases.push_back(normalize_for_search(item.level1));
    // Answers: the guide's own lines, as its page shows them.
    if (item.guide) {
        const ServiceGuide& g = *item.guide;
        d.answers[static_cast<size_t>(QuestionFrame::Fee)] = g.fee;
        d.answers[static_cast<size_t>(QuestionFrame::Duration)] = g.time_limit;
        d.answers[static_cast<size_t>(QuestionFrame::Where)] = g.where;
        std::string materials;
        for (auto& m : g.materials) materials += (materials.empty() ? "" : "；") + m;
        d.answers[static_cast<size_t>(QuestionFrame::Materials)] = materials;
        // When money arrives: the first line that says it is paid out.
        std::vector<const std::string*> lines{&g.summary};
        for (auto* list : {&g.steps, &g.eligibility}) for (auto& l : *list) lines.push_back(&l);
        for (const std::string* l : lines)
            if (l->find("发放") != std::string::npos || l->find("到账") != std::string::npos || l->find("按月") != std::string::npos) {
                d.answers[static_cast<size_t>(QuestionFrame::Payday)] = *l;
                break;
            }
    }
    return d;
}

void merge_linked_row(SearchDocument& guide, const SearchDocument& row, std::string_view row_title) {
    if (!title_names_document_kind(row_title) && row.title != guide.title && guide.aliases.size() < kMaxSearchNames &&
        std::find(guide.aliases.begin(), guide.aliases.end(), row.title) == guide.aliases.end())
        guide.aliases.push_back(row.title);
    for (auto& t : row.terms)
        if (guide.terms.size() < kMaxSearchNames && std::find(guide.terms.begin(), guide.terms.end(), t) == guide.terms.end())
            guide.terms.push_back(t);
    guide.body += row.summary + "\n" + row.body;
}

std::vector<SearchDocument> search_documents(const Catalogue& cat) {
    std::vector<SearchDocument> docs;
    docs.reserve(cat.items.size());
    int order = 0;
    for (auto& item : cat.items) {
        int domain_order = 0;
        for (size_t i = 0; i < cat.domains.size(); i++)
            if (cat.domains[i].id == item.domain_id) domain_order = static_cast<int>(i);
        docs.push_back(search_document(item, domain_order, order++));
    }
    std::unordered_map<std::string, size_t> at;
    for (size_t i = 0; i < docs.size(); i++) at.emplace(docs[i].id, i);
    std::vector<char> merged(docs.size(), 0);
    for (size_t g = 0; g < cat.items.size(); g++) {
        if (cat.items[g].kind != ItemKind::Guide) continue;
        for (const std::string& link : cat.items[g].links) {
            auto row = at.find(link);
            if (row == at.end() || merged[row->second] || cat.items[row->second].kind != ItemKind::Directory) continue;
            merged[row->second] = 1;
            merge_linked_row(docs[g], docs[row->second], cat.items[row->second].title);
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < docs.size(); i++) {
        if (merged[i]) continue;
        if (kept != i) docs[kept] = std::move(docs[i]);  // never onto itself: a moved-from string is empty
        kept++;
    }
    docs.resize(kept);
    return docs;
}

//-----------------------------------------------------------------------------
// [SECTION] Index
//-----------------------------------------------------------------------------

namespace {

// strlen of every syllable, once: the pinyin matcher asks for them in its inner loop.
const std::vector<std::uint8_t>& syllable_lengths() {
    static const std::vector<std::uint8_t> lengths = [] {
        std::vector<std::uint8_t> v(unihan::kSyllableCount);
        for (unsigned i = 0; i < unihan::kSyllableCount; i++) v[i] = static_cast<std::uint8_t>(std::strlen(unihan::kSyllables[i]));
        return v;
    }();
    return lengths;
}

// Bit n set: a reading of `c` starts with 'a' + n (a Latin letter: itself). From a table
// of the BMP built once per process (256 KiB), not stored per character of every title
// and term (4 bytes each: 7 MiB at 50,000 items); the pinyin matcher reads it per
// character, so it is a lookup, not a walk of the readings.
std::uint32_t initials_mask(char32_t c) {
    static const std::vector<std::uint32_t> masks = [] {
        std::vector<std::uint32_t> m(0x10000, 0);
        for (char32_t ch = 0; ch < 0x10000; ch++)
            for (unsigned short r : unihan::readings(ch)) m[ch] |= 1u << (unihan::kSyllables[r][0] - 'a');
        for (char32_t ch = 'a'; ch <= 'z'; ch++) m[ch] = 1u << (ch - 'a');
        return m;
    }();
    return c < 0x10000 ? masks[c] : 0;  // readings() knows the BMP only
}

// A term is numbered in 16 bits where spellings name it (Spellings): a document's terms
// past that are still matched, only not spelt whole, and literal_in names none of them.
constexpr std::size_t kMaxTermNumber = UINT16_MAX;

}  // namespace

SearchLanguage SearchLanguage::standard(std::vector<ThesaurusEntry> thesaurus) {
    return SearchLanguage{Segmenter::shared_dictionary(), std::move(thesaurus)};
}

void SearchIndex::build(std::vector<SearchDocument> docs, SearchLanguage language) {
    dictionary_ = std::move(language.dictionary);
    // The catalogue's own words segment a question whole (长护险, 吃低保, 报户口 are
    // not in a general dictionary): curated terms, aliases and both sides of the thesaurus,
    // at the frequency of a common word (jieba's 低保 is 2,421, 医保 3,370; 50,000 lets a
    // catalogue word win over splitting it, not over the sentence's other words).
    constexpr std::int64_t kCatalogueWordFrequency = 50000;
    std::vector<std::pair<std::string, std::int64_t>> own;
    for (auto& d : docs) {
        for (auto& t : d.terms) own.emplace_back(t, kCatalogueWordFrequency);
        for (auto& a : d.aliases) own.emplace_back(a, kCatalogueWordFrequency);
    }
    expansions_.clear();
    for (const ThesaurusEntry& e : language.thesaurus) {
        std::vector<std::u32string> means;
        for (auto& m : e.means) {
            own.emplace_back(normalize_for_search(m), kCatalogueWordFrequency);
            means.push_back(utf8::decode(normalize_for_search(m)));
        }
        for (auto& w : e.words) {
            own.emplace_back(normalize_for_search(w), kCatalogueWordFrequency);
            expansions_.emplace_back(utf8::decode(normalize_for_search(w)), means);
        }
    }
    // One entry per word, its meanings merged without repeats, sorted for binary search
    // (a linear pass: a thesaurus repeating one word thousands of times must not cost n²).
    std::sort(expansions_.begin(), expansions_.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::u32string, std::vector<std::u32string>>> merged;
    for (auto& [word, means] : expansions_) {
        if (merged.empty() || merged.back().first != word) merged.emplace_back(std::move(word), std::vector<std::u32string>{});
        for (auto& m : means)
            if (std::find(merged.back().second.begin(), merged.back().second.end(), m) == merged.back().second.end())
                merged.back().second.push_back(std::move(m));
    }
    expansions_ = std::move(merged);
    catalogue_words_ = Segmenter::from_words(own);
    // Document ids follow the ranking's tie-breaks (guides first, shorter titles, then
    // catalogue order), so candidates — sorted by id — arrive best-first among equal
    // scores, and a field can stop early once `limit` hits hold the best score possible.
    std::stable_sort(docs.begin(), docs.end(), [](const SearchDocument& a, const SearchDocument& b) {
        if (a.guide != b.guide) return a.guide;
        size_t la = utf8::decode(a.title).size(), lb = utf8::decode(b.title).size();
        if (la != lb) return la < lb;
        if (a.domain_order != b.domain_order) return a.domain_order < b.domain_order;
        return a.order < b.order;
    });
    last_ = LastQuery{};
    any_letter_title_ = any_digit_title_ = false;
    const auto n = static_cast<std::uint32_t>(docs.size());
    docs_.clear();
    docs_.reserve(n);
    domains_.clear();
    names_.clear();
    name_kinds_.clear();
    texts_.clear();
    {
        std::size_t bytes = 0;
        for (const SearchDocument& src : docs) {
            bytes += src.id.size() + src.summary.size() + src.body.size();
            for (auto& a : src.answers) bytes += a.size();
        }
        texts_.reserve(bytes, std::size_t{n} * kPiecesPerDoc);
    }
    spelled_terms_.clear();
    std::map<std::string, std::vector<std::uint32_t>> alias_docs;  // ordered: the same index for the same documents
    std::unordered_map<std::string, std::uint32_t> domain_at;
    std::vector<GrowingList> by_char[4];
    for (auto& v : by_char) v.resize(0x10000);
    std::vector<GrowingList> by_sound[2];
    for (auto& v : by_sound) v.resize(kLetterLists + kPairLists + unihan::kSyllableCount);
    for (std::uint32_t d = 0; d < n; d++) {
        SearchDocument& src = docs[d];
        auto [domain, new_domain] = domain_at.try_emplace(src.domain_id, static_cast<std::uint32_t>(domains_.size()));
        if (new_domain) domains_.push_back(src.domain_id);
        docs_.push_back({static_cast<std::uint32_t>(names_.size()), domain->second});
        auto add_name = [&](const std::string& s) {
            const std::u32string chars = utf8::decode(s);
            const Text t = text_of(chars);
            names_.add(chars);
            name_kinds_.push_back(static_cast<std::uint8_t>((t.has_letters ? kHasLetters : 0) | (t.has_digits ? kHasDigits : 0)));
            return name(static_cast<std::uint32_t>(names_.size() - 1));
        };
        // Aliases are shared: a group's name stands for all its rows, matched once per
        // token (attach_aliases) instead of once per row.
        for (auto& a : src.aliases) alias_docs[a].push_back(d);
        auto index_chars = [&](std::u32string_view s, int f) {
            for (char32_t c : s)
                if (c < 0x10000) by_char[f][c].add(d);
        };
        auto index_sound = [&](std::u32string_view chars, int f) {
            auto& lists = by_sound[f];
            for (size_t i = 0; i < chars.size(); i++) {
                const std::uint32_t initials = initials_mask(chars[i]);
                for (int b = 0; b < 26; b++)
                    if (initials & (1u << b)) lists[b].add(d);
                for (unsigned short r : unihan::readings(chars[i])) {
                    lists[kLetterLists + kPairLists + r].add(d);
                    const char* syl = unihan::kSyllables[r];
                    if (syl[1]) lists[kLetterLists + (syl[0] - 'a') * 26 + (syl[1] - 'a')].add(d);
                }
                if (i + 1 < chars.size()) {
                    const std::uint32_t next = initials_mask(chars[i + 1]);
                    for (int a = 0; a < 26; a++)
                        if (initials & (1u << a))
                            for (int b = 0; b < 26; b++)
                                if (next & (1u << b)) lists[kLetterLists + a * 26 + b].add(d);
                }
            }
        };
        const Text title = add_name(src.title);
        any_letter_title_ |= title.has_letters;
        any_digit_title_ |= title.has_digits;
        index_chars(title.chars, 0);
        index_sound(title.chars, 0);
        for (size_t k = 0; k < src.terms.size(); k++) {
            const Text term = add_name(src.terms[k]);
            index_chars(term.chars, 1);
            index_sound(term.chars, 1);
            if (k < kMaxTermNumber) add_spellings(d, static_cast<std::uint16_t>(k), term.chars, &spelled_terms_);
        }
        texts_.add(src.id);
        texts_.add(src.summary);
        texts_.add(src.body);
        for (auto& a : src.answers) texts_.add(a);
        index_chars(utf8::decode(src.summary), 2);
        index_chars(utf8::decode(src.body), 3);
        src = SearchDocument{};  // its text is in the arenas now: freed as the index grows
    }
    std::vector<SearchDocument>().swap(docs);
    names_.shrink_to_fit();
    name_kinds_.shrink_to_fit();
    domains_.shrink_to_fit();
    for (int f = 0; f < 4; f++) {
        CharPostings& p = char_postings_[f];
        p = CharPostings{{}, PostingLists(n)};
        for (char32_t c = 0; c < 0x10000; c++) {
            if (by_char[f][c].empty()) continue;
            p.chars.push_back(c);
            p.lists.add(by_char[f][c]);
            by_char[f][c] = GrowingList{};
        }
        p.chars.shrink_to_fit();
        p.lists.shrink_to_fit();
    }
    for (int f = 0; f < 2; f++) {
        sound_postings_[f] = PostingLists(n);
        for (auto& list : by_sound[f]) {
            sound_postings_[f].add(list);
            list = GrowingList{};
        }
        sound_postings_[f].shrink_to_fit();
    }
    thesaurus_words_.clear();
    spelled_words_.clear();
    for (auto& [text, ds] : alias_docs) thesaurus_words_.push_back({utf8::decode(text), std::move(ds)});
    build_thesaurus(language.thesaurus);
}

SearchIndex::Text SearchIndex::text_of(std::u32string_view chars) {
    Text t{chars, false, false};
    for (char32_t c : chars) {
        t.has_letters |= c >= 'a' && c <= 'z';
        t.has_digits |= c >= '0' && c <= '9';
    }
    return t;
}

SearchIndex::Text SearchIndex::name(std::uint32_t i) const {
    return Text{names_[i], (name_kinds_[i] & kHasLetters) != 0, (name_kinds_[i] & kHasDigits) != 0};
}

std::uint32_t SearchIndex::term_count(std::uint32_t d) const {
    const std::uint32_t end = d + 1 < docs_.size() ? docs_[d + 1].first_name : static_cast<std::uint32_t>(names_.size());
    return end - docs_[d].first_name - 1;
}

FoundDocument SearchIndex::doc(std::uint32_t d) const {
    FoundDocument found{std::string(piece(d, Piece::Id)), domains_[docs_[d].domain], utf8::encode(title_of(d).chars), {}, {}};
    for (std::uint32_t k = 0; k < term_count(d); k++) found.terms.push_back(utf8::encode(term_of(d, k).chars));
    for (std::uint32_t f = 0; f < kQuestionFrameCount; f++) found.answers[f] = std::string(piece(d, Piece::FirstAnswer, f));
    return found;
}


// Every way to spell a term whole — full pinyin and initials, each reading of each
// character — up to 8 characters and 16 combinations a term (polyphones multiply them;
// a term with more is still found by scanning, only not ranked with titles).
void SearchIndex::add_spellings(std::uint32_t d, std::uint16_t term, std::u32string_view chars, Spellings* into) {
    constexpr size_t kMaxChars = 8, kMaxSpellings = 16;
    if (chars.empty() || chars.size() > kMaxChars) return;
    std::vector<std::string> full{""}, initials{""};
    for (char32_t c : chars) {
        auto readings = unihan::readings(c);
        if (!is_han(c) || readings.empty()) return;
        std::vector<std::string> next_full, next_initials;
        for (auto& prefix : full)
            for (unsigned short r : readings) next_full.push_back(prefix + unihan::kSyllables[r]);
        for (auto& prefix : initials)
            for (unsigned short r : readings) {
                std::string with = prefix + unihan::kSyllables[r][0];
                if (std::find(next_initials.begin(), next_initials.end(), with) == next_initials.end()) next_initials.push_back(with);
            }
        if (next_full.size() > kMaxSpellings) return;
        full = std::move(next_full);
        initials = std::move(next_initials);
    }
    for (auto* list : {&full, &initials})
        for (auto& key : *list) {
            auto& v = (*into)[key];
            if (v.empty() || v.back() != std::pair{d, term}) v.emplace_back(d, term);
        }
}

const std::vector<std::pair<std::uint32_t, std::uint16_t>>* SearchIndex::spelled(const std::string& letters, const Spellings& in) const {
    auto it = in.find(letters);
    return it == in.end() ? nullptr : &it->second;
}

std::size_t SearchIndexMemory::total() const {
    std::size_t n = documents + names + sound_postings + spellings + shared_names + language;
    for (std::size_t p : char_postings) n += p;
    return n;
}

namespace {

std::size_t heap_of_strings(const std::vector<std::string>& v) {
    std::size_t n = heap_size::of(v);
    for (auto& s : v) n += heap_size::of(s);
    return n;
}

}  // namespace

SearchIndexMemory SearchIndex::memory() const {
    SearchIndexMemory m;
    m.documents = heap_size::of(docs_) + texts_.heap_bytes() + heap_of_strings(domains_);
    m.names = names_.heap_bytes() + heap_size::of(name_kinds_);
    for (int f = 0; f < 4; f++) m.char_postings[f] = heap_size::of(char_postings_[f].chars) + char_postings_[f].lists.heap_bytes();
    for (auto& p : sound_postings_) m.sound_postings += p.heap_bytes();
    for (const Spellings* spellings : {&spelled_terms_, &spelled_words_}) {
        m.spellings += heap_size::buckets(spellings->bucket_count());
        for (auto& [key, v] : *spellings)
            m.spellings += heap_size::hash_node(sizeof(Spellings::value_type), true) + heap_size::of(key) + heap_size::of(v);
    }
    m.shared_names = heap_size::of(thesaurus_words_);
    for (auto& w : thesaurus_words_) m.shared_names += heap_size::of(w.chars) + heap_size::of(w.docs);
    m.language = heap_size::of(expansions_);
    for (auto& [word, means] : expansions_) {
        m.language += heap_size::of(word) + heap_size::of(means);
        for (auto& w : means) m.language += heap_size::of(w);
    }
    if (catalogue_words_) m.language += catalogue_words_->memory_bytes();
    return m;
}

//-----------------------------------------------------------------------------
// [SECTION] Matching
//-----------------------------------------------------------------------------

struct SearchIndex::Token {
    std::u32string text;
    std::string utf8;                                  // the same text, for memmem over summary and body
    bool han = false;                                  // Chinese characters (else ASCII letters/digits)
    std::vector<std::vector<unsigned short>> sounds;   // han: readings of each character
    // Letters: the (document, term) pairs whose whole term this spells, in full pinyin or
    // initials (spelled_terms_), sorted; null for none.
    const std::vector<std::pair<std::uint32_t, std::uint16_t>>* spelled = nullptr;
    // Documents a thesaurus word matching this token stands for, with the score of that
    // match in the Term field, sorted by document (attach_aliases).
    std::vector<std::pair<std::uint32_t, int>> aliases;
    bool has_letters = false;  // not han: holds a-z (else only digits)
};

namespace {

// Same-sound matching is for a word typed with a wrong character (底保 → 低保), 2 to 4
// characters; a longer run is a sentence, which the word search reads instead (and whose
// sound-alikes, checked against every title and term, cost 20 ms at 50,000 items).
constexpr size_t kMaxSoundAlikeChars = 4;

// Scores: the field decides first, the kind of match second (search_index.h). Gaps of 10
// leave room for a start-of-title bonus without crossing a kind.
constexpr int kFieldBase[4] = {1000, 800, 500, 300};
constexpr int kKindOffset[6] = {90, 70, 50, 40, 30, 20};
int score_of(SearchField f, MatchKind k) { return kFieldBase[static_cast<int>(f)] + kKindOffset[static_cast<int>(k)]; }

// Pinyin: can query[j…] be typed from text[i…], syllable by syllable, each syllable
// given in full, by its initial (zh/ch/sh count as initials too), or — at the end of the
// query — by any prefix? Tries every reading of polyphones. Titles are short, so plain
// backtracking is cheap; the first-letter masks prune almost every start.
bool pinyin_from(std::u32string_view text, size_t i, std::u32string_view q, size_t j, size_t* end, bool* initials_used) {
    if (j == q.size()) { *end = i; return true; }
    if (i == text.size()) return false;
    char32_t c = text[i];
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
        if (q[j] < 'a' || q[j] > 'z' || !(initials_mask(c) & (1u << (q[j] - 'a')))) return false;
    } else {
        if (c != q[j]) return false;
        return pinyin_from(text, i + 1, q, j + 1, end, initials_used);
    }
    const auto& lengths = syllable_lengths();
    for (unsigned short r : unihan::readings(c)) {
        std::string_view s(unihan::kSyllables[r], lengths[r]);
        size_t rest = q.size() - j, k = 0;
        while (k < s.size() && k < rest && static_cast<char32_t>(s[k]) == q[j + k]) k++;
        if (k == rest && k <= s.size()) { *end = i + 1; return true; }  // query ends inside this syllable
        if (k == s.size() && pinyin_from(text, i + 1, q, j + k, end, initials_used)) return true;
        size_t initial = (s.size() > 1 && s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's')) ? 2 : 1;
        for (size_t len = 1; len <= initial && len < s.size(); len++) {
            if (k >= len && pinyin_from(text, i + 1, q, j + len, end, initials_used)) {
                *initials_used = true;
                return true;
            }
        }
    }
    return false;
}

bool pinyin_match(std::u32string_view text, std::u32string_view q, int* begin, int* end, bool* initials_used) {
    if (q.empty() || q[0] < 'a' || q[0] > 'z') return false;
    const std::uint32_t first = 1u << (q[0] - 'a');
    for (size_t i = 0; i < text.size(); i++) {
        if (!(initials_mask(text[i]) & first)) continue;
        size_t e;
        bool used = false;
        if (pinyin_from(text, i, q, 0, &e, &used)) {
            *begin = static_cast<int>(i);
            *end = static_cast<int>(e);
            *initials_used = used;
            return true;
        }
    }
    return false;
}

// Same sound: each query character shares a reading with the text's character.
bool sound_match(std::u32string_view text, const std::vector<std::vector<unsigned short>>& sounds, int* begin) {
    if (sounds.empty() || text.size() < sounds.size()) return false;
    for (size_t i = 0; i + sounds.size() <= text.size(); i++) {
        bool all = true;
        for (size_t k = 0; k < sounds.size() && all; k++) {
            auto rs = unihan::readings(text[i + k]);
            bool shared = false;
            for (unsigned short a : sounds[k])
                for (unsigned short b : rs) shared |= a == b;
            all = shared;
        }
        if (all) { *begin = static_cast<int>(i); return true; }
    }
    return false;
}

}  // namespace

// Best match of token `t` in one text of field `f` (a title, a term, a thesaurus word):
// literal (exact, prefix, substring), else by sound (pinyin, initials, same sound).
int SearchIndex::match_text(const Text& text, const Token& t, SearchField f, SearchHit* hit) const {
    auto literal = [&](std::u32string_view s, bool whole_field) -> int {
        // (memmem over the UTF-8 was tried: 2× slower on titles and terms this short.)
        size_t p = s.find(t.text);
        if (p == std::u32string_view::npos) return 0;
        MatchKind k = whole_field && s.size() == t.text.size() ? MatchKind::Exact : p == 0 ? MatchKind::Prefix : MatchKind::Substring;
        hit->kind = k;
        if (f == SearchField::Title) { hit->highlight_begin = static_cast<int>(p); hit->highlight_end = static_cast<int>(p + t.text.size()); }
        return score_of(f, k);
    };
    auto sounds = [&](const Text& text) -> int {
        int b = -1, e = -1;
        bool initials = false;
        if (t.han) {
            if (t.text.size() < 2 || t.text.size() > kMaxSoundAlikeChars || !sound_match(text.chars, t.sounds, &b)) return 0;
            e = b + static_cast<int>(t.sounds.size());
            hit->kind = MatchKind::SoundAlike;
        } else if (t.text.size() == 1 && t.text[0] >= 'a' && t.text[0] <= 'z') {
            // One letter: the start of a syllable anywhere; the masks answer it directly.
            const std::uint32_t bit = 1u << (t.text[0] - 'a');
            for (size_t i = 0; i < text.chars.size() && b < 0; i++)
                if (initials_mask(text.chars[i]) & bit) b = static_cast<int>(i);
            if (b < 0) return 0;
            e = b + 1;
            hit->kind = MatchKind::Pinyin;
        } else if (t.text.size() == 2 && t.text[0] >= 'a' && t.text[0] <= 'z' && t.text[1] >= 'a' && t.text[1] <= 'z') {
            // Two letters: the start of one syllable ("zh", "di") beats two initials ("zx").
            const std::uint32_t b0 = 1u << (t.text[0] - 'a'), b1 = 1u << (t.text[1] - 'a');
            int initials_at = -1;
            for (size_t i = 0; i < text.chars.size() && b < 0; i++) {
                if (!(initials_mask(text.chars[i]) & b0)) continue;
                char32_t c = text.chars[i];
                if (c >= 'a' && c <= 'z') {
                    if (i + 1 < text.chars.size() && text.chars[i + 1] == t.text[1]) b = static_cast<int>(i);
                    continue;
                }
                for (unsigned short r : unihan::readings(c)) {
                    const char* syl = unihan::kSyllables[r];
                    if (syl[1] == static_cast<char>(t.text[1])) { b = static_cast<int>(i); break; }
                }
                if (b < 0 && initials_at < 0 && i + 1 < text.chars.size() && (initials_mask(text.chars[i + 1]) & b1))
                    initials_at = static_cast<int>(i);
            }
            if (b >= 0) {
                e = b + 1;
                hit->kind = MatchKind::Pinyin;
            } else if (initials_at >= 0) {
                b = initials_at;
                e = b + 2;
                hit->kind = MatchKind::Initials;
            } else {
                return 0;
            }
        } else {
            if (!pinyin_match(text.chars, t.text, &b, &e, &initials)) return 0;
            hit->kind = initials ? MatchKind::Initials : MatchKind::Pinyin;
        }
        if (f == SearchField::Title) { hit->highlight_begin = b; hit->highlight_end = e; }
        return score_of(f, hit->kind) + (b == 0 ? 5 : 0);  // typed from the start of the title
    };
    // A typed token matches literally only text with its kind of characters: a title's
    // digits (0-6岁) give letters nothing to match.
    if (t.han || (t.has_letters ? text.has_letters : text.has_digits))
        if (int s = literal(text.chars, true)) return s;
    return sounds(text);
}

// Best match of token `t` in field `f` of document `d`: its score, 0 if none.
int SearchIndex::match_field(std::uint32_t d, const Token& t, SearchField f, SearchHit* hit) const {
    hit->field = f;
    switch (f) {
    case SearchField::Title:
        return match_text(title_of(d), t, f, hit);
    case SearchField::Term: {
        int best = 0;
        SearchHit h = *hit;
        for (std::uint32_t i = 0, terms = term_count(d); i < terms; i++) {
            SearchHit th = *hit;
            int s = match_text(term_of(d, i), t, f, &th);
            // Spelling a whole term in pinyin or initials (sbk = 社保卡, ylj = 养老金) is
            // as specific as spelling the title: it ranks with title matches of its kind.
            if (s && t.spelled &&
                std::binary_search(t.spelled->begin(), t.spelled->end(), std::pair{d, static_cast<std::uint16_t>(i)}))
                s = std::max(s, score_of(SearchField::Title, th.kind) + 8);
            if (s > best) {
                best = s;
                h = th;
                h.term = static_cast<int>(i);
            }
        }
        // Shared names standing for this item (its group, a row it shows, the thesaurus'
        // words for what its names say: 看病 for 医保 …), a little below a curated term.
        if (!t.aliases.empty()) {
            auto it = std::lower_bound(t.aliases.begin(), t.aliases.end(), std::pair{d, 0},
                                       [](const auto& a, const auto& b) { return a.first < b.first; });
            if (it != t.aliases.end() && it->first == d && it->second > best) {
                best = it->second;
                h = *hit;
                h.kind = MatchKind::Substring;
                h.term = -1;
            }
        }
        *hit = h;
        hit->field = f;
        return best;
    }
    case SearchField::Summary:
    case SearchField::Body: {
        const std::string_view hay = running_text(d, f);
        if (!memmem(hay.data(), hay.size(), t.utf8.data(), t.utf8.size())) return 0;
        hit->kind = MatchKind::Substring;
        return score_of(f, MatchKind::Substring);
    }
    }
    return 0;
}

int SearchIndex::match_doc(std::uint32_t d, const Token& t, SearchHit* hit) const {
    for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
        SearchHit h = *hit;
        if (int s = match_field(d, t, f, &h)) { *hit = h; return s; }
    }
    return 0;
}

//-----------------------------------------------------------------------------
// [SECTION] Search
//-----------------------------------------------------------------------------

namespace {

std::vector<std::uint32_t> intersect(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::vector<std::uint32_t> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

std::vector<std::uint32_t> unite(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::vector<std::uint32_t> out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

}  // namespace

// Documents holding every character of `chars` in field `f`: the rarest character's list
// decoded, the others intersected with it.
void SearchIndex::holding_all(SearchField f, std::u32string_view chars, std::vector<std::uint32_t>& out) const {
    const CharPostings& p = char_postings_[static_cast<int>(f)];
    out.clear();
    std::vector<std::uint32_t> lists;
    for (char32_t c : chars) {
        auto it = std::lower_bound(p.chars.begin(), p.chars.end(), c);
        if (it == p.chars.end() || *it != c) return;
        lists.push_back(static_cast<std::uint32_t>(it - p.chars.begin()));
    }
    if (lists.empty()) return;
    std::sort(lists.begin(), lists.end(), [&](std::uint32_t a, std::uint32_t b) { return p.lists.count(a) < p.lists.count(b); });
    p.lists.decode(lists[0], out);
    for (size_t i = 1; i < lists.size() && !out.empty(); i++) p.lists.intersect(lists[i], out);
}

// Documents that may match `t` in field `f` (a superset; match_field decides).
std::vector<std::uint32_t> SearchIndex::candidates(const Token& t, SearchField f) const {
    // Literal: every character of the token occurs in the field.
    std::vector<std::uint32_t> literal;
    holding_all(f, t.text, literal);
    if (f != SearchField::Title && f != SearchField::Term) return literal;
    if (f == SearchField::Term && !t.aliases.empty()) {
        std::vector<std::uint32_t> alias_docs;
        for (auto& [d, score] : t.aliases) alias_docs.push_back(d);
        literal = unite(literal, alias_docs);
    }
    const PostingLists& sounds = sound_postings_[f == SearchField::Title ? 0 : 1];
    std::vector<std::uint32_t> sound;
    if (t.han && t.text.size() >= 2 && t.text.size() <= kMaxSoundAlikeChars) {
        bool first = true;
        std::vector<std::uint32_t> syllable;
        for (auto& readings : t.sounds) {
            std::vector<std::uint32_t> any;
            for (unsigned short r : readings) {
                sounds.decode(kLetterLists + kPairLists + r, syllable);
                any = unite(any, syllable);
            }
            sound = first ? any : intersect(sound, any);
            first = false;
            if (sound.empty()) break;
        }
    } else if (!t.han && t.text[0] >= 'a' && t.text[0] <= 'z') {
        // Built in ascending document order (GrowingList): these lists are sorted too.
        if (t.text.size() >= 2 && t.text[1] >= 'a' && t.text[1] <= 'z')
            sounds.decode(kLetterLists + static_cast<std::uint32_t>((t.text[0] - 'a') * 26 + (t.text[1] - 'a')), sound);
        else
            sounds.decode(static_cast<std::uint32_t>(t.text[0] - 'a'), sound);
    }
    return unite(literal, sound);
}

// True if some document contains `text` literally in any field.
bool SearchIndex::occurs(std::u32string_view text) const {
    Token probe = make_han_token(text);
    for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
        for (std::uint32_t d : candidates(probe, f)) {
            switch (f) {
            case SearchField::Title: if (title_of(d).chars.find(text) != std::u32string_view::npos) return true; break;
            case SearchField::Term:
                for (std::uint32_t k = 0, terms = term_count(d); k < terms; k++)
                    if (term_of(d, k).chars.find(text) != std::u32string_view::npos) return true;
                break;
            case SearchField::Summary:
            case SearchField::Body: {
                const std::string_view hay = running_text(d, f);
                if (memmem(hay.data(), hay.size(), probe.utf8.data(), probe.utf8.size())) return true;
                break;
            }
            }
        }
    }
    return false;
}

SearchIndex::Token SearchIndex::make_han_token(std::u32string_view text) {
    Token t{std::u32string(text), utf8::encode(text), true, {}};
    for (char32_t c : text) {
        auto r = unihan::readings(c);
        t.sounds.emplace_back(r.begin(), r.end());
    }
    return t;
}

// Documents matching every required token; optional tokens add to the score. Candidates
// come field by field from the longest required token, and the search stops after a
// field once `limit` documents matched: exact for that token's field order, an
// approximation for the sum (a document whose longest token sits in a lower field but
// whose other tokens score high may be missed — several-word queries are rare here).
template <class InDomain>
void SearchIndex::multi_token(const std::vector<Token>& tokens, const std::vector<bool>& required, InDomain in_domain,
                              std::size_t limit, std::vector<SearchHit>& hits) const {
    size_t lead = tokens.size();
    for (size_t k = 0; k < tokens.size(); k++)
        if (required[k] && (lead == tokens.size() || tokens[k].text.size() > tokens[lead].text.size())) lead = k;
    if (lead == tokens.size()) return;
    std::vector<char> seen(docs_.size(), 0);
    // Documents each other required token could match at all (its candidates in any
    // field): the rest are refused without reading their bodies.
    std::vector<std::vector<char>> possible(tokens.size());
    for (size_t k = 0; k < tokens.size(); k++) {
        if (k == lead || !required[k]) continue;
        possible[k].assign(docs_.size(), 0);
        for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body})
            for (std::uint32_t d : candidates(tokens[k], f)) possible[k][d] = 1;
    }
    // In summaries and bodies, a lead token found in thousands of texts is checked in the
    // first kMaxTextChecks only (ids follow the tie-break order: guides, short titles).
    constexpr size_t kMaxTextChecks = 1000;
    for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
        std::vector<std::uint32_t> cands = candidates(tokens[lead], f);
        if ((f == SearchField::Summary || f == SearchField::Body) && cands.size() > kMaxTextChecks) cands.resize(kMaxTextChecks);
        for (std::uint32_t d : cands) {
            if (seen[d] || !in_domain(d)) continue;
            SearchHit best;
            best.doc = d;
            int lead_score = match_field(d, tokens[lead], f, &best);
            if (!lead_score) continue;
            int total = lead_score;
            bool ok = true;
            for (size_t k = 0; k < tokens.size() && ok; k++) {
                if (k == lead) continue;
                if (required[k] && !possible[k][d]) { ok = false; break; }
                SearchHit h;
                int s = match_doc(d, tokens[k], &h);
                if (!s && required[k]) ok = false;
                total += s;
            }
            if (!ok) continue;
            seen[d] = 1;
            best.doc = d;
            best.score = total;
            hits.push_back(best);
        }
        if (hits.size() >= limit) break;
    }
}

namespace {

// The first `n` characters of a query (whole UTF-8 sequences; invalid bytes count as one).
std::string_view first_chars(std::string_view query, size_t n) {
    size_t i = 0;
    for (size_t count = 0; i < query.size() && count < n; count++) utf8::next(query, i);
    return query.substr(0, i);
}

// ü as residents type it: v (the IME convention, and the index's spelling), u: and yu
// after l or n (lyu, nyu — no other pinyin has "ly" or "ny"), or ü itself.
std::string umlaut_as_v(std::string s) {
    for (const char* from : {"\u00fc", "u:"})
        for (size_t p; (p = s.find(from)) != std::string::npos;) s = s.substr(0, p) + "v" + s.substr(p + std::strlen(from));
    for (const char* from : {"lyu", "nyu"})
        for (size_t p; (p = s.find(from)) != std::string::npos;) s = s.substr(0, p) + from[0] + "v" + s.substr(p + 3);
    return s;
}

bool is_question_word(std::u32string_view w) {
    const std::string u = utf8::encode(w);
    return is_function_word(u) || strip_question_words(u).find_first_not_of(' ') == std::string::npos;
}

}  // namespace

// The thesaurus' words, each with the documents whose title or terms hold one of its
// meanings: a few hundred texts matched once per token, instead of a copy in every
// document they stand for.
void SearchIndex::build_thesaurus(const std::vector<ThesaurusEntry>& thesaurus) {
    // thesaurus_words_ holds the aliases so far; a thesaurus word equal to one joins it.
    const size_t alias_count = thesaurus_words_.size();
    std::unordered_map<std::u32string, size_t> at;
    for (size_t i = 0; i < alias_count; i++) at.emplace(thesaurus_words_[i].chars, i);
    for (const ThesaurusEntry& e : thesaurus) {
        std::vector<std::uint32_t> docs;
        for (const std::string& m : e.means) {
            const std::u32string mean = utf8::decode(normalize_for_search(m));
            Token probe = make_han_token(mean);
            for (SearchField f : {SearchField::Title, SearchField::Term}) {
                std::vector<std::uint32_t> found;
                for (std::uint32_t d : candidates(probe, f)) {
                    bool has = f == SearchField::Title ? title_of(d).chars.find(mean) != std::u32string_view::npos : false;
                    for (std::uint32_t k = 0, terms = term_count(d); f == SearchField::Term && k < terms && !has; k++)
                        has = term_of(d, k).chars.find(mean) != std::u32string_view::npos;
                    if (has) found.push_back(d);
                }
                docs = unite(docs, found);
            }
            // ... or an alias (绿化 is only in the group name 绿化管理).
            for (size_t i = 0; i < alias_count; i++)
                if (thesaurus_words_[i].chars.find(mean) != std::u32string::npos) docs = unite(docs, thesaurus_words_[i].docs);
        }
        if (docs.empty()) continue;
        for (const std::string& w : e.words) {
            std::u32string word = utf8::decode(normalize_for_search(w));
            if (auto same = at.find(word); same != at.end()) {
                thesaurus_words_[same->second].docs = unite(thesaurus_words_[same->second].docs, docs);
                continue;
            }
            at.emplace(word, thesaurus_words_.size());
            thesaurus_words_.push_back({std::move(word), docs});
        }
    }
    for (std::uint32_t i = 0; i < thesaurus_words_.size(); i++) add_spellings(i, 0, thesaurus_words_[i].chars, &spelled_words_);
}

void SearchIndex::attach_aliases(Token& t) const {
    t.aliases.clear();
    if (thesaurus_words_.empty()) return;
    const auto* spelled = t.han ? nullptr : this->spelled(t.utf8, spelled_words_);
    // One character, or one or two letters, begin too many words to stand for any: then
    // only a word spelt whole (db = 低保) counts. Longer tokens match as in terms.
    const bool short_token = t.han ? t.text.size() < 2 : t.text.size() < 3;
    if (short_token && !spelled) return;
    for (std::uint32_t i = 0; i < thesaurus_words_.size(); i++) {
        if (short_token && !std::binary_search(spelled->begin(), spelled->end(), std::pair{i, std::uint16_t{0}})) continue;
        SearchHit h;
        int s = match_text(text_of(thesaurus_words_[i].chars), t, SearchField::Term, &h);
        if (!s) continue;
        if (spelled && std::binary_search(spelled->begin(), spelled->end(), std::pair{i, std::uint16_t{0}}))
            s = std::max(s, score_of(SearchField::Title, h.kind) + 8);
        s -= 5;  // an alias: below a curated term of the same kind
        for (std::uint32_t d : thesaurus_words_[i].docs) t.aliases.emplace_back(d, s);
    }
    // One entry per document, its best score.
    std::sort(t.aliases.begin(), t.aliases.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first < b.first : a.second > b.second; });
    t.aliases.erase(std::unique(t.aliases.begin(), t.aliases.end(), [](auto& a, auto& b) { return a.first == b.first; }), t.aliases.end());
}

bool SearchIndex::known_word(std::u32string_view w) const {
    auto it = std::lower_bound(expansions_.begin(), expansions_.end(), w, [](auto& e, std::u32string_view x) { return e.first < x; });
    return (it != expansions_.end() && it->first == w) || occurs(w);
}

std::vector<SearchIndex::QueryWord> SearchIndex::words_of(std::u32string_view normalized) const {
    const Segmenter* base = dictionary_ ? dictionary_.get() : catalogue_words_.get();
    const Segmenter* extra = dictionary_ ? catalogue_words_.get() : nullptr;
    std::vector<QueryWord> words;
    if (!base) return words;
    auto add = [&](std::u32string w, bool weak = false) {
        if (w.empty()) return;
        for (QueryWord& q : words)
            if (q.text == w) {
                q.weak &= weak;
                return;
            }
        words.push_back({std::move(w), weak});
    };
    // The sentence as typed, and with its numerals as digits (八十 → 80): a word found
    // either way counts once.
    const std::u32string as_typed(normalized), with_digits = arabic_numbers(normalized);
    for (const std::u32string* text : {&as_typed, &with_digits}) {
        if (text == &with_digits && with_digits == as_typed) break;
        std::vector<std::u32string> pieces;
        for (const std::string& w : base->segment(utf8::encode(*text), extra)) pieces.push_back(utf8::decode(w));
        // Characters the dictionary left alone ("长/护/险" when it lacks the word): a run of
        // them that the catalogue contains is read as one word, longest first.
        for (size_t i = 0; i < pieces.size();) {
            const std::u32string& w = pieces[i];
            const bool single_han = w.size() == 1 && is_han(w[0]) && !is_question_word(w);
            size_t j = i;
            std::u32string run;
            if (!single_han) {
                i++;
                if (w.empty() || !(is_han(w[0]) || is_ascii_alnum(w[0])) || is_question_word(w)) continue;
                // A dictionary word the catalogue never uses and the thesaurus does not
                // know (打预防针) is read by the catalogue's pieces of it (预防, 针).
                if (!is_han(w[0]) || known_word(w)) { add(w); continue; }
                run = w;
            } else {
                while (j < pieces.size() && pieces[j].size() == 1 && is_han(pieces[j][0]) && !is_question_word(pieces[j])) run += pieces[j++][0];
                i = j;
            }
            // Characters of a word the catalogue lacks (销掉 → 销, 掉) say little of it:
            // they count only in titles and terms, and weakly (注销 for 销掉).
            const bool from_word = !single_han;
            for (size_t a = 0; a < run.size();) {
                size_t len = std::min<size_t>(run.size() - a, 8);
                for (; len > 1; len--)
                    if (known_word(std::u32string_view(run).substr(a, len))) break;
                std::u32string piece = run.substr(a, len);
                if (!is_question_word(piece)) add(std::move(piece), len == 1 && from_word);
                a += len;
            }
        }
    }
    return words;
}

std::vector<std::string> SearchIndex::question_words(std::string_view query) const {
    std::vector<std::string> out;
    for (auto& w : words_of(utf8::decode(strip_question_phrases(umlaut_as_v(normalize_for_search(first_chars(query, kMaxQueryChars))))))) out.push_back(utf8::encode(w.text) + (w.weak ? "?" : ""));
    return out;
}

bool SearchIndex::literal_in(std::uint32_t d, SearchField f, std::u32string_view word, const std::string& word_utf8, int* at,
                             int* term) const {
    switch (f) {
    case SearchField::Title: {
        size_t p = title_of(d).chars.find(word);
        if (p == std::u32string_view::npos) return false;
        *at = static_cast<int>(p);
        return true;
    }
    case SearchField::Term:
        for (std::uint32_t i = 0, terms = term_count(d); i < terms; i++)
            if (term_of(d, i).chars.find(word) != std::u32string_view::npos) {
                *term = i < kMaxTermNumber ? static_cast<int>(i) : -1;
                return true;
            }
        return false;
    case SearchField::Summary:
    case SearchField::Body: {
        const std::string_view hay = running_text(d, f);
        return memmem(hay.data(), hay.size(), word_utf8.data(), word_utf8.size()) != nullptr;
    }
    }
    return false;
}

// Bag of words: every document holding a word of the question (or a thesaurus meaning of
// it) scores the word's weight in its best field, times how rare the word is in the
// catalogue (idf), summed over the words. A word in a title or term outweighs scattered
// characters in bodies; a question frame the guide answers adds 15 %.
template <class InDomain>
void SearchIndex::word_search(std::u32string_view normalized, std::optional<QuestionFrame> frame, InDomain in_domain,
                              std::size_t limit, std::vector<SearchHit>& out) const {
    const std::vector<QueryWord> words = words_of(normalized);
    if (words.empty()) return;
    // Field weights: a title word names the service; a term or alias is the editors' (or
    // the group's) name for it; a summary describes it; a body mentions it.
    constexpr float kFieldWeight[4] = {4.0f, 3.0f, 1.5f, 1.0f};
    constexpr float kAliasWeight = 2.5f;      // an alias, below a curated term
    constexpr float kMeaningWeight = 0.8f;    // a thesaurus meaning, below the word itself
    constexpr float kSingleCharWeight = 0.6f; // 钱, 报, 树: a character says less than a word
    const size_t n = docs_.size();
    struct Acc {
        float total = 0;
        float best_word = 0;  // the largest single word's contribution: its field is shown
        int words = 0;
        SearchField field = SearchField::Body;
        int term = -1;
        bool named = false;  // a word matched (or a one-character word in the title), not only scattered characters
    };
    std::vector<Acc> acc(n);
    std::vector<float> word_score(n, 0.0f);
    std::vector<std::uint32_t> word_docs, touched;
    std::vector<SearchField> word_field(n, SearchField::Body);
    std::vector<int> word_term(n, -1);
    constexpr float kWeakWeight = 0.3f;       // a character of a word the catalogue lacks
    constexpr float kShortTitleChars = 8.0f;  // most service titles: 4–8 characters (最低生活保障申请)
    // A document found only by characters needs more than one of them: one character in a
    // thesaurus word scores ~6 (丢 in 丢了工作), two such or one with a title character ~12.
    constexpr float kMinUnnamedScore = 8.0f;
    // 1,000 texts to check: ~0.5 ms of memmem on this machine's bodies (≈600 bytes each).
    constexpr size_t kMaxTextCandidates = 1000;
    for (const QueryWord& query_word : words) {
        const std::u32string& word = query_word.text;
        std::vector<std::pair<std::u32string, float>> forms{{word, 1.0f}};
        auto it = std::lower_bound(expansions_.begin(), expansions_.end(), word, [](auto& e, const std::u32string& w) { return e.first < w; });
        if (it != expansions_.end() && it->first == word)
            for (auto& m : it->second) forms.emplace_back(m, kMeaningWeight);
        word_docs.clear();
        for (auto& [form, form_weight] : forms) {
            const std::string form_utf8 = utf8::encode(form);
            for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
                // One character (钱, 报, 树) names something only in a title or term; in
                // running text it is everywhere (上, 走, 办).
                if ((query_word.weak || word.size() == 1) && (f == SearchField::Summary || f == SearchField::Body)) continue;
                // Documents holding every character of the form, then checked whole.
                std::vector<std::uint32_t> cands;
                holding_all(f, form, cands);
                // A word in thousands of texts (工作, 社保 at 50,000 items) says little
                // there (its idf is low) and checking each text costs milliseconds: past
                // kMaxTextCandidates it is not looked for in summaries and bodies.
                if ((f == SearchField::Summary || f == SearchField::Body) && cands.size() > kMaxTextCandidates) continue;
                for (std::uint32_t d : cands) {
                    int at = -1, term = -1;
                    // One character in a title: its posting is exact. Else check the text
                    // (and, in terms, learn which term: a curated one or an alias).
                    if (form.size() > 1 || f == SearchField::Term)
                        if (!literal_in(d, f, form, form_utf8, &at, &term)) continue;
                    float w = kFieldWeight[static_cast<int>(f)] * form_weight;
                    // One character in a long title (上 in a 40-character enforcement
                    // item) is likelier chance than meaning: weighed by the title's length.
                    if (form.size() == 1 && f == SearchField::Title)
                        w *= std::sqrt(std::min(1.0f, kShortTitleChars / static_cast<float>(title_of(d).chars.size())));
                    if (f == SearchField::Term && term < 0) w = kAliasWeight * form_weight;
                    if (word_score[d] == 0.0f) word_docs.push_back(d);
                    if (w > word_score[d]) {
                        word_score[d] = w;
                        word_field[d] = f;
                        word_term[d] = term;
                    }
                }
            }
        }
        // A thesaurus word holding this word (农村 in 农村养老, 借 in 借钱) stands for its
        // documents.
        if (!query_word.weak)
            for (const ThesaurusWord& tw : thesaurus_words_) {
                if (tw.chars.find(word) == std::u32string::npos) continue;
                for (std::uint32_t d : tw.docs) {
                    if (word_score[d] == 0.0f) word_docs.push_back(d);
                    if (kAliasWeight > word_score[d]) {
                        word_score[d] = kAliasWeight;
                        word_field[d] = SearchField::Term;
                        word_term[d] = -1;
                    }
                }
            }
        // How rare the word is (idf), whatever the domain filter: among the services' names
        // (titles, terms) for a match there, among all text for a match in a summary or
        // body. 身份证 is in most guides' materials, but in few titles: in a title it
        // names the service.
        size_t named = 0;
        for (std::uint32_t d : word_docs) named += word_field[d] == SearchField::Title || word_field[d] == SearchField::Term;
        auto idf = [n](size_t df) { return std::log(1.0f + static_cast<float>(n) / (static_cast<float>(df) + 0.5f)); };
        const float idf_named = idf(named), idf_all = idf(word_docs.size());
        const float size_weight = query_word.weak ? kWeakWeight : word.size() == 1 ? kSingleCharWeight : 1.0f;
        for (std::uint32_t d : word_docs) {
            const bool in_name = word_field[d] == SearchField::Title || word_field[d] == SearchField::Term;
            const float v = word_score[d] * (in_name ? idf_named : idf_all) * size_weight;
            word_score[d] = 0.0f;
            if (!in_domain(d)) continue;
            Acc& a = acc[d];
            if (a.words == 0) touched.push_back(d);
            a.total += v;
            a.words++;
            // A word names something; so does a character the dictionary gave as a word when
            // it is in a title (搭 in 违法搭建, 砍 in 擅自砍伐城市树木).
            a.named |= !query_word.weak && (word.size() > 1 || word_field[d] == SearchField::Title);
            if (v > a.best_word) {
                a.best_word = v;
                a.field = word_field[d];
                a.term = word_term[d];
            }
        }
    }
    // Only characters in common with running text or terms (猫丢了 → 丢 in a term, 护照 →
    // 护 in 护理) is no answer: such a document is not a result, and the query stays a miss
    // for the editors to read.
    touched.erase(std::remove_if(touched.begin(), touched.end(),
                                 [&](std::uint32_t d) { return !acc[d].named && acc[d].total < kMinUnnamedScore; }),
                  touched.end());
    constexpr float kAnswerFactor = 1.15f;
    if (frame)
        for (std::uint32_t d : touched)
            if (answers(d, *frame)) acc[d].total *= kAnswerFactor;
    const size_t keep = std::min(limit, touched.size());
    std::partial_sort(touched.begin(), touched.begin() + static_cast<long>(keep), touched.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (acc[a].total != acc[b].total) return acc[a].total > acc[b].total;
        return a < b;
    });
    for (size_t k = 0; k < keep; k++) {
        const std::uint32_t d = touched[k];
        SearchHit h;
        h.doc = d;
        h.field = acc[d].field;
        h.kind = MatchKind::Substring;
        // The first of the question's words in the title is highlighted (found only for
        // the documents kept: a title's posting answered without a look at the text).
        for (const QueryWord& qw : words) {
            size_t p = title_of(d).chars.find(qw.text);
            if (p == std::u32string_view::npos) continue;
            h.highlight_begin = static_cast<int>(p);
            h.highlight_end = static_cast<int>(p + qw.text.size());
            break;
        }
        h.term = acc[d].field == SearchField::Term ? acc[d].term : -1;
        out.push_back(h);
    }
}

// Letters that are no one word's pinyin (dbsq) may be the initials of two: 低保 (a term)
// and 申请 (in the title). Tried at every split into two parts of two letters or more,
// both required, as a two-word query.
template <class InDomain>
void SearchIndex::initials_split(const Token& t, InDomain in_domain, std::size_t limit, std::vector<SearchHit>& out) const {
    constexpr size_t kMinPart = 2, kMaxLetters = 8;  // 2 letters: one syllable's initials; 8: four words
    if (t.text.size() < 2 * kMinPart || t.text.size() > kMaxLetters) return;
    // Initials have no vowels: "chanx" is pinyin being typed, not four words' initials
    // (and splitting it costs a scan of every title holding a ch- syllable).
    for (char32_t c : t.text)
        if (c < 'a' || c > 'z' || c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v') return;
    std::vector<SearchHit> found;
    for (size_t k = kMinPart; k + kMinPart <= t.text.size(); k++) {
        std::vector<Token> parts(2, Token{{}, {}, false, {}});
        parts[0].text = t.text.substr(0, k);
        parts[1].text = t.text.substr(k);
        for (auto& p : parts) {
            p.utf8 = utf8::encode(p.text);
            p.has_letters = true;
            p.spelled = spelled(p.utf8, spelled_terms_);
            attach_aliases(p);
        }
        multi_token(parts, {true, true}, in_domain, limit, found);
    }
    std::stable_sort(found.begin(), found.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
    for (auto& h : found) out.push_back(h);
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, std::size_t limit, std::string_view domain_id) const {
    std::vector<SearchHit> hits;
    if (limit == 0 || docs_.empty()) return hits;
    std::string normalized = umlaut_as_v(normalize_for_search(first_chars(query, kMaxQueryChars)));
    // When the hall is open is the hall's to answer (the search screen shows its hours):
    // those words name no service, so they are not searched for.
    for (const char* p : kHallHoursPhrases)
        for (size_t at; (at = normalized.find(p)) != std::string::npos;)
            normalized = normalized.substr(0, at) + " " + normalized.substr(at + std::strlen(p));
    const std::optional<QuestionFrame> frame = question_frame_of(normalized);
    std::u32string q = utf8::decode(strip_question_words(normalized));
    // Tokens: runs of Chinese characters, runs of ASCII letters and digits.
    std::vector<Token> tokens;
    for (size_t i = 0; i < q.size();) {
        if (is_han(q[i])) {
            size_t start = i;
            while (i < q.size() && is_han(q[i])) i++;
            tokens.push_back(make_han_token(std::u32string_view(q).substr(start, i - start)));
        } else if (is_ascii_alnum(q[i])) {
            Token t{{}, {}, false, {}};
            while (i < q.size() && is_ascii_alnum(q[i])) t.text += q[i++];
            t.utf8 = utf8::encode(t.text);
            t.has_letters = t.text.find_first_not_of(U"0123456789") != std::u32string::npos;
            t.spelled = spelled(t.utf8, spelled_terms_);
            tokens.push_back(std::move(t));
        } else {
            i++;
        }
    }
    if (tokens.empty()) return hits;
    for (Token& t : tokens) attach_aliases(t);

    // The domain's number, once: a domain no document is in matches none.
    const auto wanted = std::find(domains_.begin(), domains_.end(), domain_id);
    const auto wanted_domain = static_cast<std::uint32_t>(wanted - domains_.begin());
    auto in_domain = [&](std::uint32_t d) { return domain_id.empty() || docs_[d].domain == wanted_domain; };
    // Ids are in tie-break order (build), so equal scores rank by id.
    auto rank = [&](const SearchHit& a, const SearchHit& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.doc < b.doc;
    };

    if (tokens.size() == 1) {
        // One token: fields in rank order; once a field alone fills `limit`, no document
        // matching only in a lower field can outrank them, so the search stops there.
        const Token& t = tokens[0];
        const bool extends = !last_.token.empty() && last_.han == t.han && last_.domain == domain_id &&
                             t.text.size() >= last_.token.size() && t.text.compare(0, last_.token.size(), last_.token) == 0;
        LastQuery next{t.text, t.han, std::string(domain_id), {}, {false, false, false, false}};
        // The best score a field can give this token: exact for literal matches; a typed
        // pinyin token on titles without Latin letters tops out at pinyin + start. A term
        // spelt whole scores higher (match_field), but those few are tried first, below.
        auto best_possible_in = [&](SearchField f) {
            if (t.han) return score_of(f, MatchKind::Exact);
            if (f == SearchField::Title)
                return (t.has_letters ? any_letter_title_ : any_digit_title_) ? score_of(f, MatchKind::Exact) : score_of(f, MatchKind::Pinyin) + 5;
            return score_of(f, MatchKind::Exact);
        };
        std::vector<char> seen(docs_.size(), 0);
        // Terms this token spells whole (sbk, shebaoka), and thesaurus words it spells
        // whole: looked up, not scanned for, and tried in both name fields before the
        // scan, whose early stop would otherwise miss them (they outrank its bound).
        std::vector<SearchHit> spelled_hits;
        std::vector<std::uint32_t> first;
        if (t.spelled)
            for (auto [d, term] : *t.spelled) first.push_back(d);
        for (auto [d, score] : t.aliases)
            if (score > best_possible_in(SearchField::Term)) first.push_back(d);
        for (std::uint32_t d : first) {
            if (seen[d] || !in_domain(d)) continue;
            SearchHit best;
            best.doc = d;
            for (SearchField f : {SearchField::Title, SearchField::Term}) {
                SearchHit h;
                h.doc = d;
                if (int v = match_field(d, t, f, &h); v > best.score) {
                    best = h;
                    best.score = v;
                }
            }
            if (!best.score) continue;
            seen[d] = 1;
            spelled_hits.push_back(best);
            next.matched[0].push_back(d);
            next.matched[1].push_back(d);
        }
        // Only the best `limit` are kept (a heap whose top is the worst kept): a one-letter
        // prefix matches most of a 50,000-item catalogue, and storing every hit cost more
        // than finding it.
        size_t matched_total = 0;
        auto worse = [&](const SearchHit& a, const SearchHit& b) { return rank(a, b); };
        auto keep = [&](const SearchHit& h) {
            matched_total++;
            if (hits.size() < limit) {
                hits.push_back(h);
                std::push_heap(hits.begin(), hits.end(), worse);
            } else if (rank(h, hits.front())) {
                std::pop_heap(hits.begin(), hits.end(), worse);
                hits.back() = h;
                std::push_heap(hits.begin(), hits.end(), worse);
            }
        };
        for (const SearchHit& h : spelled_hits) keep(h);
        for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
            const int fi = static_cast<int>(f);
            std::vector<std::uint32_t> fresh;
            const std::vector<std::uint32_t>& cands = extends && last_.complete[fi] ? last_.matched[fi] : (fresh = candidates(t, f));
            auto& matched = next.matched[fi];
            // The best score this field can give this token: exact for literal matches; a
            // typed pinyin token on titles without Latin letters tops out at pinyin + start.
            const int best_possible = best_possible_in(f);
            bool stopped = false;
            for (std::uint32_t d : cands) {
                if (hits.size() >= limit && hits.front().score >= best_possible) { stopped = true; break; }
                if (!in_domain(d)) continue;
                if (seen[d]) { matched.push_back(d); continue; }  // not tried in this field: keep as a candidate
                SearchHit h;
                h.doc = d;
                if (int s = match_field(d, t, f, &h)) {
                    h.score = s;
                    seen[d] = 1;
                    matched.push_back(d);
                    keep(h);
                }
            }
            next.complete[fi] = !stopped;
            // Enough found, and no later field can beat the worst of them: stop.
            if (matched_total >= limit && hits.size() >= limit) {
                int later = 0;
                for (int g = fi + 1; g < 4; g++) later = std::max(later, best_possible_in(static_cast<SearchField>(g)));
                if (hits.front().score >= later) break;
            }
        }
        // Candidates stay sorted by id (ties rank by id): the spelled ones went in first.
        for (auto& m : next.matched) {
            std::sort(m.begin(), m.end());
            m.erase(std::unique(m.begin(), m.end()), m.end());
        }
        last_ = std::move(next);
    } else {
        multi_token(tokens, std::vector<bool>(tokens.size(), true), in_domain, limit, hits);
    }
    // A question framed as 多少钱 / 要多久 / 在哪里 …: the services whose guide answers it
    // rise a little (less than a field's or a match kind's step), and say where.
    constexpr int kAnswerBonus = 8;
    if (frame)
        for (SearchHit& h : hits)
            if (answers(h.doc, *frame)) {
                h.score += kAnswerBonus;
                h.answer = static_cast<int>(*frame);
            }
    // The whole query found too little: read it as a sentence (words, numbers, the
    // thesaurus) and, for letters, as initials of two words. These rank below every
    // strict match: they answer a looser question.
    if (hits.size() < limit) {
        std::vector<SearchHit> relaxed;
        if (tokens.size() == 1 && !tokens[0].han) initials_split(tokens[0], in_domain, limit, relaxed);
        // Words need Chinese or digits: typed letters are pinyin, read above.
        const bool has_words = std::any_of(q.begin(), q.end(), [](char32_t c) { return is_han(c) || (c >= '0' && c <= '9'); });
        if (has_words) word_search(utf8::decode(strip_question_phrases(normalized)), frame, in_domain, limit, relaxed);
        std::vector<char> have(docs_.size(), 0);
        for (auto& h : hits) have[h.doc] = 1;
        int next_score = 250;  // 250 down to 100: below every strict match (≥ 300)
        for (auto& h : relaxed) {
            if (have[h.doc]) continue;
            have[h.doc] = 1;
            h.score = std::max(next_score--, 100);
            h.relaxed = true;
            if (frame && answers(h.doc, *frame)) h.answer = static_cast<int>(*frame);
            hits.push_back(h);
        }
    }
    size_t keep = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + keep, hits.end(), rank);
    hits.resize(keep);
    return hits;
}

}  // namespace gongkai
