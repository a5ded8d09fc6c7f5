// 政策解读 and 回应关切 where other pages meet them: the cards an item or notice page shows for
// the interpretations and responses that name it, the cards an interpretation or response
// shows for what it explains, and the small pieces their pages share.
#include <algorithm>

#include "screens.h"

namespace gongkai {

const Interpretation* find_interpretation(const CatalogueIndex& index, std::string_view id) {
    for (auto& i : index.interpretations)
        if (i.id == id) return &i;
    return nullptr;
}

const Response* find_response(const CatalogueIndex& index, std::string_view id) {
    for (auto& r : index.responses)
        if (r.id == id) return &r;
    return nullptr;
}

std::string category_tag(const UiStrings& str, DisclosureCategory c) {
    if (c == DisclosureCategory::Unset) return {};
    return str.category(c) + str.category_suffix;
}

void paragraphs(Ui& ui, std::string_view text) {
    std::vector<std::string> parts;
    for (size_t b = 0; b <= text.size();) {
        size_t e = std::min(text.find('\n', b), text.size());
        std::string_view p = text.substr(b, e - b);
        while (!p.empty() && (p.back() == '\r' || p.back() == ' ')) p.remove_suffix(1);
        if (!p.empty()) parts.emplace_back(p);
        b = e + 1;
    }
    if (parts.size() == 1) ui.paragraph(parts[0], ui.theme().text);
    else if (!parts.empty()) ui.bullets(parts);
}

void explanations_of(Ui& ui, const ScreenState& s, bool notice, std::string_view target_id) {
    const UiStrings& str = ui.str();
    auto names = [&](const std::vector<std::string>& items, const std::vector<std::string>& notices) {
        const auto& ids = notice ? notices : items;
        return std::find(ids.begin(), ids.end(), target_id) != ids.end();
    };
    bool heading = false;
    for (const Interpretation& i : s.index.interpretations) {
        if (!names(i.items, i.notices) || !in_force(i.valid_from, i.valid_until, s.now)) continue;
        if (!heading) { ui.heading(str.interpretations); heading = true; }
        ui.card(Route::interpretation(i.id), str.catalogue(i.title, "", true),
                i.published.empty() ? std::string() : str.labelled(str.published_on, str.date(i.published)), "");
    }
    heading = false;
    for (const Response& r : s.index.responses) {
        if (!names(r.items, r.notices)) continue;
        if (!heading) { ui.heading(str.responses); heading = true; }
        ui.card(Route::response(r.id), str.catalogue(r.question, "", true), str.catalogue(r.answer, ""), "");
    }
}

void explained_cards(Ui& ui, const ScreenState& s, const std::vector<std::string>& items, const std::vector<std::string>& notices) {
    const UiStrings& str = ui.str();
    bool heading = false;
    auto head = [&] {
        if (!heading) { ui.heading(str.explained); heading = true; }
    };
    for (const std::string& id : items)
        if (const ItemSummary* found = s.items.find(id)) {
            const ItemSummary& item = *found;
            head();
            ui.card(Route::item(item.id), str.catalogue(item.display_title, item.title_en, true),
                    str.summary_line(item.kind == ItemKind::Directory, str.catalogue(item.summary, item.summary_en)),
                    item.kind == ItemKind::Guide ? str.guide_tag : "");
        }
    for (const std::string& id : notices)
        for (const Notice& n : s.index.notices) {
            if (n.id != id || !notice_in_force(n, s.now)) continue;
            head();
            ui.card(Route::notice(n.id), str.catalogue(n.title, n.title_en, true), str.catalogue(n.body, n.body_en), category_tag(str, n.category));
        }
}

}  // namespace gongkai
