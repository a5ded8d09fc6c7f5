// Item: the plain-language guide first (what, who, what to bring as a checklist, steps,
// where/when, time limit, fee, workflow), then the disclosure standard as a table.
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
        if (int i = s.index.domain_index(page->item.domain_id); i >= 0) return s.index.domains[i].name;
    return home_title(str, s);
}

static std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

static void guide_sections(Ui& ui, const Item& item) {
    const ServiceGuide& g = *item.guide;
    const ImU32 ink = ui.theme().text;
    ui.heading(ui.str().what);
    ui.paragraph(g.summary, ink);
    if (!g.eligibility.empty()) { ui.heading(ui.str().who); ui.bullets(g.eligibility); }
    if (!g.materials.empty()) { ui.heading(ui.str().bring); ui.checklist(g.materials); }
    if (!g.steps.empty()) { ui.heading(ui.str().steps); ui.numbered(g.steps); }
    if (!g.where.empty()) { ui.heading(ui.str().where); ui.paragraph(g.where, ink); }
    if (!g.time_limit.empty()) { ui.heading(ui.str().how_long); ui.paragraph(g.time_limit, ink); }
    if (!g.fee.empty()) { ui.heading(ui.str().fee); ui.paragraph(g.fee, ink); }
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
    if (!g.contacts.empty()) { ui.heading(ui.str().contacts); ui.bullets(g.contacts); }
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
        {ui.str().std_audience, {join(st.audience, sep)}},
        {ui.str().std_mode, {join(st.mode, sep)}},
        {ui.str().std_tier, {join(st.tier, sep)}},
    });
}

void item_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    const ItemPage* page = page_of(s);
    if (!page) {
        ui.paragraph(ui.str().not_found, ui.theme().text);
        return;
    }
    const Item& item = page->item;
    const std::vector<Item>& linked = page->linked;
    const std::string domain_name = s.index.domain_name(item.domain_id);
    const int domain_index = std::max(0, s.index.domain_index(item.domain_id));
    // The title on the domain's colour, as on its tile: the page is plainly "this item".
    {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(28);
        const float crumb_h = Ui::line_height(ui.fonts().body);
        const float title_h = ui.text_height(item.title, true, 0, width - 2 * pad);
        const float h = pad + crumb_h + ui.px(4) + title_h + pad;
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), ui.theme().domain_color(domain_index), ui.px(18));
        const ImU32 white = ui.theme().on_bar;
        std::string crumb = domain_name + ui.str().crumb_separator + item.level1 +
                            (item.kind == ItemKind::Guide ? ui.str().middle_dot + ui.str().guide_tag : "");
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad), crumb, white, false, 0, width - 2 * pad, 1);
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad + crumb_h + ui.px(4)), item.title, white, true, 0, width - 2 * pad);
        ImGui::Dummy(ImVec2(width, h));
    }
    draw_take_away(ui, take_away_url(s));  // the page on the resident's phone (take_away.cpp)

    // The guide to show first: the item itself, or the first guide linked to this row.
    const Item* guide = item.guide ? &item : nullptr;
    for (auto& l : linked)
        if (!guide && l.guide) guide = &l;
    if (guide && guide != &item) {
        ui.gap(16);
        ui.paragraph(ui.str().guide_intro + guide->title, ui.theme().muted);
    }
    if (guide) guide_sections(ui, *guide);
    else if (item.standard) standard_sections(ui, item);

    // The disclosure standard: this row's, or those of the rows a guide links to.
    std::vector<const Item*> rows;
    if (item.standard) rows.push_back(&item);
    for (auto& l : linked)
        if (l.standard && !item.standard) rows.push_back(&l);
    for (const Item* row : rows) {
        ui.heading(rows.size() > 1 || row != &item ? ui.str().labelled(ui.str().standard, row->title) : ui.str().standard);
        standard_table(ui, *row);
    }

    // Linked items the page did not already show in full (a second guide for the same row).
    std::vector<const Item*> related;
    for (auto& l : linked)
        if (&l != guide && std::find(rows.begin(), rows.end(), &l) == rows.end()) related.push_back(&l);
    if (!related.empty()) {
        ui.heading(ui.str().related);
        for (const Item* r : related)
            ui.card(Route::item(r->id), r->title, ui.str().summary_line(r->kind == ItemKind::Directory, r->summary), r->kind == ItemKind::Guide ? ui.str().guide_tag : "");
    }
    ui.gap(60);
}

}  // namespace gongkai
