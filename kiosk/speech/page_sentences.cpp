// Page → sentences for read-aloud. See page_sentences.h.
#include "page_sentences.h"

#include <ctime>

#include "speech_errors.h"
#include "utf8.h"

namespace gongkai {

namespace {

bool ends_sentence(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == '!' || c == '?' || c == ';'; }
bool is_blank(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000; }

class Builder {
public:
    explicit Builder(const UiStrings& str) : str_(str) {}

    // A title or heading: one sentence, with the sentence end the screen does not show.
    void line(const std::string& text) {
        if (text.empty()) return;
        out_.push_back({text + str_.sentence_end, block_, 0, text.size()});
        block_++;
    }
    void paragraph(const std::string& text) {
        if (text.empty()) return;
        for (auto [b, e] : sentence_ranges(text)) out_.push_back({text.substr(b, e - b), block_, b, e});
        block_++;
    }
    void list(const std::string& heading, const std::vector<std::string>& items) {
        if (items.empty()) return;
        line(heading);
        for (auto& i : items) paragraph(i);
    }
    std::vector<SpokenSentence> take() { return std::move(out_); }
    const UiStrings& str() const { return str_; }

private:
    const UiStrings& str_;
    std::vector<SpokenSentence> out_;
    int block_ = 0;
};

void guide_sentences(Builder& b, const Item& item) {
    const ServiceGuide& g = *item.guide;
    const UiStrings& str = b.str();
    // 办事要点 first, as item_screen draws it: where, how long, how much, whom to call.
    if (!g.where.empty() || !g.time_limit.empty() || !g.fee.empty() || !g.contacts.empty()) b.line(str.key_facts);
    if (!g.where.empty()) { b.line(str.key_where); b.paragraph(g.where); }
    if (!g.time_limit.empty()) { b.line(str.how_long); b.paragraph(g.time_limit); }
    if (!g.fee.empty()) { b.line(str.fee); b.paragraph(g.fee); }
    b.list(str.contacts, g.contacts);
    if (!g.summary.empty()) { b.line(str.what); b.paragraph(g.summary); }
    b.list(str.who, g.eligibility);
    b.list(str.bring, g.materials);
    b.list(str.steps, g.steps);
    // The workflow lines as item_screen composes them: step（负责：actor）：detail（时限：…）.
    std::vector<std::string> workflow;
    for (auto& w : item.workflow) {
        std::string line = w.step;
        if (!w.actor.empty()) line += str.parenthesised(str.labelled(str.workflow_actor, w.actor));
        if (!w.detail.empty()) line += str.colon + w.detail;
        if (!w.time_limit.empty()) line += str.parenthesised(str.labelled(str.workflow_time, w.time_limit));
        workflow.push_back(std::move(line));
    }
    b.list(str.workflow, workflow);
    b.list(str.basis, g.basis);
}

void standard_sentences(Builder& b, const Item& item) {
    const DisclosureStandard& st = *item.standard;
    const UiStrings& str = b.str();
    b.list(str.publishes, st.content_elements);
    if (!st.time_limit.empty()) { b.line(str.when_published); b.paragraph(st.time_limit); }
    b.list(str.who_publishes, st.bodies);
    b.list(str.where_published, st.channels);
}

}  // namespace

std::vector<std::pair<size_t, size_t>> sentence_ranges(std::string_view p) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t start = 0;
    auto flush = [&](size_t end) {
        size_t b = start, e = end;
        // Trim blanks at both ends (ASCII and the ideographic space, U+3000: 3 bytes).
        for (;;) {
            size_t i = b;
            if (b < e && is_blank(utf8::next(p, i))) b = i;
            else break;
        }
        while (e > b) {
            size_t back = e - 1;
            while (back > b && (static_cast<unsigned char>(p[back]) & 0xC0) == 0x80) back--;
            size_t i = back;
            if (is_blank(utf8::next(p, i))) e = back;
            else break;
        }
        if (e > b) out.push_back({b, e});
    };
    for (size_t i = 0; i < p.size();) {
        size_t at = i;
        char32_t c = utf8::next(p, i);
        if (c == '\n') { flush(at); start = i; }
        else if (ends_sentence(c)) {
            // Closing quotes and brackets after the end belong to the sentence (…办理。”).
            while (i < p.size()) {
                size_t j = i;
                char32_t d = utf8::next(p, j);
                if (d == U'”' || d == U'’' || d == U'）' || d == ')' || d == U'」' || d == U'』' || ends_sentence(d)) i = j;
                else break;
            }
            flush(i);
            start = i;
        }
    }
    flush(p.size());
    return out;
}

