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
#include "search_storage.h"

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
// The pieces of search_documents, for an install that sees one item at a time:
// one item's document (`domain_order`: its domain's place; `order`: its own) …
SearchDocument search_document(const Item& item, int domain_order, int order);
// … and one per service: a directory row a guide links to (its `links`) is found as that
// guide, as the kiosk shows it. The row's text joins the guide's body, its title (unless
// it only names a kind of document, 办事指南) the guide's aliases; the row's own document
// is then dropped. A row joins the first guide that links it, in catalogue order.
void merge_linked_row(SearchDocument& guide, const SearchDocument& row, std::string_view row_title);
// A search document's terms, and its aliases, at most: an item's own (kMaxItemTerms) and, for a
// guide, those its linked rows bring, beyond which merge_linked_row adds no more (a guide
// linking over 15 rows of 64 terms each). The cache refuses more when it reads them back.
inline constexpr std::size_t kMaxSearchNames = 1000;

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

// What a search hit's document shows: its id and domain, its title and curated terms
// (normalised, as SearchDocument holds them) and the guide's line for each question frame.
struct FoundDocument {
    std::string id;
    std::string domain_id;
    std::string title;
    std::vector<std::string> terms;
    std::array<std::string, kQuestionFrameCount> answers;
};

// Where an index's bytes go, as the heap blocks each structure holds (heap_size.h).
struct SearchIndexMemory {
    std::size_t documents = 0;          // what a hit shows and summary/body are checked in: ids, texts, answers
    std::size_t names = 0;              // titles and terms as characters
    std::size_t char_postings[4] = {};  // per field (SearchField): character → documents
    std::size_t sound_postings = 0;     // titles and terms: initial, two letters, syllable → documents
    std::size_t spellings = 0;          // terms and shared names spelt whole (full pinyin, initials)
    std::size_t shared_names = 0;       // aliases and thesaurus words, with the documents they stand for
    std::size_t language = 0;           // the catalogue's words (a segmenter), thesaurus expansions
    std::size_t total() const;
};

class SearchIndex {
public:
    void build(std::vector<SearchDocument> docs, SearchLanguage language = {});
    // Best first. `domain_id` empty: all domains.
    std::vector<SearchHit> search(std::string_view query, std::size_t limit, std::string_view domain_id = {}) const;
    // What hit `i` shows, copied out of the index's compact storage.
    FoundDocument doc(std::uint32_t i) const;
    std::size_t size() const { return docs_.size(); }
    // The heap this index holds (not the shared word dictionary); the same counted by structure.
    std::size_t memory_bytes() const { return memory().total(); }
    SearchIndexMemory memory() const;
    // The words a query is searched by once it is read as a sentence (tests, --query's
    // explanation): segmented, function words dropped, numbers as digits; a weak word
    // (a character of a word the catalogue lacks) ends in "?".
    std::vector<std::string> question_words(std::string_view query) const;

private:
    // A title, term or shared name as it is matched: its characters (each reading's
    // first letter comes from a table, initials_mask) and whether it holds Latin letters
    // or digits (only then can a typed token match it literally).
    struct Text {
        std::u32string_view chars;
        bool has_letters = false, has_digits = false;
    };
    static Text text_of(std::u32string_view chars);
    // Document `d` (numbered in the ranking's tie-break order, build()).
    struct Doc {
        std::uint32_t first_name = 0;  // names_: its title, then its terms up to the next document's first_name
        std::uint32_t domain = 0;      // domains_
    };
    Text title_of(std::uint32_t d) const { return name(docs_[d].first_name); }
    std::uint32_t term_count(std::uint32_t d) const;
    Text term_of(std::uint32_t d, std::uint32_t k) const { return name(docs_[d].first_name + 1 + k); }
    Text name(std::uint32_t i) const;
    // Summary and body are searched as UTF-8 with memmem: glibc's is vectorised, where a
    // char32_t find is a plain loop — 70% of a keystroke's time on 50,000 items before the
    // change (perf, gongkai-bench-search). Each document's texts, in this order, in texts_:
    enum class Piece : std::uint32_t { Id, Summary, Body, FirstAnswer };  // answers: one per QuestionFrame
    static constexpr std::uint32_t kPiecesPerDoc = static_cast<std::uint32_t>(Piece::FirstAnswer) + kQuestionFrameCount;
    std::string_view piece(std::uint32_t d, Piece p, std::uint32_t answer = 0) const {
        return texts_[d * kPiecesPerDoc + static_cast<std::uint32_t>(p) + answer];
    }
    // Field Summary or Body of document `d`, as UTF-8.
    std::string_view running_text(std::uint32_t d, SearchField f) const {
        return piece(d, f == SearchField::Summary ? Piece::Summary : Piece::Body);
    }
    bool answers(std::uint32_t d, QuestionFrame f) const { return !piece(d, Piece::FirstAnswer, static_cast<std::uint32_t>(f)).empty(); }
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
    void add_spellings(std::uint32_t d, std::uint16_t term, std::u32string_view chars, Spellings* into);
    const std::vector<std::pair<std::uint32_t, std::uint16_t>>* spelled(const std::string& letters, const Spellings& in) const;
    int match_text(const Text& text, const Token& t, SearchField f, SearchHit* hit) const;
    void attach_aliases(Token& t) const;
    void build_thesaurus(const std::vector<ThesaurusEntry>& thesaurus);
    Spellings spelled_terms_;  // documents' terms
    Spellings spelled_words_;  // shared names (index into thesaurus_words_, 0)
    // Names that stand for documents, matched once per token: aliases (一级事项, the
    // titles of rows a guide shows) and thesaurus words.
    struct ThesaurusWord {
        std::u32string chars;
        std::vector<std::uint32_t> docs;  // aliases: whose they are; thesaurus words: whose title or terms hold a meaning
    };
    std::vector<ThesaurusWord> thesaurus_words_;
    std::shared_ptr<const Segmenter> dictionary_;  // SearchLanguage's; its thesaurus is in expansions_ and thesaurus_words_
    std::shared_ptr<const Segmenter> catalogue_words_;  // terms, aliases and thesaurus words
    // Thesaurus: a resident's word → the catalogue's words (normalised).
    std::vector<std::pair<std::u32string, std::vector<std::u32string>>> expansions_;

    std::vector<Doc> docs_;
    std::vector<std::string> domains_;
    TextArena<char32_t> names_;               // titles and terms
    std::vector<std::uint8_t> name_kinds_;    // per name: kHasLetters | kHasDigits
    static constexpr std::uint8_t kHasLetters = 1, kHasDigits = 2;
    TextArena<char> texts_;                   // ids, summaries, bodies, answers (Piece)
    // Per field: character → documents containing it (list i is chars[i]'s).
    struct CharPostings {
        std::vector<char32_t> chars;  // sorted
        PostingLists lists;
    };
    CharPostings char_postings_[4];
    // `out` becomes the documents holding every character of `chars` in field `f`.
    void holding_all(SearchField f, std::u32string_view chars, std::vector<std::uint32_t>& out) const;
    // Title/term, one list each: a reading's first letter → documents (kLetterLists);
    // two letters a typed query can start with → documents (kPairLists): [a][b] holds a
    // document if some reading starts with "ab", or adjacent characters have readings
    // starting with a and b — every pinyin match of a query starting "ab" is in it;
    // syllable id → documents (after them).
    static constexpr std::uint32_t kLetterLists = 26, kPairLists = 26 * 26;
    PostingLists sound_postings_[2];

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
