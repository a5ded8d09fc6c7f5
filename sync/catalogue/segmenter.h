// Word segmentation of a resident's question (分词): "我爸八十多岁了每个月能领什么钱" →
// 我/爸/八十/多岁/了/每个月/能/领/什么/钱, with jieba's dictionary as Debian ships it
// (python3-jieba: jieba/dict.txt, ~349,000 words with their frequencies) and jieba's own
// method: every dictionary word starting at each character (a DAG), then the path with the
// greatest product of word probabilities, found right to left. Characters of no dictionary
// word stand alone; a run of Latin letters or digits is one word.
//
// Search uses the words to match words, not only substrings, and drops function words
// (is_function_word). The dictionary is read once (load), bounded in size, then shared
// read-only between threads.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalogue_errors.h"

namespace gongkai {

class Segmenter {
public:
    // Debian's python3-jieba puts the dictionary here.
    static constexpr const char* kJiebaDictPath = "/usr/lib/python3/dist-packages/jieba/dict.txt";
    // Reads "word freq [tag]" lines. FileMissing / FileTooLarge (over 16 MiB: the shipped one
    // is 4.9 MiB) / SourceSyntax for a file that holds no such line.
    static Result<std::shared_ptr<const Segmenter>> load(const std::string& path = kJiebaDictPath);
    // From words and frequencies directly (tests, a catalogue's own words).
    static std::shared_ptr<const Segmenter> from_words(const std::vector<std::pair<std::string, std::int64_t>>& words);

    // `extra` (may be null) adds words on top of this dictionary, e.g. the catalogue's own
    // terms and thesaurus words; a word in both counts with the higher frequency.
    std::vector<std::string> segment(std::string_view text, const Segmenter* extra = nullptr) const;
    size_t size() const { return freq_.size(); }
    bool contains(std::string_view word) const { return lookup(utf8_to_u32(word)) > 0; }
    // Bytes the dictionary holds on the heap: itself, the hash table's buckets and nodes, the words.
    size_t memory_bytes() const;

    // Debian's dictionary, read once per process on first use (0.13 s, ~31 MiB) and shared
    // by every search index after it. Null, with one logged warning, when the file cannot
    // be read: search then splits questions by the catalogue's own words only.
    static std::shared_ptr<const Segmenter> shared_dictionary();

private:
    void add(std::string_view word, std::int64_t freq);
    // Frequency of a word; 0 for a prefix that is no word; -1 for neither.
    std::int64_t lookup(std::u32string_view word) const;
    static std::u32string utf8_to_u32(std::string_view s);

    std::unordered_map<std::u32string, std::int64_t> freq_;
    double log_total_ = 0;
    size_t longest_ = 1;  // characters of the longest word: bounds the DAG's reach
};

// Words that carry no service: particles, pronouns and frames (了, 的, 吗, 我, 能, 什么,
// 怎么 …). Search ignores them when other words remain.
bool is_function_word(std::string_view word);

}  // namespace gongkai
