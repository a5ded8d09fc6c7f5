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
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model.h"

namespace gongkai {

class Segmenter;

// What a question asks about a service, read from how it is framed (多少钱, 要多久,
// 在哪里, 什么时候发, 要带什么). A guide section answers each; search ranks the services
// whose guide has that section a little higher and shows the section's line.
enum class QuestionFrame : std::uint8_t { Fee, Duration, Where, Payday, Materials };
inline constexpr std::size_t kQuestionFrameCount = 5;
const char* to_string(QuestionFrame f);  // "fee", "duration", "where", "payday", "materials"
std::optional<QuestionFrame> question_frame_from_string(std::string_view s);
// The frame of a normalised query, if it has one.
std::optional<QuestionFrame> question_frame_of(std::string_view normalized);
// True if a normalised query asks when the hall is open (营业时间, 几点开门, 周末上班吗):
// no service answers that, the hall's own hours do. Search drops those words.
bool asks_hall_hours(std::string_view normalized);

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
    // Searched like terms (characters, pinyin, initials) but never shown as one: the
    // item's 一级事项 and the thesaurus words whose meaning its title or terms use
    // (养老金 for 城乡居民养老保险待遇申领), so `ylj` and `lvhua` find what residents mean.
    std::vector<std::string> aliases;
    // The guide's line that answers each QuestionFrame (empty: none), as the page shows it.
    std::array<std::string, kQuestionFrameCount> answers;
};

std::vector<SearchDocument> search_documents(const Catalogue& cat);

// A query is searched by its first 64 characters: a spoken question is 5–30, and every
// character costs (a 10,000-character paste took 1.2 s). The kiosk's box takes no more.
inline constexpr std::size_t kMaxQueryChars = 64;

// Chinese numerals written as digits where they count something: 八十多岁 → 80多岁,
// 零到六岁 → 0到6岁, 二型 → 2型, 一个月 → 1个月; 一下子, 统一, 万一 stay.
std::u32string arabic_numbers(std::u32string_view text);

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
    int term = -1;                                  // field Term: which curated term matched (-1: an alias)
    int answer = -1;                                // a QuestionFrame the document's guide answers, or -1
    bool relaxed = false;                           // found by words of the question, not the whole of it
};

// What search knows of the language besides the catalogue: a word dictionary to split
// questions with (null: the catalogue's own words only) and the catalogue's thesaurus.
struct SearchLanguage {
    std::shared_ptr<const Segmenter> dictionary;
    std::vector<ThesaurusEntry> thesaurus;
    // The process-wide dictionary (Segmenter::shared_dictionary) and `thesaurus`.
    static SearchLanguage standard(std::vector<ThesaurusEntry> thesaurus);
};

// Where an index's bytes go, as the heap blocks each structure holds (heap_size.h).
struct SearchIndexMemory {
    std::size_t documents = 0;          // what a hit shows and summary/body are checked in: ids, texts, answers
    std::size_t names = 0;              // titles and terms as characters, with their readings' initials
    std::size_t char_postings[4] = {};  // per field (SearchField): character → documents
    std::size_t sound_postings = 0;     // titles and terms: initial, two letters, syllable → documents
    std::size_t spellings = 0;          // terms and shared names spelt whole (full pinyin, initials)
    std::size_t shared_names = 0;       // aliases and thesaurus words, with the documents they stand for
    std::size_t language = 0;           // the catalogue's words (a segmenter), thesaurus expansions, the thesaurus
    std::size_t total() const;
};

class SearchIndex {
public:
    void build(std::vector<SearchDocument> docs, SearchLanguage language = {});
    // Best first. `domain_id` empty: all domains.
    std::vector<SearchHit> search(std::string_view query, std::size_t limit, std::string_view domain_id = {}) const;
    const SearchDocument& doc(std::uint32_t i) const { return docs_[i]; }
    std::size_t size() const { return docs_.size(); }
    // The heap this index holds (not the shared word dictionary); the same counted by structure.
    std::size_t memory_bytes() const { return memory().total(); }
    SearchIndexMemory memory() const;
    // The words a query is searched by once it is read as a sentence (tests, --query's
    // explanation): segmented, function words dropped, numbers as digits; a weak word
    // (a character of a word the catalogue lacks) ends in "?".
    std::vector<std::string> question_words(std::string_view query) const;

private:
    struct Text {
        std::u32string chars;
        std::vector<std::uint32_t> initials;  // per character: bit n = a reading starts with 'a'+n
        bool has_letters = false, has_digits = false;  // only then can a typed token match literally
    };
    struct Doc {
        Text title;
        std::vector<Text> terms;  // the curated terms
        std::uint16_t curated_terms = 0;
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
    template <class InDomain>
    void word_search(std::u32string_view normalized, std::optional<QuestionFrame> frame, InDomain in_domain,
                     std::size_t limit, std::vector<SearchHit>& hits) const;
    template <class InDomain>
    void initials_split(const Token& t, InDomain in_domain, std::size_t limit, std::vector<SearchHit>& hits) const;
    struct QueryWord {
        std::u32string text;
        bool weak = false;  // a character of a word the catalogue lacks: titles and terms only, weakly
    };
    std::vector<QueryWord> words_of(std::u32string_view normalized) const;
    // In the catalogue's text or a thesaurus word.
    bool known_word(std::u32string_view w) const;
    // A document's literal match of `word` in field `f` (title/term: position in chars).
    bool literal_in(std::uint32_t d, SearchField f, std::u32string_view word, const std::string& word_utf8, int* at,
                    int* term) const;

    // Whole texts by spelling (full pinyin or initials) → (document or word, term), sorted.
    using Spellings = std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::uint16_t>>>;
    void add_spellings(std::uint32_t d, std::uint16_t term, const std::u32string& chars, Spellings* into);
    const std::vector<std::pair<std::uint32_t, std::uint16_t>>* spelled(const std::string& letters, const Spellings& in) const;
    int match_text(const Text& text, const Token& t, SearchField f, SearchHit* hit) const;
    void attach_aliases(Token& t) const;
    void build_thesaurus();
    Spellings spelled_terms_;  // documents' terms
    Spellings spelled_words_;  // shared names (index into thesaurus_words_, 0)
    // Names that stand for documents, matched once per token: aliases (一级事项, the
    // titles of rows a guide shows) and thesaurus words.
    struct ThesaurusWord {
        Text text;
        std::vector<std::uint32_t> docs;  // aliases: whose they are; thesaurus words: whose title or terms hold a meaning
    };
    std::vector<ThesaurusWord> thesaurus_words_;
    SearchLanguage language_;
    std::shared_ptr<const Segmenter> catalogue_words_;  // terms, aliases and thesaurus words
    // Thesaurus: a resident's word → the catalogue's words (normalised).
    std::vector<std::pair<std::u32string, std::vector<std::u32string>>> expansions_;

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
    bool any_letter_title_ = false, any_digit_title_ = false;
};

}  // namespace gongkai
