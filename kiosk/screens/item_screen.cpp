// Item: the plain-language guide first (what, who, what to bring as a checklist, steps,
// where/when, time limit, fee, workflow), then the disclosure standard as a table.
// A directory row with no guide gets the same plain-language opening, written from its
// standard: what is published, when, by whom, where to see it.
#include <algorithm>

#include "screens.h"
#include "strings.h"

namespace gongkai {

static std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

static void guide_sections(Ui& ui, const Item& item) {
    const ServiceGuide& g = *item.guide;
    const ImU32 ink = ui.theme().text;
    ui.heading(text::kWhat);
    ui.paragraph(g.summary, ink);
    if (!g.eligibility.empty()) { ui.heading(text::kWho); ui.bullets(g.eligibility); }
    if (!g.materials.empty()) { ui.heading(text::kBring); ui.checklist(g.materials); }
    if (!g.steps.empty()) { ui.heading(text::kSteps); ui.numbered(g.steps); }
    if (!g.where.empty()) { ui.heading(text::kWhere); ui.paragraph(g.where, ink); }
    if (!g.time_limit.empty()) { ui.heading(text::kHowLong); ui.paragraph(g.time_limit, ink); }
    if (!g.fee.empty()) { ui.heading(text::kFee); ui.paragraph(g.fee, ink); }
    if (!item.workflow.empty()) {
        ui.heading(text::kWorkflow);
        std::vector<std::string> steps;
        for (auto& w : item.workflow) {
            std::string line = w.step;
            if (!w.actor.empty()) line += "（" + std::string(text::kWorkflowActor) + "：" + w.actor + "）";
            if (!w.detail.empty()) line += "：" + w.detail;
            if (!w.time_limit.empty()) line += "（" + std::string(text::kWorkflowTime) + "：" + w.time_limit + "）";
            steps.push_back(std::move(line));
        }
        ui.numbered(steps);
    }
    if (!g.contacts.empty()) { ui.heading(text::kContacts); ui.bullets(g.contacts); }
    if (!g.basis.empty()) { ui.heading(text::kBasis); ui.bullets(g.basis); }
}

static void standard_sections(Ui& ui, const Item& item) {
    const DisclosureStandard& st = *item.standard;
    ui.heading(text::kPublishes);
    ui.bullets(st.content_elements);
    ui.heading(text::kWhenPublished);
    ui.paragraph(st.time_limit, ui.theme().text);
    ui.heading(text::kWhoPublishes);
    ui.bullets(st.bodies);
    ui.heading(text::kWherePublished);
    ui.bullets(st.channels);
}

static void standard_table(Ui& ui, const Item& item) {
    const DisclosureStandard& st = *item.standard;
    ui.standard_table({
        {text::kStdName, {item.level1 + " / " + item.title}},
        {text::kStdContent, st.content_elements},
        {text::kStdBasis, st.basis},
        {text::kStdTimeLimit, {st.time_limit}},
        {text::kStdBodies, st.bodies},
        {text::kStdChannels, {join(st.channels, "、")}},
        {text::kStdAudience, {join(st.audience, "、")}},
        {text::kStdMode, {join(st.mode, "、")}},
        {text::kStdTier, {join(st.tier, "、")}},
    });
}

void item_screen(Ui& ui, const ScreenState& s) {
    ui.gap(28);
    if (!s.item) {
        ui.paragraph(text::kNotFound, ui.theme().text);
        return;
    }
    const Item& item = *s.item;
    const std::string domain_name = s.index.domain_name(item.domain_id);
    const int domain_index = std::max(0, s.index.domain_index(item.domain_id));
    // The title on the domain's colour, as on its tile: the page is plainly "this item".
    {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        const float width = ImGui::GetContentRegionAvail().x, pad = ui.px(28);
        const float crumb_h = Ui::line_height(ui.fonts().body);
        const float title_h = ui.text_height(item.title, true, 0, width - 2 * pad);
        const float h = pad + crumb_h + ui.px(4) + title_h + pad;
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), domain_color(domain_index), ui.px(18));
        const ImU32 white = ui.theme().on_bar;
        std::string crumb = domain_name + " › " + item.level1 + (item.kind == ItemKind::Guide ? std::string(" · ") + text::kGuideTag : "");
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad), crumb, white, false, 0, width - 2 * pad, 1);
        ui.text_at(ImVec2(pos.x + pad, pos.y + pad + crumb_h + ui.px(4)), item.title, white, true, 0, width - 2 * pad);
        ImGui::Dummy(ImVec2(width, h));
    }

    // The guide to show first: the item itself, or the first guide linked to this row.
    const Item* guide = item.guide ? &item : nullptr;
    for (auto& l : s.linked)
        if (!guide && l.guide) guide = &l;
    if (guide && guide != &item) {
        ui.gap(16);
        ui.paragraph(std::string(text::kGuideIntro) + guide->title, ui.theme().muted);
    }
    if (guide) guide_sections(ui, *guide);
    else if (item.standard) standard_sections(ui, item);

    // The disclosure standard: this row's, or those of the rows a guide links to.
    std::vector<const Item*> rows;
    if (item.standard) rows.push_back(&item);
    for (auto& l : s.linked)
        if (l.standard && !item.standard) rows.push_back(&l);
    for (const Item* row : rows) {
        ui.heading(std::string(text::kStandard) + (rows.size() > 1 || row != &item ? "：" + row->title : ""));
        standard_table(ui, *row);
    }

    // Linked items the page did not already show in full (a second guide for the same row).
    std::vector<const Item*> related;
    for (auto& l : s.linked)
        if (&l != guide && std::find(rows.begin(), rows.end(), &l) == rows.end()) related.push_back(&l);
    if (!related.empty()) {
        ui.heading(text::kRelated);
        for (const Item* r : related)
            ui.card(Route::item(r->id), r->title, r->summary, r->kind == ItemKind::Guide ? text::kGuideTag : "");
    }
    ui.gap(60);
}

}  // namespace gongkai
