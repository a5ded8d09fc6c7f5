// Search that residents find things with: Chinese substrings of any length (1 and 2
// characters included), full pinyin and initials with every reading of polyphones,
// traditional characters, same-sound typos (底保 → 低保), question words ignored, and
// the curated everyday terms. Ranking: field first (title > curated term > summary >
// body), then match kind (exact > prefix > substring > pinyin > initials > sound-alike),
// then guides before directory rows, shorter titles before longer (the query covers
// more of them), then the catalogue's own order.
//
// The text each item is searched by is extracted and normalised once, when a catalogue
// is installed (search_documents(), stored in the cache's search_docs table); the kiosk
// builds the in-memory postings from it at load (SearchIndex::build).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace gongkai {

// Normalised search text of one item (simplified characters, lower-case ASCII).
struct SearchDocument {
    std::string id;
    std::string domain_id;
    int domain_order = 0;
    int order = 0;
    bool guide = false;               // a service guide: what residents usually want first
    std::string title;                // normalised; same character count as the shown title
    std::vector<std::string> terms;   // curated everyday words
    std::string summary;
    std::string body;                 // everything else the item page shows, joined
};

std::vector<SearchDocument> search_documents(const Catalogue& cat);

// Traditional → simplified, full-width → ASCII, lower-case; one character in, one out.
std::string normalize_for_search(std::string_view text);
// Removes question words and particles (怎么, 如何, 在哪里, 哪里办, 怎么办, 了, 吗, 的 …).
std::string strip_question_words(std::string_view normalized);

enum class SearchField : std::uint8_t { Title, Term, Summary, Body };
enum class MatchKind : std::uint8_t { Exact, Prefix, Substring, Pinyin, Initials, SoundAlike };
const char* to_string(SearchField f);
const char* to_string(MatchKind k);

struct SearchHit {
    std::uint32_t doc = 0;
    int score = 0;
    SearchField field = SearchField::Body;
    MatchKind kind = MatchKind::Substring;
    int highlight_begin = -1, highlight_end = -1;  // characters of the title to highlight
    int term = -1;                                  // field Term: which curated term matched
};

class SearchIndex {
public:
    void build(std::vector<SearchDocument> docs);
    // Best first. `domain_id` empty: all domains.
    std::vector<SearchHit> search(std::string_view query, std::size_t limit, std::string_view domain_id = {}) const;
    const SearchDocument& doc(std::uint32_t i) const { return docs_[i]; }
    std::size_t size() const { return docs_.size(); }
    std::size_t memory_bytes() const;

private:
    struct Text {
        std::u32string chars;
        std::vector<std::uint32_t> initials;  // per character: bit n = a reading starts with 'a'+n
        bool has_ascii = false;               // letters or digits: only then can a typed token match literally
    };
    struct Doc {
        Text title;
        std::vector<Text> terms;
        // Summary and body are searched as UTF-8 (in docs_) with memmem: glibc's is
        // vectorised, where a char32_t find is a plain loop — 70% of a keystroke's time
        // on 50,000 items before the change (perf, gongkai-bench-search).
    };
    struct Token;
    static Token make_han_token(std::u32string_view text);
    bool occurs(std::u32string_view text) const;
    template <class InDomain>
    void multi_token(const std::vector<Token>& tokens, const std::vector<bool>& required, InDomain in_domain,
                     std::size_t limit, std::vector<SearchHit>& hits) const;
    int match_field(std::uint32_t d, const Token& t, SearchField f, SearchHit* hit) const;
    int match_doc(std::uint32_t d, const Token& t, SearchHit* hit) const;
    std::vector<std::uint32_t> candidates(const Token& t, SearchField f) const;

    std::vector<SearchDocument> docs_;
    std::vector<Doc> index_;
    // Per field: character → sorted documents containing it.
    std::vector<std::pair<char32_t, std::vector<std::uint32_t>>> postings_[4];
    // Title/term: reading's first letter → documents; syllable id → documents.
    std::vector<std::uint32_t> letter_postings_[2][26];
    // Title/term: two letters a typed query can start with → documents. [a][b] holds a
    // document if some reading starts with "ab", or adjacent characters have readings
    // starting with a and b. Every pinyin match of a query starting "ab" is in it.
    std::vector<std::uint32_t> pair_postings_[2][26 * 26];
    std::vector<std::vector<std::uint32_t>> syllable_postings_[2];
    const std::vector<std::uint32_t>* posting(SearchField f, char32_t c) const;

    // As-you-type: a query that extends the previous one can only match documents the
    // previous one matched (substrings, readings and pinyin prefixes all only narrow),
    // so each field's candidates are the previous matches (a superset, re-verified).
    struct LastQuery {
        std::u32string token;
        bool han = false;
        std::string domain;
        std::vector<std::uint32_t> matched[4];
        bool complete[4] = {false, false, false, false};
    };
    mutable LastQuery last_;
    bool any_ascii_title_ = false;
};

}  // namespace gongkai
