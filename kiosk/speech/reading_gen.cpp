// gongkai-reading-gen PHRASES.json UNIHAN_DIR LEXICON.tsv OUT.bin — build-time only. Writes the
// toned phrase dictionary read-aloud uses (layout in reading_blob.h), from:
//   * the npm package @pinyin-pro/data (json/complete.json, ISC licence): 348,838 words and
//     characters, each {"银行": ["yín háng", 7.684e-9]} — a toned reading and a probability,
//     so one source both segments the text and reads it. Fetched by scripts/install-deps into
//     a cache outside the repository;
//   * Debian's Unihan (unicode-data): kMandarin, the customary reading, for every BMP
//     character the phrase data lacks;
//   * kiosk/speech/lexicon.tsv: the project's own corrections, each with its reason.
// Tone marks become digits 1–5 (5 = neutral: a syllable written without a mark), ü → v.
#include <bzlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "reading_blob.h"
#include "read_bz2.h"
#include "utf8.h"

namespace {

using namespace gongkai;
namespace blob = gongkai::reading_blob;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

using gongkai::tools::read_bz2;

// "yín" → "yin2", "lǜ" → "lv4", "de" → "de5". Empty if the syllable is not plain pinyin.
std::string numbered(const std::string& marked) {
    struct Mark { const char* utf8; char base; int tone; };
    static const Mark marks[] = {
        {"ā", 'a', 1}, {"á", 'a', 2}, {"ǎ", 'a', 3}, {"à", 'a', 4}, {"ē", 'e', 1}, {"é", 'e', 2}, {"ě", 'e', 3},
        {"è", 'e', 4}, {"ī", 'i', 1}, {"í", 'i', 2}, {"ǐ", 'i', 3}, {"ì", 'i', 4}, {"ō", 'o', 1}, {"ó", 'o', 2},
        {"ǒ", 'o', 3}, {"ò", 'o', 4}, {"ū", 'u', 1}, {"ú", 'u', 2}, {"ǔ", 'u', 3}, {"ù", 'u', 4}, {"ǖ", 'v', 1},
        {"ǘ", 'v', 2}, {"ǚ", 'v', 3}, {"ǜ", 'v', 4}, {"ü", 'v', 0}, {"ê", 'e', 0}, {"ế", 'e', 2}, {"ề", 'e', 4},
        {"ń", 'n', 2}, {"ň", 'n', 3}, {"ǹ", 'n', 4}, {"ḿ", 'm', 2}};
    std::string out;
    int tone = 5;
    for (size_t i = 0; i < marked.size();) {
        unsigned char c = marked[i];
        if (c >= 'a' && c <= 'z') { out += static_cast<char>(c); i++; continue; }
        if (c < 0x80) return {};
        bool found = false;
        for (const Mark& m : marks) {
            size_t n = std::strlen(m.utf8);
            if (marked.compare(i, n, m.utf8) == 0) {
                out += m.base;
                if (m.tone) tone = m.tone;
                i += n;
                found = true;
                break;
            }
        }
        if (!found) return {};
    }
    if (out.empty() || out.size() + 2 > blob::kSyllableSlot) return {};
    return out + static_cast<char>('0' + tone);
}

bool is_numbered_syllable(const std::string& s) {
    if (s.size() < 2 || s.size() + 1 > blob::kSyllableSlot) return false;
    for (size_t i = 0; i + 1 < s.size(); i++)
        if (s[i] < 'a' || s[i] > 'z') return false;
    return s.back() >= '1' && s.back() <= '5';
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) { if (!cur.empty()) out.push_back(cur); cur.clear(); }
        else cur += c;
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

struct Word {
    std::vector<std::string> syllables;
    unsigned cost;
};

// BMP code units of a word, or empty when it holds anything but BMP ideographs.
std::u16string han_units(const std::string& text) {
    std::u16string out;
    for (char32_t cp : utf8::decode(text)) {
        bool han = (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
        if (!han) return {};
        out += static_cast<char16_t>(cp);
    }
    return out;
}

unsigned cost_of(double p) {
    if (!(p > 0)) return blob::kUnihanCost - 1;
    double c = std::round(-std::log(p) * blob::kCostScale);
    return static_cast<unsigned>(std::clamp(c, 0.0, double(blob::kUnihanCost - 1)));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: gongkai-reading-gen PHRASES.json UNIHAN_DIR LEXICON.tsv OUT.bin\n");
        return 2;
    }
    std::map<std::u16string, Word> words;
    size_t skipped = 0;
    {
        std::string text = read_file(argv[1]);
        if (text.empty()) {
            std::fprintf(stderr, "gongkai-reading-gen: cannot read %s (run scripts/install-deps)\n", argv[1]);
            return 1;
        }
        nlohmann::json j = nlohmann::json::parse(text);
        for (auto& [key, value] : j.items()) {
            std::u16string units = han_units(key);
            if (units.empty() || units.size() > blob::kMaxWordChars || !value.is_array() || value.size() < 2) { skipped++; continue; }
            Word w;
            bool ok = true;
            for (auto& s : split(value[0].get<std::string>(), ' ')) {
                std::string n = numbered(s);
                if (n.empty()) ok = false;
                w.syllables.push_back(n);
            }
            if (!ok || w.syllables.size() != units.size()) { skipped++; continue; }
            w.cost = cost_of(value[1].get<double>());
            words[units] = std::move(w);
        }
    }
    const size_t from_phrases = words.size();

    // Unihan kMandarin ("xíng" or "hé hè": the first is the customary zh-CN reading).
    size_t from_unihan = 0;
    {
        std::string readings = read_bz2(std::string(argv[2]) + "/Unihan_Readings.txt.bz2");
        if (readings.empty()) {
            std::fprintf(stderr, "gongkai-reading-gen: cannot read Unihan data in %s (install unicode-data)\n", argv[2]);
            return 1;
        }
        std::istringstream in(readings);
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("U+", 0) != 0) continue;
            auto fields = split(line, '\t');
            if (fields.size() != 3 || fields[1] != "kMandarin") continue;
            unsigned cp = std::stoul(fields[0].substr(2), nullptr, 16);
            if (cp > 0xFFFF) continue;
            std::u16string key(1, static_cast<char16_t>(cp));
            if (words.count(key) || han_units(utf8::encode(std::u32string(1, cp))).empty()) continue;
            std::string n = numbered(split(fields[2], ' ')[0]);
            if (n.empty()) continue;
            words[key] = Word{{n}, blob::kUnihanCost};
            from_unihan++;
        }
    }

    // The project's lexicon: "word<TAB>syl1 syl2<TAB>probability or -<TAB># reason".
    size_t from_lexicon = 0;
    {
        std::ifstream in(argv[3]);
        if (!in) { std::fprintf(stderr, "gongkai-reading-gen: cannot read %s\n", argv[3]); return 1; }
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            number++;
            if (line.empty() || line[0] == '#') continue;
            auto fields = split(line, '\t');
            std::u16string units = fields.empty() ? std::u16string() : han_units(fields[0]);
            auto syllables = fields.size() >= 3 ? split(fields[1], ' ') : std::vector<std::string>{};
            bool ok = !units.empty() && syllables.size() == units.size();
            for (auto& s : syllables) ok = ok && is_numbered_syllable(s);
            if (!ok) {
                std::fprintf(stderr, "%s:%d: want WORD<TAB>SYLLABLES<TAB>PROBABILITY|-<TAB># reason, one toned syllable per character\n", argv[3], number);
                return 1;
            }
            auto it = words.find(units);
            unsigned cost = fields[2] == "-" ? (it != words.end() ? it->second.cost : cost_of(1e-9)) : cost_of(std::stod(fields[2]));
            words[units] = Word{syllables, cost};
            from_lexicon++;
        }
    }

    std::map<std::string, unsigned> syllable_id;
    for (auto& [k, w] : words)
        for (auto& s : w.syllables) syllable_id.emplace(s, 0);
    unsigned next_id = 0;
    for (auto& [s, id] : syllable_id) id = next_id++;

    std::vector<std::uint32_t> index;
    std::vector<std::uint16_t> pool;
    for (auto& [units, w] : words) {  // std::map: sorted by u16 sequence, as the reader searches
        index.push_back(static_cast<std::uint32_t>(pool.size()));
        pool.push_back(static_cast<std::uint16_t>(units.size() | (w.cost << 8)));
        for (char16_t u : units) pool.push_back(u);
        for (auto& s : w.syllables) pool.push_back(static_cast<std::uint16_t>(syllable_id[s]));
    }

    blob::Header h{};
    std::memcpy(h.magic, blob::kMagic, 4);
    h.syllable_count = static_cast<std::uint32_t>(syllable_id.size());
    h.entry_count = static_cast<std::uint32_t>(index.size());
    h.syllables_offset = sizeof h;
    h.index_offset = h.syllables_offset + h.syllable_count * blob::kSyllableSlot;
    h.pool_offset = h.index_offset + h.entry_count * 4;
    h.pool_units = static_cast<std::uint32_t>(pool.size());
    std::ofstream out(argv[4], std::ios::binary);
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    for (auto& [s, id] : syllable_id) {
        char slot[blob::kSyllableSlot] = {};
        std::memcpy(slot, s.data(), s.size());
        out.write(slot, sizeof slot);
    }
    out.write(reinterpret_cast<const char*>(index.data()), static_cast<std::streamsize>(index.size() * 4));
    out.write(reinterpret_cast<const char*>(pool.data()), static_cast<std::streamsize>(pool.size() * 2));
    if (!out) { std::fprintf(stderr, "gongkai-reading-gen: cannot write %s\n", argv[4]); return 1; }
    std::fprintf(stderr,
                 "gongkai-reading-gen: %zu words from the phrase data (%zu skipped), %zu characters from Unihan, "
                 "%zu lexicon rows, %zu toned syllables, %zu bytes\n",
                 from_phrases, skipped, from_unihan, from_lexicon, syllable_id.size(),
                 sizeof h + syllable_id.size() * blob::kSyllableSlot + index.size() * 4 + pool.size() * 2);
    return 0;
}
