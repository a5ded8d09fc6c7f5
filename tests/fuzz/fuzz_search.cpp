// Fuzz target: SearchIndex::search — whatever a resident (or `--query`) types, over the demo
// catalogue with the word dictionary and the demo's thesaurus, as the kiosk searches. Input:
// the query bytes (any, not only UTF-8), then the same query as a keystroke sequence (every
// prefix), so the as-you-type reuse of the previous keystroke's matches is exercised too.
// Every hit must name a document and a highlight inside its title.
#include "bundle.h"
#include "demo_catalogue.h"
#include "fuzz_support.h"
#include "search_index.h"
#include "utf8.h"

using namespace gongkai;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static SearchIndex* index = [] {
        auto cat = decode_bundle(demo_bundle());
        if (!cat) fuzz::fuzz_fail("the demo bundle does not decode");
        auto* built = new SearchIndex;
        built->build(search_documents(*cat), SearchLanguage::standard(cat->thesaurus));
        return built;
    }();
    const std::string_view query = fuzz::as_view(data, size);
    auto check = [&](std::string_view q, std::string_view domain) {
        for (const SearchHit& h : index->search(q, 30, domain)) {
            if (h.doc >= index->size()) fuzz::fuzz_fail("a hit names no document");
            const int title_chars = static_cast<int>(utf8::decode(index->doc(h.doc).title).size());
            if (h.highlight_begin >= 0 && (h.highlight_end > title_chars || h.highlight_begin > h.highlight_end))
                fuzz::fuzz_fail("a highlight outside its title");
        }
    };
    check(query, {});
    check(query, "social-assistance");
    for (size_t n = 1; n < query.size() && n <= 64; n++) check(query.substr(0, n), {});
    (void)index->question_words(query);
    return 0;
}
