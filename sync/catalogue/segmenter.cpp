// See segmenter.h.
#include "segmenter.h"

#include <cmath>
#include <set>

#include "heap_size.h"
#include "log.h"
#include "text_encoding.h"
#include "utf8.h"

namespace gongkai {

using utf8::is_han;
static bool is_latin_or_digit(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

void Segmenter::add(std::string_view word, std::int64_t freq) {
    std::u32string w = utf8::decode(word);
    if (w.empty() || freq <= 0) return;
    freq_[w] = freq;
    longest_ = std::max(longest_, w.size());
}

std::int64_t Segmenter::lookup(std::u32string_view word) const {
    auto it = freq_.find(std::u32string(word));
    return it == freq_.end() ? -1 : it->second;
}

std::u32string Segmenter::utf8_to_u32(std::string_view s) { return utf8::decode(s); }

size_t Segmenter::memory_bytes() const {
    // make_shared puts the object and its control block (two counts and a vtable) in one block.
    constexpr size_t kControlBlock = 16;
    size_t n = heap_size::block(sizeof(Segmenter) + kControlBlock) + heap_size::buckets(freq_.bucket_count());
    for (auto& [w, f] : freq_) n += heap_size::hash_node(sizeof(decltype(freq_)::value_type), true) + heap_size::of(w);
    return n;
}

std::shared_ptr<const Segmenter> Segmenter::shared_dictionary() {
    static const std::shared_ptr<const Segmenter> dictionary = [] {
        auto loaded = load(kJiebaDictPath);
        if (!loaded) {
            log_warn("search", "word dictionary unavailable (" + loaded.error().describe() +
                                   "); questions are split by the catalogue's own words only");
            return std::shared_ptr<const Segmenter>();
        }
        return *loaded;
    }();
    return dictionary;
}

// 16 MiB: three times the dictionary Debian ships (4.9 MiB), so a newer jieba fits and a
// wrong file (a log, an image) is refused before it is read.
static constexpr std::uint64_t kMaxDictBytes = 16u << 20;

Result<std::shared_ptr<const Segmenter>> Segmenter::load(const std::string& path) {
    auto text = read_file(path, kMaxDictBytes);
    if (!text) return text.error();
    auto seg = std::make_shared<Segmenter>();
    std::int64_t total = 0;
    size_t start = 0;
    while (start < text->size()) {
        size_t end = text->find('\n', start);
        if (end == std::string::npos) end = text->size();
        std::string_view line(text->data() + start, end - start);
        start = end + 1;
        const size_t sp = line.find(' ');
        if (sp == std::string_view::npos || sp == 0) continue;
        std::int64_t freq = 0;
        for (size_t i = sp + 1; i < line.size() && line[i] >= '0' && line[i] <= '9'; i++)
            freq = std::min<std::int64_t>(freq * 10 + (line[i] - '0'), 1LL << 40);  // bounded: no overflow
        if (freq <= 0 || !is_valid_utf8(line.substr(0, sp))) continue;
        seg->add(line.substr(0, sp), freq);
        total += freq;
    }
    if (seg->freq_.empty()) return make_error(CatalogueError::SourceSyntax, path + ": no \"word frequency\" line");
    seg->log_total_ = std::log(static_cast<double>(total));
    return std::shared_ptr<const Segmenter>(std::move(seg));
}

std::shared_ptr<const Segmenter> Segmenter::from_words(const std::vector<std::pair<std::string, std::int64_t>>& words) {
    auto seg = std::make_shared<Segmenter>();
    std::int64_t total = 0;
    for (auto& [w, f] : words) {
        seg->add(w, f);
        total += std::max<std::int64_t>(f, 0);
    }
    seg->log_total_ = std::log(static_cast<double>(std::max<std::int64_t>(total, 1)));
    return seg;
}

std::vector<std::string> Segmenter::segment(std::string_view text, const Segmenter* extra) const {
    auto lookup = [&](std::u32string_view w) {
        std::int64_t f = this->lookup(w);
        return extra ? std::max(f, extra->lookup(w)) : f;
    };
    const size_t longest = extra ? std::max(longest_, extra->longest_) : longest_;
    const std::u32string s = utf8::decode(text);
    const size_t n = s.size();
    // route[i]: the best log-probability of s[i..n) and where its first word ends.
    std::vector<double> best(n + 1, 0.0);
    std::vector<size_t> next(n + 1, n);
    for (size_t i = n; i-- > 0;) {
        // A run of Latin letters or digits is one word, whatever the dictionary says.
        if (is_latin_or_digit(s[i])) {
            size_t j = i;
            while (j < n && is_latin_or_digit(s[j])) j++;
            best[i] = best[j] - log_total_;
            next[i] = j;
            continue;
        }
        // One character is always a word (frequency 1 if unknown), so a path exists.
        std::int64_t f1 = lookup(std::u32string_view(s).substr(i, 1));
        best[i] = std::log(static_cast<double>(std::max<std::int64_t>(f1, 1))) - log_total_ + best[i + 1];
        next[i] = i + 1;
        if (!is_han(s[i])) continue;
        for (size_t len = 2; len <= longest && i + len <= n; len++) {
            if (!is_han(s[i + len - 1])) break;
            const std::int64_t f = lookup(std::u32string_view(s).substr(i, len));
            if (f <= 0) continue;
            const double score = std::log(static_cast<double>(f)) - log_total_ + best[i + len];
            if (score > best[i]) {
                best[i] = score;
                next[i] = i + len;
            }
        }
    }
    std::vector<std::string> words;
    for (size_t i = 0; i < n; i = next[i]) {
        std::string w;
        for (size_t k = i; k < next[i]; k++) utf8::append(w, s[k]);
        if (w != " ") words.push_back(std::move(w));
    }
    return words;
}

bool is_function_word(std::string_view word) {
    // Particles, pronouns, modal verbs and question frames as residents say them. A frame
    // that names what is asked (多少钱, 要多久, 在哪里) is read by the ranking, not here.
    static const std::set<std::string_view> kWords = {
        "的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "着", "过", "得", "地", "我", "你", "他", "她", "我们", "他们",
        "我家", "我爸", "我妈", "自己", "这", "那", "这个", "那个", "有", "没有", "能", "能不能", "可以", "可不可以",
        "要", "想", "想要", "需要", "请问", "怎么", "怎样", "如何", "什么", "哪里", "哪儿", "去", "到", "在", "给",
        "是", "不是", "就", "都", "也", "还", "和", "跟", "把", "被", "一下", "一个", "个", "些", "吧", "么",
        "该", "应该", "会", "让", "很", "太", "又", "再", "才", "刚", "已经", "一直", "还是", "或者", "因为", "所以",
        "如果", "但是", "现在", "咱", "咱们", "您", "谁", "啥", "咋", "咋办", "怎么办", "行不行", "有没有", "是不是"};
    return kWords.count(word) > 0;
}

}  // namespace gongkai
