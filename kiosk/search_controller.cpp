// See search_controller.h.
#include "search_controller.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>

#include "cache_writer.h"
#include "clock.h"
#include "utf8.h"
#include "log.h"

namespace gongkai {

// Fewer results than this is "few": the resident probably did not find what they meant.
static constexpr size_t kFewResults = 3;
// Results shown: a screen and a half of cards; more than that, a resident refines the query.
static constexpr size_t kSearchLimit = 30;

SearchController::~SearchController() {
    if (pending_.valid()) pending_.wait();
}

static SearchController::Built build_search_index(Cache& cache) {
    auto index = std::make_shared<SearchIndex>();
    auto docs = cache.load_search_documents();
    if (!docs) {
        // The previous index keeps answering (the caller swaps in only a built one).
        log_error("search", "could not read the search documents: " + docs.error().describe());
        return {nullptr, docs.error()};
    }
    auto thesaurus = cache.load_thesaurus();
    if (!thesaurus) log_error("search", "could not read the thesaurus: " + thesaurus.error().describe() + "; searching without it");
    index->build(std::move(*docs), SearchLanguage::standard(thesaurus ? std::move(*thesaurus) : std::vector<ThesaurusEntry>{}));
    return {std::move(index), thesaurus ? Error{} : thesaurus.error()};
}

void SearchController::catalogue_changed(const CatalogueIndex& index, ItemShelf& items, Cache& cache) {
    index_ = &index;
    items_ = &items;
    if (pending_.valid()) pending_.wait();  // a build for an older catalogue: let it finish, then replace it
    if (cache.path() == ":memory:") {
        swap_in(build_search_index(cache));
        return;
    }
    pending_ = std::async(std::launch::async, [path = cache.path()]() -> Built {
        auto reader = Cache::open(path, CacheMode::ReadOnly);
        if (!reader) {
            log_error("search", "could not open the cache to build the search index: " + reader.error().describe());
            return {nullptr, reader.error()};
        }
        return build_search_index(**reader);
    });
    run();
}

bool SearchController::poll() {
    if (!pending_.valid() || pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    swap_in(pending_.get());
    return true;
}

void SearchController::swap_in(Built built) {
    // A failed build keeps the previous index; with none ever built, the screen says
    // search is unavailable rather than "nothing found".
    if (built.index) {
        search_index_ = std::move(built.index);
        have_index_ = true;
    }
    if (built.error.code == CatalogueError::CacheCorrupt && !damage_) damage_ = std::move(built.error);
    view_.unavailable = !have_index_;
    run();
}

// The guide page's heading of the section that answers a question frame.
static const std::string& answer_heading(const UiStrings& str, QuestionFrame f) {
    switch (f) {
    case QuestionFrame::Fee: return str.fee;
    case QuestionFrame::Duration: return str.how_long;
    case QuestionFrame::Where: return str.where;
    case QuestionFrame::Payday: return str.when_paid;
    case QuestionFrame::Materials: return str.bring;
    }
    return str.fee;
}

void SearchController::run() {
    view_.rows.clear();
    view_.asks_hall_hours = asks_hall_hours(normalize_for_search(view_.query));
    if (view_.query.empty() || !index_ || !items_) return;
    std::set<std::string> shown;
    for (const SearchHit& hit : search_index_->search(view_.query, kSearchLimit, view_.domain_id)) {
        const FoundDocument doc = search_index_->doc(hit.doc);
        const ItemSummary* item = items_->read_item(doc.id);
        if (!item) continue;
        int highlight_begin = hit.highlight_begin, highlight_end = hit.highlight_end;
        // A row a guide shows is found as that guide: one entry per service, not two
        // look-alikes. The highlight was in the row's title, so it does not carry over.
        if (!item->guide_id.empty()) {
            if (const ItemSummary* guide = items_->read_item(item->guide_id)) {
                item = guide;
                highlight_begin = highlight_end = -1;
            }
        }
        if (!shown.insert(item->id).second) continue;
        // The hit's characters count from the start of the stored title; a display title
        // that puts the 一级事项 in front moves them along.
        if (highlight_begin >= 0 && item->display_title != item->title) {
            const int shift = static_cast<int>(utf8::decode(item->display_title).size() - utf8::decode(item->title).size());
            highlight_begin += shift;
            highlight_end += shift;
        }
        const std::string summary =
            strings_->summary_line(item->kind == ItemKind::Directory, strings_->catalogue(item->summary, item->summary_en));
        // In English the title shown is the English one (or the Chinese, marked): the
        // highlight marks characters of the Chinese title only.
        std::string title = strings_->catalogue(item->display_title, item->title_en, true);
        if (title != item->display_title) highlight_begin = highlight_end = -1;
        SearchView::Row row{Route::item(item->id), std::move(title), {}, summary, highlight_begin, highlight_end};
        // Found by an everyday word: say which, so the resident sees why this item is here.
        if (hit.field == SearchField::Term && hit.term >= 0 && hit.term < static_cast<int>(doc.terms.size()))
            row.line = strings_->also_called + doc.terms[hit.term] + strings_->sentence_end + summary;
        // Asked 多少钱 / 要多久 / 在哪里 …: the guide's line that answers it, under its page
        // heading (the guide's own words, marked in English as untranslated).
        if (hit.answer >= 0 && hit.answer < static_cast<int>(kQuestionFrameCount) && item->kind == ItemKind::Guide &&
            !doc.answers[hit.answer].empty())
            row.line = strings_->labelled(answer_heading(*strings_, static_cast<QuestionFrame>(hit.answer)),
                                          strings_->catalogue(doc.answers[hit.answer], "", true));
        if (int d = index_->domain_index(item->domain_id); d >= 0)
            row.domain = strings_->catalogue(index_->domains[d].name, index_->domains[d].name_en);
        view_.rows.push_back(std::move(row));
    }
}

// The box holds what search reads (kMaxQueryChars): more typed or pasted is dropped, so
// neither the search nor the glyph atlas grows with a resident leaning on a key.
static void append_within_limit(std::string& query, const std::string& text) {
    size_t chars = 0;
    for (size_t i = 0; i < query.size(); chars++) utf8::next(query, i);
    for (size_t i = 0; i < text.size() && chars < kMaxQueryChars; chars++) {
        const size_t start = i;
        utf8::next(text, i);
        query.append(text, start, i - start);
    }
}

void SearchController::enter(std::string query) {
    view_ = SearchView{};
    view_.unavailable = !have_index_ && !pending_.valid();
    append_within_limit(view_.query, query);
    run();
}

void SearchController::leave() {
    std::string q = view_.query;
    while (!q.empty() && q.back() == ' ') q.pop_back();
    if (q.empty() || view_.rows.size() >= kFewResults) return;
    const int results = static_cast<int>(view_.rows.size());
    writer_.post("count a query with few results", [day = local_date(std::time(nullptr)), q, results](Cache& cache) {
        return cache.record_search_miss(day, q, results);
    });
}

void SearchController::type(const std::string& text) {
    append_within_limit(view_.query, text);
    run();
}

void SearchController::backspace() {
    std::string& s = view_.query;
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
    if (!s.empty()) s.pop_back();
    run();
}

void SearchController::replace_end(size_t erase_bytes, const std::string& text) {
    std::string& s = view_.query;
    s.resize(s.size() - std::min(erase_bytes, s.size()));
    append_within_limit(s, text);
    run();
}

void SearchController::clear() {
    view_.query.clear();
    run();
}

void SearchController::filter(std::string domain_id) {
    view_.domain_id = std::move(domain_id);
    run();
}

}  // namespace gongkai
