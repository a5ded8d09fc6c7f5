// Word segmentation with Debian's jieba dictionary (issue 9 §3): the words of a question
// as residents ask it.
#include <catch2/catch.hpp>
#include <algorithm>

#include "segmenter.h"
#include "support.h"

using namespace gongkai;
using namespace gongkai::test;

namespace {

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (auto& w : words) out += (out.empty() ? "" : "/") + w;
    return out;
}

}  // namespace

TEST_CASE("a resident's question splits into dictionary words, as jieba splits it", "[segment]") {
    auto seg = Segmenter::load();
    REQUIRE(seg);
    CHECK((*seg)->size() > 300000);
    // Each question must yield the words a service is found by, whole.
    struct Case { const char* text; std::vector<std::string> words; };
    const Case cases[] = {
        {"我爸八十多岁了每个月能领什么钱", {"八十多岁", "钱"}},
        {"隔壁在楼顶上搭房子", {"隔壁", "房子"}},
        {"看病花的钱能报多少", {"看病", "钱"}},
        {"低保一个月多少钱", {"低保", "一个月"}},
        {"社保卡丢了怎么补办", {"社保卡", "补办"}},
        {"有人乱搭建", {"搭建"}},
        {"打零工的社保怎么交", {"打零工", "社保"}},
        {"wifi密码是12345吗", {"wifi", "密码", "12345"}},  // Latin and digit runs stay whole
    };
    for (const Case& c : cases) {
        const std::vector<std::string> got = (*seg)->segment(c.text);
        INFO(c.text << " → " << joined(got));
        std::printf("segment: %s → %s\n", c.text, joined(got).c_str());
        for (auto& w : c.words) CHECK(std::find(got.begin(), got.end(), w) != got.end());
        // Nothing is lost or added: the words put together are the text.
        std::string whole;
        for (auto& w : got) whole += w;
        CHECK(whole == c.text);
    }
    CHECK(is_function_word("了"));
    CHECK(is_function_word("什么"));
    CHECK_FALSE(is_function_word("低保"));
}

TEST_CASE("the dictionary reader refuses what is not a dictionary, by name", "[segment][hostile]") {
    TempDir dir;
    write_file(dir.file("empty.txt"), "");
    write_file(dir.file("junk.txt"), "no numbers here\n\xff\xfe 12\n");
    CHECK(Segmenter::load(dir.file("missing.txt")).error().code == BaseError::FileMissing);
    CHECK(Segmenter::load(dir.file("empty.txt")).error().code == CatalogueError::SourceSyntax);
    CHECK(Segmenter::load(dir.file("junk.txt")).error().code == CatalogueError::SourceSyntax);
    // Words from a catalogue directly; an unknown character still segments.
    auto seg = Segmenter::from_words({{"低保", 100}, {"申请", 100}, {"低", 1}, {"保", 1}});
    CHECK(seg->segment("低保申请书") == std::vector<std::string>{"低保", "申请", "书"});
}
