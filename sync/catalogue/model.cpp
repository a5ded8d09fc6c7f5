// Small queries over the in-memory model.
#include "model.h"

#include <algorithm>
#include <map>
#include <set>

namespace gongkai {

const Domain* Catalogue::find_domain(std::string_view id) const {
    auto it = std::find_if(domains.begin(), domains.end(), [&](const Domain& d) { return d.id == id; });
    return it == domains.end() ? nullptr : &*it;
}

const Item* Catalogue::find_item(std::string_view id) const {
    auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
    return it == items.end() ? nullptr : &*it;
}

const char* to_string(ItemKind kind) {
    switch (kind) {
    case ItemKind::Directory: return "directory";
    case ItemKind::Guide: return "guide";
    }
    return "directory";
}

std::optional<ItemKind> item_kind_from_string(std::string_view s) {
    if (s == "directory") return ItemKind::Directory;
    if (s == "guide") return ItemKind::Guide;
    return std::nullopt;
}

bool notice_is_current(const Notice& notice, std::string_view today) {
    // ISO dates compare correctly as strings.
    if (!notice.valid_from.empty() && today < notice.valid_from) return false;
    if (!notice.valid_until.empty() && today > notice.valid_until) return false;
    return true;
}

bool notice_has_expired(const Notice& notice, std::string_view today) {
    return !notice.valid_until.empty() && today > notice.valid_until;
}

bool title_names_document_kind(std::string_view title) {
    // The kinds of document the 标准目录 guides list as 二级事项 of a service (the seven
    // pilot domains' directories use these; a department's own wording is caught by the
    // "same title under another 一级事项" rule in display_titles).
    static const std::set<std::string_view> kKinds = {
        "办事指南", "服务指南", "审批信息", "审核信息", "审核审批信息", "审批结果", "审核结果",
        "政策法规文件", "政策文件", "法规文件", "政策法规", "监督检查", "结果公开", "工作流程",
        "办事流程", "政策解读", "咨询服务", "投诉举报", "申请条件", "办理结果"};
    // "办事指南（多项救助合并）": the bracketed tail qualifies the kind, it does not name a service.
    for (std::string_view open : {"（", "("})
        if (size_t at = title.find(open); at != std::string_view::npos && at > 0) title = title.substr(0, at);
    return kKinds.count(title) > 0;
}

std::vector<std::string> display_titles(const std::vector<TitleParts>& rows) {
    // Which 一级事项 each (domain, title) appears under.
    std::map<std::pair<std::string_view, std::string_view>, std::set<std::string_view>> groups;
    for (const TitleParts& r : rows) groups[{r.domain_id, r.title}].insert(r.level1);
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const TitleParts& r : rows) {
        const bool ambiguous = title_names_document_kind(r.title) || groups[{r.domain_id, r.title}].size() > 1;
        // A title that already begins with its group ("公共就业服务专项活动") needs nothing.
        const bool says_group = r.level1.empty() || r.title.substr(0, r.level1.size()) == r.level1;
        out.push_back(ambiguous && !says_group ? std::string(r.level1) + std::string(r.title) : std::string(r.title));
    }
    return out;
}

std::vector<std::string> display_titles(const std::vector<Item>& items) {
    std::vector<TitleParts> rows;
    rows.reserve(items.size());
    for (const Item& i : items) rows.push_back({i.domain_id, i.level1, i.title});
    return display_titles(rows);
}

}  // namespace gongkai
