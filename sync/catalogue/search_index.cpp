// See search_index.h. [SECTION] index:
//   [SECTION] Normalisation     — UTF-8 ↔ UTF-32, traditional → simplified, question words
//   [SECTION] Documents         — what text of an item is searched, by field
//   [SECTION] Index             — postings per field, by character, initial and syllable
//   [SECTION] Matching          — substring, pinyin (full / initials / mixed), sound-alike
//   [SECTION] Search            — candidates, early stop by field, ranking
#include "search_index.h"

#include <algorithm>
#include <cstring>
#include <string.h>  // memmem

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

bool is_han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }
bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string normalize_for_search(std::string_view text) {
    std::u32string s = utf8::decode(text);
    for (auto& c : s) c = normalize_char(c);
    return utf8::encode(s);
}

std::string strip_question_words(std::string_view normalized) {
    // Longest first, so 怎么办理 goes before 怎么 leaves 办理 behind. These never name a
    // service; 办理/申请 are kept because titles contain them.
    static const char* const kWords[] = {
        "要带什么", "带什么",   "需要什么", "要多久",   "多少钱",   "怎么申请", "如何申请", "怎么领取", "怎么领",
        "怎么办理", "在哪里办理", "在哪儿办理", "到哪里办", "去哪里办", "在哪里办", "哪里可以办", "哪里办",
        "怎么办",   "怎么样",     "怎么",       "如何",     "在哪里",   "在哪儿",   "哪里",       "哪儿",
        "怎样",     "什么",       "请问",       "我想",     "我要",     "能不能",   "可以吗",     "吗",
        "呢",       "了",         "的",         "啊",       "吧",       "？",       "?",          "，",
        ",",        "。",         "！",         "!"};
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

//-----------------------------------------------------------------------------
// [SECTION] Documents
//-----------------------------------------------------------------------------

std::vector<SearchDocument> search_documents(const Catalogue& cat) {
    std::vector<SearchDocument> docs;
    docs.reserve(cat.items.size());
    auto append = [](std::string& body, const std::string& s) {
        if (!s.empty()) { body += s; body += '\n'; }
    };
    int order = 0;
    for (auto& item : cat.items) {
        SearchDocument d;
        d.id = item.id;
        d.domain_id = item.domain_id;
        for (size_t i = 0; i < cat.domains.size(); i++)
            if (cat.domains[i].id == item.domain_id) d.domain_order = static_cast<int>(i);
        d.order = order++;
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
        docs.push_back(std::move(d));
    }
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

std::uint32_t initials_mask(char32_t c) {
    if (c >= 'a' && c <= 'z') return 1u << (c - 'a');
    std::uint32_t m = 0;
    for (unsigned short r : unihan::readings(c)) m |= 1u << (unihan::kSyllables[r][0] - 'a');
    return m;
}

void add_posting(std::vector<std::uint32_t>& v, std::uint32_t d) {
    if (v.empty() || v.back() != d) v.push_back(d);
}

}  // namespace

void SearchIndex::build(std::vector<SearchDocument> docs) {
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
    docs_ = std::move(docs);
    last_ = LastQuery{};
    any_ascii_title_ = false;
    index_.clear();
    index_.reserve(docs_.size());
    std::vector<std::vector<std::uint32_t>> by_char[4];
    for (auto& v : by_char) v.resize(0x10000);
    for (int f = 0; f < 2; f++) {
        for (auto& v : letter_postings_[f]) v.clear();
        for (auto& v : pair_postings_[f]) v.clear();
        syllable_postings_[f].assign(unihan::kSyllableCount, {});
    }
    auto make_text = [](const std::string& s) {
        Text t{utf8::decode(s), {}, false};
        for (char32_t c : t.chars) {
            t.initials.push_back(initials_mask(c));
            t.has_ascii |= c < 0x80;
        }
        return t;
    };
    for (std::uint32_t d = 0; d < docs_.size(); d++) {
        const SearchDocument& src = docs_[d];
        Doc doc{make_text(src.title), {}};
        any_ascii_title_ |= doc.title.has_ascii;
        for (auto& t : src.terms) doc.terms.push_back(make_text(t));
        auto index_chars = [&](const std::u32string& s, int f) {
            for (char32_t c : s)
                if (c < 0x10000) add_posting(by_char[f][c], d);
        };
        auto index_sound = [&](const Text& t, int f) {
            for (size_t i = 0; i < t.chars.size(); i++) {
                for (int b = 0; b < 26; b++)
                    if (t.initials[i] & (1u << b)) add_posting(letter_postings_[f][b], d);
                for (unsigned short r : unihan::readings(t.chars[i])) {
                    add_posting(syllable_postings_[f][r], d);
                    const char* syl = unihan::kSyllables[r];
                    if (syl[1]) add_posting(pair_postings_[f][(syl[0] - 'a') * 26 + (syl[1] - 'a')], d);
                }
                if (i + 1 < t.chars.size())
                    for (int a = 0; a < 26; a++)
                        if (t.initials[i] & (1u << a))
                            for (int b = 0; b < 26; b++)
                                if (t.initials[i + 1] & (1u << b)) add_posting(pair_postings_[f][a * 26 + b], d);
            }
        };
        index_chars(doc.title.chars, 0);
        index_sound(doc.title, 0);
        for (auto& t : doc.terms) { index_chars(t.chars, 1); index_sound(t, 1); }
        index_chars(utf8::decode(src.summary), 2);
        index_chars(utf8::decode(src.body), 3);
        index_.push_back(std::move(doc));
    }
    for (int f = 0; f < 4; f++) {
        postings_[f].clear();
        for (char32_t c = 0; c < 0x10000; c++)
            if (!by_char[f][c].empty()) postings_[f].emplace_back(c, std::move(by_char[f][c]));
    }
}

const std::vector<std::uint32_t>* SearchIndex::posting(SearchField f, char32_t c) const {
    auto& v = postings_[static_cast<int>(f)];
    auto it = std::lower_bound(v.begin(), v.end(), c, [](const auto& p, char32_t x) { return p.first < x; });
    return it != v.end() && it->first == c ? &it->second : nullptr;
}

std::size_t SearchIndex::memory_bytes() const {
    std::size_t n = 0;
    for (auto& f : postings_)
        for (auto& [c, v] : f) n += v.size() * 4 + sizeof(c) + sizeof(v);
    for (auto& f : letter_postings_)
        for (auto& v : f) n += v.size() * 4;
    for (auto& f : syllable_postings_)
        for (auto& v : f) n += v.size() * 4 + sizeof(v);
    for (auto& d : index_) {
        n += d.title.chars.size() * 8 + sizeof(Doc);
        for (auto& t : d.terms) n += t.chars.size() * 8;
    }
    for (auto& d : docs_) n += d.title.size() + d.summary.size() + d.body.size() + d.id.size() + sizeof(d);
    return n;
}

//-----------------------------------------------------------------------------
// [SECTION] Matching
//-----------------------------------------------------------------------------

struct SearchIndex::Token {
    std::u32string text;
    std::string utf8;                                  // the same text, for memmem over summary and body
    bool han = false;                                  // Chinese characters (else ASCII letters/digits)
    std::vector<std::vector<unsigned short>> sounds;   // han: readings of each character
};

namespace {

// Scores: the field decides first, the kind of match second (search_index.h). Gaps of 10
// leave room for a start-of-title bonus without crossing a kind.
constexpr int kFieldBase[4] = {1000, 800, 500, 300};
constexpr int kKindOffset[6] = {90, 70, 50, 40, 30, 20};
int score_of(SearchField f, MatchKind k) { return kFieldBase[static_cast<int>(f)] + kKindOffset[static_cast<int>(k)]; }

// Pinyin: can query[j…] be typed from text[i…], syllable by syllable, each syllable
// given in full, by its initial (zh/ch/sh count as initials too), or — at the end of the
// query — by any prefix? Tries every reading of polyphones. Titles are short, so plain
// backtracking is cheap; the first-letter masks prune almost every start.
bool pinyin_from(const std::u32string& text, const std::vector<std::uint32_t>& masks, size_t i, std::u32string_view q,
                 size_t j, size_t* end, bool* initials_used) {
    if (j == q.size()) { *end = i; return true; }
    if (i == text.size()) return false;
    char32_t c = text[i];
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
        if (q[j] < 'a' || q[j] > 'z' || !(masks[i] & (1u << (q[j] - 'a')))) return false;
    } else {
        if (c != q[j]) return false;
        return pinyin_from(text, masks, i + 1, q, j + 1, end, initials_used);
    }
    const auto& lengths = syllable_lengths();
    for (unsigned short r : unihan::readings(c)) {
        std::string_view s(unihan::kSyllables[r], lengths[r]);
        size_t rest = q.size() - j, k = 0;
        while (k < s.size() && k < rest && static_cast<char32_t>(s[k]) == q[j + k]) k++;
        if (k == rest && k <= s.size()) { *end = i + 1; return true; }  // query ends inside this syllable
        if (k == s.size() && pinyin_from(text, masks, i + 1, q, j + k, end, initials_used)) return true;
        size_t initial = (s.size() > 1 && s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's')) ? 2 : 1;
        for (size_t len = 1; len <= initial && len < s.size(); len++) {
            if (k >= len && pinyin_from(text, masks, i + 1, q, j + len, end, initials_used)) {
                *initials_used = true;
                return true;
            }
        }
    }
    return false;
}

