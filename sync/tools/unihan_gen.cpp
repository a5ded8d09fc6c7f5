// gongkai-unihan-gen UNIHAN_DIR OUT.cpp — build-time only. Reads Debian's Unihan data
// (unicode-data: Unihan_Readings.txt.bz2, Unihan_Variants.txt.bz2) and writes, for the
// BMP's CJK ideographs (ImWchar is 16-bit: nothing else can be shown):
//   * every Mandarin reading of each character, tones removed ("行" → hang, xing, heng),
//     from kMandarin, kHanyuPinyin, kXHC1983, kTGHZ2013 and kHanyuPinlu together, so
//     polyphones (kMandarin alone has 52 with two readings) are complete;
//   * traditional → simplified (kSimplifiedVariant), e.g. 證 → 证, 戶 → 户.
#include <bzlib.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_bz2(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {};
    int err = 0;
    BZFILE* bz = BZ2_bzReadOpen(&err, f, 0, 0, nullptr, 0);
    std::string out;
    char buf[1 << 16];
    while (err == BZ_OK) {
        int n = BZ2_bzRead(&err, bz, buf, sizeof buf);
        if (n > 0) out.append(buf, n);
    }
    BZ2_bzReadClose(&err, bz);
    std::fclose(f);
    return out;
}

// Decodes one UTF-8 pinyin syllable with tone marks to plain ASCII; ü → v as IMEs type it.
std::string toneless(const std::string& s) {
    static const std::map<std::string, char> marks = {
        {"ā", 'a'}, {"á", 'a'}, {"ǎ", 'a'}, {"à", 'a'}, {"ē", 'e'}, {"é", 'e'}, {"ě", 'e'}, {"è", 'e'},
        {"ê", 'e'}, {"ế", 'e'}, {"ề", 'e'}, {"ī", 'i'}, {"í", 'i'}, {"ǐ", 'i'}, {"ì", 'i'}, {"ō", 'o'},
        {"ó", 'o'}, {"ǒ", 'o'}, {"ò", 'o'}, {"ū", 'u'}, {"ú", 'u'}, {"ǔ", 'u'}, {"ù", 'u'}, {"ü", 'v'},
        {"ǖ", 'v'}, {"ǘ", 'v'}, {"ǚ", 'v'}, {"ǜ", 'v'}, {"ń", 'n'}, {"ň", 'n'}, {"ǹ", 'n'}, {"ḿ", 'm'}};
    std::string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z') out += static_cast<char>(c);
            i++;
            continue;
        }
        size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        std::string ch = s.substr(i, n);
        if (auto it = marks.find(ch); it != marks.end()) out += it->second;
        // Combining marks (U+0300–U+036F, as in ê̄) carry tone only: dropped.
        i += n;
    }
    return out;
}

void utf8_append(std::string& out, unsigned cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) { std::fprintf(stderr, "usage: gongkai-unihan-gen UNIHAN_DIR OUT.cpp\n"); return 2; }
    std::string dir = argv[1];
    std::string readings = read_bz2(dir + "/Unihan_Readings.txt.bz2");
    std::string variants = read_bz2(dir + "/Unihan_Variants.txt.bz2");
    if (readings.empty() || variants.empty()) {
        std::fprintf(stderr, "gongkai-unihan-gen: cannot read Unihan data in %s (install unicode-data)\n", dir.c_str());
        return 1;
    }
    std::map<unsigned, std::set<std::string>> pinyin;
    std::istringstream in(readings);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("U+", 0) != 0) continue;
        size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        unsigned cp = std::stoul(line.substr(2, t1 - 2), nullptr, 16);
        if (cp > 0xFFFF) continue;
        std::string field = line.substr(t1 + 1, t2 - t1 - 1), value = line.substr(t2 + 1);
        if (field != "kMandarin" && field != "kHanyuPinyin" && field != "kXHC1983" && field != "kTGHZ2013" && field != "kHanyuPinlu")
            continue;
        // Values: "dī", "10137.040:dī", "20811.060:háng,xìng", "xíng(2943) háng(218)".
        std::string token;
        for (size_t i = 0; i <= value.size(); i++) {
            char c = i < value.size() ? value[i] : ' ';
            if (c == ' ' || c == ',' || c == ':' || c == '(') {
                std::string p = toneless(token);
                bool has_digit = token.find_first_of("0123456789") != std::string::npos;
                if (!p.empty() && !has_digit) pinyin[cp].insert(p);
                token.clear();
                if (c == '(') while (i < value.size() && value[i] != ')') i++;
            } else {
                token += c;
            }
        }
    }
    std::map<unsigned, unsigned> simplified;
    std::istringstream vin(variants);
    while (std::getline(vin, line)) {
        if (line.rfind("U+", 0) != 0 || line.find("\tkSimplifiedVariant\t") == std::string::npos) continue;
        unsigned cp = std::stoul(line.substr(2, line.find('\t') - 2), nullptr, 16);
        size_t v = line.rfind("U+");
        unsigned target = std::stoul(line.substr(v + 2), nullptr, 16);
        if (cp <= 0xFFFF && target <= 0xFFFF && cp != target) simplified[cp] = target;
    }

    std::map<std::string, int> syllable_id;
    std::vector<std::string> syllables;
    for (auto& [cp, set] : pinyin)
        for (auto& s : set)
            if (!syllable_id.count(s)) { syllable_id[s] = static_cast<int>(syllables.size()); syllables.push_back(s); }

    std::ofstream out(argv[2]);
    out << "// Generated by gongkai-unihan-gen from Debian's Unihan data. Do not edit.\n#include \"unihan.h\"\n"
           "namespace gongkai::unihan {\n";
    out << "const char* const kSyllables[] = {";
    for (auto& s : syllables) out << '"' << s << "\",";
    out << "};\nconst unsigned kSyllableCount = " << syllables.size() << ";\n";
    out << "const PinyinEntry kPinyin[] = {\n";
    std::vector<int> pool;
    for (auto& [cp, set] : pinyin) {
        out << "{" << cp << "," << pool.size() << "," << set.size() << "},";
        for (auto& s : set) pool.push_back(syllable_id[s]);
    }
    out << "};\nconst unsigned kPinyinCount = " << pinyin.size() << ";\nconst unsigned short kPinyinPool[] = {";
    for (int id : pool) out << id << ",";
    out << "};\nconst SimplifiedEntry kSimplified[] = {";
    for (auto& [t, s] : simplified) out << "{" << t << "," << s << "},";
    out << "};\nconst unsigned kSimplifiedCount = " << simplified.size() << ";\n}\n";
    size_t polyphones = 0;
    for (auto& [cp, set] : pinyin) polyphones += set.size() > 1;
    std::fprintf(stderr, "gongkai-unihan-gen: %zu characters with pinyin (%zu polyphones), %zu syllables, %zu traditional→simplified\n",
                 pinyin.size(), polyphones, syllables.size(), simplified.size());
    return out ? 0 : 1;
}
