// Item: the title, then the key facts a resident came for on the first screen (where and
// when, how long, how much, whom to call), then the plain-language guide (what, who, what
// to bring as a checklist, what you do, what happens after you apply), then the
// policy interpretations (政策解读) and answers to public concerns (回应关切) that name the
// item, then the disclosure standard as a table whose terms are glossed in plain words, and
// last the question residents rate the page by (好差评, rating.cpp).
// A directory row with no guide gets the same plain-language opening, written from its
// standard: what is published, when, by whom, where to see it.
#include <algorithm>

#include "log.h"
#include "screens.h"

namespace gongkai {

// What load_item_page read: the item and the items it links to (a guide's directory
// rows, a row's guides), from one read snapshot.
struct ItemPage : ScreenData {
    Item item;
    std::vector<Item> linked;
};

std::unique_ptr<ScreenData> load_item_page(Cache& cache, const Route& route) {
    auto item = cache.load_item(route.id);
    if (!item) {
        if (item.error().code != CatalogueError::NotFound) log_error("cache", item.error().describe());
        return nullptr;
    }
    auto page = std::make_unique<ItemPage>();
    page->item = std::move(*item);
    for (auto& id : page->item.links) {
        auto linked = cache.load_item(id);
        if (linked) page->linked.push_back(std::move(*linked));
        else log_error("cache", "item " + page->item.id + " links to " + id + ": " + linked.error().describe());
    }
    return page;
}

static const ItemPage* page_of(const ScreenState& s) { return dynamic_cast<const ItemPage*>(s.data); }

std::string item_title(const UiStrings& str, const ScreenState& s) {
    if (const ItemPage* page = page_of(s))
        if (int i = s.index.domain_index(page->item.domain_id); i >= 0)
            return str.catalogue(s.index.domains[i].name, s.index.domains[i].name_en);
    return home_title(str, s);
}

static std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

// The guide in the UI's language: in English, each section the source gives in English,
// the Chinese for the rest (and *partly_chinese set, so the page says so once).
static ServiceGuide guide_in_language(const UiStrings& str, const Item& item, bool* partly_chinese) {
    ServiceGuide g = *item.guide;
    if (!str.untranslated("")) return g;  // the Chinese table: the guide as written
    const ServiceGuide en = item.guide_en.value_or(ServiceGuide{});
    auto pick = [&](auto& into, const auto& english) {
        if (!english.empty()) into = english;
        else if (!into.empty()) *partly_chinese = true;
    };
    pick(g.summary, en.summary);
    pick(g.eligibility, en.eligibility);
    pick(g.materials, en.materials);
    pick(g.steps, en.steps);
    pick(g.where, en.where);
    pick(g.time_limit, en.time_limit);
    pick(g.fee, en.fee);
    pick(g.contacts, en.contacts);
    if (!g.basis.empty() || !item.workflow.empty()) *partly_chinese = true;  // laws and workflows are Chinese only
    return g;
}

// 办事要点: where and when, how long, how much, whom to call — the questions a resident
// asks at the window, answered before any scrolling. "窗口" in the guide's where is made
// concrete with the hall's own window lines ([hall] windows) for this domain.
static void key_facts(Ui& ui, const ScreenState& s, const Item& guide_item, const ServiceGuide& g) {
    const UiStrings& str = ui.str();
    std::vector<std::pair<std::string, std::vector<std::string>>> rows;
    if (!g.where.empty()) {
        std::vector<std::string> where = {g.where};
        if (s.device && guide_item.guide->where.find("窗口") != std::string::npos) {
            const std::string domain = s.index.domain_name(guide_item.domain_id);
            std::string hall = s.device->hall_name;
            for (const std::string& w : hall_windows_for(*s.device, domain)) where.push_back(hall.empty() ? w : hall + str.middle_dot + w);
        }
        rows.push_back({str.key_where, where});
    }
    if (!g.time_limit.empty()) rows.push_back({str.how_long, {g.time_limit}});
    if (!g.fee.empty()) rows.push_back({str.fee, {g.fee}});
    if (!g.contacts.empty()) rows.push_back({str.contacts, g.contacts});
    if (rows.empty()) return;
    ui.heading(str.key_facts);
    ui.standard_table(rows);
}

static void guide_sections(Ui& ui, const Item& item, const ServiceGuide& g) {
    const ImU32 ink = ui.theme().text;
    ui.heading(ui.str().what);
    ui.paragraph(g.summary, ink);
    if (!g.eligibility.empty()) { ui.heading(ui.str().who); ui.bullets(g.eligibility); }
    if (!g.materials.empty()) { ui.heading(ui.str().bring); ui.checklist(g.materials); }
    // Two lists of steps, told apart by their headings: what the resident does (您要怎么做),
    // then what the departments do once the application is in (交了材料以后).
    if (!g.steps.empty()) { ui.heading(ui.str().steps); ui.numbered(g.steps); }
    if (!item.workflow.empty()) {
        ui.heading(ui.str().workflow);
        std::vector<std::string> steps;
        for (auto& w : item.workflow) {
            std::string line = w.step;
            const UiStrings& str = ui.str();
            if (!w.actor.empty()) line += str.parenthesised(str.labelled(str.workflow_actor, w.actor));
            if (!w.detail.empty()) line += str.colon + w.detail;
            if (!w.time_limit.empty()) line += str.parenthesised(str.labelled(str.workflow_time, w.time_limit));
            steps.push_back(std::move(line));
        }
        ui.numbered(steps);
    }
    if (!g.basis.empty()) { ui.heading(ui.str().basis); ui.bullets(g.basis); }
}

static void standard_sections(Ui& ui, const Item& item) {
    const DisclosureStandard& st = *item.standard;
    ui.heading(ui.str().publishes);
    ui.bullets(st.content_elements);
    ui.heading(ui.str().when_published);
    ui.paragraph(st.time_limit, ui.theme().text);
    ui.heading(ui.str().who_publishes);
    ui.bullets(st.bodies);
    ui.heading(ui.str().where_published);
    ui.bullets(st.channels);
}

// 公开对象、公开方式、公开层级 hold the standard's terms of art; each value is followed by
// what it means for a resident ("全社会（所有人都可以看）"). Values the standard does not
// define are shown as written.
static std::vector<std::string> glossed(const UiStrings& str, const std::vector<std::string>& values) {
    const std::pair<const char*, const std::string*> kGlosses[] = {
        {"全社会", &str.gloss_audience_all}, {"特定群体", &str.gloss_audience_group}, {"主动", &str.gloss_mode_active},
        {"依申请", &str.gloss_mode_request}, {"县级", &str.gloss_tier_county},     {"乡级", &str.gloss_tier_township}};
    std::vector<std::string> out;
    for (const std::string& v : values) {
        std::string line = v;
        for (auto& [term, gloss] : kGlosses)
            if (v == term) line += str.parenthesised(*gloss);
        out.push_back(std::move(line));
    }
    return out;
}

static void standard_table(Ui& ui, const Item& item) {
    const DisclosureStandard& st = *item.standard;
    const std::string& sep = ui.str().list_separator;
    ui.standard_table({
        {ui.str().std_name, {item.level1 + ui.str().title_separator + item.title}},
        {ui.str().std_content, st.content_elements},
        {ui.str().std_basis, st.basis},
        {ui.str().std_time_limit, {st.time_limit}},
        {ui.str().std_bodies, st.bodies},
        {ui.str().std_channels, {join(st.channels, sep)}},
        {ui.str().std_audience, glossed(ui.str(), st.audience)},
        {ui.str().std_mode, glossed(ui.str(), st.mode)},
        {ui.str().std_tier, glossed(ui.str(), st.tier)},
    });
}

void item_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    const ItemPage* page = page_of(s);
    if (!page) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        next_steps(ui, s);
        return;
    }
    const Item& item = page->item;
    const std::vector<Item>& linked = page->linked;
    const int domain_index = std::max(0, s.index.domain_index(item.domain_id));
    const std::string domain_name =
        s.index.domains.empty() ? std::string() : ui.str().catalogue(s.index.domains[domain_index].name, s.index.domains[domain_index].name_en);
    const std::string title = ui.str().catalogue(item.title, item.title_en, true);
    // The title on the domain's colour, as on its tile: the page is plainly "this item".
    {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(28);
        const float crumb_h = Ui::line_height(ui.fonts().body);
        const float title_h = ui.text_height(title, true, 0, width - 2 * pad);
        const float h = pad + crumb_h + ui.px(4) + title_h + pad;
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), ui.theme().domain_color(domain_index), ui.px(18));
        const ImU32 white = ui.theme().on_bar;
        std::string crumb = domain_name + ui.str().crumb_separator + item.level1 +
                            (item.kind == ItemKind::Guide ? ui.str().middle_dot + ui.str().guide_tag : "");
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad), crumb, white, false, 0, width - 2 * pad, 1);
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad + crumb_h + ui.px(4)), title, white, true, 0, width - 2 * pad);
        ImGui::Dummy(ImVec2(width, h));
    }
    page_tools(ui, s);  // 扫码带走 and 朗读 (take_away.cpp)

    // The guide to show first: the item itself, or the first guide linked to this row.
    const Item* guide = item.guide ? &item : nullptr;
    for (auto& l : linked)
        if (!guide && l.guide) guide = &l;
    if (guide && guide != &item) {
        ui.gap(16);
        ui.paragraph(ui.str().guide_intro + ui.str().catalogue(guide->title, guide->title_en), ui.theme().muted);
    }
    if (guide) {
        bool partly_chinese = false;
        const ServiceGuide shown = guide_in_language(ui.str(), *guide, &partly_chinese);
        if (partly_chinese) {
            ui.gap(12);
            ui.paragraph(ui.str().untranslated_note, ui.theme().muted);
        }
        key_facts(ui, s, *guide, shown);
        guide_sections(ui, *guide, shown);
    } else if (item.standard) {
        if (ui.str().untranslated("")) {
            ui.gap(12);
            ui.paragraph(ui.str().untranslated_note, ui.theme().muted);
        }
        standard_sections(ui, item);
    }

    // 政策解读 and 回应关切 that name the item: plain language, so before the standard's table.
    explanations_of(ui, s, /*notice=*/false, item.id);

    // The disclosure standard: this row's, or those of the rows a guide links to.
    std::vector<const Item*> rows;
    if (item.standard) rows.push_back(&item);
    for (auto& l : linked)
        if (l.standard && !item.standard) rows.push_back(&l);
    for (const Item* row : rows) {
        ui.heading(rows.size() > 1 || row != &item ? ui.str().labelled(ui.str().standard, listed_title(ui.str(), s.items, row->id, row->title)) : ui.str().standard);
        standard_table(ui, *row);
    }

    // Linked items the page did not already show in full (a second guide for the same row).
    std::vector<const Item*> related;
    for (auto& l : linked)
        if (&l != guide && std::find(rows.begin(), rows.end(), &l) == rows.end()) related.push_back(&l);
    if (!related.empty()) {
        ui.heading(ui.str().related);
        for (const Item* r : related)
            ui.card(Route::item(r->id), listed_title(ui.str(), s.items, r->id, r->title), ui.str().summary_line(r->kind == ItemKind::Directory, r->summary), r->kind == ItemKind::Guide ? ui.str().guide_tag : "");
    }
    rating_piece(ui, s);  // 这条信息对您有帮助吗？ (rating.cpp)
    ui.gap(60);
}

}  // namespace gongkai