bool pinyin_match(const std::u32string& text, const std::vector<std::uint32_t>& masks, std::u32string_view q, int* begin,
                  int* end, bool* initials_used) {
    if (q.empty() || q[0] < 'a' || q[0] > 'z') return false;
    const std::uint32_t first = 1u << (q[0] - 'a');
    for (size_t i = 0; i < text.size(); i++) {
        if (!(masks[i] & first)) continue;
        size_t e;
        bool used = false;
        if (pinyin_from(text, masks, i, q, 0, &e, &used)) {
            *begin = static_cast<int>(i);
            *end = static_cast<int>(e);
            *initials_used = used;
            return true;
        }
    }
    return false;
}

// Same sound: each query character shares a reading with the text's character.
bool sound_match(const std::u32string& text, const std::vector<std::vector<unsigned short>>& sounds, int* begin) {
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

// Best match of token `t` in field `f` of document `d`: its score, 0 if none.
int SearchIndex::match_field(std::uint32_t d, const Token& t, SearchField f, SearchHit* hit) const {
    const Doc& doc = index_[d];
    auto literal = [&](const std::u32string& s, bool whole_field) -> int {
        size_t p = s.find(t.text);
        if (p == std::u32string::npos) return 0;
        MatchKind k = whole_field && s.size() == t.text.size() ? MatchKind::Exact : p == 0 ? MatchKind::Prefix : MatchKind::Substring;
        hit->kind = k;
        if (f == SearchField::Title) { hit->highlight_begin = static_cast<int>(p); hit->highlight_end = static_cast<int>(p + t.text.size()); }
        return score_of(f, k);
    };
    auto sounds = [&](const Text& text) -> int {
        int b = -1, e = -1;
        bool initials = false;
        if (t.han) {
            if (t.text.size() < 2 || !sound_match(text.chars, t.sounds, &b)) return 0;
            e = b + static_cast<int>(t.sounds.size());
            hit->kind = MatchKind::SoundAlike;
        } else if (t.text.size() == 1 && t.text[0] >= 'a' && t.text[0] <= 'z') {
            // One letter: the start of a syllable anywhere; the masks answer it directly.
            const std::uint32_t bit = 1u << (t.text[0] - 'a');
            for (size_t i = 0; i < text.initials.size() && b < 0; i++)
                if (text.initials[i] & bit) b = static_cast<int>(i);
            if (b < 0) return 0;
            e = b + 1;
            hit->kind = MatchKind::Pinyin;
        } else if (t.text.size() == 2 && t.text[0] >= 'a' && t.text[0] <= 'z' && t.text[1] >= 'a' && t.text[1] <= 'z') {
            // Two letters: the start of one syllable ("zh", "di") beats two initials ("zx").
            const std::uint32_t b0 = 1u << (t.text[0] - 'a'), b1 = 1u << (t.text[1] - 'a');
            int initials_at = -1;
            for (size_t i = 0; i < text.chars.size() && b < 0; i++) {
                if (!(text.initials[i] & b0)) continue;
                char32_t c = text.chars[i];
                if (c >= 'a' && c <= 'z') {
                    if (i + 1 < text.chars.size() && text.chars[i + 1] == t.text[1]) b = static_cast<int>(i);
                    continue;
                }
                for (unsigned short r : unihan::readings(c)) {
                    const char* syl = unihan::kSyllables[r];
                    if (syl[1] == static_cast<char>(t.text[1])) { b = static_cast<int>(i); break; }
                }
                if (b < 0 && initials_at < 0 && i + 1 < text.initials.size() && (text.initials[i + 1] & b1))
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
            if (!pinyin_match(text.chars, text.initials, t.text, &b, &e, &initials)) return 0;
            hit->kind = initials ? MatchKind::Initials : MatchKind::Pinyin;
        }
        if (f == SearchField::Title) { hit->highlight_begin = b; hit->highlight_end = e; }
        return score_of(f, hit->kind) + (b == 0 ? 5 : 0);  // typed from the start of the title
    };
    hit->field = f;
    switch (f) {
    case SearchField::Title:
        if (t.han || doc.title.has_ascii)
            if (int s = literal(doc.title.chars, true)) return s;
        return sounds(doc.title);
    case SearchField::Term: {
        int best = 0;
        SearchHit h = *hit;
        for (size_t i = 0; i < doc.terms.size(); i++) {
            const Text& term = doc.terms[i];
            int s = t.han || term.has_ascii ? literal(term.chars, true) : 0;
            if (!s) s = sounds(term);
            if (s > best) {
                best = s;
                h = *hit;
                h.term = static_cast<int>(i);
            }
        }
        *hit = h;
        hit->field = f;
        return best;
    }
    case SearchField::Summary:
    case SearchField::Body: {
        const std::string& hay = f == SearchField::Summary ? docs_[d].summary : docs_[d].body;
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

// Documents that may match `t` in field `f` (a superset; match_field decides).
std::vector<std::uint32_t> SearchIndex::candidates(const Token& t, SearchField f) const {
    std::vector<std::uint32_t> literal;
    bool first = true;
    // Literal: every character of the token occurs in the field. Rarest first would be
    // faster still; postings of 1–4 characters intersect in microseconds.
    for (char32_t c : t.text) {
        const auto* p = posting(f, c);
        if (!p) { literal.clear(); first = false; break; }
        literal = first ? *p : intersect(literal, *p);
        first = false;
        if (literal.empty()) break;
    }
    if (f != SearchField::Title && f != SearchField::Term) return literal;
    const int fi = f == SearchField::Title ? 0 : 1;
    std::vector<std::uint32_t> sound;
    if (t.han && t.text.size() >= 2) {
        first = true;
        for (auto& readings : t.sounds) {
            std::vector<std::uint32_t> any;
            for (unsigned short r : readings) any = unite(any, syllable_postings_[fi][r]);
            sound = first ? any : intersect(sound, any);
            first = false;
            if (sound.empty()) break;
        }
    } else if (!t.han && t.text[0] >= 'a' && t.text[0] <= 'z') {
        if (t.text.size() >= 2 && t.text[1] >= 'a' && t.text[1] <= 'z') {
            // add_posting keeps a list sorted only per insertion order of documents,
            // which is ascending: pair lists are sorted too.
            sound = pair_postings_[fi][(t.text[0] - 'a') * 26 + (t.text[1] - 'a')];
        } else {
            sound = letter_postings_[fi][t.text[0] - 'a'];
        }
    }
    return unite(literal, sound);
}

// True if some document contains `text` literally in any field.
bool SearchIndex::occurs(std::u32string_view text) const {
    Token probe = make_han_token(text);
    for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
        for (std::uint32_t d : candidates(probe, f)) {
            const Doc& doc = index_[d];
            switch (f) {
            case SearchField::Title: if (doc.title.chars.find(text) != std::u32string::npos) return true; break;
            case SearchField::Term:
                for (auto& t : doc.terms)
                    if (t.chars.find(text) != std::u32string::npos) return true;
                break;
            case SearchField::Summary:
            case SearchField::Body: {
                const std::string& hay = f == SearchField::Summary ? docs_[d].summary : docs_[d].body;
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
    for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
        for (std::uint32_t d : candidates(tokens[lead], f)) {
            if (seen[d] || !in_domain(d)) continue;
            SearchHit best;
            best.doc = d;
            int lead_score = match_field(d, tokens[lead], f, &best);
            if (!lead_score) continue;
            int total = lead_score;
            bool ok = true;
            for (size_t k = 0; k < tokens.size() && ok; k++) {
                if (k == lead) continue;
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

std::vector<SearchHit> SearchIndex::search(std::string_view query, std::size_t limit, std::string_view domain_id) const {
    std::vector<SearchHit> hits;
    if (limit == 0 || docs_.empty()) return hits;
    std::u32string q = utf8::decode(strip_question_words(normalize_for_search(query)));
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
            tokens.push_back(std::move(t));
        } else {
            i++;
        }
    }
    if (tokens.empty()) return hits;

    auto in_domain = [&](std::uint32_t d) { return domain_id.empty() || docs_[d].domain_id == domain_id; };
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
        std::vector<char> seen(docs_.size(), 0);
        // Only the best `limit` are kept (a heap whose top is the worst kept): a one-letter
        // prefix matches most of a 50,000-item catalogue, and storing every hit cost more
        // than finding it.
        size_t matched_total = 0;
        auto worse = [&](const SearchHit& a, const SearchHit& b) { return rank(a, b); };
        for (SearchField f : {SearchField::Title, SearchField::Term, SearchField::Summary, SearchField::Body}) {
            const int fi = static_cast<int>(f);
            std::vector<std::uint32_t> fresh;
            const std::vector<std::uint32_t>& cands = extends && last_.complete[fi] ? last_.matched[fi] : (fresh = candidates(t, f));
            auto& matched = next.matched[fi];
            // The best score this field can give this token: exact for literal matches; a
            // typed pinyin token on titles without Latin letters tops out at pinyin + start.
            const int best_possible = t.han || (f == SearchField::Title ? any_ascii_title_ : true)
                                          ? score_of(f, MatchKind::Exact)
                                          : score_of(f, MatchKind::Pinyin) + 5;
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
                    matched_total++;
                    if (hits.size() < limit) {
                        hits.push_back(h);
                        std::push_heap(hits.begin(), hits.end(), worse);
                    } else if (rank(h, hits.front())) {
                        std::pop_heap(hits.begin(), hits.end(), worse);
                        hits.back() = h;
                        std::push_heap(hits.begin(), hits.end(), worse);
                    }
                }
            }
            next.complete[fi] = !stopped;
            if (matched_total >= limit) break;
        }
        last_ = std::move(next);
    } else {
        multi_token(tokens, std::vector<bool>(tokens.size(), true), in_domain, limit, hits);
    }
    // A whole question ("身份证丢了怎么办") rarely occurs verbatim: when the strict search
    // finds little, split long Chinese runs into the longest pieces the catalogue
    // contains, require the longest piece, and let the others add to the score.
    if (hits.size() < limit) {
        std::vector<Token> pieces;
        bool split = false;
        for (const Token& t : tokens) {
            if (!t.han || t.text.size() < 3) { pieces.push_back(t); continue; }
            for (size_t i = 0; i < t.text.size();) {
                size_t len = std::min<size_t>(t.text.size() - i, 8);
                for (; len > 1; len--)
                    if (occurs(t.text.substr(i, len))) break;
                pieces.push_back(make_han_token(t.text.substr(i, len)));
                split |= len < t.text.size();
                i += len;
            }
        }
        if (split || pieces.size() > 1) {
            size_t longest = 0;
            for (size_t k = 1; k < pieces.size(); k++)
                if (pieces[k].text.size() > pieces[longest].text.size()) longest = k;
            std::vector<bool> required(pieces.size(), false);
            required[longest] = true;
            std::vector<SearchHit> relaxed;
            multi_token(pieces, required, in_domain, limit, relaxed);
            std::vector<char> have(docs_.size(), 0);
            for (auto& h : hits) have[h.doc] = 1;
            // Relaxed matches rank below every strict one: they answer a looser question.
            std::sort(relaxed.begin(), relaxed.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
            for (auto& h : relaxed) {
                if (have[h.doc]) continue;
                h.score = 100 + std::min(h.score, 3000) / 20;  // 100–250: below every strict match (≥ 300)
                hits.push_back(h);
            }
        }
    }
    size_t keep = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + keep, hits.end(), rank);
    hits.resize(keep);
    return hits;
}

}  // namespace gongkai