std::vector<SpokenSentence> item_sentences(const Item& item, const std::vector<Item>& linked, const UiStrings& str) {
    Builder b(str);
    b.line(item.title);
    // The guide the page shows: the item's own, or the first linked one (as item_screen picks it).
    const Item* guide = item.guide ? &item : nullptr;
    for (auto& l : linked)
        if (!guide && l.guide) guide = &l;
    if (guide && guide != &item) b.line(str.guide_intro + guide->title);
    if (guide) guide_sentences(b, *guide);
    else if (item.standard) standard_sentences(b, item);
    return b.take();
}

std::vector<SpokenSentence> notice_sentences(const Notice& notice, const UiStrings& str, std::time_t now) {
    Builder b(str);
    b.line(notice.title);
    // The dates as the screen shows them: "有效期：2026年11月1日至2027年12月31日", or a result
    // list's "公示期：2026年12月1日至12月7日".
    std::string validity = notice.results ? str.public_period_of(notice.valid_from, notice.valid_until) : std::string();
    if (validity.empty()) validity = str.validity(notice.valid_from, notice.valid_until);
    b.paragraph(validity);
    b.paragraph(notice.body);
    if (notice.results) {
        // Outside its 公示期 the screen shows no names, and read-aloud says none.
        if (notice_has_ended(notice, now)) {
            b.paragraph(str.result_ended);
        } else if (!notice_in_force(notice, now)) {
            b.paragraph(str.result_not_yet);
        } else {
            const ResultList& list = *notice.results;
            b.line(str.result_list + str.parenthesised(str.result_count(list.rows.size())));
            // A row as its card shows it: the name, then each column that has a value.
            for (const auto& row : list.rows) {
                std::string line = row.empty() ? std::string() : row[0];
                for (size_t c = 1; c < row.size() && c < list.columns.size(); c++)
                    if (!row[c].empty()) line += str.list_separator + str.labelled(list.columns[c], row[c]);
                b.line(line);
            }
        }
    }
    return b.take();
}

std::vector<SpokenSentence> interpretation_sentences(const Interpretation& in, const UiStrings& str) {
    Builder b(str);
    b.line(in.title);
    if (!in.published.empty()) b.paragraph(str.labelled(str.published_on, str.date(in.published)));
    for (auto [heading, text] : {std::pair{&str.what_changed, &in.what_changed}, {&str.who_affected, &in.who_affected},
                                 {&str.what_to_do, &in.what_to_do}}) {
        if (text->empty()) continue;
        b.line(*heading);
        b.paragraph(*text);  // its "\n"-separated paragraphs split as sentences
    }
    return b.take();
}

std::vector<SpokenSentence> response_sentences(const Response& r, const UiStrings& str) {
    Builder b(str);
    b.line(str.question_label);
    b.paragraph(r.question);
    std::string about;
    if (!r.answered.empty()) about = str.labelled(str.answered_on, str.date(r.answered));
    if (!r.asked_via.empty()) about += (about.empty() ? "" : str.list_separator) + str.labelled(str.asked_via, r.asked_via);
    b.paragraph(about);
    b.line(str.answer);
    b.paragraph(r.answer);
    return b.take();
}

Result<std::vector<SpokenSentence>> page_sentences(Cache& cache, const Route& route, const UiStrings& str, std::time_t now) {
    if (now == 0) now = std::time(nullptr);
    if (route.is("item")) {
        auto item = cache.load_item(route.id);
        if (!item && item.error().code == CatalogueError::NotFound) return make_error(SpeechError::PageNotFound, route.str());
        if (!item) return item.error();
        std::vector<Item> linked;
        for (auto& id : item->links)
            if (auto l = cache.load_item(id)) linked.push_back(std::move(*l));
        return item_sentences(*item, linked, str);
    }
    if (route.is("notice")) {
        auto index = cache.load_index();
        if (!index) return index.error();
        for (auto& n : index->notices)
            if (n.id == route.id) return notice_sentences(n, str, now);
        return make_error(SpeechError::PageNotFound, route.str());
    }
    if (route.is("interpretation") || route.is("response")) {
        auto index = cache.load_index();
        if (!index) return index.error();
        for (auto& i : index->interpretations)
            if (route.is("interpretation") && i.id == route.id) return interpretation_sentences(i, str);
        for (auto& r : index->responses)
            if (route.is("response") && r.id == route.id) return response_sentences(r, str);
        return make_error(SpeechError::PageNotFound, route.str());
    }
    return make_error(SpeechError::NothingToRead,
                      "\"" + route.str() + "\" (read aloud: item/<id>, notice/<id>, interpretation/<id>, response/<id>)");
}

std::vector<std::string> sentence_texts(const std::vector<SpokenSentence>& sentences) {
    std::vector<std::string> out;
    for (auto& s : sentences) out.push_back(s.text);
    return out;
}

}  // namespace gongkai
